import { CODES, buildHandHistory } from './hand-history';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Breakdowns (tables 4–13) and the Alkire–Foster measures on the hand-made history, Xã An 2022:
 *   reviewed: h1 h2 h3 h5 h6 h7 h8 h9 h10 h11 (10; h4 moved away)
 *   poor      h1 [water sanitation telecom]                                     Tày, 2 children (1 without insurance), causes 1 2
 *             h5 [employment dependants nutrition healthInsurance water sanitation] Tày, no labour capacity, 1 child malnourished, causes 3 7
 *             h6 [housingArea housingQuality water]                             Kinh, người có công, cause 1
 *             h9 [adultEducation childSchooling informationAssets telecom]      Kinh, female head, cause 5
 *             h11 [water sanitation housingArea]                                Mông, female head, 2 children (1 out of school), causes 1 8
 *   near-poor h2 [water], h7 [water sanitation], h10 []
 */
describe('breakdowns and Alkire–Foster', () => {
  let t: TestApp;
  let admin: string;
  const get = (path: string, unit: string, year: number) =>
    t.http().get(`/api/reports/${path}?unit=${unit}&year=${year}`).set('Authorization', `Bearer ${admin}`);

  beforeAll(async () => {
    t = await createTestApp();
    await buildHandHistory(t);
    admin = await t.tokenFor('admin', null);
  }, 60_000);
  afterAll(() => t.close());

  it('tables 4–7: deprived households per indicator, counts and shares', async () => {
    const res = await get('deprivations', CODES.a, 2022);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({ table: 'deprivations', tables: [4, 5, 6, 7], standard: 'ND07-2021', status: 'complete' });
    expect(r.poor.households).toBe(5);
    expect(r.poor.totalDeprivations).toBe(19); // 3 + 6 + 3 + 4 + 3
    const poor = Object.fromEntries(r.poor.indicators.map((i: { key: string; households: number; share: number }) => [i.key, [i.households, i.share]]));
    expect(poor).toEqual({
      employment: [1, 20], dependants: [1, 20], nutrition: [1, 20], healthInsurance: [1, 20], adultEducation: [1, 20], childSchooling: [1, 20],
      housingQuality: [1, 20], housingArea: [2, 40], water: [4, 80], sanitation: [3, 60], telecom: [2, 40], informationAssets: [1, 20],
    });
    expect(r.poor.indicators[0]).toEqual({ number: 1, key: 'employment', name: 'Việc làm', households: 1, share: 20 });
    expect(r.nearPoor).toMatchObject({ households: 3, totalDeprivations: 3 });
    expect(r.nearPoor.indicators.find((i: { key: string }) => i.key === 'water')).toMatchObject({ households: 2, share: 66.67 });
    expect(r.nearPoor.indicators.find((i: { key: string }) => i.key === 'sanitation')).toMatchObject({ households: 1, share: 33.33 });
  });

  it('table 8: target groups, households and persons', async () => {
    const r = (await get('target-groups', CODES.a, 2022)).body;
    expect(r.poor).toEqual({
      households: { total: 5, ethnicMinority: 3, noLabourCapacity: 1, meritorious: 1, other: 1, femaleHead: 2 }, // minority h1 h5 h11; other h9
      persons: { total: 20, ethnicMinority: 12, noLabourCapacity: 4, meritorious: 4, other: 4, femaleHead: 7 },
    });
  });

  it('table 9: by the head\'s ethnic group', async () => {
    const r = (await get('ethnic-groups', CODES.a, 2022)).body;
    expect(r.poor.households).toEqual({ total: 5, kinh: 2, ethnicMinority: 3 });
    expect(r.poor.persons).toEqual({ total: 20, kinh: 8, ethnicMinority: 12 });
    expect(r.poor.groups).toEqual([
      { code: '01', name: 'Kinh', households: 2, persons: 8, share: 40 },
      { code: '02', name: 'Tày', households: 2, persons: 9, share: 40 },
      { code: '08', name: 'Mông', households: 1, persons: 3, share: 20 },
    ]);
  });

  it('table 10: by cause of poverty', async () => {
    const r = (await get('causes', CODES.a, 2022)).body;
    expect(r.poor.causes.map((c: { code: number; households: number; share: number }) => [c.code, c.households, c.share])).toEqual([
      [1, 3, 60], [2, 1, 20], [3, 1, 20], [4, 0, 0], [5, 1, 20], [6, 0, 0], [7, 1, 20], [8, 1, 20],
    ]);
    expect(r.poor.causes[0].name).toBe('Thiếu đất sản xuất');
  });

  it('table 11: children of poor households', async () => {
    const r = (await get('children', CODES.a, 2022)).body;
    expect(r.poor).toEqual({
      children: 5,
      health: { noHealthInsurance: { children: 1, share: 20 }, malnourished: { children: 1, share: 20 } },
      education: { outOfSchool: { children: 1, share: 20 } },
    });
  });

  it('tables 12/13: Kinh / ethnic minority, with the register at the decision', async () => {
    const r = (await get('multidimensional', CODES.a, 2022)).body;
    // registered and active on 10 Dec 2022: h1…h11 without h4 = 10; minority heads h1 h5 h11
    expect(r.households).toEqual({ total: 41, registered: 10, kinh: 7, ethnicMinority: 3 });
    expect(r.poor).toMatchObject({
      households: { total: 5, kinh: 2, ethnicMinority: 3 }, meritorious: 1, noLabourCapacity: 1, femaleHead: 2,
      persons: { total: 20, kinh: 8, ethnicMinority: 12 }, rate: 12.2, ethnicMinorityRate: 100,
    });
  });

  it('sums its communes for a district, with the missing commune shown as missing', async () => {
    const r = (await get('deprivations', CODES.d1, 2022)).body;
    expect(r.status).toBe('incomplete');
    expect(r.poor.households).toBe(7); // Xã An 5 + Xã Bình 2 (no deprivations recorded)
    expect(r.children.map((c: { unit: { code: string }; status: string; poor: unknown }) => [c.unit.code, c.status, c.poor === null])).toEqual([
      ['90101', 'complete', false], ['90102', 'complete', false], ['90103', 'missing', true],
    ]);
  });

  it('Alkire–Foster: H, A, M0 and the contributions, computed by hand', async () => {
    const res = await get('alkire-foster', CODES.a, 2022);
    expect(res.status).toBe(200);
    const r = res.body;
    // scores (of 12): h1 3, h5 6, h6 3, h9 4, h11 3 → poor (≥ 3/12 = 25 %); h2 1, h7 2, others 0
    // H = 5/10 = 0.5 ; A = 19/12 / 5 = 0.31667 ; M0 = 19/120 = 0.15833
    expect(r).toMatchObject({ standard: 'ND07-2021', reviewedHouseholds: 10, poorHouseholds: 5, H: 0.5, A: 0.3167, M0: 0.1583 });
    expect(r.method.k).toBe(0.25);
    expect(r.method.weights).toHaveLength(12);
    expect(r.method.weights[0]).toEqual({ indicator: 'employment', name: 'Việc làm', dimension: 'employment', dimensionName: 'Việc làm', weight: 0.083333 });
    const water = r.contributions.find((c: { indicator: string }) => c.indicator === 'water');
    // water: 4 poor deprived; (1/12 × 4/10) / (19/120) = 4/19 = 21.05 %
    expect(water).toEqual({ indicator: 'water', name: 'Nguồn nước sinh hoạt', censoredHeadcount: 4, censoredHeadcountRatio: 0.4, contributionPercent: 21.05 });
    const sum = r.contributions.reduce((s: number, c: { contributionPercent: number }) => s + c.contributionPercent, 0);
    expect(sum).toBeCloseTo(100, 1);
  });

  it('Alkire–Foster for the district adds up the communes\' sums (not their ratios)', async () => {
    const r = (await get('alkire-foster', CODES.d1, 2022)).body;
    // Xã Bình: 4 reviewed, none deprived. 14 reviewed, 5 poor: H = 5/14 = 0.3571 ; A = 0.3167 ; M0 = 19/168 = 0.1131
    expect(r).toMatchObject({ reviewedHouseholds: 14, poorHouseholds: 5, H: 0.3571, A: 0.3167, M0: 0.1131 });
    expect(r.children[2]).toMatchObject({ unit: { code: '90103' }, status: 'missing', H: null });
  });

  it('documents every breakdown in OpenAPI', async () => {
    const doc = (await t.http().get('/api/docs-json')).body;
    for (const p of ['summary', 'deprivations', 'target-groups', 'ethnic-groups', 'causes', 'children', 'multidimensional', 'alkire-foster', 'trends']) {
      expect(doc.paths[`/api/reports/${p}`]?.get?.summary).toBeTruthy();
    }
    expect(doc.paths['/api/plans/{unitCode}/{year}'].put).toBeDefined();
  });
});
