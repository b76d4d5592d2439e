import { apportion, DEMO_YEARS, demoPlan, DISTRICT_TOTALS } from './demo-plan';

describe('the demo plan', () => {
  const plan = demoPlan();
  const sum = (f: (p: (typeof plan)[number]) => number) => plan.reduce((s, p) => s + f(p), 0);

  it('has the 26 communes of Chiêm Hóa', () => expect(plan).toHaveLength(26));

  it.each(DEMO_YEARS)('adds up to the district figures of %i', (y) => {
    expect(sum((p) => p.households[y])).toBe(DISTRICT_TOTALS.households[y]);
    expect(sum((p) => p.poor[y])).toBe(DISTRICT_TOTALS.poor[y]);
    expect(sum((p) => p.nearPoor[y])).toBe(DISTRICT_TOTALS.nearPoor[y]);
  });

  it('reproduces the article: 31.31 % → 26.04 %, 5.27 points, 122 % of a 4.32-point plan', () => {
    const r21 = (DISTRICT_TOTALS.poor[2021] / DISTRICT_TOTALS.households[2021]) * 100;
    const r22 = (DISTRICT_TOTALS.poor[2022] / DISTRICT_TOTALS.households[2022]) * 100;
    expect(r21.toFixed(2)).toBe('31.31');
    expect(r22.toFixed(2)).toBe('26.04');
    expect((r21 - r22).toFixed(2)).toBe('5.27');
    expect((((r21 - r22) / DISTRICT_TOTALS.planPoints2022) * 100).toFixed(2)).toBe('121.99');
  });

  it('never has more poor and near-poor households than households in a commune', () => {
    for (const p of plan) for (const y of DEMO_YEARS) expect(p.poor[y] + p.nearPoor[y]).toBeLessThan(p.households[y] * 0.8);
  });

  it('keeps each commune\'s register consistent from year to year', () => {
    for (const p of plan) {
      expect(p.households[2022]).toBe(p.households[2021] - p.removed[2022] + p.added[2022]);
      expect(p.households[2023]).toBe(p.households[2022] - p.removed[2023] + p.added[2023]);
    }
  });

  it('apportions exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0.2, 0.5, 0.3]).reduce((a, b) => a + b)).toBe(7);
  });
});
