import { addMonths, viDate } from './dates';
import { BeneficiaryGroup, decideEligibility, EligibilityInput, isRecentlyEscaped, membershipsOf } from './eligibility';

const DEFAULT: BeneficiaryGroup[] = ['poor', 'near_poor', 'recently_escaped'];
const PERIODIC_2022 = { kind: 'periodic' as const, year: 2022, decisionDate: '2022-12-09' };
const REGULAR_2023_05 = { kind: 'regular' as const, year: 2023, month: 5, decisionDate: '2023-05-30' };

const base: EligibilityInput = {
  supportDate: '2023-06-15',
  listClass: 'poor',
  listSource: PERIODIC_2022,
  escapedOn: null,
  leftOn: null,
  allowedGroups: DEFAULT,
  projectLabel: 'Dự án 2',
};

describe('addMonths / viDate', () => {
  it.each([
    ['2020-12-10', 36, '2023-12-10'],
    ['2021-01-31', 1, '2021-02-28'],
    ['2020-01-31', 1, '2020-02-29'],
    ['2020-02-29', 36, '2023-02-28'],
    ['2022-11-30', 3, '2023-02-28'],
    ['2023-12-15', 1, '2024-01-15'],
  ])('addMonths(%s, %i) = %s', (d, n, want) => expect(addMonths(d, n)).toBe(want));
  it('writes dates the Vietnamese way', () => expect(viDate('2023-09-22')).toBe('22/09/2023'));
});

describe('recently escaped: 36 months after the decision', () => {
  it.each([
    [null, '2023-06-01', false],
    ['2022-12-09', '2022-12-08', false], // decided after the support date
    ['2022-12-09', '2022-12-09', true], // the day of the decision
    ['2020-12-10', '2023-12-09', true], // last day within 36 months
    ['2020-12-10', '2023-12-10', false], // 36 months have passed
    ['2019-12-10', '2023-06-01', false],
  ])('escaped %s, support %s → %s', (escapedOn, date, want) => expect(isRecentlyEscaped(escapedOn, date)).toBe(want));
});

describe('memberships', () => {
  it.each([
    ['poor', false, ['poor']],
    ['poor', true, ['poor']], // escaped earlier, fell back: poor now
    ['near_poor', false, ['near_poor']],
    ['near_poor', true, ['near_poor', 'recently_escaped']],
    ['above', true, ['recently_escaped']],
    ['average', false, ['other']],
    [null, true, ['recently_escaped']],
    [null, false, ['other']],
  ] as const)('class %s, recently escaped %s → %j', (cls, esc, want) => expect(membershipsOf(cls, esc)).toEqual(want));
});

describe('decideEligibility', () => {
  it.each<[string, Partial<EligibilityInput>, boolean, BeneficiaryGroup | null, RegExp]>([
    ['poor on the list', {}, true, 'poor', /Đủ điều kiện \(hộ nghèo\).*rà soát định kỳ năm 2022/],
    ['near-poor on the list', { listClass: 'near_poor' }, true, 'near_poor', /hộ cận nghèo/],
    ['above the line, on no target list', { listClass: 'above' }, false, null, /không thuộc đối tượng của Dự án 2.*hộ không nghèo/],
    ['average band', { listClass: 'average' }, false, null, /mức sống trung bình/],
    ['not on any list', { listClass: null, listSource: null }, false, null, /chưa có kết quả rà soát định kỳ năm 2022/],
    ['amended by a regular review: now above', { listClass: 'above', listSource: REGULAR_2023_05 }, false, null, /rà soát thường xuyên tháng 5\/2023/],
    ['amended by a regular review: now poor', { listClass: 'poor', listSource: REGULAR_2023_05 }, true, 'poor', /rà soát thường xuyên/],
    ['escaped 6 months ago', { listClass: 'above', escapedOn: '2022-12-09' }, true, 'recently_escaped', /mới thoát nghèo.*09\/12\/2022/],
    ['escaped 35 months ago', { listClass: 'above', escapedOn: '2020-07-20' }, true, 'recently_escaped', /trong 36 tháng/],
    ['escaped more than 36 months ago', { listClass: 'above', escapedOn: '2020-06-10' }, false, null, /đã quá 36 tháng/],
    ['escaped into near-poverty: counted as near-poor', { listClass: 'near_poor', escapedOn: '2022-12-09' }, true, 'near_poor', /hộ cận nghèo/],
    ['left the register before the support', { leftOn: '2023-03-01' }, false, null, /ra khỏi danh sách quản lý từ ngày 01\/03\/2023/],
    ['left the register after the support', { leftOn: '2023-07-01' }, true, 'poor', /hộ nghèo/],
    // per-project rules (data): Project 1 and 7 support no household
    ['infrastructure project', { allowedGroups: [], projectLabel: 'Dự án 1' }, false, null, /Dự án 1 không hỗ trợ trực tiếp cho hộ gia đình/],
    // Project 5 housing: poor and near-poor only
    ['housing, recently escaped', { listClass: 'above', escapedOn: '2022-12-09', allowedGroups: ['poor', 'near_poor'], projectLabel: 'Dự án 5' },
      false, null, /Dự án 5 chỉ hỗ trợ: hộ nghèo, hộ cận nghèo/],
    ['housing, near-poor', { listClass: 'near_poor', allowedGroups: ['poor', 'near_poor'] }, true, 'near_poor', /Đủ điều kiện/],
    // Project 4 vocational training: other workers too, booked under their real status
    ['vocational training, non-poor worker', { listClass: 'above', allowedGroups: ['poor', 'near_poor', 'recently_escaped', 'other'] }, true, 'other', /đối tượng khác/],
    ['vocational training, not reviewed', { listClass: null, listSource: null, allowedGroups: ['poor', 'near_poor', 'recently_escaped', 'other'] }, true, 'other', /Đủ điều kiện/],
    ['vocational training, poor', { allowedGroups: ['poor', 'near_poor', 'recently_escaped', 'other'] }, true, 'poor', /hộ nghèo/],
    // a rule that accepts poor and recently escaped only books a near-poor recently escaped household as recently escaped
    ['poor + escaped only, near-poor escaped', { listClass: 'near_poor', escapedOn: '2022-12-09', allowedGroups: ['poor', 'recently_escaped'] }, true, 'recently_escaped', /hộ mới thoát nghèo/],
    ['poor + other, near-poor', { listClass: 'near_poor', allowedGroups: ['poor', 'other'] }, true, 'near_poor', /hộ cận nghèo/],
  ])('%s', (_name, patch, eligible, group, reason) => {
    const out = decideEligibility({ ...base, ...patch });
    expect(out.eligible).toBe(eligible);
    expect(out.group).toBe(group);
    expect(out.reason).toMatch(reason);
  });
});
