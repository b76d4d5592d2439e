/**
 * Alkire–Foster measures (docs/RULES.md §4): a separate lens from the official rate, which also
 * needs low income. Over the reviewed households of a unit, each dimension weighs 1/6 (1/D), split
 * equally among its indicators; a household is multidimensionally poor when its weighted
 * deprivation score is ≥ k = 25 %. H = share of such households, A = their average score,
 * M0 = H × A, and each indicator's contribution to M0 = w_i × (censored headcount_i) / M0.
 *
 * Scores are kept as exact integers in units of 1/AF_UNIT, so sums over millions of households
 * and the k comparison never suffer from floating point: AF_UNIT = 6 × lcm(1..12), so any
 * dimension of up to 12 indicators (and up to 6 dimensions) gets an integer weight.
 */
export const AF_UNIT = 6 * 27_720; // 166,320
/** k = 25 %, as a fraction. */
export const AF_K = { num: 1, den: 4 } as const;
/** The smallest score (in AF units) that makes a household multidimensionally poor. */
export const AF_K_UNITS = (AF_UNIT * AF_K.num) / AF_K.den;

export interface IndicatorDef {
  key: string;
  dimension: string;
}

export interface IndicatorWeight extends IndicatorDef {
  /** The weight in AF units (an integer). */
  units: number;
  /** The weight as a fraction of 1. */
  weight: number;
}

/** The weights of a standard's indicators: 1/D per dimension, split equally among its indicators. */
export function afWeights(indicators: readonly IndicatorDef[]): IndicatorWeight[] {
  const perDimension = new Map<string, number>();
  for (const i of indicators) perDimension.set(i.dimension, (perDimension.get(i.dimension) ?? 0) + 1);
  const dimensions = perDimension.size;
  if (dimensions === 0) return [];
  return indicators.map((i) => {
    const n = perDimension.get(i.dimension)!;
    const units = AF_UNIT / (dimensions * n);
    if (!Number.isInteger(units)) throw new Error(`Alkire–Foster weight of ${i.key} is not a whole number of units (${dimensions} dimensions, ${n} indicators)`);
    return { ...i, units, weight: units / AF_UNIT };
  });
}

/** The weighted deprivation score of one household, in AF units. */
export function afScore(weights: readonly IndicatorWeight[], deprivations: readonly string[]): number {
  const set = new Set(deprivations);
  return weights.reduce((s, w) => s + (set.has(w.key) ? w.units : 0), 0);
}

export const isAfPoor = (scoreUnits: number): boolean => scoreUnits >= AF_K_UNITS;

/** Sums over the reviewed households of a unit (stored per round as af.* aggregates). */
export interface AfSums {
  households: number;
  poor: number;
  /** Σ score of the multidimensionally poor, in AF units. */
  score: number;
  /** Per indicator: multidimensionally poor households deprived in it (censored headcount). */
  deprived: Record<string, number>;
}

export interface AfMeasures {
  /** Headcount ratio: share of multidimensionally poor households (0..1). */
  H: number | null;
  /** Intensity: average weighted score of the poor (0..1). */
  A: number | null;
  /** Adjusted headcount ratio M0 = H × A (0..1). */
  M0: number | null;
  contributions: { key: string; dimension: string; weight: number; censoredHeadcount: number; censoredHeadcountRatio: number | null; contribution: number | null }[];
}

/** H, A, M0 and the contributions, unrounded (the payload rounds). */
export function afMeasures(weights: readonly IndicatorWeight[], s: AfSums): AfMeasures {
  const n = s.households;
  const H = n > 0 ? s.poor / n : null;
  const A = s.poor > 0 ? s.score / (s.poor * AF_UNIT) : null;
  const M0 = n > 0 ? s.score / (n * AF_UNIT) : null;
  return {
    H, A, M0,
    contributions: weights.map((w) => {
      const count = s.deprived[w.key] ?? 0;
      return {
        key: w.key,
        dimension: w.dimension,
        weight: w.weight,
        censoredHeadcount: count,
        censoredHeadcountRatio: n > 0 ? count / n : null,
        // w_i × CH_i / M0 = w_units × count / Σ score
        contribution: s.score > 0 ? (w.units * count) / s.score : null,
      };
    }),
  };
}
