import 'reflect-metadata';
import { chromium } from 'playwright-core';
import { Client } from 'pg';
import { createApp } from '../src/app/create-app';
import { StartupService } from '../src/app/startup.service';
import { loadConfig } from '../src/config/app-config';
import { startCluster, withDatabase } from '../test/setup/postgres';
import { percentile } from './households-data';

/**
 * The web app's dashboard on the Chiêm Hóa demo, first load in headless Chromium
 * (/usr/bin/chromium) against the real service serving web/dist (npm run build first), as the
 * district officer opening a link to /tong-quan?year=2022 in a fresh browser context (empty cache,
 * signed in):
 * - JS transferred (gzip, as the service sends it) up to the summary table shown (the first
 *   screen), and in all once the page is idle (with the lazily loaded charts);
 * - the time from navigation to the summary table shown; baseline in the same run: the API
 *   summary request alone from Node (GET /api/reports/summary, no browser, no rendering).
 */
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

const RUNS = Number(process.env.BENCH_WEB_DASHBOARD_RUNS ?? 7);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function runWebDashboardBench(): Promise<void> {
  const t0 = Date.now();
  const cluster = await startCluster();
  try {
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE bench_dashboard`);
    await admin.end();
    const config = loadConfig({
      NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00', DATABASE_URL: withDatabase(cluster.url, 'bench_dashboard'),
      RATE_LIMIT_PER_MINUTE: '1000000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
    const { app } = await createApp(config, { bufferLogs: false });
    await app.init();
    await app.get(StartupService).run({ migrate: true, demo: true });
    await app.listen(0, '127.0.0.1');
    const origin = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    console.log(`data: the Chiêm Hóa demo, set-up ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
    try {
      // sign in once through the page; each measured load reuses the session in a fresh context
      const signInCtx = await browser.newContext({ baseURL: origin, viewport: { width: 1366, height: 768 } });
      const p0 = await signInCtx.newPage();
      await p0.goto('/dang-nhap');
      await p0.getByLabel('Tên đăng nhập').fill('chiemhoa');
      await p0.getByLabel('Mật khẩu').fill('demo-district');
      await p0.getByRole('button', { name: 'Đăng nhập' }).click();
      await p0.getByRole('button', { name: 'Tài khoản' }).waitFor();
      const stored = await p0.evaluate(() => sessionStorage.getItem('rshn.session') ?? '');
      const token = (JSON.parse(stored) as { token: string }).token;
      await signInCtx.close();

      const ui: number[] = [];
      const api: number[] = [];
      let jsFirst = 0;
      let jsAll = 0;
      let files = 0;
      for (let i = 0; i < RUNS; i++) {
        const ctx = await browser.newContext({ baseURL: origin, viewport: { width: 1366, height: 768 } });
        await ctx.addInitScript((s) => sessionStorage.setItem('rshn.session', s), stored);
        const page = await ctx.newPage();
        let js = 0;
        let n = 0;
        page.on('requestfinished', async (r) => {
          if (r.resourceType() === 'script') {
            js += (await r.sizes()).responseBodySize;
            n++;
          }
        });
        const start = performance.now();
        await page.goto('/tong-quan?year=2022');
        await page.getByTestId('summary-table').locator('.ant-table-row').first().waitFor();
        ui.push(performance.now() - start);
        const first = js;
        await page.waitForLoadState('networkidle');
        await page.getByRole('img', { name: /Tỷ lệ hộ nghèo theo đơn vị/ }).waitFor();
        await page.waitForLoadState('networkidle');
        if (i === 0) {
          jsFirst = first;
          jsAll = js;
          files = n;
        }
        await ctx.close();
        const a = performance.now();
        const res = await fetch(`${origin}/api/reports/summary?unit=073&year=2022`, { headers: { authorization: `Bearer ${token}` } });
        await res.json();
        api.push(performance.now() - a);
      }
      const su = [...ui].sort((x, y) => x - y);
      const sa = [...api].sort((x, y) => x - y);
      console.log(`  per load (UI/API ms): ${ui.map((u, i) => `${u.toFixed(0)}/${api[i].toFixed(0)}`).join(', ')}`);
      console.log(`  JS transferred (gzip): ${(jsFirst / 1024).toFixed(1)} kB up to the summary table shown; ${(jsAll / 1024).toFixed(1)} kB in ${files} files once idle (with the lazy charts chunk)`);
      console.log(
        `web-dashboard: ${RUNS} first loads of /tong-quan (Chiêm Hóa 2022, fresh context), navigation → summary table shown: p50 ${percentile(su, 50).toFixed(0)} ms, ` +
          `p95 ${percentile(su, 95).toFixed(0)} ms; the API summary request alone p50 ${percentile(sa, 50).toFixed(0)} ms; ` +
          `ratio UI/API p50 ${(percentile(su, 50) / percentile(sa, 50)).toFixed(1)}×`,
      );
    } finally {
      await browser.close();
      await app.close();
    }
  } finally {
    cluster.stop();
  }
}
