import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError, invalid, notFound, validationError } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { cleanText } from '../common/text/vietnamese';
import { ActivitiesRepository, Activity, ActivityRow } from './activities.repository';
import { ActivityQuery, CreateActivityDto, ParticipantsDto, UpdateActivityDto } from './activities.dto';
import { yearOf } from './domain/dates';
import { Participants, participantProblems } from './domain/participants';
import { ProgramRepository } from './program.repository';
import { checkVersion } from '../common/db/optimistic';
import { ProgramCommonService, withoutProjectId as strip } from './program-common.service';

const cleanList = (items: string[] | undefined) => (items ?? []).map(cleanText).filter((s) => s.length > 0);

const participantsOf = (p: ParticipantsDto): Participants => ({
  total: p.total, women: p.women ?? 0, ethnicMinority: p.ethnicMinority ?? 0, officials: p.officials ?? 0, residents: p.residents ?? 0,
});

/** Trainings, conferences, communication events and models of the program, per unit and project. */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ActivitiesRepository,
    private readonly programs: ProgramCommonService,
    private readonly catalogue: ProgramRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: ActivityQuery): Promise<Page<Activity>> {
    const { scope, projectId } = await this.programs.listPrologue(user, q, 'a.unit_code');
    const { items, total } = await this.repo.list(
      { scope, unit: q.unit, year: q.year, projectId, kind: q.kind },
      { limit: q.pageSize, offset: q.offset },
    );
    return page(items, total, q);
  }

  async get(user: AuthUser, id: number): Promise<Activity> {
    const a = await this.repo.byId(id);
    if (!a) throw notFound('hoạt động', id);
    await this.scope.assertRead(user, [a.unitCode]);
    return strip(a);
  }

  async create(user: AuthUser, dto: CreateActivityDto): Promise<Activity> {
    return this.ds.transaction(async (m) => {
      await this.scope.assertWrite(user, 'program', [dto.unitCode], m);
      const row = await this.validated(m, {
        unitCode: dto.unitCode, projectCode: dto.projectCode, kind: dto.kind, title: dto.title, date: dto.date,
        endDate: dto.endDate ?? null, place: dto.place ?? null, targetGroup: dto.targetGroup ?? null, topics: dto.topics,
        organisers: dto.organisers, participants: participantsOf(dto.participants), note: dto.note ?? null,
      });
      const id = await this.repo.insert(m, row, user.username);
      const created = strip((await this.repo.byId(id, m))!);
      await this.audit.record(m, user, { action: 'create', entity: 'program_activity', entityId: id, unitCode: row.unitCode, newValue: created });
      return created;
    });
  }

  async update(user: AuthUser, id: number, dto: UpdateActivityDto): Promise<Activity> {
    return this.ds.transaction(async (m) => {
      const current = await this.repo.byId(id, m, true);
      if (!current) throw notFound('hoạt động', id);
      const unitCode = dto.unitCode ?? current.unitCode;
      await this.scope.assertWrite(user, 'program', [current.unitCode, unitCode], m);
      checkVersion('hoạt động', id, dto.version, current.version);
      const row = await this.validated(m, {
        unitCode,
        projectCode: dto.projectCode ?? current.projectCode,
        kind: dto.kind ?? current.kind,
        title: dto.title ?? current.title,
        date: dto.date ?? current.date,
        endDate: dto.endDate ?? current.endDate,
        place: dto.place ?? current.place,
        targetGroup: dto.targetGroup ?? current.targetGroup,
        topics: dto.topics ?? current.topics,
        organisers: dto.organisers ?? current.organisers,
        participants: dto.participants ? participantsOf(dto.participants) : current.participants,
        note: dto.note ?? current.note,
      });
      await this.repo.update(m, id, dto.version, row, user.username);
      const updated = strip((await this.repo.byId(id, m))!);
      await this.audit.record(m, user, {
        action: 'update', entity: 'program_activity', entityId: id, unitCode, oldValue: strip(current), newValue: updated,
      });
      return updated;
    });
  }

  async remove(user: AuthUser, id: number, version?: number): Promise<void> {
    await this.programs.removeInScope(user, {
      what: 'hoạt động', entity: 'program_activity', id, version,
      load: (m) => this.repo.byId(id, m, true), delete: (m) => this.repo.delete(m, id), view: strip,
    });
  }

  private async validated(
    m: EntityManager,
    a: Omit<ActivityRow, 'projectId' | 'topics' | 'organisers'> & { projectCode: string; topics?: string[]; organisers?: string[] },
  ): Promise<ActivityRow> {
    const problems = participantProblems(a.participants);
    if (problems.length) throw validationError(problems);
    if (a.endDate && a.endDate < a.date) throw invalid('endDate', 'không được trước ngày bắt đầu (date)');
    const year = yearOf(a.date);
    const unit = await this.catalogue.unitInYear(a.unitCode, year, m);
    if (!unit) throw new DomainError('NOT_FOUND', `Không tìm thấy đơn vị ${a.unitCode} trong năm ${year}`, [{ field: 'unitCode', message: 'đơn vị không tồn tại trong năm đó' }]);
    const project = await this.programs.resolveProject(a.projectCode, m);
    await this.programs.assertUsable(project, a.unitCode, year, m);
    const title = cleanText(a.title);
    if (!title) throw invalid('title', 'không được để trống');
    return {
      unitCode: a.unitCode, projectId: project.id, kind: a.kind, title, date: a.date, endDate: a.endDate,
      place: a.place ? cleanText(a.place) : null, targetGroup: a.targetGroup ? cleanText(a.targetGroup) : null,
      topics: cleanList(a.topics), organisers: cleanList(a.organisers), participants: a.participants,
      note: a.note ? cleanText(a.note) : null,
    };
  }
}
