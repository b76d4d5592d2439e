import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError, validationError } from '../common/errors/domain-error';
import { cleanText } from '../common/text/vietnamese';
import { checkCode, checkSplitPlan, checkStatusChange } from './domain/household';
import { Problem } from './domain/member';
import type { Relation } from './domain/vocabulary';
import { bulkInsertHouseholds, bulkInsertMembers, bulkInsertStatusChanges, NewHousehold } from './households.bulk';
import { NewHouseholdPlanDto, SplitOffDto, StatusChangeDto } from './households.dto';
import { HouseholdRecord, HouseholdsRepository, MemberRecord } from './households.repository';
import type { HouseholdDetail } from './domain/household-views';
import { HouseholdWrites } from './household-writes';
import { memberRowOf, prefixed } from './household-errors';

/**
 * The life of a household in the register (docs/RULES.md §3): it moves away, dies out, merges into
 * another household of the commune, or splits into new ones; each ends it on a date and is audited.
 */
@Injectable()
export class HouseholdLifecycleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: HouseholdsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly writes: HouseholdWrites,
  ) {}

  async changeStatus(user: AuthUser, id: number, dto: StatusChangeDto): Promise<HouseholdDetail> {
    const today = this.writes.today();
    return this.ds.transaction(async (m) => {
      const h = await this.writes.loadForWrite(user, id, dto.version, m, { active: false });
      const problems = checkStatusChange(h, dto, today);
      if (problems.length) {
        if (h.status !== 'active') throw new DomainError('ILLEGAL_TRANSITION', `Hộ ${h.code} đã ở trạng thái ${h.status}`, problems.map((p) => ({ ...p })));
        throw validationError(problems);
      }
      const reason = cleanText(dto.reason);
      const members = await this.repo.members(h.id, m);
      const history = { householdId: h.id, fromStatus: h.status, toStatus: dto.status, changedOn: dto.date, reason, createdBy: user.username };
      const created: number[] = [];

      if (dto.status === 'merged') {
        const target = await this.mergeTarget(user, h, dto, m);
        await this.writes.bump(h, m, { status: 'merged', status_date: dto.date, status_reason: reason, merged_into_id: target.id });
        if (dto.moveMembers ?? true) {
          // the members join the target household; this household keeps its own rows as history
          const copies = members.map((x) => ({ ...memberRowOf(x), relation: 'other' as Relation }));
          await this.writes.assertIdNumbersFree(copies.map((x) => x.idNumber), 'idNumber', m, { households: [h.id] });
          const start = (await this.repo.maxSortOrder(target.id, m)) + 1;
          await bulkInsertMembers(m, [{ householdId: target.id, members: copies, firstSortOrder: start }]);
        }
        await this.writes.bump(target, m);
        await bulkInsertStatusChanges(m, [
          { ...history, relatedHouseholdId: target.id },
          { householdId: target.id, event: 'absorbed', fromStatus: 'active', toStatus: 'active', changedOn: dto.date, reason, relatedHouseholdId: h.id, createdBy: user.username },
        ]);
        await this.audit.record(m, user, {
          action: 'update', entity: 'household', entityId: target.id, unitCode: target.communeCode,
          newValue: { absorbed: { id: h.id, code: h.code }, membersAdded: dto.moveMembers ?? true ? members.length : 0 },
        });
      } else if (dto.status === 'split') {
        const plan = dto.newHouseholds ?? [];
        const planProblems = checkSplitPlan(members.map((x) => x.id), plan.map((p) => ({ headMemberId: p.headMemberId, memberIds: p.members.map((x) => x.memberId) })), { complete: true });
        if (planProblems.length) throw validationError(planProblems);
        await this.writes.bump(h, m, { status: 'split', status_date: dto.date, status_reason: reason });
        const rows = await this.planHouseholds(h, plan, members, dto.date, m);
        // this household keeps its member rows as history; the new ones get copies
        await this.writes.assertIdNumbersFree(rows.flatMap((r) => r.members.map((x) => x.idNumber)), 'idNumber', m, { households: [h.id] });
        created.push(...(await bulkInsertHouseholds(m, rows)));
        await bulkInsertStatusChanges(m, [history]);
        for (const r of rows) {
          await this.audit.record(m, user, {
            action: 'create', entity: 'household', entityId: r.id, unitCode: r.communeCode,
            newValue: { code: r.code, splitFrom: { id: h.id, code: h.code }, persons: r.members.length },
          });
        }
      } else {
        await this.writes.bump(h, m, { status: dto.status, status_date: dto.date, status_reason: reason });
        await bulkInsertStatusChanges(m, [history]);
      }
      await this.audit.record(m, user, {
        action: 'status', entity: 'household', entityId: h.id, unitCode: h.communeCode,
        oldValue: { status: h.status },
        newValue: { status: dto.status, date: dto.date, reason, mergedIntoId: dto.mergedIntoId ?? null, newHouseholds: created },
      });
      return this.writes.detail(user, (await this.repo.find(h.id, m)) as HouseholdRecord, m);
    });
  }

  private async mergeTarget(user: AuthUser, h: HouseholdRecord, dto: StatusChangeDto, m: EntityManager): Promise<HouseholdRecord> {
    const field = 'mergedIntoId';
    if (dto.mergedIntoId === h.id) throw validationError([{ field, message: 'Không nhập hộ vào chính nó', value: dto.mergedIntoId }]);
    const target = await this.repo.find(dto.mergedIntoId as number, m, true);
    if (!target) throw validationError([{ field, message: `Không có hộ #${dto.mergedIntoId}`, value: dto.mergedIntoId }]);
    await this.scope.assertWrite(user, 'register', [target.communeCode], m);
    const problems: Problem[] = [];
    if (target.communeCode !== h.communeCode) {
      problems.push({ field, message: 'Chỉ nhập vào một hộ cùng xã (hộ chuyển đến xã khác ghi là "chuyển đi")', value: target.id });
    }
    if (target.status !== 'active') problems.push({ field, message: `Hộ ${target.code} không còn trong danh sách`, value: target.id });
    if (target.registeredOn > dto.date) problems.push({ field, message: `Hộ ${target.code} đăng ký sau ngày nhập hộ`, value: target.id });
    if (problems.length) throw validationError(problems);
    return target;
  }

  /** The new households of a split: codes checked or generated, members copied with their new relations. */
  private async planHouseholds(h: HouseholdRecord, plan: NewHouseholdPlanDto[], members: MemberRecord[], date: string, m: EntityManager): Promise<NewHousehold[]> {
    const problems: Problem[] = [];
    const codes: (string | undefined)[] = plan.map((p, i) => {
      if (p.code === undefined) return undefined;
      const c = checkCode(p.code, `newHouseholds.${i}.code`);
      if (c.problem) problems.push(c.problem);
      return c.value;
    });
    for (const [i, p] of plan.entries()) {
      if (p.villageCode) {
        const vp = await this.writes.villageProblem(h.communeCode, p.villageCode, `newHouseholds.${i}.villageCode`, m);
        if (vp) problems.push(vp);
      }
    }
    if (problems.length) throw validationError(problems);
    const finalCodes = await this.writes.resolveCodes(h.communeCode, codes, (i) => `newHouseholds.${i}.code`, m);
    const byId = new Map(members.map((x) => [x.id, x]));
    return plan.map((p, i) => ({
      code: finalCodes[i],
      communeCode: h.communeCode,
      villageCode: p.villageCode ?? h.villageCode,
      address: p.address !== undefined ? (p.address ? cleanText(p.address) : null) : h.address,
      registeredOn: date,
      meritorious: p.meritorious ?? h.meritorious,
      splitFromId: h.id,
      members: p.members.map((pm) => {
        const x = byId.get(pm.memberId) as MemberRecord;
        const relation: Relation = pm.memberId === p.headMemberId ? 'head' : (pm.relation ?? (x.relation === 'head' ? 'other' : x.relation));
        return { ...memberRowOf(x), relation };
      }),
    }));
  }

  /**
   * Part of the members leave to form a new household (tách hộ); this household stays in the
   * register. The new household keeps a link to this one (split_from_id).
   */
  async splitOff(user: AuthUser, id: number, dto: SplitOffDto): Promise<HouseholdDetail> {
    const today = this.writes.today();
    return this.ds.transaction(async (m) => {
      const h = await this.writes.loadForWrite(user, id, dto.version, m);
      const problems = checkStatusChange(h, { status: 'split', date: dto.date, reason: dto.reason }, today);
      const members = await this.repo.members(h.id, m);
      const plan = dto.household;
      const moving = new Set(plan.members.map((x) => x.memberId));
      problems.push(...prefixed(
        checkSplitPlan(members.map((x) => x.id), [{ headMemberId: plan.headMemberId, memberIds: [...moving] }], { complete: false })
          .map((p) => ({ ...p, field: p.field.replace(/^newHouseholds\.0\./, '') })),
        'household.',
      ));
      const staying = members.filter((x) => !moving.has(x.id));
      const currentHead = members.find((x) => x.relation === 'head');
      if (!staying.length) problems.push({ field: 'household.members', message: 'Nếu mọi thành viên đều đi, hãy dùng "tách hộ" (đổi trạng thái split) thay vì tách một phần' });
      let newHead: MemberRecord | undefined;
      if (currentHead && moving.has(currentHead.id)) {
        newHead = staying.find((x) => x.id === dto.newHeadMemberId);
        if (!newHead) problems.push({ field: 'newHeadMemberId', message: 'Chủ hộ chuyển sang hộ mới: chọn một thành viên ở lại làm chủ hộ', value: dto.newHeadMemberId });
      }
      if (problems.length) throw validationError(problems);
      const reason = cleanText(dto.reason);

      const [row] = await this.planHouseholds(h, [plan], members, dto.date, m);
      // the rows move: the new household is written without members, then they are moved to it
      const [newId] = await bulkInsertHouseholds(m, [row], { members: false });
      await this.repo.moveMembers(
        plan.members.map((pm) => ({ memberId: pm.memberId, relation: row.members[plan.members.indexOf(pm)].relation })),
        newId,
        m,
      );
      if (newHead) await this.repo.updateMember(newHead.id, { relation: 'head' }, m);
      await this.writes.bump(h, m);
      if (newHead) await this.writes.syncHead(h.id, m);
      await bulkInsertStatusChanges(m, [{
        householdId: h.id, event: 'split_off', fromStatus: 'active', toStatus: 'active', changedOn: dto.date, reason,
        relatedHouseholdId: newId, createdBy: user.username,
      }]);
      await this.audit.record(m, user, {
        action: 'create', entity: 'household', entityId: newId, unitCode: h.communeCode,
        newValue: { code: row.code, splitFrom: { id: h.id, code: h.code }, persons: row.members.length, reason },
      });
      await this.audit.record(m, user, {
        action: 'update', entity: 'household', entityId: h.id, unitCode: h.communeCode,
        oldValue: { persons: members.length, head: currentHead?.fullName },
        newValue: { persons: staying.length, head: newHead?.fullName ?? currentHead?.fullName, splitOff: { id: newId, code: row.code }, date: dto.date },
      });
      return this.writes.detail(user, (await this.repo.find(newId, m)) as HouseholdRecord, m);
    });
  }

}
