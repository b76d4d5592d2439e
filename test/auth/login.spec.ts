import { JwtService } from '@nestjs/jwt';
import { createTestApp, TestApp } from '../utils/test-app';
import { seedScopeUnits } from '../utils/scope-fixture';

const PASSWORD = 'test-password-123'; // what test-app's userFor sets

describe('login, lock-out and sessions (real PostgreSQL)', () => {
  let t: TestApp;
  const login = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });
  const me = (token: string) => t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
  const state = async (username: string) =>
    (await t.ds.query(`SELECT failed_logins, locked_until, (locked_until > now()) AS locked FROM app_user WHERE username = $1`, [username]))[0];

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' } });
    await seedScopeUnits(t.ds);
  });
  afterAll(() => t.close());

  it('signs in and returns a token that identifies the caller', async () => {
    await t.userFor('commune', '02287', 'canbo.vinhloc');
    const res = await login('canbo.vinhloc', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), user: { username: 'canbo.vinhloc', role: 'commune', unitCode: '02287' } });
    const who = await me(res.body.accessToken);
    expect(who.status).toBe(200);
    expect(who.body).toEqual({ id: expect.any(Number), username: 'canbo.vinhloc', role: 'commune', unitCode: '02287', fullName: null });
  });

  it('matches the username without regard to case', async () => {
    expect((await login('CANBO.VinhLoc', PASSWORD)).status).toBe(200);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody-here', PASSWORD);
    const wrong = await login('canbo.vinhloc', 'wrong-password-1');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body).toMatchObject({ code: 'INVALID_CREDENTIALS', error: 'Unauthorized', details: [] });
    await login('canbo.vinhloc', PASSWORD); // reset the counter for the next tests
  });

  it('locks the account after LOGIN_MAX_FAILURES consecutive failures, refusing even the right password with 423', async () => {
    const u = await t.userFor('district', '073', 'canbo.chiemhoa');
    expect((await login(u.username, 'wrong-1-xxxxxx')).status).toBe(401);
    expect((await login(u.username, 'wrong-2-xxxxxx')).status).toBe(401);
    const third = await login(u.username, 'wrong-3-xxxxxx');
    expect(third.status).toBe(423);
    expect(third.body).toMatchObject({ statusCode: 423, error: 'Locked', code: 'ACCOUNT_LOCKED' });
    const right = await login(u.username, PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    expect(right.body.details[0].lockedUntil).toEqual(expect.any(String));
    expect(right.body.message).toMatch(/tạm khóa/);
    const s = await state(u.username);
    expect(s.locked).toBe(true);
    expect(s.failed_logins).toBe(3);
    // the lock-out is audited (no password in it), visible to the district's officers
    const [entry] = await t.ds.query(`SELECT * FROM audit_log WHERE action = 'lockout' AND entity_id = $1`, [String(u.id)]);
    expect(entry).toMatchObject({ actor: 'system', entity: 'user', unit_code: '073' });
    expect(JSON.stringify(entry)).not.toMatch(/wrong-|password_hash|\$argon2/);
  });

  it('accepts the right password once the lock has expired, and resets the counter', async () => {
    await t.ds.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE username = 'canbo.chiemhoa'`);
    const res = await login('canbo.chiemhoa', PASSWORD);
    expect(res.status).toBe(200);
    expect(await state('canbo.chiemhoa')).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it('starts a fresh count after an expired lock (one wrong password does not lock again)', async () => {
    const u = await t.userFor('district', '073', 'canbo.expired');
    for (let i = 0; i < 3; i++) await login(u.username, `wrong-${i}-xxxxxx`);
    await t.ds.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1`, [u.id]);
    const res = await login(u.username, 'wrong-again-xxxxx');
    expect(res.status).toBe(401);
    expect(await state(u.username)).toMatchObject({ failed_logins: 1, locked: null });
  });

  it('counts consecutive failures only: a success resets the counter', async () => {
    const u = await t.userFor('commune', '02287', 'canbo.reset');
    await login(u.username, 'wrong-1-xxxxxx');
    await login(u.username, 'wrong-2-xxxxxx');
    expect((await login(u.username, PASSWORD)).status).toBe(200);
    expect((await state(u.username)).failed_logins).toBe(0);
    await login(u.username, 'wrong-3-xxxxxx');
    expect((await login(u.username, 'wrong-4-xxxxxx')).status).toBe(401); // 2 in a row, not 4
    expect((await state(u.username)).failed_logins).toBe(2);
  });

  it('counts concurrent failures exactly (atomic counter): the lock engages at the threshold', async () => {
    const u = await t.userFor('commune', '02287', 'canbo.burst');
    const res = await Promise.all([1, 2, 3, 4, 5].map((i) => login(u.username, `wrong-burst-${i}`)));
    const statuses = res.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 401 || s === 423)).toBe(true);
    expect(await state(u.username)).toMatchObject({ failed_logins: 3, locked: true });
    expect((await login(u.username, PASSWORD)).status).toBe(423);
  });

  it('refuses a disabled account: 403 with the right password, the usual 401 with a wrong one', async () => {
    const u = await t.userFor('commune', '02287', 'canbo.disabled');
    await t.ds.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [u.id]);
    const right = await login(u.username, PASSWORD);
    expect(right.status).toBe(403);
    expect(right.body.code).toBe('ACCOUNT_DISABLED');
    expect((await login(u.username, 'wrong-password-x')).body.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses forged, expired and malformed tokens', async () => {
    const u = await t.userFor('admin', null, 'admin.forge');
    const other = new JwtService({ secret: 'another-secret-another-secret-another-1' });
    const forged = await other.signAsync({ sub: u.id, username: u.username, role: 'admin', unitCode: null, tv: 0 });
    const realSecret = new JwtService({ secret: 'test-secret-test-secret-test-secret-0123' });
    const expired = await realSecret.signAsync({ sub: u.id, username: u.username, role: 'admin', unitCode: null, tv: 0 }, { expiresIn: -10 });
    const noTv = await realSecret.signAsync({ sub: u.id, username: u.username, role: 'admin', unitCode: null });
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: u.id, tv: 0 })).toString('base64url');
    for (const token of [forged, expired, noTv, `${header}.${body}.`, 'garbage', '']) {
      const res = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    const hs384 = await realSecret.signAsync({ sub: u.id, tv: 0 }, { algorithm: 'HS384' });
    expect((await me(hs384)).status).toBe(401);
  });

  describe('change-password', () => {
    let token: string;
    beforeAll(async () => {
      token = await t.tokenFor('commune', '02287', 'canbo.doimatkhau');
    });
    const change = (tok: string, currentPassword: string, newPassword: string) =>
      t.http().post('/api/auth/change-password').set('Authorization', `Bearer ${tok}`).send({ currentPassword, newPassword });

    it('needs a token', async () => {
      expect((await t.http().post('/api/auth/change-password').send({ currentPassword: 'a', newPassword: 'b' })).status).toBe(401);
    });

    it('refuses a wrong current password naming the field', async () => {
      const res = await change(token, 'not-my-password', 'a-brand-new-password');
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
      await login('canbo.doimatkhau', PASSWORD); // reset the failure counter
    });

    it.each([
      ['too short', 'short-1'],
      ['containing the username', 'xx-canbo.doimatkhau-xx'],
      ['the same as now', PASSWORD],
      ['common', 'matkhau@123'],
    ])('refuses a new password %s', async (_what, newPassword) => {
      const res = await change(token, PASSWORD, newPassword);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details[0].field).toBe('newPassword');
    });

    it('changes it, ends the other sessions, returns a fresh token, and audits without secrets', async () => {
      const otherSession = (await login('canbo.doimatkhau', PASSWORD)).body.accessToken;
      const res = await change(token, PASSWORD, 'Mật khẩu mới rất dài 2024');
      expect(res.status).toBe(200);
      expect(res.body.user).toEqual({ username: 'canbo.doimatkhau', role: 'commune', unitCode: '02287' });
      expect((await me(res.body.accessToken)).status).toBe(200);
      expect((await me(token)).status).toBe(401);
      expect((await me(otherSession)).status).toBe(401);
      expect((await login('canbo.doimatkhau', PASSWORD)).status).toBe(401);
      // NFD input of the same password signs in (passwords are NFC-normalised)
      expect((await login('canbo.doimatkhau', 'Mật khẩu mới rất dài 2024'.normalize('NFD'))).status).toBe(200);
      const rows = await t.ds.query(`SELECT * FROM audit_log WHERE action = 'password_change'`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor: 'canbo.doimatkhau', entity: 'user', unit_code: '02287', old_value: null, new_value: null });
      expect(JSON.stringify(rows)).not.toMatch(/Mật khẩu mới|argon2/);
    });
  });
});

describe('login rate limit per client address (its own app instance)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('refuses the 4th password check within a minute with 429, shared by login and change-password', async () => {
    const token = await t.tokenFor('admin', null, 'admin.rl'); // check 1 (a successful login counts too)
    const wrongCurrent = await t.http().post('/api/auth/change-password').set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: 'not-it', newPassword: 'a-new-long-password' });
    expect(wrongCurrent.status).toBe(400); // check 2
    expect((await t.http().post('/api/auth/login').send({ username: 'nobody', password: 'y' })).status).toBe(401); // check 3

    const limited = await t.http().post('/api/auth/login').send({ username: 'admin.rl', password: PASSWORD });
    expect(limited.status).toBe(429); // even the right password: the limit runs before the check
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'TOO_MANY_REQUESTS', details: [] });
    expect(limited.body.message).toMatch(/Quá nhiều lần thử mật khẩu/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const limitedChange = await t.http().post('/api/auth/change-password').set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: PASSWORD, newPassword: 'a-new-long-password' });
    expect(limitedChange.status).toBe(429);
    // nothing was changed by the refused requests
    expect(await t.ds.query(`SELECT action FROM audit_log WHERE action = 'password_change'`)).toEqual([]);
  });

  it('leaves other routes alone', async () => {
    expect((await t.http().get('/api/health')).status).toBe(200);
    expect((await t.http().get('/api/units')).status).toBe(401); // the token check, not the limit
  });
});
