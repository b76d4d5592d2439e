import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '../common/db/sql';
import { checkVersion } from '../common/db/optimistic';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError, notFound } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { cleanText } from '../common/text/vietnamese';
import { PlanBody, PlanListQuery, PlanView } from './plans.dto';
import { PlansRepository } from './plans.repository';

/**
 * Plans (kế hoạch giao, docs/RULES.md §4): the target reduction of the poor-household rate per unit
 * and year, in percentage points or in households. District and province officers set them in
 * their area, admins anywhere; every change is audited in its transaction.
 */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: PlansRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async get(user: AuthUser, unitCode: string, year: number): Promise<PlanView> {
    await this.scope.assertRead(user, [unitCode]);
    const plan = await this.repo.get(unitCode, year);
    if (!plan) throw notFound('kế hoạch', `${unitCode}/${year}`);
    return plan;
  }

  async list(user: AuthUser, q: PlanListQuery): Promise<Page<PlanView>> {
    // a filter on a unit outside the caller's area is refused (403), as for every list; without one, the area filters
    if (q.unit !== undefined) await this.scope.assertRead(user, [q.unit]);
    const { items, total } = await this.repo.list({ unit: q.unit, year: q.year, scope: this.scope.where(user, sql`p.unit_code`) }, { limit: q.pageSize, offset: q.offset });
    return page(items, total, q);
  }

  /** Creates or replaces the plan of a unit and year. */
  async put(user: AuthUser, unitCode: string, year: number, body: PlanBody): Promise<{ plan: PlanView; created: boolean }> {
    if (body.unit === 'households' && !Number.isInteger(body.target)) {
      throw new DomainError('VALIDATION_FAILED', 'target: số hộ phải là số nguyên', [{ field: 'target', message: 'số hộ phải là số nguyên' }]);
    }
    if (body.unit === 'points' && body.target > 100) {
      throw new DomainError('VALIDATION_FAILED', 'target: tối đa 100 điểm phần trăm', [{ field: 'target', message: 'tối đa 100 điểm phần trăm' }]);
    }
    return this.ds.transaction(async (m) => {
      await this.scope.assertWrite(user, 'plan', [unitCode], m);
      if (!(await this.repo.unitExistsIn(m, unitCode, year))) throw notFound('đơn vị', `${unitCode} (in ${year})`);
      const old = await this.repo.get(unitCode, year, m, true);
      const values = { unitCode, year, target: body.target, unit: body.unit, note: body.note != null ? cleanText(body.note) : null, by: user.username };
      if (old) {
        // replacing a plan needs the version read (400 without, 409 when stale); creating takes none
        checkVersion('Kế hoạch', `${unitCode}/${year}`, body.version, old.version);
        await this.repo.update(m, values, body.version!);
      } else {
        await this.repo.insert(m, values);
      }
      const plan = (await this.repo.get(unitCode, year, m))!;
      await this.audit.record(m, user, {
        action: old ? 'update' : 'create', entity: 'reduction_plan', entityId: `${unitCode}/${year}`, unitCode,
        oldValue: old ? { target: old.target, unit: old.unit, note: old.note } : undefined,
        newValue: { target: plan.target, unit: plan.unit, note: plan.note },
      });
      return { plan, created: !old };
    });
  }

  async remove(user: AuthUser, unitCode: string, year: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.scope.assertWrite(user, 'plan', [unitCode], m);
      const old = await this.repo.get(unitCode, year, m, true);
      if (!old) throw notFound('kế hoạch', `${unitCode}/${year}`);
      await this.repo.delete(m, unitCode, year);
      await this.audit.record(m, user, {
        action: 'delete', entity: 'reduction_plan', entityId: `${unitCode}/${year}`, unitCode,
        oldValue: { target: old.target, unit: old.unit, note: old.note },
      });
    });
  }
}
