/**
 * Every number and date the app shows goes through these functions: Vietnamese formats
 * (1.500.000; 31,31 %; 5,27 điểm %; 1.500.000 đ; dd/mm/yyyy; dd/mm/yyyy HH:mm). A missing value
 * (null, undefined, NaN) is shown as an em dash.
 */
export const EMPTY = '—';

type Num = number | string | null | undefined;

function toNumber(v: Num): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

const formatters = new Map<string, Intl.NumberFormat>();
function nf(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true });
    formatters.set(key, f);
  }
  return f;
}

/** 1500000 → "1.500.000"; with `digits`, that many decimals (1234,5 → "1.234,50"). */
export function formatInt(v: Num, digits = 0): string {
  const n = toNumber(v);
  // "-0" would read as a minus sign in front of nothing
  return n === undefined ? EMPTY : nf(digits, digits).format(Object.is(n, -0) ? 0 : n);
}

/** A number with up to `max` decimals, none forced: 4.32 → "4,32", 4 → "4". */
export function formatNumber(v: Num, max = 2): string {
  const n = toNumber(v);
  return n === undefined ? EMPTY : nf(0, max).format(n);
}

/** A rate already in percent: 31.31 → "31,31 %" (two decimals, as the reports compute them). */
export function formatRate(v: Num, digits = 2): string {
  const n = toNumber(v);
  return n === undefined ? EMPTY : `${nf(digits, digits).format(n)} %`;
}

/** A difference of rates in percentage points: 5.27 → "5,27 điểm %". */
export function formatPoints(v: Num, digits = 2): string {
  const n = toNumber(v);
  return n === undefined ? EMPTY : `${nf(digits, digits).format(n)} điểm %`;
}

/** Money in đồng: 1500000 → "1.500.000 đ". */
export function formatMoney(v: Num): string {
  const n = toNumber(v);
  return n === undefined ? EMPTY : `${nf(0, 0).format(n)} đ`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date: "2024-03-05" or a Date → "05/03/2024". Date-only strings are not shifted by the time zone. */
export function formatDate(v: string | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const d = typeof v === 'string' ? new Date(v) : v;
  if (Number.isNaN(d.getTime())) return EMPTY;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** A moment, in the browser's time zone: "05/03/2024 14:07". */
export function formatDateTime(v: string | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  const d = typeof v === 'string' ? new Date(v) : v;
  if (Number.isNaN(d.getTime())) return EMPTY;
  return `${formatDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A count with its noun: (1614, 'hộ') → "1.614 hộ". */
export function formatCount(v: Num, noun: string): string {
  const s = formatInt(v);
  return s === EMPTY ? EMPTY : `${s} ${noun}`;
}

/** Bytes for an upload: 1536 → "1,5 KB". */
export function formatBytes(v: Num): string {
  const n = toNumber(v);
  if (n === undefined) return EMPTY;
  if (n < 1024) return `${formatInt(n)} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, 1)} KB`;
  return `${formatNumber(n / 1024 / 1024, 1)} MB`;
}

/** A fall as the reports say it: 5.27 → "giảm 5,27 điểm %", -0.86 → "tăng 0,86 điểm %". */
export function formatPointsChange(v: Num): string {
  const n = toNumber(v);
  if (n === undefined) return EMPTY;
  return n >= 0 ? `giảm ${formatPoints(n)}` : `tăng ${formatPoints(-n)}`;
}

/** A fall in a count: (1614, 'hộ') → "giảm 1.614 hộ", (-282, 'hộ') → "tăng 282 hộ". */
export function formatCountChange(v: Num, noun: string): string {
  const n = toNumber(v);
  if (n === undefined) return EMPTY;
  return n >= 0 ? `giảm ${formatCount(n, noun)}` : `tăng ${formatCount(-n, noun)}`;
}
