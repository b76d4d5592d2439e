import { AggregatesModule } from '../aggregates/aggregates.module';
import { UnitsModule } from '../units/units.module';
import { HouseholdsModule } from '../households/households.module';

/** The feature modules, one folder each. */
export const FEATURE_MODULES = [
  UnitsModule,
  AggregatesModule,
  HouseholdsModule,
];
