import { get, patch, post, request, type Page } from './client';
import type { AreaType, UnitLevel } from '@domain/units/domain/unit-rules';
import type { SuccessionLink, UnitDetail, UnitVersion } from '@domain/units/domain/unit-types';

export type { AreaType, SuccessionLink, UnitDetail, UnitLevel, UnitVersion };

export interface UnitListQuery {
  parent?: string;
  level?: UnitLevel;
  /** YYYY-MM-DD: only the versions valid that day. */
  date?: string;
  page?: number;
  pageSize?: number;
}

export const listUnits = (q: UnitListQuery = {}) => get<Page<UnitVersion>>('/units', { ...q });

/** `token`: while signing in, before the session holds it. */
export const getUnit = (code: string, date?: string, token?: string) =>
  request<UnitDetail>('GET', `/units/${encodeURIComponent(code)}`, { query: { date }, token });

export interface UnitVersionInput {
  validFrom?: string;
  validTo?: string | null;
  name?: string;
  kind?: string;
  areaType?: AreaType | null;
  parentCode?: string | null;
}

export const createUnit = (body: UnitVersionInput & { code: string; level: UnitLevel; name: string; kind: string; validFrom: string }) =>
  post<UnitDetail>('/units', body);
export const addUnitVersion = (code: string, body: UnitVersionInput & { validFrom: string }) =>
  post<UnitDetail>(`/units/${encodeURIComponent(code)}/versions`, body);
export const correctUnitVersion = (code: string, validFrom: string, body: UnitVersionInput & { version: number }) =>
  patch<UnitDetail>(`/units/${encodeURIComponent(code)}/versions/${validFrom}`, body);
export const addSuccession = (body: { kind: SuccessionLink['kind']; effectiveDate: string; predecessors: string[]; successors: string[]; note?: string }) =>
  post<unknown>('/units/successions', body);

export const LEVEL_LABEL: Record<UnitLevel, string> = { province: 'Tỉnh', district: 'Huyện', commune: 'Xã', village: 'Thôn' };

/** The latest version of each code, sorted by code (lists without a date hold every version). */
export function latestVersions(items: UnitVersion[]): UnitVersion[] {
  const latest = new Map<string, UnitVersion>();
  for (const u of items) {
    const seen = latest.get(u.code);
    if (!seen || seen.validFrom < u.validFrom) latest.set(u.code, u);
  }
  return [...latest.values()].sort((a, b) => a.code.localeCompare(b.code));
}
