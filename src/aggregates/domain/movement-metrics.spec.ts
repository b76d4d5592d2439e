import type { MovementRow } from '../../reviews/domain/movement';
import { movementMetrics, movementTotalsFromMetrics } from './movement-metrics';
import { reconciliationErrors } from '../../reviews/domain/movement';

const row = (s: MovementRow['startClass'], e: MovementRow['endClass'], poorMove: string | null, nearPoorMove: string | null, ps: number, pe: number): MovementRow =>
  ({ startClass: s, endClass: e, poorMove, nearPoorMove, personsStart: ps, personsEnd: pe }) as MovementRow;

describe('movementMetrics: tables 2 and 3 as stored metrics (the persons rule of personsContribution)', () => {
  it.each([
    // [case, rows, metric, expected]
    ['a poor household escaping above near-poor counts its start persons', [row('poor', 'none', 'aboveNearPoor', null, 5, 4)], 'movement.poor.persons.aboveNearPoor', 5],
    ['a household moving away counts its start persons as other out', [row('poor', 'none', 'otherOut', null, 3, 0)], 'movement.poor.persons.otherOut', 3],
    ['a newly poor household counts its end persons', [row('none', 'poor', 'newlyPoor', null, 2, 6)], 'movement.poor.persons.newlyPoor', 6],
    ['a staying household that grew books the growth as other in', [row('poor', 'poor', 'stay', null, 4, 6)], 'movement.poor.persons.otherIn', 2],
    ['a staying household that shrank books the loss as other out', [row('poor', 'poor', 'stay', null, 4, 1)], 'movement.poor.persons.otherOut', 3],
    ['poor → near-poor: start persons on both sides', [row('poor', 'near_poor', 'toNearPoor', 'fromPoor', 5, 7)], 'movement.near_poor.persons.fromPoor', 5],
    ['poor → near-poor: the growth is other in of the near-poor (the end class)', [row('poor', 'near_poor', 'toNearPoor', 'fromPoor', 5, 7)], 'movement.near_poor.persons.otherIn', 2],
    ['poor → near-poor: nothing booked to the poor beyond the transition', [row('poor', 'near_poor', 'toNearPoor', 'fromPoor', 5, 7)], 'movement.poor.persons.otherIn', 0],
    ['near-poor → poor that shrank: other out of the poor', [row('near_poor', 'poor', 'fromNearPoor', 'toPoor', 5, 3)], 'movement.poor.persons.otherOut', 2],
    ['households are counted once per kind', [row('poor', 'none', 'aboveNearPoor', null, 1, 1), row('poor', 'none', 'aboveNearPoor', null, 2, 2)], 'movement.poor.households.aboveNearPoor', 2],
  ])('%s', (_, rows, name, expected) => {
    expect(movementMetrics(rows as MovementRow[])[name as string]).toBe(expected);
  });

  it('always reconciles persons: end = start − exits − otherOut + entries + otherIn', () => {
    const rows = [
      row('poor', 'poor', 'stay', null, 4, 6), row('poor', 'near_poor', 'toNearPoor', 'fromPoor', 5, 3),
      row('poor', 'none', 'aboveNearPoor', null, 2, 2), row('poor', 'none', 'otherOut', null, 1, 0),
      row('near_poor', 'poor', 'fromNearPoor', 'toPoor', 3, 4), row('none', 'poor', 'fellBack', null, 0, 5),
      row('none', 'poor', 'newlyPoor', null, 0, 2), row('none', 'poor', 'otherIn', null, 0, 7),
      row('near_poor', 'near_poor', null, 'stay', 6, 5), row('near_poor', 'none', null, 'aboveNearPoor', 2, 2),
      row('none', 'near_poor', null, 'newlyNearPoor', 0, 3),
    ];
    const m = movementMetrics(rows);
    const k = (c: string, kind: string) => m[`movement.${c}.persons.${kind}`];
    expect(k('poor', 'end')).toBe(k('poor', 'start') - k('poor', 'toNearPoor') - k('poor', 'aboveNearPoor') - k('poor', 'otherOut')
      + k('poor', 'fromNearPoor') + k('poor', 'fellBack') + k('poor', 'newlyPoor') + k('poor', 'otherIn'));
    expect(k('near_poor', 'end')).toBe(k('near_poor', 'start') - k('near_poor', 'toPoor') - k('near_poor', 'aboveNearPoor') - k('near_poor', 'otherOut')
      + k('near_poor', 'fromPoor') + k('near_poor', 'fellBack') + k('near_poor', 'newlyNearPoor') + k('near_poor', 'otherIn'));
    expect(k('poor', 'toNearPoor')).toBe(k('near_poor', 'fromPoor'));
    expect(k('poor', 'fromNearPoor')).toBe(k('near_poor', 'toPoor'));
  });
});

describe('movementTotalsFromMetrics: the stored metrics read back', () => {
  it('gives the totals movementMetrics stored, and they reconcile', () => {
    const rows = [
      row('poor', 'poor', 'stay', null, 4, 6), row('poor', 'near_poor', 'toNearPoor', 'fromPoor', 5, 3),
      row('near_poor', 'poor', 'fromNearPoor', 'toPoor', 3, 4), row('none', 'poor', 'newlyPoor', null, 0, 2),
      row('near_poor', 'none', null, 'aboveNearPoor', 2, 2),
    ];
    const t = movementTotalsFromMetrics(movementMetrics(rows));
    expect(t.households.poor).toEqual({ start: 2, end: 3, movement: { toNearPoor: 1, aboveNearPoor: 0, otherOut: 0, fromNearPoor: 1, fellBack: 0, newlyPoor: 1, otherIn: 0 } });
    expect(t.persons.poor.start).toBe(9);
    expect(reconciliationErrors(t)).toEqual([]);
  });
});
