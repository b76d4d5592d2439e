import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditItem } from './audit.dto';

export interface AuditFilter {
  /** A SQL condition on `a.unit_code` from ScopeService.filter, with its parameters. */
  scopeSql: string;
  params: unknown[];
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
    const params = [...f.params];
    const where = [f.scopeSql];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.entity) add((p) => `a.entity = ${p}`, f.entity);
    if (f.entityId) add((p) => `a.entity_id = ${p}`, f.entityId);
    if (f.unit) add((p) => `a.unit_code IN (SELECT code FROM unit_subtree(${p}))`, f.unit);
    if (f.action) add((p) => `a.action = ${p}`, f.action);
    if (f.actor) add((p) => `lower(a.actor) = lower(${p})`, f.actor);
    if (f.from) add((p) => `a.at >= ${p}`, f.from);
    if (f.to) add((p) => `a.at < ${p}`, f.to);
    const cond = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM audit_log a WHERE ${cond}`, params);
    params.push(paging.limit, paging.offset);
    const items: AuditItem[] = await this.ds.query(
      `SELECT a.id::int AS id, a.at, a.actor, a.actor_role AS "actorRole", a.action, a.entity, a.entity_id AS "entityId",
              a.unit_code AS "unitCode", a.old_value AS "oldValue", a.new_value AS "newValue", a.note, a.request_id AS "requestId"
         FROM audit_log a
        WHERE ${cond}
        ORDER BY a.at DESC, a.id DESC
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { items, total };
  }
}
