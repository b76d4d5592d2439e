import { DomainError } from '../common/errors/domain-error';
import { MemberRow, Problem } from './domain/member';
import { IdNumberOwner, MemberRecord } from './households.repository';

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
    `Số CCCD ${o.idNumber} đã có trong hộ ${o.householdCode} (#${o.householdId}, xã ${o.communeCode}) đang cư trú`,
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

/** Problems of a nested object named under its path (`members.2.` + `idNumber`). */
export const prefixed = (problems: Problem[], prefix: string): Problem[] => problems.map((p) => ({ ...p, field: prefix + p.field }));
