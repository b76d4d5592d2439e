/**
 * The register's closed vocabularies (the CHECK constraints of migrations/1700000001000-Households.ts)
 * with the Vietnamese labels officers read and write in the Excel template, plus the spellings
 * they commonly use instead. Pure data, no framework imports.
 */

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export const HOUSEHOLD_STATUSES = ['active', 'moved_away', 'merged', 'split', 'dissolved'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
/** What an active household can become (a change of status ends it in the register). */
export const END_STATUSES = ['moved_away', 'merged', 'split', 'dissolved'] as const;
export type EndStatus = (typeof END_STATUSES)[number];

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'parent_in_law', 'child_in_law', 'grandchild', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export const EDUCATION_LEVELS = ['none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'higher'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const DISABILITIES = ['none', 'mild', 'severe'] as const;
export type Disability = (typeof DISABILITIES)[number];

export const EMPLOYMENTS = ['none', 'farming', 'wage_contract', 'wage_no_contract', 'self_employed', 'public_sector', 'student', 'retired', 'unemployed'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

/** Label first (what the template shows), then accepted alternatives. */
type Labels<T extends string> = ReadonlyArray<readonly [string, T]>;

export const SEX_LABELS: Labels<Sex> = [
  ['Nam', 'male'], ['Nữ', 'female'], ['M', 'male'], ['F', 'female'], ['male', 'male'], ['female', 'female'],
];

export const STATUS_LABELS: Record<HouseholdStatus, string> = {
  active: 'Đang cư trú',
  moved_away: 'Chuyển đi',
  merged: 'Nhập hộ',
  split: 'Tách hộ',
  dissolved: 'Hộ không còn (chết, giải thể)',
};

export const RELATION_LABELS: Labels<Relation> = [
  ['Chủ hộ', 'head'], ['Vợ/Chồng', 'spouse'], ['Con', 'child'], ['Bố/Mẹ', 'parent'], ['Bố/Mẹ vợ (chồng)', 'parent_in_law'],
  ['Con dâu/Con rể', 'child_in_law'], ['Cháu', 'grandchild'], ['Anh/Chị/Em', 'sibling'], ['Khác', 'other'],
  // common spellings in officers' lists
  ['Chủ', 'head'], ['CH', 'head'], ['Vợ', 'spouse'], ['Chồng', 'spouse'], ['Vợ chồng', 'spouse'],
  ['Con đẻ', 'child'], ['Con trai', 'child'], ['Con gái', 'child'], ['Con nuôi', 'child'],
  ['Bố', 'parent'], ['Mẹ', 'parent'], ['Cha', 'parent'], ['Bố mẹ', 'parent'], ['Bố đẻ', 'parent'], ['Mẹ đẻ', 'parent'],
  ['Bố vợ', 'parent_in_law'], ['Mẹ vợ', 'parent_in_law'], ['Bố chồng', 'parent_in_law'], ['Mẹ chồng', 'parent_in_law'],
  ['Bố/Mẹ vợ', 'parent_in_law'], ['Bố/Mẹ chồng', 'parent_in_law'],
  ['Con dâu', 'child_in_law'], ['Con rể', 'child_in_law'], ['Dâu', 'child_in_law'], ['Rể', 'child_in_law'],
  ['Cháu nội', 'grandchild'], ['Cháu ngoại', 'grandchild'],
  ['Anh', 'sibling'], ['Chị', 'sibling'], ['Em', 'sibling'], ['Anh chị em', 'sibling'], ['Anh/chị/em ruột', 'sibling'],
  ['Người thân khác', 'other'], ['Ông', 'other'], ['Bà', 'other'],
];

export const EDUCATION_LABELS: Labels<EducationLevel> = [
  ['Chưa đi học', 'none'], ['Tiểu học', 'primary'], ['THCS', 'lower_secondary'], ['THPT', 'upper_secondary'],
  ['Trung cấp, sơ cấp nghề', 'vocational'], ['Cao đẳng, đại học trở lên', 'higher'],
  ['Không', 'none'], ['Mù chữ', 'none'], ['Cấp 1', 'primary'], ['Cấp 2', 'lower_secondary'], ['Trung học cơ sở', 'lower_secondary'],
  ['Cấp 3', 'upper_secondary'], ['Trung học phổ thông', 'upper_secondary'], ['Sơ cấp', 'vocational'], ['Trung cấp', 'vocational'],
  ['Học nghề', 'vocational'], ['Cao đẳng', 'higher'], ['Đại học', 'higher'], ['Sau đại học', 'higher'],
];

export const DISABILITY_LABELS: Labels<Disability> = [
  ['Không', 'none'], ['Nhẹ', 'mild'], ['Nặng', 'severe'],
  ['Khuyết tật nhẹ', 'mild'], ['Khuyết tật nặng', 'severe'], ['Đặc biệt nặng', 'severe'], ['Khuyết tật đặc biệt nặng', 'severe'],
  ['Có', 'mild'],
];

export const EMPLOYMENT_LABELS: Labels<Employment> = [
  ['Không có việc làm', 'none'], ['Nông, lâm, ngư nghiệp', 'farming'], ['Làm công có hợp đồng', 'wage_contract'],
  ['Làm công không hợp đồng', 'wage_no_contract'], ['Tự làm, kinh doanh', 'self_employed'], ['Cán bộ, công chức, viên chức', 'public_sector'],
  ['Học sinh, sinh viên', 'student'], ['Nghỉ hưu', 'retired'], ['Thất nghiệp', 'unemployed'],
  ['Không', 'none'], ['Làm ruộng', 'farming'], ['Nông nghiệp', 'farming'], ['Làm nông', 'farming'], ['Trồng trọt', 'farming'],
  ['Làm thuê', 'wage_no_contract'], ['Làm thuê không hợp đồng', 'wage_no_contract'], ['Công nhân', 'wage_contract'],
  ['Có hợp đồng lao động', 'wage_contract'], ['Tự làm', 'self_employed'], ['Buôn bán', 'self_employed'], ['Kinh doanh', 'self_employed'],
  ['Công chức', 'public_sector'], ['Viên chức', 'public_sector'], ['Học sinh', 'student'], ['Sinh viên', 'student'],
  ['Hưu trí', 'retired'], ['Không có việc', 'unemployed'],
];

/** The first label of a value (what the template and exports show). */
export function labelOf<T extends string>(labels: Labels<T>, value: T | null | undefined): string {
  if (value == null) return '';
  return labels.find(([, v]) => v === value)?.[0] ?? value;
}

/** The distinct first labels, in order: the choices a template offers. */
export function mainLabels<T extends string>(labels: Labels<T>): string[] {
  const seen = new Set<T>();
  const out: string[] = [];
  for (const [label, value] of labels) {
    if (!seen.has(value)) {
      seen.add(value);
      out.push(label);
    }
  }
  return out;
}
