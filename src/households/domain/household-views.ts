import type { HouseholdStatus, Relation } from './vocabulary';

/**
 * The shapes the households API answers (GET /api/households, GET /api/households/:id), shared
 * with the web app (web/src/api/households.ts imports them).
 */
export interface MemberRecord {
  id: number;
  householdId: number;
  fullName: string;
  sex: 'male' | 'female';
  birthDate: string | null;
  birthYear: number;
  relation: Relation;
  ethnicity: string;
  idNumber: string | null;
  healthInsurance: boolean;
  inSchool: boolean | null;
  educationLevel: string | null;
  disability: 'none' | 'mild' | 'severe';
  labourCapacity: boolean;
  employment: string | null;
  malnourished: boolean | null;
  sortOrder: number;
}

export interface ListItem {
  id: number;
  code: string;
  communeCode: string;
  villageCode: string | null;
  villageName: string | null;
  headName: string;
  headSex: string;
  headBirthYear: number;
  headEthnicity: string;
  headEthnicityName: string;
  headIdNumber: string | null;
  address: string | null;
  status: HouseholdStatus;
  statusDate: string | null;
  registeredOn: string;
  ethnicMinority: boolean;
  femaleHead: boolean;
  meritorious: boolean;
  noLabourCapacity: boolean;
  persons: number;
  classification?: string | null;
  version: number;
}

export interface MemberView extends Omit<MemberRecord, 'householdId' | 'sortOrder'> {
  age: number;
  ethnicityName: string;
}

export interface HouseholdDetail {
  id: number;
  code: string;
  communeCode: string;
  communeName: string | null;
  villageCode: string | null;
  villageName: string | null;
  address: string | null;
  status: string;
  statusDate: string | null;
  statusReason: string | null;
  registeredOn: string;
  head: { memberId: number | null; fullName: string; sex: string; birthYear: number; ethnicity: string; ethnicityName: string; idNumber: string | null };
  ethnicMinority: boolean;
  femaleHead: boolean;
  meritorious: boolean;
  persons: number;
  labourMembers: number;
  noLabourCapacity: boolean;
  noLabourCapacityDerived: boolean;
  noLabourOverride: boolean | null;
  noLabourOverrideReason: string | null;
  members: MemberView[];
  splitFrom: { id: number; code: string } | null;
  splitInto: { id: number; code: string; registeredOn: string }[];
  mergedInto: { id: number; code: string } | null;
  absorbed: { id: number; code: string; statusDate: string }[];
  history: StatusEvent[];
  isDemo: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}


/** One change of status in a household's history (registered, moved away, merged, split…). */
export interface StatusEvent {
  event: string;
  fromStatus: string;
  toStatus: string;
  date: string;
  reason: string | null;
  relatedHousehold: { id: number; code: string } | null;
  by: string | null;
  at: string;
}

/** The answer of POST /api/households/import (dry run or not). */
export interface ImportResult {
  communeCode: string;
  fileName: string;
  sheet: string;
  dryRun: boolean;
  households: number;
  members: number;
  generatedCodes: number;
}
