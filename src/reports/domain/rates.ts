/**
 * Rates and rounding (docs/RULES.md §4): exact counts are kept; a rate is count ÷ total × 100 and
 * is rounded to 2 decimals only in payloads; a reduction is in percentage points, computed from the
 * unrounded rates and then rounded; % achieved = actual ÷ target × 100.
 */

/** Rounds half away from zero to `digits` decimals, immune to binary noise (1.005 → 1.01, 5.2699999999 → 5.27). */
export function round(x: number | null, digits = 2): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const a = Math.abs(x);
  if (a < 1e-12) return 0;
  const clean = Number(a.toPrecision(15));
  const r = Number(`${Math.round(Number(`${clean}e${digits}`))}e-${digits}`);
  return x < 0 ? -r : r;
}

/** count ÷ total × 100, unrounded; null when either is unknown or the total is 0. */
export function rate(count: number | null, total: number | null): number | null {
  if (count === null || total === null || total <= 0) return null;
  return (count * 100) / total;
}

/** Start rate − end rate, in percentage points (a fall is positive). */
export function points(rateStart: number | null, rateEnd: number | null): number | null {
  return rateStart === null || rateEnd === null ? null : rateStart - rateEnd;
}

export type PlanUnit = 'points' | 'households';

/** % of the plan achieved: the actual reduction (points or households) ÷ the target × 100. */
export function achieved(plan: { target: number; unit: PlanUnit }, reductionPoints: number | null, reductionHouseholds: number | null): number | null {
  const actual = plan.unit === 'points' ? reductionPoints : reductionHouseholds;
  if (actual === null || !(plan.target > 0)) return null;
  return (actual / plan.target) * 100;
}

/** Vietnamese number formatting for sentences: 8.162 ; 31,31. */
export function viNumber(x: number, decimals = 0): string {
  const [int, frac] = Math.abs(x).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${x < 0 ? '-' : ''}${grouped}${frac ? ',' + frac : ''}`;
}
