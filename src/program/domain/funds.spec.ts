import { BucketChange, disbursementRate, fundFigures, fundViolations, round2 } from './funds';

const change = (before: [number, number], after: [number, number]): BucketChange => ({
  projectLabel: 'Dự án 2', source: 'central', fundType: 'recurrent',
  before: { allocated: before[0], disbursed: before[1] },
  after: { allocated: after[0], disbursed: after[1] },
});

describe('disbursement rate', () => {
  it.each([
    [1000, 0, 0],
    [1000, 500, 50],
    [3, 1, 33.33],
    [3, 2, 66.67],
    [0, 0, null],
    [0, 10, null],
    [1000, 1200, 120],
  ])('allocated %i, disbursed %i → %s %%', (a, d, want) => expect(round2(disbursementRate(a, d))).toBe(want));
});

describe('fund violations', () => {
  it.each<[string, BucketChange, string[]]>([
    ['disbursed within allocation', change([1000, 0], [1000, 800]), []],
    ['disbursed exactly the allocation', change([1000, 800], [1000, 1000]), []],
    ['disbursed above allocation', change([1000, 800], [1000, 1001]), ['overspend']],
    ['disbursed with nothing allocated', change([0, 0], [0, 1]), ['overspend']],
    ['a new allocation reduces an existing over-spend', change([1000, 1500], [1200, 1500]), []],
    ['a further disbursement on an over-spent bucket', change([1000, 1500], [1000, 1600]), ['overspend']],
    ['an allocation cut below what was disbursed', change([1000, 900], [800, 900]), ['overspend']],
    ['an allocation cut below zero', change([1000, 0], [-1, 0]), ['negative_allocation']],
    ['a correction that lowers a disbursement', change([1000, 1200], [1000, 900]), []],
  ])('%s', (_n, c, kinds) => expect(fundViolations([c]).map((v) => v.kind)).toEqual(kinds));

  it('says where, in Vietnamese, with the amounts', () => {
    const [v] = fundViolations([change([1_000_000, 0], [1_000_000, 1_500_000])]);
    expect(v.message).toContain('Dự án 2, ngân sách trung ương, kinh phí sự nghiệp');
    expect(v.message).toMatch(/1\.500\.000 đồng/);
  });
});

describe('fund figures of a node', () => {
  it('sums by source and type, with rates', () => {
    const f = fundFigures([
      { source: 'central', fundType: 'recurrent', allocated: 3_000, disbursed: 1_000 },
      { source: 'local', fundType: 'recurrent', allocated: 1_000, disbursed: 1_000 },
      { source: 'central', fundType: 'investment', allocated: 0, disbursed: 0 },
    ]);
    expect(f).toEqual({
      allocated: 4_000, disbursed: 2_000, rate: 50,
      bySource: {
        central: { allocated: 3_000, disbursed: 1_000, rate: 33.33 },
        local: { allocated: 1_000, disbursed: 1_000, rate: 100 },
        other: { allocated: 0, disbursed: 0, rate: null },
      },
      byType: {
        investment: { allocated: 0, disbursed: 0, rate: null },
        recurrent: { allocated: 4_000, disbursed: 2_000, rate: 50 },
      },
    });
  });
});
