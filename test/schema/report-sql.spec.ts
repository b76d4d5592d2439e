import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { AggregatesRepository } from '../../src/aggregates/aggregates.repository';
import { ReportsRepository } from '../../src/reports/reports.repository';
import { cloneTemplate } from '../utils/test-db';

/**
 * The SQL of the aggregate writes (AggregatesRepository: run once when a round is decided) and of
 * the report reads (ReportsRepository) rendered into docs/queries/*.sql, committed, so a reviewer
 * reads every report query in one place and sees each change as a diff (immich's src/queries idea).
 * Each statement is also EXPLAINed on the migrated schema, so a rendered query is a valid one.
 * The test fails when a query changes and the files were not regenerated:
 *
 *   UPDATE_SQL=1 npm test -- test/schema
 */
const DIR = join(__dirname, '..', '..', 'docs', 'queries');

interface Recorded { name: string; text: string; params: unknown[] }

/** A stand-in for the DataSource / EntityManager that keeps the statements and answers no rows. */
function recorder(into: Recorded[], name: () => string) {
  return {
    query: async (text: string, params: unknown[] = []) => {
      into.push({ name: name(), text, params });
      return [];
    },
  };
}

function render(r: Recorded): string {
  const lines = r.text.trim().split('\n').map((l) => l.replace(/\s+$/, ''));
  // the statement's first line starts at the template; the others carry the source's indentation
  const indent = Math.min(...lines.slice(1).filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length), 80);
  const text = [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(indent, l.match(/^ */)![0].length) - (l.trim() ? 2 : 0)))].join('\n');
  const params = r.params.map((p, i) => `--   $${i + 1} = ${JSON.stringify(p)}`).join('\n');
  return `-- ${r.name}\n${params ? `-- parameters of the example:\n${params}\n` : ''}${text};\n`;
}

describe('docs/queries: the report and aggregate SQL, rendered (drift and EXPLAIN)', () => {
  const recorded: Recorded[] = [];
  let current = '';

  beforeAll(async () => {
    const fake = recorder(recorded, () => current);
    const reports = new ReportsRepository(fake as unknown as DataSource);
    const aggregates = new AggregatesRepository();
    const m = fake as unknown as EntityManager;
    const calls: [string, () => Promise<unknown>][] = [
      ['reports.unitOn', () => reports.unitOn('073', '2022-12-31')],
      ['reports.names', () => reports.names(['073', '02287'], '2022-12-31')],
      ['reports.lastVersion', () => reports.lastVersion('073')],
      ['reports.collect', () => reports.collect('073', 2022, { names: ['end.poor.households'], patterns: ['movement.%'] }, true)],
      ['reports.treeOn', () => reports.treeOn('073', 2022, '2022-12-31')],
      ['reports.trend', () => reports.trend('073', '2022-12-31', 2021, 2023, ['end.poor.households'])],
      ['reports.indicators', () => reports.indicators('ND07-2021')],
      ['reports.causes', () => reports.causes()],
      ['reports.ethnicGroups', () => reports.ethnicGroups()],
      ['aggregates.round', () => aggregates.round(m, 1)],
      ['aggregates.indicators', () => aggregates.indicators(m, 'ND07-2021')],
      ['aggregates.clear', () => aggregates.clear(m, 1)],
      ['aggregates.insertTotals', () => aggregates.insertTotals(m, 1)],
      ['aggregates.insertResultCounts', () => aggregates.insertResultCounts(m, 1, 'ND07-2021')],
      ['aggregates.insertBreakdowns', () => aggregates.insertBreakdowns(m, 1, 'ND07-2021')],
      ['aggregates.insertMovement', () => aggregates.insertMovement(m, 1)],
      ['aggregates.insertAlkireFoster', () => aggregates.insertAlkireFoster(m, 1, [{ key: 'water', dimension: 'living', units: 5, weight: 1 / 12 } as never])],
      ['aggregates.decidedRounds', () => aggregates.decidedRounds(m, { year: 2022 })],
    ];
    for (const [name, call] of calls) {
      current = name;
      // the stand-in answers no rows: what the method does with them afterwards does not matter here
      await call().catch(() => undefined);
    }
  });

  it('every rendered query equals its committed file (UPDATE_SQL=1 to regenerate)', () => {
    const files = new Map<string, string>();
    for (const r of recorded) files.set(`${r.name.split('.')[0]}.sql`, (files.get(`${r.name.split('.')[0]}.sql`) ?? '') + render(r) + '\n');
    const header = (f: string) => `-- The SQL of ${f === 'reports.sql' ? 'ReportsRepository (src/reports/reports.repository.ts)' : 'AggregatesRepository (src/aggregates/aggregates.repository.ts)'}, rendered by\n-- test/schema/report-sql.spec.ts (UPDATE_SQL=1 npm test -- test/schema). Do not edit by hand.\n\n`;
    if (process.env.UPDATE_SQL === '1' || !existsSync(DIR)) {
      mkdirSync(DIR, { recursive: true });
      for (const [f, body] of files) writeFileSync(join(DIR, f), header(f) + body.trimEnd() + '\n');
    }
    expect(readdirSync(DIR).sort()).toEqual([...files.keys()].sort());
    for (const [f, body] of files) expect({ file: f, sql: readFileSync(join(DIR, f), 'utf8') }).toEqual({ file: f, sql: header(f) + body.trimEnd() + '\n' });
  });

  it('every statement is valid SQL on the migrated schema (EXPLAIN)', async () => {
    expect(recorded.length).toBeGreaterThanOrEqual(18);
    const db = await cloneTemplate();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      for (const r of recorded) {
        await expect(client.query(`EXPLAIN ${r.text}`, r.params).then(() => r.name)).resolves.toBe(r.name);
      }
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
