import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { bumpVersioned, raw, returnedRows } from '../common/db/optimistic';
import { run, sql } from '../common/db/sql';
import type { Role } from './auth-user';

export interface CredentialRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  unit_code: string | null;
  disabled: boolean;
  token_version: number;
  locked_until: Date | null;
  locked: boolean;
}

export interface TokenSubject {
  id: number;
  username: string;
  role: Role;
  unit_code: string | null;
  token_version: number;
}

/** The SQL of signing in: credentials, the failure counter and lock, the session check, own password changes. */
@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async credentials(where: 'username' | 'id', value: string | number, manager?: EntityManager): Promise<CredentialRow | undefined> {
    const cond = where === 'username' ? sql`lower(username) = lower(${value})` : sql`id = ${value}`;
    const rows: CredentialRow[] = await run(manager ?? this.ds.manager, sql`
      SELECT id, username, password_hash, role, unit_code, disabled, token_version, locked_until,
             coalesce(locked_until > now(), false) AS locked
        FROM app_user WHERE ${cond}`);
    return rows[0];
  }

  /**
   * Counts a failed password check; at `maxFailures` the account is locked for `lockMinutes` (an
   * expired lock starts a fresh count). One atomic UPDATE, on the database clock. Nothing when locked.
   */
  async registerFailure(m: EntityManager, id: number, maxFailures: number, lockMinutes: number): Promise<{ failed_logins: number; locked_until: Date | null } | undefined> {
    const n = sql`(CASE WHEN locked_until <= now() THEN 0 ELSE failed_logins END) + 1`;
    return returnedRows<{ failed_logins: number; locked_until: Date | null }>(await run(m, sql`
      UPDATE app_user
         SET failed_logins = ${n},
             locked_until = CASE WHEN ${n} >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE NULL END
       WHERE id = ${id} AND (locked_until IS NULL OR locked_until <= now())
   RETURNING failed_logins, locked_until`))[0];
  }

  /** Resets the counter after a good password, unless a concurrent failure locked the account meanwhile. */
  async registerSuccess(id: number): Promise<TokenSubject | undefined> {
    return returnedRows<TokenSubject>(await run(this.ds, sql`
      UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = now()
       WHERE id = ${id} AND NOT disabled AND (locked_until IS NULL OR locked_until <= now())
   RETURNING id, token_version, role, unit_code, username`))[0];
  }

  async sessionUser(id: number): Promise<(TokenSubject & { disabled: boolean }) | undefined> {
    const [u] = await run(this.ds, sql`SELECT id, username, role, unit_code, disabled, token_version FROM app_user WHERE id = ${id}`);
    return u;
  }

  /**
   * The caller's own new password: ends the other sessions (token_version) and clears a lock. The
   * caller proved the current password, so no version is asked; the version is bumped
   * (bumpVersioned) so an administrator's pending edit of the account gets 409.
   */
  async changePassword(m: EntityManager, id: number, hash: string): Promise<TokenSubject> {
    const [row] = await bumpVersioned<TokenSubject>(m, 'app_user', id, {
      password_hash: hash, token_version: raw('token_version + 1'), password_changed_at: raw('now()'), failed_logins: 0, locked_until: null,
    }, { returning: 'id, username, role, unit_code, token_version' });
    return row;
  }

  /** Creates or resets an account (configuration, demo, fixtures: never over HTTP); an existing one gets a new version. */
  async upsertUser(u: { username: string; hash: string; role: Role; unitCode: string | null; fullName: string | null }): Promise<void> {
    await run(this.ds, sql`
      INSERT INTO app_user (username, password_hash, role, unit_code, full_name) VALUES (${u.username}, ${u.hash}, ${u.role}, ${u.unitCode}, ${u.fullName})
      ON CONFLICT (lower(username)) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
        unit_code = EXCLUDED.unit_code, full_name = coalesce(EXCLUDED.full_name, app_user.full_name), disabled = false,
        failed_logins = 0, locked_until = NULL, version = app_user.version + 1, updated_at = now()`);
  }

  async usernameExists(username: string): Promise<boolean> {
    const [{ n }] = await run(this.ds, sql`SELECT count(*)::int AS n FROM app_user WHERE lower(username) = lower(${username})`);
    return n > 0;
  }

  async insertAdmin(m: EntityManager, username: string, hash: string): Promise<number> {
    const [row] = await run(m, sql`
      INSERT INTO app_user (username, password_hash, role, unit_code, full_name, password_changed_at)
      VALUES (${username}, ${hash}, 'admin', NULL, 'Quản trị hệ thống', now()) RETURNING id`);
    return row.id;
  }
}
