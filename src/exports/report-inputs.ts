/**
 * What the Excel builders take. Plain data, no framework: the reports module (summary,
 * breakdowns) and the program module (progress) produce these, and the workbook builders in
 * ./workbooks turn them into the official layouts (docs/LAW.md §3.7, report-layouts/).
 *
 * The summary shape mirrors docs/API.md "Summary report" field by field, so the adapter from the JSON
 * report is an identity map; the only additions are optional (marked EXTENSION) and `children`
 * may nest (a province's districts carry their communes).
 */

export type UnitLevel = 'province' | 'district' | 'commune' | 'village';

export interface ReportUnit {
  code: string;
  /** With its kind, as officers write it: "Huyện Chiêm Hóa", "Xã Phúc Sơn". */
  name: string;
  level: UnitLevel;
}

export interface HouseholdsPersons {
  households: number;
  persons: number;
}

// ---------------------------------------------------------------- summary (tables 1, 2, 3)

/** docs/API.md: poor movement. Reconciles: end = start − toNearPoor − aboveNearPoor − otherOut + fromNearPoor + fellBack + newlyPoor + otherIn. */
export interface PoorMovement {
  toNearPoor: number;
  aboveNearPoor: number;
  otherOut: number;
  fromNearPoor: number;
  fellBack: number;
  newlyPoor: number;
  otherIn: number;
}

/** docs/API.md: near-poor movement. end = start − toPoor − aboveNearPoor − otherOut + fromPoor + fellBack + newlyNearPoor + otherIn. */
export interface NearPoorMovement {
  toPoor: number;
  aboveNearPoor: number;
  otherOut: number;
  fromPoor: number;
  fellBack: number;
  newlyNearPoor: number;
  otherIn: number;
}

/** EXTENSION: the same movement counted in persons (the "Nhân khẩu" rows of tables 2 and 3). */
export interface PersonsMovement<M> {
  start: number | null;
  end: number;
  movement: M | null;
}

export interface PoorFigures {
  /** null in a baseline year (the first round under its standard). */
  start: number | null;
  end: number;
  reduction: number | null;
  rateStart: number | null;
  rateEnd: number;
  reductionPoints: number | null;
  movement: PoorMovement | null;
  /** EXTENSION: persons of poor households (table 1 col. 9, table 2 "Nhân khẩu" rows). */
  persons?: PersonsMovement<PoorMovement>;
}

export interface NearPoorFigures {
  start: number | null;
  end: number;
  reduction: number | null;
  rateStart: number | null;
  rateEnd: number;
  reductionPoints: number | null;
  movement: NearPoorMovement | null;
  /** EXTENSION: persons of near-poor households (table 1 col. 11, table 3 "Nhân khẩu" rows). */
  persons?: PersonsMovement<NearPoorMovement>;
}

export interface PlanFigures {
  target: number;
  unit: 'points' | 'households';
  achievedPercent: number | null;
}

/** One unit of the summary report: docs/API.md's object. */
export interface SummaryNode {
  unit: ReportUnit;
  /** EXTENSION: true for a unit whose round of the year is not decided yet (shown as missing, not zero). */
  missing?: boolean;
  households: { start: number | null; end: number };
  persons: { start: number | null; end: number };
  poor: PoorFigures;
  nearPoor: NearPoorFigures;
  multidimensionalRateEnd: number;
  plan: PlanFigures | null;
  /**
   * EXTENSION (table 1 cols. 7 and 13): farm, forestry, fishery and salt-making households with an
   * average living standard: the count of the recognised flag (docs/RULES.md §2), not the income band.
   */
  farmAverage?: HouseholdsPersons;
  /** The units below that year. A province's districts carry their communes (rows 1.1, 1.2…). */
  children?: SummaryNode[];
}

export interface SummaryReport extends SummaryNode {
  year: number;
  standard: string;
}

// ---------------------------------------------------------------- breakdowns (tables 4–13)

export interface IndicatorRef {
  /** Machine key of the standard (`employment`, `healthInsurance`…). */
  key: string;
  /** Vietnamese name as in the standard (`Bảo hiểm y tế`). */
  name: string;
}

/** Tables 4–7: deprivations among the households of one class. */
export interface DeprivationCounts {
  /** Households of the class (the denominator of tables 5 and 7). */
  households: number;
  /** Households deprived in each indicator, keyed by indicator key; a missing key counts 0. */
  byIndicator: Record<string, number>;
}

/** Table 8: households and persons per target group. Groups overlap; `other` belongs to none of the three. */
export interface TargetGroups {
  total: HouseholdsPersons;
  /** Hộ DTTS: the head is of an ethnic minority. */
  ethnicMinority: HouseholdsPersons;
  /** Hộ không có khả năng lao động. */
  noLabour: HouseholdsPersons;
  /** Hộ có người có công với cách mạng. */
  meritorious: HouseholdsPersons;
  /** None of the three above. */
  other: HouseholdsPersons;
  /** Trong đó: chủ hộ là nữ. */
  femaleHead: HouseholdsPersons;
}

/** Table 11: children (under 16) of the households of one class and their deprivations. */
export interface ChildDeprivations {
  children: number;
  noHealthInsurance: number;
  malnourished: number;
  outOfSchool: number;
}

/** Kinh / ethnic minority split used by tables 12 and 13; `localMinority` (DT tại chỗ) is a provincial extension. */
export interface EthnicSplit {
  total: number;
  kinh: number | null;
  minority: number | null;
  localMinority?: number | null;
}

/** Tables 12 (poor) and 13 (near-poor). */
export interface MultidimensionalClass {
  households: EthnicSplit;
  persons: EthnicSplit;
  meritorious: number;
  noLabour: number;
  femaleHead: number;
}

export interface BreakdownNode {
  unit: ReportUnit;
  missing?: boolean;
  deprivations: { poor: DeprivationCounts; nearPoor: DeprivationCounts };
  targetGroups: { poor: TargetGroups; nearPoor: TargetGroups };
  /** Table 9: households and persons by the head's ethnic group code (`01` Kinh…); absent codes count 0. */
  ethnicity: { poor: Record<string, HouseholdsPersons>; nearPoor: Record<string, HouseholdsPersons> };
  /** Table 10: households per cause of poverty code (1–8); a household may have several causes. */
  causes: { poor: Record<string, number>; nearPoor: Record<string, number> };
  /** Table 11. */
  childDeprivations: { poor: ChildDeprivations; nearPoor: ChildDeprivations };
  /** Tables 12/13: all resident households and persons, and each class. */
  multidimensional: {
    households: EthnicSplit;
    persons: EthnicSplit;
    poor: MultidimensionalClass;
    nearPoor: MultidimensionalClass;
  };
  children?: BreakdownNode[];
}

export interface BreakdownReport extends BreakdownNode {
  year: number;
  standard: string;
  /** The standard's indicators, in its order (tables 4–7 columns). */
  indicators: IndicatorRef[];
  /** The causes of poverty (table 10 columns), from `poverty_cause`. */
  causeList: { code: number; name: string }[];
  /** Ethnic groups that get a column in table 9, in order (Kinh first), `ethnic_group`. */
  ethnicGroups: { code: string; name: string; minority: boolean }[];
}

// ---------------------------------------------------------------- program progress

export interface FundSplit {
  /** By source: ngân sách trung ương, địa phương, khác. total = central + local + other. */
  central: number;
  local: number;
  other: number;
  /** By type: vốn đầu tư phát triển, kinh phí sự nghiệp. investment + recurrent = total. */
  investment: number;
  recurrent: number;
}

export interface ProgramProgressFigures {
  allocated: FundSplit;
  disbursed: FundSplit;
  /** Trainings, conferences, communication events… held, and participants (lượt người). */
  activities: { count: number; participants: number };
  /** Households supported, by group on the year's list (a household counts once per row). */
  beneficiaries: { poor: number; nearPoor: number; recentlyEscaped: number; other: number };
  /** Supported households that escaped poverty (or near-poverty) at the next review; null while it is not decided. */
  escapedNextReview: number | null;
}

export interface ProgramProgressRow extends ProgramProgressFigures {
  /** Project or sub-project code. */
  code: string;
  /** Its numbering as printed: "1", "1.1", "Tiểu dự án 1"… */
  number: string;
  name: string;
  /** The project is marked not applicable for the unit. */
  notApplicable?: boolean;
  children?: ProgramProgressRow[];
}

export interface ProgramProgressReport {
  unit: ReportUnit;
  year: number;
  program: { code: string; name: string };
  projects: ProgramProgressRow[];
  /**
   * The whole program: funds must equal the sum of the top-level projects; households are
   * counted once however many projects supported them, so they are not a column sum.
   */
  total: ProgramProgressFigures;
}
