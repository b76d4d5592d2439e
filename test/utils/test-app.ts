import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { createApp } from '../../src/app/create-app';
import { StartupService } from '../../src/app/startup.service';
import { AuthService } from '../../src/auth/auth.service';
import { AuthUser, Role } from '../../src/auth/auth-user';
import { cloneTemplate } from './test-db';

/** The password userFor / tokenFor give every account they create. */
export const TEST_PASSWORD = 'test-password-123';

export interface TestApp {
  app: NestExpressApplication;
  ds: DataSource;
  http: () => ReturnType<typeof request>;
  /** Creates (or resets) an account and returns a Bearer token for it. */
  tokenFor(role: Role, unitCode: string | null, username?: string): Promise<string>;
  userFor(role: Role, unitCode: string | null, username?: string): Promise<AuthUser>;
  close(): Promise<void>;
}

/**
 * Boots the real application on a fresh clone of the migrated template database. `env` overrides
 * configuration for this app instance (e.g. LOGIN_RATE_LIMIT_PER_MINUTE); `modules` adds test
 * fixture modules (e.g. a probe route for the upload helper).
 */
export async function createTestApp(opts: { env?: Record<string, string>; modules?: Type[] } = {}): Promise<TestApp> {
  const db = await cloneTemplate();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    // limits high enough for a test file's own sign-ins; tests of the limits set their own via `env`
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    ...opts.env,
    DATABASE_URL: db.url,
  });
  const { app } = await createApp(config, { bufferLogs: false, extraModules: opts.modules });
  await app.init();
  await app.get(StartupService).run({ migrate: false, demo: false });
  const ds = app.get(DataSource);
  const auth = app.get(AuthService);
  const password = TEST_PASSWORD;
  const userFor = async (role: Role, unitCode: string | null, username = `${role}_${unitCode ?? 'all'}`) => {
    await auth.upsertUser(username, password, role, unitCode);
    const [u] = await ds.query(`SELECT id FROM app_user WHERE username = $1`, [username]);
    return { id: u.id, username, role, unitCode };
  };
  return {
    app,
    ds,
    http: () => request(app.getHttpServer()),
    userFor,
    async tokenFor(role, unitCode, username) {
      const u = await userFor(role, unitCode, username);
      const res = await request(app.getHttpServer()).post('/api/auth/login').send({ username: u.username, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
