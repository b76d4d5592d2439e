import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AggregatesService } from '../aggregates/aggregates.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError, FieldProblem, notFound } from '../common/errors/domain-error';
import { StandardsService } from '../standards/standards.service';
import { CLASS_VI } from '../standards/domain/classify';
import { DecisionRepository, StartRound } from './decision.repository';
import { householdMovement, reconciliationErrors, tallyMovement } from './domain/movement';
import { listYearOf } from './domain/round-state';
import { roundView } from './reviews.common';
import { BaselineDto, DecideDto } from './rounds.dto';
import { RoundRow, RoundsRepository } from './rounds.repository';
import { RoundsService, todayVn } from './rounds.service';

export interface DecisionSummary {
  results: number;
  poor: number;
  nearPoor: number;
  totalHouseholds: number;
  totalHouseholdsSource: 'entered' | 'register';
  totalPersons: number;
  totalPersonsSource: 'entered' | 'register';
  startRoundIds: number[];
  hasMovement: boolean;
  movementRows: number;
  certificates: number;
}

const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/**
 * Deciding a round (the commune chairman's decision, Decision 24 Art. 4.5 / 5) in one transaction:
 * the checks (dates, complaints, register, completeness, totals), the snapshot of the register,
 * the class on the list before, the movement against the previous round under the same standard,
 * the certificates (Mẫu 03), then the aggregates. And the import of a decided baseline list.
 */
@Injectable()
export class DecisionService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: DecisionRepository,
    private readonly rounds: RoundsRepository,
    private readonly roundsService: RoundsService,
    private readonly standards: StandardsService,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly aggregates: AggregatesService,
  ) {}

  decide(user: AuthUser, id: number, dto: DecideDto) {
    let summary: DecisionSummary | undefined;
    return this.roundsService
      .transition(user, id, 'decide', dto.version, async (round, _to, m) => {
        const D = dto.decisionDate;
        if (D > todayVn()) throw new DomainError('BUSINESS_RULE', 'decisionDate: không được ở tương lai', [{ field: 'decisionDate', message: 'ở tương lai', value: D }]);
        if (round.postingEnd && D < round.postingEnd) {
          throw new DomainError('BUSINESS_RULE', `decisionDate: danh sách còn niêm yết đến ${round.postingEnd}`, [{ field: 'decisionDate', message: 'trước khi hết thời gian niêm yết', value: D }]);
        }
        if (round.opinionDate && D < round.opinionDate) {
          throw new DomainError('BUSINESS_RULE', `decisionDate: trước ngày có ý kiến ${round.opinionDate}`, [{ field: 'decisionDate', message: 'trước ngày có ý kiến', value: D }]);
        }
        const open = await this.rounds.openComplaints(id, m);
        if (open.length) {
          throw new DomainError('BUSINESS_RULE', `Còn ${open.length} khiếu nại chưa phúc tra`, open.map((c) => ({ field: 'complaints', message: 'chưa phúc tra', complaintId: c.id })));
        }
        summary = await this.applyDecision(m, round, D, { totalHouseholds: dto.totalHouseholds, totalPersons: dto.totalPersons });
        return {
          set: {
            decision_number: dto.decisionNumber, decision_date: D, decided_at: new Date().toISOString(), decided_by: user.username,
            total_households: summary.totalHouseholds, total_households_source: summary.totalHouseholdsSource,
            total_persons: summary.totalPersons, total_persons_source: summary.totalPersonsSource,
            has_movement: summary.hasMovement, start_round_ids: summary.startRoundIds,
          },
          data: { decisionNumber: dto.decisionNumber, decisionDate: D, ...summary },
        };
      }, {}, (m, decided) => this.aggregates.rebuildRound(m, decided.id))
      .then(async (view) => {
        return { ...view, decision: summary };
      });
  }

  /**
   * Everything a decision writes except the round's own columns, in the caller's transaction.
   * The round's columns and status are written right after (RoundsService.transition), then the
   * aggregates are rebuilt (AggregatesService.rebuildRound), all in the same transaction.
   */
  private async applyDecision(m: EntityManager, round: RoundRow, D: string, totals: { totalHouseholds?: number; totalPersons?: number }): Promise<DecisionSummary> {
    const base = await this.repo.classTotals(m, round.id);
    if (base.results === 0) throw new DomainError('BUSINESS_RULE', 'Đợt rà soát chưa có kết quả nào để quyết định', [{ field: 'results', message: 'chưa có kết quả' }]);

    const inactive = await this.repo.inactiveResults(m, round.id, D);
    if (inactive.length) {
      throw new DomainError('HOUSEHOLD_INACTIVE', `${inactive.length} kết quả thuộc hộ không còn trong sổ quản lý vào ngày ${D}: hãy xóa trước khi quyết định`,
        inactive.map((h) => ({ field: 'householdId', message: `${h.status} since ${h.statusDate}`, householdId: h.householdId, code: h.code })));
    }

    let start: StartRound[] = [];
    if (round.kind === 'periodic') {
      // Art. 4.1: every household on the current list is reviewed (whatever standard made the list)
      const previous = await this.repo.startRounds(m, round.communeCode, round.year, null);
      if (previous.length) {
        const missing = await this.repo.missingResults(m, round.id, previous.map((p) => p.id), D);
        if (missing.total) {
          throw new DomainError('RESULTS_MISSING', `${missing.total} hộ trong danh sách kỳ trước, vẫn còn trong sổ quản lý, chưa có kết quả trong đợt rà soát này`,
            missing.sample.map((h) => ({ field: 'householdId', message: `on the previous list as ${h.startClass}, no result`, ...h })));
        }
      }
      // movement only between rounds under the same standard (the first one is a baseline)
      start = await this.repo.startRounds(m, round.communeCode, round.year, round.standardCode);
    }

    const total = await this.totals(m, round, D, totals);
    await this.repo.finalize(m, round.id, round.communeCode, round.listYear, D);
    await this.assertTotals(m, round, total);

    let movementRows = 0;
    if (start.length) {
      const facts = await this.repo.movementFacts(m, round.id, start, D, round.standardCode);
      const rows = facts.map((f) => ({ ...f, ...householdMovement(f) }));
      const problems = reconciliationErrors(tallyMovement(rows));
      if (problems.length) throw new DomainError('REPORT_INCONSISTENT', `Biến động của đợt rà soát ${round.id} không khớp: ${problems.join('; ')}`);
      await this.repo.insertMovement(m, round.id, rows);
      movementRows = rows.length;
    }
    await this.repo.decideApplications(m, round.id, D);
    const after = await this.repo.classTotals(m, round.id);
    return {
      results: after.results, poor: after.poor, nearPoor: after.nearPoor,
      totalHouseholds: total.households, totalHouseholdsSource: total.householdsSource,
      totalPersons: total.persons, totalPersonsSource: total.personsSource,
      startRoundIds: start.map((s) => s.id), hasMovement: start.length > 0, movementRows, certificates: after.poor + after.nearPoor,
    };
  }

  /** The entered totals, or the register's on the decision date (said so in the round). */
  private async totals(m: EntityManager, round: RoundRow, D: string, given: { totalHouseholds?: number; totalPersons?: number }) {
    const households = given.totalHouseholds ?? round.totalHouseholds;
    const persons = given.totalPersons ?? round.totalPersons;
    const register = households == null || persons == null ? await this.repo.registerTotals(m, round.communeCode, D) : null;
    return {
      households: households ?? register!.households,
      householdsSource: (households == null ? 'register' : 'entered') as 'entered' | 'register',
      persons: persons ?? register!.persons,
      personsSource: (persons == null ? 'register' : 'entered') as 'entered' | 'register',
    };
  }

  /** Poor + near-poor can never exceed the commune's total, in households or persons (docs/RULES.md §3). */
  private async assertTotals(m: EntityManager, round: RoundRow, total: { households: number; householdsSource: string; persons: number; personsSource: string }) {
    if (round.kind === 'regular') return; // a regular round amends a few households of the list
    const c = await this.repo.classTotals(m, round.id);
    const details: FieldProblem[] = [];
    if (c.poor + c.nearPoor > total.households) {
      details.push({ field: 'totalHouseholds', message: `poor ${c.poor} + near-poor ${c.nearPoor} > ${total.households} households (${total.householdsSource})`, poor: c.poor, nearPoor: c.nearPoor, total: total.households, source: total.householdsSource });
    }
    if (c.poorPersons + c.nearPoorPersons > total.persons) {
      details.push({ field: 'totalPersons', message: `poor ${c.poorPersons} + near-poor ${c.nearPoorPersons} persons > ${total.persons} (${total.personsSource})`, poor: c.poorPersons, nearPoor: c.nearPoorPersons, total: total.persons, source: total.personsSource });
    }
    if (details.length) throw new DomainError('TOTALS_EXCEEDED', `Số hộ nghèo và cận nghèo vượt tổng số của xã: ${details.map((d) => d.message).join('; ')}`, details);
  }

  /**
   * A new deployment's start: last year's decided lists (poor and near-poor households with their
   * class) become a decided baseline round. The class is a fact of decision X, not computed.
   */
  async importBaseline(user: AuthUser, dto: BaselineDto) {
    return this.ds.transaction(async (m) => {
      await this.scope.assertWrite(user, 'register', [dto.communeCode], m);
      if (dto.decisionDate > todayVn()) throw new DomainError('BUSINESS_RULE', 'decisionDate: không được ở tương lai', [{ field: 'decisionDate', message: 'ở tương lai' }]);
      const commune = await this.rounds.commune(dto.communeCode, dto.decisionDate, m);
      if (!commune) throw notFound('xã', dto.communeCode);
      if (commune.level !== 'commune' || !commune.areaType) {
        throw new DomainError('VALIDATION_FAILED', `communeCode: ${dto.communeCode} không phải là xã có khu vực (nông thôn/thành thị)`, [{ field: 'communeCode', message: 'không phải xã' }]);
      }
      const listYear = listYearOf('baseline', dto.year);
      const { standard } = await this.standards.forListYear(listYear, m);
      const same = await this.rounds.findSame(dto.communeCode, dto.year, 'baseline', null, m);
      if (same) throw new DomainError('DUPLICATE', `Xã ${dto.communeCode} đã có đợt rà soát định kỳ hoặc danh sách ban đầu năm ${dto.year} (đợt ${same})`, [{ field: 'year', message: `đã có đợt ${same}` }]);

      // resolve every row; report every bad one
      const hh: { id: number; code: string; registered_on: string; status: string; status_date: string | null }[] = await m.query(
        `SELECT id, code, registered_on, status, status_date FROM household WHERE commune_code = $1`, [dto.communeCode]);
      const byCode = new Map(hh.map((h) => [h.code.trim().toLowerCase(), h]));
      const byId = new Map(hh.map((h) => [h.id, h]));
      const errors: FieldProblem[] = [];
      const seen = new Set<number>();
      const rows: { id: number; cls: 'poor' | 'near_poor'; cert: string | null }[] = [];
      dto.households.forEach((r, i) => {
        const row = i + 1;
        const h = r.householdId ? byId.get(r.householdId) : r.code ? byCode.get(r.code.trim().toLowerCase()) : undefined;
        if (!r.householdId && !r.code) return errors.push({ row, column: 'code', field: `households.${i}.code`, message: 'code or householdId required' });
        if (!h) return errors.push({ row, column: 'code', field: `households.${i}.code`, message: `no household ${r.code ?? r.householdId} in commune ${dto.communeCode}`, value: r.code ?? r.householdId });
        if (seen.has(h.id)) return errors.push({ row, column: 'code', field: `households.${i}.code`, message: `household ${h.code} listed twice`, value: h.code });
        seen.add(h.id);
        const active = h.registered_on <= dto.decisionDate && (h.status === 'active' || (h.status_date ?? '') > dto.decisionDate);
        if (!active) return errors.push({ row, column: 'code', field: `households.${i}.code`, message: `household ${h.code} was not on the register on ${dto.decisionDate}`, value: h.code });
        rows.push({ id: h.id, cls: r.class, cert: r.certificateNumber ?? null });
      });
      if (errors.length) throw new DomainError('IMPORT_INVALID', `${errors.length} dòng của danh sách ban đầu không hợp lệ; chưa ghi dữ liệu nào`, errors);

      const id = await this.rounds.insert({
        communeCode: dto.communeCode, year: dto.year, kind: 'baseline', month: null, listYear, standardCode: standard.code, status: 'decided',
        startedOn: null, decideBy: null, totalHouseholds: dto.totalHouseholds ?? null, totalPersons: dto.totalPersons ?? null,
        opinionRequired: false, opinionBy: null, note: `Danh sách nhập làm mốc đầu kỳ theo Quyết định số ${dto.decisionNumber}`, isDemo: false,
        createdBy: user.username, decisionNumber: dto.decisionNumber, decisionDate: dto.decisionDate,
      }, m);
      const explanation = (cls: 'poor' | 'near_poor') =>
        `Danh sách ${cls === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'} đã được công nhận theo Quyết định số ${dto.decisionNumber} ngày ${vnDate(dto.decisionDate)}; ` +
        `nhập làm mốc đầu kỳ (danh sách năm ${listYear}, chuẩn ${standard.code}). Phân loại là kết quả đã quyết định, không tính lại từ phiếu rà soát. ` +
        `Kết luận: ${CLASS_VI[cls]}.`;
      await m.query(
        `INSERT INTO review_result (round_id, household_id, standard_code, area_type, source, computed_class, decided_class, explanation,
                                    certificate_number, is_demo, updated_by)
         SELECT $1, t.id, $2, $3, 'imported', NULL, t.cls, t.explanation, t.cert, $4, $5
           FROM jsonb_to_recordset($6::jsonb) AS t(id int, cls varchar, explanation text, cert varchar)`,
        [id, standard.code, commune.areaType, false, user.username,
          JSON.stringify(rows.map((r) => ({ id: r.id, cls: r.cls, explanation: explanation(r.cls), cert: r.cert })))],
      );
      const round = (await this.rounds.find(id, m))!;
      const total = await this.totals(m, round, dto.decisionDate, {});
      await this.repo.finalize(m, id, dto.communeCode, listYear, dto.decisionDate);
      await this.assertTotals(m, round, total);
      await m.query(
        `UPDATE review_round SET decision_number = $2, decision_date = $3, decided_at = now(), decided_by = $4,
                total_households = $5, total_households_source = $6, total_persons = $7, total_persons_source = $8
          WHERE id = $1`,
        [id, dto.decisionNumber, dto.decisionDate, user.username, total.households, total.householdsSource, total.persons, total.personsSource],
      );
      await this.rounds.addEvent(id, null, 'decided', user.username, { action: 'import-baseline', decisionNumber: dto.decisionNumber, households: rows.length }, m);
      await this.aggregates.rebuildRound(m, id);
      const saved = (await this.rounds.find(id, m))!;
      const counts = await this.rounds.classCounts(id, m);
      await this.audit.record(m, user, { action: 'import', entity: 'review_round', entityId: id, unitCode: dto.communeCode, newValue: { kind: 'baseline', ...counts, decisionNumber: dto.decisionNumber } });
      return roundView({ ...saved, communeName: commune.name }, { counts });
    });
  }
}
