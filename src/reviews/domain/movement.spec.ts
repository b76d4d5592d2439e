import {
  householdMovement, MovementError, MovementFacts, MovementRow, MoveClass, personsContribution, reconciliationErrors, tallyMovement, toMoveClass,
} from './movement';

const f = (startClass: MoveClass, endClass: MoveClass, over: Partial<MovementFacts> = {}): MovementFacts => ({
  startClass, endClass, activeAtEnd: true, registeredAfterStart: false, poorEarlier: false, nearPoorEarlier: false, ...over,
});

describe('householdMovement: every kind of move (docs/RULES.md §3)', () => {
  const cases: [string, MovementFacts, string | null, string | null][] = [
    ['poor → poor: stays', f('poor', 'poor'), 'stay', null],
    ['poor → near-poor: to near-poor / from poor', f('poor', 'near_poor'), 'toNearPoor', 'fromPoor'],
    ['poor → above, still here: above the near-poor line', f('poor', 'none'), 'aboveNearPoor', null],
    ['poor, moved away: other out', f('poor', 'none', { activeAtEnd: false }), 'otherOut', null],
    ['near-poor → poor: from near-poor / to poor', f('near_poor', 'poor'), 'fromNearPoor', 'toPoor'],
    ['near-poor → near-poor: stays', f('near_poor', 'near_poor'), null, 'stay'],
    ['near-poor → above: above the near-poor line', f('near_poor', 'none'), null, 'aboveNearPoor'],
    ['near-poor, died out: other out', f('near_poor', 'none', { activeAtEnd: false }), null, 'otherOut'],
    ['none → poor, never poor: newly poor', f('none', 'poor'), 'newlyPoor', null],
    ['none → poor, poor at an earlier round: fell back', f('none', 'poor', { poorEarlier: true }), 'fellBack', null],
    ['none → poor, only near-poor earlier: newly poor', f('none', 'poor', { nearPoorEarlier: true }), 'newlyPoor', null],
    ['none → poor, registered after the start (split off, moved in): other in', f('none', 'poor', { registeredAfterStart: true }), 'otherIn', null],
    ['new household that was poor earlier elsewhere: still other in', f('none', 'poor', { registeredAfterStart: true, poorEarlier: true }), 'otherIn', null],
    ['none → near-poor, never near-poor: newly near-poor', f('none', 'near_poor'), null, 'newlyNearPoor'],
    ['none → near-poor, near-poor earlier: fell back into near-poverty', f('none', 'near_poor', { nearPoorEarlier: true }), null, 'fellBack'],
    ['none → near-poor, poor earlier only: newly near-poor', f('none', 'near_poor', { poorEarlier: true }), null, 'newlyNearPoor'],
    ['none → near-poor, new household: other in', f('none', 'near_poor', { registeredAfterStart: true }), null, 'otherIn'],
    ['none → none: no movement', f('none', 'none'), null, null],
    ['none, gone: no movement', f('none', 'none', { activeAtEnd: false }), null, null],
  ];
  it.each(cases)('%s', (_n, facts, poor, near) => {
    expect(householdMovement(facts)).toEqual({ poorMove: poor, nearPoorMove: near });
  });

  it('refuses a gone household on the end list', () => {
    expect(() => householdMovement(f('poor', 'poor', { activeAtEnd: false }))).toThrow(MovementError);
  });

  it.each([['poor', 'poor'], ['near_poor', 'near_poor'], ['average', 'none'], ['above', 'none'], [null, 'none'], [undefined, 'none']])(
    'classes for movement: %s → %s', (c, m) => expect(toMoveClass(c)).toBe(m));
});

describe('personsContribution: the persons rule', () => {
  const row = (s: MoveClass, e: MoveClass, ps: number, pe: number, over: Partial<MovementFacts> = {}): MovementRow => ({
    startClass: s, endClass: e, personsStart: ps, personsEnd: pe, ...householdMovement(f(s, e, over)),
  });
  const cases: [string, MovementRow, object][] = [
    ['a poor household that stays with the same members adds nothing', row('poor', 'poor', 4, 4), { poor: {}, nearPoor: {} }],
    ['a poor household that gains a baby: +1 other in (poor)', row('poor', 'poor', 4, 5), { poor: { otherIn: 1 }, nearPoor: {} }],
    ['a poor household that loses 2 members: 2 other out (poor)', row('poor', 'poor', 5, 3), { poor: { otherOut: 2 }, nearPoor: {} }],
    ['poor → near-poor: start persons on both sides, the change on the near-poor side', row('poor', 'near_poor', 4, 6), { poor: { toNearPoor: 4 }, nearPoor: { fromPoor: 4, otherIn: 2 } }],
    ['near-poor → poor, shrinking: start persons, the change on the poor side', row('near_poor', 'poor', 5, 4), { poor: { fromNearPoor: 5, otherOut: 1 }, nearPoor: { toPoor: 5 } }],
    ['poor → above: start persons', row('poor', 'none', 3, 7), { poor: { aboveNearPoor: 3 }, nearPoor: {} }],
    ['poor, moved away: start persons', row('poor', 'none', 6, 0, { activeAtEnd: false }), { poor: { otherOut: 6 }, nearPoor: {} }],
    ['newly poor: end persons', row('none', 'poor', 2, 5), { poor: { newlyPoor: 5 }, nearPoor: {} }],
    ['fell back: end persons', row('none', 'poor', 0, 3, { poorEarlier: true }), { poor: { fellBack: 3 }, nearPoor: {} }],
    ['new near-poor household: end persons as other in', row('none', 'near_poor', 0, 2, { registeredAfterStart: true }), { poor: {}, nearPoor: { otherIn: 2 } }],
    ['near-poor that stays and grows', row('near_poor', 'near_poor', 3, 4), { poor: {}, nearPoor: { otherIn: 1 } }],
  ];
  it.each(cases)('%s', (_n, r, expected) => expect(personsContribution(r)).toEqual(expected));
});

describe('every combination reconciles, households and persons', () => {
  const classes: MoveClass[] = ['poor', 'near_poor', 'none'];
  const bools = [false, true];
  const all: MovementRow[] = [];
  for (const s of classes) for (const e of classes) for (const active of bools) for (const after of bools)
    for (const pe1 of bools) for (const ne1 of bools) for (const ps of [1, 3, 6]) for (const pe of [1, 3, 6]) {
      if (!active && e !== 'none') continue;
      if (after && s !== 'none') continue; // a household registered after the start was on no start list
      const m = householdMovement(f(s, e, { activeAtEnd: active, registeredAfterStart: after, poorEarlier: pe1, nearPoorEarlier: ne1 }));
      if (!m.poorMove && !m.nearPoorMove) continue;
      all.push({ startClass: s, endClass: e, ...m, personsStart: s === 'none' ? 0 : ps, personsEnd: e === 'none' ? 0 : pe });
    }

  it('has every kind of move among the combinations', () => {
    const poorMoves = new Set(all.map((r) => r.poorMove));
    const nearMoves = new Set(all.map((r) => r.nearPoorMove));
    for (const k of ['toNearPoor', 'aboveNearPoor', 'otherOut', 'fromNearPoor', 'fellBack', 'newlyPoor', 'otherIn', 'stay']) expect(poorMoves).toContain(k);
    for (const k of ['toPoor', 'aboveNearPoor', 'otherOut', 'fromPoor', 'fellBack', 'newlyNearPoor', 'otherIn', 'stay']) expect(nearMoves).toContain(k);
  });

  it.each(all.map((r, i) => [i, r] as const))('combination %i reconciles on its own', (_i, r) => {
    expect(reconciliationErrors(tallyMovement([r]))).toEqual([]);
  });

  it('reconciles over all of them together and over random mixes', () => {
    expect(reconciliationErrors(tallyMovement(all))).toEqual([]);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let k = 0; k < 50; k++) {
      const mix = all.filter(() => rnd() < 0.3);
      const t = tallyMovement(mix);
      expect(reconciliationErrors(t)).toEqual([]);
      expect(t.households.poor.movement.toNearPoor).toBe(t.households.nearPoor.movement.fromPoor);
      expect(t.persons.poor.movement.toNearPoor).toBe(t.persons.nearPoor.movement.fromPoor);
    }
  });

  it('detects a movement that does not reconcile', () => {
    const t = tallyMovement(all);
    t.persons.poor.movement.newlyPoor += 1;
    expect(reconciliationErrors(t)).toEqual([expect.stringContaining('persons: poor end')]);
  });
});
