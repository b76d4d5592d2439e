import type { SummaryNode } from './report-inputs';
import { breakdownReport, BreakdownAnswers, programProgressReport, summaryNode, summaryReport } from './report-mapping';

const poorMove = { toNearPoor: 3, aboveNearPoor: 10, otherOut: 1, fromNearPoor: 2, fellBack: 0, newlyPoor: 4, otherIn: 0 };
const nearMove = { toPoor: 2, aboveNearPoor: 5, otherOut: 0, fromPoor: 3, fellBack: 1, newlyNearPoor: 6, otherIn: 0 };
const cls = (start: number | null, end: number | null, movement: object | null) => ({
  start, end, reduction: start === null || end === null ? null : start - end, rateStart: start === null ? null : 31.3, rateEnd: end === null ? null : 26.04,
  reductionPoints: start === null ? null : 5.27, movement,
});

/** A node of GET /api/reports/summary as the reports service answers it. */
const reportNode = (code: string, name: string, level: string, over: Record<string, unknown> = {}) => ({
  unit: { code, name, level }, year: 2022, standard: 'ND07-2021', status: 'complete', coverage: { communes: 1, decided: 1, missing: [] },
  households: { start: 100, end: 102 }, persons: { start: 400, end: 410 },
  poor: cls(30, 22, poorMove), nearPoor: cls(10, 13, nearMove),
  poorPersons: cls(120, 88, poorMove), nearPoorPersons: cls(40, 52, nearMove),
  multidimensionalRateEnd: 34.31, multidimensionalPersonsRateEnd: 34.15,
  farmAverage: { households: 7, persons: 28, rate: 6.86, personsRate: 6.83 },
  plan: { target: 4.32, unit: 'points', achievedPercent: 121.99 }, warnings: [],
  ...over,
});

describe('summary mapping (reports JSON → exports input)', () => {
  it.each([
    ['households', (s: SummaryNode) => s.households, { start: 100, end: 102 }],
    ['persons', (s: SummaryNode) => s.persons, { start: 400, end: 410 }],
    ['poor households', (s: SummaryNode) => [s.poor.start, s.poor.end, s.poor.reduction, s.poor.rateStart, s.poor.rateEnd, s.poor.reductionPoints], [30, 22, 8, 31.3, 26.04, 5.27]],
    ['poor movement', (s: SummaryNode) => s.poor.movement, poorMove],
    ['poorPersons → poor.persons', (s: SummaryNode) => s.poor.persons, { start: 120, end: 88, movement: poorMove }],
    ['nearPoorPersons → nearPoor.persons', (s: SummaryNode) => s.nearPoor.persons, { start: 40, end: 52, movement: nearMove }],
    ['farmAverage (counts only)', (s: SummaryNode) => s.farmAverage, { households: 7, persons: 28 }],
    ['plan', (s: SummaryNode) => s.plan, { target: 4.32, unit: 'points', achievedPercent: 121.99 }],
    ['multidimensional rate', (s: SummaryNode) => s.multidimensionalRateEnd, 34.31],
    ['a complete unit is not missing', (s: SummaryNode) => s.missing, undefined],
  ])('%s', (_name, pick, expected) => {
    expect(pick(summaryNode(reportNode('073', 'Huyện Chiêm Hóa', 'district')))).toEqual(expected);
  });

  it('a baseline year: start, reduction and movement stay null', () => {
    const s = summaryNode(reportNode('02287', 'Thị trấn Vĩnh Lộc', 'commune', {
      households: { start: null, end: 102 }, poor: cls(null, 22, null), poorPersons: cls(null, 88, null),
    }));
    expect(s.households.start).toBeNull();
    expect(s.poor).toMatchObject({ start: null, reduction: null, rateStart: null, movement: null, persons: { start: null, end: 88, movement: null } });
  });

  it('status missing → missing: true, figures 0 (the workbook shows the unit as missing, never a zero figure)', () => {
    const s = summaryNode(reportNode('02299', 'Xã Phúc Sơn', 'commune', {
      status: 'missing', households: { start: null, end: null }, persons: { start: null, end: null },
      poor: cls(null, null, null), nearPoor: cls(null, null, null), poorPersons: cls(null, null, null), nearPoorPersons: cls(null, null, null),
      multidimensionalRateEnd: null, plan: null,
    }));
    expect(s.missing).toBe(true);
    expect([s.households.end, s.poor.end, s.poor.rateEnd, s.nearPoor.end, s.multidimensionalRateEnd]).toEqual([0, 0, 0, 0, 0]);
    expect(s.plan).toBeNull();
  });

  it('a province: each district carries the communes of its own report', () => {
    const province = reportNode('08', 'Tỉnh Tuyên Quang', 'province', {
      children: [reportNode('073', 'Huyện Chiêm Hóa', 'district'), reportNode('074', 'Huyện Hàm Yên', 'district')],
    });
    const district = reportNode('073', 'Huyện Chiêm Hóa', 'district', {
      children: [reportNode('02287', 'Thị trấn Vĩnh Lộc', 'commune'), reportNode('02299', 'Xã Phúc Sơn', 'commune')],
    });
    const s = summaryReport(province, new Map([['073', district]]));
    expect(s).toMatchObject({ year: 2022, standard: 'ND07-2021', unit: { code: '08', level: 'province' } });
    expect(s.children!.map((c) => [c.unit.code, (c.children ?? []).map((g) => g.unit.code)])).toEqual([['073', ['02287', '02299']], ['074', []]]);
  });
});

describe('breakdown mapping', () => {
  const row = (code: string, name: string, level: string) => ({ unit: { code, name, level }, status: 'complete' });
  const answers = (children: ReturnType<typeof row>[] = []): BreakdownAnswers => {
    const top = row('073', 'Huyện Chiêm Hóa', 'district');
    const per = (f: () => object) => ({ year: 2022, standard: 'ND07-2021', ...top, poor: f(), nearPoor: f(), children: children.map((c) => ({ ...c, poor: f(), nearPoor: f() })) });
    return {
      deprivations: per(() => ({ households: 20, totalDeprivations: 9, indicators: [{ number: 1, key: 'employment', name: 'Việc làm', households: 5, share: 25 }, { number: 2, key: 'water', name: 'Nguồn nước sinh hoạt', households: 4, share: 20 }] })),
      targetGroups: per(() => ({
        households: { total: 20, ethnicMinority: 15, noLabourCapacity: 2, meritorious: 1, other: 3, femaleHead: 6 },
        persons: { total: 80, ethnicMinority: 60, noLabourCapacity: 5, meritorious: 4, other: 12, femaleHead: 22 },
      })),
      ethnicGroups: per(() => ({ households: { total: 20, kinh: 5, ethnicMinority: 15 }, persons: {}, groups: [{ code: '02', name: 'Tày', households: 15, persons: 60, share: 75 }, { code: '01', name: 'Kinh', households: 5, persons: 20, share: 25 }] })),
      causes: per(() => ({ households: 20, causes: [{ code: 1, name: 'Không có đất sản xuất', households: 8, share: 40 }] })),
      children: per(() => ({ children: 12, health: { noHealthInsurance: { children: 1, share: 8.33 }, malnourished: { children: 2, share: 16.67 } }, education: { outOfSchool: { children: 3, share: 25 } } })),
      multidimensional: {
        ...per(() => ({ households: { total: 20, kinh: 5, ethnicMinority: 15 }, persons: { total: 80, kinh: 20, ethnicMinority: 60 }, meritorious: 1, noLabourCapacity: 2, femaleHead: 6, rate: 19.6, ethnicMinorityRate: 30 })),
        households: { total: 102, registered: 100, kinh: 50, ethnicMinority: 50 }, persons: { total: 410, registered: 400, kinh: 200, ethnicMinority: 200 },
      },
    };
  };

  it('maps each table of a unit', () => {
    const b = breakdownReport(answers());
    expect(b.deprivations.poor).toEqual({ households: 20, byIndicator: { employment: 5, water: 4 } });
    expect(b.indicators).toEqual([{ key: 'employment', name: 'Việc làm' }, { key: 'water', name: 'Nguồn nước sinh hoạt' }]);
    expect(b.targetGroups.nearPoor.noLabour).toEqual({ households: 2, persons: 5 });
    expect(b.targetGroups.poor.femaleHead).toEqual({ households: 6, persons: 22 });
    expect(b.ethnicity.poor).toEqual({ '01': { households: 5, persons: 20 }, '02': { households: 15, persons: 60 } });
    expect(b.ethnicGroups).toEqual([{ code: '01', name: 'Kinh', minority: false }, { code: '02', name: 'Tày', minority: true }]);
    expect(b.causes.poor).toEqual({ '1': 8 });
    expect(b.causeList).toEqual([{ code: 1, name: 'Không có đất sản xuất' }]);
    expect(b.childDeprivations.poor).toEqual({ children: 12, noHealthInsurance: 1, malnourished: 2, outOfSchool: 3 });
    // 102 resident households, 100 registered: the Kinh column is unknown, the minority one comes from the register
    expect(b.multidimensional.households).toEqual({ total: 102, kinh: null, minority: 50 });
    expect(b.multidimensional.poor).toEqual({ households: { total: 20, kinh: 5, minority: 15 }, persons: { total: 80, kinh: 20, minority: 60 }, meritorious: 1, noLabour: 2, femaleHead: 6 });
  });

  it('tables 12/13: the Kinh split when the register covers every resident household, in every unit of the tree or in none', () => {
    const a = answers([row('02287', 'Thị trấn Vĩnh Lộc', 'commune'), row('02299', 'Xã Phúc Sơn', 'commune')]);
    const m = a.multidimensional;
    m.households = { total: 100, registered: 100, kinh: 50, ethnicMinority: 50 };
    m.persons = { total: 400, registered: 400, kinh: 200, ethnicMinority: 200 };
    m.children[0].households = { total: 60, registered: 60, kinh: 30, ethnicMinority: 30 };
    m.children[0].persons = { total: 240, registered: 240, kinh: 120, ethnicMinority: 120 };
    m.children[1].households = { total: 40, registered: 38, kinh: 18, ethnicMinority: 20 };
    m.children[1].persons = { total: 160, registered: 160, kinh: 80, ethnicMinority: 80 };
    const b = breakdownReport(a);
    expect([b, ...b.children!].map((c) => c.multidimensional.households.kinh)).toEqual([null, null, null]);
    expect(b.multidimensional.households).toEqual({ total: 100, kinh: null, minority: 50 });
    expect([b, ...b.children!].map((c) => c.multidimensional.persons.kinh)).toEqual([200, 120, 80]);
    m.children[1].households = { total: 40, registered: 40, kinh: 20, ethnicMinority: 20 };
    expect(breakdownReport(a).multidimensional.households).toEqual({ total: 100, kinh: 50, minority: 50 });
  });

  it('joins the six answers\' children by unit code', () => {
    const b = breakdownReport(answers([row('02287', 'Thị trấn Vĩnh Lộc', 'commune'), row('02299', 'Xã Phúc Sơn', 'commune')]));
    expect(b.children!.map((c) => [c.unit.code, c.deprivations.poor.households, c.childDeprivations.poor.children])).toEqual([['02287', 20, 12], ['02299', 20, 12]]);
  });

  it('a missing unit (no decided round: classes null) is missing with zeros', () => {
    const a = answers();
    for (const k of Object.keys(a) as (keyof BreakdownAnswers)[]) Object.assign(a[k], { status: 'missing', poor: null, nearPoor: null });
    const b = breakdownReport(a);
    expect(b.missing).toBe(true);
    expect(b.deprivations.poor).toEqual({ households: 0, byIndicator: {} });
  });
});

describe('program progress mapping', () => {
  const money = (allocated: number, disbursed: number) => ({ allocated, disbursed, rate: allocated ? Math.round((disbursed / allocated) * 10000) / 100 : null });
  const figures = (k: number) => ({
    funds: { ...money(10 * k, 6 * k), bySource: { central: money(7 * k, 4 * k), local: money(3 * k, 2 * k), other: money(0, 0) }, byType: { investment: money(4 * k, 2 * k), recurrent: money(6 * k, 4 * k) } },
    activities: { count: k, trainings: k, conferences: 0, communication: 0, models: 0, participants: { total: 30 * k, women: 0, ethnicMinority: 0, officials: 0, residents: 0 } },
    households: { total: 4 * k, poor: 2 * k, nearPoor: k, recentlyEscaped: k, other: 0, supports: 4 * k, amount: 0 },
    outcome: { supportedPoor: 2 * k, escapedPoverty: k, stillPoor: k, escapedPovertyRate: 50, supportedNearPoor: k, escapedNearPoverty: 1, becamePoor: 0, notReviewed: 0 },
  });
  const answer = (decided: number) => ({
    unit: { code: '073', name: 'Huyện Chiêm Hóa', level: 'district' }, year: 2023, reviewCoverage: { communes: 26, decided },
    programs: [{
      code: 'GNBV-2021-2025', name: 'Chương trình MTQG giảm nghèo bền vững', total: figures(3),
      projects: [{
        code: 'GNBV21-DA3', kind: 'project', number: 3, label: 'Dự án 3', name: 'Hỗ trợ phát triển sản xuất', applicable: true, ...figures(2),
        subProjects: [{ code: 'GNBV21-DA3-TDA1', kind: 'sub_project', number: 1, label: 'Tiểu dự án 1', name: 'Hỗ trợ sản xuất nông nghiệp', applicable: false, ...figures(1), subProjects: [] }],
      }],
    }],
  });

  it('funds by source and type, activities, supported households, numbering, applicability', () => {
    const r = programProgressReport(answer(26));
    expect(r.program).toEqual({ code: 'GNBV-2021-2025', name: 'Chương trình MTQG giảm nghèo bền vững' });
    const p = r.projects[0];
    expect([p.number, p.name, p.notApplicable]).toEqual(['3', 'Dự án 3: Hỗ trợ phát triển sản xuất', undefined]);
    expect(p.allocated).toEqual({ central: 14, local: 6, other: 0, investment: 8, recurrent: 12 });
    expect(p.disbursed).toEqual({ central: 8, local: 4, other: 0, investment: 4, recurrent: 8 });
    expect(p.activities).toEqual({ count: 2, participants: 60 });
    expect(p.beneficiaries).toEqual({ poor: 4, nearPoor: 2, recentlyEscaped: 2, other: 0 });
    expect(p.escapedNextReview).toBe(3);
    expect(p.children!.map((c) => [c.number, c.notApplicable])).toEqual([['3.1', true]]);
    expect(r.total.allocated.central).toBe(21);
  });

  it('the outcome is null while no commune has decided the year\'s review', () => {
    expect(programProgressReport(answer(0)).projects[0].escapedNextReview).toBeNull();
  });

  it('no program covering the year: an empty report, not an error', () => {
    const r = programProgressReport({ ...answer(0), programs: [] });
    expect(r.projects).toEqual([]);
    expect(r.total.allocated.central).toBe(0);
  });
});
