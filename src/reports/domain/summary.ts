import { CLASSES, CountUnit, ENTRIES, EXITS, get, metric, Metrics, MOVES, ReportClass } from '../../aggregates/domain/metrics';
import { achieved, PlanUnit, points, rate, round } from './rates';

/**
 * What the database summed for one row of a report (the unit itself or one of its children):
 * every value is a sum of stored round aggregates (round_aggregate), never a scan of households.
 */
export interface RowFacts {
  /** The decided rounds of the year under the row: every metric asked for, summed. */
  end: Metrics;
  /** The same, over the rounds that have no start (a baseline): left out of the start, the movement and the reduction. */
  endNoStart: Metrics;
  /** end.* of the previous year's rounds (or, for a split commune, what its movement saw at the start). */
  start: Metrics;
  /** total.* of the previous year's rounds, each round once. */
  startTotal: Metrics;
  rounds: number;
  /** rounds with no start (the first round under their standard: a baseline) */
  startNone: number;
  /** rounds whose start counts come from their household movement: a commune split off another one */
  startSplit: number;
  /** … or whose previous round was not found among the commune and its predecessors */
  startOrphan: number;
}

export interface ClassFigures {
  start: number | null;
  end: number | null;
  reduction: number | null;
  rateStart: number | null;
  rateEnd: number | null;
  reductionPoints: number | null;
  movement: Record<string, number> | null;
}

/** The unrounded figures of a row: rates are rounded only when the payload is written. */
export interface RawFigures {
  hasRounds: boolean;
  hasStart: boolean;
  partialStart: boolean;
  households: { start: number | null; end: number | null; endWithStart: number | null };
  persons: { start: number | null; end: number | null; endWithStart: number | null };
  classes: Record<ReportClass, Record<CountUnit, RawClass>>;
  farmAverage: { households: number | null; persons: number | null };
}

export interface RawClass {
  start: number | null;
  end: number | null;
  endWithStart: number | null;
  rateStart: number | null;
  rateEnd: number | null;
  /** the rate at the end over the rounds that have a start (the end of the reduction) */
  rateEndWithStart: number | null;
  movement: Record<string, number> | null;
}

/**
 * Turns summed facts into the row's figures. `startTotalsKnown` is false for a row whose start
 * total of households cannot be told apart (a commune split off another one).
 */
export function rawFigures(f: RowFacts, startTotalsKnown = true): RawFigures {
  const hasRounds = f.rounds > 0;
  const hasStart = hasRounds && f.startNone < f.rounds;
  const totals = (u: CountUnit) => {
    const name = u === 'households' ? metric.totalHouseholds : metric.totalPersons;
    return {
      start: hasStart && startTotalsKnown ? get(f.startTotal, name) : null,
      end: hasRounds ? get(f.end, name) : null,
      endWithStart: hasStart ? get(f.end, name) - get(f.endNoStart, name) : null,
    };
  };
  const households = totals('households');
  const persons = totals('persons');
  const cls = (c: ReportClass, u: CountUnit): RawClass => {
    const tot = u === 'households' ? households : persons;
    const start = hasStart ? get(f.start, metric.end(c, u)) : null;
    const end = hasRounds ? get(f.end, metric.end(c, u)) : null;
    const endWithStart = hasStart ? get(f.end, metric.end(c, u)) - get(f.endNoStart, metric.end(c, u)) : null;
    return {
      start, end, endWithStart,
      rateStart: rate(start, tot.start),
      rateEnd: rate(end, tot.end),
      rateEndWithStart: rate(endWithStart, tot.endWithStart),
      movement: hasStart ? Object.fromEntries(MOVES[c].map((k) => [k, get(f.end, metric.move(c, u, k))])) : null,
    };
  };
  const classes = Object.fromEntries(CLASSES.map((c) => [c, { households: cls(c, 'households'), persons: cls(c, 'persons') }])) as RawFigures['classes'];
  return {
    hasRounds, hasStart, partialStart: hasStart && f.startNone > 0,
    households, persons, classes,
    farmAverage: {
      households: hasRounds ? get(f.end, metric.farmAverage('households')) : null,
      persons: hasRounds ? get(f.end, metric.farmAverage('persons')) : null,
    },
  };
}

export interface Plan {
  target: number;
  unit: PlanUnit;
}

/** The payload figures of one class (docs/API.md "Summary report"): rates rounded here and only here. */
export function classPayload(c: RawClass): ClassFigures {
  const reduction = c.start !== null && c.endWithStart !== null ? c.start - c.endWithStart : null;
  return {
    start: c.start,
    end: c.end,
    reduction,
    rateStart: round(c.rateStart),
    rateEnd: round(c.rateEnd),
    reductionPoints: round(points(c.rateStart, c.rateEndWithStart)),
    movement: c.movement,
  };
}

export function planPayload(plan: Plan | null, poor: RawClass): { target: number; unit: PlanUnit; achievedPercent: number | null } | null {
  if (!plan) return null;
  const reduction = poor.start !== null && poor.endWithStart !== null ? poor.start - poor.endWithStart : null;
  return { target: plan.target, unit: plan.unit, achievedPercent: round(achieved(plan, points(poor.rateStart, poor.rateEndWithStart), reduction)) };
}

/** poor rate + near-poor rate at the end ("tỷ lệ nghèo đa chiều", labelled apart from the poor rate). */
export function multidimensionalRate(r: RawFigures, u: CountUnit = 'households'): number | null {
  const p = r.classes.poor[u].rateEnd;
  const n = r.classes.near_poor[u].rateEnd;
  return p === null || n === null ? null : round(p + n);
}

export interface Inconsistency {
  field: string;
  message: string;
  expected?: number;
  actual?: number;
}

/**
 * The checks every report passes (docs/RULES.md §3, §7): for poor and near-poor, households and
 * persons, end = start − exits − otherOut + entries + otherIn; poor→near-poor equals
 * near-poor-from-poor and the reverse; poor + near-poor never above the total (no rate above 100 %).
 */
export function reconcile(r: RawFigures): Inconsistency[] {
  const issues: Inconsistency[] = [];
  const u: CountUnit[] = ['households', 'persons'];
  if (r.hasStart) {
    for (const c of CLASSES) {
      for (const unit of u) {
        const k = r.classes[c][unit];
        const m = k.movement!;
        const expected = k.start! - EXITS[c].reduce((s, e) => s + m[e], 0) + ENTRIES[c].reduce((s, e) => s + m[e], 0);
        if (expected !== k.endWithStart) {
          issues.push({
            field: `${c === 'poor' ? 'poor' : 'nearPoor'}.${unit}`,
            message: `end ${k.endWithStart} ≠ start ${k.start} − exits − otherOut + entries + otherIn = ${expected}`,
            expected, actual: k.endWithStart!,
          });
        }
      }
    }
    for (const unit of u) {
      const p = r.classes.poor[unit].movement!;
      const n = r.classes.near_poor[unit].movement!;
      if (p.toNearPoor !== n.fromPoor) issues.push({ field: `poor.${unit}.movement.toNearPoor`, message: `poor → near-poor ${p.toNearPoor} ≠ near-poor from poor ${n.fromPoor}`, expected: n.fromPoor, actual: p.toNearPoor });
      if (p.fromNearPoor !== n.toPoor) issues.push({ field: `poor.${unit}.movement.fromNearPoor`, message: `near-poor → poor ${p.fromNearPoor} ≠ near-poor to poor ${n.toPoor}`, expected: n.toPoor, actual: p.fromNearPoor });
    }
  }
  for (const unit of u) {
    const tot = unit === 'households' ? r.households : r.persons;
    for (const when of ['start', 'end'] as const) {
      const total = tot[when];
      const poor = r.classes.poor[unit][when];
      const near = r.classes.near_poor[unit][when];
      if (total === null || poor === null || near === null) continue;
      if (poor + near > total) {
        issues.push({
          field: `${unit}.${when}`,
          message: `poor ${poor} + near-poor ${near} exceed the total of ${total} ${unit} (a rate above 100 %)`,
          expected: total, actual: poor + near,
        });
      }
    }
  }
  return issues;
}
