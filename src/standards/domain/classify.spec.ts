import { STANDARD_SEEDS } from '../standard-seeds';
import { classify, ClassificationError, ClassifyInput, formatVnd, normaliseDeprivations, PovertyClass, StandardRules } from './classify';

/** The seeded standards as the rules see them. */
function rulesOf(code: string): StandardRules {
  const s = STANDARD_SEEDS.find((x) => x.code === code)!;
  return {
    code: s.code,
    decree: s.decree,
    deprivationCutoff: s.deprivationCutoff,
    b2PointsPerIndicator: s.b2PointsPerIndicator,
    lines: Object.fromEntries(s.lines.map((l) => [l.areaType, { incomeLine: l.incomeLine, averageUpper: l.averageUpper, b1Cutoff: l.b1Cutoff }])),
    indicators: s.indicators.map((i) => ({ key: i.key, nameVi: i.nameVi })),
  };
}
const ND07 = rulesOf('ND07-2021');
const ND351 = rulesOf('ND351-2025');
const D0: string[] = [];
const D2 = ['healthInsurance', 'water'];
const D3 = ['healthInsurance', 'housingArea', 'water'];

describe('classify: the income line and the deprivation cut-off (docs/RULES.md §2)', () => {
  const cases: [string, StandardRules, ClassifyInput, PovertyClass][] = [
    // rural ND07: line 1,500,000, average band to 2,250,000
    ['rural, income exactly on the line, exactly 3 deprivations → poor', ND07, { areaType: 'rural', incomePerCapita: 1_500_000, deprivations: D3 }, 'poor'],
    ['rural, on the line, 2 deprivations → near-poor', ND07, { areaType: 'rural', incomePerCapita: 1_500_000, deprivations: D2 }, 'near_poor'],
    ['rural, on the line, no deprivation → near-poor', ND07, { areaType: 'rural', incomePerCapita: 1_500_000, deprivations: D0 }, 'near_poor'],
    ['rural, 1 VND above the line with 3 deprivations → average (no deprivation-only poverty)', ND07, { areaType: 'rural', incomePerCapita: 1_500_001, deprivations: D3 }, 'average'],
    ['rural, exactly on the average bound → average', ND07, { areaType: 'rural', incomePerCapita: 2_250_000, deprivations: D0 }, 'average'],
    ['rural, 1 VND above the average bound → above', ND07, { areaType: 'rural', incomePerCapita: 2_250_001, deprivations: D0 }, 'above'],
    ['rural, income 0 with 12 deprivations → poor', ND07, { areaType: 'rural', incomePerCapita: 0, deprivations: ND07.indicators.map((i) => i.key) }, 'poor'],
    // urban ND07: line 2,000,000, average band to 3,000,000
    ['urban, 1,500,001 (above the rural line, below the urban one), 3 deprivations → poor', ND07, { areaType: 'urban', incomePerCapita: 1_500_001, deprivations: D3 }, 'poor'],
    ['urban, exactly on the line, 3 deprivations → poor', ND07, { areaType: 'urban', incomePerCapita: 2_000_000, deprivations: D3 }, 'poor'],
    ['urban, exactly on the line, 2 deprivations → near-poor', ND07, { areaType: 'urban', incomePerCapita: 2_000_000, deprivations: D2 }, 'near_poor'],
    ['urban, 1 VND above the line → average', ND07, { areaType: 'urban', incomePerCapita: 2_000_001, deprivations: D3 }, 'average'],
    ['urban, exactly on the average bound → average', ND07, { areaType: 'urban', incomePerCapita: 3_000_000, deprivations: D0 }, 'average'],
    ['urban, 1 VND above the average bound → above', ND07, { areaType: 'urban', incomePerCapita: 3_000_001, deprivations: D0 }, 'above'],
    // Phiếu B1: rural ≤ 140, urban ≤ 175; the score decides when present
    ['rural, B1 exactly 140, 3 deprivations → poor', ND07, { areaType: 'rural', b1Score: 140, deprivations: D3 }, 'poor'],
    ['rural, B1 exactly 140, 2 deprivations → near-poor', ND07, { areaType: 'rural', b1Score: 140, deprivations: D2 }, 'near_poor'],
    ['rural, B1 141, 3 deprivations → above (no income to tell the average band)', ND07, { areaType: 'rural', b1Score: 141, deprivations: D3 }, 'above'],
    ['urban, B1 exactly 175 → near-poor', ND07, { areaType: 'urban', b1Score: 175, deprivations: D2 }, 'near_poor'],
    ['urban, B1 176 → above', ND07, { areaType: 'urban', b1Score: 176, deprivations: D3 }, 'above'],
    ['B1 decides over a contradicting income: B1 120 with income 5,000,000 → poor', ND07, { areaType: 'rural', b1Score: 120, incomePerCapita: 5_000_000, deprivations: D3 }, 'poor'],
    ['B1 decides over a contradicting income: B1 150 with income 900,000 → above', ND07, { areaType: 'rural', b1Score: 150, incomePerCapita: 900_000, deprivations: D3 }, 'above'],
    ['B1 above the cut-off, income in the average band → average', ND07, { areaType: 'rural', b1Score: 160, incomePerCapita: 2_000_000, deprivations: D0 }, 'average'],
    ['B1 above the cut-off, income above the band → above', ND07, { areaType: 'rural', b1Score: 160, incomePerCapita: 2_500_000, deprivations: D0 }, 'above'],
    // ND351-2025: rural 2,200,000 / urban 2,800,000, no average band, no B1 cut-off yet
    ['ND351 rural, exactly 2,200,000, 3 deprivations incl. waste treatment → poor', ND351, { areaType: 'rural', incomePerCapita: 2_200_000, deprivations: ['wasteTreatment', 'water', 'telecom'] }, 'poor'],
    ['ND351 rural, exactly 2,200,000, 2 deprivations → near-poor', ND351, { areaType: 'rural', incomePerCapita: 2_200_000, deprivations: D2 }, 'near_poor'],
    ['ND351 rural, 2,200,001 → above (no average band published)', ND351, { areaType: 'rural', incomePerCapita: 2_200_001, deprivations: D0 }, 'above'],
    ['ND351 urban, exactly 2,800,000 → near-poor', ND351, { areaType: 'urban', incomePerCapita: 2_800_000, deprivations: D2 }, 'near_poor'],
    ['ND351 urban, 2,800,001 with 3 deprivations → above', ND351, { areaType: 'urban', incomePerCapita: 2_800_001, deprivations: D3 }, 'above'],
    ['ND351 with a B1 score but no B1 cut-off: the income decides', ND351, { areaType: 'rural', b1Score: 50, incomePerCapita: 3_000_000, deprivations: D3 }, 'above'],
    // Phiếu A
    ['Phiếu A screened out, nothing else collected → above', ND07, { areaType: 'rural', quickScreen: 'screened_out' }, 'above'],
    ['Phiếu A passed, then Phiếu B → by the scores', ND07, { areaType: 'rural', quickScreen: 'passed', b1Score: 100, deprivations: D3 }, 'poor'],
  ];
  it.each(cases)('%s', (_name, rules, input, expected) => {
    expect(classify(rules, input).classification).toBe(expected);
  });
});

describe('classify: scores and what is reported', () => {
  it('counts B2 as 10 points per deprived indicator and reports the line used', () => {
    const r = classify(ND07, { areaType: 'rural', incomePerCapita: 1_400_000, deprivations: D3 });
    expect(r).toMatchObject({ standard: 'ND07-2021', deprivationCount: 3, b2Score: 30, povertyLine: 1_500_000, averageUpper: 2_250_000, b1Cutoff: 140, incomeBasis: 'income', incomeAtOrBelowLine: true });
  });

  it('deduplicates repeated indicators and orders them as the standard does', () => {
    const r = classify(ND07, { areaType: 'rural', incomePerCapita: 1_000_000, deprivations: ['water', 'employment', 'water', 'employment'] });
    expect(r.deprivations).toEqual(['employment', 'water']);
    expect(r.deprivationCount).toBe(2);
    expect(r.classification).toBe('near_poor');
  });

  it('uses the standard\'s cut-off, which is data', () => {
    const strict = { ...ND07, deprivationCutoff: 2 };
    expect(classify(strict, { areaType: 'rural', incomePerCapita: 1_000_000, deprivations: D2 }).classification).toBe('poor');
  });

  it('records the basis: B1 when the standard has a cut-off, the income otherwise', () => {
    expect(classify(ND07, { areaType: 'rural', b1Score: 100, incomePerCapita: 900_000 }).incomeBasis).toBe('b1');
    expect(classify(ND351, { areaType: 'rural', b1Score: 100, incomePerCapita: 900_000 }).incomeBasis).toBe('income');
    expect(classify(ND07, { areaType: 'rural', quickScreen: 'screened_out' }).incomeBasis).toBe('quick_screen');
  });
});

describe('classify: refusals', () => {
  const refusals: [string, StandardRules, ClassifyInput, string, string, unknown][] = [
    ['an unknown indicator, named', ND07, { areaType: 'rural', incomePerCapita: 1, deprivations: ['water', 'flying'] }, 'UNKNOWN_INDICATOR', 'deprivations', 'flying'],
    ['ND351\'s new indicator under ND07', ND07, { areaType: 'rural', incomePerCapita: 1, deprivations: ['wasteTreatment'] }, 'UNKNOWN_INDICATOR', 'deprivations', 'wasteTreatment'],
    ['ND07\'s information assets under ND351', ND351, { areaType: 'rural', incomePerCapita: 1, deprivations: ['informationAssets'] }, 'UNKNOWN_INDICATOR', 'deprivations', 'informationAssets'],
    ['neither B1 nor income', ND07, { areaType: 'rural', deprivations: D3 }, 'MISSING_INPUT', 'incomePerCapita', null],
    ['a B1 score where the standard has no B1 cut-off, without income', ND351, { areaType: 'rural', b1Score: 100 }, 'MISSING_INPUT', 'incomePerCapita', null],
    ['a negative income', ND07, { areaType: 'rural', incomePerCapita: -1 }, 'INVALID_INPUT', 'incomePerCapita', -1],
    ['a fractional income', ND07, { areaType: 'rural', incomePerCapita: 1.5 }, 'INVALID_INPUT', 'incomePerCapita', 1.5],
    ['a negative B1 score', ND07, { areaType: 'rural', b1Score: -3 }, 'INVALID_INPUT', 'b1Score', -3],
    ['an area without a line', { ...ND07, lines: { rural: ND07.lines.rural } }, { areaType: 'urban', incomePerCapita: 1 }, 'NO_LINE', 'areaType', 'urban'],
  ];
  it.each(refusals)('refuses %s', (_n, rules, input, code, field, value) => {
    let err: unknown;
    try {
      classify(rules, input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ClassificationError);
    expect(err).toMatchObject({ code, field });
    if (value !== null) expect((err as ClassificationError).value).toBe(value);
    if (code === 'UNKNOWN_INDICATOR') expect((err as Error).message).toContain(String(value));
  });

  it('normalises an empty list without a standard lookup', () => {
    expect(normaliseDeprivations(ND07, undefined)).toEqual([]);
  });
});

describe('classify: the explanation (Vietnamese, names the line, the indicators and why)', () => {
  it('explains a poor household assessed by income', () => {
    const { explanation } = classify(ND07, { areaType: 'rural', incomePerCapita: 1_400_000, deprivations: D3 });
    expect(explanation).toContain('Chuẩn ND07-2021');
    expect(explanation).toContain('khu vực nông thôn');
    expect(explanation).toContain('1.500.000 đồng/người/tháng');
    expect(explanation).toContain('Thu nhập bình quân 1.400.000 đồng/người/tháng ≤ chuẩn nghèo 1.500.000 đồng');
    expect(explanation).toContain('Thiếu hụt 3/12 chỉ số (điểm B2 = 30): Bảo hiểm y tế, Diện tích nhà ở bình quân đầu người, Nguồn nước sinh hoạt');
    expect(explanation).toContain('Kết luận: hộ nghèo, vì thu nhập không vượt chuẩn nghèo và thiếu hụt từ 3 chỉ số trở lên');
  });

  it('explains that B1 decided and the income was kept for the record', () => {
    const { explanation } = classify(ND07, { areaType: 'urban', b1Score: 175, incomePerCapita: 2_600_000, deprivations: D2 });
    expect(explanation).toContain('khu vực thành thị');
    expect(explanation).toContain('Điểm B1 = 175 ≤ 175');
    expect(explanation).toContain('được ghi nhận để tham khảo (điểm B1 quyết định)');
    expect(explanation).toContain('Kết luận: hộ cận nghèo');
  });

  it('explains why deprivations do not make a household above the line poor', () => {
    const { explanation } = classify(ND07, { areaType: 'rural', incomePerCapita: 2_000_000, deprivations: D3 });
    expect(explanation).toContain('Kết luận: hộ có mức sống trung bình');
    expect(explanation).toContain('không là hộ nghèo dù thiếu hụt từ 3 chỉ số trở lên');
  });

  it('explains the missing average band of ND351', () => {
    const { explanation } = classify(ND351, { areaType: 'rural', incomePerCapita: 2_500_000, deprivations: [] });
    expect(explanation).toContain('Không thiếu hụt chỉ số nào');
    expect(explanation).toContain('chuẩn không quy định mức sống trung bình');
  });

  it('formats VND with dots', () => {
    expect(formatVnd(0)).toBe('0');
    expect(formatVnd(999)).toBe('999');
    expect(formatVnd(1000)).toBe('1.000');
    expect(formatVnd(1_500_000)).toBe('1.500.000');
    expect(formatVnd(12_345_678)).toBe('12.345.678');
  });
});
