import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type UnitLevel = 'province' | 'district' | 'commune' | 'village';
export type AreaType = 'rural' | 'urban';

export interface UnitVersion {
  code: string;
  name: string;
  level: UnitLevel;
  kind: string;
  areaType: AreaType | null;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
}

const SELECT_VERSION = `
  SELECT v.code, v.name, u.level, v.kind, v.area_type AS "areaType", v.parent_code AS "parentCode",
         to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(v.valid_to, 'YYYY-MM-DD') AS "validTo"
    FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code`;

/** The SQL of the administrative-unit tree. Dates are inclusive on both ends. */
@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.ds.manager;
  }

  async list(
    f: { parent?: string; level?: UnitLevel; date?: string; codes?: string[]; scopeSql?: string; params?: unknown[] },
    paging: { limit: number; offset: number },
  ): Promise<{ items: UnitVersion[]; total: number }> {
    const params: unknown[] = [...(f.params ?? [])];
    const where: string[] = [f.scopeSql ?? 'TRUE'];
    if (f.parent) { params.push(f.parent); where.push(`v.parent_code = $${params.length}`); }
    if (f.level) { params.push(f.level); where.push(`u.level = $${params.length}`); }
    if (f.date) { params.push(f.date); where.push(`v.valid_from <= $${params.length} AND (v.valid_to IS NULL OR v.valid_to >= $${params.length})`); }
    const sql = `${SELECT_VERSION} WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM (${sql}) x`, params);
    params.push(paging.limit, paging.offset);
    const items = await this.ds.query(`${sql} ORDER BY v.code, v.valid_from LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return { items, total };
  }

  /** The version of a code valid on a date; without a date, the latest version. */
  async version(code: string, date?: string, manager?: EntityManager): Promise<UnitVersion | undefined> {
    const rows = date
      ? await this.m(manager).query(`${SELECT_VERSION} WHERE v.code = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)`, [code, date])
      : await this.m(manager).query(`${SELECT_VERSION} WHERE v.code = $1 ORDER BY v.valid_from DESC LIMIT 1`, [code]);
    return rows[0];
  }

  async versions(code: string): Promise<UnitVersion[]> {
    return this.ds.query(`${SELECT_VERSION} WHERE v.code = $1 ORDER BY v.valid_from`, [code]);
  }

  /** Children of a code valid on a date (any version overlapping the date). */
  async children(code: string, date: string): Promise<UnitVersion[]> {
    return this.ds.query(
      `${SELECT_VERSION} WHERE v.parent_code = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2) ORDER BY v.code`,
      [code, date],
    );
  }
}
