import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp } from './app/create-app';
import { StartupService } from './app/startup.service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const started = Date.now();
  const { app } = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const base = `http://localhost:${config.PORT}/api`;
  console.log(`Rà soát hộ nghèo: listening on ${base} — API docs at ${base}/docs (OpenAPI JSON at ${base}/docs-json)`);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: shutting down`);
      app.close().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
    });
  }
  try {
    await app.get(StartupService).run();
    const rss = Math.round(process.memoryUsage().rss / 1048576);
    console.log(`ready: /api/health is ok after ${((Date.now() - started) / 1000).toFixed(1)} s (RSS ${rss} MB)`);
  } catch (err) {
    console.error(`start-up failed: ${(err as Error).stack ?? err}`);
    await app.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
