import { checkCode, checkSplitPlan, checkStatusChange, generatedCode, isActiveOn, todayInVietnam } from './household';

describe('household rules', () => {
  it.each([
    ['H00012', 'H00012', undefined],
    [' 03-127 ', '03-127', undefined],
    ['VL/12.3_a', 'VL/12.3_a', undefined],
    [1234, '1234', undefined],
    ['', undefined, 'code'],
    ['H 12', undefined, 'code'],
    ['x'.repeat(33), undefined, 'code'],
  ])('checkCode(%j)', (raw, value, problemField) => {
    const r = checkCode(raw);
    expect(r.value).toBe(value);
    expect(r.problem?.field).toBe(problemField);
  });

  it('generates codes H00001…', () => {
    expect(generatedCode(1)).toBe('H00001');
    expect(generatedCode(123456)).toBe('H123456');
  });

  it.each([
    [{ registeredOn: '2015-01-01', status: 'active', statusDate: null }, '2022-12-09', true],
    [{ registeredOn: '2022-12-10', status: 'active', statusDate: null }, '2022-12-09', false],
    [{ registeredOn: '2022-12-09', status: 'active', statusDate: null }, '2022-12-09', true],
    [{ registeredOn: '2015-01-01', status: 'moved_away', statusDate: '2022-12-09' }, '2022-12-09', false],
    [{ registeredOn: '2015-01-01', status: 'moved_away', statusDate: '2022-12-10' }, '2022-12-09', true],
    [{ registeredOn: '2015-01-01', status: 'merged', statusDate: '2022-03-01' }, '2021-12-10', true],
  ] as const)('isActiveOn(%j, %s) = %s', (h, on, expected) => expect(isActiveOn(h, on)).toBe(expected));

  it.each([
    [{ status: 'active', registeredOn: '2015-01-01' }, { status: 'moved_away', date: '2024-03-01', reason: 'Chuyển đi' }, []],
    [{ status: 'moved_away', registeredOn: '2015-01-01' }, { status: 'dissolved', date: '2024-03-01', reason: 'x' }, ['status']],
    [{ status: 'active', registeredOn: '2015-01-01' }, { status: 'merged', date: '2027-01-01', reason: 'x' }, ['date']],
    [{ status: 'active', registeredOn: '2015-01-01' }, { status: 'merged', date: '2014-01-01', reason: 'x' }, ['date']],
    [{ status: 'active', registeredOn: '2015-01-01' }, { status: 'split', date: '2024-02-30', reason: 'x' }, ['date']],
    [{ status: 'active', registeredOn: '2015-01-01' }, { status: 'split', date: '2024-02-01', reason: '  ' }, ['reason']],
  ] as const)('checkStatusChange(%j, %j) → %j', (h, change, fields) => {
    expect(checkStatusChange(h, change, '2026-11-27').map((p) => p.field)).toEqual(fields);
  });

  it.each([
    [[1, 2, 3], [{ headMemberId: 1, memberIds: [1, 2] }, { headMemberId: 3, memberIds: [3] }], true, []],
    [[1, 2, 3], [{ headMemberId: 1, memberIds: [1, 2, 3] }], true, ['newHouseholds']],
    [[1, 2, 3], [{ headMemberId: 1, memberIds: [1] }, { headMemberId: 2, memberIds: [2] }], true, ['newHouseholds']],
    [[1, 2, 3], [{ headMemberId: 1, memberIds: [1, 2] }, { headMemberId: 3, memberIds: [3, 2] }], true, ['newHouseholds.1.memberIds']],
    [[1, 2, 3], [{ headMemberId: 9, memberIds: [1, 9] }], false, ['newHouseholds.0.memberIds']],
    [[1, 2, 3], [{ headMemberId: 3, memberIds: [1] }], false, ['newHouseholds.0.headMemberId']],
    [[1, 2, 3], [{ headMemberId: 2, memberIds: [2] }], false, []],
  ])('checkSplitPlan(%j, %j, complete %s) → %j', (ids, plan, complete, fields) => {
    expect(checkSplitPlan(ids, plan, { complete }).map((p) => p.field)).toEqual(fields);
  });

  it('knows the date in Vietnam (UTC+7)', () => {
    expect(todayInVietnam(new Date('2026-11-27T16:59:00Z'))).toBe('2026-11-27');
    expect(todayInVietnam(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
});
