import { describe, expect, it } from 'vitest';
import {
  EMPTY, formatBytes, formatCount, formatCountChange, formatDate, formatDateTime, formatInt, formatMoney, formatNumber, formatPoints, formatPointsChange, formatRate,
} from './format';

describe('Vietnamese number formats', () => {
  it.each([
    [formatInt, 1500000, '1.500.000'],
    [formatInt, 0, '0'],
    [formatInt, -0, '0'],
    [formatInt, 999, '999'],
    [formatInt, -1614, '-1.614'],
    [formatInt, '31223', '31.223'],
    [formatInt, null, EMPTY],
    [formatInt, undefined, EMPTY],
    [formatInt, Number.NaN, EMPTY],
    [formatInt, 'abc', EMPTY],
    [formatNumber, 4.32, '4,32'],
    [formatNumber, 4, '4'],
    [formatNumber, 1234.5, '1.234,5'],
    [formatRate, 31.31, '31,31 %'],
    [formatRate, 26.04, '26,04 %'],
    [formatRate, 5, '5,00 %'],
    [formatRate, null, EMPTY],
    [formatPoints, 5.27, '5,27 điểm %'],
    [formatPoints, -0.5, '-0,50 điểm %'],
    [formatMoney, 1500000, '1.500.000 đ'],
    [formatMoney, '2500000.00', '2.500.000 đ'],
    [formatMoney, null, EMPTY],
    [formatBytes, 512, '512 B'],
    [formatBytes, 1536, '1,5 KB'],
    [formatBytes, 3 * 1024 * 1024, '3 MB'],
  ] as const)('%o(%o) → %o', (fn, input, expected) => {
    expect((fn as (v: unknown) => string)(input)).toBe(expected);
  });

  it('adds decimals when asked', () => {
    expect(formatInt(1234.5, 2)).toBe('1.234,50');
    expect(formatRate(31.3149, 1)).toBe('31,3 %');
  });

  it.each([
    [5.27, 'giảm 5,27 điểm %'],
    [-0.86, 'tăng 0,86 điểm %'],
    [0, 'giảm 0,00 điểm %'],
    [null, EMPTY],
  ])('says a change of rate %s as %s', (v, want) => expect(formatPointsChange(v)).toBe(want));

  it.each([
    [1614, 'giảm 1.614 hộ'],
    [-282, 'tăng 282 hộ'],
    [undefined, EMPTY],
  ])('says a change of count %s as %s', (v, want) => expect(formatCountChange(v, 'hộ')).toBe(want));

  it('names a count', () => {
    expect(formatCount(1614, 'hộ')).toBe('1.614 hộ');
    expect(formatCount(null, 'hộ')).toBe(EMPTY);
  });
});

describe('Vietnamese date formats', () => {
  it.each([
    ['2024-03-05', '05/03/2024'],
    ['2022-12-31', '31/12/2022'],
    ['', EMPTY],
    [null, EMPTY],
    [undefined, EMPTY],
    ['not a date', EMPTY],
  ])('formatDate(%o) → %o', (input, expected) => {
    expect(formatDate(input)).toBe(expected);
  });

  it('formats a Date and a timestamp in the local time zone', () => {
    expect(formatDate(new Date(2024, 2, 5, 23, 59))).toBe('05/03/2024');
    expect(formatDateTime(new Date(2024, 2, 5, 14, 7))).toBe('05/03/2024 14:07');
    const iso = new Date(2024, 0, 9, 8, 30).toISOString();
    expect(formatDateTime(iso)).toBe('09/01/2024 08:30');
    expect(formatDateTime(null)).toBe(EMPTY);
  });
});
