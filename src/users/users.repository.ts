import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { raw } from '../common/db/optimistic';
import { run, sql } from '../common/db/sql';
import { escapeLike } from '../common/text/vietnamese';
import type { Role } from '../auth/auth-user';
import type { UserView } from './users.dto';

const SELECT_USER = `
  SELECT u.id, u.username, u.full_name AS "fullName", u.role, u.unit_code AS "unitCode",
         (SELECT v.name FROM admin_unit_version v WHERE v.code = u.unit_code ORDER BY v.valid_from DESC LIMIT 1) AS "unitName",
         u.disabled, coalesce(u.locked_until > now(), false) AS locked, u.locked_until AS "lockedUntil",
         u.failed_logins AS "failedLogins", u.last_login_at AS "lastLoginAt", u.password_changed_at AS "passwordChangedAt",
         u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.version
    FROM app_user u`;

type Row = Omit<UserView, 'lockedUntil' | 'lastLoginAt' | 'passwordChangedAt' | 'createdAt' | 'updatedAt'> & {
  lockedUntil: Date | null; lastLoginAt: Date | null; passwordChangedAt: Date | null; createdAt: Date; updatedAt: Date;
};
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const view = (r: Row): UserView => ({
  ...r,
  lockedUntil: r.locked ? iso(r.lockedUntil) : null,
  lastLoginAt: iso(r.lastLoginAt),
  passwordChangedAt: iso(r.passwordChangedAt),
  createdAt: iso(r.createdAt)!,
  updatedAt: iso(r.updatedAt)!,
});

export interface UserFilter {
  q?: string;
  role?: Role;
  unit?: string;
  disabled?: boolean;
}

/** The SQL of accounts. The password hash never leaves this file's INSERT/UPDATE statements. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(f: UserFilter, paging: { limit: number; offset: number }): Promise<{ items: UserView[]; total: number }> {
    const where = [sql`TRUE`];
    if (f.q) {
      const like = `%${escapeLike(f.q.normalize('NFC').trim())}%`;
      where.push(sql`(u.username ILIKE ${like} OR u.full_name ILIKE ${like})`);
    }
    if (f.role) where.push(sql`u.role = ${f.role}`);
    if (f.unit) where.push(sql`u.unit_code IN (SELECT code FROM unit_subtree(${f.unit}))`);
    if (f.disabled !== undefined) where.push(sql`u.disabled = ${f.disabled}`);
    const cond = sql.join(where, ' AND ');
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total FROM app_user u WHERE ${cond}`);
    const rows: Row[] = await run(this.ds,
      sql`${raw(SELECT_USER)} WHERE ${cond} ORDER BY lower(u.username) LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items: rows.map(view), total };
  }

  async get(id: number, manager?: EntityManager): Promise<UserView | undefined> {
    const rows: Row[] = await (manager ?? this.ds.manager).query(`${SELECT_USER} WHERE u.id = $1`, [id]);
    return rows[0] && view(rows[0]);
  }

  async unitLevel(code: string, manager: EntityManager): Promise<string | undefined> {
    const rows: { level: string }[] = await manager.query(`SELECT level FROM admin_unit WHERE code = $1`, [code]);
    return rows[0]?.level;
  }

  async insert(
    m: EntityManager,
    u: { username: string; passwordHash: string; role: Role; unitCode: string | null; fullName: string | null },
  ): Promise<number> {
    const [row] = await m.query(
      `INSERT INTO app_user (username, password_hash, role, unit_code, full_name, password_changed_at)
       VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
      [u.username, u.passwordHash, u.role, u.unitCode, u.fullName],
    );
    return row.id;
  }

  /** Active admins other than `exceptId` (the last-admin rule). */
  async otherActiveAdmins(m: EntityManager, exceptId: number): Promise<number> {
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND NOT disabled AND id <> $1`, [exceptId]);
    return n;
  }

  /** Serialises changes to accounts, so two admins cannot demote each other at the same time. */
  async lockAccounts(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('app_user:admins'))`);
  }
}
