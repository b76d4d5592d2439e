import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { areaCte, rollupCtes } from './program-sql';

export interface ActivitySumRow {
  nodeId: number;
  activities: number;
  trainings: number;
  conferences: number;
  communication: number;
  models: number;
  total: number;
  women: number;
  ethnicMinority: number;
  officials: number;
  residents: number;
}

export interface HouseholdSumRow {
  nodeId: number;
  households: number;
  poor: number;
  nearPoor: number;
  recentlyEscaped: number;
  other: number;
  supports: number;
  amount: number;
  supportedPoor: number;
  escapedPoverty: number;
  stillPoor: number;
  supportedNearPoor: number;
  escapedNearPoverty: number;
  becamePoor: number;
  notReviewed: number;
}

/**
 * The SQL of the progress report: per node (rolled up over its sub-projects; −program id for the
 * program) over a unit and the units below it in the year. Params: $1 unit, $2 year, $3 program ids.
 */
@Injectable()
export class ProgressRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async activities(unitCode: string, year: number, programIds: number[]): Promise<ActivitySumRow[]> {
    if (!programIds.length) return [];
    return this.ds.query(
      `WITH RECURSIVE ${areaCte('$1', '$2').text}, ${rollupCtes('$3').text}
       SELECT r.root AS "nodeId",
              count(*)::int AS activities,
              count(*) FILTER (WHERE a.kind = 'training')::int AS trainings,
              count(*) FILTER (WHERE a.kind = 'conference')::int AS conferences,
              count(*) FILTER (WHERE a.kind = 'communication')::int AS communication,
              count(*) FILTER (WHERE a.kind = 'model')::int AS models,
              sum(a.participants_total)::bigint AS total,
              sum(a.participants_women)::bigint AS women,
              sum(a.participants_ethnic_minority)::bigint AS "ethnicMinority",
              sum(a.participants_officials)::bigint AS officials,
              sum(a.participants_residents)::bigint AS residents
         FROM program_activity a
         JOIN roots r ON r.id = a.project_id
        WHERE a.year = $2 AND a.unit_code IN (SELECT code FROM area)
        GROUP BY r.root`,
      [unitCode, year, programIds],
    );
  }

  /**
   * Households supported in the year, counted once per node: each under the group and the list
   * class of its first support there. The outcome compares that class with the household's decided
   * class in the periodic review of the same year (the next review after the support).
   */
  async households(unitCode: string, year: number, programIds: number[]): Promise<HouseholdSumRow[]> {
    if (!programIds.length) return [];
    return this.ds.query(
      `WITH RECURSIVE ${areaCte('$1', '$2').text}, ${rollupCtes('$3').text},
       supports AS (
         SELECT r.root, b.id, b.household_id, b.beneficiary_group, b.list_class, b.amount, b.supported_on
           FROM program_beneficiary b
           JOIN roots r ON r.id = b.project_id
          WHERE b.year = $2 AND b.unit_code IN (SELECT code FROM area)
       ),
       firsts AS (
         SELECT DISTINCT ON (root, household_id) root, household_id, beneficiary_group, list_class
           FROM supports ORDER BY root, household_id, supported_on, id
       ),
       end_class AS (
         SELECT DISTINCT ON (rr.household_id) rr.household_id, rr.decided_class
           FROM review_result rr JOIN review_round rd ON rd.id = rr.round_id
          WHERE rd.kind IN ('periodic','baseline') AND rd.year = $2 AND rd.status IN ('decided','reported')
            AND rr.household_id IN (SELECT household_id FROM supports)
          ORDER BY rr.household_id, rd.decision_date DESC, rd.id DESC
       ),
       per_household AS (
         SELECT f.root,
                count(*)::int AS households,
                count(*) FILTER (WHERE f.beneficiary_group = 'poor')::int AS poor,
                count(*) FILTER (WHERE f.beneficiary_group = 'near_poor')::int AS "nearPoor",
                count(*) FILTER (WHERE f.beneficiary_group = 'recently_escaped')::int AS "recentlyEscaped",
                count(*) FILTER (WHERE f.beneficiary_group = 'other')::int AS other,
                count(*) FILTER (WHERE f.list_class = 'poor')::int AS "supportedPoor",
                count(*) FILTER (WHERE f.list_class = 'poor' AND ec.decided_class <> 'poor')::int AS "escapedPoverty",
                count(*) FILTER (WHERE f.list_class = 'poor' AND ec.decided_class = 'poor')::int AS "stillPoor",
                count(*) FILTER (WHERE f.list_class = 'near_poor')::int AS "supportedNearPoor",
                count(*) FILTER (WHERE f.list_class = 'near_poor' AND ec.decided_class IN ('average','above'))::int AS "escapedNearPoverty",
                count(*) FILTER (WHERE f.list_class = 'near_poor' AND ec.decided_class = 'poor')::int AS "becamePoor",
                count(*) FILTER (WHERE ec.household_id IS NULL)::int AS "notReviewed"
           FROM firsts f LEFT JOIN end_class ec ON ec.household_id = f.household_id
          GROUP BY f.root
       ),
       per_support AS (
         SELECT root, count(*)::int AS supports, sum(amount)::bigint AS amount FROM supports GROUP BY root
       )
       SELECT h.root AS "nodeId", h.*, s.supports, s.amount
         FROM per_household h JOIN per_support s ON s.root = h.root`,
      [unitCode, year, programIds],
    );
  }

  /** Communes of the area in the year, and how many of them have a decided periodic review of the year. */
  async reviewCoverage(unitCode: string, year: number): Promise<{ communes: number; decided: number }> {
    const [row] = await this.ds.query(
      `WITH RECURSIVE ${areaCte('$1', '$2').text}
       SELECT count(*)::int AS communes,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM review_round r WHERE r.commune_code = u.code AND r.year = $2
                   AND r.kind IN ('periodic','baseline') AND r.status IN ('decided','reported')))::int AS decided
         FROM admin_unit u WHERE u.code IN (SELECT code FROM area) AND u.level = 'commune'`,
      [unitCode, year],
    );
    return row;
  }
}
