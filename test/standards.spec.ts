import { seedDemoUnits } from '../src/demo/seed-units';
import { createTestApp, TestApp } from './utils/test-app';
import { addHousehold, bearer } from './utils/reviews';

describe('poverty standards (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let commune: string;
  let province: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.ds.transaction((m) => seedDemoUnits(m));
    admin = await t.tokenFor('admin', null);
    commune = await t.tokenFor('commune', '02287');
    province = await t.tokenFor('province', '08');
  });
  afterAll(() => t.close());

  it('lists the seeded standards with their lines and indicators', async () => {
    const res = await t.http().get('/api/standards').set(bearer(commune));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    const [nd07, nd351] = res.body.items;
    expect(nd07).toMatchObject({
      code: 'ND07-2021', listYearFrom: 2022, listYearTo: 2026, deprivationCutoff: 3, b2PointsPerIndicator: 10, provisional: false,
      lines: [
        { areaType: 'rural', incomeLine: 1_500_000, averageUpper: 2_250_000, b1Cutoff: 140 },
        { areaType: 'urban', incomeLine: 2_000_000, averageUpper: 3_000_000, b1Cutoff: 175 },
      ],
    });
    expect(nd07.indicators.map((i: { key: string }) => i.key)).toEqual(['employment', 'dependants', 'nutrition', 'healthInsurance', 'adultEducation',
      'childSchooling', 'housingQuality', 'housingArea', 'water', 'sanitation', 'telecom', 'informationAssets']);
    expect(nd07.dimensions).toHaveLength(6);
    expect(nd351).toMatchObject({ code: 'ND351-2025', listYearFrom: 2027, provisional: true, lines: [{ averageUpper: null, b1Cutoff: null }, { incomeLine: 2_800_000 }] });
    expect(nd351.indicators.map((i: { key: string }) => i.key)).toContain('wasteTreatment');
    expect(nd351.indicators.map((i: { key: string }) => i.key)).not.toContain('informationAssets');
    const y = await t.http().get('/api/standards?listYear=2027').set(bearer(commune));
    expect(y.body.items.map((s: { code: string }) => s.code)).toEqual(['ND351-2025']);
  });

  it('classifies exactly as docs/API.md shows', async () => {
    const res = await t.http().post('/api/standards/classify').set(bearer(commune))
      .send({ listYear: 2023, areaType: 'rural', incomePerCapita: 1_400_000, deprivations: ['healthInsurance', 'housingArea', 'water'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ standard: 'ND07-2021', classification: 'poor', deprivationCount: 3, povertyLine: 1_500_000 });
    expect(typeof res.body.explanation).toBe('string');
    const b1 = await t.http().post('/api/standards/classify').set(bearer(commune)).send({ listYear: 2023, areaType: 'urban', b1Score: 176, deprivations: [] });
    expect(b1.body).toMatchObject({ classification: 'above', incomeBasis: 'b1', b1Cutoff: 175 });
    const y2027 = await t.http().post('/api/standards/classify').set(bearer(commune)).send({ listYear: 2027, areaType: 'rural', incomePerCapita: 2_200_000, deprivations: ['wasteTreatment'] });
    expect(y2027.body).toMatchObject({ standard: 'ND351-2025', classification: 'near_poor', povertyLine: 2_200_000 });
  });

  it('names an unknown indicator in a 400', async () => {
    const res = await t.http().post('/api/standards/classify').set(bearer(commune)).send({ listYear: 2023, areaType: 'rural', incomePerCapita: 1, deprivations: ['water', 'internet'] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'UNKNOWN_INDICATOR', details: [{ field: 'deprivations', value: 'internet' }] });
    expect(res.body.message).toContain('"internet"');
    const none = await t.http().post('/api/standards/classify').set(bearer(commune)).send({ listYear: 2023, areaType: 'rural' });
    expect(none.status).toBe(400);
    expect(none.body.details[0].field).toBe('incomePerCapita');
    const noYear = await t.http().post('/api/standards/classify').set(bearer(commune)).send({ listYear: 2015, areaType: 'rural', incomePerCapita: 1 });
    expect(noYear.status).toBe(422);
  });

  it('lets a province define its local standard and adds the local class with provinceCode', async () => {
    const forbidden = await t.http().post('/api/standards').set(bearer(commune)).send({});
    expect(forbidden.status).toBe(403);
    const created = await t.http().post('/api/standards').set(bearer(province)).send({
      code: 'TQ-2022', title: 'Chuẩn nghèo tỉnh Tuyên Quang', decree: 'Nghị quyết HĐND tỉnh', listYearFrom: 2022, listYearTo: 2025,
      provinceCode: '08', nationalCode: 'ND07-2021', lines: [{ areaType: 'rural', incomeLine: 1_700_000, averageUpper: 2_500_000, b1Cutoff: 150 }],
    });
    expect(created.status).toBe(201);
    expect(created.body.indicators).toHaveLength(12); // the national set
    const overlap = await t.http().post('/api/standards').set(bearer(admin)).send({
      code: 'TQ-BIS', title: 'x', decree: 'x', listYearFrom: 2025, listYearTo: 2026, provinceCode: '08', nationalCode: 'ND07-2021',
      lines: [{ areaType: 'rural', incomeLine: 1_600_000 }],
    });
    expect(overlap.status).toBe(409);
    const below = await t.http().post('/api/standards').set(bearer(admin)).send({
      code: 'TQ-LOW', title: 'x', decree: 'x', listYearFrom: 2026, listYearTo: 2026, provinceCode: '08', nationalCode: 'ND07-2021',
      lines: [{ areaType: 'rural', incomeLine: 1_000_000 }],
    });
    expect(below.status).toBe(400);
    const res = await t.http().post('/api/standards/classify').set(bearer(commune))
      .send({ listYear: 2023, areaType: 'rural', incomePerCapita: 1_600_000, deprivations: ['water', 'sanitation', 'telecom'], provinceCode: '08' });
    expect(res.body).toMatchObject({ classification: 'average', local: { standard: 'TQ-2022', classification: 'poor', povertyLine: 1_700_000 } });
    const urban = await t.http().post('/api/standards/classify').set(bearer(commune))
      .send({ listYear: 2023, areaType: 'urban', incomePerCapita: 1_600_000, provinceCode: '08' });
    expect(urban.body.local).toBeNull(); // no local urban line
  });

  it('lets an admin edit a line (with its version) and audits it; others cannot', async () => {
    const { body: s } = await t.http().get('/api/standards/ND07-2021').set(bearer(admin));
    const denied = await t.http().put('/api/standards/ND07-2021/lines/rural').set(bearer(province)).send({ incomeLine: 1_600_000, averageUpper: 2_250_000, b1Cutoff: 140, version: s.version });
    expect(denied.status).toBe(403);
    const res = await t.http().put('/api/standards/ND07-2021/lines/rural').set(bearer(admin)).send({ incomeLine: 1_500_000, averageUpper: 2_250_000, b1Cutoff: 145, version: s.version });
    expect(res.status).toBe(200);
    expect(res.body.lines[0]).toMatchObject({ b1Cutoff: 145 });
    expect(res.body.version).toBe(s.version + 1);
    const stale = await t.http().put('/api/standards/ND07-2021/lines/rural').set(bearer(admin)).send({ incomeLine: 1_500_000, b1Cutoff: 140, version: s.version });
    expect(stale.status).toBe(409);
    const cls = await t.http().post('/api/standards/classify').set(bearer(commune)).send({ listYear: 2023, areaType: 'rural', b1Score: 143, deprivations: [] });
    expect(cls.body.classification).toBe('near_poor');
    const [audit] = await t.ds.query(`SELECT old_value, new_value FROM audit_log WHERE entity = 'poverty_standard_line' ORDER BY id DESC LIMIT 1`);
    expect(audit.old_value.b1Cutoff).toBe(140);
    expect(audit.new_value.b1Cutoff).toBe(145);
  });

  it('edits the indicator set of a national standard; an unknown dimension is refused', async () => {
    let { body: s } = await t.http().get('/api/standards/ND351-2025').set(bearer(admin));
    const bad = await t.http().put('/api/standards/ND351-2025/indicators/internetAccess').set(bearer(admin)).send({ nameVi: 'Truy cập internet', nameEn: 'Internet access', dimension: 'digital', version: s.version });
    expect(bad.status).toBe(400);
    const ok = await t.http().put('/api/standards/ND351-2025/indicators/internetAccess').set(bearer(admin)).send({ nameVi: 'Truy cập internet', nameEn: 'Internet access', dimension: 'information', version: s.version });
    expect(ok.status).toBe(200);
    expect(ok.body.indicators.at(-1)).toMatchObject({ key: 'internetAccess', dimension: 'information' });
    s = ok.body;
    const del = await t.http().delete(`/api/standards/ND351-2025/indicators/internetAccess?version=${s.version}`).set(bearer(admin));
    expect(del.status).toBe(200);
    expect(del.body.indicators.map((i: { key: string }) => i.key)).not.toContain('internetAccess');
  });

  it('re-classifies an open round explicitly after the standard changed; stored results keep the rule values they were computed with', async () => {
    const officer = await t.tokenFor('commune', '02299');
    const h = await addHousehold(t.ds, { commune: '02299', code: 'RC-1' });
    const r = await t.http().post('/api/review-rounds').set(bearer(officer)).send({ communeCode: '02299', year: 2023, kind: 'periodic' });
    await t.http().post(`/api/review-rounds/${r.body.id}/start`).set(bearer(officer)).send({ version: r.body.version, date: '2023-09-05' });
    const put = await t.http().put(`/api/review-rounds/${r.body.id}/results/${h}`).set(bearer(officer)).send({ b1Score: 148, deprivations: ['water'] });
    expect(put.body).toMatchObject({ computedClass: 'above', b1Cutoff: 145 });
    const { body: s } = await t.http().get('/api/standards/ND07-2021').set(bearer(admin));
    await t.http().put('/api/standards/ND07-2021/lines/rural').set(bearer(admin)).send({ incomeLine: 1_500_000, averageUpper: 2_250_000, b1Cutoff: 150, version: s.version });
    const stored = await t.http().get(`/api/review-rounds/${r.body.id}/results/${h}`).set(bearer(officer));
    expect(stored.body).toMatchObject({ computedClass: 'above', b1Cutoff: 145 }); // unchanged until re-classified
    const { version } = (await t.http().get(`/api/review-rounds/${r.body.id}`).set(bearer(officer))).body;
    const re = await t.http().post(`/api/review-rounds/${r.body.id}/reclassify`).set(bearer(officer)).send({ version });
    expect(re.status).toBe(200);
    expect(re.body).toEqual({ results: 1, changed: 1 });
    const after = await t.http().get(`/api/review-rounds/${r.body.id}/results/${h}`).set(bearer(officer));
    expect(after.body).toMatchObject({ computedClass: 'near_poor', b1Cutoff: 150, version: 2 });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reclassify'`);
    expect(n).toBe(1);
  });
});
