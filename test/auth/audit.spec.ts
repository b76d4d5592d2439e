import { AuditService } from '../../src/audit/audit.service';
import { SYSTEM_USER } from '../../src/auth/auth-user';
import { createTestApp, TestApp } from '../utils/test-app';
import { AREAS, outsideArea, seedScopeUnits } from '../utils/scope-fixture';

describe('audit trail (real PostgreSQL)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const get = (who: string, query = '') => t.http().get(`/api/audit${query}`).set('Authorization', `Bearer ${tokens[who]}`);

  beforeAll(async () => {
    t = await createTestApp();
    await seedScopeUnits(t.ds);
    tokens.admin = await t.tokenFor('admin', null, 'quantri');
    tokens.province = await t.tokenFor('province', '08');
    tokens.district = await t.tokenFor('district', '073');
    tokens.commune = await t.tokenFor('commune', '02287');
    // changes in every area, through the real routes
    for (const [area, username] of [[AREAS.own, 'u.own'], [AREAS.sibling, 'u.sibling'], [AREAS.cousin, 'u.cousin'], [AREAS.foreign, 'u.foreign']] as const) {
      const res = await t.http().post('/api/users').set('Authorization', `Bearer ${tokens.admin}`).set('X-Request-Id', `req-${username}`)
        .send({ username, password: 'mot-mat-khau-dai', role: 'commune', unitCode: area.commune });
      expect(res.status).toBe(201);
    }
    await t.http().post('/api/users').set('Authorization', `Bearer ${tokens.admin}`).send({ username: 'u.admin2', password: 'mot-mat-khau-dai', role: 'admin' });
    // an entry carrying ID numbers, as the register will write them
    await t.ds.transaction((m) =>
      t.app.get(AuditService).record(m, SYSTEM_USER, {
        action: 'update', entity: 'household', entityId: 77, unitCode: AREAS.own.village,
        oldValue: { headName: 'Nguyễn Văn A', headIdNumber: '001234567890' }, newValue: { headIdNumber: '001234567899', passwordHash: 'x', token: 'y' },
      }),
    );
  });
  afterAll(() => t.close());

  it('admins see every entry, newest first, paged, in the list shape', async () => {
    const res = await get('admin', '?pageSize=3');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 3 });
    expect(res.body.total).toBeGreaterThanOrEqual(6);
    expect(res.body.items).toHaveLength(3);
    const ids = res.body.items.map((i: { id: number }) => i.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(res.body.items[0]).toEqual({
      id: expect.any(Number), at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/), actor: 'system', actorRole: 'admin', action: 'update',
      entity: 'household', entityId: '77', unitCode: '02287-01', oldValue: expect.any(Object), newValue: expect.any(Object), note: null, requestId: null,
    });
  });

  it('never records secrets, even when a caller passes them', async () => {
    const res = await get('admin', '?entity=household&id=77');
    expect(res.body.items[0].newValue).toEqual({ headIdNumber: '001234567899' });
  });

  it('stores the request id of the change (X-Request-Id), to find its log lines', async () => {
    const res = await get('admin', '?entity=user&action=create&pageSize=100');
    const own = res.body.items.find((i: { newValue: { username: string } }) => i.newValue.username === 'u.own');
    expect(own.requestId).toBe('req-u.own');
  });

  it.each([
    ['province', '08'],
    ['district', '073'],
    ['commune', '02287'],
  ])('a %s officer sees only entries of units in their area (never unit-less ones)', async (role, unit) => {
    const res = await get(role, '?pageSize=1000');
    expect(res.status).toBe(200);
    const codes: (string | null)[] = res.body.items.map((i: { unitCode: string | null }) => i.unitCode);
    expect(codes.length).toBe(res.body.total);
    expect(codes.length).toBeGreaterThan(0);
    expect(await outsideArea(t.ds, unit, codes)).toEqual([]);
  });

  it('the counts follow the areas exactly', async () => {
    const total = async (who: string, q = '') => (await get(who, `?entity=user&action=create${q}`)).body.total;
    expect(await total('commune')).toBe(1); // u.own
    expect(await total('district')).toBe(2); // + u.sibling
    expect(await total('province')).toBe(3); // + u.cousin
    expect(await total('admin')).toBeGreaterThanOrEqual(5); // + u.foreign, u.admin2, the test accounts
  });

  it('masks ID numbers in old and new values for roles that do not need them', async () => {
    const district = await get('district', '?entity=household&id=77');
    expect(district.body.items[0].oldValue).toEqual({ headName: 'Nguyễn Văn A', headIdNumber: '*********890' });
    const commune = await get('commune', '?entity=household&id=77');
    expect(commune.body.items[0].oldValue.headIdNumber).toBe('001234567890');
  });

  it('filters by unit (and below), refusing a unit outside the caller area with 403', async () => {
    const inside = await get('district', `?unit=${AREAS.sibling.commune}`);
    expect(inside.status).toBe(200);
    expect(inside.body.items.every((i: { unitCode: string }) => i.unitCode === AREAS.sibling.commune)).toBe(true);
    const village = await get('commune', `?unit=${AREAS.own.commune}&entity=household`);
    expect(village.body.total).toBe(1); // the entry of a village counts for its commune
    const outside = await get('district', `?unit=${AREAS.cousin.commune}`);
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('OUT_OF_SCOPE');
    expect((await get('commune', '?unit=UNKNOWN')).status).toBe(403);
    expect((await get('admin', '?unit=UNKNOWN')).body.total).toBe(0);
  });

  it('filters by time, days in Vietnam time', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await get('admin', `?from=${today}&to=${today}`)).body.total).toBeGreaterThan(0);
    expect((await get('admin', '?to=2001-01-01')).body.total).toBe(0);
    expect((await get('admin', `?from=${new Date(Date.now() + 3600_000).toISOString()}`)).body.total).toBe(0);
    const bad = await get('admin', '?from=2024-05-02&to=2024-05-01');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('from');
    expect((await get('admin', '?id=5')).status).toBe(400); // id needs entity
    expect((await get('admin', '?from=2024-02-30')).status).toBe(400);
    expect((await get('admin', '?from=1899-01-01')).status).toBe(400);
    expect((await get('admin', '?from=2024-01-01T10:00:00')).status).toBe(400); // a time without a zone is ambiguous
  });

  it('offers no route that edits or deletes entries', async () => {
    const [{ id }] = await t.ds.query(`SELECT id FROM audit_log LIMIT 1`);
    for (const method of ['put', 'patch', 'delete'] as const) {
      for (const path of ['/api/audit', `/api/audit/${id}`]) {
        const res = await t.http()[method](path).set('Authorization', `Bearer ${tokens.admin}`).send({ note: 'x' });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    }
    expect((await t.http().post('/api/audit').set('Authorization', `Bearer ${tokens.admin}`).send({})).status).toBe(404);
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    await expect(t.ds.query(`UPDATE audit_log SET note = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(before);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE note = 'changed'`))[0].n).toBe(0);
  });

  it('rolls back with the change it records (same transaction)', async () => {
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    await t.ds
      .transaction(async (m) => {
        await t.app.get(AuditService).record(m, SYSTEM_USER, { action: 'update', entity: 'x', unitCode: null });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(before);
  });
});
