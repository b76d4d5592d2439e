import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app/create-app';
import { StartupService } from '../src/app/startup.service';
import { loadConfig } from '../src/config/app-config';

/** Peak RSS over a piece of work, sampled every 10 ms (the process-wide maxRSS cannot be reset). */
export async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  const started = process.hrtime.bigint();
  try {
    const result = await fn();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, ms, peakRssMb: Math.round(peak / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

/** The application on a fresh embedded PGlite database (the default deployment), migrated, no demo. */
export async function embeddedApp(): Promise<{ app: NestExpressApplication; ds: DataSource; url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rshn-bench-'));
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir, LOG_LEVEL: 'silent', DEMO_DATA: 'false', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0' });
  const { app, databaseUrl } = await createApp(config, { bufferLogs: false });
  await app.init();
  await app.get(StartupService).run({ migrate: true, demo: false });
  return {
    app, ds: app.get(DataSource), url: databaseUrl,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const gc = () => (globalThis as { gc?: () => void }).gc?.();
