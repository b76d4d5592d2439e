import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../utils/test-app';

/** The service serves the built web app at `/` (src/app/web-app.ts); /api stays the API. */
describe('the web app served at / (real service)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rshn-web-'));
  let t: TestApp;
  let bare: TestApp;
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
    t = await createTestApp({ env: { WEB_DIR: dir } });
    bare = await createTestApp({ env: { WEB_DIR: join(dir, 'missing') } });
  });
  afterAll(async () => {
    await t?.close();
    await bare?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers index.html at / and at the app routes, never cached, with the web CSP', async () => {
    for (const path of ['/', '/ho-gia-dinh', '/ho-gia-dinh/12', '/quan-tri/nguoi-dung?x=1']) {
      const res = await t.http().get(path).set('Accept', 'text/html,application/xhtml+xml');
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.text).toContain('<title>app</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    }
  });

  it('caches hashed assets for a year and other files not at all', async () => {
    const js = await t.http().get('/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gz = await t.http().get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['vary']).toMatch(/Accept-Encoding/);
    expect(gz.text).toBe('console.log(1)'); // supertest inflates it
    const icon = await t.http().get('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it.each([
    ['GET', '/assets/missing-123.js', 'text/html'],
    ['GET', '/nothing-outside-api', 'application/json'],
    ['GET', '/..%2f..%2fpackage.json', 'text/html'],
    ['GET', '/%2e%2e/%2e%2e/etc/passwd', '*/*'],
    ['POST', '/', 'text/html'],
    ['DELETE', '/ho-gia-dinh', 'text/html'],
  ])('a JSON 404 for %s %s (Accept %s)', async (method, path, accept) => {
    const res = await t.http()[method.toLowerCase() as 'get'](path).set('Accept', accept);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('keeps the API under /api, with its strict CSP and JSON 404', async () => {
    const health = await t.http().get('/api/health').set('Accept', 'text/html');
    expect(health.status).toBe(200);
    expect(health.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    const nope = await t.http().get('/api/nope').set('Accept', 'text/html');
    expect(nope.status).toBe(404);
    expect(nope.body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says in Vietnamese to run npm run build when the web app was not built', async () => {
    const res = await bare.http().get('/').set('Accept', 'text/html');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('npm run build');
    expect(res.text).toContain('Chưa có giao diện web');
    expect((await bare.http().get('/api/health')).status).toBe(200);
  });
});
