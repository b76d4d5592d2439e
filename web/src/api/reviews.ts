/**
 * Review rounds (GET/POST /api/review-rounds and the state transitions), their results per household
 * (list, get/put one, Excel template and import, posting/decision list downloads) and field
 * collection (XLSForm download, ODK/Kobo submissions import). Shapes follow src/reviews/*.dto.ts.
 */
import type { ImportResult } from '@domain/households/domain/household-views';
import type { RoundStatus } from '@domain/reviews/domain/round-state';
import { download, get, post, put, upload, type Page } from './client';

export type RoundKind = 'periodic' | 'regular' | 'baseline';
export type PovertyClass = 'poor' | 'near_poor' | 'average' | 'above' | 'none';

/** A round as the service answers it (the fields the screens use). */
export interface Round {
  id: number;
  version: number;
  communeCode: string;
  year: number;
  listYear: number;
  kind: RoundKind;
  status: RoundStatus;
  opinionRequired: boolean;
  communeName?: string;
  [field: string]: unknown;
}

export interface RoundInput {
  communeCode: string;
  year: number;
  kind: 'periodic' | 'regular';
  month?: number;
  totalHouseholds?: number;
  totalPersons?: number;
  opinionRequired?: boolean;
  opinionBy?: string;
  note?: string;
}

export interface RoundListQuery {
  page?: number;
  pageSize?: number;
  commune?: string;
  unit?: string;
  year?: number;
  listYear?: number;
  kind?: RoundKind;
  status?: string;
}

interface Versioned {
  version: number;
}
export interface StartInput extends Versioned { date?: string }
export interface MeetingInput extends Versioned { date: string; agreementPct: number; minutesRef?: string; attendees?: number }
export interface PostingInput extends Versioned { start: string; end?: string }
export interface OpinionInput extends Versioned { date: string; ref: string; by?: string }
export interface DecideInput extends Versioned { decisionNumber: string; decisionDate: string; totalHouseholds?: number; totalPersons?: number }

export interface ResultInput {
  version?: number;
  quickScreen?: 'screened_out' | 'passed' | null;
  b1Score?: number | null;
  incomePerCapita?: number | null;
  deprivations?: string[] | null;
  farmAverage?: boolean;
  causes?: number[];
  supportNeeds?: string[];
  decidedClass?: PovertyClass;
  overrideReason?: string;
}

export interface RoundResult extends ResultInput {
  householdId: number;
  version: number;
  [field: string]: unknown;
}

const base = (id: number) => `/review-rounds/${id}`;

export const listRounds = (q: RoundListQuery, signal?: AbortSignal) => get<Page<Round>>('/review-rounds', { ...q }, signal);
export const createRound = (input: RoundInput) => post<Round>('/review-rounds', input);
export const getRound = (id: number) => get<Round>(base(id));

export const startRound = (id: number, input: StartInput) => post<Round>(`${base(id)}/start`, input);
export const recordMeeting = (id: number, input: MeetingInput) => post<Round>(`${base(id)}/meeting`, input);
export const recordPosting = (id: number, input: PostingInput) => post<Round>(`${base(id)}/posting`, input);
export const recordOpinion = (id: number, input: OpinionInput) => post<Round>(`${base(id)}/opinion`, input);
export const decideRound = (id: number, input: DecideInput) => post<Round>(`${base(id)}/decision`, input);
export const reportRound = (id: number, input: Versioned) => post<Round>(`${base(id)}/report`, input);

export const listResults = (id: number, q: { page?: number; pageSize?: number } = {}, signal?: AbortSignal) =>
  get<Page<RoundResult>>(`${base(id)}/results`, { ...q }, signal);
export const getResult = (id: number, householdId: number) => get<RoundResult>(`${base(id)}/results/${householdId}`);
export const putResult = (id: number, householdId: number, input: ResultInput) => put<RoundResult>(`${base(id)}/results/${householdId}`, input);

export const downloadResultsTemplate = (id: number) => download(`${base(id)}/results/template.xlsx`, undefined, 'mau-ket-qua-ra-soat.xlsx');
export const importResults = (id: number, file: File, onProgress?: (pct: number) => void) =>
  upload<ImportResult>(`${base(id)}/results/import`, file, { onProgress });
/** The posting list or a decision list of the round (`list` as docs/API.md names them). */
export const downloadList = (id: number, list: string) => download(`${base(id)}/lists/${list}`, undefined, `danh-sach-${list}.xlsx`);

export const downloadXlsForm = (id: number) => download(`${base(id)}/xlsform`, undefined, 'xlsform.xlsx');
export const importSubmissions = (id: number, file: File, onProgress?: (pct: number) => void) =>
  upload<ImportResult>(`${base(id)}/results/import-submissions`, file, { onProgress });
