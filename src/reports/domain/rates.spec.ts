import { achieved, points, rate, round, viNumber } from './rates';

describe('round (half away from zero, 2 decimals)', () => {
  it.each([
    [31.3102, 31.31], [26.0401, 26.04], [1.005, 1.01], [2.675, 2.68], [-1.005, -1.01], [5.269999999999999, 5.27],
    [0.004999, 0], [121.99074074, 121.99], [100, 100], [0, 0],
  ])('%f → %f', (x, r) => expect(round(x)).toBe(r));
  it('keeps null', () => expect(round(null)).toBeNull());
  it('rounds to other precisions', () => expect(round(0.187499999, 4)).toBe(0.1875));
});

describe('rates of the article (Chiêm Hóa 2022)', () => {
  const rs = rate(9776, 31223)!;
  const re = rate(8162, 31344)!;
  it.each([
    ['rateStart', round(rs), 31.31],
    ['rateEnd', round(re), 26.04],
    ['reductionPoints from unrounded rates', round(points(rs, re)), 5.27],
    ['achievedPercent of a 4.32-point plan', round(achieved({ target: 4.32, unit: 'points' }, points(rs, re), 1614)), 121.99],
    ['achievedPercent of a 1,500-household plan', round(achieved({ target: 1500, unit: 'households' }, points(rs, re), 1614)), 107.6],
  ])('%s', (_, got, want) => expect(got).toBe(want));

  it('a rate needs a positive total', () => {
    expect(rate(3, 0)).toBeNull();
    expect(rate(3, null)).toBeNull();
  });
});

describe('Vietnamese numbers', () => {
  it.each([[8162, 0, '8.162'], [31.3102, 2, '31,31'], [1234567, 0, '1.234.567'], [122, 0, '122']])('%f', (x, d, s) => expect(viNumber(x, d)).toBe(s));
});
