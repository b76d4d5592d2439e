import type { TestApp } from './test-app';

/** Builders for the household register, through the real API. */

export const VINH_LOC = '02287';
export const PHUC_SON = '02299';

export interface PersonInput {
  fullName: string;
  sex: 'male' | 'female';
  birthYear?: number;
  birthDate?: string;
  ethnicity: string;
  idNumber?: string;
  [k: string]: unknown;
}

export function head(over: Partial<PersonInput> = {}): PersonInput {
  return { fullName: 'Ma Văn Thắng', sex: 'male', birthYear: 1975, ethnicity: '02', ...over };
}

export function householdBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    communeCode: VINH_LOC,
    villageCode: `${VINH_LOC}-01`,
    address: 'Tổ dân phố 1, Thị trấn Vĩnh Lộc',
    registeredOn: '2015-01-01',
    head: head(),
    members: [
      { fullName: 'Hoàng Thị Hoa', sex: 'female', birthYear: 1978, ethnicity: '02', relation: 'spouse' },
      { fullName: 'Ma Thị Lan', sex: 'female', birthDate: '2012-06-01', ethnicity: '02', relation: 'child', inSchool: true },
    ],
    ...over,
  };
}

/** Creates a household and returns its detail (throws with the answer when refused). */
export async function createHousehold(t: TestApp, token: string, over: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await t.http().post('/api/households').set('Authorization', `Bearer ${token}`).send(householdBody(over));
  if (res.status !== 201) throw new Error(`create household: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
