import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { run, Sql, sql } from '../common/db/sql';
import { bumpVersioned, raw, updateVersioned } from '../common/db/optimistic';
import type { AreaType, SuccessionKind, UnitLevel } from './domain/unit-rules';
import type { SuccessionLink, UnitVersion } from './domain/unit-types';

export type { AreaType, UnitLevel } from './domain/unit-rules';
export type { SuccessionLink, UnitVersion } from './domain/unit-types';

/** A stored version with its row id and its optimistic-lock version. */
export interface StoredVersion extends UnitVersion {
  id: number;
  version: number;
}

/** What a write stores for one version of a code. */
export interface VersionValues {
  name: string;
  kind: string;
  areaType: AreaType | null;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
}

const COLUMNS = `v.code, v.name, u.level, v.kind, v.area_type AS "areaType", v.parent_code AS "parentCode",
         to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(v.valid_to, 'YYYY-MM-DD') AS "validTo"`;
const SELECT_VERSION = `
  SELECT ${COLUMNS}
    FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code`;
const SELECT_STORED = `
  SELECT v.id, v.version, ${COLUMNS}
    FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code`;
/**
 * A version is valid on a date when it lies between valid_from and valid_to, both inclusive. `date`:
 * a bound value (`sql\`${d}\``) or, in a statement with fixed placeholders, the placeholder (`'$2'`).
 */
const validOn = (date: string | Sql, alias: 'v' = 'v'): Sql => {
  const d = typeof date === 'string' ? raw(date) : date;
  return sql`${raw(alias)}.valid_from <= ${d} AND (${raw(alias)}.valid_to IS NULL OR ${raw(alias)}.valid_to >= ${d})`;
};

/** The SQL of the administrative-unit tree. Dates are inclusive on both ends. */
@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.ds.manager;
  }

  // ---- reads ------------------------------------------------------------------------------

  async list(
    f: { parent?: string; level?: UnitLevel; date?: string },
    paging: { limit: number; offset: number },
  ): Promise<{ items: UnitVersion[]; total: number }> {
    const where = [sql`TRUE`];
    if (f.parent) where.push(sql`v.parent_code = ${f.parent}`);
    if (f.level) where.push(sql`u.level = ${f.level}`);
    if (f.date) where.push(validOn(sql`${f.date}`));
    const q = sql`${raw(SELECT_VERSION)} WHERE ${sql.join(where, ' AND ')}`;
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total FROM (${q}) x`);
    const items = await run(this.ds, sql`${q} ORDER BY v.code, v.valid_from LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total };
  }

  /** The version of a code valid on a date; without a date, the latest version. */
  async version(code: string, date?: string, manager?: EntityManager): Promise<UnitVersion | undefined> {
    const rows = date
      ? await this.m(manager).query(`${SELECT_VERSION} WHERE v.code = $1 AND ${validOn('$2').text}`, [code, date])
      : await this.m(manager).query(`${SELECT_VERSION} WHERE v.code = $1 ORDER BY v.valid_from DESC LIMIT 1`, [code]);
    return rows[0];
  }

  /** The versions of several codes valid on one date (codes without one are left out). */
  async versionsOn(codes: string[], date: string, manager?: EntityManager): Promise<UnitVersion[]> {
    return this.m(manager).query(`${SELECT_VERSION} WHERE v.code = ANY($1) AND ${validOn('$2').text} ORDER BY v.code`, [codes, date]);
  }

  /**
   * The commune-level codes in a unit on a date: the unit itself when it is a commune, else every
   * commune reached by walking down the versions valid that day (province → district → commune
   * before the 2025 reform, province → commune after it). Empty when the unit is not valid then.
   */
  async communeCodesOn(unitCode: string, date: string, manager?: EntityManager): Promise<string[]> {
    const rows: { code: string }[] = await this.m(manager).query(
      `WITH RECURSIVE below(code, level) AS (
         SELECT u.code, u.level
           FROM admin_unit u
          WHERE u.code = $1
            AND EXISTS (SELECT 1 FROM admin_unit_version v WHERE v.code = u.code AND ${validOn('$2').text})
         UNION
         SELECT v.code, u.level
           FROM below b
           JOIN admin_unit_version v ON v.parent_code = b.code AND ${validOn('$2').text}
           JOIN admin_unit u ON u.code = v.code
          WHERE b.level IN ('province', 'district')
       )
       SELECT code FROM below WHERE level = 'commune' ORDER BY code`,
      [unitCode, date],
    );
    return rows.map((r) => r.code);
  }

  async versions(code: string, manager?: EntityManager): Promise<StoredVersion[]> {
    return this.m(manager).query(`${SELECT_STORED} WHERE v.code = $1 ORDER BY v.valid_from`, [code]);
  }

  /** Children of a code valid on a date (any version overlapping the date). */
  async children(code: string, date: string): Promise<UnitVersion[]> {
    return this.ds.query(`${SELECT_VERSION} WHERE v.parent_code = $1 AND ${validOn('$2').text} ORDER BY v.code`, [code, date]);
  }

  /**
   * The succession links of a code: its predecessors named as they were the day before the
   * change, its successors as they are on the day of the change.
   */
  async successions(code: string): Promise<{ predecessors: SuccessionLink[]; successors: SuccessionLink[] }> {
    const link = (other: 'predecessor_code' | 'successor_code', self: 'predecessor_code' | 'successor_code', nameDate: string) =>
      this.ds.query(
        `SELECT s.${other} AS code,
                (SELECT v.name FROM admin_unit_version v
                  WHERE v.code = s.${other} AND v.valid_from <= ${nameDate}
                  ORDER BY v.valid_from DESC LIMIT 1) AS name,
                s.kind, to_char(s.effective_date, 'YYYY-MM-DD') AS "effectiveDate", s.note
           FROM admin_unit_succession s
          WHERE s.${self} = $1
          ORDER BY s.effective_date, s.${other}`,
        [code],
      ) as Promise<SuccessionLink[]>;
    const [predecessors, successors] = await Promise.all([
      link('predecessor_code', 'successor_code', `s.effective_date - 1`),
      link('successor_code', 'predecessor_code', `s.effective_date`),
    ]);
    return { predecessors, successors };
  }

  // ---- writes (always inside the caller's transaction) --------------------------------------

  /** The unit row, locked against concurrent changes to its versions. */
  async lockUnit(m: EntityManager, code: string): Promise<{ code: string; level: UnitLevel } | undefined> {
    const rows = await m.query(`SELECT code, level FROM admin_unit WHERE code = $1 FOR UPDATE`, [code]);
    return rows[0];
  }

  /**
   * The levels of other units a write relies on (parents, successions), share-locked so their
   * validity cannot change until this transaction ends.
   */
  async shareUnits(m: EntityManager, codes: string[]): Promise<Map<string, UnitLevel>> {
    const rows: { code: string; level: UnitLevel }[] = await m.query(
      `SELECT code, level FROM admin_unit WHERE code = ANY($1) ORDER BY code FOR SHARE`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.level]));
  }

  async insertUnit(m: EntityManager, code: string, level: UnitLevel): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO admin_unit (code, level) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING code`,
      [code, level],
    );
    return rows.length > 0;
  }

  async insertVersion(m: EntityManager, code: string, v: VersionValues, nameKey: string): Promise<number> {
    const [row] = await m.query(
      `INSERT INTO admin_unit_version (code, name, kind, area_type, parent_code, valid_from, valid_to, name_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [code, v.name, v.kind, v.areaType, v.parentCode, v.validFrom, v.validTo, nameKey],
    );
    return row.id;
  }

  /**
   * Rewrites a version: with `expectedVersion` the client's edit (updateVersioned: 409 when stale),
   * without it a consequence of another write (the version a new one closes: bumped, not checked).
   */
  async updateVersion(m: EntityManager, id: number, v: VersionValues, nameKey: string, expectedVersion?: number, label?: string): Promise<void> {
    const sets = {
      name: v.name, kind: v.kind, area_type: v.areaType, parent_code: v.parentCode, valid_from: v.validFrom, valid_to: v.validTo, name_key: nameKey,
    };
    if (expectedVersion === undefined) await bumpVersioned(m, 'admin_unit_version', id, sets, { touch: false, returning: 'id' });
    else await updateVersioned(m, 'admin_unit_version', id, expectedVersion, sets, { entity: 'Phiên bản đơn vị', label, touch: false, returning: 'id' });
  }

  /**
   * Versions (among `ids`) whose parent is not valid on every day of the version: the parent's
   * versions, joined, must cover the child's range.
   */
  async outsideParent(m: EntityManager, ids: number[]): Promise<StoredVersion[]> {
    return m.query(
      `${SELECT_STORED}
        WHERE v.id = ANY($1) AND v.parent_code IS NOT NULL
          AND NOT coalesce((SELECT range_agg(daterange(p.valid_from, p.valid_to, '[]'))
                              FROM admin_unit_version p
                             WHERE p.code = v.parent_code)
                           @> daterange(v.valid_from, v.valid_to, '[]'), false)
        ORDER BY v.valid_from`,
      [ids],
    );
  }

  /** Versions of the children of `code` that fall outside the days `code` is valid. */
  async childrenOutside(m: EntityManager, code: string): Promise<UnitVersion[]> {
    return m.query(
      `WITH parent AS (
         SELECT range_agg(daterange(valid_from, valid_to, '[]')) AS days
           FROM admin_unit_version WHERE code = $1
       )
       ${SELECT_VERSION}, parent
        WHERE v.parent_code = $1
          AND NOT coalesce(parent.days @> daterange(v.valid_from, v.valid_to, '[]'), false)
        ORDER BY v.code, v.valid_from`,
      [code],
    );
  }

  /**
   * Whether giving `code` the parent `parentCode` between two dates would make `code` its own
   * ancestor: walks up from the parent, keeping only the days on which every link of the chain
   * holds (a parent in 2021 and a grandparent in 2024 do not form a chain). Returns the first day
   * of the cycle and the path, or null.
   */
  async cycleVia(
    m: EntityManager, code: string, parentCode: string, validFrom: string, validTo: string | null,
  ): Promise<{ from: string; path: string[] } | null> {
    const rows = await m.query(
      `WITH RECURSIVE chain(code, days, path) AS (
         SELECT $2::varchar, daterange($3::date, $4::date, '[]'), ARRAY[$1, $2]::varchar[]
         UNION ALL
         SELECT p.parent_code, c.days * daterange(p.valid_from, p.valid_to, '[]'), c.path || p.parent_code
           FROM chain c
           JOIN admin_unit_version p ON p.code = c.code
          WHERE c.code <> $1
            AND p.parent_code IS NOT NULL
            AND daterange(p.valid_from, p.valid_to, '[]') && c.days
            AND cardinality(c.path) < 32
       )
       SELECT to_char(lower(days), 'YYYY-MM-DD') AS "from", path
         FROM chain
        WHERE code = $1
        ORDER BY lower(days)
        LIMIT 1`,
      [code, parentCode, validFrom, validTo],
    );
    return rows[0] ?? null;
  }

  /** Which of `codes` have a version valid on `date`. */
  async validCodesOn(m: EntityManager, codes: string[], date: string): Promise<Set<string>> {
    const rows: { code: string }[] = await m.query(
      `SELECT DISTINCT v.code FROM admin_unit_version v WHERE v.code = ANY($1) AND ${validOn('$2').text}`,
      [codes, date],
    );
    return new Set(rows.map((r) => r.code));
  }

  /** Stores the links of one succession (one row per predecessor → successor pair); returns how many. */
  async insertSuccessions(
    m: EntityManager,
    s: { kind: SuccessionKind; effectiveDate: string; note: string | null; pairs: [string, string][] },
  ): Promise<number> {
    const rows = await m.query(
      `INSERT INTO admin_unit_succession (predecessor_code, successor_code, kind, effective_date, note)
       SELECT p, s, $3, $4, $5 FROM unnest($1::varchar[], $2::varchar[]) AS x(p, s)
       RETURNING id`,
      [s.pairs.map((p) => p[0]), s.pairs.map((p) => p[1]), s.kind, s.effectiveDate, s.note],
    );
    return rows.length;
  }
}
