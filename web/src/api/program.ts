/**
 * The National Target Program (src/program/*.controller.ts): programs and their projects, funds
 * (dated entries, totals and disbursement rates), activities, supported households with the
 * eligibility check, and the progress per project. Types follow the repositories and services there.
 */
import type { FundFigures, FundKind, FundSource, FundType } from '@domain/program/domain/funds';
import { SOURCE_LABEL, TYPE_LABEL } from '@domain/program/domain/funds';
import type { BeneficiaryGroup, EligibilityOutcome, HouseholdClass } from '@domain/program/domain/eligibility';
import { GROUP_LABEL } from '@domain/program/domain/eligibility';
import { get, patch, post, request, type Page } from './client';
import type { ReportUnit, UnitYear } from './reports';

export type { BeneficiaryGroup, FundFigures, FundKind, FundSource, FundType, HouseholdClass };

export type ProjectKind = 'component' | 'project' | 'sub_project';

export interface ProjectNode {
  code: string;
  kind: ProjectKind;
  number: number;
  /** 'Dự án 7', 'Tiểu dự án 1' */
  label: string;
  name: string;
  beneficiaryGroups: BeneficiaryGroup[] | null;
  effectiveBeneficiaryGroups: BeneficiaryGroup[];
  note: string | null;
  version: number;
  subProjects: ProjectNode[];
}

export interface Program {
  code: string;
  name: string;
  shortName: string | null;
  investmentBasis: string | null;
  decision: string | null;
  decisionDate: string | null;
  yearFrom: number;
  yearTo: number;
  phases: { name: string; yearFrom: number; yearTo: number; decision?: string; decisionDate?: string }[];
  note: string | null;
  version: number;
  targets: { code: string; description: string; valueMin: number | null; valueMax: number | null; unit: string; note: string | null }[];
  projects: ProjectNode[];
}

export const listPrograms = (q: { year?: number } = {}) => get<Page<Program>>('/programs', { ...q, pageSize: 100 });

/** Every project and sub-project of the programs, flattened in tree order (for selects). */
export function flattenProjects(programs: Program[]): (ProjectNode & { fullLabel: string; programCode: string })[] {
  const out: (ProjectNode & { fullLabel: string; programCode: string })[] = [];
  const walk = (nodes: ProjectNode[], programCode: string, parent?: ProjectNode) => {
    for (const n of nodes) {
      out.push({ ...n, programCode, fullLabel: parent && n.kind === 'sub_project' ? `${n.label} (${parent.label})` : n.label });
      walk(n.subProjects, programCode, n);
    }
  };
  for (const p of programs) walk(p.projects, p.code);
  return out;
}

// ------------------------------------------------------------------ progress (per project)

export interface Participants { total: number; women?: number; ethnicMinority?: number; officials?: number; residents?: number }

export interface ProgressFigures {
  funds: FundFigures;
  activities: { count: number; trainings: number; conferences: number; communication: number; models: number; participants: Required<Participants> };
  households: { total: number; poor: number; nearPoor: number; recentlyEscaped: number; other: number; supports: number; amount: number };
  outcome: {
    supportedPoor: number; escapedPoverty: number; stillPoor: number; escapedPovertyRate: number | null;
    supportedNearPoor: number; escapedNearPoverty: number; becamePoor: number; notReviewed: number;
  };
}
export interface ProgressNode extends ProgressFigures {
  code: string;
  kind: ProjectKind;
  number: number;
  label: string;
  name: string;
  applicable: boolean;
  notApplicableReason: string | null;
  subProjects: ProgressNode[];
}
export interface Progress {
  unit: ReportUnit;
  year: number;
  reviewCoverage: { communes: number; decided: number };
  programs: { code: string; name: string; decision: string | null; total: ProgressFigures; projects: ProgressNode[] }[];
}

export const getProgress = (q: UnitYear) => get<Progress>('/program/progress', { ...q });

// ------------------------------------------------------------------ funds

export interface FundsNode { code: string; label: string; name: string; funds: FundFigures; subProjects: FundsNode[] }
export interface FundTotals {
  unit: ReportUnit;
  year: number;
  programs: { code: string; name: string; total: FundFigures; projects: FundsNode[] }[];
}
export const getFundTotals = (q: UnitYear) => get<FundTotals>('/program-funds/totals', { ...q });

export interface FundEntry {
  id: number;
  unitCode: string;
  year: number;
  projectCode: string;
  source: FundSource;
  fundType: FundType;
  kind: FundKind;
  amount: number;
  entryDate: string;
  documentRef: string | null;
  note: string | null;
  correctsId: number | null;
  correctionReason: string | null;
  correctedById: number | null;
  effective: boolean;
  overspend: boolean;
  overspendReason: string | null;
  createdBy: string | null;
  createdAt: string;
}
export interface FundEntryQuery { unit?: string; year?: number; project?: string; source?: FundSource; fundType?: FundType; kind?: FundKind; includeCorrected?: boolean; page?: number; pageSize?: number }
export const listFundEntries = (q: FundEntryQuery) => get<Page<FundEntry>>('/program-funds', { ...q });

export interface FundEntryInput {
  unitCode: string;
  year: number;
  projectCode: string;
  source: FundSource;
  fundType: FundType;
  kind: FundKind;
  amount: number;
  entryDate: string;
  documentRef?: string;
  note?: string;
  overspend?: boolean;
  overspendReason?: string;
}
export const createFundEntry = (body: FundEntryInput) => post<{ entry: FundEntry }>('/program-funds', body);

// ------------------------------------------------------------------ activities

export type ActivityKind = 'training' | 'conference' | 'communication' | 'model';
export interface Activity {
  id: number;
  unitCode: string;
  unitName: string | null;
  programCode: string;
  projectCode: string;
  kind: ActivityKind;
  title: string;
  date: string;
  endDate: string | null;
  year: number;
  place: string | null;
  targetGroup: string | null;
  topics: string[];
  organisers: string[];
  participants: Participants;
  note: string | null;
  version: number;
}
export interface ActivityInput {
  unitCode: string;
  projectCode: string;
  kind: ActivityKind;
  title: string;
  date: string;
  endDate?: string;
  place?: string;
  targetGroup?: string;
  participants: Participants;
  note?: string;
}
export const listActivities = (q: { unit?: string; year?: number; project?: string; kind?: ActivityKind; page?: number; pageSize?: number }) =>
  get<Page<Activity>>('/program-activities', { ...q });
export const createActivity = (body: ActivityInput) => post<Activity>('/program-activities', body);
export const updateActivity = (id: number, body: Partial<ActivityInput> & { version: number }) => patch<Activity>(`/program-activities/${id}`, body);
export const deleteActivity = (id: number, version: number) => request<void>('DELETE', `/program-activities/${id}`, { query: { version } });

// ------------------------------------------------------------------ supported households

export type SupportType = 'livelihood_model' | 'production_support' | 'housing' | 'vocational_training' | 'job_placement' | 'health_insurance' | 'communication';
export interface Beneficiary {
  id: number;
  householdId: number;
  householdCode: string;
  headName: string;
  unitCode: string;
  programCode: string;
  projectCode: string;
  supportType: SupportType;
  amount: number;
  date: string;
  year: number;
  group: BeneficiaryGroup;
  listClass: HouseholdClass | null;
  eligibilityReason: string;
  note: string | null;
  version: number;
}
export interface BeneficiaryInput {
  householdId: number;
  projectCode: string;
  supportType: SupportType;
  amount: number;
  date: string;
  note?: string;
}
export const listBeneficiaries = (q: { unit?: string; year?: number; project?: string; household?: number; group?: BeneficiaryGroup; page?: number; pageSize?: number }) =>
  get<Page<Beneficiary>>('/program-beneficiaries', { ...q });
/** 422 NOT_ELIGIBLE (the Vietnamese reason in `message`) when the household is not on the year's list for that project. */
export const createBeneficiary = (body: BeneficiaryInput) => post<Beneficiary>('/program-beneficiaries', body);
export const updateBeneficiary = (id: number, body: Partial<Omit<BeneficiaryInput, 'householdId'>> & { version: number }) => patch<Beneficiary>(`/program-beneficiaries/${id}`, body);

export interface Eligibility extends EligibilityOutcome {
  householdId: number;
  projectCode: string;
  date: string;
  listYear: number;
  listClass: HouseholdClass | null;
  allowedGroups: BeneficiaryGroup[];
}
/** Whether a household may be supported by a project on a date, and why (nothing written). */
export const checkEligibility = (q: { household: number; project: string; date: string }) => get<Eligibility>('/program-beneficiaries/eligibility', { ...q });

// ------------------------------------------------------------------ labels

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const SOURCE_OPTIONS = (Object.keys(SOURCE_LABEL) as FundSource[]).map((v) => ({ value: v, label: cap(SOURCE_LABEL[v]) }));
export const TYPE_OPTIONS = (Object.keys(TYPE_LABEL) as FundType[]).map((v) => ({ value: v, label: cap(TYPE_LABEL[v]) }));
export const FUND_KIND_LABEL: Record<FundKind, string> = { allocated: 'Kế hoạch vốn giao', disbursed: 'Giải ngân' };
export const GROUP_NAME: Record<BeneficiaryGroup, string> = Object.fromEntries(
  (Object.keys(GROUP_LABEL) as BeneficiaryGroup[]).map((g) => [g, cap(GROUP_LABEL[g])]),
) as Record<BeneficiaryGroup, string>;
export const ACTIVITY_KIND_LABEL: Record<ActivityKind, string> = {
  training: 'Tập huấn',
  conference: 'Hội nghị',
  communication: 'Truyền thông',
  model: 'Mô hình giảm nghèo',
};
export const SUPPORT_TYPE_LABEL: Record<SupportType, string> = {
  livelihood_model: 'Mô hình sinh kế',
  production_support: 'Hỗ trợ phát triển sản xuất',
  housing: 'Hỗ trợ nhà ở',
  vocational_training: 'Đào tạo nghề',
  job_placement: 'Hỗ trợ việc làm',
  health_insurance: 'Bảo hiểm y tế',
  communication: 'Truyền thông, thông tin',
};
export { SOURCE_LABEL, TYPE_LABEL };
