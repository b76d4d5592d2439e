import type { TestApp } from './test-app';

export interface UnitBody {
  code: string;
  level: 'province' | 'district' | 'commune' | 'village';
  name: string;
  kind: string;
  areaType?: 'rural' | 'urban' | null;
  parentCode?: string | null;
  validFrom: string;
  validTo?: string | null;
}

/** The units API as one caller (a Bearer token): thin wrappers over the HTTP routes. */
export function unitsApi(t: TestApp, token: string) {
  const bearer = `Bearer ${token}`;
  return {
    list: (query: Record<string, string | number>) => t.http().get('/api/units').query(query).set('Authorization', bearer),
    get: (code: string, date?: string) => t.http().get(`/api/units/${code}`).query(date ? { date } : {}).set('Authorization', bearer),
    create: (body: UnitBody | Record<string, unknown>) => t.http().post('/api/units').set('Authorization', bearer).send(body),
    newVersion: (code: string, body: Record<string, unknown>) =>
      t.http().post(`/api/units/${code}/versions`).set('Authorization', bearer).send(body),
    correct: (code: string, validFrom: string, body: Record<string, unknown>) =>
      t.http().patch(`/api/units/${code}/versions/${validFrom}`).set('Authorization', bearer).send(body),
    succession: (body: Record<string, unknown>) => t.http().post('/api/units/successions').set('Authorization', bearer).send(body),
  };
}
export type UnitsApi = ReturnType<typeof unitsApi>;

/** Creates units through the API, failing loudly when one is refused. */
export async function createUnits(api: UnitsApi, bodies: UnitBody[]): Promise<void> {
  for (const body of bodies) {
    const res = await api.create(body);
    if (res.status !== 201) throw new Error(`creating ${body.code}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/**
 * A small tree before the 2025 reform, codes prefixed with `p`: province p, districts pD1 and pD2,
 * communes pC1 (xã) and pC2 (xã) under pD1, pT (thị trấn) under pD2, village pV1 under pC1.
 * Districts and communes end on 30 Jun 2025, as the district level did.
 */
export function smallTree(p: string): UnitBody[] {
  const until = '2025-06-30';
  return [
    { code: p, level: 'province', name: `Tỉnh ${p}`, kind: 'tinh', validFrom: '2020-01-01' },
    { code: `${p}D1`, level: 'district', name: 'Huyện Một', kind: 'huyen', parentCode: p, validFrom: '2020-01-01', validTo: until },
    { code: `${p}D2`, level: 'district', name: 'Huyện Hai', kind: 'huyen', parentCode: p, validFrom: '2020-01-01', validTo: until },
    { code: `${p}C1`, level: 'commune', name: 'Xã Phúc Sơn', kind: 'xa', areaType: 'rural', parentCode: `${p}D1`, validFrom: '2020-01-01', validTo: until },
    { code: `${p}C2`, level: 'commune', name: 'Xã Minh Quang', kind: 'xa', areaType: 'rural', parentCode: `${p}D1`, validFrom: '2020-01-01', validTo: until },
    { code: `${p}T`, level: 'commune', name: 'Thị trấn Vĩnh Lộc', kind: 'thi_tran', areaType: 'urban', parentCode: `${p}D2`, validFrom: '2020-01-01', validTo: until },
    { code: `${p}V1`, level: 'village', name: 'Thôn Nà Héc', kind: 'thon', parentCode: `${p}C1`, validFrom: '2020-01-01', validTo: until },
  ];
}
