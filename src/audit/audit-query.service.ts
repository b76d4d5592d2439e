import { Injectable } from '@nestjs/common';
import { sql } from '../common/db/sql';
import type { AuthUser } from '../auth/auth-user';
import { maskIdNumbers } from '../auth/masking';
import { ScopeService } from '../auth/scope.service';
import { DomainError, invalid } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import type { AuditItem, AuditQuery } from './audit.dto';
import { AuditRepository } from './audit.repository';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2100-12-31';

/**
 * A day boundary in Vietnam time (UTC+7, no daylight saving): officers ask for "the entries of
 * 5 March", meaning their day, not UTC's.
 */
function bound(field: 'from' | 'to', value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  let t: number;
  let day: string;
  if (DATE_ONLY.test(value)) {
    day = value;
    t = Date.parse(`${value}T00:00:00+07:00`);
    if (field === 'to') t += 86_400_000; // `to` as a day is inclusive
  } else {
    if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value)) throw invalid(field, 'thời điểm phải có múi giờ (Z hoặc +07:00), hoặc ghi ngày YYYY-MM-DD');
    t = Date.parse(value);
    day = Number.isFinite(t) ? new Date(t + 7 * 3_600_000).toISOString().slice(0, 10) : '';
  }
  if (!Number.isFinite(t) || day < FIRST_DAY || day > LAST_DAY) throw invalid(field, `phải là ngày trong khoảng ${FIRST_DAY} đến ${LAST_DAY}`);
  return new Date(t);
}

@Injectable()
export class AuditQueryService {
  constructor(private readonly repo: AuditRepository, private readonly scope: ScopeService) {}

  async list(user: AuthUser, q: AuditQuery): Promise<Page<AuditItem>> {
    if (q.id !== undefined && q.entity === undefined) throw invalid('id', 'cần có `entity` khi lọc theo `id`');
    const from = bound('from', q.from);
    const to = bound('to', q.to);
    if (from && to && from >= to) throw new DomainError('VALIDATION_FAILED', 'from: phải trước `to`', [{ field: 'from', message: 'phải trước `to`' }]);
    if (q.unit) await this.scope.assertRead(user, [q.unit]);
    const { items, total } = await this.repo.list(
      { scope: this.scope.where(user, sql`a.unit_code`), entity: q.entity, entityId: q.id, unit: q.unit, action: q.action, actor: q.actor, from, to },
      { limit: q.pageSize, offset: q.offset },
    );
    // Old and new values can carry ID numbers: masked like in lists for roles that do not need them.
    return page(items.map((i) => ({ ...maskIdNumbers(i, user), at: new Date(i.at).toISOString() })), total, q);
  }
}
