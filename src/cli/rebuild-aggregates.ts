import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AggregatesRepository } from '../aggregates/aggregates.repository';
import { AggregatesService } from '../aggregates/aggregates.service';
import { loadConfigOrExit } from '../config/app-config';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { typeormOptions } from '../database/typeorm-options';

/**
 * `npm run aggregates:rebuild [-- --year=2022] [-- --round=123]`: recomputes the stored per-round
 * aggregates (round_aggregate) of every decided round, or of one year or one round, one
 * transaction per round. With DATABASE_URL it works on that server (the service may keep running);
 * without it, on the embedded database in DATA_DIR, which only one process can open: stop the
 * service first.
 */
function arg(name: string): number | undefined {
  const hit = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  if (!hit) return undefined;
  const v = Number(hit.slice(name.length + 3));
  if (!Number.isInteger(v) || v <= 0) {
    console.error(`--${name} must be a positive whole number`);
    process.exit(2);
  }
  return v;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const filter = { year: arg('year'), roundId: arg('round') };
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.dataDir, (m) => console.log(m));
  const ds = new DataSource({ ...typeormOptions(config.DATABASE_URL ?? embedded!.url, 2), entities: [] });
  const started = Date.now();
  try {
    await ds.initialize();
    const pending = await ds.showMigrations();
    if (pending) throw new Error('the database has pending migrations: start the service (or npm run migration:run) first');
    const service = new AggregatesService(new AggregatesRepository(), ds);
    const n = await service.rebuildAll(filter, (done, total) => console.log(`aggregates: ${done}/${total} rounds`));
    console.log(`aggregates rebuilt for ${n} decided round(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(`aggregates:rebuild failed: ${(err as Error).message}`);
  process.exit(1);
});
