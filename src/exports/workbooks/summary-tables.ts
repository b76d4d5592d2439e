import type { Workbook } from 'exceljs';
import { DomainError } from '../../common/errors/domain-error';
import type { SummaryNode, SummaryReport } from '../report-inputs';
import { count, nameColumn, partColumn, rate, treeSheet, ttColumn, WorkbookOptions, yearLine } from './common';
import { ColumnNode, LeafColumn, OfficialSheet } from './official-sheet';
import { ColumnCalc, inconsistent } from './tree-table';

/**
 * Tables 1–3 of the official report (docs/LAW.md §3.7; report-layouts/1–3) from the
 * summary report of docs/API.md, and a sheet of the reduction against the plan.
 */

export const SHEET_NAMES = {
  t1: '1. Kết quả rà soát',
  t2: '2. Diễn biến hộ nghèo',
  t3: '3. Diễn biến hộ cận nghèo',
  plan: '14. Giảm nghèo và kế hoạch',
} as const;

const sumAll = (keys: string[]): Record<string, ColumnCalc> => Object.fromEntries(keys.map((k) => [k, { kind: 'sum' } as ColumnCalc]));

/** Checks what no single table can: the two movements agree, and poor + near-poor fit in the total. */
export function validateSummary(node: SummaryNode): void {
  if (!node.missing) {
    const p = node.poor.movement;
    const n = node.nearPoor.movement;
    if (p && n) {
      // poor → near-poor leaves table 2 (col. 2) and enters table 3 (col. 5); and the reverse
      if (p.toNearPoor !== n.fromPoor) throw inconsistent(node.unit, 'hộ nghèo trở thành hộ cận nghèo (biểu 3, cột 5)', p.toNearPoor, n.fromPoor);
      if (p.fromNearPoor !== n.toPoor) throw inconsistent(node.unit, 'hộ cận nghèo trở thành hộ nghèo (biểu 3, cột 3)', p.fromNearPoor, n.toPoor);
    }
    if (node.poor.end + node.nearPoor.end > node.households.end) {
      throw new DomainError(
        'REPORT_INCONSISTENT',
        `${node.unit.name} (${node.unit.code}): poor (${node.poor.end}) + near-poor (${node.nearPoor.end}) exceed the ${node.households.end} resident households`,
        [{ field: 'households.end', message: 'poor + near-poor above the total', unitCode: node.unit.code }],
      );
    }
  }
  node.children?.forEach(validateSummary);
}

/** Table 1: TỔNG HỢP KẾT QUẢ CHÍNH THỨC RÀ SOÁT HỘ NGHÈO; HỘ CẬN NGHÈO; HỘ NLN CÓ MỨC SỐNG TRUNG BÌNH. */
export function addTable1(wb: Workbook, r: SummaryReport, opts: WorkbookOptions): OfficialSheet {
  const columns: ColumnNode[] = [
    ttColumn(),
    nameColumn(r.unit.level),
    { title: 'Tổng số hộ dân cư (tại thời điểm rà soát)', children: [count('households', 'Số hộ', '1'), count('persons', 'Nhân khẩu', '2')] },
    {
      title: 'Kết quả rà soát về hộ (chính thức)',
      children: [
        { title: 'Tổng số hộ nghèo', children: [count('poor', 'Số hộ', '3'), rate('poorRate', 'Tỷ lệ (%)', '4=3/1*100')] },
        { title: 'Tổng số hộ cận nghèo', children: [count('nearPoor', 'Số hộ', '5'), rate('nearPoorRate', 'Tỷ lệ (%)', '6=5/1*100')] },
        { title: 'Tổng số hộ làm nông, lâm, ngư nghiệp có mức sống trung bình', children: [count('farm', 'Số hộ', '7'), rate('farmRate', 'Tỷ lệ (%)', '8=7/1*100')] },
      ],
    },
    {
      title: 'Kết quả rà soát về khẩu (chính thức)',
      children: [
        { title: 'Tổng số khẩu nghèo', children: [count('poorPersons', 'Số khẩu', '9'), rate('poorPersonsRate', 'Tỷ lệ (%)', '10=9/2*100')] },
        { title: 'Tổng số khẩu cận nghèo', children: [count('nearPoorPersons', 'Số khẩu', '11'), rate('nearPoorPersonsRate', 'Tỷ lệ (%)', '12=11/2*100')] },
        { title: 'Tổng số khẩu nông, lâm, ngư nghiệp có mức sống trung bình', children: [count('farmPersons', 'Số khẩu', '13'), rate('farmPersonsRate', 'Tỷ lệ (%)', '14=13/2*100')] },
      ],
    },
  ];
  return treeSheet<SummaryNode>(wb, SHEET_NAMES.t1, {
    unit: r.unit,
    title: 'TỔNG HỢP KẾT QUẢ CHÍNH THỨC RÀ SOÁT HỘ NGHÈO; HỘ CẬN NGHÈO; HỘ LÀM NÔNG, LÂM, NGƯ NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH',
    subtitle: yearLine(r.year, r.standard),
    columns,
  }, r, {
    parts: [{
      values: (n) => ({
        households: n.households.end,
        persons: n.persons.end,
        poor: n.poor.end,
        poorRate: n.poor.rateEnd,
        nearPoor: n.nearPoor.end,
        nearPoorRate: n.nearPoor.rateEnd,
        farm: n.farmAverage?.households,
        poorPersons: n.poor.persons?.end,
        nearPoorPersons: n.nearPoor.persons?.end,
        farmPersons: n.farmAverage?.persons,
      }),
    }],
    calc: {
      ...sumAll(['households', 'persons', 'poor', 'nearPoor', 'farm', 'poorPersons', 'nearPoorPersons', 'farmPersons']),
      poorRate: { kind: 'rate', numerator: 'poor', denominator: 'households' },
      nearPoorRate: { kind: 'rate', numerator: 'nearPoor', denominator: 'households' },
      farmRate: { kind: 'rate', numerator: 'farm', denominator: 'households' },
      poorPersonsRate: { kind: 'rate', numerator: 'poorPersons', denominator: 'persons' },
      nearPoorPersonsRate: { kind: 'rate', numerator: 'nearPoorPersons', denominator: 'persons' },
      farmPersonsRate: { kind: 'rate', numerator: 'farmPersons', denominator: 'persons' },
    },
    describe: (key) => TABLE1_NAMES[key] ?? key,
  }, opts);
}

const TABLE1_NAMES: Record<string, string> = {
  households: 'tổng số hộ', persons: 'tổng số nhân khẩu', poor: 'số hộ nghèo', poorRate: 'tỷ lệ hộ nghèo',
  nearPoor: 'số hộ cận nghèo', nearPoorRate: 'tỷ lệ hộ cận nghèo', farm: 'số hộ NLN có mức sống trung bình',
  farmRate: 'tỷ lệ hộ NLN có mức sống trung bình', poorPersons: 'số khẩu nghèo', nearPoorPersons: 'số khẩu cận nghèo',
  farmPersons: 'số khẩu NLN có mức sống trung bình', poorPersonsRate: 'tỷ lệ khẩu nghèo',
  nearPoorPersonsRate: 'tỷ lệ khẩu cận nghèo', farmPersonsRate: 'tỷ lệ khẩu NLN có mức sống trung bình',
};

const MOVEMENT_END: ColumnCalc = {
  kind: 'expr',
  terms: [[1, 'start'], [-1, 'c2'], [-1, 'c3'], [-1, 'c4'], [1, 'c5'], [1, 'c6'], [1, 'c7'], [1, 'c8']],
};

const endColumn = (title: string): LeafColumn => ({ key: 'end', title, number: '9=1-2-3-4+5+6+7+8', format: 'count', width: 12 });

/** Table 2: TỔNG HỢP DIỄN BIẾN HỘ NGHÈO, rows "Hộ" / "Nhân khẩu" per unit. */
export function addTable2(wb: Workbook, r: SummaryReport, opts: WorkbookOptions): OfficialSheet {
  const columns: ColumnNode[] = [
    ttColumn(),
    nameColumn(r.unit.level),
    partColumn(),
    count('start', 'Tổng số hộ nghèo đầu kỳ', '1', 12),
    {
      title: 'Diễn biến giảm số hộ nghèo',
      children: [
        { title: 'Số hộ thoát nghèo', children: [count('c2', 'Trở thành hộ cận nghèo', '2'), count('c3', 'Vượt chuẩn cận nghèo', '3')] },
        count('c4', 'Số hộ khác: thay đổi nhân khẩu, hộ nghèo đơn thân chết, chuyển đi nơi khác, tách, …', '4', 16),
      ],
    },
    {
      title: 'Diễn biến tăng số hộ nghèo',
      children: [
        count('c5', 'Số hộ cận nghèo trở thành hộ nghèo', '5', 11),
        { title: 'Số hộ nghèo bổ sung trong kỳ', children: [count('c6', 'Tái nghèo', '6'), count('c7', 'Phát sinh mới', '7')] },
        count('c8', 'Số hộ khác: thay đổi nhân khẩu, chuyển đến, tách, …', '8', 14),
      ],
    },
    endColumn('Tổng số hộ nghèo cuối kỳ'),
  ];
  const row = (start: number | null | undefined, m: SummaryNode['poor']['movement'] | undefined, end: number | undefined) => ({
    start,
    c2: m?.toNearPoor, c3: m?.aboveNearPoor, c4: m?.otherOut, c5: m?.fromNearPoor, c6: m?.fellBack, c7: m?.newlyPoor, c8: m?.otherIn,
    end,
  });
  return treeSheet<SummaryNode>(wb, SHEET_NAMES.t2, {
    unit: r.unit, title: 'TỔNG HỢP DIỄN BIẾN HỘ NGHÈO', subtitle: yearLine(r.year, r.standard), columns,
  }, r, {
    parts: [
      { label: 'Hộ', values: (n) => row(n.poor.start, n.poor.movement, n.poor.end) },
      { label: 'Nhân khẩu', values: (n) => row(n.poor.persons?.start, n.poor.persons?.movement, n.poor.persons?.end) },
    ],
    calc: { ...sumAll(['start', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']), end: MOVEMENT_END },
    describe: (key) => `biểu 2 cột ${key === 'start' ? 1 : key === 'end' ? 9 : key.slice(1)}`,
  }, opts);
}

/** Table 3: TỔNG HỢP DIỄN BIẾN HỘ CẬN NGHÈO. */
export function addTable3(wb: Workbook, r: SummaryReport, opts: WorkbookOptions): OfficialSheet {
  const columns: ColumnNode[] = [
    ttColumn(),
    nameColumn(r.unit.level),
    partColumn(),
    count('start', 'Tổng số hộ cận nghèo đầu kỳ', '1', 12),
    {
      title: 'Diễn biến giảm',
      children: [
        count('c2', 'Số hộ thoát cận nghèo', '2'),
        count('c3', 'Số hộ cận nghèo trở thành hộ nghèo', '3', 11),
        count('c4', 'Số hộ khác: thay đổi nhân khẩu, hộ đơn thân chết, chuyển đi nơi khác, tách, nhập với hộ khác…', '4', 16),
      ],
    },
    {
      title: 'Diễn biến tăng số hộ cận nghèo',
      children: [
        count('c5', 'Số hộ nghèo trở thành hộ cận nghèo', '5', 11),
        { title: 'Số hộ bổ sung', children: [count('c6', 'Tái cận nghèo', '6'), count('c7', 'Phát sinh mới', '7')] },
        count('c8', 'Số hộ khác: thay đổi nhân khẩu, chuyển đến, tách, nhập với hộ khác…', '8', 14),
      ],
    },
    endColumn('Tổng số hộ cận nghèo cuối kỳ'),
  ];
  const row = (start: number | null | undefined, m: SummaryNode['nearPoor']['movement'] | undefined, end: number | undefined) => ({
    start,
    c2: m?.aboveNearPoor, c3: m?.toPoor, c4: m?.otherOut, c5: m?.fromPoor, c6: m?.fellBack, c7: m?.newlyNearPoor, c8: m?.otherIn,
    end,
  });
  return treeSheet<SummaryNode>(wb, SHEET_NAMES.t3, {
    unit: r.unit, title: 'TỔNG HỢP DIỄN BIẾN HỘ CẬN NGHÈO', subtitle: yearLine(r.year, r.standard), columns,
  }, r, {
    parts: [
      { label: 'Hộ', values: (n) => row(n.nearPoor.start, n.nearPoor.movement, n.nearPoor.end) },
      { label: 'Nhân khẩu', values: (n) => row(n.nearPoor.persons?.start, n.nearPoor.persons?.movement, n.nearPoor.persons?.end) },
    ],
    calc: { ...sumAll(['start', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']), end: MOVEMENT_END },
    describe: (key) => `biểu 3 cột ${key === 'start' ? 1 : key === 'end' ? 9 : key.slice(1)}`,
  }, opts);
}

/**
 * The reduction of the year against the plan (docs/RULES.md §4): rates at the start and the end,
 * the reduction in households and in percentage points, the multidimensional rate, and the plan
 * with its % achieved. Not one of the official tables: the figures the district reports in words.
 */
export function addPlanSheet(wb: Workbook, r: SummaryReport, opts: WorkbookOptions): OfficialSheet {
  const columns: ColumnNode[] = [
    ttColumn(),
    nameColumn(r.unit.level),
    {
      title: 'Đầu kỳ',
      children: [count('hhStart', 'Tổng số hộ dân cư', '1'), count('poorStart', 'Số hộ nghèo', '2'), rate('rateStart', 'Tỷ lệ hộ nghèo (%)', '3=2/1*100')],
    },
    {
      title: 'Cuối kỳ',
      children: [count('hhEnd', 'Tổng số hộ dân cư', '4'), count('poorEnd', 'Số hộ nghèo', '5'), rate('rateEnd', 'Tỷ lệ hộ nghèo (%)', '6=5/4*100')],
    },
    {
      title: 'Giảm trong kỳ',
      children: [count('reduction', 'Số hộ nghèo giảm', '7=2-5'), rate('points', 'Tỷ lệ hộ nghèo giảm (điểm %)', '8')],
    },
    rate('nearPoorRate', 'Tỷ lệ hộ cận nghèo cuối kỳ (%)', '9'),
    rate('multi', 'Tỷ lệ nghèo đa chiều cuối kỳ (%) (hộ nghèo + hộ cận nghèo)', '10', 14),
    {
      title: 'Kế hoạch giao',
      children: [
        { key: 'target', title: 'Chỉ tiêu giảm', number: '11', format: 'rate', width: 10 },
        { key: 'targetUnit', title: 'Đơn vị', number: '12', format: 'text', width: 9 },
        rate('achieved', '% đạt so với kế hoạch', '13'),
      ],
    },
  ];
  const sheet = treeSheet<SummaryNode>(wb, SHEET_NAMES.plan, {
    unit: r.unit, title: 'KẾT QUẢ GIẢM NGHÈO SO VỚI KẾ HOẠCH', subtitle: yearLine(r.year, r.standard), columns,
  }, r, {
    parts: [{
      values: (n) => ({
        hhStart: n.households.start, poorStart: n.poor.start, rateStart: n.poor.rateStart,
        hhEnd: n.households.end, poorEnd: n.poor.end, rateEnd: n.poor.rateEnd,
        reduction: n.poor.reduction, points: n.poor.reductionPoints,
        nearPoorRate: n.nearPoor.rateEnd, multi: n.multidimensionalRateEnd,
        target: n.plan?.target, achieved: n.plan?.achievedPercent,
      }),
    }],
    calc: {
      ...sumAll(['hhStart', 'poorStart', 'hhEnd', 'poorEnd']),
      rateStart: { kind: 'rate', numerator: 'poorStart', denominator: 'hhStart' },
      rateEnd: { kind: 'rate', numerator: 'poorEnd', denominator: 'hhEnd' },
      reduction: { kind: 'expr', terms: [[1, 'poorStart'], [-1, 'poorEnd']] },
    },
  }, opts);
  // the plan's unit is text: filled after the figures (the tree writer knows figures only)
  fillPlanUnits(sheet, r);
  return sheet;
}

function fillPlanUnits(sheet: OfficialSheet, root: SummaryNode): void {
  const col = sheet.col('targetUnit');
  let row = sheet.numberingRow + 1;
  const visit = (n: SummaryNode) => {
    if (n.plan && !n.missing) sheet.ws.getCell(row, col).value = n.plan.unit === 'points' ? 'điểm %' : 'hộ';
    row++;
    n.children?.forEach(visit);
  };
  visit(root);
}
