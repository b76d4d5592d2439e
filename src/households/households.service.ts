import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { maskIdNumbers } from '../auth/masking';
import { ScopeService } from '../auth/scope.service';
import { DomainError, notFound, validationError } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { cleanText } from '../common/text/vietnamese';
import { checkMember, checkMemberList, MemberDraft, MemberRow, noLabourCapacity, Problem } from './domain/member';
import { bulkInsertHouseholds, NewHousehold } from './households.bulk';
import { CreateHouseholdDto, DuplicatesQuery, EthnicGroupQuery, HouseholdListQuery, UpdateHouseholdDto } from './households.dto';
import { DuplicateGroup, HouseholdRecord, HouseholdsRepository, ListItem, SortKey } from './households.repository';
import type { HouseholdDetail } from './domain/household-views';
import { HouseholdWrites } from './household-writes';
import { checkCode, checkOverride, checkRegisteredOn } from './domain/household';
import { prefixed } from './household-errors';

export type { HouseholdDetail, MemberView } from './domain/household-views';

/**
 * The household register: reads (list, search, detail, duplicates) and create/update. Every write
 * runs in one transaction with its scope check (ScopeService, the caller's commune) and its audit
 * record (AuditService, same EntityManager). Status changes, merges and splits are in
 * HouseholdLifecycleService, members in HouseholdMembersService, what they share in HouseholdWrites.
 */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: HouseholdsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly writes: HouseholdWrites,
  ) {}

  today(): string {
    return this.writes.today();
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
    return this.writes.detail(user, h);
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

  // ---- create / update ---------------------------------------------------------------------

  async create(user: AuthUser, dto: CreateHouseholdDto): Promise<HouseholdDetail> {
    const today = this.writes.today();
    return this.ds.transaction(async (m) => {
      await this.scope.assertWrite(user, 'register', [dto.communeCode], m);
      await this.writes.assertCommune(dto.communeCode, 'communeCode', m);
      const problems: Problem[] = [];
      let code: string | undefined;
      if (dto.code !== undefined) {
        const c = checkCode(dto.code);
        if (c.problem) problems.push(c.problem);
        code = c.value;
      }
      if (dto.villageCode) {
        const p = await this.writes.villageProblem(dto.communeCode, dto.villageCode, 'villageCode', m);
        if (p) problems.push(p);
      }
      const registeredOn = dto.registeredOn ?? today;
      const rp = checkRegisteredOn(registeredOn, today);
      if (rp) problems.push(rp);
      const op = checkOverride(dto.noLabourOverride, dto.noLabourOverrideReason);
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
      if (problems.length) throw validationError(problems);

      await this.writes.assertIdNumbersFree(members.map((x) => x.idNumber), 'idNumber', m);
      const [finalCode] = await this.writes.resolveCodes(dto.communeCode, [code], () => 'code', m);
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
      return this.writes.detail(user, (await this.repo.find(id, m)) as HouseholdRecord, m);
    });
  }

  async update(user: AuthUser, id: number, dto: UpdateHouseholdDto): Promise<HouseholdDetail> {
    const today = this.writes.today();
    return this.ds.transaction(async (m) => {
      const h = await this.writes.loadForWrite(user, id, dto.version, m);
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
          await this.writes.assertCodeFree(h.communeCode, c.value as string, 'code', m, h.id);
          change('code', 'code', h.code, c.value);
        }
      }
      if (dto.villageCode !== undefined) {
        if (dto.villageCode) {
          const p = await this.writes.villageProblem(h.communeCode, dto.villageCode, 'villageCode', m);
          if (p) problems.push(p);
        }
        change('village_code', 'villageCode', h.villageCode, dto.villageCode ?? null);
      }
      if (dto.address !== undefined) change('address', 'address', h.address, dto.address ? cleanText(dto.address) : null);
      if (dto.registeredOn !== undefined) {
        const p = checkRegisteredOn(dto.registeredOn, today);
        if (p) problems.push(p);
        change('registered_on', 'registeredOn', h.registeredOn, dto.registeredOn);
      }
      if (dto.meritorious !== undefined) change('meritorious', 'meritorious', h.meritorious, dto.meritorious);

      let overrideChanged = false;
      if (dto.noLabourOverride !== undefined || dto.noLabourOverrideReason !== undefined) {
        const override = dto.noLabourOverride !== undefined ? dto.noLabourOverride : h.noLabourOverride;
        const reason = override === null ? null : (dto.noLabourOverrideReason !== undefined ? dto.noLabourOverrideReason : h.noLabourOverrideReason);
        const p = checkOverride(override, reason);
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
      if (problems.length) throw validationError(problems);

      await this.writes.bump(h, m, set);
      if (headChanged || set.code !== undefined) await this.writes.syncHead(h.id, m);
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
      return this.writes.detail(user, (await this.repo.find(h.id, m)) as HouseholdRecord, m);
    });
  }

}
