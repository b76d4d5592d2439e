import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';

export interface AuditEntry {
  action: string; // create | update | status | transition | override | import | export | delete | login …
  entity: string;
  entityId?: string | number | null;
  unitCode?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  note?: string | null;
}

/**
 * The audit trail. record() takes the EntityManager of the transaction that makes the change, so
 * the record and the change commit or roll back together. The table is append-only (a trigger
 * refuses UPDATE and DELETE) and no route edits it.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, actor: AuthUser, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor, actor_role, action, entity, entity_id, unit_code, old_value, new_value, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actor.username,
        actor.role,
        entry.action,
        entry.entity,
        entry.entityId == null ? null : String(entry.entityId),
        entry.unitCode ?? null,
        entry.oldValue === undefined ? null : JSON.stringify(entry.oldValue),
        entry.newValue === undefined ? null : JSON.stringify(entry.newValue),
        entry.note ?? null,
      ],
    );
  }
}
