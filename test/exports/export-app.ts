import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app/app.module';
import { configureApp } from '../../src/app/create-app';
import { StartupService } from '../../src/app/startup.service';
import { AuthService } from '../../src/auth/auth.service';
import type { Role } from '../../src/auth/auth-user';
import { loadConfig } from '../../src/config/app-config';
import { ReportSource } from '../../src/exports/report-source';
import { cloneTemplate } from '../utils/test-db';

/**
 * The real application on a fresh database, with one seam replaced: the ReportSource that the
 * reports and program modules provide at merge is bound to hand-made figures here (the only fake
 * in these tests). Everything else (auth, scopes, audit, the SQL of the lists) is real.
 */
export async function createExportTestApp(source: ReportSource) {
  const db = await cloneTemplate();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    RATE_LIMIT_PER_MINUTE: '100000',
    DATABASE_URL: db.url,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ config, databaseUrl: db.url, jwtSecret: config.JWT_SECRET! })],
  }).overrideProvider(ReportSource).useValue(source).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app, config);
  await app.init();
  await app.get(StartupService).run({ migrate: false, demo: false });
  const ds = app.get(DataSource);
  const auth = app.get(AuthService);
  const password = 'test-password-123';
  return {
    app,
    ds,
    http: () => request(app.getHttpServer()),
    async tokenFor(role: Role, unitCode: string | null, username = `${role}_${unitCode ?? 'all'}`) {
      await auth.upsertUser(username, password, role, unitCode);
      const res = await request(app.getHttpServer()).post('/api/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** supertest: keep a binary body as a Buffer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function binary(res: any, cb: (err: Error | null, body: any) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
