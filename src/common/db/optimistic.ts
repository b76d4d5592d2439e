import { EntityManager } from 'typeorm';
import { DomainError, notFound, upperFirst } from '../errors/domain-error';
import { run, Sql, sql } from './sql';

/**
 * The write path of every versioned record (DEVELOPING.md "Optimistic locking"): the client sends
 * the `version` it read; the write succeeds only if the row still has it, and bumps it. Two
 * officers saving the same record at once: the first wins, the second gets VERSION_CONFLICT (409)
 * and must reload. Nothing is overwritten silently. A write without a version is refused (400).
 *
 * Under PostgreSQL's READ COMMITTED a concurrent UPDATE of the same row waits for the first
 * transaction and then re-checks `version = $2` against the committed row, so the check and the
 * write are one atomic step: no SELECT … FOR UPDATE is needed for a single-row update.
 *
 * - `updateVersioned`: one row, the client's version checked, bumped.
 * - `lockVersioned`: SELECT … FOR UPDATE with the version check, for a change of several statements.
 * - `checkVersion`: the same check against a row already read (locked) by the caller.
 * - `bumpVersioned`: rows the system changes as a consequence of another write (no client version):
 *   bumped too, so a client holding the old version gets 409.
 */

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A SET value written as SQL instead of a bound parameter, e.g. `raw('token_version + 1')`. Never build it from input. */
export const raw = (text: string): Sql => Sql.from([text], []);

/** The row's key: its `id` (or `idColumn`), or several columns `{ unit_code, year }`. */
export type RowKey = string | number | Record<string, unknown>;

export interface VersionedOptions {
  /** The key column when the key is a single value (default `id`). */
  idColumn?: string;
  /** A timestamp column set to now() (default `updated_at`; false: none). */
  touch?: string | false;
  /** How the record is named in the 404 / 409 message (default: the table name). */
  entity?: string;
  /** How the record is named in messages instead of its key (a code rather than the internal id). */
  label?: string | number;
  /** The RETURNING list (default `*`). */
  returning?: string;
}

function ident(name: string, what: string): Sql {
  if (!IDENT.test(name)) throw new Error(`updateVersioned: invalid ${what} ${JSON.stringify(name)}`);
  return raw(name);
}

/** Rows of an UPDATE/DELETE … RETURNING through EntityManager.query (TypeORM answers [rows, count]). */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

function keyLabel(id: RowKey): string {
  return typeof id === 'object' ? Object.values(id).join('/') : String(id);
}

/** The one 409 of a stale version: the client reloads and re-applies its change. */
export function versionConflict(entity: string, id: RowKey, expected: number, current: number): DomainError {
  return new DomainError(
    'VERSION_CONFLICT',
    `${upperFirst(entity)} ${keyLabel(id)} đã được người khác thay đổi (bạn sửa trên phiên bản ${expected}, hiện tại là ${current}): hãy tải lại rồi sửa lại`,
    [{ field: 'version', message: 'phiên bản đã cũ', expected, current }],
  );
}

/** The version the client sent: a write without one (or with a malformed one) is a 400 naming `version`. */
export function requireVersion(version: unknown): number {
  if (version === undefined || version === null) {
    throw new DomainError('VALIDATION_FAILED', 'version: bắt buộc (phiên bản bạn đã đọc)', [{ field: 'version', message: 'bắt buộc' }]);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new DomainError('VALIDATION_FAILED', 'version: phải là số nguyên (phiên bản bạn đã đọc)', [{ field: 'version', message: 'phải là số nguyên không âm' }]);
  }
  return version;
}

/** The check of a row the caller already read (and locked): 400 without a version, 409 if it differs. */
export function checkVersion(entity: string, id: RowKey, sent: unknown, current: number): void {
  const expected = requireVersion(sent);
  if (expected !== current) throw versionConflict(entity, id, expected, current);
}

function keyWhere(id: RowKey, idColumn: string | undefined): Sql {
  const pairs = typeof id === 'object' ? Object.entries(id) : [[idColumn ?? 'id', id] as const];
  return sql.join(pairs.map(([column, value]) => sql`${ident(column, 'column')} = ${value}`), ' AND ');
}

function assignments(sets: Record<string, unknown>, touch: string | false | undefined): Sql {
  const out: Sql[] = [];
  for (const [column, value] of Object.entries(sets)) {
    if (value === undefined) continue;
    if (column === 'version') throw new Error('updateVersioned: version is bumped by the helper');
    out.push(sql`${ident(column, 'column')} = ${value}`);
  }
  out.push(sql`version = version + 1`);
  const stamp = touch === undefined ? 'updated_at' : touch;
  if (stamp) out.push(sql`${ident(stamp, 'column')} = now()`);
  return sql.join(out);
}

/**
 * `UPDATE table SET …, version = version + 1[, updated_at = now()] WHERE <key> AND version = <version> RETURNING …`.
 * Values in `sets` are bound parameters (undefined ones are skipped; `raw()` / `sql` fragments for SQL expressions).
 * 0 rows: NOT_FOUND if the row does not exist, else VERSION_CONFLICT. Run it with the
 * EntityManager of the transaction that also writes the audit record.
 */
export async function updateVersioned<T = Record<string, unknown>>(
  manager: EntityManager,
  table: string,
  id: RowKey,
  version: unknown,
  sets: Record<string, unknown>,
  opts: VersionedOptions = {},
): Promise<T> {
  const t = ident(table, 'table');
  const where = keyWhere(id, opts.idColumn);
  const expected = requireVersion(version);
  const rows = returnedRows<T>(
    await run(manager, sql`UPDATE ${t} SET ${assignments(sets, opts.touch)} WHERE ${where} AND version = ${expected} RETURNING ${raw(opts.returning ?? '*')}`),
  );
  if (rows.length) return rows[0];
  const current: { version: number }[] = await run(manager, sql`SELECT version FROM ${t} WHERE ${where}`);
  const entity = opts.entity ?? table;
  const shown = opts.label ?? id;
  if (!current.length) throw notFound(entity, keyLabel(shown));
  throw versionConflict(entity, shown, expected, current[0].version);
}

/**
 * Rows the system changes because of another write (a round's applications assigned to it, the
 * round's standard set by its first result…): no client version to check, the version is bumped.
 * `where` is a fragment (`sql\`round_id = ${id}\``) or a key. Returns the RETURNING rows.
 */
export async function bumpVersioned<T = Record<string, unknown>>(
  manager: EntityManager,
  table: string,
  where: Sql | RowKey,
  sets: Record<string, unknown>,
  opts: Pick<VersionedOptions, 'touch' | 'returning' | 'idColumn'> = {},
): Promise<T[]> {
  const cond = where instanceof Sql ? where : keyWhere(where, opts.idColumn);
  return returnedRows<T>(
    await run(manager, sql`UPDATE ${ident(table, 'table')} SET ${assignments(sets, opts.touch)} WHERE ${cond} RETURNING ${raw(opts.returning ?? 'version')}`),
  );
}

/**
 * For changes that take several statements: locks the row (FOR UPDATE) after checking its
 * version, and returns it; finish with updateVersioned (same version).
 */
export async function lockVersioned<T = Record<string, unknown>>(
  manager: EntityManager,
  table: string,
  id: RowKey,
  version: unknown,
  opts: { idColumn?: string; entity?: string; columns?: string } = {},
): Promise<T> {
  const expected = requireVersion(version);
  const rows: (T & { version: number })[] = await run(
    manager,
    sql`SELECT ${raw(opts.columns ?? '*')}, version FROM ${ident(table, 'table')} WHERE ${keyWhere(id, opts.idColumn)} FOR UPDATE`,
  );
  const entity = opts.entity ?? table;
  if (!rows.length) throw notFound(entity, keyLabel(id));
  if (rows[0].version !== expected) throw versionConflict(entity, id, expected, rows[0].version);
  return rows[0];
}
