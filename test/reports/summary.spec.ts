import { CODES, buildHandHistory } from './hand-history';
import { ReviewFixtures } from '../utils/review-fixtures';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The summary report on the hand-made history (hand-history.ts). Every figure below is worked
 * out by hand in the comments from the households listed there.
 */
describe('GET /api/reports/summary', () => {
  let t: TestApp;
  let admin: string;
  const get = (unit: string, year: number, token = admin) =>
    t.http().get(`/api/reports/summary?unit=${unit}&year=${year}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await createTestApp();
    await buildHandHistory(t);
    const fx = new ReviewFixtures(t.ds);
    await fx.plan(CODES.a, 2022, 0.25, 'points');
    await fx.plan(CODES.d1, 2022, 0.2, 'points');
    await fx.plan(CODES.province, 2022, 2, 'households');
    admin = await t.tokenFor('admin', null);
  }, 60_000);
  afterAll(() => t.close());

  it('a commune: start, each movement, end, rates, points and plan, households and persons', async () => {
    const res = await get(CODES.a, 2022);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      unit: { code: '90101', name: 'Xã An', level: 'commune' },
      year: 2022, standard: 'ND07-2021', status: 'complete',
      coverage: { communes: 1, decided: 1, missing: [] },
      households: { start: 40, end: 41 },
      persons: { start: 160, end: 165 },
      // poor: 5 − toNearPoor 1 (h2) − above 1 (h3) − otherOut 1 (h4) + fromNearPoor 1 (h6) + newly 1 (h9) + otherIn 1 (h11) = 5
      // rates 5/40 = 12.50 %, 5/41 = 12.195 % → 12.20 ; points 12.5 − 12.1951 = 0.3049 → 0.30
      poor: {
        start: 5, end: 5, reduction: 0, rateStart: 12.5, rateEnd: 12.2, reductionPoints: 0.3,
        movement: { toNearPoor: 1, aboveNearPoor: 1, otherOut: 1, fromNearPoor: 1, fellBack: 0, newlyPoor: 1, otherIn: 1 },
      },
      // near-poor: 3 − toPoor 1 (h6) − above 1 (h8) + fromPoor 1 (h2) + newly 1 (h10) = 3 ; 3/40 = 7.50, 3/41 = 7.317 → 7.32 ; 0.1829 → 0.18
      nearPoor: {
        start: 3, end: 3, reduction: 0, rateStart: 7.5, rateEnd: 7.32, reductionPoints: 0.18,
        movement: { toPoor: 1, aboveNearPoor: 1, otherOut: 0, fromPoor: 1, fellBack: 0, newlyNearPoor: 1, otherIn: 0 },
      },
      // poor persons: 20 (4+3+5+2+6) − 3 (h2) − 5 (h3) − [2 (h4) + 2 (h5 shrank 6→4)] + 4 (h6) + 4 (h9) + [3 (h11) + 1 (h1 grew 4→5)] = 20
      // 20/160 = 12.50 ; 20/165 = 12.121 → 12.12 ; 0.3788 → 0.38
      poorPersons: {
        start: 20, end: 20, reduction: 0, rateStart: 12.5, rateEnd: 12.12, reductionPoints: 0.38,
        movement: { toNearPoor: 3, aboveNearPoor: 5, otherOut: 4, fromNearPoor: 4, fellBack: 0, newlyPoor: 4, otherIn: 4 },
      },
      // near-poor persons: 12 (4+3+5) − 4 (h6) − 5 (h8) + 3 (h2) + 3 (h10) = 9 ; 12/160 = 7.50 ; 9/165 = 5.4545 → 5.45 ; 2.0455 → 2.05
      nearPoorPersons: {
        start: 12, end: 9, reduction: 3, rateStart: 7.5, rateEnd: 5.45, reductionPoints: 2.05,
        movement: { toPoor: 4, aboveNearPoor: 5, otherOut: 0, fromPoor: 3, fellBack: 0, newlyNearPoor: 3, otherIn: 0 },
      },
      multidimensionalRateEnd: 19.51, // (5 + 3)/41 = 19.512
      farmAverage: { households: 1, persons: 5, rate: 2.44, personsRate: 3.03 }, // h3: 1/41, 5/165
      plan: { target: 0.25, unit: 'points', achievedPercent: 121.95 }, // 0.304878 / 0.25
      warnings: [],
      children: [],
    });
    expect(r.text).toBe('Xã An, năm 2022: còn 5 hộ nghèo, không đổi so với đầu năm; tỷ lệ hộ nghèo giảm từ 12,50% xuống 12,20% (giảm 0,30 điểm phần trăm), đạt 122% kế hoạch giao (0,25 điểm phần trăm).');
    expect(r.labels.multidimensionalRate).toMatch(/^Tỷ lệ nghèo đa chiều/);
  });

  it('a district of that year: its communes summed, the undecided commune missing (not zero), the plan in points', async () => {
    const res = await get(CODES.d1, 2022);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      unit: { code: '901', name: 'Huyện Một', level: 'district' },
      status: 'incomplete',
      coverage: { communes: 3, decided: 2, missing: [{ code: '90103', name: 'Xã Cao' }] },
      households: { start: 60, end: 61 }, // Xã An 40 → 41, Xã Bình 20 → 20
      persons: { start: 240, end: 245 },
      // poor 5 + 2 → 5 + 2 ; 7/60 = 11.667 → 11.67 ; 7/61 = 11.475 → 11.48 ; 0.1913 → 0.19
      poor: {
        start: 7, end: 7, reduction: 0, rateStart: 11.67, rateEnd: 11.48, reductionPoints: 0.19,
        movement: { toNearPoor: 2, aboveNearPoor: 1, otherOut: 1, fromNearPoor: 1, fellBack: 0, newlyPoor: 2, otherIn: 1 },
      },
      // near-poor 3 + 1 → 3 + 1 ; 4/60 = 6.67 ; 4/61 = 6.557 → 6.56 ; 0.1093 → 0.11
      nearPoor: {
        start: 4, end: 4, reduction: 0, rateStart: 6.67, rateEnd: 6.56, reductionPoints: 0.11,
        movement: { toPoor: 1, aboveNearPoor: 2, otherOut: 0, fromPoor: 2, fellBack: 0, newlyNearPoor: 1, otherIn: 0 },
      },
      multidimensionalRateEnd: 18.03, // 11/61
      plan: { target: 0.2, unit: 'points', achievedPercent: 95.63 }, // 0.191257 / 0.2
    });
    expect(r.warnings.map((w: { code: string }) => w.code)).toEqual(['MISSING_COMMUNES']);
    expect(r.text).toContain('còn 1 xã chưa có quyết định công nhận');
    expect(r.children.map((c: { unit: { code: string }; status: string }) => [c.unit.code, c.status])).toEqual([
      ['90101', 'complete'], ['90102', 'complete'], ['90103', 'missing'],
    ]);
    const [a, b, c] = r.children;
    expect(a.poor).toEqual((await get(CODES.a, 2022)).body.poor);
    expect(a.children).toBeUndefined();
    expect(b).toMatchObject({ households: { start: 20, end: 20 }, poor: { start: 2, end: 2, rateStart: 10, rateEnd: 10, reductionPoints: 0 }, plan: null });
    expect(c).toMatchObject({
      status: 'missing', coverage: { communes: 1, decided: 0, missing: [{ code: '90103' }] },
      households: { start: null, end: null },
      poor: { start: null, end: null, reduction: null, rateStart: null, rateEnd: null, reductionPoints: null, movement: null },
    });
  });

  it('a province: its districts of that year, a plan in households', async () => {
    const r = (await get(CODES.province, 2022)).body;
    expect(r).toMatchObject({
      unit: { code: '90', level: 'province' }, status: 'incomplete',
      coverage: { communes: 4, decided: 3 },
      households: { start: 120, end: 121 }, // 60 + Xã Đông 60
      // poor 7 + 2 = 9 → 7 + 1 = 8 ; 9/120 = 7.50 ; 8/121 = 6.6116 → 6.61 ; 0.8884 → 0.89
      poor: { start: 9, end: 8, reduction: 1, rateStart: 7.5, rateEnd: 6.61, reductionPoints: 0.89,
        movement: { toNearPoor: 2, aboveNearPoor: 2, otherOut: 1, fromNearPoor: 1, fellBack: 0, newlyPoor: 2, otherIn: 1 } },
      nearPoor: { start: 4, end: 4, rateStart: 3.33, rateEnd: 3.31, reductionPoints: 0.03 }, // 4/120, 4/121: 0.0275
      multidimensionalRateEnd: 9.92, // 12/121
      plan: { target: 2, unit: 'households', achievedPercent: 50 }, // 1 of 2 households
    });
    expect(r.children.map((c: { unit: { code: string }; status: string }) => [c.unit.code, c.status])).toEqual([['901', 'incomplete'], ['902', 'complete']]);
    expect(r.children[1]).toMatchObject({ poor: { start: 2, end: 1, reduction: 1, rateStart: 3.33, rateEnd: 1.67, reductionPoints: 1.67 } });
  });

  it('a baseline year (first round under ND07): end figures only, start and movement null', async () => {
    const r = (await get(CODES.d1, 2021)).body;
    expect(r).toMatchObject({
      status: 'complete', households: { start: null, end: 140 }, persons: { start: null, end: 540 },
      poor: { start: null, end: 8, reduction: null, rateStart: null, rateEnd: 5.71, reductionPoints: null, movement: null }, // 8/140
      nearPoor: { start: null, end: 4, rateEnd: 2.86, movement: null },
      plan: null,
    });
    expect(r.text).toContain('năm đầu tiên theo chuẩn ND07-2021');
  });

  it('a merged commune: the start of the year adds up the communes merged into it', async () => {
    const r = (await get(CODES.a, 2023)).body;
    expect(r).toMatchObject({
      status: 'complete',
      households: { start: 61, end: 62 }, // Xã An 41 + Xã Bình 20
      persons: { start: 245, end: 250 },
      // 7 (5 + 2) − above 1 (h5) − otherOut 1 (b4) + fromNearPoor 1 (h7) + fellBack 1 (h3) = 7 ; 7/61 = 11.475 → 11.48 ; 7/62 = 11.290 → 11.29 ; 0.1851 → 0.19
      poor: { start: 7, end: 7, reduction: 0, rateStart: 11.48, rateEnd: 11.29, reductionPoints: 0.19,
        movement: { toNearPoor: 0, aboveNearPoor: 1, otherOut: 1, fromNearPoor: 1, fellBack: 1, newlyPoor: 0, otherIn: 0 } },
      // 4 (3 + 1) − toPoor 1 (h7) = 3 ; 4/61 = 6.557 ; 3/62 = 4.839 ; 1.7187 → 1.72
      nearPoor: { start: 4, end: 3, reduction: 1, rateStart: 6.56, rateEnd: 4.84, reductionPoints: 1.72,
        movement: { toPoor: 1, aboveNearPoor: 0, otherOut: 0, fromPoor: 0, fellBack: 0, newlyNearPoor: 0, otherIn: 0 } },
      // persons 30 (20 + 10) − 4 (h5) − 5 (b4) + 3 (h7) + 5 (h3) = 29
      poorPersons: { start: 30, end: 29 },
    });
    const d = (await get(CODES.d1, 2023)).body;
    expect(d.children.map((c: { unit: { code: string }; status: string }) => [c.unit.code, c.status])).toEqual([['90101', 'complete'], ['90103', 'missing']]);
    expect(d.poor).toMatchObject({ start: 7, end: 7 });
  });

  it('after the 2025 reform a province aggregates its communes directly; the old district is gone', async () => {
    const r = (await get(CODES.province, 2025)).body;
    expect(r.children.map((c: { unit: { code: string; level: string }; status: string }) => [c.unit.code, c.unit.level, c.status])).toEqual([
      ['90101', 'commune', 'complete'], ['90103', 'commune', 'missing'], ['90201', 'commune', 'complete'],
    ]);
    // no 2024 rounds: no start. End: poor h1 + e1 = 2 of 122 households (1.64 %), near-poor h6 = 1 (0.82 %)
    expect(r).toMatchObject({ status: 'incomplete', households: { start: null, end: 122 }, poor: { start: null, end: 2, rateEnd: 1.64, movement: null }, nearPoor: { end: 1, rateEnd: 0.82 } });
    const gone = await get(CODES.d1, 2025);
    expect(gone.status).toBe(404);
    expect(gone.body.details[0].field).toBe('unit');
  });

  it('a year without any decided round is missing, not zero', async () => {
    const r = (await get(CODES.d1, 2024)).body;
    expect(r).toMatchObject({ status: 'missing', households: { start: null, end: null }, poor: { end: null, rateEnd: null }, multidimensionalRateEnd: null });
    expect(r.coverage.missing.map((m: { code: string }) => m.code)).toEqual(['90101', '90103']);
  });

  it('validates its parameters', async () => {
    const res = await t.http().get('/api/reports/summary?unit=901&year=abc').set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('year');
    expect((await t.http().get('/api/reports/summary?year=2022').set('Authorization', `Bearer ${admin}`)).body.details[0].field).toBe('unit');
    expect((await t.http().get('/api/reports/summary?unit=901&year=2022')).status).toBe(401);
  });

  describe('scopes', () => {
    it('a commune officer reads their commune, not the district', async () => {
      const tok = await t.tokenFor('commune', CODES.a);
      expect((await get(CODES.a, 2022, tok)).status).toBe(200);
      const res = await get(CODES.d1, 2022, tok);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
    });
    it('a district officer reads their district and its communes, not another district nor the province', async () => {
      const tok = await t.tokenFor('district', CODES.d2);
      expect((await get(CODES.d2, 2022, tok)).status).toBe(200);
      expect((await get(CODES.e, 2022, tok)).status).toBe(200);
      expect((await get(CODES.d1, 2022, tok)).status).toBe(403);
      expect((await get(CODES.a, 2022, tok)).status).toBe(403);
      expect((await get(CODES.province, 2022, tok)).status).toBe(403);
    });
    it('a province officer reads the whole province', async () => {
      const tok = await t.tokenFor('province', CODES.province);
      expect((await get(CODES.province, 2022, tok)).status).toBe(200);
      expect((await get(CODES.a, 2023, tok)).status).toBe(200);
    });
  });
});
