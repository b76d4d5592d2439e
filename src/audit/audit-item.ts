/** An entry of the audit trail as GET /api/audit answers it; shared with the web app (web/src/api/audit.ts). */
export interface AuditItem {
  id: number;
  at: string;
  actor: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitCode: string | null;
  oldValue: unknown;
  newValue: unknown;
  note: string | null;
  requestId: string | null;
}
