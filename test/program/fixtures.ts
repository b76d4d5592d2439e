import { DataSource } from 'typeorm';
import { matchKey } from '../../src/common/text/vietnamese';
import type { HouseholdStatus } from '../../src/households/domain/vocabulary';
import { writeHousehold } from '../utils/register-writer';

/**
 * Small fixtures for the program tests. Units, households and review rounds/results are written
 * with SQL: the household and review services are built in parallel, and these tests are about
 * what the program module reads from those tables (decided rounds and their decided classes).
 *
 * Tree: 99 Tỉnh Thử Nghiệm → 991 Huyện Một (→ 99101 Xã An, 99102 Xã Bình), 992 Huyện Hai (→ 99201 Xã Cường).
 */
export const P = '99';
export const D1 = '991';
export const D2 = '992';
export const C1 = '99101';
export const C2 = '99102';
export const C3 = '99201';

export async function seedUnits(ds: DataSource): Promise<void> {
  const rows: [string, string, string, string, string | null, string | null][] = [
    [P, 'province', 'Tỉnh Thử Nghiệm', 'tinh', null, null],
    [D1, 'district', 'Huyện Một', 'huyen', null, P],
    [D2, 'district', 'Huyện Hai', 'huyen', null, P],
    [C1, 'commune', 'Xã An', 'xa', 'rural', D1],
    [C2, 'commune', 'Xã Bình', 'xa', 'rural', D1],
    [C3, 'commune', 'Xã Cường', 'xa', 'rural', D2],
  ];
  for (const [code, level, name, kind, area, parent] of rows) {
    await ds.query(`INSERT INTO admin_unit (code, level) VALUES ($1, $2)`, [code, level]);
    await ds.query(
      `INSERT INTO admin_unit_version (code, name, kind, area_type, parent_code, valid_from, valid_to, name_key)
       VALUES ($1, $2, $3, $4, $5, '2020-01-01', NULL, $6)`,
      [code, name, kind, area, parent, matchKey(name)],
    );
  }
}

let seq = 0;

export async function addHousehold(ds: DataSource, commune: string, opts: { status?: string; statusDate?: string } = {}): Promise<number> {
  seq++;
  const name = `Hộ Thử ${seq}`;
  return writeHousehold(ds, {
    code: `HT${String(seq).padStart(4, '0')}`, communeCode: commune, status: (opts.status ?? 'active') as HouseholdStatus,
    statusDate: opts.statusDate ?? null, head: { fullName: name, sex: 'male', birthYear: 1980, ethnicity: '02' },
  });
}

export type Cls = 'poor' | 'near_poor' | 'average' | 'above';

/** A review round with its decided results: [household id, decided class]. */
export async function addRound(
  ds: DataSource,
  r: { commune: string; year: number; kind: 'periodic' | 'regular' | 'baseline'; month?: number; decisionDate: string; status?: string },
  results: [number, Cls][],
): Promise<number> {
  const decided = (r.status ?? 'decided') === 'decided' || r.status === 'reported';
  const [{ id }] = await ds.query(
    `INSERT INTO review_round (commune_code, year, kind, month, list_year, standard_code, status, decision_number, decision_date)
     VALUES ($1, $2, $3, $4, $5, 'ND07-2021', $6, $7, $8) RETURNING id`,
    [r.commune, r.year, r.kind, r.month ?? null, r.kind === 'regular' ? r.year : r.year + 1, r.status ?? 'decided',
      decided ? `${r.year}/QĐ-UBND` : null, decided ? r.decisionDate : null],
  );
  for (const [household, cls] of results) {
    await ds.query(
      `INSERT INTO review_result (round_id, household_id, standard_code, area_type, b1_score, computed_class, decided_class, explanation)
       VALUES ($1, $2, 'ND07-2021', 'rural', 100, $3, $3, 'fixture')`,
      [id, household, cls],
    );
  }
  return id;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function auditRows(ds: DataSource, entity: string, entityId?: string | number) {
  return ds.query(
    `SELECT actor, actor_role AS "actorRole", action, entity, entity_id AS "entityId", unit_code AS "unitCode",
            old_value AS "oldValue", new_value AS "newValue", note
       FROM audit_log WHERE entity = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`,
    [entity, entityId == null ? null : String(entityId)],
  );
}
