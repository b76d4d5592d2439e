import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';

// Date-only columns stay 'YYYY-MM-DD' strings: no time-zone shift (docs/API.md). numeric becomes a JS
// number (rates and shares; money is stored as bigint, which parseInt8 below turns into a number).
types.setTypeParser(types.builtins.DATE, (v) => v);
types.setTypeParser(types.builtins.NUMERIC, (v) => (v === null ? null : Number(v)));

/** One place that describes the TypeORM connection; the app, the CLI and the tests all use it. */
export function typeormOptions(
  url: string,
  poolSize = 10,
  timeouts: { connectMs?: number; statementMs?: number } = {},
): DataSourceOptions {
  // a stopped database fails a request within connectMs (503 DATABASE_UNAVAILABLE), never hangs it
  const connectionTimeoutMillis = timeouts.connectMs ?? 5000;
  return {
    type: 'postgres',
    url,
    synchronize: false, // never: every schema change is a reviewed migration in migrations/
    migrationsRun: false, // run explicitly at start-up, after the HTTP server answers /api/health
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    extra: {
      max: poolSize,
      application_name: 'ra-soat-ho-ngheo',
      connectionTimeoutMillis,
      ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs } : {}),
    },
    parseInt8: true,
  } as DataSourceOptions;
}
