import { summarySentence } from './text';

describe('the summary sentence', () => {
  it('reads like the article', () => {
    expect(summarySentence({
      name: 'Huyện Chiêm Hóa', year: 2022, standard: 'ND07-2021', status: 'complete', missing: 0,
      poor: { start: 9776, end: 8162, reduction: 1614, rateStart: 31.31, rateEnd: 26.04, reductionPoints: 5.27 },
      nearPoor: { end: 3387, rateEnd: 10.81 },
      plan: { target: 4.32, unit: 'points', achievedPercent: 121.99 },
    })).toBe('Huyện Chiêm Hóa, năm 2022: còn 8.162 hộ nghèo, giảm 1.614 hộ so với đầu năm; tỷ lệ hộ nghèo giảm từ 31,31% xuống 26,04% ' +
      '(giảm 5,27 điểm phần trăm), đạt 122% kế hoạch giao (4,32 điểm phần trăm).');
  });
  it('says when poverty rose, when the year is a baseline and when communes are missing', () => {
    expect(summarySentence({
      name: 'Xã A', year: 2023, standard: 'ND07-2021', status: 'complete', missing: 0,
      poor: { start: 10, end: 12, reduction: -2, rateStart: 10, rateEnd: 12, reductionPoints: -2 }, nearPoor: { end: 1, rateEnd: 1 }, plan: null,
    })).toContain('tăng 2 hộ');
    expect(summarySentence({
      name: 'Xã A', year: 2021, standard: 'ND07-2021', status: 'incomplete', missing: 2,
      poor: { start: null, end: 12, reduction: null, rateStart: null, rateEnd: 12, reductionPoints: null }, nearPoor: { end: 1, rateEnd: 1 }, plan: null,
    })).toBe('Xã A, năm 2021: 12 hộ nghèo (12,00%), 1 hộ cận nghèo (1,00%); năm đầu tiên theo chuẩn ND07-2021, chưa có số đầu kỳ, còn 2 xã chưa có quyết định công nhận, chưa tính vào số liệu.');
  });
});
