import type { Workbook } from 'exceljs';
import type { ReportUnit, UnitLevel } from '../report-inputs';
import { ColumnNode, LeafColumn, OfficialSheet, placeName, SheetFrame } from './official-sheet';
import { TreeNode, TreeTableSpec, writeTree } from './tree-table';

/** What every report workbook is told besides its figures. */
export interface WorkbookOptions {
  /** The date the export is made (the year of the date line); default now. */
  date?: Date;
}

/** The heading of the unit column, after what the rows are: "Phường/Xã" under a district. */
export function unitColumnTitle(level: UnitLevel): string {
  switch (level) {
    case 'province':
      return 'Đơn vị (huyện, xã)';
    case 'district':
      return 'Phường/Xã';
    case 'commune':
      return 'Thôn/Tổ dân phố';
    default:
      return 'Đơn vị';
  }
}

export const ttColumn = (): LeafColumn => ({ key: 'tt', title: 'TT', number: 'A', format: 'text', width: 6 });
export const nameColumn = (level: UnitLevel): LeafColumn => ({ key: 'name', title: unitColumnTitle(level), number: 'B', format: 'text', width: 26 });
export const partColumn = (): LeafColumn => ({ key: 'part', title: 'Phân tổ', number: '', format: 'text', width: 11 });

export const count = (key: string, title: string, number: string, width?: number): LeafColumn => ({ key, title, number, format: 'count', width });
export const rate = (key: string, title: string, number: string, width?: number): LeafColumn => ({ key, title, number, format: 'rate', width });

/** "Năm 2022 (chuẩn nghèo ND07-2021)". */
export function yearLine(year: number, standard: string): string {
  return `Kết quả rà soát năm ${year} (theo chuẩn nghèo ${standard})`;
}

/**
 * One official sheet of a unit tree: the frame, the rows, a note naming the units without a
 * decided result, the date line and the signatures.
 */
export function treeSheet<N extends TreeNode<N>>(
  wb: Workbook,
  sheetName: string,
  frame: { unit: ReportUnit; title: string; subtitle?: string; columns: ColumnNode[] },
  root: N,
  spec: TreeTableSpec<N>,
  opts: WorkbookOptions,
): OfficialSheet {
  const hasPart = spec.parts.length > 1;
  const sheetFrame: SheetFrame = {
    unitName: frame.unit.name,
    title: frame.title,
    subtitle: frame.subtitle,
    columns: frame.columns,
    frozenColumns: hasPart ? 3 : 2,
  };
  const sheet = new OfficialSheet(wb, sheetName, sheetFrame);
  const missing = writeTree(sheet, root, spec);
  if (missing.length) {
    sheet.addNote(`Đơn vị chưa có kết quả rà soát được phê duyệt (để trống, không tính là 0): ${missing.map((u) => u.name).join(', ')}.`);
  }
  sheet.finish({ place: placeName(frame.unit.name), date: opts.date });
  return sheet;
}
