/**
 * Plans (kế hoạch giao, src/plans/plans.controller.ts): the reduction a district or province
 * assigns to a unit for a year, in percentage points of the poor-household rate or in households.
 */
import type { PlanUnit } from '@domain/reports/domain/rates';
import { get, put, request, type Page } from './client';

export interface Plan {
  unitCode: string;
  unitName: string | null;
  year: number;
  target: number;
  unit: PlanUnit;
  note: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface PlanInput {
  target: number;
  unit: PlanUnit;
  note?: string;
  /** The version read when replacing a plan (a stale one is 409 VERSION_CONFLICT); none when creating. */
  version?: number;
}

export const listPlans = (q: { unit?: string; year?: number; page?: number; pageSize?: number }) => get<Page<Plan>>('/plans', { ...q });
export const getPlan = (unitCode: string, year: number) => get<Plan>(`/plans/${encodeURIComponent(unitCode)}/${year}`);
export const putPlan = (unitCode: string, year: number, body: PlanInput) => put<Plan>(`/plans/${encodeURIComponent(unitCode)}/${year}`, body);
export const deletePlan = (unitCode: string, year: number) => request<void>('DELETE', `/plans/${encodeURIComponent(unitCode)}/${year}`);
