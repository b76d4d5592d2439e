import { EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain-error';

/**
 * Optimistic locking for mutable records (DEVELOPING.md "Optimistic locking"): the client sends
 * the `version` it read; the write succeeds only if the row still has it, and bumps it. Two
 * officers saving the same record at once: the first wins, the second gets VERSION_CONFLICT (409)
 * and must reload. Nothing is overwritten silently.
 *
 * Under PostgreSQL's READ COMMITTED a concurrent UPDATE of the same row waits for the first
 * transaction and then re-checks `version = $2` against the committed row, so the check and the
 * write are one atomic step: no SELECT … FOR UPDATE is needed for a single-row update.
 */

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A SET value written as SQL instead of a bound parameter, e.g. `raw('token_version + 1')`. Never build it from input. */
export class SqlExpr {
  constructor(readonly sql: string) {}
}
export const raw = (sql: string): SqlExpr => new SqlExpr(sql);

export interface VersionedOptions {
  /** The key column (default `id`). */
  idColumn?: string;
  /** A timestamp column set to now() (default `updated_at`; false: none). */
  touch?: string | false;
  /** How the record is named in the 404 / 409 message (default: the table name). */
  entity?: string;
  /** The RETURNING list (default `*`). */
  returning?: string;
}

function ident(name: string, what: string): string {
  if (!IDENT.test(name)) throw new Error(`updateVersioned: invalid ${what} ${JSON.stringify(name)}`);
  return name;
}

/** Rows of an UPDATE/DELETE … RETURNING through EntityManager.query (TypeORM answers [rows, count]). */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** 409 with the versions in the details (the client reloads and re-applies its change). */
export function versionConflict(entity: string, id: string | number, expected: number, current: number): DomainError {
  return new DomainError(
    'VERSION_CONFLICT',
    `${entity} ${id} đã được người khác thay đổi (bạn sửa trên phiên bản ${expected}, hiện tại là ${current}): hãy tải lại rồi sửa lại`,
    [{ field: 'version', message: 'phiên bản đã cũ', expected, current }],
  );
}

/**
 * `UPDATE table SET …, version = version + 1[, updated_at = now()] WHERE id = $1 AND version = $2 RETURNING …`.
 * Values in `sets` are bound parameters (undefined ones are skipped; `raw()` for SQL expressions).
 * 0 rows: NOT_FOUND if the row does not exist, else VERSION_CONFLICT. Run it with the
 * EntityManager of the transaction that also writes the audit record.
 */
export async function updateVersioned<T = Record<string, unknown>>(
  manager: EntityManager,
  table: string,
  id: string | number,
  version: number,
  sets: Record<string, unknown>,
  opts: VersionedOptions = {},
): Promise<T> {
  ident(table, 'table');
  const idColumn = ident(opts.idColumn ?? 'id', 'column');
  const touch = opts.touch === undefined ? 'updated_at' : opts.touch;
  if (!Number.isInteger(version) || version < 0) {
    throw new DomainError('VALIDATION_FAILED', 'version: phải là số nguyên (phiên bản bạn đã đọc)', [{ field: 'version', message: 'phải là số nguyên không âm' }]);
  }
  const params: unknown[] = [id, version];
  const assignments: string[] = [];
  for (const [column, value] of Object.entries(sets)) {
    if (value === undefined) continue;
    ident(column, 'column');
    if (column === 'version') throw new Error('updateVersioned: version is bumped by the helper');
    if (value instanceof SqlExpr) {
      assignments.push(`${column} = ${value.sql}`);
    } else {
      params.push(value);
      assignments.push(`${column} = $${params.length}`);
    }
  }
  assignments.push('version = version + 1');
  if (touch) assignments.push(`${ident(touch, 'column')} = now()`);
  const rows = returnedRows<T>(
    await manager.query(
      `UPDATE ${table} SET ${assignments.join(', ')} WHERE ${idColumn} = $1 AND version = $2 RETURNING ${opts.returning ?? '*'}`,
      params,
    ),
  );
  if (rows.length) return rows[0];
  const current: { version: number }[] = await manager.query(`SELECT version FROM ${table} WHERE ${idColumn} = $1`, [id]);
  const entity = opts.entity ?? table;
  if (!current.length) throw new DomainError('NOT_FOUND', `Không tìm thấy ${entity} ${id}`);
  throw versionConflict(entity, id, version, current[0].version);
}

/**
 * For changes that take several statements: locks the row (FOR UPDATE) after checking its
 * version, and returns it; finish with updateVersioned (same version) or bump the version yourself.
 */
export async function lockVersioned<T = Record<string, unknown>>(
  manager: EntityManager,
  table: string,
  id: string | number,
  version: number,
  opts: { idColumn?: string; entity?: string; columns?: string } = {},
): Promise<T> {
  ident(table, 'table');
  const idColumn = ident(opts.idColumn ?? 'id', 'column');
  const rows: (T & { version: number })[] = await manager.query(
    `SELECT ${opts.columns ?? '*'}, version FROM ${table} WHERE ${idColumn} = $1 FOR UPDATE`,
    [id],
  );
  const entity = opts.entity ?? table;
  if (!rows.length) throw new DomainError('NOT_FOUND', `Không tìm thấy ${entity} ${id}`);
  if (rows[0].version !== version) throw versionConflict(entity, id, version, rows[0].version);
  return rows[0];
}
