import { AggregatesModule } from '../aggregates/aggregates.module';
import { UnitsModule } from '../units/units.module';
import { PlansModule } from '../plans/plans.module';
import { ReportsModule } from '../reports/reports.module';

/** The feature modules, one folder each. */
export const FEATURE_MODULES = [
  UnitsModule,
  AggregatesModule,
  PlansModule,
  ReportsModule,
];
