import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { maskIdNumber, maskIdNumbers } from '../auth/masking';
import { updateVersioned, versionConflict } from '../common/db/optimistic';
import { ScopeService } from '../auth/scope.service';
import { DomainError, FieldProblem, notFound, validationError } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { cleanText, matchKey } from '../common/text/vietnamese';
import { ethnicName } from './domain/ethnicity';
import {
  checkCode, checkSplitPlan, checkStatusChange, generatedCode, todayInVietnam,
} from './domain/household';
import { ageOn, checkMember, checkMemberList, MemberDraft, MemberRow, noLabourCapacity, Problem } from './domain/member';
import type { Relation } from './domain/vocabulary';
import { bulkInsertHouseholds, bulkInsertMembers, bulkInsertStatusChanges, NewHousehold, searchText } from './households.bulk';
import {
  AddMemberDto, CreateHouseholdDto, DuplicatesQuery, EthnicGroupQuery, HouseholdListQuery, NewHouseholdPlanDto, RemoveMemberQuery,
  SplitOffDto, StatusChangeDto, UpdateHouseholdDto, UpdateMemberDto,
} from './households.dto';
import {
  DuplicateGroup, HouseholdRecord, HouseholdsRepository, IdNumberOwner, ListItem, MemberRecord, SortKey,
} from './households.repository';

import type { HouseholdDetail, MemberView } from './domain/household-views';

export type { HouseholdDetail, MemberView } from './domain/household-views';

const invalidAll = validationError;

const prefixed = (problems: Problem[], prefix: string): Problem[] => problems.map((p) => ({ ...p, field: prefix + p.field }));

/**
 * The household register's rules. Every write runs in one transaction with its scope check
 * (ScopeService, the caller's commune) and its audit record (AuditService, same EntityManager).
 */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: HouseholdsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  today(): string {
    return todayInVietnam();
  }

  // ---- reads -------------------------------------------------------------------------------

  async list(user: AuthUser, q: HouseholdListQuery): Promise<Page<ListItem>> {
    if (q.classification?.length && q.year === undefined) {
      throw new DomainError('VALIDATION_FAILED', 'year: classification filters need the year of the review', [
        { field: 'year', message: 'classification filters need the year of the review' },
      ]);
    }
    // a unit asked for by name must be in the caller's area (403, as for a record); the SQL filter
    // below keeps every other row out of reach anyway
    await this.scope.assertRead(user, [q.unit, q.commune, q.village].filter((c): c is string => !!c));
    const params: unknown[] = [];
    const scopeSql = this.scope.filter(user, 'h.commune_code', params);
    const sort = q.sort ?? 'code';
    const { items, total } = await this.repo.list(
      {
        unit: q.unit, commune: q.commune, village: q.village, statuses: q.status as ListItem['status'][] | undefined,
        ethnicMinority: q.ethnicMinority, femaleHead: q.femaleHead, meritorious: q.meritorious,
        noLabourCapacity: q.noLabourCapacity, ethnicity: q.ethnicity, q: q.q, year: q.year,
        classifications: q.classification, activeOn: q.activeOn,
      },
      { sql: scopeSql, params },
      { key: sort.replace(/^-/, '') as SortKey, desc: sort.startsWith('-') },
      { limit: q.pageSize, offset: q.offset },
    );
    return page(maskIdNumbers(items, user), total, q);
  }

  async get(user: AuthUser, id: number): Promise<HouseholdDetail> {
    const h = await this.repo.find(id);
    if (!h) throw notFound('hộ', id);
    await this.scope.assertRead(user, [h.communeCode]);
    return this.detail(user, h);
  }

  async duplicates(user: AuthUser, q: DuplicatesQuery): Promise<Page<DuplicateGroup>> {
    if (q.commune) await this.scope.assertRead(user, [q.commune]);
    const params: unknown[] = [];
    const scopeSql = this.scope.filter(user, 'commune_code', params);
    const { items, total } = await this.repo.duplicates({ commune: q.commune }, { sql: scopeSql, params }, { limit: q.pageSize, offset: q.offset });
    return page(items, total, q);
  }

  async ethnicGroups(q: EthnicGroupQuery) {
    const { items, total } = await this.repo.ethnicGroups(q.q, { limit: q.pageSize, offset: q.offset });
    return page(items, total, q);
  }

  private async detail(user: AuthUser, h: HouseholdRecord, m?: EntityManager): Promise<HouseholdDetail> {
    const [members, extras] = await Promise.all([this.repo.members(h.id, m), this.repo.detailExtras(h.id, m)]);
    const today = this.today();
    const head = members.find((x) => x.relation === 'head');
    const derived = noLabourCapacity(members);
    return {
      id: h.id,
      code: h.code,
      communeCode: h.communeCode,
      communeName: extras.communeName,
      villageCode: h.villageCode,
      villageName: extras.villageName,
      address: h.address,
      status: h.status,
      statusDate: h.statusDate,
      statusReason: h.statusReason,
      registeredOn: h.registeredOn,
      head: {
        memberId: head?.id ?? null,
        fullName: h.headName,
        sex: h.headSex,
        birthYear: h.headBirthYear,
        ethnicity: h.headEthnicity,
        ethnicityName: extras.headEthnicityName,
        idNumber: maskIdNumber(h.headIdNumber, user),
      },
      ethnicMinority: h.ethnicMinority,
      femaleHead: h.femaleHead,
      meritorious: h.meritorious,
      persons: members.length,
      labourMembers: members.filter((x) => x.labourCapacity).length,
      noLabourCapacity: noLabourCapacity(members, h.noLabourOverride),
      noLabourCapacityDerived: derived,
      noLabourOverride: h.noLabourOverride,
      noLabourOverrideReason: h.noLabourOverrideReason,
      members: members.map(({ householdId: _h, sortOrder: _s, ...x }) => ({
        ...x,
        idNumber: maskIdNumber(x.idNumber, user),
        age: ageOn(x.birthDate, x.birthYear, today),
        ethnicityName: ethnicName(x.ethnicity) ?? x.ethnicity,
      })),
      splitFrom: extras.splitFrom,
      splitInto: extras.splitInto,
      mergedInto: extras.mergedInto,
      absorbed: extras.absorbed,
      history: extras.history,
      isDemo: h.isDemo,
      version: h.version,
      createdAt: h.createdAt,
      updatedAt: h.updatedAt,
    };
  }

  // ---- shared checks -----------------------------------------------------------------------

  private async assertCommune(code: string, field: string, m: EntityManager): Promise<void> {
    const level = await this.repo.unitLevel(code, m);
    if (level !== 'commune') {
      throw new DomainError('VALIDATION_FAILED', `${field}: ${code} is not a commune`, [
        { field, message: level ? `${code} là đơn vị cấp ${level}, không phải cấp xã` : `Không có đơn vị mã ${code}`, value: code },
      ]);
    }
  }

  private async villageProblem(communeCode: string, villageCode: string, field: string, m: EntityManager): Promise<Problem | undefined> {
    const villages = await this.repo.villagesOf(communeCode, m);
    if (!villages.some((v) => v.code === villageCode)) {
      return { field, message: `Thôn/tổ ${villageCode} không thuộc xã ${communeCode}`, value: villageCode };
    }
    return undefined;
  }

  private checkRegisteredOn(date: string, today: string, field = 'registeredOn'): Problem | undefined {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return { field, message: 'Ngày không hợp lệ', value: date };
    if (date > today) return { field, message: 'Ngày đăng ký ở tương lai', value: date };
    if (date < '1945-01-01') return { field, message: 'Ngày đăng ký quá xa', value: date };
    return undefined;
  }

  private checkOverride(override: boolean | null | undefined, reason: string | null | undefined): Problem | undefined {
    if (override !== null && override !== undefined && !(reason && cleanText(reason))) {
      return { field: 'noLabourOverrideReason', message: 'Ghi lý do khi điều chỉnh "không có khả năng lao động"' };
    }
    return undefined;
  }

  /** 409 DUPLICATE naming the household that already has the ID number. */
  private async assertIdNumbersFree(
    idNumbers: (string | null)[],
    field: string,
    m: EntityManager,
    exclude: { households?: number[]; members?: number[] } = {},
  ): Promise<void> {
    const ids = [...new Set(idNumbers.filter((x): x is string => !!x))];
    if (!ids.length) return;
    await this.repo.lockIdNumbers(m);
    const owners = await this.repo.idNumberOwners(ids, m, exclude.households ?? [], exclude.members ?? []);
    if (owners.length) throw idNumberConflict(owners, field);
  }

  private async assertCodeFree(communeCode: string, code: string, field: string, m: EntityManager, excludeId?: number): Promise<void> {
    const [owner] = await this.repo.codeOwners(communeCode, [code], m, excludeId);
    if (owner) {
      throw new DomainError('DUPLICATE', `Household code ${code} is already used in commune ${communeCode} by household #${owner.id}`, [
        { field, message: `Mã hộ ${code} đã được dùng cho hộ #${owner.id} trong xã ${communeCode}`, value: code, householdId: owner.id, householdCode: owner.code, communeCode },
      ]);
    }
  }

  /** Codes for new households of a commune: the given ones checked, the missing ones generated. */
  private async resolveCodes(communeCode: string, wanted: (string | undefined)[], field: (i: number) => string, m: EntityManager): Promise<string[]> {
    const out: string[] = [];
    const given = wanted.filter((c): c is string => !!c);
    const seen = new Set<string>();
    for (const [i, c] of wanted.entries()) {
      if (!c) continue;
      if (seen.has(c)) throw invalidAll([{ field: field(i), message: `Mã hộ ${c} dùng hai lần`, value: c }]);
      seen.add(c);
    }
    const owners = await this.repo.codeOwners(communeCode, given, m);
    if (owners.length) {
      const i = wanted.indexOf(owners[0].code);
      await this.assertCodeFree(communeCode, owners[0].code, field(i), m);
    }
    let next = 0;
    if (wanted.some((c) => !c)) {
      await this.repo.lockCommuneCodes(m, communeCode);
      next = await this.repo.nextGeneratedNumber(communeCode, m);
    }
    for (const c of wanted) {
      if (c) out.push(c);
      else {
        let code = generatedCode(next++);
        while (given.includes(code)) code = generatedCode(next++);
        out.push(code);
      }
    }
    return out;
  }

  /** The household, locked for the write, in the caller's area, at the version the caller read. */
  private async loadForWrite(user: AuthUser, id: number, version: number | undefined, m: EntityManager, opts: { active?: boolean } = {}): Promise<HouseholdRecord> {
    const h = await this.repo.find(id, m, true);
    if (!h) throw notFound('hộ', id);
    await this.scope.assertWrite(user, 'register', [h.communeCode], m);
    if (version !== undefined && h.version !== version) throw versionConflict('Hộ', id, version, h.version);
    if ((opts.active ?? true) && h.status !== 'active') {
      throw new DomainError('BUSINESS_RULE', `Household ${h.code} is no longer in the register (${h.status} on ${h.statusDate})`, [
        { field: 'status', message: `Hộ đã ra khỏi danh sách (${h.status}, ${h.statusDate}); không sửa được`, value: h.status },
      ]);
    }
    return h;
  }

  /** Writes the household's changed columns and bumps its version (the row is locked by loadForWrite). */
  private async bump(h: HouseholdRecord, m: EntityManager, set: Record<string, unknown> = {}): Promise<number> {
    const row = await updateVersioned<{ version: number }>(m, 'household', h.id, h.version, set, { entity: 'Hộ', returning: 'version' });
    return row.version;
  }

  private async syncHead(householdId: number, m: EntityManager): Promise<void> {
    const row = await this.repo.codeAndHeadName(householdId, m);
    if (row) await this.repo.syncHead(householdId, searchText(row.fullName, row.code), m);
  }

  // ---- create / update ---------------------------------------------------------------------

  async create(user: AuthUser, dto: CreateHouseholdDto): Promise<HouseholdDetail> {
    const today = this.today();
    return this.ds.transaction(async (m) => {
      await this.scope.assertWrite(user, 'register', [dto.communeCode], m);
      await this.assertCommune(dto.communeCode, 'communeCode', m);
      const problems: Problem[] = [];
      let code: string | undefined;
      if (dto.code !== undefined) {
        const c = checkCode(dto.code);
        if (c.problem) problems.push(c.problem);
        code = c.value;
      }
      if (dto.villageCode) {
        const p = await this.villageProblem(dto.communeCode, dto.villageCode, 'villageCode', m);
        if (p) problems.push(p);
      }
      const registeredOn = dto.registeredOn ?? today;
      const rp = this.checkRegisteredOn(registeredOn, today);
      if (rp) problems.push(rp);
      const op = this.checkOverride(dto.noLabourOverride, dto.noLabourOverrideReason);
      if (op) problems.push(op);
      const head = checkMember({ ...(dto.head as MemberDraft), relation: 'head' }, today);
      problems.push(...prefixed(head.problems, 'head.'));
      const members: MemberRow[] = head.row ? [head.row] : [];
      (dto.members ?? []).forEach((x, i) => {
        const r = checkMember(x as MemberDraft, today);
        problems.push(...prefixed(r.problems, `members.${i}.`));
        if (r.row) members.push(r.row);
      });
      if (!problems.length) problems.push(...checkMemberList(members));
      if (problems.length) throw invalidAll(problems);

      await this.assertIdNumbersFree(members.map((x) => x.idNumber), 'idNumber', m);
      const [finalCode] = await this.resolveCodes(dto.communeCode, [code], () => 'code', m);
      const row: NewHousehold = {
        code: finalCode,
        communeCode: dto.communeCode,
        villageCode: dto.villageCode ?? null,
        address: dto.address ? cleanText(dto.address) : null,
        registeredOn,
        meritorious: dto.meritorious ?? false,
        noLabourOverride: dto.noLabourOverride ?? null,
        noLabourOverrideReason: dto.noLabourOverride != null ? cleanText(dto.noLabourOverrideReason as string) : null,
        members,
      };
      const [id] = await bulkInsertHouseholds(m, [row]);
      await this.audit.record(m, user, {
        action: 'create', entity: 'household', entityId: id, unitCode: dto.communeCode,
        newValue: { code: finalCode, villageCode: row.villageCode, headName: members[0].fullName, persons: members.length, registeredOn },
      });
      return this.detail(user, (await this.repo.find(id, m)) as HouseholdRecord, m);
    });
  }

  async update(user: AuthUser, id: number, dto: UpdateHouseholdDto): Promise<HouseholdDetail> {
    const today = this.today();
    return this.ds.transaction(async (m) => {
      const h = await this.loadForWrite(user, id, dto.version, m);
      const problems: Problem[] = [];
      const set: Record<string, unknown> = {};
      const oldValue: Record<string, unknown> = {};
      const newValue: Record<string, unknown> = {};
      const change = (column: string, key: string, before: unknown, after: unknown) => {
        if (before === after) return;
        set[column] = after;
        oldValue[key] = before;
        newValue[key] = after;
      };

      if (dto.code !== undefined) {
        const c = checkCode(dto.code);
        if (c.problem) problems.push(c.problem);
        else if (c.value !== h.code) {
          await this.assertCodeFree(h.communeCode, c.value as string, 'code', m, h.id);
          change('code', 'code', h.code, c.value);
        }
      }
      if (dto.villageCode !== undefined) {
        if (dto.villageCode) {
          const p = await this.villageProblem(h.communeCode, dto.villageCode, 'villageCode', m);
          if (p) problems.push(p);
        }
        change('village_code', 'villageCode', h.villageCode, dto.villageCode ?? null);
      }
      if (dto.address !== undefined) change('address', 'address', h.address, dto.address ? cleanText(dto.address) : null);
      if (dto.registeredOn !== undefined) {
        const p = this.checkRegisteredOn(dto.registeredOn, today);
        if (p) problems.push(p);
        change('registered_on', 'registeredOn', h.registeredOn, dto.registeredOn);
      }
      if (dto.meritorious !== undefined) change('meritorious', 'meritorious', h.meritorious, dto.meritorious);

      let overrideChanged = false;
      if (dto.noLabourOverride !== undefined || dto.noLabourOverrideReason !== undefined) {
        const override = dto.noLabourOverride !== undefined ? dto.noLabourOverride : h.noLabourOverride;
        const reason = override === null ? null : (dto.noLabourOverrideReason !== undefined ? dto.noLabourOverrideReason : h.noLabourOverrideReason);
        const p = this.checkOverride(override, reason);
        if (p) problems.push(p);
        const cleanReason = reason ? cleanText(reason) : null;
        overrideChanged = override !== h.noLabourOverride || cleanReason !== h.noLabourOverrideReason;
        change('no_labour_override', 'noLabourOverride', h.noLabourOverride, override);
        change('no_labour_override_reason', 'noLabourOverrideReason', h.noLabourOverrideReason, cleanReason);
      }

      let headChanged = false;
      if (dto.headMemberId !== undefined) {
        const members = await this.repo.members(h.id, m);
        const next = members.find((x) => x.id === dto.headMemberId);
        const current = members.find((x) => x.relation === 'head');
        if (!next) problems.push({ field: 'headMemberId', message: `Thành viên ${dto.headMemberId} không thuộc hộ này`, value: dto.headMemberId });
        else if (next.id !== current?.id) {
          if (!problems.length) {
            if (current) await this.repo.updateMember(current.id, { relation: dto.formerHeadRelation ?? 'other' }, m);
            await this.repo.updateMember(next.id, { relation: 'head' }, m);
            headChanged = true;
            oldValue.head = current ? { memberId: current.id, fullName: current.fullName } : null;
            newValue.head = { memberId: next.id, fullName: next.fullName };
          }
        }
      }
      if (problems.length) throw invalidAll(problems);

      await this.bump(h, m, set);
      if (headChanged || set.code !== undefined) await this.syncHead(h.id, m);
      if (Object.keys(newValue).length) {
        await this.audit.record(m, user, { action: 'update', entity: 'household', entityId: h.id, unitCode: h.communeCode, oldValue, newValue });
      }
      if (overrideChanged) {
        await this.audit.record(m, user, {
          action: 'override', entity: 'household', entityId: h.id, unitCode: h.communeCode,
          oldValue: { noLabourOverride: h.noLabourOverride, reason: h.noLabourOverrideReason },
          newValue: { noLabourOverride: set.no_labour_override ?? h.noLabourOverride, reason: set.no_labour_override_reason ?? h.noLabourOverrideReason },
          note: 'không có khả năng lao động',
        });
      }
      return this.detail(user, (await this.repo.find(h.id, m)) as HouseholdRecord, m);
    });
  }

  // ---- status, merge, split ----------------------------------------------------------------

  async changeStatus(user: AuthUser, id: number, dto: StatusChangeDto): Promise<HouseholdDetail> {
    const today = this.today();
    return this.ds.transaction(async (m) => {
      const h = await this.loadForWrite(user, id, dto.version, m, { active: false });
      const problems = checkStatusChange(h, dto, today);
      if (problems.length) {
        if (h.status !== 'active') throw new DomainError('ILLEGAL_TRANSITION', `Household ${h.code} is already ${h.status}`, problems.map((p) => ({ ...p })));
        throw invalidAll(problems);
      }
      const reason = cleanText(dto.reason);
      const members = await this.repo.members(h.id, m);
      const history = { householdId: h.id, fromStatus: h.status, toStatus: dto.status, changedOn: dto.date, reason, createdBy: user.username };
      const created: number[] = [];

      if (dto.status === 'merged') {
        const target = await this.mergeTarget(user, h, dto, m);
        await this.bump(h, m, { status: 'merged', status_date: dto.date, status_reason: reason, merged_into_id: target.id });
        if (dto.moveMembers ?? true) {
          // the members join the target household; this household keeps its own rows as history
          const copies = members.map((x) => ({ ...memberRowOf(x), relation: 'other' as Relation }));
          await this.assertIdNumbersFree(copies.map((x) => x.idNumber), 'idNumber', m, { households: [h.id] });
          const start = (await this.repo.maxSortOrder(target.id, m)) + 1;
          await bulkInsertMembers(m, [{ householdId: target.id, members: copies, firstSortOrder: start }]);
        }
        await this.bump(target, m);
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
        if (planProblems.length) throw invalidAll(planProblems);
        await this.bump(h, m, { status: 'split', status_date: dto.date, status_reason: reason });
        const rows = await this.planHouseholds(h, plan, members, dto.date, m);
        // this household keeps its member rows as history; the new ones get copies
        await this.assertIdNumbersFree(rows.flatMap((r) => r.members.map((x) => x.idNumber)), 'idNumber', m, { households: [h.id] });
        created.push(...(await bulkInsertHouseholds(m, rows)));
        await bulkInsertStatusChanges(m, [history]);
        for (const r of rows) {
          await this.audit.record(m, user, {
            action: 'create', entity: 'household', entityId: r.id, unitCode: r.communeCode,
            newValue: { code: r.code, splitFrom: { id: h.id, code: h.code }, persons: r.members.length },
          });
        }
      } else {
        await this.bump(h, m, { status: dto.status, status_date: dto.date, status_reason: reason });
        await bulkInsertStatusChanges(m, [history]);
      }
      await this.audit.record(m, user, {
        action: 'status', entity: 'household', entityId: h.id, unitCode: h.communeCode,
        oldValue: { status: h.status },
        newValue: { status: dto.status, date: dto.date, reason, mergedIntoId: dto.mergedIntoId ?? null, newHouseholds: created },
      });
      return this.detail(user, (await this.repo.find(h.id, m)) as HouseholdRecord, m);
    });
  }

  private async mergeTarget(user: AuthUser, h: HouseholdRecord, dto: StatusChangeDto, m: EntityManager): Promise<HouseholdRecord> {
    const field = 'mergedIntoId';
    if (dto.mergedIntoId === h.id) throw invalidAll([{ field, message: 'Không nhập hộ vào chính nó', value: dto.mergedIntoId }]);
    const target = await this.repo.find(dto.mergedIntoId as number, m, true);
    if (!target) throw invalidAll([{ field, message: `Không có hộ #${dto.mergedIntoId}`, value: dto.mergedIntoId }]);
    await this.scope.assertWrite(user, 'register', [target.communeCode], m);
    const problems: Problem[] = [];
    if (target.communeCode !== h.communeCode) {
      problems.push({ field, message: 'Chỉ nhập vào một hộ cùng xã (hộ chuyển đến xã khác ghi là "chuyển đi")', value: target.id });
    }
    if (target.status !== 'active') problems.push({ field, message: `Hộ ${target.code} không còn trong danh sách`, value: target.id });
    if (target.registeredOn > dto.date) problems.push({ field, message: `Hộ ${target.code} đăng ký sau ngày nhập hộ`, value: target.id });
    if (problems.length) throw invalidAll(problems);
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
        const vp = await this.villageProblem(h.communeCode, p.villageCode, `newHouseholds.${i}.villageCode`, m);
        if (vp) problems.push(vp);
      }
    }
    if (problems.length) throw invalidAll(problems);
    const finalCodes = await this.resolveCodes(h.communeCode, codes, (i) => `newHouseholds.${i}.code`, m);
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
    const today = this.today();
    return this.ds.transaction(async (m) => {
      const h = await this.loadForWrite(user, id, dto.version, m);
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
      if (problems.length) throw invalidAll(problems);
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
      await this.bump(h, m);
      if (newHead) await this.syncHead(h.id, m);
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
      return this.detail(user, (await this.repo.find(newId, m)) as HouseholdRecord, m);
    });
  }

  // ---- members -----------------------------------------------------------------------------

  async addMember(user: AuthUser, id: number, dto: AddMemberDto): Promise<HouseholdDetail> {
    const today = this.today();
    return this.ds.transaction(async (m) => {
      const h = await this.loadForWrite(user, id, dto.version, m);
      const { version: _v, ...draft } = dto;
      const r = checkMember(draft as MemberDraft, today);
      if (r.problems.length) throw invalidAll(r.problems);
      const row = r.row as MemberRow;
      const members = await this.repo.members(h.id, m);
      const listProblems = checkMemberList([...members.map(memberRowOf), row]);
      if (listProblems.length) throw invalidAll(listProblems);
      await this.assertIdNumbersFree([row.idNumber], 'idNumber', m);
      await bulkInsertMembers(m, [{ householdId: h.id, members: [row], firstSortOrder: (await this.repo.maxSortOrder(h.id, m)) + 1 }]);
      // the household row is locked (loadForWrite): the newest member is this one
      const memberId = await this.repo.newestMemberId(h.id, m);
      await this.bump(h, m);
      await this.audit.record(m, user, {
        action: 'create', entity: 'household_member', entityId: memberId, unitCode: h.communeCode,
        newValue: { householdId: h.id, fullName: row.fullName, relation: row.relation, birthYear: row.birthYear },
      });
      return this.detail(user, (await this.repo.find(h.id, m)) as HouseholdRecord, m);
    });
  }

  async updateMember(user: AuthUser, id: number, memberId: number, dto: UpdateMemberDto): Promise<HouseholdDetail> {
    const today = this.today();
    return this.ds.transaction(async (m) => {
      const h = await this.loadForWrite(user, id, dto.version, m);
      const members = await this.repo.members(h.id, m);
      const current = members.find((x) => x.id === memberId);
      if (!current) throw notFound('thành viên', `${memberId} of household ${id}`);
      const { version: _v, ...patch } = dto;
      const merged: MemberDraft = { ...memberRowOf(current) };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
      // a new birth year without a birth date drops the old birth date
      if (patch.birthYear !== undefined && patch.birthDate === undefined && current.birthDate && +current.birthDate.slice(0, 4) !== patch.birthYear) merged.birthDate = null;
      if (patch.relation !== undefined && current.relation === 'head') {
        throw invalidAll([{ field: 'relation', message: 'Đổi chủ hộ bằng PATCH /households/:id với headMemberId' }]);
      }
      const r = checkMember(merged, today);
      if (r.problems.length) throw invalidAll(r.problems);
      const row = r.row as MemberRow;
      const listProblems = checkMemberList(members.map((x) => (x.id === memberId ? row : memberRowOf(x))));
      if (listProblems.length) throw invalidAll(listProblems);
      if (row.idNumber && row.idNumber !== current.idNumber) await this.assertIdNumbersFree([row.idNumber], 'idNumber', m, { members: [memberId] });

      const columns: Record<keyof MemberRow, string> = {
        fullName: 'full_name', sex: 'sex', birthDate: 'birth_date', birthYear: 'birth_year', relation: 'relation', ethnicity: 'ethnicity',
        idNumber: 'id_number', healthInsurance: 'health_insurance', inSchool: 'in_school', educationLevel: 'education_level',
        disability: 'disability', labourCapacity: 'labour_capacity', employment: 'employment', malnourished: 'malnourished',
      };
      const before = memberRowOf(current);
      const set: Record<string, unknown> = {};
      const oldValue: Record<string, unknown> = {};
      const newValue: Record<string, unknown> = {};
      for (const k of Object.keys(columns) as (keyof MemberRow)[]) {
        if (before[k] !== row[k]) {
          set[columns[k]] = row[k];
          oldValue[k] = before[k];
          newValue[k] = row[k];
        }
      }
      if (set.full_name !== undefined) set.name_key = matchKey(row.fullName);
      await this.repo.updateMember(memberId, set, m);
      await this.bump(h, m);
      if (current.relation === 'head') await this.syncHead(h.id, m);
      if (Object.keys(newValue).length) {
        await this.audit.record(m, user, {
          action: 'update', entity: 'household_member', entityId: memberId, unitCode: h.communeCode,
          oldValue: { householdId: h.id, ...oldValue }, newValue: { householdId: h.id, ...newValue },
        });
      }
      return this.detail(user, (await this.repo.find(h.id, m)) as HouseholdRecord, m);
    });
  }

  async removeMember(user: AuthUser, id: number, memberId: number, q: RemoveMemberQuery): Promise<HouseholdDetail> {
    return this.ds.transaction(async (m) => {
      const h = await this.loadForWrite(user, id, q.version, m);
      const members = await this.repo.members(h.id, m);
      const current = members.find((x) => x.id === memberId);
      if (!current) throw notFound('thành viên', `${memberId} of household ${id}`);
      if (current.relation === 'head') {
        throw new DomainError('BUSINESS_RULE', 'The head cannot be removed: make another member head first (PATCH headMemberId)', [
          { field: 'memberId', message: 'Không xoá được chủ hộ: chọn chủ hộ mới trước', value: memberId },
        ]);
      }
      await this.repo.deleteMember(memberId, m);
      await this.bump(h, m);
      await this.audit.record(m, user, {
        action: 'delete', entity: 'household_member', entityId: memberId, unitCode: h.communeCode,
        oldValue: { householdId: h.id, ...memberRowOf(current) }, note: q.reason ? cleanText(q.reason) : null,
      });
      return this.detail(user, (await this.repo.find(h.id, m)) as HouseholdRecord, m);
    });
  }
}

/** A stored member as the domain sees it. */
export function memberRowOf(x: MemberRecord): MemberRow {
  return {
    fullName: x.fullName, sex: x.sex, birthDate: x.birthDate, birthYear: x.birthYear, relation: x.relation, ethnicity: x.ethnicity,
    idNumber: x.idNumber, healthInsurance: x.healthInsurance, inSchool: x.inSchool, educationLevel: x.educationLevel as MemberRow['educationLevel'],
    disability: x.disability, labourCapacity: x.labourCapacity, employment: x.employment as MemberRow['employment'], malnourished: x.malnourished,
  };
}

/** 409 DUPLICATE naming the household(s) that already have these ID numbers. */
export function idNumberConflict(owners: IdNumberOwner[], field: string): DomainError {
  const o = owners[0];
  return new DomainError(
    'DUPLICATE',
    `ID number ${o.idNumber} already belongs to a member of active household ${o.householdCode} (#${o.householdId}, commune ${o.communeCode})`,
    owners.map((x) => ({
      field,
      message: `Số CCCD ${x.idNumber} đã có trong hộ ${x.householdCode} (#${x.householdId}, xã ${x.communeCode}) đang cư trú`,
      value: x.idNumber,
      householdId: x.householdId,
      householdCode: x.householdCode,
      communeCode: x.communeCode,
    })),
  );
}
