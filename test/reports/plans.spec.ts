import { CODES, buildHandHistory } from './hand-history';
import { createTestApp, TestApp } from '../utils/test-app';

describe('plans (kế hoạch giao)', () => {
  let t: TestApp;
  let admin: string;
  let d1: string;
  let d2: string;
  let commune: string;
  const put = (unit: string, year: number, body: object, token: string) =>
    t.http().put(`/api/plans/${unit}/${year}`).set('Authorization', `Bearer ${token}`).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    await buildHandHistory(t);
    admin = await t.tokenFor('admin', null);
    d1 = await t.tokenFor('district', CODES.d1);
    d2 = await t.tokenFor('district', CODES.d2);
    commune = await t.tokenFor('commune', CODES.a);
  }, 60_000);
  afterAll(() => t.close());

  it('a district officer sets their district\'s plan; the summary then reports % achieved', async () => {
    const res = await put(CODES.d1, 2022, { target: 0.2, unit: 'points', note: 'Kế hoạch số 12/KH-UBND' }, d1);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ unitCode: '901', unitName: 'Huyện Một', year: 2022, target: 0.2, unit: 'points', version: 1, updatedBy: 'district_901' });
    const summary = await t.http().get(`/api/reports/summary?unit=${CODES.d1}&year=2022`).set('Authorization', `Bearer ${d1}`);
    expect(summary.body.plan).toEqual({ target: 0.2, unit: 'points', achievedPercent: 95.63 });
  });

  it('replaces it (200, version + 1), refuses a stale version (409), and audits both', async () => {
    const res = await put(CODES.d1, 2022, { target: 1, unit: 'households', version: 1 }, d1);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ target: 1, unit: 'households', version: 2 });
    const stale = await put(CODES.d1, 2022, { target: 3, unit: 'households', version: 1 }, d1);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const audit = await t.ds.query(`SELECT action, actor, unit_code, old_value, new_value FROM audit_log WHERE entity = 'reduction_plan' ORDER BY id`);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'create', actor: 'district_901', unit_code: '901', old_value: null, new_value: { target: 0.2, unit: 'points', note: 'Kế hoạch số 12/KH-UBND' } }),
      expect.objectContaining({ action: 'update', old_value: { target: 0.2, unit: 'points', note: 'Kế hoạch số 12/KH-UBND' }, new_value: { target: 1, unit: 'households', note: null } }),
    ]);
    // a plan of 1 household against a reduction of 0 households: 0 %
    const summary = await t.http().get(`/api/reports/summary?unit=${CODES.d1}&year=2022`).set('Authorization', `Bearer ${admin}`);
    expect(summary.body.plan).toEqual({ target: 1, unit: 'households', achievedPercent: 0 });
  });

  it('reads one plan and lists the plans of an area', async () => {
    expect((await t.http().get(`/api/plans/${CODES.d1}/2022`).set('Authorization', `Bearer ${d1}`)).body.target).toBe(1);
    expect((await t.http().get(`/api/plans/${CODES.d1}/2023`).set('Authorization', `Bearer ${d1}`)).status).toBe(404);
    await put(CODES.a, 2022, { target: 0.25, unit: 'points' }, d1);
    const list = await t.http().get(`/api/plans?unit=${CODES.d1}`).set('Authorization', `Bearer ${d1}`);
    expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect((await t.http().get('/api/plans').set('Authorization', `Bearer ${d2}`)).body.total).toBe(0);
  });

  it.each([
    ['a commune officer (role)', () => commune, CODES.a, 403, 'FORBIDDEN'],
    ['another district\'s officer (area)', () => d2, CODES.d1, 403, 'OUT_OF_SCOPE'],
    ['anyone reading outside their area', () => d2, CODES.a, 403, 'OUT_OF_SCOPE'],
  ])('refuses %s', async (_, token, unit, status, code) => {
    const res = await put(unit as string, 2023, { target: 1, unit: 'points' }, (token as () => string)());
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it.each([
    [{ target: 0, unit: 'points' }, 'target'],
    [{ target: 150, unit: 'points' }, 'target'],
    [{ target: 2.5, unit: 'households' }, 'target'],
    [{ target: 2, unit: 'percent' }, 'unit'],
    [{ target: '2', unit: 'points' }, 'target'],
    [{ target: 2, unit: 'points', extra: 1 }, 'extra'],
  ])('validates %j', async (body, field) => {
    const res = await put(CODES.d1, 2024, body, admin);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('needs a unit that existed that year', async () => {
    expect((await put(CODES.b, 2024, { target: 1, unit: 'points' }, admin)).status).toBe(404); // Xã Bình merged in 2023
    expect((await put(CODES.b, 2023, { target: 1, unit: 'points' }, admin)).status).toBe(201);
  });

  it('deletes a plan (audited)', async () => {
    expect((await t.http().delete(`/api/plans/${CODES.b}/2023`).set('Authorization', `Bearer ${admin}`)).status).toBe(204);
    expect((await t.http().get(`/api/plans/${CODES.b}/2023`).set('Authorization', `Bearer ${admin}`)).status).toBe(404);
    const [row] = await t.ds.query(`SELECT action FROM audit_log WHERE entity = 'reduction_plan' ORDER BY id DESC LIMIT 1`);
    expect(row.action).toBe('delete');
  });
});
