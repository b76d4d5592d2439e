import { createTestApp, TestApp } from '../utils/test-app';
import { addHousehold, addRound, bearer, C1, C2, C3, D1, D2, seedUnits } from './fixtures';

const M = 1_000_000;

/**
 * A small district (Huyện Một: Xã An, Xã Bình) in 2023, every figure of the report computed by hand
 * below; Huyện Hai (Xã Cường) and the year 2022 hold data that must stay out.
 */
describe('program progress report (real PostgreSQL)', () => {
  let t: TestApp;
  let district: string;
  let province: string;
  const h: Record<string, number> = {};

  const fund = async (token: string, body: object) => {
    const res = await t.http().post('/api/program-funds').set(bearer(token))
      .send({ year: 2023, source: 'central', fundType: 'recurrent', entryDate: '2023-03-01', ...body });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body.entry.id as number;
  };
  const activity = async (token: string, body: object) => {
    const res = await t.http().post('/api/program-activities').set(bearer(token)).send({ title: 'Hoạt động', date: '2023-05-01', ...body });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  };
  const support = async (token: string, household: number, projectCode: string, amount: number, date: string, supportType = 'production_support') => {
    const res = await t.http().post('/api/program-beneficiaries').set(bearer(token)).send({ householdId: household, projectCode, supportType, amount, date });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedUnits(t.ds);
    district = await t.tokenFor('district', D1);
    province = await t.tokenFor('province', '99');
    for (const k of ['A', 'B', 'C', 'D']) h[k] = await addHousehold(t.ds, C1);
    for (const k of ['E', 'F', 'G']) h[k] = await addHousehold(t.ds, C2);
    h.X = await addHousehold(t.ds, C3);
    await addRound(t.ds, { commune: C1, year: 2021, kind: 'baseline', decisionDate: '2021-12-10' }, [[h.D, 'poor']]);
    await addRound(t.ds, { commune: C1, year: 2022, kind: 'periodic', decisionDate: '2022-12-09' },
      [[h.A, 'poor'], [h.B, 'poor'], [h.C, 'near_poor'], [h.D, 'above']]);
    await addRound(t.ds, { commune: C2, year: 2022, kind: 'periodic', decisionDate: '2022-12-09' }, [[h.E, 'poor'], [h.F, 'near_poor']]);
    await addRound(t.ds, { commune: C3, year: 2022, kind: 'periodic', decisionDate: '2022-12-09' }, [[h.X, 'poor']]);
    // the next review: decided in Xã An, still at the meeting in Xã Bình
    await addRound(t.ds, { commune: C1, year: 2023, kind: 'periodic', decisionDate: '2023-12-08' },
      [[h.A, 'near_poor'], [h.B, 'poor'], [h.C, 'above'], [h.D, 'above']]);
    await addRound(t.ds, { commune: C2, year: 2023, kind: 'periodic', decisionDate: '2023-12-08', status: 'meeting' }, [[h.E, 'above'], [h.F, 'above']]);

    // funds
    await fund(district, { unitCode: D1, projectCode: 'GNBV21-DA7-TDA1', kind: 'allocated', amount: 200 * M });
    await fund(district, { unitCode: D1, projectCode: 'GNBV21-DA7-TDA1', kind: 'disbursed', amount: 150 * M, entryDate: '2023-10-01' });
    await fund(district, { unitCode: C1, projectCode: 'GNBV21-DA3-TDA1', kind: 'allocated', amount: 400 * M });
    await fund(district, { unitCode: C1, projectCode: 'GNBV21-DA3-TDA1', kind: 'allocated', amount: 100 * M, source: 'local' });
    const wrong = await fund(district, { unitCode: C1, projectCode: 'GNBV21-DA3-TDA1', kind: 'disbursed', amount: 250 * M, entryDate: '2023-09-01' });
    const fixed = await t.http().post(`/api/program-funds/${wrong}/corrections`).set(bearer(district)).send({ amount: 300 * M, reason: 'Sai số' });
    expect(fixed.status).toBe(201);
    await fund(district, { unitCode: C2, projectCode: 'GNBV21-DA2', kind: 'allocated', amount: 300 * M });
    await fund(district, { unitCode: C2, projectCode: 'GNBV21-DA2', kind: 'disbursed', amount: 300 * M, entryDate: '2023-11-01' });
    await fund(province, { unitCode: C3, projectCode: 'GNBV21-DA2', kind: 'allocated', amount: 999 * M }); // other district
    await fund(district, { unitCode: D1, projectCode: 'GNBV21-DA2', kind: 'allocated', amount: 50 * M, year: 2022, entryDate: '2022-03-01' }); // other year

    // activities
    await activity(district, { unitCode: D1, projectCode: 'GNBV21-DA7-TDA1', kind: 'training', participants: { total: 100, women: 40, ethnicMinority: 80, officials: 100, residents: 0 } });
    await activity(district, { unitCode: C1, projectCode: 'GNBV21-DA6-TDA2', kind: 'communication', participants: { total: 50, women: 30, ethnicMinority: 45, officials: 5, residents: 45 } });
    await activity(district, { unitCode: C2, projectCode: 'GNBV21-DA3-TDA1', kind: 'model', participants: { total: 20, women: 10, ethnicMinority: 20, officials: 0, residents: 20 } });
    await activity(province, { unitCode: C3, projectCode: 'GNBV21-DA2', kind: 'training', participants: { total: 999 } });
    await activity(district, { unitCode: C1, projectCode: 'GNBV21-DA2', kind: 'training', date: '2022-05-01', participants: { total: 999 } });

    // supported households
    await support(district, h.A, 'GNBV21-DA3-TDA1', 5 * M, '2023-03-10');
    await support(district, h.A, 'GNBV21-DA2', 8 * M, '2023-04-01', 'livelihood_model');
    await support(district, h.B, 'GNBV21-DA3-TDA1', 5 * M, '2023-03-10');
    await support(district, h.B, 'GNBV21-DA3-TDA2', 2 * M, '2023-05-05');
    await support(district, h.C, 'GNBV21-DA3-TDA1', 5 * M, '2023-03-10');
    await support(district, h.D, 'GNBV21-DA2', 8 * M, '2023-04-01', 'livelihood_model'); // recently escaped
    await support(district, h.E, 'GNBV21-DA4-TDA1', 3 * M, '2023-06-01', 'vocational_training');
    await support(district, h.F, 'GNBV21-DA4-TDA1', 3 * M, '2023-06-01', 'vocational_training');
    await support(district, h.G, 'GNBV21-DA4-TDA1', 3 * M, '2023-06-01', 'vocational_training'); // on no list: "other"
    await support(province, h.X, 'GNBV21-DA2', 8 * M, '2023-04-01', 'livelihood_model');

    const not = await t.http().post('/api/program-applicability').set(bearer(district))
      .send({ projectCode: 'GNBV21-DA5', unitCode: D1, applicable: false, reason: 'Không phải huyện nghèo' });
    expect(not.status).toBe(201);
  });
  afterAll(() => t.close());

  const get = async (unit: string, year: number, token = district) => {
    const res = await t.http().get(`/api/program/progress?unit=${unit}&year=${year}`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body;
  };
  const node = (program: { projects: { code: string; subProjects: unknown[] }[] }, code: string) => {
    const all = program.projects.flatMap((p) => [p, ...(p.subProjects as typeof program.projects)]);
    return all.find((p) => p.code === code) as unknown as Record<string, unknown>;
  };

  it('sums the district over its communes, per project and sub-project', async () => {
    const r = await get(D1, 2023);
    expect(r.unit).toEqual({ code: D1, name: 'Huyện Một', level: 'district' });
    expect(r.reviewCoverage).toEqual({ communes: 2, decided: 1 });
    expect(r.programs.map((p: { code: string }) => p.code)).toEqual(['GNBV-2021-2025']);
    const p = r.programs[0];

    // funds: 200 + 400 + 100 + 300 allocated; 150 + 300 (corrected from 250) + 300 disbursed
    expect(p.total.funds).toMatchObject({ allocated: 1000 * M, disbursed: 750 * M, rate: 75 });
    expect(p.total.funds.bySource.local).toEqual({ allocated: 100 * M, disbursed: 0, rate: 0 });
    expect(node(p, 'GNBV21-DA3').funds).toMatchObject({ allocated: 500 * M, disbursed: 300 * M, rate: 60 });
    expect(node(p, 'GNBV21-DA3-TDA1').funds).toMatchObject({ allocated: 500 * M, disbursed: 300 * M, rate: 60 });
    expect(node(p, 'GNBV21-DA3-TDA2').funds).toMatchObject({ allocated: 0, disbursed: 0, rate: null });
    expect(node(p, 'GNBV21-DA2').funds).toMatchObject({ allocated: 300 * M, disbursed: 300 * M, rate: 100 });
    expect(node(p, 'GNBV21-DA7').funds).toMatchObject({ allocated: 200 * M, disbursed: 150 * M, rate: 75 });

    // activities: 3 in the district in 2023
    expect(p.total.activities).toEqual({
      count: 3, trainings: 1, conferences: 0, communication: 1, models: 1,
      participants: { total: 170, women: 80, ethnicMinority: 145, officials: 105, residents: 65 },
    });
    expect(node(p, 'GNBV21-DA7').activities).toMatchObject({ count: 1, trainings: 1, participants: { total: 100 } });
    expect(node(p, 'GNBV21-DA6-TDA2').activities).toMatchObject({ count: 1, communication: 1, participants: { total: 50, residents: 45 } });
    expect(node(p, 'GNBV21-DA2').activities).toMatchObject({ count: 0, participants: { total: 0 } });

    // households: A, B (poor) and C (near-poor) under Dự án 3; B twice (two sub-projects) counted once
    expect(node(p, 'GNBV21-DA3-TDA1').households).toEqual({ total: 3, poor: 2, nearPoor: 1, recentlyEscaped: 0, other: 0, supports: 3, amount: 15 * M });
    expect(node(p, 'GNBV21-DA3-TDA2').households).toEqual({ total: 1, poor: 1, nearPoor: 0, recentlyEscaped: 0, other: 0, supports: 1, amount: 2 * M });
    expect(node(p, 'GNBV21-DA3').households).toEqual({ total: 3, poor: 2, nearPoor: 1, recentlyEscaped: 0, other: 0, supports: 4, amount: 17 * M });
    expect(node(p, 'GNBV21-DA2').households).toEqual({ total: 2, poor: 1, nearPoor: 0, recentlyEscaped: 1, other: 0, supports: 2, amount: 16 * M });
    expect(node(p, 'GNBV21-DA4').households).toEqual({ total: 3, poor: 1, nearPoor: 1, recentlyEscaped: 0, other: 1, supports: 3, amount: 9 * M });
    // the program: 7 households (A…G) once each, under the group of their first support
    expect(p.total.households).toEqual({ total: 7, poor: 3, nearPoor: 2, recentlyEscaped: 1, other: 1, supports: 9, amount: 42 * M });

    // outcome at the 2023 periodic review: A poor → near-poor (escaped), B still poor, C near-poor → above;
    // Xã Bình has not decided yet: E, F, G not reviewed
    expect(node(p, 'GNBV21-DA3').outcome).toEqual({
      supportedPoor: 2, escapedPoverty: 1, stillPoor: 1, escapedPovertyRate: 50,
      supportedNearPoor: 1, escapedNearPoverty: 1, becamePoor: 0, notReviewed: 0,
    });
    expect(node(p, 'GNBV21-DA2').outcome).toMatchObject({ supportedPoor: 1, escapedPoverty: 1, escapedPovertyRate: 100, notReviewed: 0 });
    expect(node(p, 'GNBV21-DA4').outcome).toMatchObject({ supportedPoor: 1, escapedPoverty: 0, supportedNearPoor: 1, notReviewed: 3, escapedPovertyRate: null });
    expect(p.total.outcome).toEqual({
      supportedPoor: 3, escapedPoverty: 1, stillPoor: 1, escapedPovertyRate: 50, // E not reviewed yet
      supportedNearPoor: 2, escapedNearPoverty: 1, becamePoor: 0, notReviewed: 3,
    });

    // applicability
    expect(node(p, 'GNBV21-DA5')).toMatchObject({ applicable: false, notApplicableReason: 'Không phải huyện nghèo', label: 'Dự án 5' });
    expect(node(p, 'GNBV21-DA2')).toMatchObject({ applicable: true, notApplicableReason: null });
  });

  it('reports one commune on its own', async () => {
    const r = await get(C1, 2023);
    const p = r.programs[0];
    expect(r.reviewCoverage).toEqual({ communes: 1, decided: 1 });
    expect(p.total.funds).toMatchObject({ allocated: 500 * M, disbursed: 300 * M });
    expect(p.total.households).toMatchObject({ total: 4, poor: 2, nearPoor: 1, recentlyEscaped: 1, other: 0 });
    expect(p.total.activities.count).toBe(1);
  });

  it('shows the 2026–2035 program, still without components, for 2026', async () => {
    const r = await get(D1, 2026);
    expect(r.programs).toEqual([expect.objectContaining({ code: 'MTQG-2026-2035', projects: [] })]);
    expect(r.programs[0].total.funds).toMatchObject({ allocated: 0, disbursed: 0, rate: null });
  });

  it('reads only inside the reader\'s area', async () => {
    const commune = await t.tokenFor('commune', C1);
    expect((await t.http().get(`/api/program/progress?unit=${D1}&year=2023`).set(bearer(commune))).status).toBe(403);
    expect((await t.http().get(`/api/program/progress?unit=${C1}&year=2023`).set(bearer(commune))).status).toBe(200);
    const other = await t.tokenFor('district', D2);
    expect((await t.http().get(`/api/program/progress?unit=${D1}&year=2023`).set(bearer(other))).status).toBe(403);
    expect((await t.http().get(`/api/program/progress?unit=NOPE&year=2023`).set(bearer(province))).status).toBe(403);
  });
});
