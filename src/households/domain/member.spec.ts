import { ageOn, checkMember, checkMemberList, checkName, defaultLabourCapacity, MemberDraft, noLabourCapacity, normaliseIdNumber } from './member';

const TODAY = '2026-11-27';
const base: MemberDraft = { fullName: 'Ma Văn Thắng', sex: 'male', birthYear: 1978, relation: 'head', ethnicity: '02' };

describe('member rules', () => {
  it('fills the defaults: insured, no disability, labour capacity from age', () => {
    const { row, problems } = checkMember(base, TODAY);
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ healthInsurance: true, disability: 'none', labourCapacity: true, birthDate: null, idNumber: null });
  });

  it.each([
    [{ fullName: '' }, 'fullName'],
    [{ fullName: 'Ma Văn 2' }, 'fullName'],
    [{ fullName: 'x'.repeat(121) }, 'fullName'],
    [{ sex: null }, 'sex'],
    [{ sex: 'other' as never }, 'sex'],
    [{ birthYear: null }, 'birthYear'],
    [{ birthYear: 1899 }, 'birthYear'],
    [{ birthYear: 2027 }, 'birthYear'],
    [{ birthDate: '2027-01-01' }, 'birthDate'],
    [{ birthDate: '2020-02-30' }, 'birthDate'],
    [{ birthDate: '1980-05-01', birthYear: 1981 }, 'birthYear'],
    [{ relation: null }, 'relation'],
    [{ ethnicity: '55' }, 'ethnicity'],
    [{ ethnicity: null }, 'ethnicity'],
    [{ idNumber: '12345' }, 'idNumber'],
    [{ idNumber: '0080780012345' }, 'idNumber'],
    [{ birthYear: 2015, labourCapacity: true }, 'labourCapacity'],
    [{ employment: 'pilot' as never }, 'employment'],
  ])('refuses %j naming %s', (patch, field) => {
    const { row, problems } = checkMember({ ...base, ...patch }, TODAY);
    expect(row).toBeUndefined();
    expect(problems.map((p) => p.field)).toContain(field);
  });

  it('takes the birth year from the birth date', () => {
    expect(checkMember({ ...base, birthYear: null, birthDate: '1980-05-01' }, TODAY).row).toMatchObject({ birthYear: 1980, birthDate: '1980-05-01' });
  });

  it('reports every problem at once', () => {
    expect(checkMember({ relation: 'child' }, TODAY).problems.map((p) => p.field)).toEqual(['fullName', 'sex', 'birthYear', 'ethnicity']);
  });

  it.each([
    [null, 1980, '2026-11-27', 46],
    ['1980-12-01', 1980, '2026-11-27', 45],
    ['1980-11-27', 1980, '2026-11-27', 46],
  ])('ageOn(%j, %i, %s) = %i', (d, y, on, age) => expect(ageOn(d, y, on)).toBe(age));

  it.each([
    [14, 'none', false], [15, 'none', true], [60, 'none', true], [61, 'none', false], [30, 'severe', false], [30, 'mild', true],
  ] as const)('defaultLabourCapacity(%i, %s) = %s', (age, dis, expected) => expect(defaultLabourCapacity(age, dis)).toBe(expected));

  it.each([
    ['008 078 001 234', false, '008078001234'],
    ['8078001234', true, '008078001234'],
    ['70123456', true, '070123456'],
    ['08.07.80.01.23.4', false, '08078001234'],
    ['', false, null],
  ])('normaliseIdNumber(%j, %s) = %j', (raw, numeric, expected) => expect(normaliseIdNumber(raw, numeric)).toBe(expected));

  it('keeps names NFC with single spaces, and accepts apostrophes', () => {
    expect(checkName('  Nguye\u0302\u0303n   Thị  Hoá ').value).toBe('Nguyễn Thị Hoá');
    expect(checkName("Y H'Mông").value).toBe("Y H'Mông");
  });

  it.each([
    [[{ relation: 'head', idNumber: null }], []],
    [[{ relation: 'child', idNumber: null }], ['members']],
    [[{ relation: 'head', idNumber: null }, { relation: 'head', idNumber: null }], ['members']],
    [[{ relation: 'head', idNumber: '008078001234' }, { relation: 'child', idNumber: '008078001234' }], ['idNumber']],
  ] as const)('checkMemberList(%j) → %j', (members, fields) => {
    expect(checkMemberList(members as never).map((p) => p.field)).toEqual(fields);
  });

  it.each([
    [[{ labourCapacity: false }, { labourCapacity: false }], undefined, true],
    [[{ labourCapacity: false }, { labourCapacity: true }], undefined, false],
    [[{ labourCapacity: true }], true, true],
    [[{ labourCapacity: false }], false, false],
    [[], null, true],
  ])('noLabourCapacity(%j, override %j) = %s', (members, override, expected) => expect(noLabourCapacity(members, override)).toBe(expected));
});
