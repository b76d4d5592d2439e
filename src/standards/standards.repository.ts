import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { raw, updateVersioned } from '../common/db/optimistic';
import { run, sql } from '../common/db/sql';
import type { AreaType, StandardRules } from './domain/classify';

export interface StandardLineView {
  areaType: AreaType;
  incomeLine: number;
  averageUpper: number | null;
  b1Cutoff: number | null;
}
export interface DimensionView {
  key: string;
  nameVi: string;
  nameEn: string;
  sortOrder: number;
}
export interface IndicatorView extends DimensionView {
  dimension: string;
}

/** A standard as the API shows it: national (provinceCode null) or a province's local standard. */
export interface StandardView {
  code: string;
  title: string;
  decree: string;
  listYearFrom: number;
  listYearTo: number;
  deprivationCutoff: number;
  b2PointsPerIndicator: number;
  provisional: boolean;
  provinceCode: string | null;
  nationalCode: string | null;
  version: number;
  updatedAt: string;
  lines: StandardLineView[];
  dimensions: DimensionView[];
  /** a local standard uses its national standard's indicators (it only raises the lines) */
  indicators: IndicatorView[];
}

const SELECT_STANDARD = `
  SELECT s.code, s.title, s.decree, s.list_year_from AS "listYearFrom", s.list_year_to AS "listYearTo",
         s.deprivation_cutoff AS "deprivationCutoff", s.b2_points_per_indicator AS "b2PointsPerIndicator",
         s.provisional, s.province_code AS "provinceCode", s.national_code AS "nationalCode", s.version,
         s.updated_at AS "updatedAt",
         COALESCE((SELECT json_agg(json_build_object('areaType', l.area_type, 'incomeLine', l.income_line,
                    'averageUpper', l.average_upper, 'b1Cutoff', l.b1_cutoff) ORDER BY l.area_type)
                     FROM poverty_standard_line l WHERE l.standard_code = s.code), '[]') AS lines,
         COALESCE((SELECT json_agg(json_build_object('key', d.key, 'nameVi', d.name_vi, 'nameEn', d.name_en,
                    'sortOrder', d.sort_order) ORDER BY d.sort_order, d.key)
                     FROM poverty_dimension d WHERE d.standard_code = COALESCE(s.national_code, s.code)), '[]') AS dimensions,
         COALESCE((SELECT json_agg(json_build_object('key', i.key, 'nameVi', i.name_vi, 'nameEn', i.name_en,
                    'dimension', i.dimension_key, 'sortOrder', i.sort_order) ORDER BY i.sort_order, i.key)
                     FROM poverty_indicator i WHERE i.standard_code = COALESCE(s.national_code, s.code)), '[]') AS indicators
    FROM poverty_standard s`;

/** The rules a classification needs, from a stored standard. */
export function rulesOf(s: StandardView): StandardRules {
  const lines: StandardRules['lines'] = {};
  for (const l of s.lines) lines[l.areaType] = { incomeLine: l.incomeLine, averageUpper: l.averageUpper, b1Cutoff: l.b1Cutoff };
  return {
    code: s.code,
    decree: s.decree,
    deprivationCutoff: s.deprivationCutoff,
    b2PointsPerIndicator: s.b2PointsPerIndicator,
    lines,
    indicators: s.indicators.map((i) => ({ key: i.key, nameVi: i.nameVi })),
  };
}

/** The SQL of poverty standards. */
@Injectable()
export class StandardsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  async list(
    f: { listYear?: number; provinceCode?: string; local?: boolean },
    paging: { limit: number; offset: number },
  ): Promise<{ items: StandardView[]; total: number }> {
    const where = [sql`TRUE`];
    if (f.listYear !== undefined) where.push(sql`${f.listYear} BETWEEN s.list_year_from AND s.list_year_to`);
    if (f.provinceCode) where.push(sql`s.province_code = ${f.provinceCode}`);
    if (f.local === true) where.push(sql`s.province_code IS NOT NULL`);
    if (f.local === false) where.push(sql`s.province_code IS NULL`);
    const w = sql.join(where, ' AND ');
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total FROM poverty_standard s WHERE ${w}`);
    const items = await run(this.ds,
      sql`${raw(SELECT_STANDARD)} WHERE ${w} ORDER BY s.province_code NULLS FIRST, s.list_year_from, s.code LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total };
  }

  async find(code: string, manager?: EntityManager): Promise<StandardView | undefined> {
    const rows = await this.m(manager).query(`${SELECT_STANDARD} WHERE s.code = $1`, [code]);
    return rows[0];
  }

  /** The national standard of a list year (at most one: an exclusion constraint). */
  async nationalFor(listYear: number, manager?: EntityManager): Promise<StandardView | undefined> {
    const rows = await this.m(manager).query(
      `${SELECT_STANDARD} WHERE s.province_code IS NULL AND $1 BETWEEN s.list_year_from AND s.list_year_to`,
      [listYear],
    );
    return rows[0];
  }

  /** A province's local standard for a list year, if it has one. */
  async localFor(provinceCode: string, listYear: number, manager?: EntityManager): Promise<StandardView | undefined> {
    const rows = await this.m(manager).query(
      `${SELECT_STANDARD} WHERE s.province_code = $1 AND $2 BETWEEN s.list_year_from AND s.list_year_to`,
      [provinceCode, listYear],
    );
    return rows[0];
  }

  /** Whether another standard of the same kind (national, or the same province's) overlaps these list years. */
  async overlapping(code: string, provinceCode: string | null, from: number, to: number, manager: EntityManager): Promise<string | undefined> {
    const rows = await manager.query(
      `SELECT code FROM poverty_standard
        WHERE code <> $1 AND province_code IS NOT DISTINCT FROM $2
          AND int4range(list_year_from, list_year_to, '[]') && int4range($3, $4, '[]')
        LIMIT 1`,
      [code, provinceCode, from, to],
    );
    return rows[0]?.code;
  }

  /** The province a commune belongs to on a date (walking up the dated tree). */
  async provinceOf(communeCode: string, date: string, manager?: EntityManager): Promise<string | undefined> {
    const rows = await this.m(manager).query(
      `WITH RECURSIVE up(code, depth) AS (
         SELECT $1::varchar, 0
         UNION ALL
         SELECT v.parent_code, up.depth + 1
           FROM up JOIN admin_unit_version v ON v.code = up.code
          WHERE v.parent_code IS NOT NULL AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2) AND up.depth < 5
       )
       SELECT up.code FROM up JOIN admin_unit u ON u.code = up.code WHERE u.level = 'province' LIMIT 1`,
      [communeCode, date],
    );
    return rows[0]?.code;
  }

  /** How many results use an indicator of a standard (an indicator in use cannot be removed). */
  async resultsUsingIndicator(code: string, key: string, manager: EntityManager): Promise<number> {
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM review_result
        WHERE standard_code = $1 AND ($2 = ANY(deprivations) OR $2 = ANY(COALESCE(entered_deprivations, '{}')))`,
      [code, key],
    );
    return n;
  }

  /** The level of an administrative unit (undefined: no such code). */
  async unitLevel(code: string, manager?: EntityManager): Promise<string | undefined> {
    const [u] = await run(this.m(manager), sql`SELECT level FROM admin_unit WHERE code = ${code}`);
    return u?.level;
  }

  async insert(m: EntityManager, s: {
    code: string; title: string; decree: string; listYearFrom: number; listYearTo: number; deprivationCutoff: number;
    b2PointsPerIndicator: number; provisional: boolean; provinceCode: string | null; nationalCode: string | null;
  }): Promise<void> {
    await run(m, sql`
      INSERT INTO poverty_standard (code, title, decree, list_year_from, list_year_to, deprivation_cutoff, b2_points_per_indicator, provisional, province_code, national_code)
      VALUES (${s.code}, ${s.title}, ${s.decree}, ${s.listYearFrom}, ${s.listYearTo}, ${s.deprivationCutoff}, ${s.b2PointsPerIndicator},
              ${s.provisional}, ${s.provinceCode}, ${s.nationalCode})`);
  }

  /** Creates or replaces the line of an area type. */
  async putLine(m: EntityManager, code: string, l: { areaType: AreaType; incomeLine: number; averageUpper: number | null; b1Cutoff: number | null }): Promise<void> {
    await run(m, sql`
      INSERT INTO poverty_standard_line (standard_code, area_type, income_line, average_upper, b1_cutoff)
      VALUES (${code}, ${l.areaType}, ${l.incomeLine}, ${l.averageUpper}, ${l.b1Cutoff})
      ON CONFLICT (standard_code, area_type) DO UPDATE SET income_line = EXCLUDED.income_line, average_upper = EXCLUDED.average_upper, b1_cutoff = EXCLUDED.b1_cutoff`);
  }

  /** Copies the dimensions and indicators of another standard. */
  async copyIndicators(m: EntityManager, code: string, from: string): Promise<void> {
    await run(m, sql`INSERT INTO poverty_dimension SELECT ${code}, key, name_vi, name_en, sort_order FROM poverty_dimension WHERE standard_code = ${from}`);
    await run(m, sql`INSERT INTO poverty_indicator SELECT ${code}, key, name_vi, name_en, dimension_key, sort_order FROM poverty_indicator WHERE standard_code = ${from}`);
  }

  async putDimension(m: EntityManager, code: string, key: string, d: { nameVi: string; nameEn: string; sortOrder: number }): Promise<void> {
    await run(m, sql`
      INSERT INTO poverty_dimension VALUES (${code}, ${key}, ${d.nameVi}, ${d.nameEn}, ${d.sortOrder})
      ON CONFLICT (standard_code, key) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, sort_order = EXCLUDED.sort_order`);
  }

  async putIndicator(m: EntityManager, code: string, key: string, i: { nameVi: string; nameEn: string; dimension: string; sortOrder: number }): Promise<void> {
    await run(m, sql`
      INSERT INTO poverty_indicator VALUES (${code}, ${key}, ${i.nameVi}, ${i.nameEn}, ${i.dimension}, ${i.sortOrder})
      ON CONFLICT (standard_code, key) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
        dimension_key = EXCLUDED.dimension_key, sort_order = EXCLUDED.sort_order`);
  }

  async deleteIndicator(m: EntityManager, code: string, key: string): Promise<void> {
    await run(m, sql`DELETE FROM poverty_indicator WHERE standard_code = ${code} AND key = ${key}`);
  }

  /**
   * Every change of a standard (its row, lines, dimensions, indicators) checks and bumps the
   * standard's version (updateVersioned), so two administrators editing it cannot overwrite each other.
   */
  async update(m: EntityManager, code: string, version: number, sets: Record<string, unknown> = {}): Promise<void> {
    await updateVersioned(m, 'poverty_standard', code, version, sets, { idColumn: 'code', entity: 'Chuẩn nghèo', returning: 'code' });
  }
}
