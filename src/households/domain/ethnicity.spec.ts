import { ETHNIC_GROUPS } from '../ethnic-groups';
import { isMinority, resolveEthnicity } from './ethnicity';

describe('ethnic groups as officers write them', () => {
  it('reads back every official name and code', () => {
    expect(ETHNIC_GROUPS).toHaveLength(54);
    for (const [code, name] of ETHNIC_GROUPS) {
      expect(resolveEthnicity(name)).toBe(code);
      expect(resolveEthnicity(name.toUpperCase())).toBe(code);
      expect(resolveEthnicity(name.normalize('NFD'))).toBe(code);
      expect(resolveEthnicity(code)).toBe(code);
    }
  });

  it.each([
    ['Tay', '02'], ['tày', '02'], ['2', '02'], [9, '09'], ['Cao Lan', '15'], ['Sán Chỉ', '15'], ['Mèo', '08'], ["H'Mông", '08'],
    ['Dao đỏ', '09'], ['Việt', '01'], ['Ê-đê', '12'], ['Bru - Vân Kiều', '23'], ['Khơ-me', '05'],
    ['Cao Lan Sán Chỉ Tày', null], ['55', null], ['', null], [null, null],
  ])('resolveEthnicity(%j) = %j', (text, code) => expect(resolveEthnicity(text)).toBe(code));

  it('counts every group but Kinh as a minority', () => {
    expect(isMinority('01')).toBe(false);
    expect(ETHNIC_GROUPS.filter(([c]) => isMinority(c))).toHaveLength(53);
  });
});
