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
import { StandardsService } from '../standards/standards.service';
import {
  defaultOpinionRequired, IllegalTransition, listYearOf, nextStatus, postingEndDate, regularRoundDates, RoundAction, RoundStatus,
} from './domain/round-state';
import { ApplicationsRepository } from './applications.repository';
import { assertFound, assertNotFrozen, roundView, transitionError } from './reviews.common';
import {
  CreateComplaintDto, CreateRoundDto, MeetingDto, OpinionDto, OverdueQuery, PostingDto, RecheckComplaintDto, ReportDto, RoundListQuery,
  StartRoundDto, UpdateRoundDto,
} from './rounds.dto';
import { RoundRow, RoundsRepository } from './rounds.repository';

/** Today in Vietnam (UTC+7), as YYYY-MM-DD. */
export function todayVn(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const dateRule = (field: string, message: string, value?: unknown) =>
  new DomainError('BUSINESS_RULE', `${field}: ${message}`, [{ field, message, ...(value !== undefined ? { value } : {}) }]);

/**
 * Review rounds (docs/RULES.md §3, Decision 24/2021/QĐ-TTg Art. 4–5): creation with the list year
 * and standard, the steps of the state machine with what each records, complaints and re-checks,
 * and what is overdue. Deciding is in DecisionService.
 */
@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: RoundsRepository,
    private readonly applications: ApplicationsRepository,
    private readonly standards: StandardsService,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, dto: CreateRoundDto) {
    if (dto.kind === 'regular' && !dto.month) throw new DomainError('VALIDATION_FAILED', 'month: bắt buộc với đợt rà soát thường xuyên', [{ field: 'month', message: 'bắt buộc với đợt rà soát thường xuyên' }]);
    if (dto.kind !== 'regular' && dto.month) throw new DomainError('VALIDATION_FAILED', 'month: chỉ đợt rà soát thường xuyên có tháng', [{ field: 'month', message: 'chỉ dùng cho đợt rà soát thường xuyên' }]);
    return this.ds.transaction(async (m) => {
      await this.scope.assertWrite(user, 'register', [dto.communeCode], m);
      const commune = await this.repo.commune(dto.communeCode, `${dto.year}-09-01`, m);
      if (!commune) throw notFound('xã', dto.communeCode);
      if (commune.level !== 'commune') throw new DomainError('VALIDATION_FAILED', `communeCode: ${dto.communeCode} là đơn vị cấp ${commune.level}, không phải xã`, [{ field: 'communeCode', message: `cấp ${commune.level}, không phải xã` }]);
      const listYear = listYearOf(dto.kind, dto.year);
      const { standard } = await this.standards.forListYear(listYear, m);
      const same = await this.repo.findSame(dto.communeCode, dto.year, dto.kind, dto.month ?? null, m);
      if (same) {
        throw new DomainError('DUPLICATE', `Xã ${dto.communeCode} đã có đợt rà soát ${dto.kind} năm ${dto.year}${dto.month ? `-${dto.month}` : ''} (đợt ${same})`, [{ field: 'year', message: `đã có đợt ${same}`, roundId: same }]);
      }
      const opinionRequired = dto.opinionRequired ?? defaultOpinionRequired(dto.kind, dto.year);
      this.assertOpinionRule(dto.kind, dto.year, opinionRequired);
      const regular = dto.kind === 'regular' ? regularRoundDates(dto.year, dto.month!) : null;
      const id = await this.repo.insert({
        communeCode: dto.communeCode, year: dto.year, kind: dto.kind, month: dto.month ?? null, listYear, standardCode: standard.code,
        status: 'draft', startedOn: null, decideBy: regular?.decideBy ?? null, totalHouseholds: dto.totalHouseholds ?? null,
        totalPersons: dto.totalPersons ?? null, opinionRequired, opinionBy: dto.opinionBy ?? (opinionRequired ? 'Chủ tịch UBND cấp huyện' : null),
        note: dto.note ?? null, isDemo: false, createdBy: user.username,
      }, m);
      await this.repo.addEvent(id, null, 'draft', user.username, { listYear, standard: standard.code }, m);
      const attached = await this.attachPendingApplications(m, id, dto.communeCode, dto.kind, dto.year, dto.month ?? null);
      const round = (await this.repo.find(id, m))!;
      await this.audit.record(m, user, { action: 'create', entity: 'review_round', entityId: id, unitCode: dto.communeCode, newValue: { ...roundView(round), applicationsAttached: attached } });
      return roundView({ ...round, communeName: commune.name }, { applicationsAttached: attached });
    });
  }

  /** Until 30 Jun 2025 the district chairman's opinion is part of the periodic procedure (Decision 24 Art. 4.5). */
  private assertOpinionRule(kind: string, year: number, required: boolean) {
    if (!required && kind === 'periodic' && defaultOpinionRequired('periodic', year)) {
      throw new DomainError('BUSINESS_RULE', 'opinionRequired: đợt rà soát định kỳ quyết định trước 30/6/2025 cần ý kiến của Chủ tịch UBND cấp huyện (Điều 4.5 Quyết định 24/2021/QĐ-TTg)', [{ field: 'opinionRequired', message: 'bắt buộc theo quy định của năm này' }]);
    }
  }

  /**
   * Puts pending applications on a new round's list: for a regular round those filed by its 15th;
   * for a periodic round the Mẫu 01 requests filed in its year.
   */
  private async attachPendingApplications(m: EntityManager, roundId: number, communeCode: string, kind: string, year: number, month: number | null): Promise<number> {
    return this.applications.attachPending(m, roundId, communeCode,
      kind === 'regular' ? { filedBy: regularRoundDates(year, month!).startsOn } : { mau01Year: year });
  }

  async list(user: AuthUser, q: RoundListQuery): Promise<Page<unknown>> {
    // asking for a unit outside one's area is refused, not answered with an empty page
    await this.scope.assertRead(user, [q.commune, q.unit].filter((c): c is string => !!c));
    const { items, total } = await this.repo.list(
      { commune: q.commune, unit: q.unit, year: q.year, listYear: q.listYear, kind: q.kind, status: q.status, scope: this.scope.where(user, sql`r.commune_code`) },
      { limit: q.pageSize, offset: q.offset },
    );
    return page(items.map(({ results, poor, nearPoor, ...r }) => roundView(r, { counts: { results, poor, nearPoor } })), total, q);
  }

  async get(user: AuthUser, id: number) {
    const round = assertFound(await this.repo.find(id), 'đợt rà soát', id);
    await this.scope.assertRead(user, [round.communeCode]);
    const [commune, counts, complaints, events] = await Promise.all([
      this.repo.commune(round.communeCode, `${round.year}-09-01`),
      this.repo.classCounts(id),
      this.repo.complaints(id),
      this.repo.events(id),
    ]);
    return roundView({ ...round, communeName: commune?.name }, { counts, complaints, events });
  }

  async update(user: AuthUser, id: number, dto: UpdateRoundDto) {
    return this.ds.transaction(async (m) => {
      const round = assertFound(await this.repo.find(id, m, true), 'đợt rà soát', id);
      await this.scope.assertWrite(user, 'register', [round.communeCode], m);
      assertNotFrozen(round);
      checkVersion('Đợt rà soát', id, dto.version, round.version);
      const set: Record<string, unknown> = {};
      if (dto.totalHouseholds !== undefined) { set.total_households = dto.totalHouseholds; set.total_households_source = dto.totalHouseholds === null ? null : 'entered'; }
      if (dto.totalPersons !== undefined) { set.total_persons = dto.totalPersons; set.total_persons_source = dto.totalPersons === null ? null : 'entered'; }
      if (dto.note !== undefined) set.note = dto.note;
      if (dto.opinionBy !== undefined) set.opinion_by = dto.opinionBy;
      if (dto.opinionRequired !== undefined && dto.opinionRequired !== round.opinionRequired) {
        if (round.status === 'opinion') throw new DomainError('BUSINESS_RULE', 'opinionRequired: ý kiến đã được ghi nhận', [{ field: 'opinionRequired', message: 'đã ghi nhận ý kiến' }]);
        this.assertOpinionRule(round.kind, round.year, dto.opinionRequired);
        set.opinion_required = dto.opinionRequired;
      }
      await this.repo.update(id, dto.version, set, m);
      const updated = (await this.repo.find(id, m))!;
      await this.audit.record(m, user, { action: 'update', entity: 'review_round', entityId: id, unitCode: round.communeCode, oldValue: roundView(round), newValue: roundView(updated) });
      return roundView(updated);
    });
  }

  /**
   * One step of the state machine: lock, scope, version, the pure rule, the step's own checks and
   * columns, the event and the audit record, all in one transaction.
   */
  async transition(
    user: AuthUser, id: number, action: RoundAction, version: number,
    step: (round: RoundRow, to: RoundStatus, m: EntityManager) => Promise<{ set: Record<string, unknown>; data: Record<string, unknown> }>,
    data: { agreementPct?: number } = {},
    after?: (m: EntityManager, round: RoundRow) => Promise<void>,
  ) {
    return this.ds.transaction(async (m) => {
      const round = assertFound(await this.repo.find(id, m, true), 'đợt rà soát', id);
      await this.scope.assertWrite(user, 'register', [round.communeCode], m);
      let to: RoundStatus;
      try {
        to = nextStatus(round, action, data);
      } catch (e) {
        if (e instanceof IllegalTransition) throw transitionError(e, round);
        throw e;
      }
      checkVersion('Đợt rà soát', id, version, round.version);
      const { set, data: recorded } = await step(round, to, m);
      await this.repo.update(id, version, { ...set, status: to }, m);
      await this.repo.addEvent(id, round.status, to, user.username, { action, ...recorded }, m);
      const updated = (await this.repo.find(id, m))!;
      if (after) await after(m, updated);
      await this.audit.record(m, user, {
        action: 'transition', entity: 'review_round', entityId: id, unitCode: round.communeCode,
        oldValue: { status: round.status }, newValue: { status: to, action, ...recorded },
      });
      return roundView(updated, { lastAction: action, ...(action === 'meeting' && to === 'surveying' ? { backToSurveying: true } : {}) });
    });
  }

  start(user: AuthUser, id: number, dto: StartRoundDto) {
    return this.transition(user, id, 'start', dto.version, async (r) => {
      const date = dto.date ?? (r.kind === 'regular' ? regularRoundDates(r.year, r.month!).startsOn : todayVn());
      return { set: { started_on: date }, data: { startedOn: date } };
    });
  }

  /** The village meeting: ≥ 50 % agreement moves on; below, the round goes back to surveying (Art. 4.3). */
  meeting(user: AuthUser, id: number, dto: MeetingDto) {
    return this.transition(user, id, 'meeting', dto.version, async (r, to) => {
      if (r.startedOn && dto.date < r.startedOn) throw dateRule('date', `the meeting cannot be before the survey started (${r.startedOn})`, dto.date);
      const data = { meetingDate: dto.date, agreementPct: dto.agreementPct, minutesRef: dto.minutesRef ?? null, attendees: dto.attendees ?? null,
        outcome: to === 'meeting' ? 'agreed' : 'redo: agreement below 50 %, back to surveying' };
      return {
        set: { meeting_date: dto.date, meeting_agreement_pct: dto.agreementPct, meeting_minutes_ref: dto.minutesRef ?? null },
        data,
      };
    }, { agreementPct: dto.agreementPct });
  }

  /** Public posting for 3 working days (Art. 4.4); again after a re-check. */
  post(user: AuthUser, id: number, dto: PostingDto) {
    return this.transition(user, id, 'post', dto.version, async (r) => {
      if (r.meetingDate && dto.start < r.meetingDate) throw dateRule('start', `posting cannot start before the meeting (${r.meetingDate})`, dto.start);
      const minEnd = postingEndDate(dto.start);
      const end = dto.end ?? minEnd;
      if (end < minEnd) throw dateRule('end', `the list must stay posted for 3 working days, until ${minEnd} at least`, dto.end);
      return { set: { posting_start: dto.start, posting_end: end }, data: { postingStart: dto.start, postingEnd: end, repost: r.status === 'posted' } };
    });
  }

  private async assertNoOpenComplaints(m: EntityManager, r: RoundRow): Promise<void> {
    const open = await this.repo.openComplaints(r.id, m);
    if (open.length) {
      throw new DomainError('BUSINESS_RULE', `Còn ${open.length} khiếu nại chưa phúc tra`, open.map((c) => ({ field: 'complaints', message: 'chưa phúc tra', complaintId: c.id })));
    }
  }

  /** The district chairman's opinion, after posting. */
  opinion(user: AuthUser, id: number, dto: OpinionDto) {
    return this.transition(user, id, 'opinion', dto.version, async (r, _to, m) => {
      if (r.postingEnd && dto.date < r.postingEnd) throw dateRule('date', `the opinion comes after the posting (until ${r.postingEnd})`, dto.date);
      await this.assertNoOpenComplaints(m, r);
      const by = dto.by ?? r.opinionBy ?? 'Chủ tịch UBND cấp huyện';
      return { set: { opinion_date: dto.date, opinion_ref: dto.ref, opinion_by: by }, data: { opinionDate: dto.date, opinionRef: dto.ref, opinionBy: by } };
    });
  }

  report(user: AuthUser, id: number, dto: ReportDto) {
    return this.transition(user, id, 'report', dto.version, async () => {
      const at = new Date().toISOString();
      return { set: { reported_at: at }, data: { reportedAt: at } };
    });
  }

  // ---- complaints ----

  async addComplaint(user: AuthUser, id: number, dto: CreateComplaintDto) {
    return this.ds.transaction(async (m) => {
      const round = assertFound(await this.repo.find(id, m, true), 'đợt rà soát', id);
      await this.scope.assertWrite(user, 'register', [round.communeCode], m);
      if (round.status !== 'posted') {
        throw new DomainError('BUSINESS_RULE', `Chỉ nhận khiếu nại trong thời gian niêm yết danh sách (đợt rà soát đang ở trạng thái ${round.status})`, [{ field: 'status', message: round.status }]);
      }
      if (dto.householdId) {
        const h = await this.repo.household(dto.householdId, m);
        if (!h) throw notFound('hộ', dto.householdId);
        if (h.communeCode !== round.communeCode) throw new DomainError('BUSINESS_RULE', 'householdId: hộ không thuộc xã của đợt rà soát', [{ field: 'householdId', message: 'thuộc xã khác' }]);
      }
      const cid = await this.repo.insertComplaint(
        { roundId: id, householdId: dto.householdId ?? null, receivedOn: dto.receivedOn, content: dto.content, createdBy: user.username }, m);
      await this.audit.record(m, user, { action: 'create', entity: 'review_complaint', entityId: cid, unitCode: round.communeCode, newValue: { roundId: id, ...dto } });
      return (await this.repo.complaints(id, m)).find((c) => (c as { id: number }).id === cid);
    });
  }

  async recheckComplaint(user: AuthUser, id: number, complaintId: number, dto: RecheckComplaintDto) {
    return this.ds.transaction(async (m) => {
      const round = assertFound(await this.repo.find(id, m, true), 'đợt rà soát', id);
      await this.scope.assertWrite(user, 'register', [round.communeCode], m);
      assertNotFrozen(round);
      const c = await this.repo.lockComplaint(id, complaintId, m);
      if (!c) throw notFound('khiếu nại', complaintId);
      checkVersion('Khiếu nại', complaintId, dto.version, c.version);
      if (dto.recheckedOn < c.receivedOn) throw dateRule('recheckedOn', `before the complaint was received (${c.receivedOn})`, dto.recheckedOn);
      await this.repo.recheckComplaint(complaintId, dto.version, { recheckedOn: dto.recheckedOn, outcome: dto.outcome }, m);
      await this.audit.record(m, user, { action: 'update', entity: 'review_complaint', entityId: complaintId, unitCode: round.communeCode, oldValue: c, newValue: dto });
      return (await this.repo.complaints(id, m)).find((x) => (x as { id: number }).id === complaintId);
    });
  }

  async overdue(user: AuthUser, q: OverdueQuery): Promise<Page<unknown>> {
    await this.scope.assertRead(user, [q.commune, q.unit].filter((c): c is string => !!c));
    const { items, total } = await this.repo.overdue({ date: q.date ?? todayVn(), commune: q.commune, unit: q.unit, scope: this.scope.where(user, sql`r.commune_code`) }, { limit: q.pageSize, offset: q.offset });
    return page(items, total, q);
  }
}

