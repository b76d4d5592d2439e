import type { Workbook } from 'exceljs';
import { DomainError } from '../../common/errors/domain-error';
import type { BreakdownNode, BreakdownReport, DeprivationCounts, MultidimensionalClass } from '../report-inputs';
import { count, nameColumn, partColumn, rate, treeSheet, ttColumn, WorkbookOptions, yearLine } from './common';
import { ColumnNode, round2 } from './official-sheet';
import { ColumnCalc } from './tree-table';

/**
 * Tables 4–13 of the official report (docs/LAW.md §3.7; report-layouts/4–5): deprivations
 * of poor and near-poor households in counts and shares, target groups, ethnicity, causes of
 * poverty, children, and the multidimensional-standard summary.
 */

export const BREAKDOWN_SHEETS = {
  t4: '4. Thiếu hụt của hộ nghèo',
  t5: '5. Tỷ lệ thiếu hụt hộ nghèo',
  t6: '6. Thiếu hụt của hộ cận nghèo',
  t7: '7. Tỷ lệ thiếu hụt hộ cận nghèo',
  t8: '8. Nhóm đối tượng',
  t9: '9. Dân tộc',
  t10: '10. Nguyên nhân nghèo',
  t11: '11. Trẻ em',
  t12: '12. Hộ nghèo đa chiều',
  t13: '13. Hộ cận nghèo đa chiều',
} as const;

type ClassKey = 'poor' | 'nearPoor';
const CLASS_NAME: Record<ClassKey, string> = { poor: 'hộ nghèo', nearPoor: 'hộ cận nghèo' };
const upper = (s: string) => s.toLocaleUpperCase('vi');

const sumOf = (keys: string[]): Record<string, ColumnCalc> => Object.fromEntries(keys.map((k) => [k, { kind: 'sum' } as ColumnCalc]));

/** Tables 4 and 6: households deprived in each indicator, and the total of deprivations. */
export function addDeprivationCounts(wb: Workbook, r: BreakdownReport, cls: ClassKey, opts: WorkbookOptions): void {
  const ind = r.indicators.map((x, i) => ({ key: `i${i}`, ref: x }));
  const columns: ColumnNode[] = [
    ttColumn(),
    nameColumn(r.unit.level),
    count('households', `Tổng số ${CLASS_NAME[cls]}`, '1'),
    count('total', 'Tổng số thiếu hụt', `2=${ind.length ? `3+…+${ind.length + 2}` : '0'}`),
    {
      title: `Chỉ số thiếu hụt dịch vụ xã hội cơ bản của ${CLASS_NAME[cls]}`,
      children: ind.map((x, i) => count(x.key, x.ref.name, String(i + 3), 11)),
    },
  ];
  treeSheet<BreakdownNode>(wb, cls === 'poor' ? BREAKDOWN_SHEETS.t4 : BREAKDOWN_SHEETS.t6, {
    unit: r.unit,
    title: `PHÂN TÍCH CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA ${upper(CLASS_NAME[cls])}`,
    subtitle: yearLine(r.year, r.standard),
    columns,
  }, r, {
    parts: [{
      values: (n) => {
        const d = checkedDeprivations(n, cls, r);
        return { households: d.households, ...Object.fromEntries(ind.map((x) => [x.key, d.byIndicator[x.ref.key] ?? 0])) };
      },
    }],
    calc: {
      ...sumOf(['households', ...ind.map((x) => x.key)]),
      total: { kind: 'expr', terms: ind.map((x) => [1, x.key] as const) },
    },
  }, opts);
}

/** Tables 5 and 7: the share (%) of the class's households deprived in each indicator; empty where the class has no household. */
export function addDeprivationShares(wb: Workbook, r: BreakdownReport, cls: ClassKey, opts: WorkbookOptions): void {
  const ind = r.indicators.map((x, i) => ({ key: `i${i}`, ref: x }));
  const columns: ColumnNode[] = [
    ttColumn(),
    nameColumn(r.unit.level),
    count('households', `Tổng số ${CLASS_NAME[cls]}`, '1'),
    {
      title: `Tỷ lệ chỉ số thiếu hụt dịch vụ xã hội cơ bản của ${CLASS_NAME[cls]} (%)`,
      children: ind.map((x, i) => rate(x.key, x.ref.name, `${i + 2}`, 11)),
    },
  ];
  treeSheet<BreakdownNode>(wb, cls === 'poor' ? BREAKDOWN_SHEETS.t5 : BREAKDOWN_SHEETS.t7, {
    unit: r.unit,
    title: `PHÂN TÍCH TỶ LỆ CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA ${upper(CLASS_NAME[cls])}`,
    subtitle: yearLine(r.year, r.standard),
    columns,
  }, r, {
    parts: [{
      values: (n) => {
        const d = checkedDeprivations(n, cls, r);
        // the counts are on the previous sheet: the shares are values, computed from the exact counts
        const share = (c: number) => (d.households > 0 ? round2((c / d.households) * 100) : null);
        return { households: d.households, ...Object.fromEntries(ind.map((x) => [x.key, share(d.byIndicator[x.ref.key] ?? 0)])) };
      },
    }],
    calc: sumOf(['households']),
  }, opts);
}

/** The class's deprivation counts of a row, after checking no indicator counts more households than the class has. */
function checkedDeprivations(n: BreakdownNode, cls: ClassKey, r: BreakdownReport): DeprivationCounts {
  const d = n.deprivations[cls];
  for (const key of r.indicators.map((x) => x.key)) {
    const c = d.byIndicator[key] ?? 0;
    if (c < 0 || c > d.households) {
      throw new DomainError(
        'REPORT_INCONSISTENT',
        `${n.unit.name} (${n.unit.code}): ${c} ${CLASS_NAME[cls]} deprived in ${key}, of ${d.households}`,
        [{ field: `deprivations.${cls}.byIndicator.${key}`, message: 'more deprived households than households', unitCode: n.unit.code }],
      );
    }
  }
  return d;
}

/** Table 8: poor and near-poor households by target group, rows "Hộ" / "Nhân khẩu". */
export function addTargetGroups(wb: Workbook, r: BreakdownReport, opts: WorkbookOptions): void {
  const block = (cls: ClassKey, first: number): ColumnNode => ({
    title: cls === 'poor' ? 'Hộ nghèo' : 'Hộ cận nghèo',
    children: [
      count(`${cls}Total`, 'Tổng số', String(first)),
      {
        title: 'Chia theo nhóm đối tượng',
        children: [
          count(`${cls}Minority`, 'Hộ dân tộc thiểu số', String(first + 1)),
          count(`${cls}NoLabour`, 'Hộ không có khả năng lao động', String(first + 2), 12),
          count(`${cls}Meritorious`, 'Hộ có người có công với cách mạng', String(first + 3), 12),
          count(`${cls}Other`, 'Hộ khác (không thuộc các nhóm trên)', String(first + 4), 12),
        ],
      },
      count(`${cls}Female`, 'Trong đó: chủ hộ là nữ', String(first + 5)),
    ],
  });
  const keys = ['Total', 'Minority', 'NoLabour', 'Meritorious', 'Other', 'Female'].flatMap((k) => [`poor${k}`, `nearPoor${k}`]);
  const values = (n: BreakdownNode, field: 'households' | 'persons') => {
    const out: Record<string, number> = {};
    for (const cls of ['poor', 'nearPoor'] as const) {
      const g = n.targetGroups[cls];
      out[`${cls}Total`] = g.total[field];
      out[`${cls}Minority`] = g.ethnicMinority[field];
      out[`${cls}NoLabour`] = g.noLabour[field];
      out[`${cls}Meritorious`] = g.meritorious[field];
      out[`${cls}Other`] = g.other[field];
      out[`${cls}Female`] = g.femaleHead[field];
      for (const k of ['Minority', 'NoLabour', 'Meritorious', 'Other', 'Female']) {
        if (out[`${cls}${k}`] > out[`${cls}Total`]) {
          throw new DomainError('REPORT_INCONSISTENT', `${n.unit.name} (${n.unit.code}): a target group of ${CLASS_NAME[cls]} exceeds their total (${field})`, [
            { field: `targetGroups.${cls}`, message: `${k} above total`, unitCode: n.unit.code },
          ]);
        }
      }
    }
    return out;
  };
  treeSheet<BreakdownNode>(wb, BREAKDOWN_SHEETS.t8, {
    unit: r.unit,
    title: 'PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO CÁC NHÓM ĐỐI TƯỢNG',
    subtitle: yearLine(r.year, r.standard),
    columns: [ttColumn(), nameColumn(r.unit.level), partColumn(), block('poor', 1), block('nearPoor', 7)],
  }, r, {
    parts: [
      { label: 'Hộ', values: (n) => values(n, 'households') },
      { label: 'Nhân khẩu', values: (n) => values(n, 'persons') },
    ],
    calc: sumOf(keys),
  }, opts);
}

/** Table 9: poor and near-poor households by the head's ethnic group, rows "Hộ" / "Nhân khẩu". */
export function addEthnicity(wb: Workbook, r: BreakdownReport, opts: WorkbookOptions): void {
  const kinh = r.ethnicGroups.filter((g) => !g.minority);
  const minorities = r.ethnicGroups.filter((g) => g.minority);
  const calc: Record<string, ColumnCalc> = {};
  const block = (cls: ClassKey, first: number): ColumnNode => {
    const minorityFirst = first + 1 + kinh.length;
    const groupCols = minorities.map((g, i) => count(`${cls}_${g.code}`, g.name, String(minorityFirst + 1 + i), 9));
    const kinhCols = kinh.map((g, i) => count(`${cls}_${g.code}`, g.name, String(first + 1 + i), 9));
    calc[`${cls}Total`] = { kind: 'expr', terms: [...kinh.map((g) => [1, `${cls}_${g.code}`] as const), [1, `${cls}Minority`] as const] };
    calc[`${cls}Minority`] = { kind: 'expr', terms: minorities.map((g) => [1, `${cls}_${g.code}`] as const) };
    for (const g of r.ethnicGroups) calc[`${cls}_${g.code}`] = { kind: 'sum' };
    return {
      title: cls === 'poor' ? 'Hộ nghèo' : 'Hộ cận nghèo',
      children: [
        count(`${cls}Total`, 'Tổng số', `${first}=${kinh.length ? `${first + 1}+` : ''}${minorityFirst}`),
        ...kinhCols,
        count(`${cls}Minority`, 'Dân tộc thiểu số', minorities.length > 1 ? `${minorityFirst}=${minorityFirst + 1}+…+${minorityFirst + minorities.length}` : `${minorityFirst}`),
        ...(groupCols.length ? [{ title: 'Trong đó', children: groupCols }] : []),
      ],
    };
  };
  const poorBlock = block('poor', 1);
  const nearFirst = 1 + 1 + kinh.length + minorities.length + 1;
  const nearBlock = block('nearPoor', nearFirst);
  const values = (n: BreakdownNode, field: 'households' | 'persons') => {
    const out: Record<string, number> = {};
    for (const cls of ['poor', 'nearPoor'] as const) {
      const by = n.ethnicity[cls];
      let minority = 0;
      for (const g of r.ethnicGroups) {
        const v = by[g.code]?.[field] ?? 0;
        out[`${cls}_${g.code}`] = v;
        if (g.minority) minority += v;
      }
      const unknown = Object.keys(by).filter((code) => !r.ethnicGroups.some((g) => g.code === code) && (by[code]?.[field] ?? 0) > 0);
      if (unknown.length) {
        throw new DomainError('REPORT_INCONSISTENT', `${n.unit.name} (${n.unit.code}): ethnic groups without a column: ${unknown.join(', ')}`, [
          { field: `ethnicity.${cls}`, message: 'group missing from ethnicGroups', unitCode: n.unit.code },
        ]);
      }
      out[`${cls}Minority`] = minority;
      // the total by ethnicity must be the class's total of table 8
      out[`${cls}Total`] = n.targetGroups[cls].total[field];
    }
    return out;
  };
  treeSheet<BreakdownNode>(wb, BREAKDOWN_SHEETS.t9, {
    unit: r.unit,
    title: 'PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO DÂN TỘC',
    subtitle: yearLine(r.year, r.standard),
    columns: [ttColumn(), nameColumn(r.unit.level), partColumn(), poorBlock, nearBlock],
  }, r, {
    parts: [
      { label: 'Hộ', values: (n) => values(n, 'households') },
      { label: 'Nhân khẩu', values: (n) => values(n, 'persons') },
    ],
    calc,
  }, opts);
}

/** Table 10: households by cause of poverty (a household may have several causes). */
export function addCauses(wb: Workbook, r: BreakdownReport, opts: WorkbookOptions): void {
  const block = (cls: ClassKey, first: number): ColumnNode => ({
    title: cls === 'poor' ? 'Hộ nghèo' : 'Hộ cận nghèo',
    children: [
      count(`${cls}Households`, `Tổng số ${CLASS_NAME[cls]}`, String(first)),
      {
        title: cls === 'poor' ? 'Nguyên nhân nghèo (số hộ)' : 'Nguyên nhân cận nghèo (số hộ)',
        children: r.causeList.map((c, i) => count(`${cls}_${c.code}`, c.name, String(first + 1 + i), 11)),
      },
    ],
  });
  const keys = ['poor', 'nearPoor'].flatMap((cls) => [`${cls}Households`, ...r.causeList.map((c) => `${cls}_${c.code}`)]);
  treeSheet<BreakdownNode>(wb, BREAKDOWN_SHEETS.t10, {
    unit: r.unit,
    title: 'PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO NGUYÊN NHÂN NGHÈO',
    subtitle: yearLine(r.year, r.standard),
    columns: [ttColumn(), nameColumn(r.unit.level), block('poor', 1), block('nearPoor', 2 + r.causeList.length)],
  }, r, {
    parts: [{
      values: (n) => {
        const out: Record<string, number> = {};
        for (const cls of ['poor', 'nearPoor'] as const) {
          const households = n.deprivations[cls].households;
          out[`${cls}Households`] = households;
          for (const c of r.causeList) {
            const v = n.causes[cls][String(c.code)] ?? 0;
            if (v > households) {
              throw new DomainError('REPORT_INCONSISTENT', `${n.unit.name} (${n.unit.code}): ${v} ${CLASS_NAME[cls]} with cause ${c.code}, of ${households}`, [
                { field: `causes.${cls}.${c.code}`, message: 'more households than the class has', unitCode: n.unit.code },
              ]);
            }
            out[`${cls}_${c.code}`] = v;
          }
        }
        return out;
      },
    }],
    calc: sumOf(keys),
  }, opts);
}

/** Table 11: children of poor and near-poor households and their deprivations. */
export function addChildren(wb: Workbook, r: BreakdownReport, opts: WorkbookOptions): void {
  const block = (cls: ClassKey, first: number): ColumnNode => ({
    title: cls === 'poor' ? 'Trẻ em thuộc hộ nghèo' : 'Trẻ em thuộc hộ cận nghèo',
    children: [
      count(`${cls}Children`, 'Tổng số trẻ em (dưới 16 tuổi)', String(first), 12),
      {
        title: 'Thiếu hụt về y tế',
        children: [
          count(`${cls}NoInsurance`, 'Không có bảo hiểm y tế', String(first + 1), 11),
          count(`${cls}Malnourished`, 'Suy dinh dưỡng', String(first + 2), 11),
        ],
      },
      { title: 'Thiếu hụt về giáo dục', children: [count(`${cls}OutOfSchool`, 'Không đi học đúng độ tuổi', String(first + 3), 11)] },
    ],
  });
  const keys = ['poor', 'nearPoor'].flatMap((cls) => ['Children', 'NoInsurance', 'Malnourished', 'OutOfSchool'].map((k) => `${cls}${k}`));
  treeSheet<BreakdownNode>(wb, BREAKDOWN_SHEETS.t11, {
    unit: r.unit,
    title: 'TỔNG HỢP CHỈ TIÊU THIẾU HỤT CỦA TRẺ EM THUỘC HỘ NGHÈO, HỘ CẬN NGHÈO',
    subtitle: yearLine(r.year, r.standard),
    columns: [ttColumn(), nameColumn(r.unit.level), block('poor', 1), block('nearPoor', 5)],
  }, r, {
    parts: [{
      values: (n) => {
        const out: Record<string, number> = {};
        for (const cls of ['poor', 'nearPoor'] as const) {
          const c = n.childDeprivations[cls];
          out[`${cls}Children`] = c.children;
          out[`${cls}NoInsurance`] = c.noHealthInsurance;
          out[`${cls}Malnourished`] = c.malnourished;
          out[`${cls}OutOfSchool`] = c.outOfSchool;
          if (Math.max(c.noHealthInsurance, c.malnourished, c.outOfSchool) > c.children) {
            throw new DomainError('REPORT_INCONSISTENT', `${n.unit.name} (${n.unit.code}): more deprived children than children in ${CLASS_NAME[cls]}`, [
              { field: `childDeprivations.${cls}`, message: 'deprived children above the total', unitCode: n.unit.code },
            ]);
          }
        }
        return out;
      },
    }],
    calc: sumOf(keys),
  }, opts);
}

/** Tables 12 and 13: TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO / HỘ CẬN NGHÈO THEO CHUẨN NGHÈO ĐA CHIỀU. */
export function addMultidimensional(wb: Workbook, r: BreakdownReport, cls: ClassKey, opts: WorkbookOptions): void {
  const name = CLASS_NAME[cls];
  const split = (prefix: string, first: number) => [
    count(`${prefix}Total`, 'Tổng', `${first}=${first + 1}+${first + 2}`),
    count(`${prefix}Kinh`, 'Kinh', String(first + 1), 9),
    count(`${prefix}Minority`, 'DTTS chung', String(first + 2), 9),
    count(`${prefix}Local`, 'Trong đó: DT tại chỗ', String(first + 3), 10),
  ];
  const columns: ColumnNode[] = [
    ttColumn(),
    nameColumn(r.unit.level),
    { title: 'Tổng số hộ chung', children: split('hh', 1) },
    { title: 'Tổng số khẩu chung', children: split('pp', 5) },
    { title: `Tổng số ${name}`, children: split('c', 9) },
    {
      title: 'Trong đó',
      children: [
        count('meritorious', 'Hộ chính sách có công', '13', 10),
        count('noLabour', 'Hộ không có khả năng lao động', '14', 11),
        count('femaleHead', 'Chủ hộ là nữ', '15', 9),
      ],
    },
    { title: `Tổng số khẩu ${name}`, children: split('cp', 16) },
    {
      title: 'Tỷ lệ (%)',
      children: [
        rate('rate', `Tỷ lệ ${name}`, '20=9/1*100'),
        rate('rateMinority', `Tỷ lệ ${name} DTTS`, '21=11/3*100'),
        rate('rateLocal', `Tỷ lệ ${name} DT tại chỗ`, '22=12/4*100'),
      ],
    },
  ];
  const calc: Record<string, ColumnCalc> = {
    ...sumOf(['meritorious', 'noLabour', 'femaleHead']),
    rate: { kind: 'rate', numerator: 'cTotal', denominator: 'hhTotal' },
    rateMinority: { kind: 'rate', numerator: 'cMinority', denominator: 'hhMinority' },
    rateLocal: { kind: 'rate', numerator: 'cLocal', denominator: 'hhLocal' },
  };
  for (const p of ['hh', 'pp', 'c', 'cp']) {
    Object.assign(calc, sumOf([`${p}Kinh`, `${p}Minority`, `${p}Local`]));
    calc[`${p}Total`] = { kind: 'expr', terms: [[1, `${p}Kinh`], [1, `${p}Minority`]] };
  }
  treeSheet<BreakdownNode>(wb, cls === 'poor' ? BREAKDOWN_SHEETS.t12 : BREAKDOWN_SHEETS.t13, {
    unit: r.unit,
    title: `TỔNG HỢP KẾT QUẢ RÀ SOÁT ${upper(name)} THEO CHUẨN NGHÈO ĐA CHIỀU`,
    subtitle: yearLine(r.year, r.standard),
    columns,
  }, r, {
    parts: [{
      values: (n) => {
        const m = n.multidimensional;
        const c: MultidimensionalClass = m[cls];
        return {
          hhTotal: m.households.total, hhKinh: m.households.kinh, hhMinority: m.households.minority, hhLocal: m.households.localMinority,
          ppTotal: m.persons.total, ppKinh: m.persons.kinh, ppMinority: m.persons.minority, ppLocal: m.persons.localMinority,
          cTotal: c.households.total, cKinh: c.households.kinh, cMinority: c.households.minority, cLocal: c.households.localMinority,
          cpTotal: c.persons.total, cpKinh: c.persons.kinh, cpMinority: c.persons.minority, cpLocal: c.persons.localMinority,
          meritorious: c.meritorious, noLabour: c.noLabour, femaleHead: c.femaleHead,
        };
      },
    }],
    calc,
  }, opts);
}
