import { CLASSES, CountUnit, metric, Metrics, MOVES, ReportClass } from './metrics';

/** One household's movement between the start and the end of the year (a review_movement row). */
export interface MovementRow {
  startClass: ReportClass | 'none';
  endClass: ReportClass | 'none';
  poorMove: string | null;
  nearPoorMove: string | null;
  personsStart: number;
  personsEnd: number;
}

/**
 * The movement counts of tables 2 and 3 (decisions.md §3), households and persons, in plain
 * TypeScript: the same rule the aggregates compute in SQL, kept here for the tests' recount.
 *
 * Persons rule: exits and transitions count the persons at the start; entries from outside the
 * lists count the persons at the end; a change in the number of members of a household that stays
 * in its class, or that moves from one class to the other, is booked as "other in" (more) or
 * "other out" (fewer) of the class it ends in. Then for each class and for persons
 *   end = start − exits − otherOut + entries + otherIn.
 */
export function tallyMovement(rows: readonly MovementRow[]): Metrics {
  const out: Metrics = { [metric.movementRows]: rows.length };
  for (const c of CLASSES) {
    for (const u of ['households', 'persons'] as CountUnit[]) {
      for (const k of [...MOVES[c], 'stay']) if (!(u === 'persons' && k === 'stay')) out[metric.move(c, u, k)] = 0;
      out[metric.move(c, u, 'start')] = 0;
      out[metric.move(c, u, 'end')] = 0;
    }
  }
  const add = (name: string, v: number) => (out[name] += v);
  for (const r of rows) {
    for (const c of CLASSES) {
      const kind = c === 'poor' ? r.poorMove : r.nearPoorMove;
      if (r.startClass === c) {
        add(metric.move(c, 'households', 'start'), 1);
        add(metric.move(c, 'persons', 'start'), r.personsStart);
      }
      if (r.endClass === c) {
        add(metric.move(c, 'households', 'end'), 1);
        add(metric.move(c, 'persons', 'end'), r.personsEnd);
      }
      if (!kind) continue;
      add(metric.move(c, 'households', kind), 1);
      if (kind !== 'stay') add(metric.move(c, 'persons', kind), r.startClass === 'none' ? r.personsEnd : r.personsStart);
      if (r.endClass === c && r.startClass !== 'none') {
        const d = r.personsEnd - r.personsStart;
        if (d > 0) add(metric.move(c, 'persons', 'otherIn'), d);
        if (d < 0) add(metric.move(c, 'persons', 'otherOut'), -d);
      }
    }
  }
  return out;
}
