import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError, invalid, notFound } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { cleanText } from '../common/text/vietnamese';
import { BeneficiariesRepository, Beneficiary, BeneficiaryRow, HouseholdListStatus } from './beneficiaries.repository';
import { BeneficiaryQuery, CreateBeneficiaryDto, EligibilityQuery, UpdateBeneficiaryDto } from './beneficiaries.dto';
import { yearOf } from './domain/dates';
import { decideEligibility, EligibilityOutcome } from './domain/eligibility';
import { ProjectRef } from './program.repository';
import { checkVersion } from '../common/db/optimistic';
import { ProgramCommonService, withoutProjectId as strip } from './program-common.service';

const today = () => new Date().toISOString().slice(0, 10);

export interface EligibilityView extends EligibilityOutcome {
  householdId: number;
  projectCode: string;
  date: string;
  listYear: number;
  listClass: HouseholdListStatus['listClass'];
  listRoundId: number | null;
  escapedOn: string | null;
  allowedGroups: string[];
}

/** Households supported by a project, each checked against the year's list (docs/RULES.md §6). */
@Injectable()
export class BeneficiariesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: BeneficiariesRepository,
    private readonly programs: ProgramCommonService,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** Whether the household may be supported by the project on the date, and as which group (nothing written). */
  async eligibility(user: AuthUser, q: EligibilityQuery): Promise<EligibilityView> {
    const m = this.ds.manager;
    const household = await this.repo.household(m, q.household);
    if (!household) throw notFound('hộ', q.household);
    await this.scope.assertRead(user, [household.communeCode]);
    const project = await this.programs.resolveProject(q.project, m, 'project');
    return this.evaluate(m, q.household, project, q.date);
  }

  private async evaluate(m: EntityManager, householdId: number, project: ProjectRef, date: string): Promise<EligibilityView> {
    const year = yearOf(date);
    const [status] = await this.repo.householdStatus([householdId], year, date, m);
    const outcome = decideEligibility({
      supportDate: date,
      listClass: status.listClass,
      listSource: status.listKind && status.listDecisionDate
        ? { kind: status.listKind, year: status.listYear!, month: status.listMonth, decisionDate: status.listDecisionDate }
        : null,
      escapedOn: status.escapedOn,
      leftOn: status.status !== 'active' ? status.statusDate : null,
      allowedGroups: project.effectiveBeneficiaryGroups,
      projectLabel: project.fullLabel,
    });
    return {
      ...outcome, householdId, projectCode: project.code, date, listYear: year, listClass: status.listClass,
      listRoundId: status.listRoundId, escapedOn: status.escapedOn, allowedGroups: project.effectiveBeneficiaryGroups,
    };
  }

  /** 422 NOT_ELIGIBLE with the reason, or the row to store (with the class it was accepted on). */
  private async checked(
    m: EntityManager, householdId: number, project: ProjectRef, date: string,
    rest: Pick<BeneficiaryRow, 'supportType' | 'amount' | 'note'>, unitCode: string,
  ): Promise<BeneficiaryRow> {
    if (date > today()) throw invalid('date', 'ngày hỗ trợ ở tương lai');
    await this.programs.assertUsable(project, unitCode, yearOf(date), m);
    const e = await this.evaluate(m, householdId, project, date);
    if (!e.eligible) {
      throw new DomainError('NOT_ELIGIBLE', e.reason, [{
        field: 'householdId', message: e.reason, listClass: e.listClass, memberships: e.memberships, allowedGroups: e.allowedGroups,
      }]);
    }
    return {
      householdId, unitCode, projectId: project.id, supportType: rest.supportType, amount: rest.amount, date,
      group: e.group!, listClass: e.listClass, listRoundId: e.listRoundId, escapedOn: e.recentlyEscaped ? e.escapedOn : null,
      eligibilityReason: e.reason, note: rest.note,
    };
  }

  async create(user: AuthUser, dto: CreateBeneficiaryDto): Promise<Beneficiary> {
    return this.ds.transaction(async (m) => {
      const household = await this.repo.household(m, dto.householdId);
      if (!household) throw new DomainError('NOT_FOUND', `Không tìm thấy hộ ${dto.householdId}`, [{ field: 'householdId', message: 'hộ không tồn tại' }]);
      await this.scope.assertWrite(user, 'program', [household.communeCode], m);
      const project = await this.programs.resolveProject(dto.projectCode, m);
      const row = await this.checked(m, dto.householdId, project, dto.date,
        { supportType: dto.supportType, amount: dto.amount, note: dto.note ? cleanText(dto.note) : null }, household.communeCode);
      const id = await this.repo.insert(m, row, user.username);
      const created = strip((await this.repo.byId(id, m))!);
      await this.audit.record(m, user, { action: 'create', entity: 'program_beneficiary', entityId: id, unitCode: row.unitCode, newValue: created });
      return created;
    });
  }

  async update(user: AuthUser, id: number, dto: UpdateBeneficiaryDto): Promise<Beneficiary> {
    return this.ds.transaction(async (m) => {
      const current = await this.repo.byId(id, m, true);
      if (!current) throw notFound('hộ được hỗ trợ', id);
      await this.scope.assertWrite(user, 'program', [current.unitCode], m);
      checkVersion('hộ được hỗ trợ', id, dto.version, current.version);
      const date = dto.date ?? current.date;
      const projectCode = dto.projectCode ?? current.projectCode;
      const rest = {
        supportType: dto.supportType ?? current.supportType,
        amount: dto.amount ?? current.amount,
        note: dto.note !== undefined ? cleanText(dto.note) || null : current.note,
      };
      let row: BeneficiaryRow;
      if (date !== current.date || projectCode !== current.projectCode) {
        // a new date or project is a new eligibility question
        const project = await this.programs.resolveProject(projectCode, m);
        row = await this.checked(m, current.householdId, project, date, rest, current.unitCode);
      } else {
        row = {
          householdId: current.householdId, unitCode: current.unitCode, projectId: current.projectId, date, ...rest,
          group: current.group, listClass: current.listClass, listRoundId: current.listRoundId, escapedOn: current.escapedOn,
          eligibilityReason: current.eligibilityReason,
        };
      }
      await this.repo.update(m, id, dto.version, row, user.username);
      const updated = strip((await this.repo.byId(id, m))!);
      await this.audit.record(m, user, {
        action: 'update', entity: 'program_beneficiary', entityId: id, unitCode: current.unitCode, oldValue: strip(current), newValue: updated,
      });
      return updated;
    });
  }

  async remove(user: AuthUser, id: number, version?: number): Promise<void> {
    await this.programs.removeInScope(user, {
      what: 'hộ được hỗ trợ', entity: 'program_beneficiary', id, version,
      load: (m) => this.repo.byId(id, m, true), delete: (m) => this.repo.delete(m, id), view: strip,
    });
  }

  async get(user: AuthUser, id: number): Promise<Beneficiary> {
    const b = await this.repo.byId(id);
    if (!b) throw notFound('hộ được hỗ trợ', id);
    await this.scope.assertRead(user, [b.unitCode]);
    return strip(b);
  }

  async list(user: AuthUser, q: BeneficiaryQuery): Promise<Page<Beneficiary>> {
    const { scope, projectId } = await this.programs.listPrologue(user, q, 'b.unit_code');
    const { items, total } = await this.repo.list(
      { scope, unit: q.unit, year: q.year, projectId, householdId: q.household, group: q.group },
      { limit: q.pageSize, offset: q.offset },
    );
    return page(items, total, q);
  }
}
