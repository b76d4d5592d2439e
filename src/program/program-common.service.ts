import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { checkVersion, raw } from '../common/db/optimistic';
import { Sql } from '../common/db/sql';
import { DomainError, notFound } from '../common/errors/domain-error';
import { ProgramRepository, ProjectRef } from './program.repository';

/**
 * The steps the program services share (programs, funds, activities, supported households): the
 * project of a code, whether it may be used for a unit and year, the prologue of a list, and the
 * scoped, versioned, audited delete.
 */
@Injectable()
export class ProgramCommonService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ProgramRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** The node of a code, or 404. */
  async getProject(code: string, manager?: EntityManager): Promise<ProjectRef> {
    const p = await this.repo.projectByCode(code, manager);
    if (!p) throw notFound('Dự án', code);
    return p;
  }

  /** The node of a code, or 404 naming the field. */
  async resolveProject(code: string, manager: EntityManager, field = 'projectCode'): Promise<ProjectRef> {
    const p = await this.repo.projectByCode(code, manager);
    if (!p) throw new DomainError('NOT_FOUND', `Không tìm thấy dự án ${code}`, [{ field, message: 'mã dự án không tồn tại' }]);
    return p;
  }

  /**
   * 422 unless the project's program runs in the year and the project applies to the unit then.
   * (The 2021–2025 list is never reused for later years: docs/LAW.md §5.5.)
   */
  async assertUsable(project: ProjectRef, unitCode: string, year: number, manager: EntityManager, field = 'projectCode'): Promise<void> {
    if (year < project.programYearFrom || year > project.programYearTo) {
      throw new DomainError('BUSINESS_RULE',
        `${project.fullLabel} thuộc chương trình ${project.programCode} (${project.programYearFrom}–${project.programYearTo}), không áp dụng cho năm ${year}`,
        [{ field, message: `chương trình thực hiện ${project.programYearFrom}–${project.programYearTo}` }]);
    }
    const [setting] = await this.repo.effectiveApplicability(unitCode, year, [project.id], manager);
    if (setting && !setting.applicable) {
      throw new DomainError('NOT_APPLICABLE',
        `${project.fullLabel} không áp dụng cho địa bàn ${unitCode} năm ${year}${setting.reason ? `: ${setting.reason}` : ''}`,
        [{ field, message: 'không áp dụng cho địa bàn này', unitCode: setting.unitCode, settingId: setting.id }]);
    }
  }

  /** The caller's scope as a condition on `unitColumn`, with its parameters (the start of every list). */
  scopeFilter(user: AuthUser, unitColumn: 'a.unit_code' | 'b.unit_code' | 'e.unit_code'): { scope: Sql } {
    return { scope: this.scope.where(user, raw(unitColumn)) };
  }

  /**
   * The prologue of a list of unit data: read access to the unit asked for, the caller's scope on
   * `unitColumn`, and the id of the project asked for (404 when the code is unknown).
   */
  async listPrologue(
    user: AuthUser, q: { unit?: string; project?: string }, unitColumn: 'a.unit_code' | 'b.unit_code' | 'e.unit_code',
  ): Promise<{ scope: Sql; projectId?: number }> {
    if (q.unit) await this.scope.assertRead(user, [q.unit]);
    const projectId = q.project ? (await this.getProject(q.project)).id : undefined;
    return { ...this.scopeFilter(user, unitColumn), projectId };
  }

  /**
   * Deletes a record of a unit: loads it locked (404 naming `what`), checks write access to its unit
   * and the version (checkVersion: required, current), deletes it and audits its last state, in one transaction.
   */
  async removeInScope<T extends { unitCode: string; version: number }>(
    user: AuthUser,
    r: {
      what: string; entity: string; id: number; version?: number;
      load: (m: EntityManager) => Promise<T | undefined>; delete: (m: EntityManager) => Promise<void>; view: (row: T) => unknown;
    },
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      const current = await r.load(m);
      if (!current) throw notFound(r.what, r.id);
      await this.scope.assertWrite(user, 'program', [current.unitCode], m);
      checkVersion(r.what, r.id, r.version, current.version);
      await r.delete(m);
      await this.audit.record(m, user, { action: 'delete', entity: r.entity, entityId: r.id, unitCode: current.unitCode, oldValue: r.view(current) });
    });
  }
}

/** A record as the API shows it: without the internal id of its project. */
export function withoutProjectId<T extends { projectId?: number }>(r: T): Omit<T, 'projectId'> {
  const { projectId: _, ...rest } = r;
  return rest;
}
