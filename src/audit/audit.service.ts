import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { currentRequestId } from '../common/http/request-context';

export interface AuditEntry {
  action: string; // create | update | status | transition | override | import | export | delete | lockout | disable | rescope …
  entity: string;
  entityId?: string | number | null;
  /** The unit whose officers may read this entry (GET /api/audit is scope-filtered on it); null: admins only. */
  unitCode?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  note?: string | null;
}

/** Keys never written to the audit trail, whatever a caller passes: passwords, hashes, secrets, tokens. */
const SECRET_KEY = /(password|passwd|hash|secret|token)$/i;

/** A copy of the value without secret keys (at any depth). */
export function withoutSecrets(value: unknown, depth = 0): unknown {
  if (value == null || typeof value !== 'object' || depth > 20) return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!SECRET_KEY.test(k)) out[k] = withoutSecrets(v, depth + 1);
  }
  return out;
}

/**
 * The audit trail. record() takes the EntityManager of the transaction that makes the change, so
 * the record and the change commit or roll back together. The table is append-only (triggers
 * refuse UPDATE, DELETE and TRUNCATE) and no route edits it. The request id of the current HTTP
 * request is stored with the entry, to find its log lines.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, actor: AuthUser, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor, actor_role, action, entity, entity_id, unit_code, old_value, new_value, note, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        actor.username,
        actor.role,
        entry.action,
        entry.entity,
        entry.entityId == null ? null : String(entry.entityId),
        entry.unitCode ?? null,
        entry.oldValue === undefined ? null : JSON.stringify(withoutSecrets(entry.oldValue)),
        entry.newValue === undefined ? null : JSON.stringify(withoutSecrets(entry.newValue)),
        entry.note ?? null,
        currentRequestId(),
      ],
    );
  }
}
