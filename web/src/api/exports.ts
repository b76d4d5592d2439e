/**
 * Excel exports in the official layouts (src/exports/exports.controller.ts). Each saves the file
 * under the name the service gives; `onProgress` reports the bytes received (the household list is
 * streamed, so its total is unknown until the end).
 */
import { download, type DownloadProgress } from './client';
import type { UnitYear } from './reports';

export type { DownloadProgress };
type Progress = ((p: DownloadProgress) => void) | undefined;

/** Tables 1–13 and the reduction against the plan. */
export const downloadSummary = (q: UnitYear, onProgress?: Progress) =>
  download('/reports/summary.xlsx', { ...q }, `bao-cao-tong-hop-${q.unit}-${q.year}.xlsx`, { onProgress });

/** Table 14 (poor) or 15 (near-poor): the detailed list of households with their members. */
export const downloadHouseholdList = (q: UnitYear & { class: 'poor' | 'near_poor' }, onProgress?: Progress) =>
  download('/exports/household-list.xlsx', { ...q }, `danh-sach-${q.class}-${q.unit}-${q.year}.xlsx`, { onProgress });

/** The National Target Program progress report of a unit and year. */
export const downloadProgramProgress = (q: UnitYear, onProgress?: Progress) =>
  download('/exports/program-progress.xlsx', { ...q }, `tien-do-chuong-trinh-${q.unit}-${q.year}.xlsx`, { onProgress });

/** A review round's list for public posting. */
export const downloadPostingList = (roundId: number, onProgress?: Progress) =>
  download(`/exports/rounds/${roundId}/posting-list.xlsx`, undefined, `danh-sach-niem-yet-${roundId}.xlsx`, { onProgress });

/** The certificates (Mẫu 03) a round's decision issued. */
export const downloadCertificates = (roundId: number, onProgress?: Progress) =>
  download(`/exports/rounds/${roundId}/certificates.xlsx`, undefined, `giay-chung-nhan-${roundId}.xlsx`, { onProgress });
