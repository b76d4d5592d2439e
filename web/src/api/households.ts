/**
 * The household register: GET/POST /api/households, one household, its members, the Excel
 * template and import. Response types are the service's own (src/households/domain/household-views.ts).
 */
import type { HouseholdDetail, ImportResult, ListItem, MemberView, StatusEvent } from '@domain/households/domain/household-views';
import type { MemberDraft } from '@domain/households/domain/member';
import type { EndStatus, Relation, Sex } from '@domain/households/domain/vocabulary';
import { del, download, get, patch, post, upload, type Page } from './client';

export type { HouseholdDetail, ListItem as HouseholdListItem, MemberView, StatusEvent };

export type HouseholdSort = 'code' | '-code' | 'headName' | '-headName' | 'village' | '-village' | 'registeredOn' | '-registeredOn' | 'updatedAt' | '-updatedAt' | 'status' | '-status';
export type Classification = 'poor' | 'near_poor' | 'average' | 'above' | 'none';

export interface HouseholdListQuery {
  page?: number;
  pageSize?: number;
  unit?: string;
  commune?: string;
  village?: string;
  /** Comma-separated statuses (active, moved_away, merged, split, dissolved). */
  status?: string;
  ethnicMinority?: boolean;
  femaleHead?: boolean;
  meritorious?: boolean;
  noLabourCapacity?: boolean;
  ethnicity?: string;
  /** Head's name or household code; the API ignores case and diacritics. */
  q?: string;
  year?: number;
  /** Comma-separated classes of `year`. */
  classification?: string;
  sort?: HouseholdSort;
}

export const listHouseholds = (q: HouseholdListQuery, signal?: AbortSignal) => get<Page<ListItem>>('/households', { ...q }, signal);
export const getHousehold = (id: number) => get<HouseholdDetail>(`/households/${id}`);

/** A person as the forms send it (the head without relation, a member with it): the service's MemberDraft, name, sex and ethnicity required. */
export type PersonInput = Omit<MemberDraft, 'relation'> & { fullName: string; sex: Sex; ethnicity: string };
export interface MemberInput extends PersonInput {
  relation: Exclude<Relation, 'head'>;
}

export interface HouseholdInput {
  communeCode: string;
  code?: string;
  villageCode?: string | null;
  address?: string | null;
  registeredOn?: string;
  meritorious?: boolean;
  head: PersonInput;
  members?: MemberInput[];
}

export interface HouseholdEdit {
  version: number;
  code?: string;
  villageCode?: string | null;
  address?: string | null;
  registeredOn?: string;
  meritorious?: boolean;
  headMemberId?: number;
}

export const createHousehold = (body: HouseholdInput) => post<HouseholdDetail>('/households', body);
export const updateHousehold = (id: number, body: HouseholdEdit) => patch<HouseholdDetail>(`/households/${id}`, body);
export const addMember = (id: number, body: MemberInput & { version: number }) => post<HouseholdDetail>(`/households/${id}/members`, body);
export const updateMember = (id: number, memberId: number, body: Partial<MemberInput> & { version: number }) =>
  patch<HouseholdDetail>(`/households/${id}/members/${memberId}`, body);
export const removeMember = (id: number, memberId: number, version: number, reason?: string) =>
  del<HouseholdDetail>(`/households/${id}/members/${memberId}?${new URLSearchParams({ version: String(version), ...(reason ? { reason } : {}) })}`);
export const changeStatus = (id: number, body: { version: number; status: EndStatus; date: string; reason: string; mergedIntoId?: number }) =>
  post<HouseholdDetail>(`/households/${id}/status`, body);

export interface EthnicGroup {
  code: string;
  name: string;
  isMinority: boolean;
}
export const listEthnicGroups = () => get<Page<EthnicGroup>>('/ethnic-groups', { pageSize: 100 });

/** The import template (with the commune's villages). */
export const downloadImportTemplate = (commune?: string) => download('/households/import-template', { commune }, 'mau-nhap-ho.xlsx');

/** POST /api/households/import: all or nothing; 400 IMPORT_INVALID lists every row error. */
export type { ImportResult };
export const importHouseholds = (commune: string, file: File, dryRun: boolean, onProgress?: (p: number) => void) =>
  upload<ImportResult>('/households/import', file, { query: { commune, dryRun }, onProgress });

/** A household's decided class in each review round of its commune, with the explanation (GET /api/review-rounds/:id/results/:householdId). */
export interface YearClassification {
  roundId: number;
  year: number;
  kind: string;
  roundStatus: string;
  decidedClass: string | null;
  computedClass: string | null;
  explanation: string | null;
  certificateNumber: string | null;
}

interface RoundSummary {
  id: number;
  year: number;
  kind: string;
  status: string;
}

export async function householdClassifications(communeCode: string, householdId: number): Promise<YearClassification[]> {
  const rounds = await get<Page<RoundSummary>>('/review-rounds', { commune: communeCode, pageSize: 100 });
  const out = await Promise.all(
    rounds.items.map(async (r) => {
      try {
        const x = await get<{ decidedClass: string | null; computedClass: string | null; explanation: string | null; certificateNumber: string | null }>(
          `/review-rounds/${r.id}/results/${householdId}`,
        );
        return { roundId: r.id, year: r.year, kind: r.kind, roundStatus: r.status, ...x };
      } catch (err) {
        if ((err as { status?: number }).status === 404) return null;
        throw err;
      }
    }),
  );
  return out.filter((x): x is YearClassification => x !== null).sort((a, b) => b.year - a.year || b.roundId - a.roundId);
}
