import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pgBinDir, withDatabase } from '../setup/postgres';

/**
 * docs/schema.sql is the schema the migrations build (pg_dump --schema-only of the migrated
 * template database), committed so a reviewer reads the tables, indexes, views and functions in
 * one place and sees every schema change as a diff. This test fails when a migration changes the
 * schema and docs/schema.sql was not regenerated:
 *
 *   UPDATE_SCHEMA=1 npm test -- test/schema
 */
const FILE = join(__dirname, '..', '..', 'docs', 'schema.sql');

/** pg_dump's output without what changes from one run or server version to the next. */
export function normaliseDump(dump: string): string {
  return dump
    .split('\n')
    .filter((l) => !/^-- Dumped (from|by)/.test(l) && !/^\\(un)?restrict /.test(l) && !/^SET |^SELECT pg_catalog\.set_config/.test(l))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim() + '\n';
}

describe('docs/schema.sql is the migrated schema', () => {
  it('matches pg_dump --schema-only of the migrated template', () => {
    const url = withDatabase(process.env.TEST_PG_SERVER_URL!, process.env.TEST_PG_TEMPLATE!);
    const dump = execFileSync(join(pgBinDir(), 'pg_dump'), ['--schema-only', '--no-owner', '--no-privileges', '--no-comments', url], { maxBuffer: 64 << 20 }).toString();
    const header = '-- The schema built by migrations/ (generated: UPDATE_SCHEMA=1 npm test -- test/schema). Do not edit by hand.\n\n';
    const actual = header + normaliseDump(dump);
    if (process.env.UPDATE_SCHEMA === '1' || !existsSync(FILE)) writeFileSync(FILE, actual);
    expect(readFileSync(FILE, 'utf8')).toBe(actual);
  });
});
