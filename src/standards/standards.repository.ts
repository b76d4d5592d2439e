import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
    const params: unknown[] = [];
    const where: string[] = ['TRUE'];
    if (f.listYear !== undefined) { params.push(f.listYear); where.push(`$${params.length} BETWEEN s.list_year_from AND s.list_year_to`); }
    if (f.provinceCode) { params.push(f.provinceCode); where.push(`s.province_code = $${params.length}`); }
    if (f.local === true) where.push(`s.province_code IS NOT NULL`);
    if (f.local === false) where.push(`s.province_code IS NULL`);
    const w = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM poverty_standard s WHERE ${w}`, params);
    params.push(paging.limit, paging.offset);
    const items = await this.ds.query(
      `${SELECT_STANDARD} WHERE ${w} ORDER BY s.province_code NULLS FIRST, s.list_year_from, s.code LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
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
}
