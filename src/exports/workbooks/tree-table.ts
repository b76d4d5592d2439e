import { DomainError } from '../../common/errors/domain-error';
import type { ReportUnit } from '../report-inputs';
import { FormulaValue, OfficialSheet, round2, SheetValue } from './official-sheet';

/**
 * Writes a unit tree as table rows: the reporting unit first (the total, bold), then its children
 * numbered 1, 2… (bold when they have children of their own, as the districts of a province
 * report) and their children numbered 1.1, 1.2… Each unit may take several rows ("Hộ" /
 * "Nhân khẩu"), with TT and the name merged over them.
 *
 * What is derived is written as a formula with its value stored, and checked on the way:
 * - `sum` columns: a parent's count is SUM of its children's cells, and must equal the parent's
 *   own figure (a report whose total is not the sum of its rows is refused, never written);
 * - `rate` columns: ROUND(count/denominator*100, 2), left empty when the denominator is 0, and
 *   refused above 100 % (the error of the screenshots where the denominator was missing);
 * - `expr` columns: a signed sum of other columns of the row (the movement's
 *   9 = 1 − 2 − 3 − 4 + 5 + 6 + 7 + 8), which must equal the figure the report gives.
 */

export type ColumnCalc =
  | { kind: 'sum' }
  | { kind: 'plain' }
  | { kind: 'rate'; numerator: string; denominator: string }
  | { kind: 'expr'; terms: ReadonlyArray<readonly [1 | -1, string]> };

export interface TreeNode<N> {
  unit: ReportUnit;
  missing?: boolean;
  children?: N[];
}

export interface RowPart<N> {
  /** The "Phân tổ" label ("Hộ", "Nhân khẩu"); omitted when a unit has one row. */
  label?: string;
  /** The figures of this row, by column key; null: nothing to show. */
  values(node: N): Record<string, number | null | undefined>;
}

export interface TreeTableSpec<N> {
  parts: RowPart<N>[];
  /** How each figure column is derived (columns not listed are `plain`). */
  calc: Record<string, ColumnCalc>;
  /** What the report calls the figure in an error (default: the column title). */
  describe?: (key: string) => string;
}

interface WrittenRow {
  row: number;
  values: Record<string, number | null>;
}

const EPS = 1e-9;

export function inconsistent(unit: ReportUnit, what: string, expected: number, found: number): DomainError {
  return new DomainError(
    'REPORT_INCONSISTENT',
    `${unit.name} (${unit.code}): ${what} is ${found}, but its parts give ${expected}`,
    [{ field: what, message: `expected ${expected}, found ${found}`, unitCode: unit.code }],
  );
}

/** Writes the tree; returns the units shown as missing (their round is not decided yet). */
export function writeTree<N extends TreeNode<N>>(sheet: OfficialSheet, root: N, spec: TreeTableSpec<N>): ReportUnit[] {
  const missing: ReportUnit[] = [];
  const figureKeys = sheet.leaves.filter((c) => c.format !== 'text').map((c) => c.key);
  const describe = spec.describe ?? ((key: string) => sheet.leaf(key).title);
  const order = expressionOrder(figureKeys, spec.calc);

  const visit = (node: N, tt: string, depth: number): WrittenRow[] => {
    // rows are reserved in reading order (the parent above its children) and filled after them
    const rows = spec.parts.map(() => sheet.reserveRow());
    const childRows: WrittenRow[][] = [];
    (node.children ?? []).forEach((child, i) => {
      childRows.push(visit(child, tt ? `${tt}.${i + 1}` : String(i + 1), depth + 1));
    });
    if (node.missing) missing.push(node.unit);
    const hasChildren = childRows.length > 0;
    const written = spec.parts.map((part, p): WrittenRow => {
      const given = node.missing ? {} : part.values(node);
      const cells: Record<string, SheetValue> = {
        tt: p === 0 ? tt : null,
        name: p === 0 ? node.unit.name : null,
        part: part.label ?? null,
      };
      const values: Record<string, number | null> = {};
      const what = (key: string) => `${describe(key)}${part.label ? ` (${part.label})` : ''}`;
      /** A parent's SUM over its children's cells, checked against the parent's own figure. */
      const sumOfChildren = (key: string, own: number | null): FormulaValue | undefined => {
        if (!hasChildren || node.missing) return undefined;
        const parts = childRows.map((c) => c[p]).filter((c) => c.values[key] !== null && c.values[key] !== undefined);
        if (!parts.length) return undefined;
        const total = parts.reduce((s, c) => s + (c.values[key] as number), 0);
        if (own !== null && Math.abs(own - total) > EPS) throw inconsistent(node.unit, what(key), total, own);
        return { formula: sumFormula(parts.map((c) => sheet.ref(key, c.row))), result: total };
      };
      // 1. counts: given, or for a parent the SUM of its children (and the two must agree)
      for (const key of figureKeys) {
        const calc = spec.calc[key] ?? { kind: 'plain' };
        if (calc.kind !== 'sum' && calc.kind !== 'plain') continue;
        const own = num(given[key]);
        const summed = calc.kind === 'sum' ? sumOfChildren(key, own) : undefined;
        values[key] = summed ? summed.result : own;
        cells[key] = summed ?? own;
      }
      // 2. signed sums of the row (the movement's end), checked against the given figure
      for (const key of order) {
        const calc = spec.calc[key];
        if (calc?.kind !== 'expr') continue;
        const own = num(given[key]);
        const terms = calc.terms.map(([sign, k]) => [sign, k, values[k]] as const);
        if (node.missing || terms.some(([, , v]) => v === null || v === undefined)) {
          // no movement (a baseline year): the end as given, or the SUM of the children's ends
          const summed = sumOfChildren(key, own);
          values[key] = summed ? summed.result : own;
          cells[key] = summed ?? own;
          continue;
        }
        const result = terms.reduce((s, [sign, , v]) => s + sign * (v as number), 0);
        if (own !== null && Math.abs(own - result) > EPS) {
          throw inconsistent(node.unit, what(key), result, own);
        }
        values[key] = result;
        cells[key] = {
          formula: terms.map(([sign, k], i) => `${sign < 0 ? '-' : i ? '+' : ''}${sheet.ref(k, rows[p])}`).join(''),
          result,
        };
      }
      // 3. rates from the row's counts
      for (const key of figureKeys) {
        const calc = spec.calc[key];
        if (calc?.kind !== 'rate') continue;
        const n = values[calc.numerator];
        const d = values[calc.denominator];
        if (n === null || n === undefined || d === null || d === undefined || d <= 0) {
          values[key] = null;
          cells[key] = null;
          continue;
        }
        if (n > d + EPS) {
          throw new DomainError(
            'REPORT_INCONSISTENT',
            `${node.unit.name} (${node.unit.code}): ${describe(calc.numerator)} (${n}) exceeds ${describe(calc.denominator)} (${d}); a rate cannot pass 100 %`,
            [{ field: describe(key), message: 'rate above 100 %', unitCode: node.unit.code }],
          );
        }
        const rate = round2((n / d) * 100);
        const own = num(given[key]);
        if (own !== null && Math.abs(own - rate) > 0.0051) {
          throw inconsistent(node.unit, describe(key), rate, own);
        }
        values[key] = rate;
        const f: FormulaValue = { formula: `ROUND(${sheet.ref(calc.numerator, rows[p])}/${sheet.ref(calc.denominator, rows[p])}*100,2)`, result: rate };
        cells[key] = f;
      }
      const bold = depth === 0 || hasChildren;
      sheet.writeRow(rows[p], cells, { bold, italic: node.missing });
      return { row: rows[p], values };
    });
    if (spec.parts.length > 1) {
      sheet.mergeDown('tt', rows[0], rows[rows.length - 1]);
      sheet.mergeDown('name', rows[0], rows[rows.length - 1]);
    }
    return written;
  };

  visit(root, '', 0);
  return missing;
}

/** Expression columns in dependency order: one may use another (table 9: total = Kinh + minorities). */
function expressionOrder(keys: string[], calc: Record<string, ColumnCalc>): string[] {
  const pending = keys.filter((k) => calc[k]?.kind === 'expr');
  const isExpr = new Set(pending);
  const order: string[] = [];
  while (pending.length) {
    const i = pending.findIndex((k) => (calc[k] as { terms: ReadonlyArray<readonly [number, string]> }).terms.every(([, t]) => !isExpr.has(t) || order.includes(t)));
    if (i < 0) throw new Error(`circular column expressions: ${pending.join(', ')}`);
    order.push(pending.splice(i, 1)[0]);
  }
  return order;
}

/** SUM over cells; runs of adjacent rows become ranges; never more than 200 arguments per SUM. */
export function sumFormula(refs: string[]): string {
  const args: string[] = [];
  let i = 0;
  while (i < refs.length) {
    const [col, row] = split(refs[i]);
    let j = i;
    while (j + 1 < refs.length) {
      const [c2, r2] = split(refs[j + 1]);
      if (c2 !== col || r2 !== row + (j + 1 - i)) break;
      j++;
    }
    args.push(j > i ? `${refs[i]}:${refs[j]}` : refs[i]);
    i = j + 1;
  }
  if (args.length <= 200) return `SUM(${args.join(',')})`;
  const chunks: string[] = [];
  for (let k = 0; k < args.length; k += 200) chunks.push(`SUM(${args.slice(k, k + 200).join(',')})`);
  return `SUM(${chunks.join(',')})`;
}

function split(ref: string): [string, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad reference ${ref}`);
  return [m[1], Number(m[2])];
}

function num(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
