import type { AuditItem } from '@domain/audit/audit-item';
import { get, type Page } from './client';

export type { AuditItem };

export interface AuditQuery {
  page?: number;
  pageSize?: number;
  entity?: string;
  id?: string;
  unit?: string;
  action?: string;
  actor?: string;
  /** YYYY-MM-DD (Vietnam time), inclusive. */
  from?: string;
  to?: string;
}

export const listAudit = (q: AuditQuery) => get<Page<AuditItem>>('/audit', { ...q });
