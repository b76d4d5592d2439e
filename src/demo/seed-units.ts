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
  // A village lies within its commune's validity: the demo communes end with the district level
  // (their successors after the 2025 reform are not modelled), so their villages end then too.
  for (const v of demoVillages()) {
    rows.push([v.code, 'village', v.name, v.communeCode === '02287' ? 'to_dan_pho' : 'thon', null, v.communeCode, DISTRICT_VALID_TO]);
  }
  // Set-based, and harmless to repeat: a start interrupted after this step loads it again.
  const col = (i: number) => rows.map((r) => r[i]);
  await m.query(
    `INSERT INTO admin_unit (code, level, is_demo)
     SELECT code, level, true FROM unnest($1::varchar[], $2::varchar[]) AS x(code, level)
     ON CONFLICT DO NOTHING`,
    [col(0), col(1)],
  );
  await m.query(
    `INSERT INTO admin_unit_version (code, name, kind, area_type, parent_code, valid_from, valid_to, name_key)
     SELECT x.code, x.name, x.kind, x.area_type, x.parent_code, $6::date, x.valid_to::date, x.name_key
       FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $7::varchar[], $8::text[])
            AS x(code, name, kind, area_type, parent_code, valid_to, name_key)
     ON CONFLICT DO NOTHING`,
    [col(0), col(2), col(3), col(4), col(5), DEMO_VALID_FROM, col(6), rows.map((r) => matchKey(r[2] as string))],
  );
  return { units: rows.length };
}
