import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReportUnit } from './report-inputs';

export type ListClass = 'poor' | 'near_poor';

export interface UnitForYear extends ReportUnit {
  /** The day whose tree the export follows: 31 Dec of the year, or the unit's last day if earlier. */
  onDate: string;
}

export interface ListRound {
  id: number;
  communeCode: string;
  communeName: string;
  listYear: number;
  standardCode: string;
  decisionNumber: string | null;
  decisionDate: string | null;
}

/** One row of the detailed-list query: a household (head) with one of its members, or none. */
export interface ListQueryRow {
  householdId: number;
  villageKey: string;
  headName: string;
  headSex: 'male' | 'female';
  headBirthYear: number;
  headEthnicity: string;
  ethnicMinority: boolean | null;
  meritorious: boolean | null;
  noLabour: boolean | null;
  move: string | null;
  supportNeeds: string[];
  memberName: string | null;
  memberSex: 'male' | 'female' | null;
  memberBirthYear: number | null;
  memberEthnicity: string | null;
  memberRelation: string | null;
}

export interface RoundInfo {
  id: number;
  communeCode: string;
  communeName: string;
  year: number;
  listYear: number;
  kind: 'periodic' | 'regular' | 'baseline';
  month: number | null;
  status: string;
  standardCode: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  postingStart: string | null;
  postingEnd: string | null;
}

export interface PostingRow {
  householdId: number;
  headName: string;
  headBirthYear: number;
  headSex: 'male' | 'female';
  ethnicity: string;
  villageName: string | null;
  persons: number;
  decidedClass: 'poor' | 'near_poor' | 'average' | 'above';
  previousClass: 'poor' | 'near_poor' | 'average' | 'above' | null;
  /** Whether the household was poor at an earlier round under the same standard (tái nghèo). */
  everPoor: boolean;
  everNearPoor: boolean;
}

export interface CertificateRow {
  certificateNumber: string;
  householdId: number;
  householdCode: string;
  headName: string;
  headBirthYear: number;
  headSex: 'male' | 'female';
  headIdNumber: string | null;
  address: string | null;
  villageName: string | null;
  decidedClass: 'poor' | 'near_poor';
  persons: number;
}

export interface CertificateMember {
  householdId: number;
  fullName: string;
  sex: 'male' | 'female';
  birthYear: number;
  relation: string;
  idNumber: string | null;
}

/** Columns of the detailed list, shared by the batched query and the benchmark's single query. */
export const LIST_SELECT = `
  p.household_id AS "householdId", p.village_key AS "villageKey",
  h.head_name AS "headName", coalesce(p.snap_head_sex, h.head_sex) AS "headSex", h.head_birth_year AS "headBirthYear",
  coalesce(p.snap_head_ethnicity, h.head_ethnicity) AS "headEthnicity",
  coalesce(p.snap_ethnic_minority, h.ethnic_minority) AS "ethnicMinority",
  coalesce(p.snap_meritorious, h.meritorious) AS "meritorious", p.snap_no_labour AS "noLabour",
  CASE WHEN p.decided_class = 'poor' THEN mv.poor_move ELSE mv.near_poor_move END AS "move",
  p.support_needs AS "supportNeeds",
  m.full_name AS "memberName", m.sex AS "memberSex", m.birth_year AS "memberBirthYear",
  m.ethnicity AS "memberEthnicity", m.relation AS "memberRelation"`;

/** The joins behind LIST_SELECT, `p` being the review results of the page. */
export const LIST_JOINS = `
  JOIN household h ON h.id = p.household_id
  LEFT JOIN review_movement mv ON mv.round_id = p.round_id AND mv.household_id = p.household_id
  LEFT JOIN household_member m ON m.household_id = p.household_id AND m.relation <> 'head'`;

/**
 * The same joins for one page: index lookups per household (LATERAL … OFFSET 0 keeps the planner
 * from hashing whole tables for a page of households: measured ~200 ms a page with hash joins, ~40 ms with lookups).
 */
export const LIST_PAGE_JOINS = `
  JOIN LATERAL (SELECT h0.head_name, h0.head_sex, h0.head_birth_year, h0.head_ethnicity, h0.ethnic_minority, h0.meritorious
                  FROM household h0 WHERE h0.id = p.household_id OFFSET 0) h ON true
  LEFT JOIN LATERAL (SELECT mv0.poor_move, mv0.near_poor_move FROM review_movement mv0
                      WHERE mv0.round_id = p.round_id AND mv0.household_id = p.household_id OFFSET 0) mv ON true
  LEFT JOIN LATERAL (SELECT m0.full_name, m0.sex, m0.birth_year, m0.ethnicity, m0.relation, m0.sort_order, m0.id
                       FROM household_member m0 WHERE m0.household_id = p.household_id AND m0.relation <> 'head' OFFSET 0) m ON true`;

/** The order of the list: village, household, then members as the register orders them. */
export const LIST_ORDER = `p.village_key, p.household_id, m.sort_order, m.id`;

/**
 * The SQL of the exports: which rounds a list covers, and the list itself read in pages by a
 * keyset on (village, household) so a province-sized list is never held in memory.
 */
@Injectable()
export class ExportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The unit as it was in that year (its latest version overlapping the year). */
  async unitForYear(code: string, year: number): Promise<UnitForYear | undefined> {
    const rows = await this.ds.query(
      `SELECT v.code, v.name, u.level,
              to_char(LEAST(make_date($2, 12, 31), coalesce(v.valid_to, 'infinity'::date)), 'YYYY-MM-DD') AS "onDate"
         FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
        WHERE v.code = $1 AND v.valid_from <= make_date($2, 12, 31)
          AND (v.valid_to IS NULL OR v.valid_to >= make_date($2, 1, 1))
        ORDER BY v.valid_from DESC LIMIT 1`,
      [code, year],
    );
    return rows[0] as UnitForYear | undefined;
  }

  /**
   * The communes under a unit on a date (the unit itself when it is a commune), each with its
   * decided periodic (or baseline) round of the year, if any.
   */
  async communeRounds(unitCode: string, onDate: string, year: number): Promise<{ communeCode: string; communeName: string; round: ListRound | null }[]> {
    const rows: (ListRound & { roundId: number | null })[] = await this.ds.query(
      `WITH RECURSIVE tree(code) AS (
         SELECT $1::varchar
         UNION
         SELECT v.code FROM admin_unit_version v JOIN tree t ON v.parent_code = t.code
          WHERE v.valid_from <= $2::date AND (v.valid_to IS NULL OR v.valid_to >= $2::date)
       )
       SELECT c.code AS "communeCode", cv.name AS "communeName", rr.id AS "roundId", rr.list_year AS "listYear",
              rr.standard_code AS "standardCode", rr.decision_number AS "decisionNumber",
              to_char(rr.decision_date, 'YYYY-MM-DD') AS "decisionDate"
         FROM tree t
         JOIN admin_unit c ON c.code = t.code AND c.level = 'commune'
         JOIN LATERAL (SELECT name FROM admin_unit_version WHERE code = c.code AND valid_from <= $2::date
                        ORDER BY valid_from DESC LIMIT 1) cv ON true
         LEFT JOIN review_round rr ON rr.commune_code = c.code AND rr.year = $3
              AND rr.kind IN ('periodic', 'baseline') AND rr.status IN ('decided', 'reported')
        ORDER BY c.code`,
      [unitCode, onDate, year],
    );
    return rows.map((r) => ({
      communeCode: r.communeCode,
      communeName: r.communeName,
      round: r.roundId === null ? null : { ...r, id: r.roundId },
    }));
  }

  /** Village names of some communes (their latest version), for the list's "Thôn/Tổ" column. */
  async villageNames(communeCodes: string[]): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await this.ds.query(
      `SELECT DISTINCT ON (code) code, name FROM admin_unit_version WHERE parent_code = ANY($1::varchar[])
        ORDER BY code, valid_from DESC`,
      [communeCodes],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async ethnicNames(): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await this.ds.query(`SELECT code, name FROM ethnic_group`);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /**
   * One page of the detailed list: up to `limit` households of a round and class after the
   * keyset (village, household id), each with its members (one row per member, the head's
   * fields repeated). The page's households all come with every member.
   */
  async listPage(roundId: number, cls: ListClass, after: { villageKey: string; householdId: number } | null, limit: number): Promise<ListQueryRow[]> {
    return this.ds.query(
      `WITH p AS (
         SELECT r.round_id, r.household_id, coalesce(r.snap_village_code, '') AS village_key, r.decided_class,
                r.snap_head_sex, r.snap_head_ethnicity, r.snap_ethnic_minority, r.snap_meritorious, r.snap_no_labour, r.support_needs
           FROM review_result r
          WHERE r.round_id = $1 AND r.decided_class = $2
            AND (coalesce(r.snap_village_code, ''), r.household_id) > ($3::varchar, $4::int)
          ORDER BY coalesce(r.snap_village_code, ''), r.household_id
          LIMIT $5
       )
       SELECT ${LIST_SELECT} FROM p ${LIST_PAGE_JOINS} ORDER BY ${LIST_ORDER}`,
      [roundId, cls, after?.villageKey ?? '', after?.householdId ?? 0, limit],
    );
  }

  async round(id: number): Promise<RoundInfo | undefined> {
    const rows = await this.ds.query(
      `SELECT rr.id, rr.commune_code AS "communeCode", cv.name AS "communeName", rr.year, rr.list_year AS "listYear",
              rr.kind, rr.month, rr.status, rr.standard_code AS "standardCode", rr.decision_number AS "decisionNumber",
              to_char(rr.decision_date, 'YYYY-MM-DD') AS "decisionDate",
              to_char(rr.posting_start, 'YYYY-MM-DD') AS "postingStart", to_char(rr.posting_end, 'YYYY-MM-DD') AS "postingEnd"
         FROM review_round rr
         JOIN LATERAL (SELECT name FROM admin_unit_version WHERE code = rr.commune_code
                        ORDER BY (valid_from <= make_date(rr.year, 12, 31)) DESC, valid_from DESC LIMIT 1) cv ON true
        WHERE rr.id = $1`,
      [id],
    );
    return rows[0];
  }

  /**
   * The households of a round for public posting, with the class each had on the list before
   * this round: its result in the latest decided round of the commune that comes earlier (a
   * periodic or baseline round of year Y closes year Y; the regular rounds of year Y amend the
   * list of year Y, docs/RULES.md §1). `everPoor` looks back over the rounds under the same standard.
   */
  async postingRows(round: RoundInfo): Promise<PostingRow[]> {
    return this.ds.query(
      `WITH earlier AS (
         SELECT e.id, e.standard_code,
                (e.year * 100 + CASE WHEN e.kind = 'regular' THEN e.month ELSE 13 END) AS seq
           FROM review_round e
          WHERE e.commune_code = $2 AND e.status IN ('decided', 'reported') AND e.id <> $1
            AND (e.year * 100 + CASE WHEN e.kind = 'regular' THEN e.month ELSE 13 END) < $3
       )
       SELECT r.household_id AS "householdId", h.head_name AS "headName", h.head_birth_year AS "headBirthYear",
              coalesce(r.snap_head_sex, h.head_sex) AS "headSex",
              eg.name AS ethnicity, vv.name AS "villageName",
              coalesce(r.snap_persons, (SELECT count(*) FROM household_member m WHERE m.household_id = h.id))::int AS persons,
              r.decided_class AS "decidedClass", prev.decided_class AS "previousClass",
              EXISTS (SELECT 1 FROM review_result x JOIN earlier e ON e.id = x.round_id
                       WHERE x.household_id = r.household_id AND x.decided_class = 'poor' AND e.standard_code = $4) AS "everPoor",
              EXISTS (SELECT 1 FROM review_result x JOIN earlier e ON e.id = x.round_id
                       WHERE x.household_id = r.household_id AND x.decided_class = 'near_poor' AND e.standard_code = $4) AS "everNearPoor"
         FROM review_result r
         JOIN household h ON h.id = r.household_id
         JOIN ethnic_group eg ON eg.code = coalesce(r.snap_head_ethnicity, h.head_ethnicity)
         LEFT JOIN LATERAL (SELECT name FROM admin_unit_version WHERE code = coalesce(r.snap_village_code, h.village_code)
                             ORDER BY valid_from DESC LIMIT 1) vv ON true
         LEFT JOIN LATERAL (SELECT x.decided_class FROM review_result x JOIN earlier e ON e.id = x.round_id
                             WHERE x.household_id = r.household_id ORDER BY e.seq DESC LIMIT 1) prev ON true
        WHERE r.round_id = $1
        ORDER BY coalesce(r.snap_village_code, h.village_code, ''), h.code, h.id`,
      [round.id, round.communeCode, round.year * 100 + (round.kind === 'regular' ? (round.month ?? 0) : 13), round.standardCode],
    );
  }

  /** The certificates (Mẫu 03) a decided round issued, with each household's members. */
  async certificates(roundId: number): Promise<{ rows: CertificateRow[]; members: CertificateMember[] }> {
    const rows: CertificateRow[] = await this.ds.query(
      `SELECT r.certificate_number AS "certificateNumber", h.id AS "householdId", h.code AS "householdCode",
              h.head_name AS "headName", h.head_birth_year AS "headBirthYear", coalesce(r.snap_head_sex, h.head_sex) AS "headSex",
              h.head_id_number AS "headIdNumber", h.address, vv.name AS "villageName", r.decided_class AS "decidedClass",
              coalesce(r.snap_persons, (SELECT count(*) FROM household_member m WHERE m.household_id = h.id))::int AS persons
         FROM review_result r
         JOIN household h ON h.id = r.household_id
         LEFT JOIN LATERAL (SELECT name FROM admin_unit_version WHERE code = coalesce(r.snap_village_code, h.village_code)
                             ORDER BY valid_from DESC LIMIT 1) vv ON true
        WHERE r.round_id = $1 AND r.certificate_number IS NOT NULL AND r.decided_class IN ('poor', 'near_poor')
        ORDER BY length(r.certificate_number), r.certificate_number, h.id`,
      [roundId],
    );
    const members: CertificateMember[] = await this.ds.query(
      `SELECT m.household_id AS "householdId", m.full_name AS "fullName", m.sex, m.birth_year AS "birthYear",
              m.relation, m.id_number AS "idNumber"
         FROM review_result r JOIN household_member m ON m.household_id = r.household_id
        WHERE r.round_id = $1 AND r.certificate_number IS NOT NULL AND r.decided_class IN ('poor', 'near_poor')
        ORDER BY m.household_id, (m.relation <> 'head'), m.sort_order, m.id`,
      [roundId],
    );
    return { rows, members };
  }
}

