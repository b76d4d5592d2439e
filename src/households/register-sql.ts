import { raw } from '../common/db/optimistic';
import { Sql, sql } from '../common/db/sql';

/**
 * The register rules of domain/household.ts in SQL, written once (docs/RULES.md §3; docs/ARCHITECTURE.md
 * "Where each rule lives"). Every query that asks "was this household on the register on a date"
 * uses these; test/households/register-rules.spec.ts checks on the same rows that the SQL and the
 * TypeScript (`isActiveOn`, `notLeftBy`) agree.
 *
 * `date` is SQL text (a placeholder such as `'$2::date'`, or a column) or an `Sql` fragment whose
 * value is the date (`sql\`${d}::date\``); the answer is of the same kind.
 */

/**
 * On the register on `date`: registered by then and not ended on or before it. The expression is
 * the SQL function household_active_on (migration 1700000005000), which PostgreSQL inlines, so
 * indexes on the household columns still apply.
 */
export function activeOn(alias: string, date: string): string;
export function activeOn(alias: string, date: Sql): Sql;
export function activeOn(alias: string, date: string | Sql): string | Sql {
  const a = column(alias);
  return typeof date === 'string'
    ? `household_active_on(${a}.registered_on, ${a}.status, ${a}.status_date, ${date})`
    : sql`household_active_on(${raw(`${a}.registered_on, ${a}.status, ${a}.status_date`)}, ${date})`;
}

/**
 * Not ended on or before `date` (whatever its registration date): the households a round of that
 * date may still review or list, including those registered during the round.
 */
export function notLeftBy(alias: string, date: string): string;
export function notLeftBy(alias: string, date: Sql): Sql;
export function notLeftBy(alias: string, date: string | Sql): string | Sql {
  const a = column(alias);
  return typeof date === 'string'
    ? `(${a}.status = 'active' OR ${a}.status_date > ${date})`
    : sql`(${raw(`${a}.status = 'active' OR ${a}.status_date`)} > ${date})`;
}

function column(alias: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`register-sql: invalid alias ${JSON.stringify(alias)}`);
  return alias;
}
