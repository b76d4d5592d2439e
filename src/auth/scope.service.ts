import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { raw } from '../common/db/optimistic';
import { Sql, sql } from '../common/db/sql';
import { DomainError } from '../common/errors/domain-error';
import type { AuthUser } from './auth-user';
import { roleMayWrite, WRITERS, type WriteKind } from './domain/write-kinds';

export type { WriteKind } from './domain/write-kinds';

/**
 * Area scopes, enforced in one place and set-based: a check takes every unit code a request
 * touches and answers with one query. Admins see and write everything; a province or district
 * officer reads everything below their unit (at any date); a commune officer reads and writes
 * their commune and its villages.
 */
@Injectable()
export class ScopeService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * A SQL condition that keeps only rows whose `column` (a unit code) is in the caller's area.
   * Appends its parameter to `params`. For admins: TRUE.
   */
  filter(user: AuthUser, column: string, params: unknown[]): string {
    return this.where(user, raw(column)).appendTo(params);
  }

  /**
   * The same condition as a `sql` fragment (src/common/db/sql.ts): `column` is a constant fragment
   * (`sql\`h.commune_code\``). For admins: TRUE.
   */
  where(user: AuthUser, column: Sql): Sql {
    if (user.role === 'admin') return sql`TRUE`;
    return sql`${column} IN (SELECT code FROM unit_subtree(${user.unitCode}))`;
  }

  /** 403 unless every code is inside the caller's area. Unknown codes count as outside. */
  async assertRead(user: AuthUser, codes: Iterable<string>, manager?: EntityManager): Promise<void> {
    if (user.role === 'admin') return;
    const wanted = [...new Set(codes)];
    if (!wanted.length) return;
    const rows: { code: string }[] = await (manager ?? this.ds.manager).query(
      `SELECT w.code FROM unnest($1::varchar[]) AS w(code)
        WHERE w.code NOT IN (SELECT code FROM unit_subtree($2))`,
      [wanted, user.unitCode],
    );
    if (rows.length) {
      throw new DomainError('OUT_OF_SCOPE', `Ngoài địa bàn của bạn (${user.unitCode}): ${rows.map((r) => r.code).join(', ')}`);
    }
  }

  /** 403 unless the caller's role may make this kind of write and every code is in their area. */
  async assertWrite(user: AuthUser, kind: WriteKind, codes: Iterable<string>, manager?: EntityManager): Promise<void> {
    if (user.role === 'admin') return;
    if (!WRITERS[kind].includes(user.role)) {
      throw new DomainError('FORBIDDEN', `Vai trò ${user.role} không được thay đổi dữ liệu loại ${kind}`);
    }
    await this.assertRead(user, codes, manager);
  }

  canWrite(user: AuthUser, kind: WriteKind): boolean {
    return roleMayWrite(user.role, kind);
  }
}
