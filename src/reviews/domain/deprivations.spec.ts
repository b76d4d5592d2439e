import {
  ageOn, deprivationDisagreements, deriveDeprivations, effectiveDeprivations, isDependant, MemberFacts, pastWorkingAge, retirementAgeMonths,
} from './deprivations';

const ON = '2022-10-01';
/** An adult of working age with complete data and nothing wrong. */
const adult = (over: Partial<MemberFacts> = {}): MemberFacts => ({
  sex: 'male', birthYear: 1985, healthInsurance: true, inSchool: false, educationLevel: 'upper_secondary',
  disability: 'none', labourCapacity: true, employment: 'farming', malnourished: null, ...over,
});
/** A person born in the year that makes them `age` in 2022. */
const aged = (age: number, over: Partial<MemberFacts> = {}): MemberFacts =>
  adult({ birthYear: 2022 - age, employment: age < 15 ? null : 'farming', inSchool: age < 16 ? true : false, malnourished: age < 16 ? false : null, educationLevel: age < 16 ? 'primary' : 'upper_secondary', ...over });

describe('ages', () => {
  it.each([
    [{ birthYear: 2016 }, 6],
    [{ birthYear: 2016, birthDate: '2016-10-01' }, 6],
    [{ birthYear: 2016, birthDate: '2016-10-02' }, 5],
    [{ birthYear: 2016, birthDate: '2016-01-15' }, 6],
  ])('%o is %i on 2022-10-01', (m, a) => expect(ageOn(m as MemberFacts, ON)).toBe(a));

  it.each([
    ['male', 2020, 720], ['male', 2021, 723], ['male', 2022, 726], ['male', 2028, 744], ['male', 2035, 744],
    ['female', 2021, 664], ['female', 2022, 668], ['female', 2035, 720], ['female', 2040, 720],
  ] as const)('retirement age of a %s in %i is %i months (Labour Code 2019 Art. 169)', (sex, year, months) => {
    expect(retirementAgeMonths(sex, year)).toBe(months);
  });

  it('tells past working age by months', () => {
    // a man is past working age in 2022 from 60 years 6 months
    expect(pastWorkingAge(adult({ birthDate: '1962-04-01', birthYear: 1962 }), ON)).toBe(true); // 60y6m
    expect(pastWorkingAge(adult({ birthDate: '1962-04-02', birthYear: 1962 }), ON)).toBe(false); // 60y5m
    expect(pastWorkingAge(adult({ sex: 'female', birthYear: 1966, birthDate: '1966-02-01' }), ON)).toBe(true); // 56y8m ≥ 55y8m
  });

  it('counts children, the elderly and those unable to work as dependants', () => {
    expect(isDependant(aged(15), ON)).toBe(true);
    expect(isDependant(aged(16), ON)).toBe(false);
    expect(isDependant(aged(40, { disability: 'severe' }), ON)).toBe(true);
    expect(isDependant(aged(40, { labourCapacity: false }), ON)).toBe(true);
    expect(isDependant(aged(70), ON)).toBe(true);
  });
});

describe('deriveDeprivations: each indicator on its boundaries', () => {
  const cases: [string, MemberFacts[], string[]][] = [
    ['a complete household with nothing wrong', [aged(40), aged(38, { sex: 'female' }), aged(10)], []],
    ['no insurance at exactly 6 → health insurance', [aged(40), aged(38), aged(6, { healthInsurance: false })], ['healthInsurance']],
    ['no insurance at 5 → not counted', [aged(40), aged(38), aged(5, { healthInsurance: false })], []],
    ['an adult without insurance → health insurance', [aged(40, { healthInsurance: false }), aged(38)], ['healthInsurance']],
    ['a child of exactly 3 out of school → child schooling', [aged(40), aged(38), aged(3, { inSchool: false })], ['childSchooling']],
    ['a child of 2 out of school → not counted', [aged(40), aged(38), aged(2, { inSchool: false })], []],
    ['a child of 15 out of school → child schooling', [aged(40), aged(38), aged(15, { inSchool: false })], ['childSchooling']],
    ['a 16-year-old out of school with lower secondary → fine', [aged(40), aged(38), aged(16, { inSchool: false, educationLevel: 'lower_secondary' })], []],
    ['a 16-year-old out of school with primary only → adult education', [aged(40), aged(38), aged(16, { inSchool: false, educationLevel: 'primary' })], ['adultEducation']],
    ['an 18-year-old out of school with lower secondary → adult education', [aged(40), aged(38), aged(18, { educationLevel: 'lower_secondary' })], ['adultEducation']],
    ['an 18-year-old studying → fine', [aged(40), aged(38), aged(18, { inSchool: true, educationLevel: 'lower_secondary' })], []],
    ['a 30-year-old with vocational training → fine', [aged(30, { educationLevel: 'vocational' }), aged(38)], []],
    ['a 30-year-old with primary only → adult education', [aged(30, { educationLevel: 'primary' }), aged(38)], ['adultEducation']],
    ['a 31-year-old with primary only → not counted', [aged(31, { educationLevel: 'primary' }), aged(38)], []],
    ['a malnourished child of 15 → nutrition', [aged(40), aged(38), aged(15, { malnourished: true })], ['nutrition']],
    ['a malnourished person of 16 → not counted', [aged(40), aged(38), aged(16, { malnourished: true })], []],
    ['exactly half dependants → not deprived', [aged(40), aged(38), aged(10), aged(8)], []],
    ['more than half dependants → dependants', [aged(40), aged(10), aged(8)], ['dependants']],
    ['a lone elderly person → dependants', [aged(75)], ['dependants']],
    ['an unemployed working-age member → employment', [aged(40, { employment: 'unemployed' }), aged(38)], ['employment']],
    ['a wage worker without a contract → employment', [aged(40, { employment: 'wage_no_contract' }), aged(38)], ['employment']],
    ['a 14-year-old "unemployed" → not of working age', [aged(40), aged(38), aged(14, { employment: 'unemployed' })], []],
    ['an unemployed pensioner → not counted', [aged(40), aged(38), aged(70, { employment: 'unemployed' })], []],
  ];
  it.each(cases)('%s', (_n, members, expected) => {
    expect(deriveDeprivations(members, ON).deprived).toEqual(expected);
  });

  it('derives nothing and assesses nothing without member data', () => {
    expect(deriveDeprivations([], ON)).toEqual({ deprived: [], assessed: [], reasons: {} });
  });

  it('never derives a deprivation from a missing datum, and says the indicator was not assessed', () => {
    const r = deriveDeprivations([aged(40, { employment: null }), aged(38), aged(10, { inSchool: null, malnourished: null }), aged(20, { educationLevel: null })], ON);
    expect(r.deprived).toEqual([]);
    expect(r.assessed).toEqual(['dependants', 'healthInsurance']);
  });

  it('explains each derived deprivation in Vietnamese', () => {
    const r = deriveDeprivations([aged(40, { healthInsurance: false }), aged(10, { inSchool: false }), aged(8)], ON);
    expect(r.deprived).toEqual(['dependants', 'healthInsurance', 'childSchooling']);
    expect(r.reasons.healthInsurance).toBe('1 người từ 6 tuổi trở lên không có bảo hiểm y tế');
    expect(r.reasons.dependants).toBe('2/3 người là người phụ thuộc (trên 50 %)');
  });
});

describe('entered ticks win over derived ones', () => {
  it.each([
    [null, ['healthInsurance'], ['healthInsurance']],
    [undefined, ['healthInsurance'], ['healthInsurance']],
    [[], ['healthInsurance'], []],
    [['water', 'sanitation'], ['healthInsurance'], ['water', 'sanitation']],
  ])('entered %j, derived %j → %j', (entered, derived, expected) => {
    expect(effectiveDeprivations(entered, derived)).toEqual(expected);
  });

  it('notes disagreements between the ticks and the member data', () => {
    const derived = deriveDeprivations([aged(40, { healthInsurance: false }), aged(38)], ON);
    const names = { healthInsurance: 'Bảo hiểm y tế', dependants: 'Người phụ thuộc' };
    expect(deprivationDisagreements(['dependants'], derived, names)).toBe(
      'Lưu ý: dữ liệu thành viên cho thấy thiếu hụt Bảo hiểm y tế nhưng phiếu B2 không đánh dấu; phiếu B2 đánh dấu Người phụ thuộc nhưng dữ liệu thành viên không cho thấy thiếu hụt (theo phiếu B2).',
    );
    expect(deprivationDisagreements(null, derived, names)).toBeNull();
    expect(deprivationDisagreements(['healthInsurance'], derived, names)).toBeNull();
  });
});
