/**
 * Who a National Target Program project may support (docs/RULES.md §6). Pure: the repository finds
 * the household's classes, this decides.
 *
 * The list of year Y is the periodic review of Y−1 (its decided classes) as amended by the regular
 * reviews of Y decided up to the date of support (Decision 24/2021/QĐ-TTg, Art. 4–5: the autumn
 * review produces next year's list, the monthly regular reviews amend the current one).
 * A household qualifies as poor, near-poor, or recently escaped — poor at a decision, not poor at
 * the next, for 36 months after that decision (docs/RULES.md §3, "hộ mới thoát nghèo") — unless
 * the project's rule (its allowed groups, stored as data) says otherwise.
 */
import { addMonths, viDate } from './dates';

export type HouseholdClass = 'poor' | 'near_poor' | 'average' | 'above';
export type BeneficiaryGroup = 'poor' | 'near_poor' | 'recently_escaped' | 'other';

/** How long a household counts as recently escaped after the decision that took it out of poverty. */
export const RECENTLY_ESCAPED_MONTHS = 36;

export const GROUP_ORDER: readonly BeneficiaryGroup[] = ['poor', 'near_poor', 'recently_escaped', 'other'];

export const GROUP_LABEL: Record<BeneficiaryGroup, string> = {
  poor: 'hộ nghèo',
  near_poor: 'hộ cận nghèo',
  recently_escaped: 'hộ mới thoát nghèo',
  other: 'đối tượng khác',
};

const CLASS_LABEL: Record<HouseholdClass, string> = {
  poor: 'hộ nghèo',
  near_poor: 'hộ cận nghèo',
  average: 'hộ có mức sống trung bình',
  above: 'hộ không nghèo',
};

export interface EligibilityInput {
  /** Date of the support, YYYY-MM-DD; its year is the list year. */
  supportDate: string;
  /** The household's decided class on the year's list as amended up to the date; null: on no list. */
  listClass: HouseholdClass | null;
  /** Where listClass comes from: the periodic (or baseline) review of Y−1, or a regular review of Y. */
  listSource: { kind: 'periodic' | 'regular'; year: number; month?: number | null; decisionDate: string } | null;
  /** The latest decision (on or before the support date) that took the household out of poverty. */
  escapedOn: string | null;
  /** The household left the register (moved away, merged, dissolved) on this date; null: still there. */
  leftOn: string | null;
  /** The project's rule: the groups it may support. Empty: no household beneficiaries at all. */
  allowedGroups: readonly BeneficiaryGroup[];
  /** 'Dự án 5', 'Tiểu dự án 1 (Dự án 4)' … for the reason text. */
  projectLabel: string;
}

export interface EligibilityOutcome {
  eligible: boolean;
  /** The group the household is supported as (null when refused). */
  group: BeneficiaryGroup | null;
  /** Every group the household belongs to on that date, most specific first. */
  memberships: BeneficiaryGroup[];
  recentlyEscaped: boolean;
  /** Vietnamese, for the officer: why it qualifies or why not. */
  reason: string;
}

/** True when `date` falls within the 36 months that follow the decision of `escapedOn`. */
export function isRecentlyEscaped(escapedOn: string | null, date: string): boolean {
  if (!escapedOn || escapedOn > date) return false;
  return date < addMonths(escapedOn, RECENTLY_ESCAPED_MONTHS);
}

/** The groups of a household on a date: its class on the list, then recently escaped; 'other' if none. */
export function membershipsOf(listClass: HouseholdClass | null, recentlyEscaped: boolean): BeneficiaryGroup[] {
  const out: BeneficiaryGroup[] = [];
  if (listClass === 'poor') out.push('poor');
  if (listClass === 'near_poor') out.push('near_poor');
  if (recentlyEscaped && listClass !== 'poor') out.push('recently_escaped');
  if (!out.length) out.push('other');
  return out;
}

function describeList(input: EligibilityInput, year: number): string {
  const src = input.listSource;
  if (!src || !input.listClass) {
    return `không có tên trong danh sách hộ nghèo, hộ cận nghèo năm ${year} (chưa có kết quả rà soát định kỳ năm ${year - 1} đã được quyết định)`;
  }
  const where = src.kind === 'regular'
    ? `theo kết quả rà soát thường xuyên tháng ${src.month ?? '?'}/${src.year} (quyết định ngày ${viDate(src.decisionDate)})`
    : `theo danh sách năm ${year} (rà soát định kỳ năm ${src.year}, quyết định ngày ${viDate(src.decisionDate)})`;
  return `là ${CLASS_LABEL[input.listClass]} ${where}`;
}

export function decideEligibility(input: EligibilityInput): EligibilityOutcome {
  const year = Number(input.supportDate.slice(0, 4));
  const recentlyEscaped = isRecentlyEscaped(input.escapedOn, input.supportDate);
  const memberships = membershipsOf(input.listClass, recentlyEscaped);
  const refuse = (reason: string): EligibilityOutcome => ({ eligible: false, group: null, memberships, recentlyEscaped, reason });

  if (!input.allowedGroups.length) {
    return refuse(`${input.projectLabel} không hỗ trợ trực tiếp cho hộ gia đình (không có hộ hưởng lợi).`);
  }
  if (input.leftOn && input.leftOn <= input.supportDate) {
    return refuse(`Hộ đã ra khỏi danh sách quản lý từ ngày ${viDate(input.leftOn)}, trước ngày hỗ trợ ${viDate(input.supportDate)}.`);
  }

  const status = describeList(input, year);
  const escapedNote = input.escapedOn
    ? recentlyEscaped
      ? `; hộ mới thoát nghèo theo quyết định ngày ${viDate(input.escapedOn)} (trong ${RECENTLY_ESCAPED_MONTHS} tháng)`
      : `; hộ thoát nghèo theo quyết định ngày ${viDate(input.escapedOn)}, đã quá ${RECENTLY_ESCAPED_MONTHS} tháng`
    : '';
  const allowed = new Set(input.allowedGroups);
  // The most specific group the project accepts; a project open to 'other' accepts everyone
  // and books the household under its real status.
  const group = memberships.find((g) => allowed.has(g)) ?? (allowed.has('other') ? memberships[0] : null);
  if (!group) {
    const accepted = GROUP_ORDER.filter((g) => allowed.has(g)).map((g) => GROUP_LABEL[g]).join(', ');
    return refuse(`Hộ không thuộc đối tượng của ${input.projectLabel}: ngày ${viDate(input.supportDate)} hộ ${status}${escapedNote}. ` +
      `${input.projectLabel} chỉ hỗ trợ: ${accepted}.`);
  }
  return {
    eligible: true,
    group,
    memberships,
    recentlyEscaped,
    reason: `Đủ điều kiện (${GROUP_LABEL[group]}): ngày ${viDate(input.supportDate)} hộ ${status}${escapedNote}.`,
  };
}
