import { MovementRow, MovementTotals, tallyMovement } from '../../reviews/domain/movement';
import { CLASSES, CountUnit, get, metric, Metrics, MOVES, ReportClass } from './metrics';

/**
 * The movement of tables 2 and 3 as round_aggregate metrics, and back. The counting itself is
 * reviews/domain/movement.ts (`tallyMovement`, whose persons rule is `personsContribution`); this
 * file only names the figures. In SQL the same rule is the view review_movement_flow, which
 * AggregatesRepository.insertMovement sums; test/aggregates checks that the stored metrics equal
 * `movementMetrics` of the round's movement rows.
 */

const SIDE = { poor: 'poor', near_poor: 'nearPoor' } as const satisfies Record<ReportClass, keyof MovementTotals['households']>;
const UNITS: readonly CountUnit[] = ['households', 'persons'];

/** The metrics of one round's movement rows: start, end and each kind per class and unit, households that stay, the row count. */
export function movementMetrics(rows: readonly MovementRow[]): Metrics {
  const t = tallyMovement(rows);
  const out: Metrics = { [metric.movementRows]: rows.length };
  for (const c of CLASSES) {
    for (const u of UNITS) {
      const side = t[u][SIDE[c]];
      out[metric.move(c, u, 'start')] = side.start;
      out[metric.move(c, u, 'end')] = side.end;
      for (const k of MOVES[c]) out[metric.move(c, u, k)] = (side.movement as Record<string, number>)[k];
    }
    out[metric.move(c, 'households', 'stay')] = rows.filter((r) => (c === 'poor' ? r.poorMove : r.nearPoorMove) === 'stay').length;
  }
  return out;
}

/** The movement totals of stored (or summed) metrics, for the reconciliation and the round's movement summary. */
export function movementTotalsFromMetrics(m: Metrics): MovementTotals {
  const side = (c: ReportClass, u: CountUnit) => ({
    start: get(m, metric.move(c, u, 'start')),
    end: get(m, metric.move(c, u, 'end')),
    movement: Object.fromEntries(MOVES[c].map((k) => [k, get(m, metric.move(c, u, k))])),
  });
  return {
    households: { poor: side('poor', 'households'), nearPoor: side('near_poor', 'households') },
    persons: { poor: side('poor', 'persons'), nearPoor: side('near_poor', 'persons') },
  } as MovementTotals;
}
