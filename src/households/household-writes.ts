import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { maskIdNumber } from '../auth/masking';
import { updateVersioned, versionConflict } from '../common/db/optimistic';
import { ScopeService } from '../auth/scope.service';
import { DomainError, notFound, validationError } from '../common/errors/domain-error';
import { ethnicName } from './domain/ethnicity';
import { generatedCode, todayInVietnam } from './domain/household';
import { ageOn, noLabourCapacity, Problem } from './domain/member';
import { searchText } from './households.bulk';
import { HouseholdRecord, HouseholdsRepository } from './households.repository';
import type { HouseholdDetail } from './domain/household-views';
import { idNumberConflict } from './household-errors';

/**
 * What every write of the register shares: the detail view returned after a write, the checks
 * against the database (commune, village, codes, ID numbers), the lock-and-version load and the
 * version bump. The three register services (HouseholdsService: reads, create, update;
 * HouseholdLifecycleService: status, merge, split; HouseholdMembersService) use it; the pure
 * checks are in domain/.
 */
@Injectable()
export class HouseholdWrites {
  constructor(
    private readonly repo: HouseholdsRepository,
    private readonly scope: ScopeService,
  ) {}

  today(): string {
    return todayInVietnam();
  }

  async detail(user: AuthUser, h: HouseholdRecord, m?: EntityManager): Promise<HouseholdDetail> {
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

  async assertCommune(code: string, field: string, m: EntityManager): Promise<void> {
    const level = await this.repo.unitLevel(code, m);
    if (level !== 'commune') {
      throw new DomainError('VALIDATION_FAILED', `${field}: ${code} không phải đơn vị cấp xã`, [
        { field, message: level ? `${code} là đơn vị cấp ${level}, không phải cấp xã` : `Không có đơn vị mã ${code}`, value: code },
      ]);
    }
  }

  async villageProblem(communeCode: string, villageCode: string, field: string, m: EntityManager): Promise<Problem | undefined> {
    const villages = await this.repo.villagesOf(communeCode, m);
    if (!villages.some((v) => v.code === villageCode)) {
      return { field, message: `Thôn/tổ ${villageCode} không thuộc xã ${communeCode}`, value: villageCode };
    }
    return undefined;
  }

  /** 409 DUPLICATE naming the household that already has the ID number. */
  async assertIdNumbersFree(
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

  async assertCodeFree(communeCode: string, code: string, field: string, m: EntityManager, excludeId?: number): Promise<void> {
    const [owner] = await this.repo.codeOwners(communeCode, [code], m, excludeId);
    if (owner) {
      throw new DomainError('DUPLICATE', `Mã hộ ${code} đã được dùng cho hộ #${owner.id} trong xã ${communeCode}`, [
        { field, message: `Mã hộ ${code} đã được dùng cho hộ #${owner.id} trong xã ${communeCode}`, value: code, householdId: owner.id, householdCode: owner.code, communeCode },
      ]);
    }
  }

  /** Codes for new households of a commune: the given ones checked, the missing ones generated. */
  async resolveCodes(communeCode: string, wanted: (string | undefined)[], field: (i: number) => string, m: EntityManager): Promise<string[]> {
    const out: string[] = [];
    const given = wanted.filter((c): c is string => !!c);
    const seen = new Set<string>();
    for (const [i, c] of wanted.entries()) {
      if (!c) continue;
      if (seen.has(c)) throw validationError([{ field: field(i), message: `Mã hộ ${c} dùng hai lần`, value: c }]);
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
  async loadForWrite(user: AuthUser, id: number, version: number | undefined, m: EntityManager, opts: { active?: boolean } = {}): Promise<HouseholdRecord> {
    const h = await this.repo.find(id, m, true);
    if (!h) throw notFound('hộ', id);
    await this.scope.assertWrite(user, 'register', [h.communeCode], m);
    if (version !== undefined && h.version !== version) throw versionConflict('Hộ', id, version, h.version);
    if ((opts.active ?? true) && h.status !== 'active') {
      throw new DomainError('BUSINESS_RULE', `Hộ ${h.code} đã ra khỏi danh sách (${h.status}, ${h.statusDate}); không sửa được`, [
        { field: 'status', message: `Hộ đã ra khỏi danh sách (${h.status}, ${h.statusDate}); không sửa được`, value: h.status },
      ]);
    }
    return h;
  }

  /** Writes the household's changed columns and bumps its version (the row is locked by loadForWrite). */
  async bump(h: HouseholdRecord, m: EntityManager, set: Record<string, unknown> = {}): Promise<number> {
    const row = await updateVersioned<{ version: number }>(m, 'household', h.id, h.version, set, { entity: 'Hộ', returning: 'version' });
    return row.version;
  }

  async syncHead(householdId: number, m: EntityManager): Promise<void> {
    const row = await this.repo.codeAndHeadName(householdId, m);
    if (row) await this.repo.syncHead(householdId, searchText(row.fullName, row.code), m);
  }
}
