import type { AuthUser } from './auth-user';
import { maskIdNumber, maskIdNumbers } from './masking';

const as = (role: AuthUser['role']): AuthUser => ({ id: 1, username: role, role, unitCode: role === 'admin' ? null : '073' });

describe('ID-number masking', () => {
  it.each([
    ['admin', '001234567890', '001234567890'],
    ['commune', '001234567890', '001234567890'],
    ['district', '001234567890', '*********890'],
    ['province', '012345678', '******678'],
    ['district', '12345', '*****'],
    ['district', '', null],
    ['district', null, null],
  ] as const)('%s sees %j as %j', (role, value, expected) => {
    expect(maskIdNumber(value, as(role))).toBe(expected);
  });

  it('masks ID-number keys at any depth, leaves everything else', () => {
    const item = {
      id: 7, headName: 'Nguyễn Văn A', headIdNumber: '001234567890',
      members: [{ fullName: 'B', idNumber: '008765432109' }], old: { id_number: '012345678', head_id_number: null }, idNumberCount: 2,
    };
    expect(maskIdNumbers(item, as('district'))).toEqual({
      id: 7, headName: 'Nguyễn Văn A', headIdNumber: '*********890',
      members: [{ fullName: 'B', idNumber: '*********109' }], old: { id_number: '******678', head_id_number: null }, idNumberCount: 2,
    });
    expect(maskIdNumbers(item, as('commune'))).toBe(item);
  });
});
