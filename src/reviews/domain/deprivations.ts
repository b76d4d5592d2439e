import { ageOn as memberAgeOn } from '../../households/domain/member';

/**
 * Deprivations that can be read from member data (docs/LAW.md §1.3, Decree 07/2021/NĐ-CP
 * Appendix, [M] wording to confirm). Pure: no framework imports.
 *
 * Only member-level indicators can be derived: employment, dependants, nutrition, health
 * insurance, adult education and child school attendance. Housing, water, sanitation, telecom,
 * information assets and waste treatment come from the enumerator's Phiếu B2 ticks only.
 * An indicator is `assessed` when the data needed to decide it is present; a missing datum never
 * makes a household deprived.
 */

export type Sex = 'male' | 'female';
export type EducationLevel = 'none' | 'primary' | 'lower_secondary' | 'upper_secondary' | 'vocational' | 'higher';
export type Employment =
  | 'none' | 'farming' | 'wage_contract' | 'wage_no_contract' | 'self_employed' | 'public_sector' | 'student' | 'retired' | 'unemployed';

export interface MemberFacts {
  sex: Sex;
  birthYear: number;
  /** YYYY-MM-DD when known */
  birthDate?: string | null;
  healthInsurance?: boolean | null;
  inSchool?: boolean | null;
  educationLevel?: EducationLevel | null;
  disability?: 'none' | 'mild' | 'severe' | null;
  labourCapacity?: boolean | null;
  employment?: Employment | null;
  malnourished?: boolean | null;
}

export const DERIVABLE_INDICATORS = ['employment', 'dependants', 'nutrition', 'healthInsurance', 'adultEducation', 'childSchooling'] as const;
export type DerivableIndicator = (typeof DERIVABLE_INDICATORS)[number];

export interface DerivedDeprivations {
  /** indicators the member data shows as deprived */
  deprived: DerivableIndicator[];
  /** indicators the member data is complete enough to decide (deprived or not) */
  assessed: DerivableIndicator[];
  /** why each deprived indicator was derived, in Vietnamese */
  reasons: Partial<Record<DerivableIndicator, string>>;
}

/**
 * Age in whole years on a date (YYYY-MM-DD). With only a birth year, the age the person reaches in
 * that calendar year (the convention of the household registers that record birth years only).
 */
export function ageOn(m: Pick<MemberFacts, 'birthYear' | 'birthDate'>, on: string): number {
  return memberAgeOn(m.birthDate, m.birthYear, on);
}

/**
 * Retirement age under normal conditions, in months (Labour Code 2019 Art. 169, Decree
 * 135/2020/NĐ-CP): men 60y3m in 2021 rising 3 months a year to 62 (2028); women 55y4m in 2021
 * rising 4 months a year to 60 (2035). Before 2021: 60 and 55.
 */
export function retirementAgeMonths(sex: Sex, year: number): number {
  if (year < 2021) return sex === 'male' ? 720 : 660;
  const steps = year - 2020;
  return sex === 'male' ? Math.min(720 + 3 * steps, 744) : Math.min(660 + 4 * steps, 720);
}

/** Age in months on a date; with only a birth year, counted from 1 July of that year. */
export function ageMonthsOn(m: Pick<MemberFacts, 'birthYear' | 'birthDate'>, on: string): number {
  const [y, mo, d] = on.split('-').map(Number);
  const [by, bm, bd] = m.birthDate ? m.birthDate.split('-').map(Number) : [m.birthYear, 7, 1];
  return (y - by) * 12 + (mo - bm) - (d < bd ? 1 : 0);
}

/** Past working age on a date (Labour Code 2019: working age is 15 up to the retirement age). */
export function pastWorkingAge(m: MemberFacts, on: string): boolean {
  return ageMonthsOn(m, on) >= retirementAgeMonths(m.sex, Number(on.slice(0, 4)));
}

/**
 * A dependant (người phụ thuộc): a child under 16, a person past working age, or a person with a
 * severe disability or unable to work.
 */
export function isDependant(m: MemberFacts, on: string): boolean {
  return ageOn(m, on) < 16 || pastWorkingAge(m, on) || m.disability === 'severe' || m.labourCapacity === false;
}

const LOWER_SECONDARY_OR_MORE: ReadonlySet<EducationLevel> = new Set(['lower_secondary', 'upper_secondary', 'vocational', 'higher']);
const UPPER_SECONDARY_OR_MORE: ReadonlySet<EducationLevel> = new Set(['upper_secondary', 'vocational', 'higher']);

/**
 * Derives the member-level deprivations of one household on a date (the review's reference date).
 * A household without member data derives and assesses nothing.
 */
export function deriveDeprivations(members: readonly MemberFacts[], on: string): DerivedDeprivations {
  const deprived: DerivableIndicator[] = [];
  const assessed: DerivableIndicator[] = [];
  const reasons: Partial<Record<DerivableIndicator, string>> = {};
  if (members.length === 0) return { deprived, assessed, reasons };
  const ages = members.map((m) => ageOn(m, on));
  const mark = (key: DerivableIndicator, isDeprived: boolean, known: boolean, reason: string) => {
    if (isDeprived) {
      deprived.push(key);
      assessed.push(key);
      reasons[key] = reason;
    } else if (known) {
      assessed.push(key);
    }
  };

  // 1. Employment: a working-age member (15 to retirement) unemployed or a wage worker without a contract.
  {
    let count = 0;
    let known = true;
    members.forEach((m, i) => {
      if (ages[i] < 15 || pastWorkingAge(m, on) || m.labourCapacity === false) return;
      if (m.employment == null) known = false;
      else if (m.employment === 'unemployed' || m.employment === 'wage_no_contract') count++;
    });
    mark('employment', count > 0, known, `${count} người trong độ tuổi lao động không có việc làm hoặc làm công không có hợp đồng lao động`);
  }

  // 2. Dependants: more than half of the members are dependants.
  {
    const n = members.filter((m) => isDependant(m, on)).length;
    mark('dependants', n * 2 > members.length, true, `${n}/${members.length} người là người phụ thuộc (trên 50 %)`);
  }

  // 3. Nutrition: a child under 16 is malnourished (stunted or underweight).
  {
    let count = 0;
    let known = true;
    members.forEach((m, i) => {
      if (ages[i] >= 16) return;
      if (m.malnourished == null) known = false;
      else if (m.malnourished) count++;
    });
    mark('nutrition', count > 0, known, `${count} trẻ em dưới 16 tuổi bị suy dinh dưỡng`);
  }

  // 4. Health insurance: a member aged 6 or over without health insurance.
  {
    let count = 0;
    let known = true;
    members.forEach((m, i) => {
      if (ages[i] < 6) return;
      if (m.healthInsurance == null) known = false;
      else if (!m.healthInsurance) count++;
    });
    mark('healthInsurance', count > 0, known, `${count} người từ 6 tuổi trở lên không có bảo hiểm y tế`);
  }

  // 5. Adult education: a member aged 16–30 neither studying nor holding the level right for the
  //    age (16–17: lower secondary; 18–30: upper secondary or vocational training).
  {
    let count = 0;
    let known = true;
    members.forEach((m, i) => {
      const a = ages[i];
      if (a < 16 || a > 30 || m.inSchool === true) return;
      if (m.educationLevel == null) {
        known = false;
        return;
      }
      const enough = a < 18 ? LOWER_SECONDARY_OR_MORE : UPPER_SECONDARY_OR_MORE;
      if (!enough.has(m.educationLevel)) count++;
    });
    mark('adultEducation', count > 0, known, `${count} người từ 16 đến 30 tuổi không đi học và chưa đạt trình độ phù hợp với độ tuổi`);
  }

  // 6. Child school attendance: a child aged 3 to under 16 not in school.
  {
    let count = 0;
    let known = true;
    members.forEach((m, i) => {
      if (ages[i] < 3 || ages[i] >= 16) return;
      if (m.inSchool == null) known = false;
      else if (!m.inSchool) count++;
    });
    mark('childSchooling', count > 0, known, `${count} trẻ em từ 3 đến dưới 16 tuổi không được đi học`);
  }

  return { deprived, assessed, reasons };
}

/**
 * The deprivations a result is classified with: the enumerator's Phiếu B2 ticks when entered
 * (the form is the official record, an unticked box means "not deprived"), else those derived
 * from member data (docs/RULES.md §2: entered ticks win; both are stored).
 */
export function effectiveDeprivations(entered: readonly string[] | null | undefined, derived: readonly string[]): string[] {
  return entered == null ? [...derived] : [...entered];
}

/**
 * Where the entered ticks and the member data disagree on a derivable indicator, in Vietnamese,
 * for the explanation (the ticks still win).
 */
export function deprivationDisagreements(
  entered: readonly string[] | null | undefined,
  derived: DerivedDeprivations,
  names: Record<string, string>,
): string | null {
  if (entered == null) return null;
  const e = new Set(entered);
  const onlyData = derived.deprived.filter((k) => !e.has(k));
  const onlyTicks = derived.assessed.filter((k) => e.has(k) && !derived.deprived.includes(k));
  const parts: string[] = [];
  if (onlyData.length) parts.push(`dữ liệu thành viên cho thấy thiếu hụt ${onlyData.map((k) => names[k] ?? k).join(', ')} nhưng phiếu B2 không đánh dấu`);
  if (onlyTicks.length) parts.push(`phiếu B2 đánh dấu ${onlyTicks.map((k) => names[k] ?? k).join(', ')} nhưng dữ liệu thành viên không cho thấy thiếu hụt`);
  return parts.length ? `Lưu ý: ${parts.join('; ')} (theo phiếu B2).` : null;
}
