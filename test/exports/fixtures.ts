import type {
  BreakdownNode, BreakdownReport, HouseholdsPersons, NearPoorMovement, PoorMovement, ReportUnit, SummaryNode, SummaryReport, TargetGroups,
} from '../../src/exports/report-inputs';

/**
 * Hand-made report figures for the workbook tests (the reports module is built in parallel; the
 * lead binds the real source at merge). Every parent is the exact sum of its children and every
 * movement reconciles, computed here so that the tests compare cells with these inputs.
 */

export interface CommuneFigures {
  unit: ReportUnit;
  households: [number, number];
  persons: [number, number];
  poorStart: number;
  poorMove: PoorMovement;
  nearStart: number;
  nearMove: Omit<NearPoorMovement, 'toPoor' | 'fromPoor'>;
  poorPersonsStart: number;
  poorPersonsMove: PoorMovement;
  nearPersonsStart: number;
  nearPersonsMove: Omit<NearPoorMovement, 'toPoor' | 'fromPoor'>;
  farm: HouseholdsPersons;
}

const poorEnd = (s: number, m: PoorMovement) => s - m.toNearPoor - m.aboveNearPoor - m.otherOut + m.fromNearPoor + m.fellBack + m.newlyPoor + m.otherIn;
const nearEnd = (s: number, m: NearPoorMovement) => s - m.toPoor - m.aboveNearPoor - m.otherOut + m.fromPoor + m.fellBack + m.newlyNearPoor + m.otherIn;
const r2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const rate = (n: number, d: number) => (d > 0 ? r2((n / d) * 100) : 0);

export function communeFigures(code: string, name: string, k: number): CommuneFigures {
  return {
    unit: { code, name, level: 'commune' },
    households: [1000 + 10 * k, 1010 + 11 * k],
    persons: [4000 + 30 * k, 4050 + 33 * k],
    poorStart: 300 + k,
    poorMove: { toNearPoor: 20 + k, aboveNearPoor: 10, otherOut: 2, fromNearPoor: 5, fellBack: k % 3, newlyPoor: 4, otherIn: 1 },
    nearStart: 150 + 2 * k,
    nearMove: { aboveNearPoor: 15, otherOut: 1, fellBack: 2, newlyNearPoor: 6 + k, otherIn: 0 },
    poorPersonsStart: 1200 + 3 * k,
    poorPersonsMove: { toNearPoor: 80 + k, aboveNearPoor: 40, otherOut: 9, fromNearPoor: 20, fellBack: k % 3, newlyPoor: 15, otherIn: 4 },
    nearPersonsStart: 600 + k,
    nearPersonsMove: { aboveNearPoor: 60, otherOut: 3, fellBack: 7, newlyNearPoor: 20 + k, otherIn: 2 },
    farm: { households: 40 + k, persons: 160 + k },
  };
}

function leaf(f: CommuneFigures): SummaryNode {
  const nm: NearPoorMovement = { ...f.nearMove, toPoor: f.poorMove.fromNearPoor, fromPoor: f.poorMove.toNearPoor };
  const npm: NearPoorMovement = { ...f.nearPersonsMove, toPoor: f.poorPersonsMove.fromNearPoor, fromPoor: f.poorPersonsMove.toNearPoor };
  return finish({
    unit: f.unit,
    households: { start: f.households[0], end: f.households[1] },
    persons: { start: f.persons[0], end: f.persons[1] },
    poor: {
      start: f.poorStart, end: poorEnd(f.poorStart, f.poorMove), movement: f.poorMove,
      reduction: 0, rateStart: 0, rateEnd: 0, reductionPoints: 0,
      persons: { start: f.poorPersonsStart, end: poorEnd(f.poorPersonsStart, f.poorPersonsMove), movement: f.poorPersonsMove },
    },
    nearPoor: {
      start: f.nearStart, end: nearEnd(f.nearStart, nm), movement: nm,
      reduction: 0, rateStart: 0, rateEnd: 0, reductionPoints: 0,
      persons: { start: f.nearPersonsStart, end: nearEnd(f.nearPersonsStart, npm), movement: npm },
    },
    multidimensionalRateEnd: 0,
    plan: null,
    farmAverage: f.farm,
  });
}

/** Fills the derived figures (reduction, rates, points) the way docs/API.md defines them. */
function finish(n: SummaryNode): SummaryNode {
  const hs = n.households.start as number;
  const he = n.households.end;
  for (const c of [n.poor, n.nearPoor]) {
    c.reduction = (c.start as number) - c.end;
    c.rateStart = rate(c.start as number, hs);
    c.rateEnd = rate(c.end, he);
    c.reductionPoints = r2(((c.start as number) / hs) * 100 - (c.end / he) * 100);
  }
  n.multidimensionalRateEnd = rate(n.poor.end + n.nearPoor.end, he);
  return n;
}

const add = <T extends object>(a: T, b: T): T =>
  Object.fromEntries(Object.keys(a).map((k) => [k, (a as Record<string, number>)[k] + (b as Record<string, number>)[k]])) as T;

/** A parent whose every count is the sum of its children. */
export function sumNode(unit: ReportUnit, children: SummaryNode[]): SummaryNode {
  const [first, ...rest] = children;
  const acc = structuredClone(first);
  for (const c of rest) {
    acc.households = { start: (acc.households.start as number) + (c.households.start as number), end: acc.households.end + c.households.end };
    acc.persons = { start: (acc.persons.start as number) + (c.persons.start as number), end: acc.persons.end + c.persons.end };
    acc.poor.start = (acc.poor.start as number) + (c.poor.start as number);
    acc.poor.end += c.poor.end;
    acc.poor.movement = add(acc.poor.movement!, c.poor.movement!);
    acc.poor.persons = {
      start: (acc.poor.persons!.start as number) + (c.poor.persons!.start as number),
      end: acc.poor.persons!.end + c.poor.persons!.end,
      movement: add(acc.poor.persons!.movement!, c.poor.persons!.movement!),
    };
    acc.nearPoor.start = (acc.nearPoor.start as number) + (c.nearPoor.start as number);
    acc.nearPoor.end += c.nearPoor.end;
    acc.nearPoor.movement = add(acc.nearPoor.movement!, c.nearPoor.movement!);
    acc.nearPoor.persons = {
      start: (acc.nearPoor.persons!.start as number) + (c.nearPoor.persons!.start as number),
      end: acc.nearPoor.persons!.end + c.nearPoor.persons!.end,
      movement: add(acc.nearPoor.persons!.movement!, c.nearPoor.persons!.movement!),
    };
    acc.farmAverage = add(acc.farmAverage!, c.farmAverage!);
  }
  acc.unit = unit;
  acc.children = children;
  return finish(acc);
}

export const DISTRICT: ReportUnit = { code: '073', name: 'Huyện Chiêm Hóa', level: 'district' };

export function communeLeaves(n = 3): SummaryNode[] {
  const names = ['Thị trấn Vĩnh Lộc', 'Xã Phúc Sơn', 'Xã Minh Quang', 'Xã Trung Hà', 'Xã Tân Mỹ'];
  return Array.from({ length: n }, (_, i) => leaf(communeFigures(`0${2287 + 3 * i}`, names[i % names.length], i)));
}

export function districtSummary(n = 3): SummaryReport {
  const node = sumNode(DISTRICT, communeLeaves(n));
  node.plan = { target: 2, unit: 'points', achievedPercent: r2(((node.poor.reductionPoints as number) / 2) * 100) };
  return { ...node, year: 2022, standard: 'ND07-2021' };
}

/** A province of two districts, each with its communes (rows 1, 1.1, 1.2… 2, 2.1…). */
export function provinceSummary(): SummaryReport {
  const d1 = sumNode(DISTRICT, communeLeaves(3));
  const d2 = sumNode({ code: '074', name: 'Huyện Hàm Yên', level: 'district' }, communeLeaves(2).map((c, i) => ({ ...c, unit: { ...c.unit, code: `0240${i}`, name: `Xã Hàm ${i + 1}` } })));
  return { ...sumNode({ code: '08', name: 'Tỉnh Tuyên Quang', level: 'province' }, [d1, d2]), year: 2022, standard: 'ND07-2021' };
}

// ---------------------------------------------------------------- breakdowns

export const INDICATORS = [
  { key: 'employment', name: 'Việc làm' }, { key: 'dependants', name: 'Người phụ thuộc trong hộ gia đình' },
  { key: 'nutrition', name: 'Dinh dưỡng' }, { key: 'healthInsurance', name: 'Bảo hiểm y tế' },
  { key: 'adultEducation', name: 'Trình độ giáo dục của người lớn' }, { key: 'childSchooling', name: 'Tình trạng đi học của trẻ em' },
  { key: 'housingQuality', name: 'Chất lượng nhà ở' }, { key: 'housingArea', name: 'Diện tích nhà ở bình quân đầu người' },
  { key: 'water', name: 'Nguồn nước sinh hoạt' }, { key: 'sanitation', name: 'Nhà tiêu hợp vệ sinh' },
  { key: 'telecom', name: 'Sử dụng dịch vụ viễn thông' }, { key: 'informationAssets', name: 'Phương tiện phục vụ tiếp cận thông tin' },
];

const hp = (households: number, persons: number): HouseholdsPersons => ({ households, persons });

function groups(total: HouseholdsPersons, k: number): TargetGroups {
  return {
    total,
    ethnicMinority: hp(Math.floor(total.households * 0.8), Math.floor(total.persons * 0.8)),
    noLabour: hp(5 + k, 9 + k),
    meritorious: hp(2, 6),
    other: hp(Math.floor(total.households * 0.15), Math.floor(total.persons * 0.15)),
    femaleHead: hp(30 + k, 100 + k),
  };
}

/** Breakdowns matching a summary's end figures, per leaf; parents summed. */
export function breakdownsFor(s: SummaryReport): BreakdownReport {
  const build = (n: SummaryNode, k: number): BreakdownNode => {
    if (n.children?.length) {
      const children = n.children.map((c, i) => build(c, i));
      return { ...sumBreakdown(children), unit: n.unit, children };
    }
    const poor = hp(n.poor.end, n.poor.persons!.end);
    const near = hp(n.nearPoor.end, n.nearPoor.persons!.end);
    const dep = (h: number) => ({ households: h, byIndicator: Object.fromEntries(INDICATORS.map((x, i) => [x.key, Math.floor((h * ((i * 7 + k) % 10)) / 10)])) });
    const eth = (t: HouseholdsPersons) => {
      const tay = hp(Math.floor(t.households * 0.6), Math.floor(t.persons * 0.6));
      const dao = hp(Math.floor(t.households * 0.2), Math.floor(t.persons * 0.2));
      return { '01': hp(t.households - tay.households - dao.households, t.persons - tay.persons - dao.persons), '02': tay, '09': dao };
    };
    const split = (t: number) => ({ total: t, kinh: t - Math.floor(t * 0.8), minority: Math.floor(t * 0.8), localMinority: null });
    const cls = (h: HouseholdsPersons, kk: number) => ({ households: split(h.households), persons: split(h.persons), meritorious: 2, noLabour: 5 + kk, femaleHead: 30 + kk });
    return {
      unit: n.unit,
      deprivations: { poor: dep(poor.households), nearPoor: dep(near.households) },
      targetGroups: { poor: groups(poor, k), nearPoor: groups(near, k) },
      ethnicity: { poor: eth(poor), nearPoor: eth(near) },
      causes: {
        poor: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((c) => [String(c), Math.floor(poor.households / (c + 1))])),
        nearPoor: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((c) => [String(c), Math.floor(near.households / (c + 2))])),
      },
      childDeprivations: {
        poor: { children: 400 + k, noHealthInsurance: 20 + k, malnourished: 30, outOfSchool: 12 },
        nearPoor: { children: 200 + k, noHealthInsurance: 8, malnourished: 10 + k, outOfSchool: 4 },
      },
      multidimensional: { households: split(n.households.end), persons: split(n.persons.end), poor: cls(poor, k), nearPoor: cls(near, k) },
    };
  };
  const root = build(s, 0);
  return {
    ...root,
    year: s.year,
    standard: s.standard,
    indicators: INDICATORS,
    causeList: [
      'Thiếu đất sản xuất', 'Thiếu vốn sản xuất', 'Thiếu lao động', 'Thiếu công cụ sản xuất', 'Thiếu kiến thức sản xuất',
      'Thiếu kỹ năng lao động', 'Có người ốm đau, bệnh nặng, tai nạn', 'Nguyên nhân khác',
    ].map((name, i) => ({ code: i + 1, name })),
    ethnicGroups: [{ code: '01', name: 'Kinh', minority: false }, { code: '02', name: 'Tày', minority: true }, { code: '09', name: 'Dao', minority: true }],
  };
}

function sumBreakdown(children: BreakdownNode[]): Omit<BreakdownNode, 'unit'> {
  const deep = (a: unknown, b: unknown): unknown => {
    if (typeof a === 'number' && typeof b === 'number') return a + b;
    if (a === null || b === null) return null;
    if (a && b && typeof a === 'object') {
      const keys = new Set([...Object.keys(a), ...Object.keys(b as object)]);
      return Object.fromEntries([...keys].map((k) => [k, deep((a as Record<string, unknown>)[k] ?? 0, (b as Record<string, unknown>)[k] ?? 0)]));
    }
    return a;
  };
  const strip = ({ unit: _u, children: _c, ...rest }: BreakdownNode) => rest;
  return children.map(strip).reduce((a, b) => deep(a, b) as typeof a);
}
