import {
  allowedActions, defaultOpinionRequired, IllegalTransition, isFrozen, listYearOf, nextStatus, postingEndDate, regularRoundDates,
  regularRoundFor, ROUND_ACTIONS, ROUND_STATUSES, RoundAction, RoundFacts, RoundKind, RoundStatus,
} from './round-state';

const facts = (status: RoundStatus, over: Partial<RoundFacts> = {}): RoundFacts => ({ status, kind: 'periodic', opinionRequired: true, ...over });

describe('the round state machine', () => {
  const legal: [string, RoundFacts, RoundAction, RoundStatus, number | null][] = [
    ['start a draft', facts('draft'), 'start', 'surveying', null],
    ['a meeting agreeing at 50 %', facts('surveying'), 'meeting', 'meeting', 50],
    ['a meeting agreeing at 49.99 % goes back to surveying', facts('surveying'), 'meeting', 'surveying', 49.99],
    ['post after the meeting', facts('meeting'), 'post', 'posted', null],
    ['re-post after a re-check', facts('posted'), 'post', 'posted', null],
    ['record the district chairman\'s opinion', facts('posted'), 'opinion', 'opinion', null],
    ['decide after the opinion', facts('opinion'), 'decide', 'decided', null],
    ['decide straight after posting when no opinion is required', facts('posted', { opinionRequired: false }), 'decide', 'decided', null],
    ['report a decision', facts('decided'), 'report', 'reported', null],
    ['report a baseline', facts('decided', { kind: 'baseline' }), 'report', 'reported', null],
    ['a regular round follows the same steps', facts('meeting', { kind: 'regular', opinionRequired: false }), 'post', 'posted', null],
  ];
  it.each(legal)('%s', (_n, r, action, to, pct) => {
    expect(nextStatus(r, action, { agreementPct: pct ?? undefined })).toBe(to);
  });

  // every (kind, status, opinionRequired, action) that is not legal is refused
  const illegal: [RoundKind, RoundStatus, boolean, RoundAction][] = [];
  for (const kind of ['periodic', 'regular', 'baseline'] as RoundKind[])
    for (const status of ROUND_STATUSES) for (const opinionRequired of [true, false]) for (const action of ROUND_ACTIONS) {
      if (!allowedActions({ kind, status, opinionRequired }).includes(action)) illegal.push([kind, status, opinionRequired, action]);
    }
  it('has a large set of illegal steps', () => expect(illegal.length).toBeGreaterThan(100));
  it.each(illegal)('refuses a %s round in %s (opinion required: %s) to %s', (kind, status, opinionRequired, action) => {
    expect(() => nextStatus({ kind, status, opinionRequired }, action)).toThrow(IllegalTransition);
  });

  it('says why a decision is refused before the opinion', () => {
    expect(() => nextStatus(facts('posted'), 'decide')).toThrow(/opinion must be recorded first/);
    expect(() => nextStatus(facts('posted', { opinionRequired: false }), 'opinion')).toThrow(/does not require an opinion/);
  });

  it('freezes decided and reported rounds only', () => {
    expect(ROUND_STATUSES.filter(isFrozen)).toEqual(['decided', 'reported']);
  });
});

describe('list years and the opinion step by date', () => {
  it.each([
    ['periodic', 2021, 2022], ['periodic', 2025, 2026], ['periodic', 2026, 2027], ['baseline', 2021, 2022], ['regular', 2026, 2026], ['regular', 2022, 2022],
  ] as const)('a %s round of %i makes the list of %i', (kind, year, listYear) => expect(listYearOf(kind, year)).toBe(listYear));

  it.each([
    ['periodic', 2021, true], ['periodic', 2024, true], ['periodic', 2025, false], ['regular', 2022, false], ['baseline', 2021, false],
  ] as const)('a %s round of %i requires the opinion by default: %s', (kind, year, req) => expect(defaultOpinionRequired(kind, year)).toBe(req));
});

describe('calendar', () => {
  it.each([
    ['2022-10-24', '2022-10-26'], // Mon → Wed
    ['2022-10-27', '2022-10-31'], // Thu → Mon
    ['2022-10-28', '2022-11-01'], // Fri → Tue
    ['2022-10-29', '2022-11-02'], // Sat: starts counting Monday → Wed
  ])('3 working days of posting from %s end on %s', (start, end) => expect(postingEndDate(start)).toBe(end));

  it('puts a regular round on the 15th with a decision within 15 days', () => {
    expect(regularRoundDates(2023, 3)).toEqual({ startsOn: '2023-03-15', decideBy: '2023-03-30' });
    expect(regularRoundDates(2023, 2)).toEqual({ startsOn: '2023-02-15', decideBy: '2023-03-02' });
  });

  it.each([
    ['2023-03-15', 2023, 3], ['2023-03-01', 2023, 3], ['2023-03-16', 2023, 4], ['2023-12-20', 2024, 1],
  ])('an application filed on %s is reviewed in the round of %i-%i', (filed, y, m) => {
    expect(regularRoundFor(filed)).toMatchObject({ year: y, month: m });
  });
});
