/**
 * Reading what officers' Excel files really contain (exceljs cell values): formula cells (the
 * cached result), rich text, hyperlinks, numbers typed as text with Vietnamese separators
 * ("1.500.000", "1,5"), currency suffixes, dates as serials or dd/mm/yyyy, tick marks ("x", "✓",
 * "có"), and names in NFD or with old tone-mark placement (cleanText keeps NFC).
 * Pure: no framework imports. Each parser returns { value } or { error } so an import can report
 * every bad cell with its row and column.
 */
import { cleanText, foldText } from '../text/vietnamese';

export type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

type Primitive = string | number | boolean | Date | null;

/** The plain value of an exceljs cell: formula → its cached result, rich text → its text. */
export function cellValue(v: unknown): Primitive {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o) return cellValue(o.result); // formula / shared formula
    if ('formula' in o || 'sharedFormula' in o) return null; // a formula without a cached result
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o) return cellValue(o.text); // hyperlink
    if ('error' in o) return null; // #N/A, #VALUE!…
  }
  return String(v);
}

/** The cell as clean text (NFC, single spaces, trimmed); '' when empty. */
export function cellText(v: unknown): string {
  const c = cellValue(v);
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return cleanText(String(c));
}

export function isBlank(v: unknown): boolean {
  return cellText(v) === '';
}

const CURRENCY = /\s*(vnđ|vnd|đồng|đ|d)\.?$/i;

/**
 * A number written by an officer. Dots or commas as thousands separators ("1.500.000",
 * "1,500,000", "1 500 000"), a comma or a dot as decimal separator when it is not a thousands
 * group ("1,5"), a currency suffix ("đ", "VNĐ", "đồng").
 */
export function parseNumber(v: unknown): Parsed<number | null> {
  const c = cellValue(v);
  if (c === null) return { value: null };
  if (typeof c === 'number') return Number.isFinite(c) ? { value: c } : { error: 'not a number' };
  if (typeof c === 'boolean' || c instanceof Date) return { error: 'not a number' };
  let s = cleanText(c).replace(CURRENCY, '').replace(/[\s\u00a0]/g, '');
  if (s === '' || s === '-') return { value: null };
  let sign = 1;
  if (s.startsWith('-')) { sign = -1; s = s.slice(1); }
  let n: number;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) n = Number(s.replace(/\./g, '').replace(',', '.')); // 1.500.000 or 1.500.000,5
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) n = Number(s.replace(/,/g, '')); // 1,500,000 or 1,500,000.5
  else if (/^\d+(,\d+)$/.test(s)) n = Number(s.replace(',', '.')); // 1,5
  else if (/^\d+(\.\d+)?$/.test(s)) n = Number(s);
  else return { error: `"${c}" is not a number` };
  return { value: sign * n };
}

/** A whole number within bounds (a score, an amount in VND). */
export function parseInteger(v: unknown, opts: { min?: number; max?: number } = {}): Parsed<number | null> {
  const p = parseNumber(v);
  if (p.error !== undefined || p.value === null) return p;
  const n = p.value;
  if (!Number.isInteger(n)) return { error: `${n} is not a whole number` };
  if (opts.min !== undefined && n < opts.min) return { error: `${n} is below ${opts.min}` };
  if (opts.max !== undefined && n > opts.max) return { error: `${n} is above ${opts.max}` };
  return { value: n };
}

const YES = new Set(['x', '✓', '✔', 'v', '1', 'co', 'yes', 'true', 'dung', 'thieu', 'thieu hut']);
const NO = new Set(['', '0', '-', 'khong', 'no', 'false', 'o', 'sai']);

/** A tick box: "x", "X", "✓", "1", "có" → true; empty, "0", "-", "không" → false. */
export function parseMark(v: unknown): Parsed<boolean> {
  const c = cellValue(v);
  if (c === null) return { value: false };
  if (typeof c === 'boolean') return { value: c };
  if (typeof c === 'number') return c === 1 ? { value: true } : c === 0 ? { value: false } : { error: `${c} is not a mark (x or empty)` };
  const f = foldText(String(c));
  if (YES.has(f)) return { value: true };
  if (NO.has(f)) return { value: false };
  return { error: `"${cleanText(String(c))}" is not a mark (x or empty)` };
}

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in). */
function fromSerial(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400 * 1000);
  return new Date(ms).toISOString().slice(0, 10);
}

function validDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** A date: an Excel date or serial, dd/mm/yyyy (Vietnamese order), dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd. */
export function parseDate(v: unknown): Parsed<string | null> {
  const c = cellValue(v);
  if (c === null) return { value: null };
  if (c instanceof Date) return { value: c.toISOString().slice(0, 10) };
  if (typeof c === 'number') return c > 0 && c < 2958466 ? { value: fromSerial(c) } : { error: `${c} is not a date` };
  const s = cleanText(String(c));
  if (s === '') return { value: null };
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const d = validDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return d ? { value: d } : { error: `"${s}" is not a valid date (dd/mm/yyyy)` };
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { value: d } : { error: `"${s}" is not a valid date` };
  }
  return { error: `"${s}" is not a date (dd/mm/yyyy)` };
}

/** A list in one cell: "1, 2; 5" or one per line. */
export function splitList(v: unknown): string[] {
  const c = cellValue(v);
  if (c === null) return [];
  return String(c)
    .split(/[,;\n\r/]+/)
    .map((s) => cleanText(s))
    .filter(Boolean);
}
