import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Metrics } from '../aggregates/domain/metrics';
import { RowFacts } from './domain/summary';

export interface UnitRef {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune' | 'village';
}

export interface MissingCommune {
  code: string;
  name: string;
  childCode: string | null;
}

export interface CollectedFacts {
  /** the unit itself */
  total: RowFacts & { standards: Metrics };
  /** per child code of the unit in that year's tree */
  children: Map<string, RowFacts & { standards: Metrics }>;
}

/** The end counts a start is made of, and the totals (denominators) of the previous rounds. */
const START_COUNTS = ['end.poor.households', 'end.poor.persons', 'end.near_poor.households', 'end.near_poor.persons'];
const START_TOTALS = ['total.households', 'total.persons', 'total.households_fallback', 'total.persons_fallback'];
const MOVEMENT_STARTS = ['movement.poor.households.start', 'movement.poor.persons.start', 'movement.near_poor.households.start', 'movement.near_poor.persons.start'];

/** Rounds that count in a year's report: the periodic review (or an imported baseline), decided. */
const counted = (a: string) => `${a}.kind IN ('periodic', 'baseline') AND ${a}.status IN ('decided', 'reported')`;
const validOn = (alias: string, date: string) => `${alias}.valid_from <= ${date} AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${date})`;

/**
 * The SQL of the reports. Reports never scan households: they sum the stored per-round aggregates
 * (round_aggregate) of the rounds that belong to the unit in that year's tree, in the database,
 * with GROUP BY: per child of the unit, then the unit's total from the children's sums.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The version of a unit valid on a date. */
  async unitOn(code: string, date: string): Promise<UnitRef | undefined> {
    const rows = await this.ds.query(
      `SELECT v.code, v.name, u.level FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
        WHERE v.code = $1 AND ${validOn('v', '$2')}`,
      [code, date],
    );
    return rows[0];
  }

  /** The last version of a unit that began on or before a date (for names of units that ended during the year). */
  async names(codes: string[], date: string): Promise<Map<string, UnitRef>> {
    if (!codes.length) return new Map();
    const rows: UnitRef[] = await this.ds.query(
      `SELECT DISTINCT ON (v.code) v.code, v.name, u.level
         FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
        WHERE v.code = ANY ($1::varchar[]) AND v.valid_from <= $2
        ORDER BY v.code, v.valid_from DESC`,
      [codes, date],
    );
    return new Map(rows.map((r) => [r.code, r]));
  }

  /** The latest version of a unit (for the reference date of trends). */
  async lastVersion(code: string): Promise<(UnitRef & { validTo: string | null }) | undefined> {
    const rows = await this.ds.query(
      `SELECT v.code, v.name, u.level, to_char(v.valid_to, 'YYYY-MM-DD') AS "validTo"
         FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
        WHERE v.code = $1 ORDER BY v.valid_from DESC LIMIT 1`,
      [code],
    );
    return rows[0];
  }

  /**
   * Sums the aggregates of the unit's decided rounds of `year` (the metrics named, or matching the
   * LIKE patterns: names read only their index entries, so the summary names its metrics), for
   * the unit and for each of its children, where "its" is the tree of that year: a round belongs
   * to the units above its commune on the round's decision date (so a district aggregates its
   * communes of 2022, a province its communes directly after the 2025 reform).
   *
   * With `withStart`, also the start of the year: the end counts of the previous year's decided
   * rounds of the same commune, or of the communes merged into it (admin_unit_succession), under
   * the same standard; a commune split off another one takes the start its household movement saw.
   * Its totals (denominators) count each previous round once.
   */
  async collect(unitCode: string, year: number, metrics: { names?: string[]; patterns?: string[] }, withStart: boolean): Promise<CollectedFacts> {
    const rows: { g: number; child: string | null; part: string; metric: string; value: number }[] = await this.ds.query(
      `WITH RECURSIVE
       rnd AS (
         SELECT r.id, r.commune_code, r.decision_date
           FROM review_round r
          WHERE r.year = $2 AND ${counted('r')}
            AND r.commune_code IN (SELECT code FROM unit_subtree($1))
       ),
       -- the units above each round's commune on the round's decision date
       chain AS (
         SELECT r.id AS round_id, r.decision_date AS d, v.code::text AS code, v.parent_code::text AS parent_code, NULL::text AS below
           FROM rnd r JOIN admin_unit_version v ON v.code = r.commune_code AND ${validOn('v', 'r.decision_date')}
         UNION ALL
         SELECT c.round_id, c.d, v.code::text, v.parent_code::text, c.code
           FROM chain c JOIN admin_unit_version v ON v.code = c.parent_code AND ${validOn('v', 'c.d')}
          WHERE c.code <> $1
       ),
       atom0 AS (SELECT round_id, below AS child FROM chain WHERE code = $1),
       -- where the start of the year comes from: the previous year's rounds of the commune and of
       -- the communes that merged into it between those rounds and this one
       cand AS (
         SELECT a.round_id AS atom, r.year, r.standard_code, r.commune_code::text AS code, 'self'::text AS kind, NULL::date AS eff
           FROM atom0 a JOIN review_round r ON r.id = a.round_id
          WHERE $4
         UNION ALL
         SELECT a.round_id, r.year, r.standard_code, s.predecessor_code::text, s.kind::text, s.effective_date
           FROM atom0 a JOIN review_round r ON r.id = a.round_id
           JOIN admin_unit_succession s ON s.successor_code = r.commune_code AND s.effective_date <= r.decision_date
          WHERE $4
       ),
       src AS (
         SELECT c.atom, p.id AS source, c.kind = 'split' AS split
           FROM cand c
           JOIN review_round p ON p.commune_code = c.code AND p.year = c.year - 1 AND ${counted('p')}
                              AND p.standard_code = c.standard_code AND (c.eff IS NULL OR c.eff > p.decision_date)
       ),
       atom AS (
         SELECT a.round_id, a.child, r.standard_code,
                CASE WHEN NOT $4 THEN 'none'
                     WHEN bool_or(coalesce(s.split, false)) THEN 'split'
                     WHEN count(s.source) > 0 THEN 'rounds'
                     WHEN coalesce(max(mv.value), 0) > 0 THEN 'orphan'
                     ELSE 'none' END AS start_mode
           FROM atom0 a
           JOIN review_round r ON r.id = a.round_id
           LEFT JOIN src s ON s.atom = a.round_id
           LEFT JOIN round_aggregate mv ON mv.round_id = a.round_id AND mv.metric = 'movement.rows'
          GROUP BY a.round_id, a.child, r.standard_code
       ),
       facts AS (
         SELECT a.child, 'end'::text AS part, ra.metric::text AS metric, ra.value
           FROM atom a JOIN round_aggregate ra ON ra.round_id = a.round_id AND ra.metric = ANY ($3::text[])
         UNION ALL
         SELECT a.child, 'end', ra.metric, ra.value
           FROM atom a JOIN round_aggregate ra ON ra.round_id = a.round_id
          WHERE cardinality($9::text[]) > 0 AND ra.metric LIKE ANY ($9::text[])
         UNION ALL
         SELECT a.child, 'endNoStart', ra.metric, ra.value
           FROM atom a JOIN round_aggregate ra ON ra.round_id = a.round_id AND ra.metric = ANY ($5::text[])
          WHERE $4 AND a.start_mode = 'none'
         UNION ALL
         SELECT a.child, 'start', ra.metric, ra.value
           FROM atom a JOIN src s ON s.atom = a.round_id JOIN round_aggregate ra ON ra.round_id = s.source AND ra.metric = ANY ($6::text[])
          WHERE a.start_mode = 'rounds'
         UNION ALL
         SELECT a.child, 'start', regexp_replace(ra.metric, '^movement\\.(\\w+)\\.(\\w+)\\.start$', 'end.\\1.\\2'), ra.value
           FROM atom a JOIN round_aggregate ra ON ra.round_id = a.round_id AND ra.metric = ANY ($7::text[])
          WHERE a.start_mode IN ('split', 'orphan')
         UNION ALL
         SELECT a.child, 'info', 'rounds', 1 FROM atom a
         UNION ALL
         SELECT a.child, 'info', 'start_' || a.start_mode, 1 FROM atom a
         UNION ALL
         SELECT a.child, 'standard', a.standard_code, 1 FROM atom a
       ),
       -- sums per child first (a few hundred rows), then the unit's total from those
       per_child AS (SELECT child, part, metric, sum(value)::bigint AS value FROM facts GROUP BY child, part, metric),
       totals_src AS (SELECT DISTINCT a.child, s.source FROM atom a JOIN src s ON s.atom = a.round_id WHERE a.start_mode <> 'none')
       SELECT 0 AS g, child, part, metric, value FROM per_child
       UNION ALL
       SELECT 1, NULL, part, metric, sum(value)::bigint FROM per_child GROUP BY part, metric
       UNION ALL
       SELECT 0, t.child, 'startTotal', ra.metric, sum(ra.value)::bigint
         FROM totals_src t JOIN round_aggregate ra ON ra.round_id = t.source AND ra.metric = ANY ($8::text[])
        GROUP BY t.child, ra.metric
       UNION ALL
       SELECT 1, NULL, 'startTotal', ra.metric, sum(ra.value)::bigint
         FROM (SELECT DISTINCT source FROM totals_src) t JOIN round_aggregate ra ON ra.round_id = t.source AND ra.metric = ANY ($8::text[])
        GROUP BY ra.metric`,
      [
        unitCode, year, metrics.names ?? [], withStart,
        [...START_COUNTS, 'total.households', 'total.persons'], START_COUNTS, MOVEMENT_STARTS, START_TOTALS, metrics.patterns ?? [],
      ],
    );
    const empty = (): RowFacts & { standards: Metrics } => ({
      end: {}, endNoStart: {}, start: {}, startTotal: {}, standards: {},
      rounds: 0, startNone: 0, startSplit: 0, startOrphan: 0,
    });
    const total = empty();
    const children = new Map<string, RowFacts & { standards: Metrics }>();
    // one entry per (row, part, metric): placing the database's sums into their objects
    for (const r of rows) {
      let f = total;
      if (r.g === 0) {
        if (r.child === null) continue; // the unit is a commune: its only row is the total
        f = children.get(r.child) ?? empty();
        children.set(r.child, f);
      }
      switch (r.part) {
        case 'info':
          if (r.metric === 'rounds') f.rounds = r.value;
          else if (r.metric === 'start_none') f.startNone = r.value;
          else if (r.metric === 'start_split') f.startSplit = r.value;
          else if (r.metric === 'start_orphan') f.startOrphan = r.value;
          break;
        case 'standard': f.standards[r.metric] = r.value; break;
        case 'end': f.end[r.metric] = r.value; break;
        case 'endNoStart': f.endNoStart[r.metric] = r.value; break;
        case 'start': f.start[r.metric] = r.value; break;
        case 'startTotal': f.startTotal[r.metric] = r.value; break;
      }
    }
    return { total, children };
  }

  /**
   * The unit's tree on a date: its direct children, and the communes under it whose periodic
   * round of the year is not decided (shown as missing, never as zero).
   */
  async treeOn(unitCode: string, year: number, date: string): Promise<{ children: UnitRef[]; missing: MissingCommune[] }> {
    const rows: (UnitRef & { childCode: string | null; direct: boolean; decided: boolean })[] = await this.ds.query(
      `WITH RECURSIVE tree AS (
         SELECT v.code::text AS code, u.level::text AS level, v.name::text AS name, NULL::text AS child_code
           FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
          WHERE v.code = $1 AND ${validOn('v', '$3')}
         UNION ALL
         SELECT v.code::text, u.level::text, v.name::text, coalesce(t.child_code, v.code::text)
           FROM tree t
           JOIN admin_unit_version v ON v.parent_code = t.code AND ${validOn('v', '$3')}
           JOIN admin_unit u ON u.code = v.code
          WHERE t.level <> 'commune'
       )
       SELECT t.code, t.name, t.level, t.child_code AS "childCode", t.code = t.child_code AS direct,
              EXISTS (SELECT 1 FROM review_round r WHERE r.commune_code = t.code AND r.year = $2 AND ${counted('r')}) AS decided
         FROM tree t
        WHERE (t.code = t.child_code AND t.level <> 'village')
           OR (t.level = 'commune' AND NOT EXISTS (
                 SELECT 1 FROM review_round r WHERE r.commune_code = t.code AND r.year = $2 AND ${counted('r')}))
        ORDER BY t.code`,
      [unitCode, year, date],
    );
    return {
      children: rows.filter((r) => r.direct).map(({ code, name, level }) => ({ code, name, level })),
      missing: rows.filter((r) => r.level === 'commune' && !r.decided).map(({ code, name, childCode }) => ({ code, name, childCode })),
    };
  }

  /**
   * Trends: per year, the sums over the rounds of every commune that is today (on `refDate`) under
   * the unit, or that was merged into one of them (successor links followed backwards), so a
   * series runs on today's units across mergers (docs/RULES.md §5). Also the communes of each year
   * (valid on 31 Dec) that map onto the unit but have no decided round.
   */
  async trend(unitCode: string, refDate: string, from: number, to: number, metrics: string[]): Promise<{
    facts: { year: number; metric: string; value: number }[];
    missing: { year: number; code: string; name: string }[];
  }> {
    const base = `WITH RECURSIVE
       tree AS (
         SELECT v.code::text AS code, u.level::text AS level
           FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
          WHERE v.code = $1 AND ${validOn('v', '$2')}
         UNION ALL
         SELECT v.code::text, u.level::text
           FROM tree t JOIN admin_unit_version v ON v.parent_code = t.code AND ${validOn('v', '$2')}
           JOIN admin_unit u ON u.code = v.code
          WHERE t.level <> 'commune'
       ),
       back AS (
         SELECT code FROM tree WHERE level = 'commune'
         UNION
         SELECT s.predecessor_code::text FROM back b
           JOIN admin_unit_succession s ON s.successor_code = b.code AND s.effective_date <= $2
       )`;
    const facts = await this.ds.query(
      `${base},
       atoms AS (
         SELECT r.id, r.year, r.standard_code FROM review_round r
          WHERE r.commune_code IN (SELECT code FROM back) AND r.year BETWEEN $3 AND $4 AND ${counted('r')}
       )
       SELECT a.year, ra.metric, sum(ra.value)::bigint AS value
         FROM atoms a JOIN round_aggregate ra ON ra.round_id = a.id AND ra.metric = ANY ($5::text[])
        GROUP BY a.year, ra.metric
       UNION ALL
       SELECT year, 'info.rounds', count(*) FROM atoms GROUP BY year
       UNION ALL
       SELECT year, 'standard.' || standard_code, count(*) FROM atoms GROUP BY year, standard_code`,
      [unitCode, refDate, from, to, metrics],
    );
    const missing = await this.ds.query(
      `${base}
       SELECT y.year, v.code, v.name
         FROM generate_series($3::int, $4::int) AS y(year)
         JOIN admin_unit_version v ON v.code IN (SELECT code FROM back) AND ${validOn('v', 'make_date(y.year, 12, 31)')}
         JOIN admin_unit u ON u.code = v.code AND u.level = 'commune'
        WHERE NOT EXISTS (SELECT 1 FROM review_round r WHERE r.commune_code = v.code AND r.year = y.year AND ${counted('r')})
        ORDER BY y.year, v.code`,
      [unitCode, refDate, from, to],
    );
    return { facts, missing };
  }

  /** Poverty-standard reference data for labels: indicators (with dimension) and causes. */
  async indicators(standardCode: string): Promise<{ key: string; name: string; dimension: string; dimensionName: string }[]> {
    return this.ds.query(
      `SELECT i.key, i.name_vi AS name, i.dimension_key AS dimension, d.name_vi AS "dimensionName"
         FROM poverty_indicator i JOIN poverty_dimension d ON d.standard_code = i.standard_code AND d.key = i.dimension_key
        WHERE i.standard_code = $1 ORDER BY i.sort_order`,
      [standardCode],
    );
  }

  async causes(): Promise<{ code: number; name: string }[]> {
    return this.ds.query(`SELECT code, name_vi AS name FROM poverty_cause ORDER BY code`);
  }

  async ethnicGroups(): Promise<{ code: string; name: string }[]> {
    return this.ds.query(`SELECT code, name FROM ethnic_group ORDER BY code`);
  }
}
