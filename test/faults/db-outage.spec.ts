import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '../../src/config/app-config';
import { createApp } from '../../src/app/create-app';
import { StartupService } from '../../src/app/startup.service';
import { AuthService } from '../../src/auth/auth.service';
import { pgBinDir, startCluster, TestCluster } from '../setup/postgres';

/**
 * PostgreSQL stops while the service runs (issue 13): health and every data route answer 503
 * DATABASE_UNAVAILABLE in the one error shape, without hanging; once PostgreSQL is back the pool
 * reconnects by itself and both answer 200, without restarting the service.
 */
jest.setTimeout(120_000);

describe('database outage', () => {
  let cluster: TestCluster;
  let app: NestExpressApplication;
  let token: string;
  const pgCtl = (args: string[]) => {
    const bin = join(pgBinDir(), 'pg_ctl');
    return process.getuid?.() === 0
      ? execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' })
      : execFileSync(bin, args, { stdio: 'pipe' });
  };

  beforeAll(async () => {
    cluster = await startCluster();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      DATABASE_URL: cluster.url,
      DB_CONNECT_TIMEOUT_MS: '2000',
      DB_POOL_SIZE: '4',
    });
    ({ app } = await createApp(config, { bufferLogs: false }));
    await app.init();
    await app.get(StartupService).run({ migrate: true, demo: false });
    await app.get(AuthService).upsertUser('outage_admin', 'test-password-123', 'admin', null);
    const res = await request(app.getHttpServer()).post('/api/auth/login').send({ username: 'outage_admin', password: 'test-password-123' });
    token = res.body.accessToken;
    expect(token).toBeTruthy();
  });

  afterAll(async () => {
    await app?.close();
    cluster?.stop();
  });

  it('answers 503 DATABASE_UNAVAILABLE while PostgreSQL is down and recovers by itself', async () => {
    const http = () => request(app.getHttpServer());
    expect((await http().get('/api/health')).status).toBe(200);
    expect((await http().get('/api/units').set('Authorization', `Bearer ${token}`)).status).toBe(200);

    pgCtl(['-D', join(cluster.dir, 'data'), '-m', 'fast', '-w', 'stop']);
    const t0 = Date.now();
    const health = await http().get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', reason: 'database down' });
    const data = await http().get('/api/units').set('Authorization', `Bearer ${token}`);
    expect(data.status).toBe(503);
    expect(data.body).toEqual({ statusCode: 503, error: 'Service Unavailable', code: 'DATABASE_UNAVAILABLE', message: expect.stringContaining('cơ sở dữ liệu'), details: [] });
    console.log(`time to 503 (health + data route): ${Date.now() - t0} ms`);

    const port = new URL(cluster.url).port;
    pgCtl(['-D', join(cluster.dir, 'data'), '-l', join(cluster.dir, 'log'), '-w', '-t', '60', '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${cluster.dir} -c fsync=off`, 'start']);
    const t1 = Date.now();
    expect((await http().get('/api/health')).status).toBe(200);
    expect((await http().get('/api/units').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    console.log(`time to recover after restart: ${Date.now() - t1} ms`);
  });
});
