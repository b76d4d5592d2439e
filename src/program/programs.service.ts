import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { checkVersion } from '../common/db/optimistic';
import { DomainError, invalid, notFound } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { cleanText } from '../common/text/vietnamese';
import { ProgramCommonService } from './program-common.service';
import { ProjectKind } from './program-seeds';
import {
  ApplicabilityQuery, CreateApplicabilityDto, CreateProgramDto, CreateProjectDto, ProgramListQuery, UpdateProgramDto, UpdateProjectDto,
} from './programs.dto';
import { nodeLabel, ProgramRepository, ProgramRow, ProjectRef, ProjectRow, TargetRow } from './program.repository';

export interface ProjectNode {
  code: string;
  kind: ProjectKind;
  number: number;
  /** 'Dự án 7', 'Tiểu dự án 1' */
  label: string;
  name: string;
  /** This node's own rule; null: inherited. */
  beneficiaryGroups: string[] | null;
  effectiveBeneficiaryGroups: string[];
  note: string | null;
  version: number;
  subProjects: ProjectNode[];
}

/** A program as the API shows it: its row (without the internal id), targets and project tree. */
export interface ProgramView extends Omit<ProgramRow, 'id'> {
  targets: Omit<TargetRow, 'programId'>[];
  projects: ProjectNode[];
}

const DEFAULT_GROUPS = ['poor', 'near_poor', 'recently_escaped'];

/** Which kind of node may sit under which (a tree of at most three levels). */
const CHILD_KIND: Record<'root' | ProjectKind, ProjectKind[]> = {
  root: ['component', 'project'],
  component: ['project'],
  project: ['sub_project'],
  sub_project: [],
};

/** Nests the flat node rows into the tree of each program (children in number order), resolving inherited rules. */
export function buildProjectTree(rows: ProjectRow[]): Map<number, ProjectNode[]> {
  const byId = new Map<number, ProjectNode>();
  for (const r of rows) {
    byId.set(r.id, {
      code: r.code, kind: r.kind, number: r.number, label: nodeLabel(r.kind, r.number), name: r.name,
      beneficiaryGroups: r.beneficiaryGroups, effectiveBeneficiaryGroups: [], note: r.note, version: r.version, subProjects: [],
    });
  }
  const roots = new Map<number, ProjectNode[]>();
  for (const r of [...rows].sort((a, b) => a.number - b.number)) {
    const node = byId.get(r.id)!;
    const parent = r.parentId === null ? undefined : byId.get(r.parentId);
    if (parent) parent.subProjects.push(node);
    else roots.set(r.programId, [...(roots.get(r.programId) ?? []), node]);
  }
  const resolve = (n: ProjectNode, inherited: string[]) => {
    n.effectiveBeneficiaryGroups = [...(n.beneficiaryGroups ?? inherited)];
    for (const c of n.subProjects) resolve(c, n.effectiveBeneficiaryGroups);
  };
  for (const list of roots.values()) for (const n of list) resolve(n, DEFAULT_GROUPS);
  return roots;
}

/** Programs, their targets and projects (admin-edited data), and where a project applies. */
@Injectable()
export class ProgramsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ProgramRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly common: ProgramCommonService,
  ) {}

  async list(q: ProgramListQuery): Promise<Page<ProgramView>> {
    const { items, total } = await this.repo.listPrograms({ year: q.year }, { limit: q.pageSize, offset: q.offset });
    return page(await this.views(items), total, q);
  }

  async get(code: string, manager?: EntityManager): Promise<ProgramView> {
    const program = await this.repo.programByCode(code, manager);
    if (!program) throw notFound('chương trình', code);
    return (await this.views([program], manager))[0];
  }

  private async views(programs: ProgramRow[], manager?: EntityManager): Promise<ProgramView[]> {
    const ids = programs.map((p) => p.id);
    const [targets, projects] = await Promise.all([this.repo.targets(ids, manager), this.repo.projects(ids, manager)]);
    const trees = buildProjectTree(projects);
    return programs.map(({ id, ...p }) => ({
      ...p,
      targets: targets.filter((t) => t.programId === id).map(({ programId: _, ...t }) => t),
      projects: trees.get(id) ?? [],
    }));
  }

  async create(user: AuthUser, dto: CreateProgramDto): Promise<ProgramView> {
    if (dto.yearTo < dto.yearFrom) throw invalid('yearTo', 'không được trước yearFrom');
    return this.ds.transaction(async (m) => {
      const row = {
        code: dto.code, name: cleanText(dto.name), shortName: dto.shortName ? cleanText(dto.shortName) : null,
        investmentBasis: dto.investmentBasis ?? null, decision: dto.decision ?? null, decisionDate: dto.decisionDate ?? null,
        yearFrom: dto.yearFrom, yearTo: dto.yearTo, phases: dto.phases ?? [], note: dto.note ?? null,
      };
      const id = await this.repo.insertProgram(m, row);
      await this.repo.replaceTargets(m, id, (dto.targets ?? []).map(targetRow));
      const view = await this.get(dto.code, m);
      await this.audit.record(m, user, { action: 'create', entity: 'program', entityId: dto.code, newValue: view });
      return view;
    });
  }

  async update(user: AuthUser, code: string, dto: UpdateProgramDto): Promise<ProgramView> {
    return this.ds.transaction(async (m) => {
      const current = await this.repo.programByCode(code, m, true);
      if (!current) throw notFound('chương trình', code);
      const before = await this.get(code, m);
      const next = {
        name: dto.name !== undefined ? cleanText(dto.name) : current.name,
        shortName: dto.shortName !== undefined ? cleanText(dto.shortName) : current.shortName,
        investmentBasis: dto.investmentBasis ?? current.investmentBasis,
        decision: dto.decision ?? current.decision,
        decisionDate: dto.decisionDate ?? current.decisionDate,
        yearFrom: dto.yearFrom ?? current.yearFrom,
        yearTo: dto.yearTo ?? current.yearTo,
        phases: dto.phases ?? current.phases,
        note: dto.note ?? current.note,
      };
      if (next.yearTo < next.yearFrom) throw invalid('yearTo', 'không được trước yearFrom');
      const outside = await this.repo.dataYearsOutside(m, current.id, next.yearFrom, next.yearTo);
      if (outside.length) {
        throw new DomainError('BUSINESS_RULE', `Chương trình đã có số liệu năm ${outside.join(', ')}, ngoài giai đoạn ${next.yearFrom}–${next.yearTo}`,
          [{ field: 'yearFrom', message: 'data exists outside the new years', value: outside }]);
      }
      checkVersion('Chương trình', code, dto.version, current.version);
      await this.repo.updateProgram(m, current.id, code, dto.version, next);
      if (dto.targets) await this.repo.replaceTargets(m, current.id, dto.targets.map(targetRow));
      const after = await this.get(code, m);
      const { projects: _b, ...oldValue } = before;
      const { projects: _a, ...newValue } = after;
      await this.audit.record(m, user, { action: 'update', entity: 'program', entityId: code, oldValue, newValue });
      return after;
    });
  }

  async remove(user: AuthUser, code: string, version?: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      const current = await this.repo.programByCode(code, m, true);
      if (!current) throw notFound('chương trình', code);
      checkVersion('Chương trình', code, version, current.version);
      const view = await this.get(code, m);
      if (view.projects.length) {
        throw new DomainError('CONFLICT', `Chương trình ${code} còn ${view.projects.length} hợp phần/dự án: xóa các dự án trước`);
      }
      await this.repo.deleteProgram(m, current.id);
      await this.audit.record(m, user, { action: 'delete', entity: 'program', entityId: code, oldValue: view });
    });
  }

  async createProject(user: AuthUser, programCode: string, dto: CreateProjectDto): Promise<ProjectRef> {
    return this.ds.transaction(async (m) => {
      const program = await this.repo.programByCode(programCode, m, true);
      if (!program) throw notFound('chương trình', programCode);
      let parentId: number | null = null;
      let parentKind: 'root' | ProjectKind = 'root';
      if (dto.parentCode) {
        const parent = await this.repo.projectByCode(dto.parentCode, m);
        if (!parent || parent.programId !== program.id) {
          throw invalid('parentCode', `${dto.parentCode} không phải là hợp phần hoặc dự án của ${programCode}`);
        }
        parentId = parent.id;
        parentKind = parent.kind;
      }
      if (!CHILD_KIND[parentKind].includes(dto.kind)) {
        const allowed = CHILD_KIND[parentKind];
        throw invalid('kind', allowed.length
          ? `a ${dto.kind} cannot sit ${parentKind === 'root' ? 'at the top of a program' : `under a ${parentKind}`} (allowed: ${allowed.join(', ')})`
          : `a ${parentKind} has no children`);
      }
      await this.repo.insertProject(m, {
        programId: program.id, parentId, code: dto.code, kind: dto.kind, number: dto.number, name: cleanText(dto.name),
        beneficiaryGroups: dto.beneficiaryGroups ?? null, note: dto.note ?? null,
      });
      const created = (await this.repo.projectByCode(dto.code, m))!;
      await this.audit.record(m, user, { action: 'create', entity: 'program_project', entityId: dto.code, newValue: created });
      return created;
    });
  }

  getProject(code: string, manager?: EntityManager): Promise<ProjectRef> {
    return this.common.getProject(code, manager);
  }

  async updateProject(user: AuthUser, code: string, dto: UpdateProjectDto): Promise<ProjectRef> {
    return this.ds.transaction(async (m) => {
      const current = await this.getProject(code, m);
      await this.repo.lockProject(m, current.id);
      const next = {
        number: dto.number ?? current.number,
        name: dto.name !== undefined ? cleanText(dto.name) : current.name,
        beneficiaryGroups: dto.beneficiaryGroups !== undefined ? dto.beneficiaryGroups : current.beneficiaryGroups,
        note: dto.note !== undefined ? dto.note : current.note,
      };
      checkVersion('Dự án', code, dto.version, current.version);
      await this.repo.updateProject(m, current.id, code, dto.version, next);
      const updated = (await this.repo.projectByCode(code, m))!;
      await this.audit.record(m, user, { action: 'update', entity: 'program_project', entityId: code, oldValue: current, newValue: updated });
      return updated;
    });
  }

  async removeProject(user: AuthUser, code: string, version?: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      const current = await this.getProject(code, m);
      await this.repo.lockProject(m, current.id);
      checkVersion('Dự án', code, version, current.version);
      const use = await this.repo.projectUsage(m, current.id);
      const used = Object.entries(use).filter(([, n]) => n > 0);
      if (used.length) {
        throw new DomainError('CONFLICT', `${current.fullLabel} đang được sử dụng (${used.map(([k, n]) => `${k}: ${n}`).join(', ')}): không thể xóa`,
          used.map(([k, n]) => ({ field: k, message: `${n} record(s) refer to this node` })));
      }
      await this.repo.deleteProject(m, current.id);
      await this.audit.record(m, user, { action: 'delete', entity: 'program_project', entityId: code, oldValue: current });
    });
  }

  // ---- applicability ----

  /** For each node of the programs running in the year: whether it applies to the unit, and why. */
  async applicability(user: AuthUser, q: ApplicabilityQuery) {
    await this.scope.assertRead(user, [q.unit]);
    const unit = await this.repo.unitInYear(q.unit, q.year);
    if (!unit) throw notFound('đơn vị', q.unit);
    const programs = await this.repo.programsCovering(q.year);
    const nodes = await this.repo.projects(programs.map((p) => p.id));
    const settings = new Map((await this.repo.effectiveApplicability(q.unit, q.year)).map((s) => [s.projectId, s]));
    const programCode = new Map(programs.map((p) => [p.id, p.code]));
    return {
      unit,
      year: q.year,
      items: nodes.map((n) => {
        const s = settings.get(n.id);
        return {
          programCode: programCode.get(n.programId),
          projectCode: n.code,
          label: nodeLabel(n.kind, n.number),
          name: n.name,
          applicable: s ? s.applicable : true,
          reason: s?.reason ?? null,
          setting: s ? { id: s.id, unitCode: s.unitCode, yearFrom: s.yearFrom, yearTo: s.yearTo } : null,
        };
      }),
      settings: await this.repo.applicabilitySettings({
        ...this.common.scopeFilter(user, 'a.unit_code'), unitCode: q.unit,
      }),
    };
  }

  async setApplicability(user: AuthUser, dto: CreateApplicabilityDto) {
    const reason = dto.reason ? cleanText(dto.reason) : null;
    if (!dto.applicable && !reason) throw invalid('reason', 'cần nêu lý do khi đánh dấu dự án không áp dụng');
    if (dto.yearFrom && dto.yearTo && dto.yearTo < dto.yearFrom) throw invalid('yearTo', 'không được trước yearFrom');
    return this.ds.transaction(async (m) => {
      await this.scope.assertWrite(user, 'program', [dto.unitCode], m);
      const project = await this.getProject(dto.projectCode, m);
      if (!(await this.repo.unitExists(dto.unitCode, m))) throw notFound('đơn vị', dto.unitCode);
      const id = await this.repo.insertApplicability(m, {
        projectId: project.id, unitCode: dto.unitCode, applicable: dto.applicable, yearFrom: dto.yearFrom ?? null,
        yearTo: dto.yearTo ?? null, reason, createdBy: user.username,
      }).catch((err) => {
        if (err?.driverError?.constraint === 'program_applicability_no_overlap' || err?.constraint === 'program_applicability_no_overlap') {
          throw new DomainError('DUPLICATE', `${project.fullLabel} đã có thiết lập áp dụng cho ${dto.unitCode} trong những năm này`,
            [{ field: 'yearFrom', message: 'overlaps an existing setting of this project and unit' }]);
        }
        throw err;
      });
      const row = (await this.repo.applicabilityById(m, id))!;
      await this.audit.record(m, user, { action: 'create', entity: 'program_applicability', entityId: id, unitCode: dto.unitCode, newValue: row });
      return row;
    });
  }

  async removeApplicability(user: AuthUser, id: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      const row = await this.repo.applicabilityById(m, id);
      if (!row) throw notFound('thiết lập áp dụng', id);
      await this.scope.assertWrite(user, 'program', [row.unitCode], m);
      await this.repo.deleteApplicability(m, id);
      await this.audit.record(m, user, { action: 'delete', entity: 'program_applicability', entityId: id, unitCode: row.unitCode, oldValue: row });
    });
  }
}

function targetRow(t: CreateProgramDto['targets'] extends (infer T)[] | undefined ? T : never): Omit<TargetRow, 'programId'> {
  return { code: t.code, description: cleanText(t.description), valueMin: t.valueMin ?? null, valueMax: t.valueMax ?? null, unit: t.unit, note: t.note ?? null };
}
