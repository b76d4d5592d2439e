import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { ClassificationError, QuickScreen } from '../standards/domain/classify';
import { StandardsService } from '../standards/standards.service';
import { StandardView } from '../standards/standards.repository';
import type { MemberFacts } from './domain/deprivations';
import { BuiltResult, buildResult, ResultContext, ResultInput } from './domain/result';
import { bumpVersioned, checkVersion, versionConflict } from '../common/db/optimistic';
import { assertFound, assertNotFrozen, referenceDate, rethrowDomain, resultView } from './reviews.common';
import { PutResultDto, ResultListQuery } from './results.dto';
import { HouseholdRef, ResultRecord, ResultsRepository } from './results.repository';
import { RoundRow, RoundsRepository } from './rounds.repository';

/** What classification of a round's results needs, resolved once per operation. */
export interface RoundContext extends ResultContext {
  round: RoundRow;
  standard: StandardView;
  localStandard: StandardView | null;
}

/** One household's collected inputs for a bulk write (import, demo). */
export interface BulkResultRow {
  householdId: number;
  quickScreen?: QuickScreen | null;
  b1Score?: number | null;
  incomePerCapita?: number | null;
  enteredDeprivations?: string[] | null;
  farmAverage?: boolean;
  causes?: number[];
  supportNeeds?: string[];
}

export interface PreparedBulk {
  records: ResultRecord[];
  /** rule refusals by row index (the caller maps them to sheet rows and columns) */
  errors: { index: number; field: string; message: string; value?: unknown }[];
}

/**
 * Review results: one per household per round, classified by the rules of the round's standard
 * from what was collected, with the explanation, the local classification and the meeting's
 * override. Single writes (PUT) and the bulk path (imports, demo) share `prepare` + `write`.
 */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ResultsRepository,
    private readonly rounds: RoundsRepository,
    private readonly standards: StandardsService,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** The standard, local standard, area type and reference date of a round. */
  async contextFor(round: RoundRow, manager?: EntityManager): Promise<RoundContext> {
    const { standard, rules } = await this.standards.byCode(round.standardCode, manager);
    const on = referenceDate(round);
    const commune = await this.rounds.commune(round.communeCode, on, manager);
    if (!commune?.areaType) {
      throw new DomainError('BUSINESS_RULE', `Xã ${round.communeCode} chưa có khu vực (nông thôn/thành thị) vào ngày ${on}: không chọn được chuẩn nghèo`, [{ field: 'communeCode', message: 'chưa có khu vực' }]);
    }
    const local = await this.standards.localForCommune(round.communeCode, round.listYear, on, manager);
    return { round, standard, rules, local: local?.rules ?? null, localStandard: local?.standard ?? null, areaType: commune.areaType, referenceDate: on };
  }

  async get(user: AuthUser, roundId: number, householdId: number) {
    const round = assertFound(await this.rounds.find(roundId), 'đợt rà soát', roundId);
    await this.scope.assertRead(user, [round.communeCode]);
    const row = assertFound(await this.repo.find(roundId, householdId), 'kết quả rà soát của hộ', householdId);
    return resultView(row);
  }

  async list(user: AuthUser, roundId: number, q: ResultListQuery): Promise<Page<unknown>> {
    const round = assertFound(await this.rounds.find(roundId), 'đợt rà soát', roundId);
    await this.scope.assertRead(user, [round.communeCode]);
    const { items, total } = await this.repo.list(
      roundId,
      { decidedClass: q.class, computedClass: q.computedClass, village: q.village, overridden: q.overridden, deprivation: q.deprivation, cause: q.cause, farmAverage: q.farmAverage },
      { limit: q.pageSize, offset: q.offset },
    );
    return page(items.map(resultView), total, q);
  }

  /** Locks the round for a write of its results (shared: a decision waits) and checks scope and freeze. */
  async roundForWrite(user: AuthUser, roundId: number, m: EntityManager, lock: 'share' | 'update' = 'share'): Promise<RoundRow> {
    const round = assertFound(await this.rounds.find(roundId, m, lock), 'đợt rà soát', roundId);
    await this.scope.assertWrite(user, 'register', [round.communeCode], m);
    assertNotFrozen(round);
    return round;
  }

  /**
   * Households a round's results may be written for: in the commune, still on the register when
   * the round started (one that leaves before the decision must be removed then), and on a
   * regular round's list.
   */
  async checkHouseholds(round: RoundRow, households: HouseholdRef[], m: EntityManager): Promise<Map<number, string>> {
    const problems = new Map<number, string>();
    const on = referenceDate(round);
    for (const h of households) {
      if (h.communeCode !== round.communeCode) problems.set(h.id, `household ${h.code} belongs to commune ${h.communeCode}, not ${round.communeCode}`);
      else if (h.status !== 'active' && (h.statusDate ?? '') <= on) problems.set(h.id, `household ${h.code} is no longer on the register (${h.status} since ${h.statusDate})`);
    }
    if (round.kind === 'regular') {
      // Decision 24 Art. 5: a regular review is held on the household's application (Mẫu 01 / Mẫu 04)
      const listed = await this.repo.onRoundList(round.id, households.map((h) => h.id), m);
      for (const h of households) {
        if (!problems.has(h.id) && !listed.has(h.id)) problems.set(h.id, `household ${h.code} has no Mẫu 01 / Mẫu 04 application on this regular round's list`);
      }
    }
    return problems;
  }

  /** Classifies rows without writing (every rule refusal collected). */
  prepare(
    ctx: RoundContext,
    rows: BulkResultRow[],
    members: Map<number, MemberFacts[]>,
    existing: Map<number, { decidedClass: string; overrideReason: string | null; overrideBy: string | null; overrideAt: string | null }>,
    actor: string,
  ): PreparedBulk {
    const records: ResultRecord[] = [];
    const errors: PreparedBulk['errors'] = [];
    rows.forEach((r, index) => {
      const ex = existing.get(r.householdId);
      // an override decided by the meeting survives a re-import of the survey inputs
      const input: ResultInput = {
        quickScreen: r.quickScreen, b1Score: r.b1Score, incomePerCapita: r.incomePerCapita, enteredDeprivations: r.enteredDeprivations,
        decidedClass: ex?.overrideReason ? (ex.decidedClass as ResultInput['decidedClass']) : null,
        overrideReason: ex?.overrideReason ?? null,
      };
      try {
        const built = buildResult(ctx, input, members.get(r.householdId) ?? []);
        records.push(this.record(ctx, r, built, actor, built.overridden ? { by: ex?.overrideBy ?? actor, at: ex?.overrideAt ?? null } : null, ex?.overrideReason));
      } catch (e) {
        if (!(e instanceof ClassificationError)) throw e;
        errors.push({ index, field: e.field, message: e.message, value: e.value });
      }
    });
    return { records, errors };
  }

  private record(ctx: RoundContext, r: BulkResultRow, b: BuiltResult, actor: string, override: { by: string; at: string | null } | null, reason?: string | null): ResultRecord {
    return {
      household_id: r.householdId,
      standard_code: ctx.standard.code,
      area_type: ctx.areaType,
      quick_screen: r.quickScreen ?? null,
      b1_score: r.b1Score ?? null,
      income_per_capita: r.incomePerCapita ?? null,
      entered_deprivations: b.enteredDeprivations,
      derived_deprivations: b.derivedDeprivations,
      derived_assessed: b.derivedAssessed,
      deprivations: b.deprivations,
      deprivation_count: b.deprivationCount,
      b2_score: b.b2Score,
      computed_class: b.computedClass,
      decided_class: b.decidedClass,
      override_reason: b.overridden ? (reason ?? null) : null,
      override_by: b.overridden ? override?.by ?? actor : null,
      override_at: b.overridden ? override?.at ?? new Date().toISOString() : null,
      local_standard_code: b.localStandardCode,
      local_class: b.localClass,
      local_explanation: b.localExplanation,
      farm_average: r.farmAverage ?? false,
      causes: [...new Set(r.causes ?? [])].sort((a, z) => a - z),
      support_needs: [...new Set(r.supportNeeds ?? [])],
      explanation: b.explanation,
      income_basis: b.incomeBasis,
      poverty_line: b.povertyLine,
      average_upper: b.averageUpper,
      b1_cutoff: b.b1Cutoff,
      is_demo: ctx.round.isDemo,
      updated_by: actor,
    };
  }

  /**
   * The bulk path (Excel import, demo): classifies every row and writes them in batches inside the
   * caller's transaction; all or nothing. Rule refusals throw IMPORT_INVALID naming the rows.
   */
  async writeMany(m: EntityManager, user: AuthUser, round: RoundRow, rows: BulkResultRow[], ctx?: RoundContext): Promise<{ created: number; updated: number; overridesKept: number }> {
    const context = ctx ?? (await this.contextFor(round, m));
    const ids = rows.map((r) => r.householdId);
    const members = await this.repo.members(ids.length > 500 ? { communeCode: round.communeCode } : { householdIds: ids }, m);
    const existing = await this.repo.existing(round.id, ids.length > 500 ? null : ids, m);
    const prepared = this.prepare(context, rows, members, existing, user.username);
    if (prepared.errors.length) {
      throw new DomainError('IMPORT_INVALID', `${prepared.errors.length} kết quả không phân loại được; chưa ghi dữ liệu nào`,
        prepared.errors.map((e) => ({ row: e.index + 1, field: e.field, message: e.message, householdId: rows[e.index].householdId })));
    }
    const { created, updated } = await this.repo.upsertMany(round.id, prepared.records, m);
    return { created, updated, overridesKept: prepared.records.filter((r) => r.override_reason).length };
  }

  /**
   * The bulk path as a service call (the demo, tools): every row checked and classified, written
   * in one transaction with one audit record; all or nothing.
   */
  async bulkWrite(user: AuthUser, roundId: number, rows: BulkResultRow[], note = 'bulk'): Promise<{ created: number; updated: number; overridesKept: number }> {
    return this.ds.transaction(async (m) => {
      const round = await this.roundForWrite(user, roundId, m);
      const wanted = new Set(rows.map((r) => r.householdId));
      const households = (await this.repo.communeHouseholds(round.communeCode, m)).filter((h) => wanted.has(h.id));
      const problems = await this.checkHouseholds(round, households, m);
      const unknown = [...wanted].filter((id) => !households.some((h) => h.id === id));
      if (problems.size || unknown.length) {
        throw new DomainError('IMPORT_INVALID', `${problems.size + unknown.length} hộ không thể có kết quả trong đợt rà soát ${roundId}; chưa ghi dữ liệu nào`, [
          ...unknown.map((id) => ({ field: 'householdId', message: `no household ${id} in commune ${round.communeCode}`, householdId: id })),
          ...[...problems].map(([id, message]) => ({ field: 'householdId', message, householdId: id })),
        ]);
      }
      const out = await this.writeMany(m, user, round, rows);
      await this.audit.record(m, user, { action: 'import', entity: 'review_result', entityId: `round:${roundId}`, unitCode: round.communeCode, newValue: { source: note, ...out } });
      return out;
    });
  }

  /** PUT one result: create or replace (with its version), classify, audit; an override is audited apart. */
  async put(user: AuthUser, roundId: number, householdId: number, dto: PutResultDto) {
    return this.ds.transaction(async (m) => {
      const round = await this.roundForWrite(user, roundId, m);
      const household = assertFound(await this.repo.household(householdId, m), 'hộ', householdId);
      const problem = (await this.checkHouseholds(round, [household], m)).get(household.id);
      if (problem) {
        throw new DomainError(problem.includes('no longer on the register') ? 'HOUSEHOLD_INACTIVE' : 'BUSINESS_RULE', problem, [{ field: 'householdId', message: problem, value: householdId }]);
      }
      const existing = await this.repo.lockOne(roundId, householdId, m);
      // replacing needs the version read; creating takes none (a version for a result that is gone: 409, current 0)
      if (existing) checkVersion('Kết quả rà soát của hộ', household.code, dto.version, existing.version);
      else if (dto.version !== undefined) throw versionConflict('Kết quả rà soát của hộ', household.code, dto.version, 0);
      const old = existing ? await this.repo.find(roundId, householdId, m) : undefined;
      const ctx = await this.contextFor(round, m);
      const members = await this.repo.members({ householdIds: [householdId] }, m);
      const row: BulkResultRow = {
        householdId, quickScreen: dto.quickScreen, b1Score: dto.b1Score, incomePerCapita: dto.incomePerCapita,
        enteredDeprivations: dto.deprivations, farmAverage: dto.farmAverage, causes: dto.causes, supportNeeds: dto.supportNeeds,
      };
      let built: BuiltResult;
      try {
        built = buildResult(ctx, { ...row, decidedClass: dto.decidedClass ?? null, overrideReason: dto.overrideReason ?? null }, members.get(householdId) ?? []);
      } catch (e) {
        rethrowDomain(e);
      }
      if (built.overridden && !dto.overrideReason) {
        throw new DomainError('VALIDATION_FAILED', 'overrideReason: bắt buộc khi kết quả quyết định khác kết quả tính toán', [
          { field: 'overrideReason', message: `required: decided ${built.decidedClass}, computed ${built.computedClass}` },
        ]);
      }
      const keepAuthor = old && old.overrideReason === dto.overrideReason && old.decidedClass === built.decidedClass;
      const rec = this.record(ctx, row, built, user.username,
        built.overridden ? { by: keepAuthor ? String(old!.overrideBy) : user.username, at: keepAuthor ? (old!.overrideAt as string) : null } : null,
        dto.overrideReason);
      await this.repo.upsertMany(roundId, [rec], m);
      const saved = (await this.repo.find(roundId, householdId, m))!;
      await this.audit.record(m, user, {
        action: existing ? 'update' : 'create', entity: 'review_result', entityId: String(saved.id), unitCode: round.communeCode,
        oldValue: old ? auditable(old) : undefined, newValue: auditable(saved),
      });
      if (built.overridden && !keepAuthor) {
        await this.audit.record(m, user, {
          action: 'override', entity: 'review_result', entityId: String(saved.id), unitCode: round.communeCode,
          oldValue: old ? { decidedClass: old.decidedClass, overrideReason: old.overrideReason } : null,
          newValue: { computedClass: built.computedClass, decidedClass: built.decidedClass, overrideReason: dto.overrideReason },
        });
      }
      return resultView(saved);
    });
  }

  async remove(user: AuthUser, roundId: number, householdId: number, version: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      const round = await this.roundForWrite(user, roundId, m);
      const existing = assertFound(await this.repo.lockOne(roundId, householdId, m), 'kết quả rà soát của hộ', householdId);
      checkVersion('Kết quả rà soát của hộ', householdId, version, existing.version);
      const old = await this.repo.find(roundId, householdId, m);
      await this.repo.remove(roundId, householdId, m);
      await this.audit.record(m, user, { action: 'delete', entity: 'review_result', entityId: String(existing.id), unitCode: round.communeCode, oldValue: old && auditable(old) });
    });
  }

  /**
   * Re-classifies every result of an open round with the standard as it is now and the current
   * member data (an explicit action after an administrator changed the standard); overrides stay.
   */
  async reclassify(user: AuthUser, roundId: number, version: number): Promise<{ results: number; changed: number }> {
    return this.ds.transaction(async (m) => {
      const round = await this.roundForWrite(user, roundId, m, 'update');
      checkVersion('Đợt rà soát', roundId, version, round.version);
      const stored = await this.repo.surveyInputs(roundId, m);
      const before = new Map(stored.map((s) => [s.householdId, s.computedClass]));
      const { standard } = await this.standards.forListYear(round.listYear, m);
      if (standard.code !== round.standardCode) {
        await bumpVersioned(m, 'review_round', roundId, { standard_code: standard.code });
        round.standardCode = standard.code;
      }
      const ctx = await this.contextFor(round, m);
      await this.writeMany(m, user, round, stored.map(({ computedClass: _c, ...r }) => r), ctx);
      const after = await this.repo.computedClasses(roundId, m);
      const changed = after.filter((a) => before.get(a.householdId) !== a.computedClass).length;
      await this.audit.record(m, user, { action: 'reclassify', entity: 'review_round', entityId: String(roundId), unitCode: round.communeCode, newValue: { standard: ctx.standard.code, results: stored.length, changed } });
      return { results: stored.length, changed };
    });
  }
}

/** The parts of a result worth keeping in the audit trail. */
function auditable(r: Record<string, unknown>) {
  const keys = ['householdId', 'standard', 'quickScreen', 'b1Score', 'incomePerCapita', 'enteredDeprivations', 'deprivations', 'computedClass',
    'decidedClass', 'overrideReason', 'localClass', 'farmAverage', 'causes', 'supportNeeds', 'version'];
  return Object.fromEntries(keys.map((k) => [k, r[k]]));
}

