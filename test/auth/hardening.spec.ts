import { createTestApp, TestApp } from '../utils/test-app';
import { seedScopeUnits } from '../utils/scope-fixture';
import { xlsxWithRows } from '../utils/xlsx-fixtures';
import { ProbeModule } from './fixtures/probe.module';

/** What a leaked stack trace or internal detail looks like in a body. */
const LEAK = /\bat \S+ \(|\.ts:\d+|node_modules|\/srv\/|password=|QueryFailedError|table_that_does_not_exist|stack/i;

describe('HTTP hardening (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp({ modules: [ProbeModule] });
    await seedScopeUnits(t.ds);
    admin = await t.tokenFor('admin', null);
  });
  afterAll(() => t.close());

  describe('security headers (helmet)', () => {
    it('sends strict headers on API responses', async () => {
      const res = await t.http().get('/api/health');
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
      // errors too
      const err = await t.http().get('/api/units');
      expect(err.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    });

    it('lets only the Swagger UI page run its inline scripts', async () => {
      const res = await t.http().get('/api/docs/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self' 'unsafe-inline'/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    });
  });

  describe('the one error shape, never a stack trace', () => {
    const shape = (body: unknown, status: number, code: string) => {
      expect(body).toEqual({ statusCode: status, error: expect.any(String), code, message: expect.any(String), details: expect.any(Array) });
      expect(JSON.stringify(body)).not.toMatch(LEAK);
    };

    it('answers a thrown non-domain error with a bare 500', async () => {
      const res = await t.http().get('/api/test-probe/boom').set('Authorization', `Bearer ${admin}`);
      expect(res.status).toBe(500);
      shape(res.body, 500, 'INTERNAL');
      expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', code: 'INTERNAL', message: 'Lỗi máy chủ', details: [] });
    });

    it('answers a database error with a bare 500', async () => {
      const res = await t.http().get('/api/test-probe/boom-async').set('Authorization', `Bearer ${admin}`);
      expect(res.status).toBe(500);
      shape(res.body, 500, 'INTERNAL');
    });

    it.each([
      ['GET', '/api/nope'],
      ['POST', '/api/units/02287/whatever'],
      ['DELETE', '/api/units/02287'],
      ['GET', '/nothing-outside-api'],
    ])('404 for the unknown route %s %s', async (method, path) => {
      const res = await t.http()[method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${admin}`);
      expect(res.status).toBe(404);
      shape(res.body, 404, 'NOT_FOUND');
      expect(res.body.message).toBe(`Không có đường dẫn ${method} ${path}`);
    });

    it('400 for malformed JSON, without the parser text', async () => {
      for (const raw of ['{"username": ', '{username: "a"}', "{'a': 1}", '"just a string"', 'nul', '{"a":1}}']) {
        const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(raw);
        expect(res.status).toBe(400);
        shape(res.body, 400, 'VALIDATION_FAILED');
        expect(res.body.message).toBe('Nội dung JSON không hợp lệ');
      }
    });

    it('413 for a JSON body over 1 MB', async () => {
      const res = await t.http().post('/api/users').set('Authorization', `Bearer ${admin}`)
        .send({ username: 'big', password: 'x', role: 'admin', fullName: 'A'.repeat(1_100_000) });
      expect(res.status).toBe(413);
      shape(res.body, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('415 for a JSON body in another charset or compressed', async () => {
      const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json; charset=latin9').send('{}');
      expect(res.status).toBe(415);
      shape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const gz = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'x-unknown').send('{}');
      expect(gz.status).toBe(415);
    });

    it('400 for a URL with broken percent-encoding', async () => {
      const res = await t.http().get('/api/units/%E0%A4%A').set('Authorization', `Bearer ${admin}`);
      expect(res.status).toBe(400);
      shape(res.body, 400, 'VALIDATION_FAILED');
    });

    it('400 for a NUL byte in a text field, nothing written', async () => {
      const res = await t.http().post('/api/users').set('Authorization', `Bearer ${admin}`)
        .send({ username: 'nul.byte', password: 'mot-mat-khau-dai', role: 'admin', fullName: 'Nguyễn\u0000Văn' });
      expect(res.status).toBe(400);
      shape(res.body, 400, 'VALIDATION_FAILED');
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM app_user WHERE username = 'nul.byte'`))[0].n).toBe(0);
    });

    // every numeric path id goes through ParseIdPipe: a 400 naming the parameter, never a 500 or Nest's English text
    it.each([
      ['GET', '/api/program-activities/:id', 'id'],
      ['PATCH', '/api/program-activities/:id', 'id'],
      ['DELETE', '/api/program-activities/:id', 'id'],
      ['GET', '/api/program-beneficiaries/:id', 'id'],
      ['PATCH', '/api/program-beneficiaries/:id', 'id'],
      ['DELETE', '/api/program-beneficiaries/:id', 'id'],
      ['GET', '/api/program-funds/:id/history', 'id'],
      ['POST', '/api/program-funds/:id/corrections', 'id'],
      ['DELETE', '/api/program-applicability/:id', 'id'],
      ['GET', '/api/plans/02287/:year', 'year'],
    ].flatMap(([method, route, param]) => ['abc', '1.5', '-1', '0', '99999999999'].map((v) => [method, route, param, v])))(
      '400 for %s %s with %s = %s', async (method, route, param, value) => {
        const res = await t.http()[method.toLowerCase() as 'get'](route.replace(`:${param}`, value)).set('Authorization', `Bearer ${admin}`).send({});
        expect(res.status).toBe(400);
        shape(res.body, 400, 'VALIDATION_FAILED');
        expect(res.body.details[0].field).toBe(param);
        expect(res.body.message).toBe(`${param}: phải là số nguyên dương`);
      });

    it('a form-encoded or text body is not parsed: the fields are missing', async () => {
      const res = await t.http().post('/api/auth/login').type('form').send('username=a&password=b');
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['username', 'password']));
    });
  });

  describe('uploads (the shared .xlsx helper, through a probe route)', () => {
    it('accepts a real workbook, keeping a Vietnamese file name', async () => {
      const res = await t.http().post('/api/test-probe/import').set('Authorization', `Bearer ${admin}`)
        .attach('file', xlsxWithRows(10), { filename: 'Danh sách hộ Vĩnh Lộc.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ name: 'Danh sách hộ Vĩnh Lộc.xlsx', rows: 10, sheets: 1 });
    });

    it('checks the token and role before reading the upload', async () => {
      expect((await t.http().post('/api/test-probe/import').attach('file', xlsxWithRows(1), 'a.xlsx')).status).toBe(401);
      const district = await t.tokenFor('district', '073');
      expect((await t.http().post('/api/test-probe/import').set('Authorization', `Bearer ${district}`).attach('file', xlsxWithRows(1), 'a.xlsx')).status).toBe(403);
    });
  });

  describe('CORS', () => {
    it('is off unless configured', async () => {
      const res = await t.http().options('/api/units').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('allows exactly the configured origins', async () => {
      const c = await createTestApp({ env: { CORS_ORIGINS: 'https://rasoat.tuyenquang.gov.vn, http://localhost:5173' } });
      try {
        const ok = await c.http().options('/api/units').set('Origin', 'https://rasoat.tuyenquang.gov.vn').set('Access-Control-Request-Method', 'GET')
          .set('Access-Control-Request-Headers', 'authorization');
        expect(ok.status).toBe(204);
        expect(ok.headers['access-control-allow-origin']).toBe('https://rasoat.tuyenquang.gov.vn');
        expect(ok.headers['access-control-allow-headers']).toMatch(/Authorization/);
        const get = await c.http().get('/api/health').set('Origin', 'http://localhost:5173');
        expect(get.headers['access-control-allow-origin']).toBe('http://localhost:5173');
        expect(get.headers['access-control-expose-headers']).toMatch(/Content-Disposition/);
        const evil = await c.http().get('/api/health').set('Origin', 'https://evil.example');
        expect(evil.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await c.close();
      }
    });
  });
});

describe('global rate limit (its own app instance)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('counts requests without a token too (the limit runs before authentication)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.http().get('/api/units')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
