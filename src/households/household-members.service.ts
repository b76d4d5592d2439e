import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError, notFound, validationError } from '../common/errors/domain-error';
import { cleanText, matchKey } from '../common/text/vietnamese';
import { checkMember, checkMemberList, MemberDraft, MemberRow } from './domain/member';
import { bulkInsertMembers } from './households.bulk';
import { AddMemberDto, RemoveMemberQuery, UpdateMemberDto } from './households.dto';
import { HouseholdRecord, HouseholdsRepository } from './households.repository';
import type { HouseholdDetail } from './domain/household-views';
import { HouseholdWrites } from './household-writes';
import { memberRowOf } from './household-errors';

/** The members of a household: add, correct, remove (the head kept in step with the household row). */
@Injectable()
export class HouseholdMembersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: HouseholdsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly writes: HouseholdWrites,
  ) {}

  async addMember(user: AuthUser, id: number, dto: AddMemberDto): Promise<HouseholdDetail> {
    const today = this.writes.today();
    return this.ds.transaction(async (m) => {
      const h = await this.writes.loadForWrite(user, id, dto.version, m);
      const { version: _v, ...draft } = dto;
      const r = checkMember(draft as MemberDraft, today);
      if (r.problems.length) throw validationError(r.problems);
      const row = r.row as MemberRow;
      const members = await this.repo.members(h.id, m);
      const listProblems = checkMemberList([...members.map(memberRowOf), row]);
      if (listProblems.length) throw validationError(listProblems);
      await this.writes.assertIdNumbersFree([row.idNumber], 'idNumber', m);
      await bulkInsertMembers(m, [{ householdId: h.id, members: [row], firstSortOrder: (await this.repo.maxSortOrder(h.id, m)) + 1 }]);
      // the household row is locked (loadForWrite): the newest member is this one
      const memberId = await this.repo.newestMemberId(h.id, m);
      await this.writes.bump(h, m);
      await this.audit.record(m, user, {
        action: 'create', entity: 'household_member', entityId: memberId, unitCode: h.communeCode,
        newValue: { householdId: h.id, fullName: row.fullName, relation: row.relation, birthYear: row.birthYear },
      });
      return this.writes.detail(user, (await this.repo.find(h.id, m)) as HouseholdRecord, m);
    });
  }

  async updateMember(user: AuthUser, id: number, memberId: number, dto: UpdateMemberDto): Promise<HouseholdDetail> {
    const today = this.writes.today();
    return this.ds.transaction(async (m) => {
      const h = await this.writes.loadForWrite(user, id, dto.version, m);
      const members = await this.repo.members(h.id, m);
      const current = members.find((x) => x.id === memberId);
      if (!current) throw notFound('thành viên', `${memberId} of household ${id}`);
      const { version: _v, ...patch } = dto;
      const merged: MemberDraft = { ...memberRowOf(current) };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
      // a new birth year without a birth date drops the old birth date
      if (patch.birthYear !== undefined && patch.birthDate === undefined && current.birthDate && +current.birthDate.slice(0, 4) !== patch.birthYear) merged.birthDate = null;
      if (patch.relation !== undefined && current.relation === 'head') {
        throw validationError([{ field: 'relation', message: 'Đổi chủ hộ bằng PATCH /households/:id với headMemberId' }]);
      }
      const r = checkMember(merged, today);
      if (r.problems.length) throw validationError(r.problems);
      const row = r.row as MemberRow;
      const listProblems = checkMemberList(members.map((x) => (x.id === memberId ? row : memberRowOf(x))));
      if (listProblems.length) throw validationError(listProblems);
      if (row.idNumber && row.idNumber !== current.idNumber) await this.writes.assertIdNumbersFree([row.idNumber], 'idNumber', m, { members: [memberId] });

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
      await this.writes.bump(h, m);
      if (current.relation === 'head') await this.writes.syncHead(h.id, m);
      if (Object.keys(newValue).length) {
        await this.audit.record(m, user, {
          action: 'update', entity: 'household_member', entityId: memberId, unitCode: h.communeCode,
          oldValue: { householdId: h.id, ...oldValue }, newValue: { householdId: h.id, ...newValue },
        });
      }
      return this.writes.detail(user, (await this.repo.find(h.id, m)) as HouseholdRecord, m);
    });
  }

  async removeMember(user: AuthUser, id: number, memberId: number, q: RemoveMemberQuery): Promise<HouseholdDetail> {
    return this.ds.transaction(async (m) => {
      const h = await this.writes.loadForWrite(user, id, q.version, m);
      const members = await this.repo.members(h.id, m);
      const current = members.find((x) => x.id === memberId);
      if (!current) throw notFound('thành viên', `${memberId} of household ${id}`);
      if (current.relation === 'head') {
        throw new DomainError('BUSINESS_RULE', 'Không xoá được chủ hộ: chọn chủ hộ mới trước (PATCH headMemberId)', [
          { field: 'memberId', message: 'Không xoá được chủ hộ: chọn chủ hộ mới trước', value: memberId },
        ]);
      }
      await this.repo.deleteMember(memberId, m);
      await this.writes.bump(h, m);
      await this.audit.record(m, user, {
        action: 'delete', entity: 'household_member', entityId: memberId, unitCode: h.communeCode,
        oldValue: { householdId: h.id, ...memberRowOf(current) }, note: q.reason ? cleanText(q.reason) : null,
      });
      return this.writes.detail(user, (await this.repo.find(h.id, m)) as HouseholdRecord, m);
    });
  }
}
