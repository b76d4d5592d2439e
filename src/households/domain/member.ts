import type { FieldProblem } from '../../common/errors/field-problem';
import { cleanText } from '../../common/text/vietnamese';
import { isEthnicCode } from './ethnicity';
import {
  Disability, DISABILITIES, EDUCATION_LEVELS, EducationLevel, Employment, EMPLOYMENTS, Relation, RELATIONS, Sex, SEXES,
} from './vocabulary';

/**
 * The rules of one household member, shared by the API and the Excel import (one rule set, one
 * set of messages). Pure: no framework, no database.
 */

export interface MemberDraft {
  fullName?: string | null;
  sex?: Sex | null;
  birthDate?: string | null;
  birthYear?: number | null;
  relation?: Relation | null;
  ethnicity?: string | null;
  idNumber?: string | null;
  healthInsurance?: boolean | null;
  inSchool?: boolean | null;
  educationLevel?: EducationLevel | null;
  disability?: Disability | null;
  labourCapacity?: boolean | null;
  employment?: Employment | null;
  malnourished?: boolean | null;
}

export interface MemberRow {
  fullName: string;
  sex: Sex;
  birthDate: string | null;
  birthYear: number;
  relation: Relation;
  ethnicity: string;
  idNumber: string | null;
  healthInsurance: boolean;
  inSchool: boolean | null;
  educationLevel: EducationLevel | null;
  disability: Disability;
  labourCapacity: boolean;
  employment: Employment | null;
  malnourished: boolean | null;
}

/** @deprecated the one type is FieldProblem (src/common/errors/field-problem.ts); this alias goes once the branches have merged. */
export type Problem = FieldProblem;

/** Working age for the default of "labour capacity": from 15 (Bộ luật Lao động 2019, Art. 3) to 60. */
export const WORKING_AGE = { from: 15, to: 60 } as const;
/** Children, as the deprivation indicators count them: under 16 (Decree 07/2021, indicators 3 and 6). */
export const CHILD_AGE_BELOW = 16;

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Full years of age on `on` (YYYY-MM-DD): from the birth date when known, else from the year. */
export function ageOn(birthDate: string | null | undefined, birthYear: number, on: string): number {
  const year = +on.slice(0, 4);
  if (!birthDate) return year - birthYear;
  let age = year - +birthDate.slice(0, 4);
  if (on.slice(5) < birthDate.slice(5)) age--;
  return age;
}

/** Whether a person of this age and disability is presumed able to work when nobody said. */
export function defaultLabourCapacity(age: number, disability: Disability): boolean {
  return age >= WORKING_AGE.from && age <= WORKING_AGE.to && disability !== 'severe';
}

/**
 * An ID number (CCCD 12 digits, or the old CMND 9 digits) as typed: spaces and dots removed.
 * When it came from a numeric Excel cell, the leading zeros Excel dropped are restored (every
 * CCCD starts with the 0 of its province code: 008… in Tuyên Quang). Null when blank.
 */
export function normaliseIdNumber(raw: string | null | undefined, fromNumericCell = false): string | null {
  if (raw == null) return null;
  let s = String(raw).replace(/[\s.\-\u00a0]/g, '');
  if (!s) return null;
  if (fromNumericCell && /^\d+$/.test(s)) {
    if (s.length < 9) s = s.padStart(9, '0');
    else if (s.length > 9 && s.length < 12) s = s.padStart(12, '0');
  }
  return s;
}

export function isValidIdNumber(s: string): boolean {
  return /^(\d{9}|\d{12})$/.test(s);
}

/** A person's name as stored: NFC, single spaces; letters, spaces, apostrophes and hyphens only. */
export function checkName(raw: string | null | undefined, field = 'fullName'): { value?: string; problem?: Problem } {
  const value = raw == null ? '' : cleanText(String(raw));
  if (!value) return { problem: { field, message: 'Thiếu họ và tên' } };
  if (value.length > 120) return { problem: { field, message: 'Họ và tên dài quá 120 ký tự', value } };
  if (/\d/.test(value)) return { problem: { field, message: 'Họ và tên không được chứa chữ số', value } };
  if (!/^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u.test(value)) return { problem: { field, message: 'Họ và tên chứa ký tự không hợp lệ', value } };
  return { value };
}

/**
 * Checks a member and fills the defaults: health insurance yes, no disability, labour capacity
 * presumed from age (15–60) and disability. Every problem is reported, not only the first.
 * `today` is YYYY-MM-DD.
 */
export function checkMember(d: MemberDraft, today: string): { row?: MemberRow; problems: Problem[] } {
  const problems: Problem[] = [];
  const name = checkName(d.fullName);
  if (name.problem) problems.push(name.problem);

  if (!d.sex) problems.push({ field: 'sex', message: 'Thiếu giới tính (Nam/Nữ)' });
  else if (!SEXES.includes(d.sex)) problems.push({ field: 'sex', message: 'Giới tính phải là Nam hoặc Nữ', value: d.sex });

  const thisYear = +today.slice(0, 4);
  let birthYear = d.birthYear ?? null;
  let birthDate = d.birthDate ?? null;
  if (birthDate) {
    if (!isIsoDate(birthDate)) {
      problems.push({ field: 'birthDate', message: 'Ngày sinh không hợp lệ', value: birthDate });
      birthDate = null;
    } else if (birthDate > today) {
      problems.push({ field: 'birthDate', message: 'Ngày sinh ở tương lai', value: birthDate });
    } else if (birthDate < '1900-01-01') {
      problems.push({ field: 'birthDate', message: 'Ngày sinh trước năm 1900', value: birthDate });
    } else {
      const y = +birthDate.slice(0, 4);
      if (birthYear != null && birthYear !== y) {
        problems.push({ field: 'birthYear', message: `Năm sinh ${birthYear} khác năm của ngày sinh ${y}`, value: birthYear });
      }
      birthYear = y;
    }
  }
  if (birthYear == null) {
    if (!d.birthDate) problems.push({ field: 'birthYear', message: 'Thiếu năm sinh (hoặc ngày sinh)' });
  } else if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > thisYear) {
    problems.push({ field: 'birthYear', message: `Năm sinh phải từ 1900 đến ${thisYear}`, value: birthYear });
  }

  if (!d.relation) problems.push({ field: 'relation', message: 'Thiếu quan hệ với chủ hộ' });
  else if (!RELATIONS.includes(d.relation)) problems.push({ field: 'relation', message: 'Quan hệ với chủ hộ không hợp lệ', value: d.relation });

  if (!d.ethnicity) problems.push({ field: 'ethnicity', message: 'Thiếu dân tộc' });
  else if (!isEthnicCode(d.ethnicity)) problems.push({ field: 'ethnicity', message: 'Dân tộc không có trong danh mục 54 dân tộc', value: d.ethnicity });

  const idNumber = normaliseIdNumber(d.idNumber);
  if (idNumber && !isValidIdNumber(idNumber)) {
    problems.push({ field: 'idNumber', message: 'Số CCCD phải có 12 chữ số (CMND cũ: 9 chữ số)', value: d.idNumber });
  }

  if (d.educationLevel && !EDUCATION_LEVELS.includes(d.educationLevel)) {
    problems.push({ field: 'educationLevel', message: 'Trình độ học vấn không hợp lệ', value: d.educationLevel });
  }
  if (d.disability && !DISABILITIES.includes(d.disability)) {
    problems.push({ field: 'disability', message: 'Mức khuyết tật không hợp lệ', value: d.disability });
  }
  if (d.employment && !EMPLOYMENTS.includes(d.employment)) {
    problems.push({ field: 'employment', message: 'Việc làm không hợp lệ', value: d.employment });
  }

  const age = birthYear != null ? ageOn(birthDate, birthYear, today) : null;
  const disability = d.disability ?? 'none';
  if (age !== null) {
    if (d.labourCapacity === true && age < WORKING_AGE.from) {
      problems.push({ field: 'labourCapacity', message: `Người dưới ${WORKING_AGE.from} tuổi không được tính là có khả năng lao động`, value: true });
    }
  }

  if (problems.length) return { problems };
  return {
    problems,
    row: {
      fullName: name.value as string,
      sex: d.sex as Sex,
      birthDate,
      birthYear: birthYear as number,
      relation: d.relation as Relation,
      ethnicity: d.ethnicity as string,
      idNumber,
      healthInsurance: d.healthInsurance ?? true,
      inSchool: d.inSchool ?? null,
      educationLevel: d.educationLevel ?? null,
      disability,
      labourCapacity: d.labourCapacity ?? defaultLabourCapacity(age as number, disability),
      employment: d.employment ?? null,
      malnourished: d.malnourished ?? null,
    },
  };
}

/** The rules of a household's member list: exactly one head, no ID number twice, at most 60 people. */
export function checkMemberList(members: ReadonlyArray<Pick<MemberRow, 'relation' | 'idNumber'>>): Problem[] {
  const problems: Problem[] = [];
  const heads = members.filter((m) => m.relation === 'head').length;
  if (heads === 0) problems.push({ field: 'members', message: 'Hộ phải có một chủ hộ' });
  if (heads > 1) problems.push({ field: 'members', message: `Hộ có ${heads} chủ hộ; chỉ được một` });
  if (members.length > 60) problems.push({ field: 'members', message: 'Một hộ không quá 60 thành viên' });
  const seen = new Set<string>();
  for (const m of members) {
    if (!m.idNumber) continue;
    if (seen.has(m.idNumber)) problems.push({ field: 'idNumber', message: `Số CCCD ${m.idNumber} ghi hai lần trong cùng một hộ`, value: m.idNumber });
    seen.add(m.idNumber);
  }
  return problems;
}

/**
 * "No labour capacity" of a household (hộ không có khả năng lao động, domain-research §1.5): no
 * member is able to work. An officer may override it with a reason; the override wins.
 */
export function noLabourCapacity(members: ReadonlyArray<Pick<MemberRow, 'labourCapacity'>>, override?: boolean | null): boolean {
  if (override !== null && override !== undefined) return override;
  return !members.some((m) => m.labourCapacity);
}
