import 'reflect-metadata';
import { chromium, type Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app/create-app';
import { StartupService } from '../src/app/startup.service';
import { AuthService } from '../src/auth/auth.service';
import { loadConfig } from '../src/config/app-config';
import { typeormOptions } from '../src/database/typeorm-options';
import { COMMUNES } from '../src/demo/chiem-hoa';
import { bulkInsertHouseholds } from '../src/households/households.bulk';
import { generateHouseholds, percentile, startBenchDb } from './households-data';

/**
 * The web app's register at 130,000 households (BENCH_WEB_HOUSEHOLDS), in headless Chromium
 * (/usr/bin/chromium) against the real service serving web/dist (npm run build first):
 * - JS transferred (gzip, as the service sends it) for the first screen (sign-in) and up to the
 *   register shown;
 * - the time from the last key of a search typed in the register's box to the table showing the
 *   new count (includes the box's 300 ms typing pause), for a district officer (all 130,000 in
 *   scope); baseline in the same run: the same API request from Node (no browser, no rendering).
 */
// what the functions run in the page use (the service's tsconfig has no DOM types)
declare const document: { querySelector(selector: string): { textContent: string | null } | null };
declare const sessionStorage: { getItem(key: string): string | null };

const HOUSEHOLDS = Number(process.env.BENCH_WEB_HOUSEHOLDS ?? 130_000);
/** Distinct terms: a repeated one would come from the page's query cache, not the service. */
const TERMS = ['nguyen', 'hoang van', 'ma thi', 'trieu', 'ban', 'lưu', 'quan', 'nong thi', 'ly van', 'duong', 'hà thị', 'tran', 'la van', 'chau', 'phan', 'vi thi'];

const countText = (page: Page) =>
  page.waitForFunction(
    () => {
      const t = document.querySelector('[data-testid="household-count"]')?.textContent ?? '';
      const m = /Tìm thấy ([\d.]+) hộ/.exec(t);
      return m ? Number(m[1].replace(/\./g, '')) : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  ).then((h) => h.jsonValue() as Promise<number>);

export async function runWebSearchBench(): Promise<void> {
  const t0 = Date.now();
  const db = await startBenchDb('bench_web');
  try {
    const communes = COMMUNES.map((c) => c.code);
    const ds = new DataSource({ ...typeormOptions(db.url, 2), entities: [] });
    await ds.initialize();
    const households = generateHouseholds(HOUSEHOLDS, communes, 131);
    await ds.transaction((m) => bulkInsertHouseholds(m, households));
    households.length = 0;
    await ds.query(`VACUUM ANALYZE`);
    await ds.destroy();
    console.log(`data: ${HOUSEHOLDS} households, set-up ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00', DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '1000000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const { app } = await createApp(config, { bufferLogs: false });
    await app.listen(0, '127.0.0.1');
    await app.get(StartupService).run({ migrate: false, demo: false });
    await app.get(AuthService).upsertUser('bench_district', 'bench-password-1', 'district', '073');
    const origin = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      // bypassCSP: the measuring function runs in the page (the app's CSP forbids eval)
      const ctx = await browser.newContext({ baseURL: origin, viewport: { width: 1366, height: 768 }, bypassCSP: true });
      const page = await ctx.newPage();
      let js = 0;
      page.on('requestfinished', async (r) => {
        if (r.resourceType() === 'script') js += (await r.sizes()).responseBodySize;
      });
      const tLoad = performance.now();
      await page.goto('/dang-nhap');
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      const signInMs = performance.now() - tLoad;
      await page.waitForLoadState('networkidle');
      const jsSignIn = js;
      await page.getByLabel('Tên đăng nhập').fill('bench_district');
      await page.getByLabel('Mật khẩu').fill('bench-password-1');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('button', { name: 'Tài khoản' }).waitFor();
      const tList = performance.now();
      await page.goto('/ho-gia-dinh');
      const all = await countText(page);
      const listMs = performance.now() - tList;
      await page.waitForLoadState('networkidle');
      const jsRegister = js;

      const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('rshn.session') ?? '{}').token as string);
      const box = page.getByLabel('Tìm hộ');
      const ui: number[] = [];
      const api: number[] = [];
      const perTerm: string[] = [];
      {
        for (const term of TERMS) {
          await box.fill('');
          await page.waitForFunction((n) => document.querySelector('[data-testid="household-count"]')?.textContent?.includes(`Tìm thấy ${n}`), all.toLocaleString('vi-VN'), { polling: 'raf' });
          await box.pressSequentially(term, { delay: 0 });
          const typed = performance.now();
          await page.waitForFunction((prev) => {
            const t = document.querySelector('[data-testid="household-count"]')?.textContent ?? '';
            const m = /Tìm thấy ([\d.]+) hộ/.exec(t);
            return !!m && Number(m[1].replace(/\./g, '')) !== prev && !document.querySelector('.ant-table .ant-spin-spinning');
          }, all, { polling: 'raf', timeout: 60_000 });
          ui.push(performance.now() - typed);
          const a = performance.now();
          const res = await fetch(`${origin}/api/households?q=${encodeURIComponent(term)}&status=active&sort=code&page=1&pageSize=20`, { headers: { authorization: `Bearer ${token}` } });
          await res.json();
          api.push(performance.now() - a);
          perTerm.push(`${term} ${ui[ui.length - 1].toFixed(0)}/${api[api.length - 1].toFixed(0)}`);
        }
      }
      const su = [...ui].sort((x, y) => x - y);
      const sa = [...api].sort((x, y) => x - y);
      console.log(`  first screen (sign-in): ${(jsSignIn / 1024).toFixed(1)} kB JS transferred (gzip), shown in ${signInMs.toFixed(0)} ms`);
      console.log(`  register (sign-in + frame + list): ${(jsRegister / 1024).toFixed(1)} kB JS in total; list of ${all} households shown ${listMs.toFixed(0)} ms after navigating`);
      console.log(`  per term (UI/API ms): ${perTerm.join(', ')}`);
      console.log(
        `web-search: ${ui.length} searches at ${HOUSEHOLDS} households, last key → table updated: p50 ${percentile(su, 50).toFixed(0)} ms, p95 ${percentile(su, 95).toFixed(0)} ms ` +
          `(includes the 300 ms typing pause); the same API request alone p50 ${percentile(sa, 50).toFixed(0)} ms, p95 ${percentile(sa, 95).toFixed(0)} ms; ` +
          `UI − pause − API ≈ ${(percentile(su, 50) - 300 - percentile(sa, 50)).toFixed(0)} ms (render)`,
      );
    } finally {
      await browser.close();
      await app.close();
    }
  } finally {
    db.cluster.stop();
  }
}
