/**
 * Vietnamese labels and select options of the register's vocabularies: the service's own
 * tables (src/households/domain/vocabulary.ts, the classification names of classify.ts).
 */
import { CLASS_VI } from '@domain/standards/domain/classify';
import {
  DISABILITIES, DISABILITY_LABELS, EDUCATION_LABELS, EDUCATION_LEVELS, EMPLOYMENT_LABELS, EMPLOYMENTS, labelOf, RELATION_LABELS, RELATIONS,
  SEX_LABELS, STATUS_LABELS, type HouseholdStatus,
} from '@domain/households/domain/vocabulary';

type Labels<T extends string> = ReadonlyArray<readonly [string, T]>;
const options = <T extends string>(values: readonly T[], labels: Labels<T>) => values.map((v) => ({ value: v, label: labelOf(labels, v) }));

export const sexLabel = (v: string | null | undefined) => labelOf(SEX_LABELS, v as 'male');
export const relationLabel = (v: string | null | undefined) => labelOf(RELATION_LABELS, v as 'head');
export const educationLabel = (v: string | null | undefined) => labelOf(EDUCATION_LABELS, v as 'none');
export const disabilityLabel = (v: string | null | undefined) => labelOf(DISABILITY_LABELS, v as 'none');
export const employmentLabel = (v: string | null | undefined) => labelOf(EMPLOYMENT_LABELS, v as 'none');
export const statusLabel = (v: string) => STATUS_LABELS[v as HouseholdStatus] ?? v;

export const SEX_OPTIONS = [{ value: 'male', label: 'Nam' }, { value: 'female', label: 'Nữ' }];
export const RELATION_OPTIONS = options(RELATIONS.filter((r) => r !== 'head'), RELATION_LABELS);
export const EDUCATION_OPTIONS = options(EDUCATION_LEVELS, EDUCATION_LABELS);
export const DISABILITY_OPTIONS = options(DISABILITIES, DISABILITY_LABELS);
export const EMPLOYMENT_OPTIONS = options(EMPLOYMENTS, EMPLOYMENT_LABELS);
export const STATUS_OPTIONS = Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }));

/** The decided class of a year ("none": no decided result that year). */
export const CLASS_LABEL: Record<string, string> = {
  poor: 'Hộ nghèo',
  near_poor: 'Hộ cận nghèo',
  average: 'Hộ có mức sống trung bình',
  above: 'Không nghèo, không cận nghèo',
  none: 'Chưa có kết quả',
};
export const CLASS_COLOR: Record<string, string> = { poor: 'red', near_poor: 'orange', average: 'blue', above: 'green', none: 'default' };
export const CLASS_OPTIONS = Object.entries(CLASS_LABEL).map(([value, label]) => ({ value, label }));
/** The classification as the rules word it (lower case, for sentences). */
export const classPhrase = (c: string) => CLASS_VI[c as keyof typeof CLASS_VI] ?? CLASS_LABEL[c] ?? c;
