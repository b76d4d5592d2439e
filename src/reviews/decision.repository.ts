import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { activeOn } from '../households/register-sql';
import { bumpVersioned } from '../common/db/optimistic';
import { sql } from '../common/db/sql';
import type { HouseholdMovement, MovementFacts } from './domain/movement';

export interface StartRound {
  id: number;
  communeCode: string;
  year: number;
  standardCode: string;
  decisionDate: string;
}

export interface MovementFactsRow extends MovementFacts {
  householdId: number;
  personsStart: number;
  personsEnd: number;
}


/**
 * The SQL of deciding a round (set-based): the start rounds, the completeness and register checks,
 * the register snapshot, the class on the list before the decision, the movement facts and
 * certificate numbers. Always inside the deciding transaction.
 */
@Injectable()
export class DecisionRepository {
  /**
   * The previous decided periodic or baseline round(s) of a commune and of the communes it was
   * formed from (admin_unit_succession), each commune's latest before `year`; with `standardCode`,
   * only rounds under that standard. Only the latest year found is kept.
   */
  async startRounds(m: EntityManager, communeCode: string, year: number, standardCode: string | null): Promise<StartRound[]> {
    const rows: StartRound[] = await m.query(
      `WITH RECURSIVE lineage(code) AS (
         SELECT $1::varchar
         UNION
         SELECT s.predecessor_code FROM admin_unit_succession s JOIN lineage l ON s.successor_code = l.code
       ), latest AS (
         SELECT DISTINCT ON (r.commune_code) r.id, r.commune_code AS "communeCode", r.year, r.standard_code AS "standardCode",
                r.decision_date AS "decisionDate"
           FROM review_round r JOIN lineage l ON l.code = r.commune_code
          WHERE r.kind IN ('periodic','baseline') AND r.status IN ('decided','reported') AND r.year < $2
            AND ($3::varchar IS NULL OR r.standard_code = $3)
          ORDER BY r.commune_code, r.year DESC
       )
       SELECT * FROM latest WHERE year = (SELECT max(year) FROM latest) ORDER BY id`,
      [communeCode, year, standardCode],
    );
    return rows;
  }

  /** Results whose household was not on the register on the decision date. */
  async inactiveResults(m: EntityManager, roundId: number, on: string): Promise<{ householdId: number; code: string; status: string; statusDate: string | null }[]> {
    return m.query(
      `SELECT h.id AS "householdId", h.code, h.status, h.status_date AS "statusDate"
         FROM review_result x JOIN household h ON h.id = x.household_id
        WHERE x.round_id = $1 AND NOT ${activeOn('h', '$2::date')}
        ORDER BY h.code LIMIT 200`,
      [roundId, on],
    );
  }

  /** Households on the start list (poor or near-poor), still on the register, without a result in this round. */
  async missingResults(m: EntityManager, roundId: number, startIds: number[], on: string): Promise<{ total: number; sample: { householdId: number; code: string; headName: string; startClass: string }[] }> {
    const rows = await m.query(
      `SELECT h.id AS "householdId", h.code, h.head_name AS "headName", s.decided_class AS "startClass", count(*) OVER ()::int AS total
         FROM review_result s JOIN household h ON h.id = s.household_id
        WHERE s.round_id = ANY($2::int[]) AND s.decided_class IN ('poor','near_poor') AND ${activeOn('h', '$3::date')}
          AND NOT EXISTS (SELECT 1 FROM review_result x WHERE x.round_id = $1 AND x.household_id = s.household_id)
        ORDER BY h.code LIMIT 100`,
      [roundId, startIds, on],
    );
    return { total: rows[0]?.total ?? 0, sample: rows.map(({ total: _t, ...r }: { total: number }) => r) };
  }

  /** Households and persons on the commune's register on a date (the fallback denominator). */
  async registerTotals(m: EntityManager, communeCode: string, on: string): Promise<{ households: number; persons: number }> {
    const [r] = await m.query(
      `SELECT count(*)::int AS households, COALESCE(sum(mc.n), 0)::int AS persons
         FROM household h
         CROSS JOIN LATERAL (SELECT count(*) AS n FROM household_member hm WHERE hm.household_id = h.id) mc
        WHERE h.commune_code = $1 AND ${activeOn('h', '$2::date')}`,
      [communeCode, on],
    );
    return r;
  }

  async classTotals(m: EntityManager, roundId: number): Promise<{ poor: number; nearPoor: number; poorPersons: number; nearPoorPersons: number; results: number }> {
    const [r] = await m.query(
      `SELECT count(*)::int AS results,
              (count(*) FILTER (WHERE decided_class = 'poor'))::int AS poor,
              (count(*) FILTER (WHERE decided_class = 'near_poor'))::int AS "nearPoor",
              COALESCE(sum(snap_persons) FILTER (WHERE decided_class = 'poor'), 0)::int AS "poorPersons",
              COALESCE(sum(snap_persons) FILTER (WHERE decided_class = 'near_poor'), 0)::int AS "nearPoorPersons"
         FROM review_result WHERE round_id = $1`,
      [roundId],
    );
    return r;
  }

  /**
   * Writes, in one UPDATE of each result of the round (one row version instead of three):
   *
   * 1. previous_class — the class the household had on the list before this decision: its latest
   *    decided result in an earlier decided round of the commune (or the communes it was formed
   *    from), of any kind and standard (the current list as amended by regular reviews). The
   *    escaped lists of the decision compare against it.
   * 2. the snapshot of what reports read from the register (docs/RULES.md §3): persons (the member
   *    count), the head's name, sex and ethnicity, the village, the ethnic-minority, female-head and
   *    meritorious flags, no labour capacity (the override wins; else no member of working age able
   *    to work), the children under 16 and their deprivations (no health insurance from 6,
   *    malnourished, out of school from 3), and the members of households on a list or leaving one.
   * 3. certificate numbers (Mẫu 03) for the poor and near-poor households: <commune>/<list year>/HN-nnnn
   *    (poor) and /HCN-nnnn (near-poor), numbered by village and household code, continuing after the
   *    numbers already issued in the commune for that list year; a number already given is kept.
   */
  async finalize(m: EntityManager, roundId: number, communeCode: string, listYear: number, on: string): Promise<void> {
    await m.query(
      `WITH RECURSIVE lineage(code) AS (
         SELECT $3::varchar
         UNION
         SELECT s.predecessor_code FROM admin_unit_succession s JOIN lineage l ON s.successor_code = l.code
       ), prior AS (
         SELECT r.id, r.decision_date, r.decided_at FROM review_round r JOIN lineage l ON l.code = r.commune_code
          WHERE r.id <> $1 AND r.status IN ('decided','reported') AND r.decision_date <= $2::date
       ), previous AS (
         SELECT DISTINCT ON (pr.household_id) pr.household_id, pr.decided_class
           FROM prior JOIN review_result pr ON pr.round_id = prior.id
          WHERE pr.household_id IN (SELECT household_id FROM review_result WHERE round_id = $1)
          ORDER BY pr.household_id, prior.decision_date DESC, prior.decided_at DESC NULLS LAST, prior.id DESC
       ), used AS (
         SELECT x.decided_class, max(substring(x.certificate_number FROM '-([0-9]+)$')::int) AS last
           FROM review_result x JOIN review_round r ON r.id = x.round_id
          WHERE r.commune_code = $3 AND r.list_year = $4::int AND r.id <> $1 AND x.certificate_number IS NOT NULL
          GROUP BY x.decided_class
       ), s AS (
         SELECT x.id AS result_id, x.household_id, p.decided_class AS previous_class, COALESCE(u.last, 0) AS numbered_before, ms.*,
                CASE WHEN x.certificate_number IS NULL AND x.decided_class IN ('poor','near_poor') THEN
                  row_number() OVER (PARTITION BY x.decided_class, x.certificate_number IS NULL ORDER BY h.village_code NULLS LAST, h.code)
                END AS n
           FROM review_result x
           JOIN household h ON h.id = x.household_id
           LEFT JOIN previous p ON p.household_id = x.household_id
           LEFT JOIN used u ON u.decided_class = x.decided_class
           -- per household through household_member_household: never a scan of the whole register
           CROSS JOIN LATERAL (
             SELECT count(hm.id)::int AS persons,
                    (count(*) FILTER (WHERE a.age >= 15 AND a.months < retirement_age_months(hm.sex, date_part('year', $2::date)::int)
                                      AND hm.labour_capacity AND hm.disability <> 'severe'))::int AS able,
                    (count(*) FILTER (WHERE a.age < 16))::int AS children,
                    (count(*) FILTER (WHERE a.age >= 6 AND a.age < 16 AND NOT hm.health_insurance))::int AS children_no_insurance,
                    (count(*) FILTER (WHERE a.age < 16 AND hm.malnourished))::int AS children_malnourished,
                    (count(*) FILTER (WHERE a.age >= 3 AND a.age < 16 AND hm.in_school = false))::int AS children_out_of_school,
                    -- the members of households on a list or leaving one (the decision's lists), only those
                    CASE WHEN x.decided_class IN ('poor','near_poor') OR p.decided_class IN ('poor','near_poor') THEN
                      COALESCE(json_agg(json_build_object(
                          'memberId', hm.id, 'fullName', hm.full_name, 'sex', hm.sex, 'birthYear', hm.birth_year, 'birthDate', hm.birth_date,
                          'relation', hm.relation, 'ethnicity', hm.ethnicity, 'idNumber', hm.id_number, 'healthInsurance', hm.health_insurance)
                        ORDER BY hm.sort_order, hm.id), '[]')::jsonb
                    END AS members
               FROM household_member hm
               CROSS JOIN LATERAL (SELECT member_age(hm.birth_date, hm.birth_year, $2::date) AS age,
                                          member_age_months(hm.birth_date, hm.birth_year, $2::date) AS months) a
              WHERE hm.household_id = x.household_id
           ) ms
          WHERE x.round_id = $1
       )
       UPDATE review_result x SET
          previous_class = s.previous_class,
          snap_persons = s.persons, snap_head_name = h.head_name, snap_head_sex = h.head_sex, snap_head_ethnicity = h.head_ethnicity,
          snap_village_code = h.village_code, snap_ethnic_minority = h.ethnic_minority, snap_female_head = h.female_head,
          snap_meritorious = h.meritorious, snap_no_labour = COALESCE(h.no_labour_override, s.able = 0),
          snap_children = s.children, snap_children_no_insurance = s.children_no_insurance,
          snap_children_malnourished = s.children_malnourished, snap_children_out_of_school = s.children_out_of_school,
          snap_members = s.members,
          certificate_number = COALESCE(x.certificate_number, CASE WHEN s.n IS NOT NULL THEN
            $3 || '/' || $4::text || '/' || CASE WHEN x.decided_class = 'poor' THEN 'HN' ELSE 'HCN' END || '-'
            || lpad((s.n + s.numbered_before)::text, 4, '0') END)
         FROM s JOIN household h ON h.id = s.household_id
        WHERE x.id = s.result_id`,
      [roundId, on, communeCode, listYear],
    );
  }

  /**
   * The facts of each household on the start or the end list (poor or near-poor), for
   * householdMovement(): its classes, persons in the two snapshots, whether it is still on the
   * register, whether it joined after the start, and whether it was poor / near-poor at an earlier
   * periodic or baseline round under the same standard (before the start).
   */
  async movementFacts(m: EntityManager, roundId: number, start: StartRound[], on: string, standardCode: string): Promise<MovementFactsRow[]> {
    const startDate = start.map((s) => s.decisionDate).sort().at(-1)!;
    return m.query(
      `WITH s AS (SELECT household_id, decided_class, snap_persons FROM review_result
                   WHERE round_id = ANY($2::int[]) AND decided_class IN ('poor','near_poor')),
            e AS (SELECT household_id, decided_class, snap_persons FROM review_result
                   WHERE round_id = $1 AND decided_class IN ('poor','near_poor')),
            ids AS (SELECT household_id FROM s UNION SELECT household_id FROM e),
            earlier AS (
              SELECT p.household_id, bool_or(p.decided_class = 'poor') AS poor, bool_or(p.decided_class = 'near_poor') AS near_poor
                FROM review_result p JOIN review_round pr ON pr.id = p.round_id
               WHERE pr.standard_code = $5 AND pr.kind IN ('periodic','baseline') AND pr.status IN ('decided','reported')
                 AND pr.decision_date < $4::date AND p.household_id IN (SELECT household_id FROM ids)
               GROUP BY p.household_id)
       SELECT i.household_id AS "householdId",
              COALESCE(s.decided_class, 'none') AS "startClass", COALESCE(e.decided_class, 'none') AS "endClass",
              COALESCE(s.snap_persons, 0)::int AS "personsStart", COALESCE(e.snap_persons, 0)::int AS "personsEnd",
              ${activeOn('h', '$3::date')} AS "activeAtEnd",
              h.registered_on > $4::date AS "registeredAfterStart",
              COALESCE(ea.poor, false) AS "poorEarlier", COALESCE(ea.near_poor, false) AS "nearPoorEarlier"
         FROM ids i JOIN household h ON h.id = i.household_id
         LEFT JOIN s ON s.household_id = i.household_id
         LEFT JOIN e ON e.household_id = i.household_id
         LEFT JOIN earlier ea ON ea.household_id = i.household_id
        ORDER BY i.household_id`,
      [roundId, start.map((s) => s.id), on, startDate, standardCode],
    );
  }

  async insertMovement(m: EntityManager, roundId: number, rows: (MovementFactsRow & HouseholdMovement)[]): Promise<void> {
    await m.query(`DELETE FROM review_movement WHERE round_id = $1`, [roundId]);
    for (let i = 0; i < rows.length; i += 5000) {
      const batch = rows.slice(i, i + 5000).map((r) => ({
        household_id: r.householdId, start_class: r.startClass, end_class: r.endClass, poor_move: r.poorMove,
        near_poor_move: r.nearPoorMove, persons_start: r.personsStart, persons_end: r.personsEnd,
      }));
      await m.query(
        `INSERT INTO review_movement (round_id, household_id, start_class, end_class, poor_move, near_poor_move, persons_start, persons_end)
         SELECT $1, t.household_id, t.start_class, t.end_class, t.poor_move, t.near_poor_move, t.persons_start, t.persons_end
           FROM jsonb_to_recordset($2::jsonb) AS t(household_id int, start_class varchar, end_class varchar, poor_move varchar,
                near_poor_move varchar, persons_start int, persons_end int)`,
        [roundId, JSON.stringify(batch)],
      );
    }
  }

  async decideApplications(m: EntityManager, roundId: number, on: string): Promise<void> {
    await bumpVersioned(m, 'review_application', sql`round_id = ${roundId} AND status IN ('pending','in_round')`, { status: 'decided', decided_on: on });
  }
}

