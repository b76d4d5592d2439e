import type { FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { applyToFields, namePath } from './errors';

/** A form holding these values (the registered fields), recording what setFields received. */
function fakeForm(values: Record<string, unknown>) {
  const set: { name: (string | number)[]; errors: string[] }[][] = [];
  const form = { getFieldsValue: () => values, setFields: (f: { name: (string | number)[]; errors: string[] }[]) => set.push(f) } as unknown as FormInstance;
  return { form, set };
}

describe('API errors onto form fields', () => {
  it.each([
    ['fullName', ['fullName']],
    ['head.fullName', ['head', 'fullName']],
    ['members.0.idNumber', ['members', 0, 'idNumber']],
    ['members.12.birthYear', ['members', 12, 'birthYear']],
  ])('namePath(%o) = %o', (field, path) => expect(namePath(field)).toEqual(path));

  it('puts each detail beside its field, several messages on one field together, the rest returned', () => {
    const { form, set } = fakeForm({ head: { fullName: '', idNumber: 'x' }, members: [{ fullName: 'A' }] });
    const err = new ApiError(400, 'VALIDATION_FAILED', 'head.idNumber: sai', [
      { field: 'head.idNumber', message: 'Số CCCD gồm 12 chữ số' },
      { field: 'head.idNumber', message: 'Số CCCD đã có trong hộ khác' },
      { field: 'members.0.fullName', message: 'Họ tên quá dài' },
      { field: 'communeCode', message: 'Không thuộc phạm vi' },
      { message: 'Lỗi chung' },
    ]);
    const { applied, rest } = applyToFields(err, form);
    expect(applied).toBe(2);
    expect(set[0]).toEqual([
      { name: ['head', 'idNumber'], errors: ['Số CCCD gồm 12 chữ số', 'Số CCCD đã có trong hộ khác'] },
      { name: ['members', 0, 'fullName'], errors: ['Họ tên quá dài'] },
    ]);
    expect(rest.map((d) => d.message)).toEqual(['Không thuộc phạm vi', 'Lỗi chung']);
  });

  it('maps API names to form names when told', () => {
    const { form, set } = fakeForm({ newPassword: '' });
    const err = new ApiError(400, 'VALIDATION_FAILED', 'password: quá ngắn', [{ field: 'password', message: 'quá ngắn' }]);
    expect(applyToFields(err, form, (f) => (f === 'password' ? ['newPassword'] : [f])).applied).toBe(1);
    expect(set[0]).toEqual([{ name: ['newPassword'], errors: ['quá ngắn'] }]);
  });

  it('sets nothing when no detail names a field of the form', () => {
    const { form, set } = fakeForm({ code: 'H1' });
    const r = applyToFields(new ApiError(409, 'DUPLICATE', 'trùng', [{ field: 'other', message: 'x' }]), form);
    expect(r).toEqual({ applied: 0, rest: [{ field: 'other', message: 'x' }] });
    expect(set).toEqual([]);
  });
});
