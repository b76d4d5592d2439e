import { CODES, buildHandHistory } from './hand-history';
import { createTestApp, TestApp } from '../utils/test-app';

/** Trends on the hand-made history: Xã Bình merged into Xã An on 1 Jul 2023, so Xã An's series adds Xã Bình in 2021–2022. */
describe('GET /api/reports/trends', () => {
  let t: TestApp;
  let admin: string;
  const get = (unit: string, from: number, to: number, token = admin) =>
    t.http().get(`/api/reports/trends?unit=${unit}&from=${from}&to=${to}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await createTestApp();
    await buildHandHistory(t);
    admin = await t.tokenFor('admin', null);
  }, 60_000);
  afterAll(() => t.close());

  it('runs a merged commune\'s series on today\'s unit', async () => {
    const res = await get(CODES.a, 2021, 2025);
    expect(res.status).toBe(200);
    expect(res.body.unit).toEqual({ code: '90101', name: 'Xã An', level: 'commune' });
    const y = Object.fromEntries(res.body.years.map((p: { year: number }) => [p.year, p]));
    // 2021: Xã An + Xã Bình: poor 5 + 2 of 40 + 20 → 11.67 ; near-poor 3 + 1 → 6.67 ; persons 20 + 9 of 240 → 12.08
    expect(y[2021]).toMatchObject({
      standard: 'ND07-2021', status: 'complete', households: 60, persons: 240,
      poor: { households: 7, persons: 29, rate: 11.67, personsRate: 12.08 }, nearPoor: { households: 4, rate: 6.67 },
      multidimensionalRate: 18.33, poorReductionPoints: null,
    });
    // 2022: 7 of 61 → 11.48 ; fall 11.6667 − 11.4754 = 0.19
    expect(y[2022]).toMatchObject({ status: 'complete', households: 61, poor: { households: 7, rate: 11.48 }, nearPoor: { households: 4, rate: 6.56 }, poorReductionPoints: 0.19 });
    // 2023 (merged): 7 of 62 → 11.29 ; fall 11.4754 − 11.2903 = 0.1851 → 0.19
    expect(y[2023]).toMatchObject({ status: 'complete', households: 62, poor: { households: 7, rate: 11.29 }, nearPoor: { households: 3, rate: 4.84 }, poorReductionPoints: 0.19 });
    expect(y[2024]).toMatchObject({ status: 'missing', households: null, poor: { households: null, rate: null }, coverage: { missing: [{ code: '90101' }] } });
    // 2025: 1 of 62 → 1.61 ; no fall: 2024 is missing
    expect(y[2025]).toMatchObject({ status: 'complete', poor: { households: 1, rate: 1.61 }, poorReductionPoints: null });
  });

  it('a unit that no longer exists runs on its last day\'s communes', async () => {
    const r = (await get(CODES.d1, 2021, 2023)).body;
    expect(r.referenceDate).toBe('2025-06-30');
    expect(r.years.map((p: { year: number; status: string; poor: { households: number | null } }) => [p.year, p.status, p.poor.households])).toEqual([
      [2021, 'complete', 8], [2022, 'incomplete', 7], [2023, 'incomplete', 7],
    ]);
    expect(r.years[1].coverage.missing).toEqual([{ code: '90103', name: 'Xã Cao' }]);
  });

  it('a province today covers every commune that merged into its communes', async () => {
    const r = (await get(CODES.province, 2022, 2022)).body;
    // Xã An 5 + Xã Bình 2 + Xã Đông 1 of 41 + 20 + 60; Xã Cao not decided
    expect(r.years[0]).toMatchObject({ status: 'incomplete', households: 121, poor: { households: 8, rate: 6.61 } });
  });

  it('checks its range and the caller\'s area', async () => {
    expect((await get(CODES.a, 2025, 2021)).status).toBe(400);
    expect((await get(CODES.a, 2000, 2090)).status).toBe(400);
    expect((await get('99999', 2021, 2022)).status).toBe(404);
    const tok = await t.tokenFor('district', CODES.d2);
    expect((await get(CODES.a, 2021, 2022, tok)).status).toBe(403);
  });
});
