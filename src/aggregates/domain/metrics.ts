import { NEAR_POOR_ENTRIES, NEAR_POOR_EXITS, NEAR_POOR_MOVES, POOR_ENTRIES, POOR_EXITS, POOR_MOVES } from '../../reviews/domain/movement';

/**
 * The names of the per-round aggregate rows (round_aggregate.metric). A decided round is frozen,
 * so these counts are computed once (AggregatesService.rebuildRound) and reports only sum them.
 * Every value is an exact count (households, persons, children, weighted-score units): a sum
 * over rounds is again a meaningful figure.
 *
 *   total.households | total.persons                 the round's denominators (resident households and persons)
 *   total.households_fallback | total.persons_fallback 1 when the round had no total and the register was counted
 *   reviewed.households | reviewed.persons           households with a result in the round
 *   end.<class>.households | end.<class>.persons     decided class at the end of the round
 *   farm_average.households | farm_average.persons   recognised farm/forestry/fishery households of average living standard (table 1)
 *   movement.rows                                    movement rows written for the round (0 for a baseline)
 *   movement.<class>.households.<kind>               households per movement kind (tables 2 and 3), and `stay`
 *   movement.<class>.persons.<kind>                  persons per kind, by the persons rule (reviews/domain/movement.ts personsContribution)
 *   movement.<class>.<unit>.start | .end             what the movement saw at the start and at the end
 *   deprivation.<class>.<indicator> | .total         deprived households per indicator; the sum (tables 4–7)
 *   group.<class>.<unit>.<group>                     target groups (table 8; female head: tables 12/13)
 *   ethnic.<class>.<unit>.<code>                     head's ethnic group (table 9)
 *   cause.<class>.<code>                             causes of poverty 1–8 (table 10)
 *   children.<class>.<what>                          children and their deprivations (table 11)
 *   register.households[.minority] | register.persons[.minority]  the register at the decision (tables 12/13)
 *   af.households | af.poor | af.score | af.deprived.<indicator>  Alkire–Foster sums (domain/alkire-foster.ts)
 *
 * <class> is `poor` or `near_poor`; <unit> is `households` or `persons`.
 */
export const CLASSES = ['poor', 'near_poor'] as const;
export type ReportClass = (typeof CLASSES)[number];
export type CountUnit = 'households' | 'persons';

/** The movement kinds of tables 2 and 3, in column order: the lists of reviews/domain/movement.ts. */
export { POOR_MOVES, NEAR_POOR_MOVES } from '../../reviews/domain/movement';
export type { PoorMove, NearPoorMove } from '../../reviews/domain/movement';

export const MOVES: Record<ReportClass, readonly string[]> = { poor: POOR_MOVES, near_poor: NEAR_POOR_MOVES };
/** Decreases of each class: table 2 columns 2–4, table 3 columns 2–4. */
export const EXITS: Record<ReportClass, readonly string[]> = { poor: POOR_EXITS, near_poor: NEAR_POOR_EXITS };
/** Increases of each class: table 2 columns 5–8, table 3 columns 5–8. */
export const ENTRIES: Record<ReportClass, readonly string[]> = { poor: POOR_ENTRIES, near_poor: NEAR_POOR_ENTRIES };

/** Target groups of report table 8 (and the female head of tables 12/13). `other` = none of the first three. */
export const GROUPS = ['ethnic_minority', 'no_labour', 'meritorious', 'female_head', 'other'] as const;
export type TargetGroup = (typeof GROUPS)[number];

export const CHILDREN = ['total', 'no_insurance', 'malnourished', 'out_of_school'] as const;

export const metric = {
  totalHouseholds: 'total.households',
  totalPersons: 'total.persons',
  totalHouseholdsFallback: 'total.households_fallback',
  totalPersonsFallback: 'total.persons_fallback',
  reviewedHouseholds: 'reviewed.households',
  reviewedPersons: 'reviewed.persons',
  farmAverage: (u: CountUnit) => `farm_average.${u}`,
  movementRows: 'movement.rows',
  end: (c: ReportClass, u: CountUnit) => `end.${c}.${u}`,
  move: (c: ReportClass, u: CountUnit, kind: string) => `movement.${c}.${u}.${kind}`,
  deprivation: (c: ReportClass, key: string) => `deprivation.${c}.${key}`,
  group: (c: ReportClass, u: CountUnit, g: TargetGroup) => `group.${c}.${u}.${g}`,
  ethnic: (c: ReportClass, u: CountUnit, code: string) => `ethnic.${c}.${u}.${code}`,
  cause: (c: ReportClass, code: number | string) => `cause.${c}.${code}`,
  children: (c: ReportClass, what: (typeof CHILDREN)[number]) => `children.${c}.${what}`,
  registerHouseholds: 'register.households',
  registerHouseholdsMinority: 'register.households.minority',
  registerPersons: 'register.persons',
  registerPersonsMinority: 'register.persons.minority',
  afHouseholds: 'af.households',
  afPoor: 'af.poor',
  afScore: 'af.score',
  afDeprived: (key: string) => `af.deprived.${key}`,
} as const;

/** A bag of summed metrics: missing names read as 0. */
export type Metrics = Record<string, number>;
export const get = (m: Metrics | undefined, name: string): number => (m && m[name]) || 0;

/** Every metric the summary report reads of a year's rounds (tables 1–3): totals, ends, farm households, movement. */
export function summaryMetrics(): string[] {
  const out: string[] = [metric.totalHouseholds, metric.totalPersons, metric.totalHouseholdsFallback, metric.totalPersonsFallback,
    metric.farmAverage('households'), metric.farmAverage('persons')];
  for (const c of CLASSES) {
    for (const u of ['households', 'persons'] as CountUnit[]) {
      out.push(metric.end(c, u));
      for (const k of MOVES[c]) out.push(metric.move(c, u, k));
    }
  }
  return out;
}
