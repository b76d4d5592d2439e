import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { run, Sql, sql } from '../common/db/sql';
import type { AuditItem } from './audit.dto';

export interface AuditFilter {
  /** The caller's area on `a.unit_code` (ScopeService.where). */
  scope: Sql;
  entity?: string;
  entityId?: string;
  unit?: string;
  action?: string;
  actor?: string;
  from?: Date;
  to?: Date;
}

/** The SQL of the audit trail (read only: the table is append-only). */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(f: AuditFilter, paging: { limit: number; offset: number }): Promise<{ items: AuditItem[]; total: number }> {
    const where = [f.scope];
    if (f.entity) where.push(sql`a.entity = ${f.entity}`);
    if (f.entityId) where.push(sql`a.entity_id = ${f.entityId}`);
    if (f.unit) where.push(sql`a.unit_code IN (SELECT code FROM unit_subtree(${f.unit}))`);
    if (f.action) where.push(sql`a.action = ${f.action}`);
    if (f.actor) where.push(sql`lower(a.actor) = lower(${f.actor})`);
    if (f.from) where.push(sql`a.at >= ${f.from}`);
    if (f.to) where.push(sql`a.at < ${f.to}`);
    const cond = sql.join(where, ' AND ');
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total FROM audit_log a WHERE ${cond}`);
    const items: AuditItem[] = await run(this.ds, sql`
      SELECT a.id::int AS id, a.at, a.actor, a.actor_role AS "actorRole", a.action, a.entity, a.entity_id AS "entityId",
              a.unit_code AS "unitCode", a.old_value AS "oldValue", a.new_value AS "newValue", a.note, a.request_id AS "requestId"
         FROM audit_log a
        WHERE ${cond}
        ORDER BY a.at DESC, a.id DESC
        LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total };
  }
}
