import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/errors/domain-error';
import type { BreakdownReport, ProgramProgressReport, SummaryReport } from './report-inputs';

/**
 * Where the exports get their figures: the reports module (summary, breakdowns) and the program
 * module (progress). Bound at merge to an adapter over those services
 * (`{ provide: ReportSource, useClass: … }` in ExportsModule); the inputs mirror their JSON.
 * Each method checks the caller's scope itself as the JSON routes do; the export service checks
 * it first anyway.
 */
export abstract class ReportSource {
  /** api.md's summary of a unit and year; a province's districts carry their communes as children. */
  abstract summary(user: AuthUser, unitCode: string, year: number): Promise<SummaryReport>;
  /** Tables 4–13 of the same unit and year, the same tree. */
  abstract breakdowns(user: AuthUser, unitCode: string, year: number): Promise<BreakdownReport>;
  /** The program progress report of a unit and year. */
  abstract programProgress(user: AuthUser, unitCode: string, year: number): Promise<ProgramProgressReport>;
}

/**
 * The binding until the reports and program modules are merged: it says so instead of
 * inventing figures. Replaced at merge (see README "Excel exports").
 */
@Injectable()
export class UnboundReportSource extends ReportSource {
  private fail(): never {
    throw new DomainError('INTERNAL', 'No report source is bound to the exports module');
  }
  summary(): Promise<SummaryReport> {
    return this.fail();
  }
  breakdowns(): Promise<BreakdownReport> {
    return this.fail();
  }
  programProgress(): Promise<ProgramProgressReport> {
    return this.fail();
  }
}
