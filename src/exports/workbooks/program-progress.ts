import { Workbook } from 'exceljs';
import { DomainError } from '../../common/errors/domain-error';
import type { FundSplit, ProgramProgressFigures, ProgramProgressReport, ProgramProgressRow } from '../report-inputs';
import type { WorkbookOptions } from './common';
import { ColumnNode, FormulaValue, LeafColumn, OfficialSheet, placeName, round2, SheetValue } from './official-sheet';
import { sumFormula } from './tree-table';

/**
 * The progress report of the National Target Program for a unit and year (docs/RULES.md §6;
 * docs/LAW.md §5.4): per project and sub-project, funds allocated and disbursed by source
 * and type, the disbursement rate, activities and participants, households supported by group,
 * and how many of them escaped poverty at the next review.
 */

const money = (key: string, title: string, number: string): LeafColumn => ({ key, title, number, format: 'money', width: 13 });
const cnt = (key: string, title: string, number: string, width = 10): LeafColumn => ({ key, title, number, format: 'count', width });

const FUND_KEYS = ['Central', 'Local', 'Other', 'Investment', 'Recurrent'] as const;

const fundBlock = (prefix: 'a' | 'd', title: string, first: number): ColumnNode => ({
  title,
  children: [
    money(`${prefix}Total`, 'Tổng số', `${first}=${first + 1}+${first + 2}+${first + 3}`),
    { title: 'Theo nguồn vốn', children: [money(`${prefix}Central`, 'Ngân sách trung ương', String(first + 1)), money(`${prefix}Local`, 'Ngân sách địa phương', String(first + 2)), money(`${prefix}Other`, 'Nguồn khác', String(first + 3))] },
    { title: 'Theo loại vốn', children: [money(`${prefix}Investment`, 'Đầu tư phát triển', String(first + 4)), money(`${prefix}Recurrent`, 'Sự nghiệp', String(first + 5))] },
  ],
});

export function buildProgramProgressWorkbook(r: ProgramProgressReport, opts: WorkbookOptions = {}): Workbook {
  const wb = new Workbook();
  wb.creator = 'Rà soát hộ nghèo, hộ cận nghèo';
  wb.calcProperties = { fullCalcOnLoad: true };
  const columns: ColumnNode[] = [
    { key: 'tt', title: 'TT', number: 'A', format: 'text', width: 7 },
    { key: 'name', title: 'Dự án, tiểu dự án', number: 'B', format: 'text', width: 34 },
    fundBlock('a', 'Kế hoạch vốn giao (đồng)', 1),
    fundBlock('d', 'Giải ngân (đồng)', 7),
    { key: 'rate', title: 'Tỷ lệ giải ngân (%)', number: '13=7/1*100', format: 'rate', width: 10 },
    { title: 'Hoạt động', children: [cnt('activities', 'Số hoạt động, lớp tập huấn', '14'), cnt('participants', 'Lượt người tham gia', '15')] },
    {
      title: 'Hộ được hỗ trợ',
      children: [
        cnt('bTotal', 'Tổng số', '16=17+18+19+20'),
        cnt('bPoor', 'Hộ nghèo', '17'), cnt('bNear', 'Hộ cận nghèo', '18'), cnt('bEscaped', 'Hộ mới thoát nghèo', '19'), cnt('bOther', 'Khác', '20'),
      ],
    },
    cnt('escaped', 'Số hộ được hỗ trợ đã thoát nghèo, thoát cận nghèo ở kỳ rà soát sau', '21', 15),
    { key: 'note', title: 'Ghi chú', number: '22', format: 'text', width: 14 },
  ];
  const sheet = new OfficialSheet(wb, 'Tiến độ chương trình', {
    unitName: r.unit.name,
    title: 'BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG',
    subtitle: `${r.program.name} - năm ${r.year} - ${r.unit.name}`,
    columns,
    frozenColumns: 2,
  });

  const totalRow = sheet.reserveRow();
  const topRows: number[] = [];
  const write = (row: ProgramProgressRow, depth: number) => {
    const n = sheet.reserveRow();
    if (depth === 0) topRows.push(n);
    check(row, row.name);
    sheet.writeRow(n, cellsOf(sheet, n, row, row.notApplicable ? 'Không thực hiện' : null, row.number, row.name), { bold: depth === 0, italic: row.notApplicable });
    row.children?.forEach((c) => write(c, depth + 1));
  };
  r.projects.forEach((p) => write(p, 0));

  // the whole program: funds are the SUM of the projects; households are counted once, as given
  check(r.total, 'Tổng cộng');
  const cells = cellsOf(sheet, totalRow, r.total, null, '', 'Tổng cộng');
  for (const prefix of ['a', 'd'] as const) {
    for (const k of ['Total', ...FUND_KEYS]) {
      const key = `${prefix}${k}`;
      const given = (cells[key] as FormulaValue | number);
      const value = typeof given === 'object' ? given.result : given;
      const sum = r.projects.reduce((s, p) => s + fundValue(p, prefix, k), 0);
      if (Math.abs(sum - value) > 0.5) {
        throw new DomainError('REPORT_INCONSISTENT', `Program total ${key} is ${value}, but its projects add up to ${sum}`, [{ field: key, message: 'total is not the sum of the projects' }]);
      }
      if (k !== 'Total' && topRows.length) cells[key] = { formula: sumFormula(topRows.map((row) => sheet.ref(key, row))), result: value };
    }
  }
  sheet.writeRow(totalRow, cells, { bold: true });
  sheet.addNote('Số hộ được hỗ trợ ở dòng Tổng cộng là số hộ không trùng lặp: một hộ được nhiều dự án hỗ trợ chỉ tính một lần.');
  sheet.finish({ place: placeName(r.unit.name), date: opts.date });
  return wb;
}

function fundValue(p: ProgramProgressFigures, prefix: 'a' | 'd', k: string): number {
  const f: FundSplit = prefix === 'a' ? p.allocated : p.disbursed;
  if (k === 'Total') return f.central + f.local + f.other;
  return f[(k[0].toLowerCase() + k.slice(1)) as keyof FundSplit];
}

function check(p: ProgramProgressFigures, name: string): void {
  for (const [label, f] of [['allocated', p.allocated], ['disbursed', p.disbursed]] as const) {
    const bySource = f.central + f.local + f.other;
    const byType = f.investment + f.recurrent;
    if (Math.abs(bySource - byType) > 0.5) {
      throw new DomainError('REPORT_INCONSISTENT', `${name}: ${label} by source (${bySource}) differs from by type (${byType})`, [{ field: label, message: 'sources and types disagree' }]);
    }
  }
}

function cellsOf(sheet: OfficialSheet, row: number, p: ProgramProgressFigures, note: string | null, tt: string, name: string): Record<string, SheetValue> {
  const cells: Record<string, SheetValue> = { tt, name, note };
  for (const prefix of ['a', 'd'] as const) {
    const f = prefix === 'a' ? p.allocated : p.disbursed;
    cells[`${prefix}Central`] = f.central;
    cells[`${prefix}Local`] = f.local;
    cells[`${prefix}Other`] = f.other;
    cells[`${prefix}Investment`] = f.investment;
    cells[`${prefix}Recurrent`] = f.recurrent;
    cells[`${prefix}Total`] = { formula: `${sheet.ref(`${prefix}Central`, row)}+${sheet.ref(`${prefix}Local`, row)}+${sheet.ref(`${prefix}Other`, row)}`, result: f.central + f.local + f.other };
  }
  const allocated = p.allocated.central + p.allocated.local + p.allocated.other;
  const disbursed = p.disbursed.central + p.disbursed.local + p.disbursed.other;
  cells.rate = allocated > 0 ? { formula: `ROUND(${sheet.ref('dTotal', row)}/${sheet.ref('aTotal', row)}*100,2)`, result: round2((disbursed / allocated) * 100) } : null;
  cells.activities = p.activities.count;
  cells.participants = p.activities.participants;
  const b = p.beneficiaries;
  cells.bPoor = b.poor;
  cells.bNear = b.nearPoor;
  cells.bEscaped = b.recentlyEscaped;
  cells.bOther = b.other;
  cells.bTotal = { formula: ['bPoor', 'bNear', 'bEscaped', 'bOther'].map((k) => sheet.ref(k, row)).join('+'), result: b.poor + b.nearPoor + b.recentlyEscaped + b.other };
  cells.escaped = p.escapedNextReview;
  return cells;
}
