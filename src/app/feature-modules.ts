import { AggregatesModule } from '../aggregates/aggregates.module';
import { ExportsModule } from '../exports/exports.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { AuditModule } from '../audit/audit.module';
import { ProgramModule } from '../program/program.module';
import { PlansModule } from '../plans/plans.module';
import { ReportsModule } from '../reports/reports.module';
import { StandardsModule } from '../standards/standards.module';
import { ReviewsModule } from '../reviews/reviews.module';

/** The feature modules, one folder each. */
export const FEATURE_MODULES = [
  UnitsModule,
  AggregatesModule,
  UsersModule,
  AuditModule,
  ProgramModule,
  ExportsModule,
  PlansModule,
  ReportsModule,
  StandardsModule,
  ReviewsModule,
];
