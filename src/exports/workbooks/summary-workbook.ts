import { Workbook } from 'exceljs';
import type { BreakdownReport, SummaryReport } from '../report-inputs';
import {
  addCauses, addChildren, addDeprivationCounts, addDeprivationShares, addEthnicity, addMultidimensional, addTargetGroups,
} from './breakdown-tables';
import { WorkbookOptions } from './common';
import { addPlanSheet, addTable1, addTable2, addTable3, validateSummary } from './summary-tables';

/**
 * The official report of a unit and year as one workbook: tables 1–13 of docs/LAW.md §3.7
 * as sheets "1. …" to "13. …", then the reduction against the plan. Pure: figures in, workbook out;
 * throws REPORT_INCONSISTENT rather than write a total that is not the sum of its rows, a rate
 * above 100 % or a movement that does not reconcile.
 */
export function buildSummaryWorkbook(summary: SummaryReport, breakdowns: BreakdownReport, opts: WorkbookOptions = {}): Workbook {
  validateSummary(summary);
  const wb = new Workbook();
  wb.creator = 'Rà soát hộ nghèo, hộ cận nghèo';
  wb.created = opts.date ?? new Date();
  wb.title = `Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo năm ${summary.year} - ${summary.unit.name}`;
  // the stored results are correct; Excel recalculates anyway when the file opens
  wb.calcProperties = { fullCalcOnLoad: true };
  addTable1(wb, summary, opts);
  addTable2(wb, summary, opts);
  addTable3(wb, summary, opts);
  addDeprivationCounts(wb, breakdowns, 'poor', opts);
  addDeprivationShares(wb, breakdowns, 'poor', opts);
  addDeprivationCounts(wb, breakdowns, 'nearPoor', opts);
  addDeprivationShares(wb, breakdowns, 'nearPoor', opts);
  addTargetGroups(wb, breakdowns, opts);
  addEthnicity(wb, breakdowns, opts);
  addCauses(wb, breakdowns, opts);
  addChildren(wb, breakdowns, opts);
  addMultidimensional(wb, breakdowns, 'poor', opts);
  addMultidimensional(wb, breakdowns, 'nearPoor', opts);
  addPlanSheet(wb, summary, opts);
  return wb;
}

/** How many unit rows the report has (what the audit trail records). */
export function countUnits(node: { children?: unknown[] }): number {
  return 1 + (node.children ?? []).reduce<number>((s, c) => s + countUnits(c as { children?: unknown[] }), 0);
}
