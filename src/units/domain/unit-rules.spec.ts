import { checkSuccession, checkVersion, dayBefore, overlaps, requiredParentLevel, VersionDraft } from './unit-rules';

const commune: VersionDraft = {
  level: 'commune', kind: 'xa', areaType: 'rural', parentCode: '073', parentLevel: 'district',
  validFrom: '2020-01-01', validTo: '2025-06-30',
};
const v = (over: Partial<VersionDraft>): VersionDraft => ({ ...commune, ...over });

describe('checkVersion', () => {
  it.each<[string, VersionDraft]>([
    ['a xã under a district before the reform', commune],
    ['a thị trấn, urban', v({ kind: 'thi_tran', areaType: 'urban' })],
    ['a phường, urban', v({ kind: 'phuong', areaType: 'urban' })],
    ['a xã under the province from the reform, open-ended', v({ parentCode: '08', parentLevel: 'province', validFrom: '2025-07-01', validTo: null })],
    ['an đặc khu configured rural', v({ kind: 'dac_khu', areaType: 'rural', parentLevel: 'province', validFrom: '2025-07-01', validTo: null })],
    ['an đặc khu configured urban', v({ kind: 'dac_khu', areaType: 'urban', parentLevel: 'province', validFrom: '2025-07-01', validTo: null })],
    ['a province', { level: 'province', kind: 'tinh', areaType: null, parentCode: null, parentLevel: null, validFrom: '2020-01-01', validTo: null }],
    ['a centrally run city', { level: 'province', kind: 'thanh_pho_tw', areaType: null, parentCode: null, parentLevel: null, validFrom: '2020-01-01', validTo: null }],
    ['a district ending with the district level', { level: 'district', kind: 'huyen', areaType: null, parentCode: '08', parentLevel: 'province', validFrom: '2020-01-01', validTo: '2025-06-30' }],
    ['a village', { level: 'village', kind: 'thon', areaType: null, parentCode: '02299', parentLevel: 'commune', validFrom: '2020-01-01', validTo: null }],
    ['a one-day version', v({ validFrom: '2021-05-05', validTo: '2021-05-05' })],
  ])('accepts %s', (_, draft) => expect(checkVersion(draft)).toEqual([]));

  it.each<[string, Partial<VersionDraft>, string, RegExp]>([
    ['validTo before validFrom', { validFrom: '2021-01-02', validTo: '2021-01-01' }, 'validTo', /before validFrom/],
    ['a kind of another level', { kind: 'huyen' }, 'kind', /commune is one of/],
    ['an unknown kind', { kind: 'hamlet' }, 'kind', /not hamlet/],
    ['a commune without area type', { areaType: null }, 'areaType', /needs areaType/],
    ['a xã marked urban', { areaType: 'urban' }, 'areaType', /xã is rural/],
    ['a phường marked rural', { kind: 'phuong', areaType: 'rural' }, 'areaType', /phường is urban/],
    ['a thị trấn marked rural', { kind: 'thi_tran', areaType: 'rural' }, 'areaType', /thị trấn is urban/],
    ['an đặc khu without area type', { kind: 'dac_khu', areaType: null, parentLevel: 'province', validFrom: '2025-07-01', validTo: null }, 'areaType', /needs areaType/],
    ['a thị trấn after the reform', { kind: 'thi_tran', areaType: 'urban', parentLevel: 'province', validFrom: '2025-07-01', validTo: null }, 'validTo', /thị trấn cannot be valid after/],
    ['an đặc khu before the reform', { kind: 'dac_khu', validFrom: '2024-01-01' }, 'validFrom', /đặc khu cannot be valid before/],
    ['a commune without parent', { parentCode: null, parentLevel: null }, 'parentCode', /needs a parent district/],
    ['a commune under a province before the reform', { parentLevel: 'province' }, 'parentCode', /is a district/],
    ['a commune under a district after the reform', { validFrom: '2025-07-01', validTo: null }, 'parentCode', /is a province/],
    ['a commune under a village', { parentLevel: 'village' }, 'parentCode', /is a district, and 073 is a village/],
    ['a commune version spanning the reform', { validTo: null }, 'validTo', /cannot span 2025-07-01/],
  ])('rejects %s', (_, over, field, message) => {
    const errors = checkVersion(v(over));
    expect(errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
  });

  it.each<[string, VersionDraft, string, RegExp]>([
    ['a province with a parent', { level: 'province', kind: 'tinh', areaType: null, parentCode: '01', parentLevel: 'province', validFrom: '2020-01-01', validTo: null }, 'parentCode', /has no parent/],
    ['a district with an area type', { level: 'district', kind: 'huyen', areaType: 'rural', parentCode: '08', parentLevel: 'province', validFrom: '2020-01-01', validTo: '2025-06-30' }, 'areaType', /only a commune-level unit/],
    ['a district valid after the reform', { level: 'district', kind: 'huyen', areaType: null, parentCode: '08', parentLevel: 'province', validFrom: '2020-01-01', validTo: null }, 'validTo', /district level ended/],
    ['a district under a district', { level: 'district', kind: 'quan', areaType: null, parentCode: '073', parentLevel: 'district', validFrom: '2020-01-01', validTo: '2024-12-31' }, 'parentCode', /is a province/],
    ['a village under a district', { level: 'village', kind: 'thon', areaType: null, parentCode: '073', parentLevel: 'district', validFrom: '2020-01-01', validTo: null }, 'parentCode', /is a commune/],
    ['a village with an area type', { level: 'village', kind: 'to_dan_pho', areaType: 'urban', parentCode: '02287', parentLevel: 'commune', validFrom: '2020-01-01', validTo: null }, 'areaType', /only a commune-level unit/],
    ['a village of kind xã', { level: 'village', kind: 'xa', areaType: null, parentCode: '02287', parentLevel: 'commune', validFrom: '2020-01-01', validTo: null }, 'kind', /village is one of/],
  ])('rejects %s', (_, draft, field, message) => {
    expect(checkVersion(draft)).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
  });
});

describe('requiredParentLevel', () => {
  it.each<[Parameters<typeof requiredParentLevel>, unknown]>([
    [['province', '2020-01-01', null], null],
    [['district', '2020-01-01', '2025-06-30'], 'province'],
    [['village', '2020-01-01', null], 'commune'],
    [['commune', '2020-01-01', '2025-06-30'], 'district'],
    [['commune', '2025-07-01', null], 'province'],
    [['commune', '2025-07-01', '2030-01-01'], 'province'],
    [['commune', '2025-06-30', '2025-07-01'], expect.objectContaining({ field: 'validTo' })],
  ])('%j → %j', (args, expected) => expect(requiredParentLevel(...args)).toEqual(expected));
});

describe('checkSuccession', () => {
  it.each<[string, Parameters<typeof checkSuccession>[0]]>([
    ['a merge into a new code', { kind: 'merge', predecessors: ['A', 'B'], successors: ['C'] }],
    ['a merge where one unit keeps its code', { kind: 'merge', predecessors: ['A', 'B'], successors: ['A'] }],
    ['a split into new codes', { kind: 'split', predecessors: ['A'], successors: ['B', 'C'] }],
    ['a split where the unit continues', { kind: 'split', predecessors: ['A'], successors: ['A', 'B'] }],
    ['a rename', { kind: 'rename', predecessors: ['A'], successors: ['B'] }],
  ])('accepts %s', (_, s) => expect(checkSuccession(s)).toEqual([]));

  it.each<[string, Parameters<typeof checkSuccession>[0], string]>([
    ['a merge of one unit', { kind: 'merge', predecessors: ['A'], successors: ['C'] }, 'predecessors'],
    ['a merge into two units', { kind: 'merge', predecessors: ['A', 'B'], successors: ['C', 'D'] }, 'successors'],
    ['a split of two units', { kind: 'split', predecessors: ['A', 'B'], successors: ['C', 'D'] }, 'predecessors'],
    ['a split into one unit', { kind: 'split', predecessors: ['A'], successors: ['C'] }, 'successors'],
    ['a rename to the same code', { kind: 'rename', predecessors: ['A'], successors: ['A'] }, 'successors'],
    ['a code listed twice', { kind: 'merge', predecessors: ['A', 'A', 'B'], successors: ['C'] }, 'predecessors'],
  ])('rejects %s', (_, s, field) => {
    expect(checkSuccession(s)).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});

describe('dayBefore', () => {
  it.each([
    ['2025-07-01', '2025-06-30'],
    ['2024-03-01', '2024-02-29'],
    ['2023-03-01', '2023-02-28'],
    ['2021-01-01', '2020-12-31'],
  ])('%s → %s', (d, e) => expect(dayBefore(d)).toBe(e));
});

describe('overlaps', () => {
  const r = (validFrom: string, validTo: string | null) => ({ validFrom, validTo });
  it.each([
    [r('2020-01-01', '2020-12-31'), r('2020-12-31', null), true],
    [r('2020-01-01', '2020-12-31'), r('2021-01-01', null), false],
    [r('2020-01-01', null), r('2030-01-01', '2030-01-01'), true],
    [r('2021-01-01', null), r('2020-01-01', '2020-12-31'), false],
    [r('2020-01-01', null), r('2010-01-01', null), true],
  ])('%j and %j → %s', (a, b, e) => {
    expect(overlaps(a, b)).toBe(e);
    expect(overlaps(b, a)).toBe(e);
  });
});
