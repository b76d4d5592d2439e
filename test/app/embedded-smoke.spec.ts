import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app/create-app';
import { StartupService } from '../../src/app/startup.service';
import { loadConfig } from '../../src/config/app-config';

/**
 * The embedded default, end to end: no DATABASE_URL, a temporary DATA_DIR; PGlite starts behind
 * its socket server, the app answers 503 starting, migrates, answers 200 ok, and closes the pool
 * and the embedded server on close. A second start reopens the same data (no migration pending,
 * the same generated JWT secret). Runs under `node --experimental-vm-modules` (npm test).
 */
jest.setTimeout(180_000);

describe('embedded database (PGlite) smoke test', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rshn-embedded-'));
  const config = () =>
    loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function boot(): Promise<{ app: NestExpressApplication; url: string; startup: Promise<void> }> {
    const cfg = config();
    expect(cfg.embedded).toBe(true);
    const { app, embedded, databaseUrl } = await createApp(cfg, { bufferLogs: false });
    expect(embedded).toBeDefined();
    await app.listen(0, '127.0.0.1');
    return { app, url: databaseUrl, startup: app.get(StartupService).run() };
  }

  async function untilHealthy(app: NestExpressApplication, startup: Promise<void>): Promise<void> {
    await startup;
    const res = await request(app.getHttpServer()).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  }

  const refused = (url: string) => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    return client.connect().then(
      async () => {
        await client.end();
        return false;
      },
      () => true,
    );
  };

  it('starts on a fresh data folder, migrates, answers ok and stops the embedded server on close', async () => {
    const { app, url, startup } = await boot();
    const starting = await request(app.getHttpServer()).get('/api/health');
    // 503 while migrations run; 200 if they were already done by the time it answered
    if (starting.status === 503) expect(starting.body.status).toBe('starting');
    else expect(starting.body).toEqual({ status: 'ok' });

    await untilHealthy(app, startup);
    const ds = app.get(DataSource);
    const rows: { name: string }[] = await ds.query(`SELECT name FROM schema_migrations ORDER BY id`);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['Foundation1700000000000', 'UnitVersionLock1700000003000']));
    expect(await ds.query(`SELECT count(*)::int AS n FROM app_meta WHERE key = 'demo'`)).toEqual([{ n: 0 }]);
    expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(true);

    await app.close();
    expect(ds.isInitialized).toBe(false);
    expect(await refused(url)).toBe(true);
    await app.close(); // a second close (signal during a failing start) is harmless
  });

  it('reopens the same data: nothing to migrate, the same JWT secret', async () => {
    const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8');
    const { app, url, startup } = await boot();
    await untilHealthy(app, startup);
    const ds = app.get(DataSource);
    expect(await ds.showMigrations()).toBe(false); // no pending migration
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(secret);
    await app.close();
    expect(await refused(url)).toBe(true);
  });
});
