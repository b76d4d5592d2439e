import { COMMUNES } from './chiem-hoa';
import { Rng } from './rng';

/**
 * The figures the Chiêm Hóa demo must produce, per commune, so that the district report
 * reproduces the article (docs/RULES.md §8):
 * review 2021 (start of 2022): 9,776 poor of 31,223 households; review 2022 (end of 2022): 8,162
 * poor of 31,344; plan 4.32 points. 2023 and the near-poor figures are plausible inventions.
 *
 * The register seed (households) makes exactly `households[y]` households active at each review;
 * the review seed picks which households are poor / near-poor to hit `poor[y]` / `nearPoor[y]`,
 * and gives each one inputs (B1 score, deprivations) from which the rules yield that class.
 */
export const DEMO_YEARS = [2021, 2022, 2023] as const;
export type DemoYear = (typeof DEMO_YEARS)[number];

/** The decision date of each year's periodic round (the district's schedule in the demo). */
export const REVIEW_DECISION_DATE: Record<DemoYear, string> = { 2021: '2021-12-10', 2022: '2022-12-09', 2023: '2023-12-08' };

export const DISTRICT_TOTALS = {
  households: { 2021: 31_223, 2022: 31_344, 2023: 31_452 },
  poor: { 2021: 9_776, 2022: 8_162, 2023: 6_958 },
  nearPoor: { 2021: 3_105, 2022: 3_387, 2023: 3_290 },
  /** households leaving the register (moved away, died out, merged) during the year before the review */
  removed: { 2022: 160, 2023: 150 },
  /** households joining it (moved in, split off) during the year before the review */
  added: { 2022: 281, 2023: 258 },
  /** the district's plan for 2022: reduce the poor-household rate by 4.32 points (122 % achieved) */
  planPoints2022: 4.32,
} as const;

export interface CommunePlan {
  code: string;
  households: Record<DemoYear, number>;
  poor: Record<DemoYear, number>;
  nearPoor: Record<DemoYear, number>;
  removed: Record<2022 | 2023, number>;
  added: Record<2022 | 2023, number>;
}

/** Splits `total` in proportion to `weights`, whole numbers that add up exactly (largest remainder). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length][1]]++;
  return out;
}

let cached: CommunePlan[] | undefined;

/** The per-commune plan: deterministic, and its sums are exactly DISTRICT_TOTALS. */
export function demoPlan(): CommunePlan[] {
  if (cached) return cached;
  const rng = new Rng(73);
  // size of each commune (the town is the largest) and how poor it is (the town far less)
  const size = COMMUNES.map((c) => (c.kind === 'thi_tran' ? 2.2 : 0.7 + rng.next() * 0.9));
  const poverty = COMMUNES.map((c) => (c.kind === 'thi_tran' ? 0.12 : 0.7 + rng.next() * 0.8));
  const hh = (y: DemoYear) => apportion(DISTRICT_TOTALS.households[y], size);
  const h21 = hh(2021);
  const removed22 = apportion(DISTRICT_TOTALS.removed[2022], size);
  const added22 = apportion(DISTRICT_TOTALS.added[2022], size);
  const removed23 = apportion(DISTRICT_TOTALS.removed[2023], size);
  const added23 = apportion(DISTRICT_TOTALS.added[2023], size);
  const h22 = h21.map((h, i) => h - removed22[i] + added22[i]);
  const h23 = h22.map((h, i) => h - removed23[i] + added23[i]);
  const poorW = (hs: number[], decay: number[]) => hs.map((h, i) => h * poverty[i] * decay[i]);
  // poverty falls faster in some communes than in others
  const fall22 = COMMUNES.map(() => 0.8 + rng.next() * 0.15);
  const fall23 = COMMUNES.map(() => 0.78 + rng.next() * 0.15);
  const ones = COMMUNES.map(() => 1);
  const poor21 = apportion(DISTRICT_TOTALS.poor[2021], poorW(h21, ones));
  const poor22 = apportion(DISTRICT_TOTALS.poor[2022], poorW(h22, fall22));
  const poor23 = apportion(DISTRICT_TOTALS.poor[2023], poorW(h23, fall22.map((f, i) => f * fall23[i])));
  const near = (y: DemoYear, hs: number[]) => apportion(DISTRICT_TOTALS.nearPoor[y], hs.map((h, i) => h * (0.5 + poverty[i] * 0.5)));
  const near21 = near(2021, h21);
  const near22 = near(2022, h22);
  const near23 = near(2023, h23);
  cached = COMMUNES.map((c, i) => ({
    code: c.code,
    households: { 2021: h21[i], 2022: h22[i], 2023: h23[i] },
    poor: { 2021: poor21[i], 2022: poor22[i], 2023: poor23[i] },
    nearPoor: { 2021: near21[i], 2022: near22[i], 2023: near23[i] },
    removed: { 2022: removed22[i], 2023: removed23[i] },
    added: { 2022: added22[i], 2023: added23[i] },
  }));
  return cached;
}
