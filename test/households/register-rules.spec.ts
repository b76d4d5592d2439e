import { Client } from 'pg';
import { sql } from '../../src/common/db/sql';
import { isActiveOn, notLeftBy } from '../../src/households/domain/household';
import type { HouseholdStatus } from '../../src/households/domain/vocabulary';
import { activeOn, notLeftBy as notLeftBySql } from '../../src/households/register-sql';
import { cloneTemplate } from '../utils/test-db';

/**
 * "On the register on a date" is written once in TypeScript (domain/household.ts) and once in SQL
 * (register-sql.ts, the migrated household_active_on function): both are evaluated on the same
 * households and dates, every boundary included (registered on the day, ended on the day).
 */
type Row = { registeredOn: string; status: HouseholdStatus; statusDate: string | null };

const households: Row[] = [
  { registeredOn: '2020-01-01', status: 'active', statusDate: null },
  { registeredOn: '2022-06-15', status: 'active', statusDate: null },
  { registeredOn: '2020-01-01', status: 'moved_away', statusDate: '2022-06-15' },
  { registeredOn: '2020-01-01', status: 'merged', statusDate: '2022-12-31' },
  { registeredOn: '2022-06-15', status: 'split', statusDate: '2022-06-16' },
  { registeredOn: '2021-03-01', status: 'dissolved', statusDate: '2021-03-01' },
];
const dates = ['2019-12-31', '2020-01-01', '2021-03-01', '2022-06-14', '2022-06-15', '2022-06-16', '2022-12-31', '2023-01-01'];

describe('the register rules: SQL and TypeScript agree (real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof cloneTemplate>>;
  let client: Client;
  beforeAll(async () => {
    db = await cloneTemplate();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const cases = households.flatMap((h) => dates.map((d) => [h, d] as const));

  it.each(cases)('%o on %s', async (h, d) => {
    const values = `(VALUES ($1::date, $2::varchar, $3::date)) AS h(registered_on, status, status_date)`;
    const text = await client.query(
      `SELECT ${activeOn('h', '$4::date')} AS active, ${notLeftBySql('h', '$4::date')} AS "notLeft" FROM ${values}`,
      [h.registeredOn, h.status, h.statusDate, d],
    );
    const q = sql`SELECT ${activeOn('h', sql`${d}::date`)} AS active, ${notLeftBySql('h', sql`${d}::date`)} AS "notLeft"
                    FROM (VALUES (${h.registeredOn}::date, ${h.status}::varchar, ${h.statusDate}::date)) AS h(registered_on, status, status_date)`;
    const fragment = await client.query(q.text, q.values as unknown[]);
    const expected = { active: isActiveOn(h, d), notLeft: notLeftBy(h, d) };
    expect(text.rows[0]).toEqual(expected);
    expect(fragment.rows[0]).toEqual(expected);
  });
});
