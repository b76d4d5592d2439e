import { EntityManager } from 'typeorm';
import { matchKey } from '../common/text/vietnamese';
import { COMMUNES, DEMO_VALID_FROM, DISTRICT, DISTRICT_VALID_TO, PROVINCE, VILLAGE_NAMES } from './chiem-hoa';
import { Rng } from './rng';

export interface DemoVillage { code: string; name: string; communeCode: string }

/** Villages per commune, deterministic: 8–20 per commune (fewer, tổ dân phố, in the town). */
export function demoVillages(): DemoVillage[] {
  const rng = new Rng(2287);
  const out: DemoVillage[] = [];
  for (const c of COMMUNES) {
    const n = c.kind === 'thi_tran' ? 10 : rng.int(8, 20);
    const names = rng.shuffle([...VILLAGE_NAMES]);
    for (let i = 0; i < n; i++) {
      const name = c.kind === 'thi_tran' ? `Tổ dân phố ${i + 1}` : `Thôn ${names[i % names.length]}${i >= names.length ? ' ' + (Math.floor(i / names.length) + 1) : ''}`;
      out.push({ code: `${c.code}-${String(i + 1).padStart(2, '0')}`, name, communeCode: c.code });
    }
  }
  return out;
}

export async function seedDemoUnits(m: EntityManager): Promise<{ units: number }> {
  const rows: [string, string, string, string, string | null, string | null, string | null][] = [
    [PROVINCE.code, 'province', PROVINCE.name, 'tinh', null, null, null],
    [DISTRICT.code, 'district', DISTRICT.name, 'huyen', null, PROVINCE.code, DISTRICT_VALID_TO],
  ];
  for (const c of COMMUNES) {
    rows.push([c.code, 'commune', c.name, c.kind, c.kind === 'thi_tran' ? 'urban' : 'rural', DISTRICT.code, DISTRICT_VALID_TO]);
  }
  for (const v of demoVillages()) {
    rows.push([v.code, 'village', v.name, v.communeCode === '02287' ? 'to_dan_pho' : 'thon', null, v.communeCode, null]);
  }
  for (const [code, level, name, kind, areaType, parent, validTo] of rows) {
    await m.query(`INSERT INTO admin_unit (code, level, is_demo) VALUES ($1, $2, true) ON CONFLICT DO NOTHING`, [code, level]);
    await m.query(
      `INSERT INTO admin_unit_version (code, name, kind, area_type, parent_code, valid_from, valid_to, name_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [code, name, kind, areaType, parent, DEMO_VALID_FROM, validTo, matchKey(name)],
    );
  }
  return { units: rows.length };
}
