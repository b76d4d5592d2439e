import { Metrics } from '../../aggregates/domain/metrics';
import { classPayload, multidimensionalRate, planPayload, rawFigures, reconcile, RowFacts } from './summary';

/** A commune: 100 households (400 persons) at the start, 102 (410) at the end; poor 20 → 15; near-poor 10 → 12. */
function facts(over: Partial<Metrics> = {}, f: Partial<RowFacts> = {}): RowFacts {
  const end: Metrics = {
    'total.households': 102, 'total.persons': 410,
    'end.poor.households': 15, 'end.poor.persons': 60, 'end.near_poor.households': 12, 'end.near_poor.persons': 45,
    // poor: 20 − 4 − 2 − 1 + 1 + 0 + 1 + 0 = 15 ; persons 80 − 16 − 8 − (3 + 2) + 4 + 0 + 3 + (0 + 2) = 60
    'movement.poor.households.toNearPoor': 4, 'movement.poor.households.aboveNearPoor': 2, 'movement.poor.households.otherOut': 1,
    'movement.poor.households.fromNearPoor': 1, 'movement.poor.households.fellBack': 0, 'movement.poor.households.newlyPoor': 1, 'movement.poor.households.otherIn': 0,
    'movement.poor.persons.toNearPoor': 16, 'movement.poor.persons.aboveNearPoor': 8, 'movement.poor.persons.otherOut': 5,
    'movement.poor.persons.fromNearPoor': 4, 'movement.poor.persons.fellBack': 0, 'movement.poor.persons.newlyPoor': 3, 'movement.poor.persons.otherIn': 2,
    // near-poor: 10 − 1 − 1 − 0 + 4 + 0 + 0 + 0 = 12 ; persons 40 − 4 − 5 − 0 + 16 + 0 + 0 + (−2 …) = 45
    'movement.near_poor.households.toPoor': 1, 'movement.near_poor.households.aboveNearPoor': 1, 'movement.near_poor.households.otherOut': 0,
    'movement.near_poor.households.fromPoor': 4, 'movement.near_poor.households.fellBack': 0, 'movement.near_poor.households.newlyNearPoor': 0, 'movement.near_poor.households.otherIn': 0,
    'movement.near_poor.persons.toPoor': 4, 'movement.near_poor.persons.aboveNearPoor': 5, 'movement.near_poor.persons.otherOut': 2,
    'movement.near_poor.persons.fromPoor': 16, 'movement.near_poor.persons.fellBack': 0, 'movement.near_poor.persons.newlyNearPoor': 0, 'movement.near_poor.persons.otherIn': 0,
    ...over,
  };
  return {
    end,
    endNoStart: {},
    start: { 'end.poor.households': 20, 'end.poor.persons': 80, 'end.near_poor.households': 10, 'end.near_poor.persons': 40 },
    startTotal: { 'total.households': 100, 'total.persons': 400 },
    rounds: 1, startNone: 0, startSplit: 0, startOrphan: 0,
    ...f,
  };
}

describe('summary figures of one row', () => {
  it('computes every figure by hand', () => {
    const r = rawFigures(facts());
    expect(reconcile(r)).toEqual([]);
    const poor = classPayload(r.classes.poor.households);
    expect(poor).toMatchObject({ start: 20, end: 15, reduction: 5, rateStart: 20, rateEnd: 14.71, reductionPoints: 5.29 }); // 15/102 = 14.7059 ; 20 − 14.7059 = 5.2941
    expect(classPayload(r.classes.near_poor.households)).toMatchObject({ start: 10, end: 12, reduction: -2, rateStart: 10, rateEnd: 11.76, reductionPoints: -1.76 });
    expect(classPayload(r.classes.poor.persons)).toMatchObject({ start: 80, end: 60, rateStart: 20, rateEnd: 14.63 }); // 60/410
    expect(multidimensionalRate(r)).toBe(26.47); // (15 + 12)/102 = 26.4706
    expect(planPayload({ target: 4, unit: 'points' }, r.classes.poor.households)).toEqual({ target: 4, unit: 'points', achievedPercent: 132.35 }); // 5.2941/4
    expect(planPayload({ target: 4, unit: 'households' }, r.classes.poor.households)!.achievedPercent).toBe(125);
  });

  it.each([
    ['a poor household count that does not reconcile', { 'end.poor.households': 16 }, 'poor.households'],
    ['near-poor persons that do not reconcile', { 'movement.near_poor.persons.otherIn': 1 }, 'nearPoor.persons'],
    ['poor → near-poor not matching near-poor from poor', { 'movement.poor.households.toNearPoor': 5, 'movement.poor.households.aboveNearPoor': 1 }, 'poor.households.movement.toNearPoor'],
    ['poor + near-poor above the total', { 'total.households': 20 }, 'households.end'],
  ])('flags %s', (_, over, field) => {
    expect(reconcile(rawFigures(facts(over)))).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('a baseline has no start and no movement, and nothing to reconcile', () => {
    const r = rawFigures(facts({}, { startNone: 1, start: {}, startTotal: {} }));
    expect(classPayload(r.classes.poor.households)).toEqual({ start: null, end: 15, reduction: null, rateStart: null, rateEnd: 14.71, reductionPoints: null, movement: null });
    expect(r.households.start).toBeNull();
    expect(reconcile(r)).toEqual([]);
    expect(planPayload({ target: 4, unit: 'points' }, r.classes.poor.households)!.achievedPercent).toBeNull();
  });

  it('no decided round: every figure is null', () => {
    const r = rawFigures({ end: {}, endNoStart: {}, start: {}, startTotal: {}, rounds: 0, startNone: 0, startSplit: 0, startOrphan: 0 });
    expect(classPayload(r.classes.poor.households)).toEqual({ start: null, end: null, reduction: null, rateStart: null, rateEnd: null, reductionPoints: null, movement: null });
  });
});
