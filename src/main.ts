import 'reflect-metadata';
import { loadConfigOrExit } from './config/app-config';
import { createApp } from './app/create-app';
import { StartupService } from './app/startup.service';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 8_000; // under the 10 s docker stop gives before SIGKILL

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const started = Date.now();
  const { app } = await createApp(config);
  try {
    await app.listen(config.PORT, config.HOST);
  } catch (err) {
    console.error(`cannot listen on ${config.HOST}:${config.PORT}: ${(err as Error).message}`);
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  const base = `http://localhost:${config.PORT}/api`;
  console.log(`Rà soát hộ nghèo: listening on ${base} — API docs at ${base}/docs (OpenAPI JSON at ${base}/docs-json)`);

  // Graceful shutdown: stop the HTTP server, close the pool, stop the embedded database (create-app.ts).
  // A second signal, or a shutdown that hangs, ends the process at once.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        console.error(`${signal} again: exiting without waiting`);
        process.exit(130);
      }
      stopping = true;
      const t0 = Date.now();
      console.log(`${signal}: shutting down`);
      setTimeout(() => {
        console.error(`shutdown did not finish in ${SHUTDOWN_TIMEOUT_MS / 1000} s: exiting`);
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
      app.close().then(
        () => {
          console.log(`stopped in ${Date.now() - t0} ms`);
          process.exit(0);
        },
        (e) => {
          console.error(`shutdown failed: ${(e as Error).stack ?? e}`);
          process.exit(1);
        },
      );
    });
  }

  try {
    await app.get(StartupService).run();
    const rss = Math.round(process.memoryUsage().rss / 1048576);
    console.log(`ready: /api/health is ok after ${((Date.now() - started) / 1000).toFixed(1)} s (RSS ${rss} MB)`);
  } catch (err) {
    if (stopping) return; // interrupted by a signal: the shutdown above finishes the process
    console.error(`start-up failed: ${(err as Error).stack ?? err}`);
    await app.close().catch(() => undefined);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(`start-up failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
