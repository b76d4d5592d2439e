import { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/auth-user';
import { matchKey } from '../../src/common/text/vietnamese';
import { seedDemoUnits } from '../../src/demo/seed-units';

/**
 * The areas the scope tests use: the Chiêm Hóa demo units plus two small trees outside them, so
 * that every officer has a unit "just outside" their area:
 *
 *   own      08 / 073 / 02287 (Thị trấn Vĩnh Lộc)     inside every officer's area
 *   sibling  08 / 073 / 02299 (Xã Phúc Sơn)           outside the commune officer (same district)
 *   cousin   08 / X08D / X08C                          outside the district officer (same province)
 *   foreign  X1 / X1D / X1C                            outside the province officer
 *
 * The officers work in 08 (province), 073 (district) and 02287 (commune). The extra units are
 * written by SQL because no unit-creating route exists yet; switch to POST /api/units once it does.
 */
export interface Area {
  province: string;
  district: string;
  commune: string;
  village: string;
}

export const AREAS = {
  own: { province: '08', district: '073', commune: '02287', village: '02287-01' },
  sibling: { province: '08', district: '073', commune: '02299', village: '02299-01' },
  cousin: { province: '08', district: 'X08D', commune: 'X08C', village: 'X08V' },
  foreign: { province: 'X1', district: 'X1D', commune: 'X1C', village: 'X1V' },
} satisfies Record<string, Area>;

/** The unit each officer role works in (admins: none). */
export const HOME: Record<Role, string | null> = { admin: null, province: '08', district: '073', commune: '02287' };

/** The area just outside a role's area (admins: the foreign tree, which they can still reach). */
export function outsideOf(role: Role | 'anonymous'): Area {
  switch (role) {
    case 'commune': return AREAS.sibling;
    case 'district': return AREAS.cousin;
    default: return AREAS.foreign;
  }
}

const EXTRA: [code: string, level: string, name: string, kind: string, areaType: string | null, parent: string | null][] = [
  ['X08D', 'district', 'Huyện Thử Nghiệm', 'huyen', null, '08'],
  ['X08C', 'commune', 'Xã Thử Nghiệm', 'xa', 'rural', 'X08D'],
  ['X08V', 'village', 'Thôn Thử Nghiệm', 'thon', null, 'X08C'],
  ['X1', 'province', 'Tỉnh Ngoài Vùng', 'tinh', null, null],
  ['X1D', 'district', 'Huyện Ngoài Vùng', 'huyen', null, 'X1'],
  ['X1C', 'commune', 'Xã Ngoài Vùng', 'xa', 'rural', 'X1D'],
  ['X1V', 'village', 'Thôn Ngoài Vùng', 'thon', null, 'X1C'],
];

export async function seedScopeUnits(ds: DataSource): Promise<void> {
  await ds.transaction(async (m) => {
    await seedDemoUnits(m);
    for (const [code, level, name, kind, areaType, parent] of EXTRA) {
      await m.query(`INSERT INTO admin_unit (code, level) VALUES ($1, $2)`, [code, level]);
      await m.query(
        `INSERT INTO admin_unit_version (code, name, kind, area_type, parent_code, valid_from, name_key)
         VALUES ($1, $2, $3, $4, $5, '2020-01-01', $6)`,
        [code, name, kind, areaType, parent, matchKey(name)],
      );
    }
  });
}

/** The codes among `codes` that are outside the area of `unitCode` (set-based, like ScopeService). */
export async function outsideArea(ds: DataSource, unitCode: string, codes: (string | null)[]): Promise<(string | null)[]> {
  const rows: { code: string | null }[] = await ds.query(
    `SELECT c.code FROM unnest($1::varchar[]) AS c(code)
      WHERE c.code IS NULL OR c.code NOT IN (SELECT code FROM unit_subtree($2))`,
    [codes, unitCode],
  );
  return rows.map((r) => r.code);
}
