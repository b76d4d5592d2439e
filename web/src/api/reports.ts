/**
 * Reports (src/reports/reports.controller.ts): the summary (tables 1–3, rates, plan), the
 * breakdowns (tables 4–13), Alkire–Foster and trends, for any unit and year in the caller's area.
 * Response types follow src/reports/reports.service.ts and its pure domain (src/reports/domain/).
 */
import type { ClassFigures } from '@domain/reports/domain/summary';
import type { PlanUnit } from '@domain/reports/domain/rates';
import { NEAR_POOR_MOVES, POOR_MOVES } from '@domain/aggregates/domain/metrics';
import { get } from './client';
import type { UnitLevel } from './units';

export type { ClassFigures, PlanUnit };
export type ReportStatus = 'complete' | 'incomplete' | 'missing';

export interface ReportUnit {
  code: string;
  name: string;
  level: UnitLevel;
}

export interface Coverage {
  communes: number;
  decided: number;
  missing: { code: string; name: string }[];
}

interface RowBase {
  unit: ReportUnit;
  status: ReportStatus;
  coverage: Coverage;
}

export interface SummaryRow extends RowBase {
  year: number;
  standard: string | null;
  households: { start: number | null; end: number | null };
  persons: { start: number | null; end: number | null };
  poor: ClassFigures;
  nearPoor: ClassFigures;
  poorPersons: ClassFigures;
  nearPoorPersons: ClassFigures;
  multidimensionalRateEnd: number | null;
  multidimensionalPersonsRateEnd: number | null;
  farmAverage: { households: number | null; persons: number | null; rate: number | null; personsRate: number | null };
  plan: { target: number; unit: PlanUnit; achievedPercent: number | null } | null;
  warnings: { code: string; message: string }[];
}

export interface SummaryReport extends SummaryRow {
  labels: Record<'poorRate' | 'nearPoorRate' | 'multidimensionalRate' | 'reductionPoints' | 'achievedPercent', string>;
  /** The report in one Vietnamese sentence. */
  text: string;
  children: SummaryRow[];
}

export interface UnitYear {
  unit: string;
  year: number;
}

export const getSummary = (q: UnitYear, signal?: AbortSignal) => get<SummaryReport>('/reports/summary', { ...q }, signal);

// ------------------------------------------------------------------ breakdowns (tables 4–13)

type PerClass<T> = { poor: T | null; nearPoor: T | null };

export interface DeprivationClass {
  households: number;
  totalDeprivations: number;
  indicators: { number: number; key: string; name: string; households: number; share: number | null }[];
}
export interface TargetGroupCounts { total: number; ethnicMinority: number; noLabourCapacity: number; meritorious: number; other: number; femaleHead: number }
export interface TargetGroupClass { households: TargetGroupCounts; persons: TargetGroupCounts }
export interface EthnicClass {
  households: { total: number; kinh: number; ethnicMinority: number };
  persons: { total: number; kinh: number; ethnicMinority: number };
  groups: { code: string; name: string; households: number; persons: number; share: number | null }[];
}
export interface CauseClass { households: number; causes: { code: number; name: string; households: number; share: number | null }[] }
export interface ChildShare { children: number; share: number | null }
export interface ChildrenClass {
  children: number;
  health: { noHealthInsurance: ChildShare; malnourished: ChildShare };
  education: { outOfSchool: ChildShare };
}
export interface MultidimensionalClass {
  households: { total: number; kinh: number; ethnicMinority: number };
  persons: { total: number; kinh: number; ethnicMinority: number };
  meritorious: number;
  noLabourCapacity: number;
  femaleHead: number;
  rate: number | null;
  ethnicMinorityRate: number | null;
}
export interface MultidimensionalTotals {
  households: { total: number; registered: number; kinh: number; ethnicMinority: number } | null;
  persons: { total: number; registered: number; kinh: number; ethnicMinority: number } | null;
}

export interface BreakdownRows {
  deprivations: PerClass<DeprivationClass>;
  'target-groups': PerClass<TargetGroupClass>;
  'ethnic-groups': PerClass<EthnicClass>;
  causes: PerClass<CauseClass>;
  children: PerClass<ChildrenClass>;
  multidimensional: PerClass<MultidimensionalClass> & MultidimensionalTotals;
}
export type BreakdownTable = keyof BreakdownRows;
export type BreakdownRow<T extends BreakdownTable> = RowBase & BreakdownRows[T];
export type Breakdown<T extends BreakdownTable> = BreakdownRow<T> & {
  tables: number[];
  title: string;
  table: T;
  year: number;
  standard: string | null;
  children: BreakdownRow<T>[];
};

export const getBreakdown = <T extends BreakdownTable>(table: T, q: UnitYear, signal?: AbortSignal) =>
  get<Breakdown<T>>(`/reports/${table}`, { ...q }, signal);

// ------------------------------------------------------------------ Alkire–Foster

export interface AlkireFosterRow extends RowBase {
  reviewedHouseholds: number | null;
  poorHouseholds: number | null;
  H: number | null;
  A: number | null;
  M0: number | null;
  contributions: { indicator: string; name: string; censoredHeadcount: number; censoredHeadcountRatio: number | null; contributionPercent: number | null }[] | null;
}
export interface AlkireFoster extends AlkireFosterRow {
  year: number;
  standard: string | null;
  method: {
    description: string;
    k: number;
    population: string;
    weights: { indicator: string; name: string; dimension: string; dimensionName: string; weight: number }[];
  };
  children: AlkireFosterRow[];
}

export const getAlkireFoster = (q: UnitYear, signal?: AbortSignal) => get<AlkireFoster>('/reports/alkire-foster', { ...q }, signal);

// ------------------------------------------------------------------ trends

export interface TrendClass { households: number | null; persons: number | null; rate: number | null; personsRate: number | null }
export interface TrendYear {
  year: number;
  standard: string | null;
  status: ReportStatus;
  coverage: Omit<Coverage, 'missing'> & { missing: number | { code: string; name: string }[] };
  households: number | null;
  persons: number | null;
  poor: TrendClass;
  nearPoor: TrendClass;
  multidimensionalRate: number | null;
  poorReductionPoints: number | null;
}
export interface Trends {
  unit: ReportUnit;
  referenceDate: string;
  note: string;
  labels: SummaryReport['labels'];
  years: TrendYear[];
}

export const getTrends = (q: { unit: string; from: number; to: number }, signal?: AbortSignal) => get<Trends>('/reports/trends', { ...q }, signal);

// ------------------------------------------------------------------ labels

export const STATUS_LABEL: Record<ReportStatus, string> = {
  complete: 'Đủ số liệu',
  incomplete: 'Chưa đủ xã',
  missing: 'Chưa có quyết định',
};
export const STATUS_COLOR: Record<ReportStatus, string> = { complete: 'green', incomplete: 'orange', missing: 'default' };

export const PLAN_UNIT_LABEL: Record<PlanUnit, string> = { points: 'điểm %', households: 'hộ' };

/** The movement columns of tables 2 and 3, in the order of the official layouts (src/exports/workbooks/summary-tables.ts). */
export const POOR_MOVE_LABEL: Record<(typeof POOR_MOVES)[number], string> = {
  toNearPoor: 'Thoát nghèo, trở thành hộ cận nghèo',
  aboveNearPoor: 'Thoát nghèo, vượt chuẩn cận nghèo',
  otherOut: 'Giảm khác (chết, chuyển đi, tách…)',
  fromNearPoor: 'Hộ cận nghèo trở thành hộ nghèo',
  fellBack: 'Tái nghèo',
  newlyPoor: 'Phát sinh mới',
  otherIn: 'Tăng khác (chuyển đến, tách…)',
};
export const NEAR_POOR_MOVE_LABEL: Record<(typeof NEAR_POOR_MOVES)[number], string> = {
  aboveNearPoor: 'Thoát cận nghèo',
  toPoor: 'Hộ cận nghèo trở thành hộ nghèo',
  otherOut: 'Giảm khác (chết, chuyển đi, tách…)',
  fromPoor: 'Hộ nghèo trở thành hộ cận nghèo',
  fellBack: 'Tái cận nghèo',
  newlyNearPoor: 'Phát sinh mới',
  otherIn: 'Tăng khác (chuyển đến, tách…)',
};
/** Which moves lower the count (the others raise it). */
export const MOVE_OUT = new Set(['toNearPoor', 'aboveNearPoor', 'otherOut', 'toPoor']);
export { NEAR_POOR_MOVES, POOR_MOVES };
