import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError, FieldProblem, notFound } from '../common/errors/domain-error';
import { afMeasures, afWeights, AF_K } from '../aggregates/domain/alkire-foster';
import { get, metric, Metrics, summaryMetrics } from '../aggregates/domain/metrics';
import { PlansRepository } from '../plans/plans.repository';
import { BreakdownTable } from './reports.dto';
import { causeTable, childrenTable, deprivationTable, ethnicTable, multidimensionalTable, targetGroupTable } from './domain/breakdowns';
import { points, rate, round } from './domain/rates';
import { classPayload, Inconsistency, multidimensionalRate, Plan, planPayload, rawFigures, reconcile, RowFacts } from './domain/summary';
import { summarySentence } from './domain/text';
import { MissingCommune, ReportsRepository, UnitRef } from './reports.repository';

type Status = 'complete' | 'incomplete' | 'missing';
type Facts = RowFacts & { standards: Metrics };
interface Warning { code: string; message: string }
interface Row { ref: UnitRef; facts: Facts; missing: MissingCommune[] }

/** The metrics the summary sums, by name: about 40 of the ~150 rows of each round. */
const SUMMARY = summaryMetrics();
/** The metrics of each breakdown (LIKE patterns over round_aggregate.metric). */
const BREAKDOWN: Record<BreakdownTable, string[]> = {
  deprivations: ['end.%', 'deprivation.%'],
  'target-groups': ['end.%', 'group.%'],
  'ethnic-groups': ['end.%', 'group.%', 'ethnic.%'],
  causes: ['end.%', 'cause.%'],
  children: ['children.%'],
  multidimensional: ['total.%', 'register.%', 'end.%', 'group.%'],
};
const TITLES: Record<BreakdownTable, { tables: number[]; title: string }> = {
  deprivations: { tables: [4, 5, 6, 7], title: 'Phân tích các chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ nghèo, hộ cận nghèo' },
  'target-groups': { tables: [8], title: 'Phân tích hộ nghèo, hộ cận nghèo theo các nhóm đối tượng' },
  'ethnic-groups': { tables: [9], title: 'Phân tích hộ nghèo, hộ cận nghèo theo dân tộc' },
  causes: { tables: [10], title: 'Phân tích hộ nghèo, hộ cận nghèo theo nguyên nhân nghèo' },
  children: { tables: [11], title: 'Tổng hợp chỉ tiêu thiếu hụt của trẻ em thuộc hộ nghèo, hộ cận nghèo' },
  multidimensional: { tables: [12, 13], title: 'Tổng hợp kết quả rà soát hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều' },
};
const TREND = ['total.households', 'total.persons', 'total.households_fallback', 'total.persons_fallback',
  'end.poor.households', 'end.poor.persons', 'end.near_poor.households', 'end.near_poor.persons'];

export const LABELS = {
  poorRate: 'Tỷ lệ hộ nghèo (%)',
  nearPoorRate: 'Tỷ lệ hộ cận nghèo (%)',
  multidimensionalRate: 'Tỷ lệ nghèo đa chiều (%) = tỷ lệ hộ nghèo + tỷ lệ hộ cận nghèo; không phải tỷ lệ hộ nghèo',
  reductionPoints: 'Mức giảm tỷ lệ (điểm phần trăm)',
  achievedPercent: 'Tỷ lệ hoàn thành kế hoạch giao (%)',
};

const emptyFacts = (): Facts => ({ end: {}, endNoStart: {}, start: {}, startTotal: {}, standards: {}, rounds: 0, startNone: 0, startSplit: 0, startOrphan: 0 });

/**
 * Reports for any unit and year (issue 5): the summary (tables 1–3, rates, plan), breakdowns
 * (tables 4–13), Alkire–Foster measures and trends. The database sums stored per-round aggregates
 * along that year's tree; this service shapes the rows, rounds rates for the payload and refuses
 * (500 REPORT_INCONSISTENT) any report that does not reconcile.
 */
@Injectable()
export class ReportsService {
  constructor(private readonly repo: ReportsRepository, private readonly plans: PlansRepository, private readonly scope: ScopeService) {}

  /**
   * The rows of a report: the unit (which must have existed at the end of the year, the date of
   * that year's tree) and one row per child of that tree (and any child a decided round sits
   * under). The caller's area is checked first; then the unit, the sums, the tree and the plans are
   * read at once.
   */
  private async load(user: AuthUser, unitCode: string, year: number, metrics: { names?: string[]; patterns?: string[] }, withStart: boolean) {
    await this.scope.assertRead(user, [unitCode]);
    const date = `${year}-12-31`;
    const [unit, facts, tree, plans] = await Promise.all([
      this.repo.unitOn(unitCode, date),
      this.repo.collect(unitCode, year, metrics, withStart),
      this.repo.treeOn(unitCode, year, date),
      withStart ? this.plans.inSubtree(unitCode, year) : Promise.resolve(new Map<string, Plan>()),
    ]);
    if (!unit) throw new DomainError('NOT_FOUND', `Unit ${unitCode} did not exist on ${date}`, [{ field: 'unit', message: `no version of ${unitCode} is valid on ${date}` }]);
    if (unit.level === 'village') {
      throw new DomainError('VALIDATION_FAILED', 'unit: reports are made for a commune, a district or a province', [{ field: 'unit', message: 'a village has no review round of its own' }]);
    }
    const known = new Map(tree.children.map((c) => [c.code, c]));
    const extra = [...facts.children.keys()].filter((c) => !known.has(c));
    if (extra.length) for (const [code, ref] of await this.repo.names(extra, date)) known.set(code, ref);
    const children: Row[] = [...known.values()].sort((a, b) => a.code.localeCompare(b.code)).map((ref) => ({
      ref,
      facts: facts.children.get(ref.code) ?? emptyFacts(),
      missing: tree.missing.filter((m) => m.childCode === ref.code || (ref.level === 'commune' && m.code === ref.code)),
    }));
    const top: Row = { ref: unit, facts: facts.total, missing: tree.missing };
    return { top, children, plans };
  }

  private status(r: Row): Status {
    if (r.facts.rounds === 0) return 'missing';
    return r.missing.length > 0 || (r.facts.startNone > 0 && r.facts.startNone < r.facts.rounds) ? 'incomplete' : 'complete';
  }

  private coverage(r: Row) {
    return { communes: r.facts.rounds + r.missing.length, decided: r.facts.rounds, missing: r.missing.map(({ code, name }) => ({ code, name })) };
  }

  private standard(r: Row, issues?: { row: Row; issue: Inconsistency }[]): string | null {
    const codes = Object.keys(r.facts.standards).sort();
    if (codes.length > 1) {
      issues?.push({ row: r, issue: { field: 'standard', message: `rounds of one year under different standards (${codes.join(', ')}) cannot be added up` } });
    }
    return codes[0] ?? null;
  }

  private unitOut(ref: UnitRef) {
    return { code: ref.code, name: ref.name, level: ref.level };
  }

  // ---------------------------------------------------------------- summary (docs/API.md "Summary report")

  async summary(user: AuthUser, unitCode: string, year: number) {
    const { top, children, plans } = await this.load(user, unitCode, year, { names: SUMMARY }, true);
    const issues: { row: Row; issue: Inconsistency }[] = [];
    const build = (r: Row, isTop: boolean) => {
      // a commune split off another one cannot tell its share of the predecessor's total households
      const commune = r.ref.level === 'commune';
      const startTotalsKnown = r.facts.startOrphan === 0 && (!commune || r.facts.startSplit === 0);
      const raw = rawFigures(r.facts, startTotalsKnown);
      for (const issue of reconcile(raw)) issues.push({ row: r, issue });
      const standard = this.standard(r, issues);
      const status = this.status(r);
      const poor = classPayload(raw.classes.poor.households);
      const nearPoor = classPayload(raw.classes.near_poor.households);
      const plan = planPayload(plans.get(r.ref.code) ?? null, raw.classes.poor.households);
      const out = {
        unit: this.unitOut(r.ref),
        year,
        standard,
        status,
        coverage: this.coverage(r),
        households: { start: raw.households.start, end: raw.households.end },
        persons: { start: raw.persons.start, end: raw.persons.end },
        poor,
        nearPoor,
        poorPersons: classPayload(raw.classes.poor.persons),
        nearPoorPersons: classPayload(raw.classes.near_poor.persons),
        multidimensionalRateEnd: multidimensionalRate(raw),
        multidimensionalPersonsRateEnd: multidimensionalRate(raw, 'persons'),
        farmAverage: {
          households: raw.farmAverage.households,
          persons: raw.farmAverage.persons,
          rate: round(rate(raw.farmAverage.households, raw.households.end)),
          personsRate: round(rate(raw.farmAverage.persons, raw.persons.end)),
        },
        plan,
        warnings: this.warnings(r, year),
      };
      if (!isTop) return out;
      return {
        ...out,
        labels: LABELS,
        text: summarySentence({ name: r.ref.name, year, standard, status, poor, nearPoor, plan, missing: r.missing.length }),
      };
    };
    const childRows = children.map((c) => build(c, false));
    const result = { ...build(top, true), children: childRows };
    if (issues.length) throw this.inconsistent(issues);
    return result;
  }

  private warnings(r: Row, year: number): Warning[] {
    const w: Warning[] = [];
    if (r.missing.length) {
      w.push({ code: 'MISSING_COMMUNES', message: `Chưa có quyết định công nhận kết quả rà soát năm ${year}: ${r.missing.map((m) => m.name).join(', ')}; chưa tính vào số liệu.` });
    }
    if (get(r.facts.end, metric.totalHouseholdsFallback) + get(r.facts.startTotal, metric.totalHouseholdsFallback) > 0
      || get(r.facts.end, metric.totalPersonsFallback) + get(r.facts.startTotal, metric.totalPersonsFallback) > 0) {
      w.push({ code: 'TOTALS_FROM_REGISTER', message: 'Một số xã chưa nhập tổng số hộ, nhân khẩu dân cư tại thời điểm rà soát: mẫu số của tỷ lệ lấy theo số hộ đang đăng ký trong hệ thống.' });
    }
    if (r.facts.rounds > 0 && r.facts.startNone > 0 && r.facts.startNone < r.facts.rounds) {
      w.push({ code: 'PARTIAL_START', message: `${r.facts.startNone} xã chưa có số đầu kỳ (kỳ rà soát đầu tiên theo chuẩn): số đầu kỳ, diễn biến và mức giảm chỉ tính các xã còn lại.` });
    }
    if (r.facts.startSplit + r.facts.startOrphan > 0) {
      w.push({ code: 'START_FROM_MOVEMENT', message: 'Số đầu kỳ của xã được chia tách (hoặc không tìm thấy kỳ rà soát trước) lấy theo diễn biến từng hộ.' });
    }
    return w;
  }

  private inconsistent(issues: { row: Row; issue: Inconsistency }[]): DomainError {
    // children are checked before the total they make up: the first issue names the most specific unit
    const first = issues[0];
    const details: FieldProblem[] = issues.map(({ row, issue }) => ({
      field: issue.field, message: issue.message, unitCode: row.ref.code, unitName: row.ref.name,
      ...(issue.expected !== undefined ? { expected: issue.expected, actual: issue.actual } : {}),
    }));
    return new DomainError('REPORT_INCONSISTENT',
      `Số liệu báo cáo không khớp tại ${first.row.ref.name} (${first.row.ref.code}): ${first.issue.field}: ${first.issue.message}`, details);
  }

  // ---------------------------------------------------------------- breakdowns (tables 4–13)

  async breakdown(user: AuthUser, unitCode: string, year: number, table: BreakdownTable) {
    const { top, children } = await this.load(user, unitCode, year, { patterns: BREAKDOWN[table] }, false);
    const standard = this.standard(top);
    const ref = await this.reference(table, standard);
    const build = (r: Row) => {
      const base = { unit: this.unitOut(r.ref), status: this.status(r), coverage: this.coverage(r) };
      if (r.facts.rounds === 0) return { ...base, ...(table === 'multidimensional' ? { households: null, persons: null } : {}), poor: null, nearPoor: null };
      const m = r.facts.end;
      switch (table) {
        case 'deprivations': return { ...base, ...deprivationTable(m, ref.indicators) };
        case 'target-groups': return { ...base, ...targetGroupTable(m) };
        case 'ethnic-groups': return { ...base, ...ethnicTable(m, ref.ethnic) };
        case 'causes': return { ...base, ...causeTable(m, ref.causes) };
        case 'children': return { ...base, ...childrenTable(m) };
        case 'multidimensional': return { ...base, ...multidimensionalTable(m) };
      }
    };
    return { ...TITLES[table], table, year, standard, ...build(top), children: children.map(build) };
  }

  private async reference(table: BreakdownTable, standard: string | null) {
    return {
      indicators: table === 'deprivations' && standard ? await this.repo.indicators(standard) : [],
      causes: table === 'causes' ? await this.repo.causes() : [],
      ethnic: table === 'ethnic-groups' ? new Map((await this.repo.ethnicGroups()).map((e) => [e.code, e.name])) : new Map<string, string>(),
    };
  }

  // ---------------------------------------------------------------- Alkire–Foster (docs/RULES.md §4)

  async alkireFoster(user: AuthUser, unitCode: string, year: number) {
    const { top, children } = await this.load(user, unitCode, year, { patterns: ['af.%'] }, false);
    const standard = this.standard(top);
    const indicators = standard ? await this.repo.indicators(standard) : [];
    const weights = afWeights(indicators);
    const names = new Map(indicators.map((i) => [i.key, i]));
    const build = (r: Row) => {
      const m = r.facts.end;
      const base = { unit: this.unitOut(r.ref), status: this.status(r), coverage: this.coverage(r) };
      if (r.facts.rounds === 0) return { ...base, reviewedHouseholds: null, poorHouseholds: null, H: null, A: null, M0: null, contributions: null };
      const sums = {
        households: get(m, metric.afHouseholds), poor: get(m, metric.afPoor), score: get(m, metric.afScore),
        deprived: Object.fromEntries(weights.map((w) => [w.key, get(m, metric.afDeprived(w.key))])),
      };
      const af = afMeasures(weights, sums);
      return {
        ...base,
        reviewedHouseholds: sums.households,
        poorHouseholds: sums.poor,
        H: round(af.H, 4),
        A: round(af.A, 4),
        M0: round(af.M0, 4),
        contributions: af.contributions.map((c) => ({
          indicator: c.key, name: names.get(c.key)?.name ?? c.key,
          censoredHeadcount: c.censoredHeadcount, censoredHeadcountRatio: round(c.censoredHeadcountRatio, 4),
          contributionPercent: round(c.contribution === null ? null : c.contribution * 100),
        })),
      };
    };
    return {
      year,
      standard,
      method: {
        description: 'Alkire–Foster: mỗi chiều thiếu hụt có trọng số 1/' + new Set(indicators.map((i) => i.dimension)).size +
          ', chia đều cho các chỉ số của chiều; hộ nghèo đa chiều theo AF khi điểm thiếu hụt có trọng số ≥ k. ' +
          'H = tỷ lệ hộ nghèo đa chiều, A = điểm thiếu hụt bình quân của các hộ đó, M0 = H × A (tỷ số từ 0 đến 1, 4 chữ số thập phân). ' +
          'Tính trên các hộ được rà soát của đơn vị; là một góc nhìn riêng, không phải tỷ lệ hộ nghèo chính thức (cần thêm tiêu chí thu nhập).',
        k: AF_K.num / AF_K.den,
        population: 'reviewed households (every household with a result in the decided periodic rounds)',
        weights: weights.map((w) => ({
          indicator: w.key, name: names.get(w.key)?.name ?? w.key, dimension: w.dimension,
          dimensionName: names.get(w.key)?.dimensionName ?? w.dimension, weight: round(w.weight, 6),
        })),
      },
      ...build(top),
      children: children.map(build),
    };
  }

  // ---------------------------------------------------------------- trends

  async trends(user: AuthUser, unitCode: string, from: number, to: number) {
    if (to < from) throw new DomainError('VALIDATION_FAILED', 'to: must not be before from', [{ field: 'to', message: 'must be ≥ from' }]);
    if (to - from > 50) throw new DomainError('VALIDATION_FAILED', 'to: at most 50 years in one call', [{ field: 'to', message: 'at most 50 years after from' }]);
    await this.scope.assertRead(user, [unitCode]);
    const last = await this.repo.lastVersion(unitCode);
    if (!last) throw notFound('đơn vị', unitCode);
    const now = new Date().toISOString().slice(0, 10);
    const refDate = last.validTo && last.validTo < now ? last.validTo : now;
    const { facts, missing } = await this.repo.trend(unitCode, refDate, from, to, TREND);
    const byYear = new Map<number, Metrics>();
    for (const r of facts) {
      const m = byYear.get(r.year) ?? {};
      m[r.metric] = Number(r.value);
      byYear.set(r.year, m);
    }
    let prev: { standard: string | null; complete: boolean; rate: number | null } | null = null;
    const years = [];
    for (let year = from; year <= to; year++) {
      const m = byYear.get(year) ?? {};
      const rounds = get(m, 'info.rounds');
      const miss = missing.filter((x) => x.year === year).map(({ code, name }) => ({ code, name }));
      const standards = Object.keys(m).filter((k) => k.startsWith('standard.')).map((k) => k.slice('standard.'.length));
      const status: Status = rounds === 0 ? 'missing' : miss.length ? 'incomplete' : 'complete';
      const totalH = rounds ? get(m, metric.totalHouseholds) : null;
      const totalP = rounds ? get(m, metric.totalPersons) : null;
      const cls = (c: 'poor' | 'near_poor') => {
        const h = rounds ? get(m, metric.end(c, 'households')) : null;
        const p = rounds ? get(m, metric.end(c, 'persons')) : null;
        return { households: h, persons: p, rate: rate(h, totalH), personsRate: rate(p, totalP) };
      };
      const poor = cls('poor');
      const nearPoor = cls('near_poor');
      const standard = standards.length === 1 ? standards[0] : standards.length ? standards.sort().join(', ') : null;
      // the fall from the previous year's end, in points, when both years are complete and under one standard
      const comparable = prev && prev.complete && status === 'complete' && prev.standard === standard && standards.length === 1;
      years.push({
        year, standard, status,
        coverage: { communes: rounds + miss.length, decided: rounds, missing: miss },
        households: totalH, persons: totalP,
        poor: { households: poor.households, persons: poor.persons, rate: round(poor.rate), personsRate: round(poor.personsRate) },
        nearPoor: { households: nearPoor.households, persons: nearPoor.persons, rate: round(nearPoor.rate), personsRate: round(nearPoor.personsRate) },
        multidimensionalRate: poor.rate === null || nearPoor.rate === null ? null : round(poor.rate + nearPoor.rate),
        poorReductionPoints: comparable ? round(points(prev!.rate, poor.rate)) : null,
      });
      prev = { standard, complete: status === 'complete', rate: poor.rate };
    }
    return {
      unit: { code: last.code, name: last.name, level: last.level },
      referenceDate: refDate,
      note: 'Số liệu các năm được cộng theo địa giới ngày tham chiếu: các xã đã sáp nhập được tính vào đơn vị hiện nay.',
      labels: LABELS,
      years,
    };
  }
}

