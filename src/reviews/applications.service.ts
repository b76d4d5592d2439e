import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { checkVersion } from '../common/db/optimistic';
import { sql } from '../common/db/sql';
import { DomainError, notFound } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { isFrozen, regularRoundFor } from './domain/round-state';
import { ApplicationListQuery, CreateApplicationDto, UpdateApplicationDto } from './applications.dto';
import { ApplicationsRepository, ApplicationView } from './applications.repository';
import { todayVn } from './rounds.service';

/**
 * Applications (Decision 24 Art. 5): Mẫu 01 asks to be reviewed, Mẫu 04 asks to be recognised as
 * escaped; they put households on a round's list, and a regular round decides them within 15 days.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: ApplicationsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  private find(id: number, m?: EntityManager): Promise<ApplicationView | undefined> {
    return this.repo.find(id, todayVn(), m);
  }

  async get(user: AuthUser, id: number) {
    const a = await this.find(id);
    if (!a) throw notFound('đơn', id);
    await this.scope.assertRead(user, [a.communeCode]);
    return a;
  }

  async list(user: AuthUser, q: ApplicationListQuery): Promise<Page<unknown>> {
    await this.scope.assertRead(user, [q.commune, q.unit].filter((c): c is string => !!c));
    const { items, total } = await this.repo.list({
      today: q.date ?? todayVn(), scope: this.scope.where(user, sql`a.commune_code`), commune: q.commune, unit: q.unit, status: q.status,
      form: q.form, roundId: q.roundId, householdId: q.householdId, overdue: q.overdue,
    }, { limit: q.pageSize, offset: q.offset });
    return page(items, total, q);
  }

  /** The round an application goes on: the one given, else the open regular round of its month, else the year's open periodic round (Mẫu 01). */
  private async roundFor(m: EntityManager, communeCode: string, form: string, filedOn: string, roundId?: number): Promise<number | null> {
    if (roundId) {
      const r = await this.repo.round(m, roundId);
      if (!r) throw notFound('đợt rà soát', roundId);
      if (r.commune_code !== communeCode) throw new DomainError('BUSINESS_RULE', 'roundId: đợt rà soát thuộc xã khác', [{ field: 'roundId', message: 'thuộc xã khác' }]);
      if (r.kind === 'baseline' || isFrozen(r.status)) throw new DomainError('FROZEN', `roundId: đợt rà soát ${roundId} đang ở trạng thái ${r.status}`, [{ field: 'roundId', message: r.status }]);
      return r.id;
    }
    const target = regularRoundFor(filedOn);
    const reg = await this.repo.openRegularRound(m, communeCode, target.year, target.month);
    if (reg) return reg;
    if (form === 'mau01') {
      const per = await this.repo.openPeriodicRound(m, communeCode, Number(filedOn.slice(0, 4)));
      if (per) return per;
    }
    return null;
  }

  async create(user: AuthUser, dto: CreateApplicationDto) {
    if (dto.filedOn > todayVn()) throw new DomainError('VALIDATION_FAILED', 'filedOn: ngày nộp đơn ở tương lai', [{ field: 'filedOn', message: 'ở tương lai' }]);
    return this.ds.transaction(async (m) => {
      const h = await this.repo.household(m, dto.householdId);
      if (!h) throw notFound('hộ', dto.householdId);
      await this.scope.assertWrite(user, 'register', [h.communeCode], m);
      if (h.status !== 'active') throw new DomainError('HOUSEHOLD_INACTIVE', `Hộ ${h.code} đang ở trạng thái ${h.status}`, [{ field: 'householdId', message: h.status }]);
      const open = await this.repo.openApplication(m, h.id, dto.form);
      if (open) throw new DomainError('DUPLICATE', `Hộ ${h.code} đã có đơn ${dto.form} đang chờ xử lý (${open})`, [{ field: 'householdId', message: `đơn ${open} đang chờ xử lý`, applicationId: open }]);
      if (dto.form === 'mau04') {
        // Mẫu 04: only a household on the list can ask to be recognised as escaped
        const cur = await this.repo.decidedClassOn(m, h.id, dto.filedOn);
        if (!cur || !['poor', 'near_poor'].includes(cur)) {
          throw new DomainError('NOT_ELIGIBLE', `Hộ ${h.code} không có trong danh sách hộ nghèo, hộ cận nghèo: không áp dụng Mẫu 04`, [{ field: 'form', message: 'không có trong danh sách' }]);
        }
      }
      const roundId = await this.roundFor(m, h.communeCode, dto.form, dto.filedOn, dto.roundId);
      const id = await this.repo.insert(m, {
        householdId: h.id, communeCode: h.communeCode, form: dto.form, filedOn: dto.filedOn, channel: dto.channel ?? null, roundId,
        isDemo: false, createdBy: user.username,
      });
      const created = await this.find(id, m);
      await this.audit.record(m, user, { action: 'create', entity: 'review_application', entityId: id, unitCode: h.communeCode, newValue: created });
      return created;
    });
  }

  /** Puts an application on a round's list, or refuses it with the written answer (Art. 5). */
  async update(user: AuthUser, id: number, dto: UpdateApplicationDto) {
    return this.ds.transaction(async (m) => {
      const a = await this.repo.lock(m, id);
      if (!a) throw notFound('đơn', id);
      await this.scope.assertWrite(user, 'register', [a.communeCode], m);
      checkVersion('Đơn', id, dto.version, a.version);
      if (a.status === 'decided' || a.status === 'refused') throw new DomainError('CONFLICT', `Đơn ${id} đã ở trạng thái ${a.status}`, [{ field: 'status', message: a.status }]);
      const old = await this.find(id, m);
      if (dto.status === 'refused') {
        if (!dto.answer) throw new DomainError('VALIDATION_FAILED', 'answer: từ chối phải trả lời bằng văn bản, nêu rõ lý do', [{ field: 'answer', message: 'bắt buộc khi từ chối' }]);
        await this.repo.update(m, id, dto.version, { status: 'refused', answer: dto.answer, decided_on: todayVn() });
      } else if (dto.roundId !== undefined) {
        const roundId = await this.roundFor(m, a.communeCode, a.form, a.filedOn, dto.roundId);
        await this.repo.update(m, id, dto.version, { round_id: roundId, status: 'in_round', answer: dto.answer });
      } else if (dto.answer !== undefined) {
        await this.repo.update(m, id, dto.version, { answer: dto.answer });
      }
      const updated = await this.find(id, m);
      await this.audit.record(m, user, { action: dto.status === 'refused' ? 'status' : 'update', entity: 'review_application', entityId: id, unitCode: a.communeCode, oldValue: old, newValue: updated });
      return updated;
    });
  }
}
