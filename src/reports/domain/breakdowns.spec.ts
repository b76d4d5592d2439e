import { causeTable, childrenTable, deprivationTable, ethnicTable, multidimensionalTable, targetGroupTable } from './breakdowns';

const m = {
  'end.poor.households': 4, 'end.poor.persons': 18, 'end.near_poor.households': 2, 'end.near_poor.persons': 7,
  'deprivation.poor.total': 13, 'deprivation.poor.water': 3, 'deprivation.poor.telecom': 1,
  'group.poor.households.ethnic_minority': 3, 'group.poor.persons.ethnic_minority': 14, 'group.poor.households.other': 1, 'group.poor.persons.other': 4,
  'group.poor.households.female_head': 2, 'group.poor.households.meritorious': 0,
  'ethnic.poor.households.01': 1, 'ethnic.poor.persons.01': 4, 'ethnic.poor.households.02': 3, 'ethnic.poor.persons.02': 14,
  'cause.poor.1': 2, 'cause.poor.7': 1,
  'children.poor.total': 6, 'children.poor.no_insurance': 3, 'children.poor.malnourished': 1, 'children.poor.out_of_school': 0,
  'total.households': 40, 'total.persons': 160, 'register.households': 38, 'register.households.minority': 30, 'register.persons': 150, 'register.persons.minority': 120,
};

describe('breakdown tables of one row', () => {
  it.each([
    ['table 4/5: water', () => deprivationTable(m, [{ key: 'water', name: 'Nước' }]).poor.indicators[0], { number: 1, key: 'water', name: 'Nước', households: 3, share: 75 }],
    ['table 4: total deprivations', () => deprivationTable(m, []).poor.totalDeprivations, 13],
    ['table 6/7: no near-poor deprived → 0 %', () => deprivationTable(m, [{ key: 'water', name: 'Nước' }]).nearPoor.indicators[0].share, 0],
    ['table 8: households', () => targetGroupTable(m).poor.households, { total: 4, ethnicMinority: 3, noLabourCapacity: 0, meritorious: 0, other: 1, femaleHead: 2 }],
    ['table 9: Kinh / minority', () => ethnicTable(m, new Map([['02', 'Tày']])).poor.households, { total: 4, kinh: 1, ethnicMinority: 3 }],
    ['table 9: groups present, named', () => ethnicTable(m, new Map([['02', 'Tày']])).poor.groups.map((g) => [g.code, g.name, g.share]), [['01', 'Chưa rõ', 25], ['02', 'Tày', 75]]],
    ['table 10: causes with shares', () => causeTable(m, [{ code: 1, name: 'Thiếu đất' }, { code: 7, name: 'Ốm đau' }]).poor.causes.map((c) => c.share), [50, 25]],
    ['table 11: children', () => childrenTable(m).poor.health.noHealthInsurance, { children: 3, share: 50 }],
    ['table 11: no children → no share', () => childrenTable(m).nearPoor.education.outOfSchool, { children: 0, share: null }],
    ['tables 12/13: register split', () => multidimensionalTable(m).households, { total: 40, registered: 38, kinh: 8, ethnicMinority: 30 }],
    ['tables 12/13: poor rates', () => [multidimensionalTable(m).poor.rate, multidimensionalTable(m).poor.ethnicMinorityRate], [10, 10]],
  ])('%s', (_, f, want) => expect(f()).toEqual(want));
});
