import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { run, Sql, sql } from '../common/db/sql';
import { raw, updateVersioned } from '../common/db/optimistic';
import type { PlanView } from './plans.dto';

const SELECT = `
  SELECT p.unit_code AS "unitCode",
         (SELECT v.name FROM admin_unit_version v WHERE v.code = p.unit_code AND v.valid_from <= make_date(p.year, 12, 31)
           ORDER BY v.valid_from DESC LIMIT 1) AS "unitName",
         p.year, p.target, p.target_unit AS unit, p.note, p.version, p.updated_at AS "updatedAt", p.updated_by AS "updatedBy"
    FROM reduction_plan p`;

@Injectable()
export class PlansRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async get(unitCode: string, year: number, m?: EntityManager, lock = false): Promise<PlanView | undefined> {
    const rows = await (m ?? this.ds.manager).query(`${SELECT} WHERE p.unit_code = $1 AND p.year = $2${lock ? ' FOR UPDATE' : ''}`, [unitCode, year]);
    return rows[0];
  }

  /** Plans of a unit and of every unit below it (at any time) in one year: a report and its children. */
  async inSubtree(unitCode: string, year: number): Promise<Map<string, { target: number; unit: 'points' | 'households' }>> {
    const rows: { code: string; target: number; unit: 'points' | 'households' }[] = await this.ds.query(
      `SELECT unit_code AS code, target, target_unit AS unit FROM reduction_plan
        WHERE year = $2 AND unit_code IN (SELECT code FROM unit_subtree($1))`,
      [unitCode, year],
    );
    return new Map(rows.map((r) => [r.code, { target: r.target, unit: r.unit }]));
  }

  /** Whether a unit existed at some time during the year. */
  async unitExistsIn(m: EntityManager, code: string, year: number): Promise<boolean> {
    const rows = await m.query(
      `SELECT 1 FROM admin_unit_version v
        WHERE v.code = $1 AND v.valid_from <= make_date($2, 12, 31) AND (v.valid_to IS NULL OR v.valid_to >= make_date($2, 1, 1))`,
      [code, year],
    );
    return rows.length > 0;
  }

  async insert(m: EntityManager, p: { unitCode: string; year: number; target: number; unit: string; note: string | null; by: string; demo?: boolean }): Promise<void> {
    await m.query(
      `INSERT INTO reduction_plan (unit_code, year, target, target_unit, note, updated_by, is_demo) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [p.unitCode, p.year, p.target, p.unit, p.note, p.by, p.demo ?? false],
    );
  }

  async update(m: EntityManager, p: { unitCode: string; year: number; target: number; unit: string; note: string | null; by: string }, version: number): Promise<void> {
    await updateVersioned(m, 'reduction_plan', { unit_code: p.unitCode, year: p.year }, version,
      { target: p.target, target_unit: p.unit, note: p.note, updated_by: p.by }, { entity: 'Kế hoạch', returning: 'id' });
  }

  async delete(m: EntityManager, unitCode: string, year: number): Promise<void> {
    await m.query(`DELETE FROM reduction_plan WHERE unit_code = $1 AND year = $2`, [unitCode, year]);
  }

  async list(f: { unit?: string; year?: number; scope: Sql }, paging: { limit: number; offset: number }): Promise<{ items: PlanView[]; total: number }> {
    const where = [f.scope];
    if (f.unit) where.push(sql`p.unit_code IN (SELECT code FROM unit_subtree(${f.unit}))`);
    if (f.year) where.push(sql`p.year = ${f.year}`);
    const cond = sql.join(where, ' AND ');
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total FROM reduction_plan p WHERE ${cond}`);
    const items = await run(this.ds, sql`${raw(SELECT)} WHERE ${cond} ORDER BY p.year DESC, p.unit_code LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total };
  }
}
