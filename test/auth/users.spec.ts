import { UsersService } from '../../src/users/users.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { seedScopeUnits } from '../utils/scope-fixture';

describe('users admin (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let adminId: number;
  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object) => t.http().post(url).set('Authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) => t.http().patch(url).set('Authorization', `Bearer ${token}`).send(body),
  });
  const audit = (id: number) =>
    t.ds.query(`SELECT actor, action, entity, unit_code, old_value, new_value, note FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY id`, [String(id)]);
  const create = (body: Record<string, unknown>) => as(admin).post('/api/users', { password: 'mot-mat-khau-dai', ...body });

  beforeAll(async () => {
    t = await createTestApp();
    await seedScopeUnits(t.ds);
    admin = await t.tokenFor('admin', null, 'quantri');
    adminId = (await t.userFor('admin', null, 'quantri')).id;
    admin = await t.tokenFor('admin', null, 'quantri'); // userFor bumps nothing that ends sessions, but sign in again to be sure
  });
  afterAll(() => t.close());

  it('creates an officer, audited without the password', async () => {
    const res = await create({ username: 'canbo.phucson', role: 'commune', unitCode: '02299', fullName: ' Nguye\u0302\u0303n  Thị Hoa ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number), username: 'canbo.phucson', fullName: 'Nguyễn Thị Hoa', role: 'commune', unitCode: '02299',
      unitName: 'Xã Phúc Sơn', disabled: false, locked: false, failedLogins: 0, version: 1,
    });
    expect(res.body).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|mot-mat-khau/);
    const rows = await audit(res.body.id);
    expect(rows).toEqual([
      expect.objectContaining({ actor: 'quantri', action: 'create', unit_code: '02299', new_value: { username: 'canbo.phucson', fullName: 'Nguyễn Thị Hoa', role: 'commune', unitCode: '02299' } }),
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/mot-mat-khau|argon2/);
    // the new officer signs in
    expect((await t.http().post('/api/auth/login').send({ username: 'canbo.phucson', password: 'mot-mat-khau-dai' })).status).toBe(200);
  });

  it.each([
    ['a duplicate username (any case)', { username: 'CANBO.PHUCSON', role: 'commune', unitCode: '02299' }, 409, 'username'],
    ['a commune officer on a district', { username: 'x.one', role: 'commune', unitCode: '073' }, 400, 'unitCode'],
    ['an officer without a unit', { username: 'x.two', role: 'district' }, 400, 'unitCode'],
    ['an admin with a unit', { username: 'x.three', role: 'admin', unitCode: '08' }, 400, 'unitCode'],
    ['an unknown unit', { username: 'x.four', role: 'commune', unitCode: '99999' }, 400, 'unitCode'],
    ['a short password', { username: 'x.five', role: 'province', unitCode: '08', password: 'ngan' }, 400, 'password'],
    ['a password containing the username', { username: 'x.sixsix', role: 'province', unitCode: '08', password: 'pw-x.sixsix-pw' }, 400, 'password'],
    ['a username with diacritics', { username: 'cán.bộ', role: 'province', unitCode: '08' }, 400, 'username'],
    ['an unknown role', { username: 'x.seven', role: 'superuser', unitCode: '08' }, 400, 'role'],
  ])('refuses %s', async (_what, body, status, field) => {
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM app_user`))[0].n;
    const res = await create(body);
    expect(res.status).toBe(status);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM app_user`))[0].n).toBe(before);
  });

  it('is for admins only (403 for every officer role, 401 without a token)', async () => {
    for (const [role, unit] of [['province', '08'], ['district', '073'], ['commune', '02287']] as const) {
      const tok = await t.tokenFor(role, unit);
      expect((await as(tok).get('/api/users')).status).toBe(403);
      expect((await as(tok).post('/api/users', { username: 'sneaky', password: 'mot-mat-khau-dai', role: 'admin' })).status).toBe(403);
      expect((await as(tok).patch(`/api/users/${adminId}`, { version: 1, disabled: true })).status).toBe(403);
    }
    expect((await t.http().get('/api/users')).status).toBe(401);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM app_user WHERE username = 'sneaky'`))[0].n).toBe(0);
  });

  it('lists accounts, paged and filtered, without password hashes', async () => {
    await create({ username: 'canbo.ngoai', role: 'commune', unitCode: 'X1C' });
    const all = await as(admin).get('/api/users?pageSize=2');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
    expect(all.body.items).toHaveLength(2);
    expect(JSON.stringify(all.body)).not.toMatch(/argon2|password_hash|passwordHash/);
    const inProvince = await as(admin).get('/api/users?unit=08&pageSize=100');
    expect(inProvince.body.items.map((u: { unitCode: string }) => u.unitCode)).not.toContain('X1C');
    expect(inProvince.body.items.map((u: { username: string }) => u.username)).toContain('canbo.phucson');
    const byText = await as(admin).get(`/api/users?q=${encodeURIComponent('Thị Hoa')}`);
    expect(byText.body.items.map((u: { username: string }) => u.username)).toEqual(['canbo.phucson']);
    const communeOfficers = await as(admin).get('/api/users?role=commune&disabled=false&pageSize=100');
    expect(communeOfficers.body.items.every((u: { role: string }) => u.role === 'commune')).toBe(true);
    expect((await as(admin).get('/api/users?q=%25')).body.total).toBe(0); // LIKE wildcards are literal
  });

  it('disabling takes effect on the next request, and enabling does not revive old sessions', async () => {
    const created = (await create({ username: 'canbo.tamdung', role: 'district', unitCode: '073' })).body;
    const token = (await t.http().post('/api/auth/login').send({ username: 'canbo.tamdung', password: 'mot-mat-khau-dai' })).body.accessToken;
    expect((await as(token).get('/api/units?pageSize=1')).status).toBe(200);

    const off = await as(admin).patch(`/api/users/${created.id}`, { version: created.version, disabled: true });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ disabled: true, version: created.version + 1 });
    const next = await as(token).get('/api/units?pageSize=1');
    expect(next.status).toBe(401);
    expect(next.body.code).toBe('UNAUTHENTICATED');
    expect((await t.http().post('/api/auth/login').send({ username: 'canbo.tamdung', password: 'mot-mat-khau-dai' })).status).toBe(403);

    const on = await as(admin).patch(`/api/users/${created.id}`, { version: off.body.version, disabled: false });
    expect(on.status).toBe(200);
    expect((await as(token).get('/api/units?pageSize=1')).status).toBe(401); // the old token stays dead
    expect((await t.http().post('/api/auth/login').send({ username: 'canbo.tamdung', password: 'mot-mat-khau-dai' })).status).toBe(200);
    expect((await audit(created.id)).map((r: { action: string }) => r.action)).toEqual(['create', 'disable', 'enable']);
  });

  it('re-scoping (role and unit) takes effect on the next request', async () => {
    const created = (await create({ username: 'canbo.chuyen', role: 'commune', unitCode: '02287' })).body;
    const token = (await t.http().post('/api/auth/login').send({ username: 'canbo.chuyen', password: 'mot-mat-khau-dai' })).body.accessToken;
    expect((await as(token).get('/api/audit?unit=02287')).status).toBe(200);
    expect((await as(token).get('/api/audit?unit=02299')).status).toBe(403);

    const moved = await as(admin).patch(`/api/users/${created.id}`, { version: created.version, role: 'district', unitCode: '073' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ role: 'district', unitCode: '073', unitName: 'Huyện Chiêm Hóa' });
    // same token, new scope at once
    expect((await as(token).get('/api/auth/me')).body).toMatchObject({ role: 'district', unitCode: '073' });
    expect((await as(token).get('/api/audit?unit=02299')).status).toBe(200);
    expect((await as(token).get('/api/audit?unit=X08C')).status).toBe(403);

    const rows = await audit(created.id);
    expect(rows[rows.length - 1]).toMatchObject({
      action: 'rescope', unit_code: '073', old_value: { role: 'commune', unitCode: '02287' }, new_value: { role: 'district', unitCode: '073' },
    });
    // a role change that does not fit the current unit needs a new unit
    const bad = await as(admin).patch(`/api/users/${created.id}`, { version: moved.body.version, role: 'province' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('unitCode');
  });

  it('resets a password: ends the sessions, clears a lock-out, audits without the password', async () => {
    const created = (await create({ username: 'canbo.quen', role: 'commune', unitCode: '02287' })).body;
    const token = (await t.http().post('/api/auth/login').send({ username: 'canbo.quen', password: 'mot-mat-khau-dai' })).body.accessToken;
    await t.ds.query(`UPDATE app_user SET failed_logins = 5, locked_until = now() + interval '10 minutes' WHERE id = $1`, [created.id]);
    const weak = await as(admin).patch(`/api/users/${created.id}`, { version: created.version, password: 'canbo.quen-123' });
    expect(weak.status).toBe(400);
    expect(weak.body.details[0].field).toBe('password');
    const res = await as(admin).patch(`/api/users/${created.id}`, { version: created.version, password: 'mat-khau-moi-cap-lai' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ locked: false, failedLogins: 0, passwordChangedAt: expect.any(String) });
    expect((await as(token).get('/api/auth/me')).status).toBe(401);
    expect((await t.http().post('/api/auth/login').send({ username: 'canbo.quen', password: 'mat-khau-moi-cap-lai' })).status).toBe(200);
    const rows = await audit(created.id);
    expect(rows[rows.length - 1]).toMatchObject({ action: 'password_reset', old_value: null, new_value: null });
    expect(JSON.stringify(rows)).not.toMatch(/mat-khau-moi|argon2/);
  });

  it('unlocks a locked account and renames, one audit entry per kind of change', async () => {
    const created = (await create({ username: 'canbo.khoa', role: 'commune', unitCode: '02287' })).body;
    await t.ds.query(`UPDATE app_user SET failed_logins = 5, locked_until = now() + interval '10 minutes' WHERE id = $1`, [created.id]);
    const locked = (await as(admin).get(`/api/users/${created.id}`)).body;
    expect(locked).toMatchObject({ locked: true, lockedUntil: expect.any(String), failedLogins: 5 });
    const res = await as(admin).patch(`/api/users/${created.id}`, { version: locked.version, unlock: true, fullName: 'Lò Văn Khoa' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ locked: false, lockedUntil: null, failedLogins: 0, fullName: 'Lò Văn Khoa' });
    const actions = (await audit(created.id)).map((r: { action: string }) => r.action);
    expect(actions).toEqual(['create', 'update', 'unlock']);
  });

  it('a PATCH that changes nothing writes nothing', async () => {
    const created = (await create({ username: 'canbo.nguyen', role: 'commune', unitCode: '02287' })).body;
    const res = await as(admin).patch(`/api/users/${created.id}`, { version: created.version, disabled: false, role: 'commune' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(created.version);
    expect(await audit(created.id)).toHaveLength(1);
  });

  it('two admins saving the same account at once: one wins, the other gets 409, nothing is lost silently', async () => {
    const created = (await create({ username: 'canbo.tranh', role: 'commune', unitCode: '02287' })).body;
    const [a, b] = await Promise.all([
      as(admin).patch(`/api/users/${created.id}`, { version: created.version, fullName: 'Tên A' }),
      as(admin).patch(`/api/users/${created.id}`, { version: created.version, fullName: 'Tên B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? a : b;
    expect(loser.body).toMatchObject({ code: 'VERSION_CONFLICT', details: [expect.objectContaining({ field: 'version', expected: created.version, current: created.version + 1 })] });
    const now = (await as(admin).get(`/api/users/${created.id}`)).body;
    expect(now.fullName).toBe(winner.body.fullName);
    expect(now.version).toBe(created.version + 1);
    expect((await audit(created.id)).filter((r: { action: string }) => r.action === 'update')).toHaveLength(1);
  });

  it('an admin cannot disable or demote themself', async () => {
    const me = (await as(admin).get(`/api/users/${adminId}`)).body;
    const self = await as(admin).patch(`/api/users/${adminId}`, { version: me.version, disabled: true });
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('BUSINESS_RULE');
    const demote = await as(admin).patch(`/api/users/${adminId}`, { version: me.version, role: 'province', unitCode: '08' });
    expect(demote.status).toBe(422);
  });

  it('two admins disabling each other at once: one succeeds, at least one admin stays active', async () => {
    const a = (await create({ username: 'quantri.a', role: 'admin' })).body;
    const b = (await create({ username: 'quantri.b', role: 'admin' })).body;
    const signIn = async (u: string) => (await t.http().post('/api/auth/login').send({ username: u, password: 'mot-mat-khau-dai' })).body.accessToken;
    const [ta, tb] = [await signIn('quantri.a'), await signIn('quantri.b')];
    // only these two admins are active for this test
    await t.ds.query(`UPDATE app_user SET disabled = true WHERE role = 'admin' AND username NOT IN ('quantri.a', 'quantri.b')`);
    const [r1, r2] = await Promise.all([
      as(ta).patch(`/api/users/${b.id}`, { version: b.version, disabled: true }),
      as(tb).patch(`/api/users/${a.id}`, { version: a.version, disabled: true }),
    ]);
    const statuses = [r1.status, r2.status].sort();
    expect(statuses[0]).toBe(200);
    expect([401, 422]).toContain(statuses[1]); // refused by the last-admin rule, or the loser's session already ended
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND NOT disabled`))[0].n).toBe(1);
    // the rule itself, without the race: a (stale) admin disabling the last active admin
    const survivor = r1.status === 200 ? a : b;
    const loser = r1.status === 200 ? b : a;
    const current = (await as(await signIn(survivor.username)).get(`/api/users/${survivor.id}`)).body;
    const err = await t.app.get(UsersService)
      .update({ id: loser.id, username: loser.username, role: 'admin', unitCode: null }, survivor.id, { version: current.version, disabled: true })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BUSINESS_RULE' });
    await t.ds.query(`UPDATE app_user SET disabled = false WHERE username = 'quantri'`);
  });

  it('validates ids and versions', async () => {
    const tok = await t.tokenFor('admin', null, 'quantri.ba');
    expect((await as(tok).get('/api/users/abc')).status).toBe(400);
    expect((await as(tok).get('/api/users/99999999999')).status).toBe(400);
    expect((await as(tok).get('/api/users/0')).status).toBe(400);
    expect((await as(tok).get('/api/users/424242')).status).toBe(404);
    expect((await as(tok).patch('/api/users/424242', { version: 1, disabled: true })).status).toBe(404);
    const missing = await as(tok).patch(`/api/users/${adminId}`, { disabled: false });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].field).toBe('version');
  });
});
