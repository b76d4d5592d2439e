import { STANDARD_SEEDS } from '../../standards/standard-seeds';
import { ClassificationError, StandardRules } from '../../standards/domain/classify';
import { MemberFacts } from './deprivations';
import { buildResult, ResultContext, ResultInput } from './result';

const s = STANDARD_SEEDS[0];
const ND07: StandardRules = {
  code: s.code, deprivationCutoff: 3, b2PointsPerIndicator: 10, indicators: s.indicators,
  lines: Object.fromEntries(s.lines.map((l) => [l.areaType, l])),
};
const LOCAL: StandardRules = { ...ND07, code: 'TQ', lines: { rural: { incomeLine: 1_800_000, averageUpper: null, b1Cutoff: 160 } } };
const ctx = (over: Partial<ResultContext> = {}): ResultContext => ({ rules: ND07, local: null, areaType: 'rural', referenceDate: '2022-10-01', ...over });
const adult: MemberFacts = { sex: 'male', birthYear: 1980, healthInsurance: true, inSchool: false, educationLevel: 'upper_secondary', employment: 'farming', labourCapacity: true, disability: 'none' };
const child: MemberFacts = { sex: 'female', birthYear: 2012, healthInsurance: true, inSchool: true, malnourished: false, educationLevel: 'primary', labourCapacity: true, disability: 'none' };
const uninsured: MemberFacts[] = [{ ...adult, healthInsurance: false }, { ...adult, sex: 'female' }, { ...child, inSchool: false }, { ...child, malnourished: true }];

describe('buildResult: what a stored result holds', () => {
  const cases: [string, ResultContext, ResultInput, MemberFacts[], Partial<ReturnType<typeof buildResult>>][] = [
    ['ticks entered: they decide', ctx(), { b1Score: 100, enteredDeprivations: ['water', 'sanitation', 'telecom'] }, [adult, child],
      { computedClass: 'poor', deprivations: ['water', 'sanitation', 'telecom'], enteredDeprivations: ['water', 'sanitation', 'telecom'], derivedDeprivations: [] }],
    ['no ticks: member data decides', ctx(), { b1Score: 100 }, uninsured,
      { computedClass: 'poor', enteredDeprivations: null, derivedDeprivations: ['nutrition', 'healthInsurance', 'childSchooling'] }],
    ['ticks win over member data, both kept', ctx(), { b1Score: 100, enteredDeprivations: [] }, uninsured,
      { computedClass: 'near_poor', deprivations: [], derivedDeprivations: ['nutrition', 'healthInsurance', 'childSchooling'] }],
    ['no ticks, no members: nothing deprived', ctx(), { b1Score: 100 }, [], { computedClass: 'near_poor', derivedAssessed: [] }],
    ['an override keeps the computed class beside it', ctx(), { b1Score: 100, enteredDeprivations: ['water'], decidedClass: 'poor', overrideReason: 'Ốm nặng' }, [adult],
      { computedClass: 'near_poor', decidedClass: 'poor', overridden: true }],
    ['the same class given is no override', ctx(), { b1Score: 100, enteredDeprivations: ['water'], decidedClass: 'near_poor' }, [adult],
      { computedClass: 'near_poor', decidedClass: 'near_poor', overridden: false }],
    ['the local standard beside the national one', ctx({ local: LOCAL }), { b1Score: 150, enteredDeprivations: ['water', 'sanitation', 'telecom'] }, [adult],
      { computedClass: 'above', localStandardCode: 'TQ', localClass: 'poor' }],
    ['a local standard without a line for the area: no local class', ctx({ local: LOCAL, areaType: 'urban' }), { b1Score: 150 }, [adult],
      { localStandardCode: null, localClass: null }],
    ['the rule values are recorded', ctx({ areaType: 'urban' }), { incomePerCapita: 2_500_000 }, [adult],
      { computedClass: 'average', povertyLine: 2_000_000, averageUpper: 3_000_000, b1Cutoff: 175, incomeBasis: 'income', b2Score: 0 }],
  ];
  it.each(cases)('%s', (_n, c, input, members, expected) => {
    expect(buildResult(c, input, members)).toMatchObject(expected);
  });

  it('explains the source of the deprivations and the override', () => {
    expect(buildResult(ctx(), { b1Score: 100 }, uninsured).explanation).toContain('suy ra từ dữ liệu thành viên');
    expect(buildResult(ctx(), { b1Score: 100, enteredDeprivations: ['water'], decidedClass: 'poor', overrideReason: 'Ốm nặng' }, [adult]).explanation)
      .toContain('Hội nghị quyết định: hộ nghèo (khác kết quả tính theo chuẩn: hộ cận nghèo). Lý do: Ốm nặng');
  });

  it('refuses an unknown tick', () => {
    expect(() => buildResult(ctx(), { b1Score: 100, enteredDeprivations: ['flying'] }, [])).toThrow(ClassificationError);
  });
});
