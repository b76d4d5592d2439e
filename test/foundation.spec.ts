import { seedDemoUnits } from '../src/demo/seed-units';
import { createTestApp, TestApp } from './utils/test-app';

describe('foundation (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.ds.transaction((m) => seedDemoUnits(m));
    admin = await t.tokenFor('admin', null);
  });
  afterAll(() => t.close());

  it('answers /api/health without a token', async () => {
    const res = await t.http().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/units']).toBeDefined();
  });

  it('refuses a route without a token, in the one error shape', async () => {
    const res = await t.http().get('/api/units');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHENTICATED', details: [] });
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 'admin_all', password: 'nope' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects unknown fields naming them', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 'a', password: 'b', role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'role' })]);
  });

  it('lists the 26 Chiêm Hóa communes of a date, paged', async () => {
    const res = await t.http().get('/api/units?parent=073&date=2022-12-31&pageSize=10').set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(26);
    expect(res.body.items).toHaveLength(10);
    expect(res.body.items[0]).toEqual({
      code: '02287', name: 'Thị trấn Vĩnh Lộc', level: 'commune', kind: 'thi_tran', areaType: 'urban',
      parentCode: '073', validFrom: '2020-01-01', validTo: '2025-06-30',
    });
  });

  it('validates list parameters', async () => {
    const res = await t.http().get('/api/units?pageSize=5000').set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('pageSize');
  });
});
