/**
 * The end-to-end harness: the real service (in this process) on a fresh clone of the migrated
 * database holding the whole Chiêm Hóa demo, serving the built web app (web/dist), driven by
 * Debian's Chromium through playwright-core. Tests act like an officer: they click, type and
 * read the page; they never call the API to check.
 *
 *   let e: E2E;
 *   beforeAll(async () => { e = await startE2E(); }, E2E_TIMEOUT);
 *   afterAll(() => e?.close());
 *   it('…', async () => { const page = await e.page(); await signIn(page, 'vinhloc', 'demo-commune'); … });
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createApp } from '../../src/app/create-app';
import { StartupService } from '../../src/app/startup.service';
import { loadConfig, packageRoot } from '../../src/config/app-config';
import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { withDatabase } from '../setup/postgres';

/** The demo database every e2e file clones (built once per run, see demoTemplate). */
export const DEMO_TEMPLATE_DB = 'rshn_demo_template';
/** beforeAll timeout: the first file of a run loads the demo (~1–2 min on a loaded machine). */
export const E2E_TIMEOUT = 600_000;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENS_DIR = join(packageRoot(__dirname), 'docs', 'screens');
export const VIEWPORT = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** The demo accounts (src/demo/demo-seed.service.ts). */
export const DEMO = {
  admin: { username: 'admin', password: 'demo-admin', unitName: null, role: 'Quản trị viên' },
  district: { username: 'chiemhoa', password: 'demo-district', unitName: 'Huyện Chiêm Hóa', role: 'Cán bộ huyện' },
  commune: { username: 'vinhloc', password: 'demo-commune', unitName: 'Thị trấn Vĩnh Lộc', role: 'Cán bộ xã' },
} as const;

const E2E_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456',
  RATE_LIMIT_PER_MINUTE: '1000000',
  LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
};

function server(): { url: string; template: string } {
  const url = process.env.TEST_PG_SERVER_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (!url || !template) throw new Error('the Jest global setup did not start PostgreSQL');
  return { url, template };
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: server().url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const exists = (c: Client, db: string) => c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [db]).then((r) => r.rowCount === 1);

/**
 * The demo template database: built once per run by whichever e2e file comes first (the others
 * wait on an advisory lock), by loading the demo through the real seeder into a clone of the
 * migrated template. global-setup drops it at the start of a run.
 */
export async function demoTemplate(): Promise<string> {
  const lock = new Client({ connectionString: server().url });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('rshn_demo_template'))`);
    if (await exists(lock, DEMO_TEMPLATE_DB)) return DEMO_TEMPLATE_DB;
    const building = `${DEMO_TEMPLATE_DB}_building`;
    await lock.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await lock.query(`CREATE DATABASE ${building} TEMPLATE ${server().template}`);
    const { app } = await createApp(loadConfig({ ...E2E_ENV, DATABASE_URL: withDatabase(server().url, building) }), { bufferLogs: false });
    try {
      await app.init();
      await app.get(StartupService).run({ migrate: false, demo: false });
      await app.get(DemoSeedService).seedIfEmpty();
    } finally {
      await app.close();
    }
    await lock.query(`ALTER DATABASE ${building} RENAME TO ${DEMO_TEMPLATE_DB}`);
    return DEMO_TEMPLATE_DB;
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext('rshn_demo_template'))`).catch(() => undefined);
    await lock.end();
  }
}

let counter = 0;

export interface E2E {
  /** http://127.0.0.1:port */
  baseUrl: string;
  browser: Browser;
  /** A new page in a new browser context (its own sessionStorage), 1366×768 unless told. */
  page(viewport?: { width: number; height: number }): Promise<Page>;
  /** SQL on this file's database (for fixtures only; checks read the page). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function startE2E(opts: { env?: Record<string, string> } = {}): Promise<E2E> {
  if (!existsSync(join(packageRoot(__dirname), 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` (npm test does it in pretest)');
  }
  const template = await demoTemplate();
  const db = `e2e_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await admin((c) => c.query(`CREATE DATABASE ${db} TEMPLATE ${template}`));
  const databaseUrl = withDatabase(server().url, db);
  const { app } = await createApp(loadConfig({ ...E2E_ENV, ...opts.env, DATABASE_URL: databaseUrl }), { bufferLogs: false });
  await app.init();
  await app.get(StartupService).run({ migrate: false, demo: false });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright gives each launch a fresh temporary profile (its own --user-data-dir)
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const contexts: BrowserContext[] = [];
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  return {
    baseUrl,
    browser,
    async page(viewport = VIEWPORT) {
      const ctx = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
      ctx.setDefaultTimeout(30_000);
      contexts.push(ctx);
      return ctx.newPage();
    },
    sql: async (text, params) => (await pg.query(text, params as unknown[])).rows,
    async close() {
      await pg.end().catch(() => undefined);
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await app.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));
    },
  };
}

/** Signs in on the sign-in page as an officer would, and waits for the signed-in header. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Tài khoản' }).waitFor();
}

/** Writes docs/screens/<name>.png (the README links the folder): what a reader sees without running it. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name}.png`);
  // let antd's transitions and the last data settle
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(300);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Picks an option of an antd Select as an officer does with the keyboard: opens it, types the
 * text (the list filters), waits for the option to show, presses Enter. Clicking an option of the
 * virtual list races its re-render ("element was detached"), the keyboard does not.
 */
export async function choose(page: Page, field: Locator, text?: string): Promise<void> {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', text ? { hasText: text } : {});
  // a click while the form is still mounting (its options loading) can open and close the list: try again
  for (let attempt = 1; ; attempt++) {
    await field.click();
    if (text) await page.keyboard.type(text);
    try {
      await option.first().waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt === 4) throw err;
      await page.keyboard.press('Escape');
      await field.fill('').catch(() => undefined);
    }
  }
  // under load, Enter can land before antd marks an option active and then chooses nothing (the form
  // then refuses to submit and no request is sent): wait for the active option first
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').first().waitFor({ timeout: 5_000 });
  await page.keyboard.press('Enter');
  await option.first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}
