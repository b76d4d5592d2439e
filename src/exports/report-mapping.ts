/**
 * Pure maps from the reports' and the program's JSON (src/reports, src/program/progress.service)
 * onto the exports' inputs (./report-inputs). No framework, no I/O: the adapter
 * (./services-report-source.ts) calls the services and hands their answers here.
 *
 * A unit without a decided round (`status: 'missing'`) is `missing: true` with zeros where the
 * input wants a number: the workbook shows it as missing, never as a zero figure.
 */
import type {
  BreakdownNode, BreakdownReport, ChildDeprivations, DeprivationCounts, EthnicSplit, HouseholdsPersons, MultidimensionalClass,
  NearPoorFigures, NearPoorMovement, PoorFigures, PoorMovement, ProgramProgressFigures, ProgramProgressReport, ProgramProgressRow,
  ReportUnit, SummaryNode, SummaryReport, TargetGroups, UnitLevel,
} from './report-inputs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const nOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const unitOf = (u: Json): ReportUnit => ({ code: u.code, name: u.name, level: u.level as UnitLevel });

// ---------------------------------------------------------------- summary

/** Reports' class figures (`poor` / `nearPoor`) plus the same in persons (`poorPersons` / `nearPoorPersons`). */
function classFigures<M>(c: Json, persons: Json): Omit<PoorFigures, 'movement' | 'persons'> & { movement: M | null; persons?: { start: number | null; end: number; movement: M | null } } {
  return {
    start: nOrNull(c?.start),
    end: n(c?.end),
    reduction: nOrNull(c?.reduction),
    rateStart: nOrNull(c?.rateStart),
    rateEnd: n(c?.rateEnd),
    reductionPoints: nOrNull(c?.reductionPoints),
    movement: (c?.movement ?? null) as M | null,
    ...(persons ? { persons: { start: nOrNull(persons.start), end: n(persons.end), movement: (persons.movement ?? null) as M | null } } : {}),
  };
}

/** One node of `GET /api/reports/summary` (the unit or a child) → a SummaryNode. */
export function summaryNode(r: Json): SummaryNode {
  const node: SummaryNode = {
    unit: unitOf(r.unit),
    ...(r.status === 'missing' ? { missing: true } : {}),
    households: { start: nOrNull(r.households?.start), end: n(r.households?.end) },
    persons: { start: nOrNull(r.persons?.start), end: n(r.persons?.end) },
    poor: classFigures<PoorMovement>(r.poor, r.poorPersons) as PoorFigures,
    nearPoor: classFigures<NearPoorMovement>(r.nearPoor, r.nearPoorPersons) as NearPoorFigures,
    multidimensionalRateEnd: n(r.multidimensionalRateEnd),
    plan: r.plan ? { target: r.plan.target, unit: r.plan.unit, achievedPercent: nOrNull(r.plan.achievedPercent) } : null,
    ...(r.farmAverage ? { farmAverage: { households: n(r.farmAverage.households), persons: n(r.farmAverage.persons) } } : {}),
  };
  if (Array.isArray(r.children) && r.children.length) node.children = r.children.map(summaryNode);
  return node;
}

/**
 * The summary report. `nested`: the summaries of the report's children (by unit code) whose own
 * children must hang under them — a province's districts carry their communes (rows 1.1, 1.2…).
 */
export function summaryReport(r: Json, nested: ReadonlyMap<string, Json> = new Map()): SummaryReport {
  const top = summaryNode({ ...r, children: [] });
  const children = (r.children ?? []).map((c: Json) => {
    const deeper = nested.get(c.unit.code);
    return summaryNode(deeper ? { ...c, children: deeper.children ?? [] } : c);
  });
  return { ...top, ...(children.length ? { children } : {}), year: r.year, standard: r.standard ?? '' };
}

// ---------------------------------------------------------------- breakdowns

/** The six breakdowns of one unit and year (`GET /api/reports/<table>`), as the reports service answers them. */
export interface BreakdownAnswers {
  deprivations: Json;
  targetGroups: Json;
  ethnicGroups: Json;
  causes: Json;
  children: Json;
  multidimensional: Json;
}

const KINH = '01';
const hp = (h: unknown, p: unknown): HouseholdsPersons => ({ households: n(h), persons: n(p) });

function deprivationCounts(c: Json): DeprivationCounts {
  return { households: n(c?.households), byIndicator: Object.fromEntries((c?.indicators ?? []).map((i: Json) => [i.key, n(i.households)])) };
}

function targetGroups(c: Json): TargetGroups {
  const h = c?.households ?? {};
  const p = c?.persons ?? {};
  return {
    total: hp(h.total, p.total), ethnicMinority: hp(h.ethnicMinority, p.ethnicMinority), noLabour: hp(h.noLabourCapacity, p.noLabourCapacity),
    meritorious: hp(h.meritorious, p.meritorious), other: hp(h.other, p.other), femaleHead: hp(h.femaleHead, p.femaleHead),
  };
}

function ethnicity(c: Json): Record<string, HouseholdsPersons> {
  return Object.fromEntries((c?.groups ?? []).map((g: Json) => [g.code, hp(g.households, g.persons)]));
}

function causes(c: Json): Record<string, number> {
  return Object.fromEntries((c?.causes ?? []).map((k: Json) => [String(k.code), n(k.households)]));
}

function childDeprivations(c: Json): ChildDeprivations {
  return {
    children: n(c?.children), noHealthInsurance: n(c?.health?.noHealthInsurance?.children),
    malnourished: n(c?.health?.malnourished?.children), outOfSchool: n(c?.education?.outOfSchool?.children),
  };
}

const split = (s: Json): EthnicSplit => ({ total: n(s?.total), kinh: nOrNull(s?.kinh), minority: nOrNull(s?.ethnicMinority) });

function multidimensionalClass(c: Json): MultidimensionalClass {
  return { households: split(c?.households), persons: split(c?.persons), meritorious: n(c?.meritorious), noLabour: n(c?.noLabourCapacity), femaleHead: n(c?.femaleHead) };
}

/**
 * Tables 12/13 "Tổng số hộ (khẩu) chung": the round's resident total (the rates' denominator), and
 * the Kinh / ethnic-minority split of the households registered at the decision. The form's
 * total is Kinh + DTTS: when the register does not cover every resident household the Kinh
 * column is left empty (unknown), not made up; the minority column stays (the minority rate's
 * denominator, as in the JSON report).
 */
function residentSplit(s: Json): EthnicSplit {
  const total = n(s?.total);
  const covered = nOrNull(s?.registered) === total;
  return { total, kinh: covered ? nOrNull(s?.kinh) : null, minority: nOrNull(s?.ethnicMinority) };
}

/**
 * The Kinh column is shown for the whole tree or not at all: a parent's cell is the SUM of its
 * children's, so one unit without the split would make the parent's Kinh + DTTS contradict its total.
 */
function kinhAllOrNone(root: BreakdownNode): void {
  const nodes: BreakdownNode[] = [];
  const walk = (x: BreakdownNode) => { nodes.push(x); (x.children ?? []).forEach(walk); };
  walk(root);
  for (const k of ['households', 'persons'] as const) {
    if (nodes.some((x) => x.multidimensional[k].kinh === null)) for (const x of nodes) x.multidimensional[k].kinh = null;
  }
}

/** One unit's node from the six answers' rows of that unit. */
function breakdownNode(a: BreakdownAnswers): Omit<BreakdownNode, 'children'> {
  const pair = <T>(row: Json, f: (c: Json) => T) => ({ poor: f(row?.poor), nearPoor: f(row?.nearPoor) });
  const m = a.multidimensional;
  return {
    unit: unitOf(a.deprivations.unit),
    ...(a.deprivations.status === 'missing' ? { missing: true } : {}),
    deprivations: pair(a.deprivations, deprivationCounts),
    targetGroups: pair(a.targetGroups, targetGroups),
    ethnicity: pair(a.ethnicGroups, ethnicity),
    causes: pair(a.causes, causes),
    childDeprivations: pair(a.children, childDeprivations),
    multidimensional: {
      households: residentSplit(m?.households),
      persons: residentSplit(m?.persons),
      poor: multidimensionalClass(m?.poor),
      nearPoor: multidimensionalClass(m?.nearPoor),
    },
  };
}

/** The children of one answer by unit code (every answer lists the same tree). */
const childrenByCode = (r: Json): Map<string, Json> => new Map((r?.children ?? []).map((c: Json) => [c.unit.code, c]));

/**
 * The six breakdown answers of a unit → a BreakdownReport (the unit and one row per child, as in
 * the JSON). `ethnicNames`: the ethnic groups' names and whether each is a minority (Kinh, code
 * 01, is not); the groups of table 9 are those present in the unit, Kinh first.
 */
export function breakdownReport(a: BreakdownAnswers, nested: ReadonlyMap<string, BreakdownAnswers> = new Map()): BreakdownReport {
  const keys = Object.keys(a) as (keyof BreakdownAnswers)[];
  const byCode = Object.fromEntries(keys.map((k) => [k, childrenByCode(a[k])])) as Record<keyof BreakdownAnswers, Map<string, Json>>;
  const childNode = (code: string): BreakdownNode => {
    const row = Object.fromEntries(keys.map((k) => [k, byCode[k].get(code)])) as unknown as BreakdownAnswers;
    const deeper = nested.get(code);
    const grand = deeper ? breakdownReport(deeper).children : undefined;
    return { ...breakdownNode(row), ...(grand?.length ? { children: grand } : {}) };
  };
  const children = (a.deprivations.children ?? []).map((c: Json) => childNode(c.unit.code));
  const groups = new Map<string, string>();
  const collect = (r: Json) => {
    for (const cls of ['poor', 'nearPoor']) for (const g of r?.[cls]?.groups ?? []) groups.set(g.code, g.name);
    for (const c of r?.children ?? []) collect(c);
  };
  collect(a.ethnicGroups);
  for (const d of nested.values()) collect(d.ethnicGroups);
  if (!groups.has(KINH)) groups.set(KINH, 'Kinh');
  const ethnicGroups = [...groups].sort(([x], [y]) => (x === KINH ? -1 : y === KINH ? 1 : x.localeCompare(y)))
    .map(([code, name]) => ({ code, name, minority: code !== KINH }));
  const indicators = (a.deprivations.poor?.indicators ?? a.deprivations.nearPoor?.indicators ?? []).map((i: Json) => ({ key: i.key, name: i.name }));
  const causeList = (a.causes.poor?.causes ?? a.causes.nearPoor?.causes ?? []).map((k: Json) => ({ code: k.code, name: k.name }));
  const report: BreakdownReport = {
    ...breakdownNode(a),
    ...(children.length ? { children } : {}),
    year: a.deprivations.year,
    standard: a.deprivations.standard ?? '',
    indicators,
    causeList,
    ethnicGroups,
  };
  kinhAllOrNone(report);
  return report;
}

// ---------------------------------------------------------------- program progress

function progressFigures(p: Json, reviewed: boolean): ProgramProgressFigures {
  const f = p?.funds ?? {};
  const split2 = (k: 'allocated' | 'disbursed') => ({
    central: n(f.bySource?.central?.[k]), local: n(f.bySource?.local?.[k]), other: n(f.bySource?.other?.[k]),
    investment: n(f.byType?.investment?.[k]), recurrent: n(f.byType?.recurrent?.[k]),
  });
  const h = p?.households ?? {};
  const o = p?.outcome ?? {};
  return {
    allocated: split2('allocated'),
    disbursed: split2('disbursed'),
    activities: { count: n(p?.activities?.count), participants: n(p?.activities?.participants?.total) },
    beneficiaries: { poor: n(h.poor), nearPoor: n(h.nearPoor), recentlyEscaped: n(h.recentlyEscaped), other: n(h.other) },
    // supported poor households no longer poor and near-poor ones no longer near-poor at the year's periodic review
    escapedNextReview: reviewed ? n(o.escapedPoverty) + n(o.escapedNearPoverty) : null,
  };
}

function progressRow(p: Json, number: string, reviewed: boolean): ProgramProgressRow {
  const children = (p.subProjects ?? []).map((s: Json) => progressRow(s, `${number}.${s.number}`, reviewed));
  return {
    code: p.code, number, name: p.label ? `${p.label}: ${p.name}` : p.name,
    ...(p.applicable === false ? { notApplicable: true } : {}),
    ...progressFigures(p, reviewed),
    ...(children.length ? { children } : {}),
  };
}

/**
 * The program progress answer (`GET /api/program/progress`) → the workbook's input, for one
 * program: `programCode`, else the first program covering the year. Projects keep their number
 * (Dự án 7 → "7"), sub-projects are numbered under it ("7.1"). The outcome column is null until a
 * commune of the area has decided the year's periodic review (`reviewCoverage.decided`).
 */
export function programProgressReport(r: Json, programCode?: string): ProgramProgressReport {
  const program = (programCode ? r.programs.find((p: Json) => p.code === programCode) : undefined) ?? r.programs[0];
  const reviewed = n(r.reviewCoverage?.decided) > 0;
  return {
    unit: unitOf(r.unit),
    year: r.year,
    program: program ? { code: program.code, name: program.name } : { code: '', name: 'Chưa có chương trình nào trong năm' },
    projects: program ? program.projects.map((p: Json) => progressRow(p, String(p.number), reviewed)) : [],
    total: progressFigures(program?.total, reviewed),
  };
}
