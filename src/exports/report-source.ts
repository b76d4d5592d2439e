import type { AuthUser } from '../auth/auth-user';
import type { BreakdownReport, ProgramProgressReport, SummaryReport } from './report-inputs';

/**
 * Where the exports get their figures: the reports module (summary, breakdowns) and the program
 * module (progress). Bound in ExportsModule to ServicesReportSource (./services-report-source.ts),
 * which maps their JSON onto the inputs (./report-mapping.ts); tests may bind hand-made figures.
 * Each method checks the caller's scope itself as the JSON routes do; the export service checks
 * it first anyway.
 */
export abstract class ReportSource {
  /** docs/API.md's summary of a unit and year; a province's districts carry their communes as children. */
  abstract summary(user: AuthUser, unitCode: string, year: number): Promise<SummaryReport>;
  /** Tables 4–13 of the same unit and year, the same tree. */
  abstract breakdowns(user: AuthUser, unitCode: string, year: number): Promise<BreakdownReport>;
  /** The program progress report of a unit and year. */
  abstract programProgress(user: AuthUser, unitCode: string, year: number): Promise<ProgramProgressReport>;
}
