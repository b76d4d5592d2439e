import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ProgressService } from '../program/progress.service';
import { ReportsService } from '../reports/reports.service';
import { breakdownReport, BreakdownAnswers, programProgressReport, summaryReport } from './report-mapping';
import type { BreakdownReport, ProgramProgressReport, SummaryReport } from './report-inputs';
import { ReportSource } from './report-source';

/**
 * The exports' ReportSource over the real services: the reports module's summary and breakdowns
 * and the program module's progress, mapped by the pure functions of ./report-mapping. The
 * services check the caller's area themselves (as for the JSON routes).
 *
 * The reports answer one level of children (a district's communes, a province's districts);
 * the nested layout of a province (rows 1.1, 1.2… of each district's communes) asks again for
 * every child district.
 */
@Injectable()
export class ServicesReportSource extends ReportSource {
  constructor(private readonly reports: ReportsService, private readonly progress: ProgressService) {
    super();
  }

  async summary(user: AuthUser, unitCode: string, year: number): Promise<SummaryReport> {
    const top = await this.reports.summary(user, unitCode, year);
    const nested = new Map(await Promise.all(districtsOf(top).map(async (code) => [code, await this.reports.summary(user, code, year)] as const)));
    return summaryReport(top, nested);
  }

  async breakdowns(user: AuthUser, unitCode: string, year: number): Promise<BreakdownReport> {
    const top = await this.answers(user, unitCode, year);
    const nested = new Map(await Promise.all(districtsOf(top.deprivations).map(async (code) => [code, await this.answers(user, code, year)] as const)));
    return breakdownReport(top, nested);
  }

  async programProgress(user: AuthUser, unitCode: string, year: number): Promise<ProgramProgressReport> {
    return programProgressReport(await this.progress.progress(user, { unit: unitCode, year }));
  }

  private async answers(user: AuthUser, unitCode: string, year: number): Promise<BreakdownAnswers> {
    const [deprivations, targetGroups, ethnicGroups, causes, children, multidimensional] = await Promise.all(
      (['deprivations', 'target-groups', 'ethnic-groups', 'causes', 'children', 'multidimensional'] as const).map((t) => this.reports.breakdown(user, unitCode, year, t)),
    );
    return { deprivations, targetGroups, ethnicGroups, causes, children, multidimensional };
  }
}

/** The child districts of a province's report (whose communes the nested layout shows). */
function districtsOf(report: { unit: { level: string }; children?: { unit: { code: string; level: string } }[] }): string[] {
  if (report.unit.level !== 'province') return [];
  return (report.children ?? []).filter((c) => c.unit.level === 'district').map((c) => c.unit.code);
}
