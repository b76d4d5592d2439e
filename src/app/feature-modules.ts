import { AggregatesModule } from '../aggregates/aggregates.module';
import { UnitsModule } from '../units/units.module';
import { StandardsModule } from '../standards/standards.module';
import { ReviewsModule } from '../reviews/reviews.module';

/** The feature modules, one folder each. */
export const FEATURE_MODULES = [
  UnitsModule,
  AggregatesModule,
  StandardsModule,
  ReviewsModule,
];
