import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Workbook } from 'exceljs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { maskIdNumber } from '../auth/masking';
import { ScopeService } from '../auth/scope.service';
import { DomainError, notFound } from '../common/errors/domain-error';
import { ExportsRepository, ListQueryRow, ListRound, UnitForYear } from './exports.repository';
import { ReportSource } from './report-source';
import { HouseholdListWriter, ListClass, ListHousehold, listEntry, RELATION_VI } from './workbooks/household-list';
import { buildProgramProgressWorkbook } from './workbooks/program-progress';
import { buildCertificatesWorkbook, buildPostingWorkbook } from './workbooks/round-lists';
import { buildSummaryWorkbook, countUnits } from './workbooks/summary-workbook';

export interface XlsxFile {
  fileName: string;
  buffer: Buffer;
}

/** What a detailed list will cover, settled (scope, unit, rounds) before the first byte is sent. */
export interface HouseholdListPlan {
  unit: UnitForYear;
  year: number;
  cls: ListClass;
  communes: { communeCode: string; communeName: string; round: ListRound | null }[];
  fileName: string;
}

/** Households per page of the detailed list (one query per page, the next one fetched while this one is written). */
export const LIST_PAGE_SIZE = 500;

/** Groups the rows of a page (one per member) into households, in order. */
export function groupListRows(
  rows: ListQueryRow[],
  cls: ListClass,
  names: { ethnic: Map<string, string>; villages: Map<string, string> },
): ListHousehold[] {
  const out: ListHousehold[] = [];
  let current: ListHousehold | null = null;
  let currentId = -1;
  for (const r of rows) {
    if (r.householdId !== currentId) {
      currentId = r.householdId;
      current = {
        head: { name: r.headName, sex: r.headSex, birthYear: r.headBirthYear, ethnicity: names.ethnic.get(r.headEthnicity) ?? r.headEthnicity, relation: RELATION_VI.head },
        village: names.villages.get(r.villageKey) ?? null,
        entry: listEntry(cls, r.move),
        meritorious: r.meritorious === true,
        ethnicMinority: r.ethnicMinority === true,
        noLabour: r.noLabour === true,
        supportNeeds: r.supportNeeds ?? [],
        members: [],
      };
      out.push(current);
    }
    if (r.memberName !== null && current) {
      current.members.push({
        name: r.memberName,
        sex: r.memberSex ?? 'male',
        birthYear: r.memberBirthYear,
        ethnicity: r.memberEthnicity ? names.ethnic.get(r.memberEthnicity) ?? r.memberEthnicity : null,
        relation: RELATION_VI[r.memberRelation ?? 'other'] ?? RELATION_VI.other,
      });
    }
  }
  return out;
}

/**
 * The Excel exports: the official report workbook, the detailed lists (streamed), a round's
 * posting list and certificates, the program progress report. Each checks the caller's area
 * first and leaves an audit record (action `export`: who, what, how many rows).
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('Exports');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ExportsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly source: ReportSource,
  ) {}

  /** GET /api/reports/summary.xlsx: tables 1–13 and the plan sheet of a unit and year. */
  async summary(user: AuthUser, unitCode: string, year: number): Promise<XlsxFile> {
    await this.scope.assertRead(user, [unitCode]);
    const [summary, breakdowns] = await Promise.all([this.source.summary(user, unitCode, year), this.source.breakdowns(user, unitCode, year)]);
    const wb = buildSummaryWorkbook(summary, breakdowns);
    const file = { fileName: `Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo - ${summary.unit.name} - ${year}.xlsx`, buffer: await toBuffer(wb) };
    await this.record(user, 'summary-report', `${unitCode}/${year}`, unitCode, { file: file.fileName, year, sheets: wb.worksheets.length, rows: countUnits(summary) });
    return file;
  }

  /** The program progress report of a unit and year. */
  async programProgress(user: AuthUser, unitCode: string, year: number): Promise<XlsxFile> {
    await this.scope.assertRead(user, [unitCode]);
    const report = await this.source.programProgress(user, unitCode, year);
    const wb = buildProgramProgressWorkbook(report);
    const file = { fileName: `Tiến độ chương trình giảm nghèo - ${report.unit.name} - ${year}.xlsx`, buffer: await toBuffer(wb) };
    const rows = report.projects.reduce((s, p) => s + 1 + (p.children?.length ?? 0), 0);
    await this.record(user, 'program-progress', `${unitCode}/${year}`, unitCode, { file: file.fileName, year, rows });
    return file;
  }

  /** The list of a round for public posting (after the village meeting). */
  async postingList(user: AuthUser, roundId: number): Promise<XlsxFile> {
    const round = await this.repo.round(roundId);
    if (!round) throw notFound('đợt rà soát', roundId);
    await this.scope.assertRead(user, [round.communeCode]);
    if (!['meeting', 'posted', 'opinion', 'decided', 'reported'].includes(round.status)) {
      throw new DomainError('BUSINESS_RULE', `The results of round ${roundId} are posted after the village meeting; the round is ${round.status}`, [
        { field: 'status', message: `round is ${round.status}` },
      ]);
    }
    const rows = await this.repo.postingRows(round);
    const { workbook, households } = buildPostingWorkbook(round, rows);
    const file = { fileName: `Danh sách niêm yết hộ nghèo, hộ cận nghèo - ${round.communeName} - ${round.year}.xlsx`, buffer: await toBuffer(workbook) };
    await this.record(user, 'posting-list', roundId, round.communeCode, { file: file.fileName, year: round.year, rows: households });
    return file;
  }

  /** The certificates (Mẫu 03) a decided round issued. */
  async certificates(user: AuthUser, roundId: number): Promise<XlsxFile> {
    const round = await this.repo.round(roundId);
    if (!round) throw notFound('đợt rà soát', roundId);
    await this.scope.assertRead(user, [round.communeCode]);
    if (round.status !== 'decided' && round.status !== 'reported') {
      throw new DomainError('BUSINESS_RULE', `Round ${roundId} is not decided: certificates are issued by the chairman's decision`, [
        { field: 'status', message: `round is ${round.status}` },
      ]);
    }
    const { rows, members } = await this.repo.certificates(roundId);
    const wb = buildCertificatesWorkbook(round, rows, members, (id) => maskIdNumber(id, user));
    const file = { fileName: `Giấy chứng nhận hộ nghèo, hộ cận nghèo - ${round.communeName} - ${round.year}.xlsx`, buffer: await toBuffer(wb) };
    await this.record(user, 'certificates', roundId, round.communeCode, { file: file.fileName, year: round.year, rows: rows.length });
    return file;
  }

  /** Settles what a detailed list covers; throws (before anything is sent) if it cannot be made. */
  async planHouseholdList(user: AuthUser, unitCode: string, year: number, cls: ListClass): Promise<HouseholdListPlan> {
    await this.scope.assertRead(user, [unitCode]);
    const unit = await this.repo.unitForYear(unitCode, year);
    if (!unit) throw notFound('đơn vị', unitCode);
    if (unit.level === 'village') {
      throw new DomainError('VALIDATION_FAILED', 'unit: a detailed list is made for a commune, a district or a province', [
        { field: 'unit', message: 'a village has no review round of its own' },
      ]);
    }
    const communes = await this.repo.communeRounds(unit.code, unit.onDate, year);
    const word = cls === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo';
    return { unit, year, cls, communes, fileName: `Danh sách chi tiết ${word} - ${unit.name} - ${year}.xlsx` };
  }

  /**
   * Streams the detailed list into `out` (the HTTP response): pages of households by keyset,
   * the next page fetched while the current one is written, each page handed to the zip only
   * when it has caught up. The audit record is written when the file is complete (or, noting
   * it, when the client went away).
   */
  async streamHouseholdList(user: AuthUser, plan: HouseholdListPlan, out: Writable): Promise<void> {
    let aborted = false;
    const closed = new Promise<void>((resolve) => out.once('close', () => {
      if (!out.writableFinished) aborted = true;
      resolve();
    }));
    const withRounds = plan.communes.filter((c) => c.round);
    const [ethnic, villages] = await Promise.all([this.repo.ethnicNames(), this.repo.villageNames(withRounds.map((c) => c.communeCode))]);
    const first = withRounds[0]?.round;
    const writer = new HouseholdListWriter(out, {
      unit: plan.unit, cls: plan.cls, year: plan.year, listYear: first?.listYear ?? null, standard: first?.standardCode ?? null,
    });
    const sections = plan.unit.level !== 'commune';
    let pending: Promise<unknown> | undefined;
    try {
      for (const c of withRounds) {
        if (sections) writer.commune(c.communeName);
        let next = this.repo.listPage(c.round!.id, plan.cls, null, LIST_PAGE_SIZE);
        for (;;) {
          const rows = await next;
          if (aborted) break;
          const households = groupListRows(rows, plan.cls, { ethnic, villages });
          const full = households.length === LIST_PAGE_SIZE;
          if (full) {
            const last = rows[rows.length - 1];
            next = this.repo.listPage(c.round!.id, plan.cls, { villageKey: last.villageKey, householdId: last.householdId }, LIST_PAGE_SIZE);
            pending = next;
          }
          for (const h of households) writer.household(h);
          await writer.drain(closed);
          if (!full || aborted) break;
        }
        if (aborted) break;
      }
    } catch (err) {
      pending?.catch(() => undefined);
      throw err;
    }
    const unitCode = plan.unit.code;
    const what = { file: plan.fileName, year: plan.year, class: plan.cls };
    if (aborted) {
      pending?.catch(() => undefined);
      await this.record(user, 'household-list', `${unitCode}/${plan.year}/${plan.cls}`, unitCode, { ...what, rows: writer.households, persons: writer.persons }, 'client disconnected before the end');
      return;
    }
    const missing = plan.communes.filter((c) => !c.round).map((c) => c.communeName);
    const notes = missing.length ? [`Đơn vị chưa có kết quả rà soát được phê duyệt năm ${plan.year}: ${missing.join(', ')}.`] : [];
    const totals = await writer.finish(notes);
    await Promise.race([finished(out).catch(() => undefined), closed]);
    await this.record(user, 'household-list', `${unitCode}/${plan.year}/${plan.cls}`, unitCode, { ...what, rows: totals.households, persons: totals.persons },
      aborted ? 'client disconnected before the end' : null);
    this.logger.log(`household list ${unitCode}/${plan.year}/${plan.cls}: ${totals.households} households, ${totals.persons} persons`);
  }

  private async record(user: AuthUser, entity: string, entityId: string | number, unitCode: string, newValue: Record<string, unknown>, note: string | null = null): Promise<void> {
    await this.ds.transaction((m) => this.audit.record(m, user, { action: 'export', entity, entityId, unitCode, newValue, note }));
  }
}

async function toBuffer(wb: Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
