import { Injectable } from '@nestjs/common';
import { notLeftBy } from '../households/register-sql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { run, Sql, sql } from '../common/db/sql';

export const LISTS = ['poor', 'near-poor', 'escaped-poor', 'escaped-near-poor'] as const;
export type ListKind = (typeof LISTS)[number];

/** Which results a list holds, by decided class and the class on the list before the decision. */
const LIST_WHERE: Record<ListKind, Sql> = {
  poor: sql`x.decided_class = 'poor'`,
  'near-poor': sql`x.decided_class = 'near_poor'`,
  'escaped-poor': sql`p.previous_class = 'poor' AND x.decided_class <> 'poor'`,
  'escaped-near-poor': sql`p.previous_class = 'near_poor' AND x.decided_class NOT IN ('poor','near_poor')`,
};

type Paging = { limit: number; offset: number };

/** The SQL of a round's lists, review list, certificates and movement rows. */
@Injectable()
export class ListsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(roundId: number, kind: ListKind, village: string | undefined, paging: Paging): Promise<{ rows: { members: { idNumber?: string | null }[] }[]; total: number }> {
    const where = [sql`x.round_id = ${roundId}`, LIST_WHERE[kind]];
    if (village) where.push(sql`COALESCE(x.snap_village_code, h.village_code) = ${village}`);
    // an open round has no previous_class yet: the household's latest decided class, as the decision will take it
    const from = sql`
      FROM review_result x
      JOIN household h ON h.id = x.household_id
      CROSS JOIN LATERAL (
        SELECT COALESCE(x.previous_class, CASE WHEN x.snap_persons IS NULL THEN (
          SELECT pr.decided_class FROM review_result pr JOIN review_round rr ON rr.id = pr.round_id
           WHERE pr.household_id = x.household_id AND rr.id <> x.round_id AND rr.status IN ('decided','reported')
           ORDER BY rr.decision_date DESC, rr.decided_at DESC NULLS LAST, rr.id DESC LIMIT 1) END) AS previous_class
      ) p
      WHERE ${sql.join(where, ' AND ')}`;
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total ${from}`);
    const rows = await run(this.ds, sql`
      SELECT x.household_id AS "householdId", h.code, COALESCE(x.snap_head_name, h.head_name) AS "headName",
              COALESCE(x.snap_village_code, h.village_code) AS "villageCode",
              (SELECT v.name FROM admin_unit_version v WHERE v.code = COALESCE(x.snap_village_code, h.village_code) ORDER BY v.valid_from DESC LIMIT 1) AS "villageName",
              h.address, x.decided_class AS "class", p.previous_class AS "previousClass", x.certificate_number AS "certificateNumber",
              x.snap_ethnic_minority AS "ethnicMinority", x.snap_meritorious AS "meritorious", x.snap_no_labour AS "noLabourCapacity",
              COALESCE(x.snap_members, (
                SELECT COALESCE(json_agg(json_build_object(
                         'memberId', hm.id, 'fullName', hm.full_name, 'sex', hm.sex, 'birthYear', hm.birth_year, 'birthDate', hm.birth_date,
                         'relation', hm.relation, 'ethnicity', hm.ethnicity, 'idNumber', hm.id_number, 'healthInsurance', hm.health_insurance)
                       ORDER BY hm.sort_order, hm.id), '[]')::jsonb
                  FROM household_member hm WHERE hm.household_id = x.household_id)) AS members
         ${from}
        ORDER BY COALESCE(x.snap_village_code, h.village_code) NULLS LAST, h.code
        LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { rows, total };
  }

  /**
   * Who a round must review (Decision 24 Art. 4.1, Circular 07/2021 Phụ lục I): for a periodic round
   * every household on the current poor or near-poor list still on the register on `date`, and every
   * household with a Mẫu 01 / Mẫu 04 application on the round; for a regular round the applicants only.
   */
  async reviewList(
    f: { roundId: number; communeCode: string; date: string; periodic: boolean; village?: string }, paging: Paging,
  ): Promise<{ items: unknown[]; total: number; done: number }> {
    const q = sql`
      WITH cur AS (
        SELECT DISTINCT ON (x.household_id) x.household_id, x.decided_class
          FROM review_result x JOIN review_round r ON r.id = x.round_id
         WHERE r.commune_code = ${f.communeCode} AND r.status IN ('decided','reported') AND r.id <> ${f.roundId}
         ORDER BY x.household_id, r.decision_date DESC, r.decided_at DESC NULLS LAST, r.id DESC
      ), apps AS (
        SELECT household_id, string_agg(DISTINCT form, ',' ORDER BY form) AS forms
          FROM review_application WHERE round_id = ${f.roundId} AND status <> 'refused' GROUP BY household_id
      )
      SELECT h.id AS "householdId", h.code, h.head_name AS "headName", h.village_code AS "villageCode",
             cur.decided_class AS "currentClass", apps.forms AS applications,
             res.decided_class AS "resultClass", res.id IS NOT NULL AS "hasResult"
        FROM household h
        LEFT JOIN cur ON cur.household_id = h.id
        LEFT JOIN apps ON apps.household_id = h.id
        LEFT JOIN review_result res ON res.round_id = ${f.roundId} AND res.household_id = h.id
       WHERE h.commune_code = ${f.communeCode} AND ${notLeftBy('h', sql`${f.date}::date`)}
         AND (apps.forms IS NOT NULL OR (${f.periodic}::boolean AND cur.decided_class IN ('poor','near_poor')))
         ${f.village ? sql`AND h.village_code = ${f.village}` : sql.empty}`;
    const [{ total, done }] = await run(this.ds, sql`SELECT count(*)::int AS total, (count(*) FILTER (WHERE "hasResult"))::int AS done FROM (${q}) l`);
    const items = await run(this.ds, sql`${q} ORDER BY h.village_code NULLS LAST, h.code LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total, done };
  }

  async certificates(roundId: number, village: string | undefined, paging: Paging): Promise<{ items: unknown[]; total: number }> {
    const where = [sql`x.round_id = ${roundId}`, sql`x.certificate_number IS NOT NULL`];
    if (village) where.push(sql`x.snap_village_code = ${village}`);
    const w = sql.join(where, ' AND ');
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total FROM review_result x WHERE ${w}`);
    const items = await run(this.ds, sql`
      SELECT x.certificate_number AS "certificateNumber", x.household_id AS "householdId", h.code, x.snap_head_name AS "headName",
              x.snap_village_code AS "villageCode", x.decided_class AS "class", x.snap_persons AS persons
         FROM review_result x JOIN household h ON h.id = x.household_id
        WHERE ${w} ORDER BY x.certificate_number LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total };
  }

  /** The movement rows of a decided round, household by household. */
  async movement(roundId: number, f: { side?: 'poor' | 'near_poor' | string; move?: string }, paging: Paging): Promise<{ items: unknown[]; total: number }> {
    const where = [sql`mv.round_id = ${roundId}`];
    const column = f.side === 'poor' ? sql`mv.poor_move` : sql`mv.near_poor_move`;
    if (f.side && f.move) where.push(sql`${column} = ${f.move}`);
    else if (f.move) where.push(sql`(mv.poor_move = ${f.move} OR mv.near_poor_move = ${f.move})`);
    else if (f.side) where.push(sql`${column} IS NOT NULL`);
    const w = sql.join(where, ' AND ');
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total FROM review_movement mv WHERE ${w}`);
    const items = await run(this.ds, sql`
      SELECT mv.household_id AS "householdId", h.code, h.head_name AS "headName", mv.start_class AS "startClass", mv.end_class AS "endClass",
              mv.poor_move AS "poorMove", mv.near_poor_move AS "nearPoorMove", mv.persons_start AS "personsStart", mv.persons_end AS "personsEnd"
         FROM review_movement mv JOIN household h ON h.id = mv.household_id
        WHERE ${w} ORDER BY h.code LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total };
  }

  /** The stored movement figures of a decided round (round_aggregate 'movement.*', domain/movement-metrics.ts). */
  async movementMetrics(roundId: number): Promise<Record<string, number>> {
    const rows: { metric: string; value: number }[] = await run(this.ds,
      sql`SELECT metric, value::float8 AS value FROM round_aggregate WHERE round_id = ${roundId} AND metric LIKE 'movement.%'`);
    return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
  }
}
