import { Injectable } from '@nestjs/common';
import { notLeftBy } from '../households/register-sql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { run, Sql, sql } from '../common/db/sql';
import type { BeneficiaryGroup, HouseholdClass } from './domain/eligibility';
import { updateVersioned } from '../common/db/optimistic';
import { ListFilter, pagedQuery } from './program-sql';

/** What the eligibility rule needs to know of a household on a date (domain/eligibility.ts). */
export interface HouseholdListStatus {
  householdId: number;
  communeCode: string;
  status: string;
  statusDate: string | null;
  /** The decided class on the year's list as amended up to the date; null: on no list. */
  listClass: HouseholdClass | null;
  listRoundId: number | null;
  listKind: 'periodic' | 'regular' | null;
  listYear: number | null;
  listMonth: number | null;
  listDecisionDate: string | null;
  /** The latest decision (up to the date) at which the household stopped being poor. */
  escapedOn: string | null;
}

export interface Beneficiary {
  id: number;
  householdId: number;
  householdCode: string;
  headName: string;
  unitCode: string;
  programCode: string;
  projectCode: string;
  supportType: string;
  amount: number;
  date: string;
  year: number;
  group: BeneficiaryGroup;
  listClass: HouseholdClass | null;
  listRoundId: number | null;
  escapedOn: string | null;
  eligibilityReason: string;
  note: string | null;
  version: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BeneficiaryRow {
  householdId: number;
  unitCode: string;
  projectId: number;
  supportType: string;
  amount: number;
  date: string;
  group: BeneficiaryGroup;
  listClass: HouseholdClass | null;
  listRoundId: number | null;
  escapedOn: string | null;
  eligibilityReason: string;
  note: string | null;
}

/**
 * The classes of households on a date of year Y (params: $1 year, $2 date), for the households
 * that `filter` (a condition on `h`, household) keeps:
 * - base: the decided periodic (or baseline) review of Y−1, the list of Y;
 * - amend: the latest regular review of Y decided up to the date, which amends it;
 * - escapedOn: the latest decision, up to the date, at which the household's class went from poor
 *   to anything else (compared with its previous decided result), or at which a decided round's
 *   movement booked it as leaving poverty (to near-poor or above the near-poor line).
 * Only decided (or reported) rounds count, and only those decided on or before the date.
 */
export const listStatusSql = (filter: string) => `
  WITH hh AS (SELECT h.id, h.commune_code, h.status, h.status_date FROM household h WHERE ${filter}),
  res AS (
    SELECT rr.household_id, rr.decided_class, r.id AS round_id, r.kind, r.year, r.month, r.decision_date
      FROM review_result rr JOIN review_round r ON r.id = rr.round_id
     WHERE rr.household_id IN (SELECT id FROM hh)
       AND r.status IN ('decided','reported') AND r.decision_date <= $2::date
  ),
  base AS (
    SELECT DISTINCT ON (household_id) * FROM res
     WHERE kind IN ('periodic','baseline') AND year = $1::int - 1
     ORDER BY household_id, decision_date DESC, round_id DESC
  ),
  amend AS (
    SELECT DISTINCT ON (household_id) * FROM res
     WHERE kind = 'regular' AND year = $1::int
     ORDER BY household_id, decision_date DESC, month DESC, round_id DESC
  ),
  hist AS (
    SELECT household_id, decided_class, decision_date,
           lag(decided_class) OVER (PARTITION BY household_id ORDER BY decision_date, round_id) AS prev_class
      FROM res
  ),
  esc AS (
    SELECT household_id, max(decision_date) AS escaped_on FROM (
      SELECT household_id, decision_date FROM hist WHERE prev_class = 'poor' AND decided_class <> 'poor'
      UNION ALL
      -- the movement a decided round recorded (covers a household without a result of its own there)
      SELECT mv.household_id, r.decision_date
        FROM review_movement mv JOIN review_round r ON r.id = mv.round_id
       WHERE mv.household_id IN (SELECT id FROM hh) AND mv.poor_move IN ('toNearPoor','aboveNearPoor')
         AND r.status IN ('decided','reported') AND r.decision_date <= $2::date
    ) x
    GROUP BY household_id
  ),
  status AS (
    SELECT hh.id AS "householdId", hh.commune_code AS "communeCode", hh.status,
           to_char(hh.status_date, 'YYYY-MM-DD') AS "statusDate",
           COALESCE(a.decided_class, b.decided_class) AS "listClass",
           COALESCE(a.round_id, b.round_id) AS "listRoundId",
           CASE WHEN a.household_id IS NOT NULL THEN 'regular' WHEN b.household_id IS NOT NULL THEN 'periodic' END AS "listKind",
           COALESCE(a.year, b.year) AS "listYear",
           a.month AS "listMonth",
           to_char(COALESCE(a.decision_date, b.decision_date), 'YYYY-MM-DD') AS "listDecisionDate",
           to_char(e.escaped_on, 'YYYY-MM-DD') AS "escapedOn"
      FROM hh
      LEFT JOIN base b ON b.household_id = hh.id
      LEFT JOIN amend a ON a.household_id = hh.id
      LEFT JOIN esc e ON e.household_id = hh.id
  )`;

const COLS = `b.id, b.household_id AS "householdId", h.code AS "householdCode", h.head_name AS "headName", b.unit_code AS "unitCode",
  pg.code AS "programCode", pp.code AS "projectCode", b.support_type AS "supportType", b.amount,
  to_char(b.supported_on, 'YYYY-MM-DD') AS date, b.year, b.beneficiary_group AS "group", b.list_class AS "listClass",
  b.list_round_id AS "listRoundId", to_char(b.escaped_on, 'YYYY-MM-DD') AS "escapedOn", b.eligibility_reason AS "eligibilityReason",
  b.note, b.version, b.created_by AS "createdBy", b.updated_by AS "updatedBy", b.created_at AS "createdAt", b.updated_at AS "updatedAt"`;
const FROM = `program_beneficiary b
  JOIN household h ON h.id = b.household_id
  JOIN program_project pp ON pp.id = b.project_id
  JOIN program pg ON pg.id = pp.program_id`;

/** The SQL of supported households and of the classes that decide their eligibility. */
@Injectable()
export class BeneficiariesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.ds.manager;
  }

  /** The list status of some households on a date (one row per household that exists). */
  async householdStatus(householdIds: number[], year: number, date: string, manager?: EntityManager): Promise<HouseholdListStatus[]> {
    return this.m(manager).query(`${listStatusSql('h.id = ANY($3::int[])')} SELECT * FROM status ORDER BY "householdId"`,
      [year, date, householdIds]);
  }

  /**
   * Households of some communes whose class on the list (as amended up to the date) is one of
   * `classes`, at most `perCommune` per commune, in a stable pseudo-random order.
   */
  async householdsOnList(
    m: EntityManager, f: { communeCodes: string[]; year: number; date: string; classes: HouseholdClass[]; perCommune: number; seed: number },
  ): Promise<HouseholdListStatus[]> {
    return m.query(
      `${listStatusSql(`h.commune_code = ANY($3::varchar[]) AND ${notLeftBy('h', '$2::date')}`)}
       SELECT * FROM (
         SELECT s.*, row_number() OVER (PARTITION BY s."communeCode" ORDER BY hashint4(s."householdId" + $6::int), s."householdId") AS n
           FROM status s WHERE s."listClass" = ANY($4::varchar[])
       ) x WHERE x.n <= $5 ORDER BY x."communeCode", x.n`,
      [f.year, f.date, f.communeCodes, f.classes, f.perCommune, f.seed],
    );
  }

  async household(m: EntityManager, id: number): Promise<{ id: number; communeCode: string; code: string; headName: string } | undefined> {
    const rows = await m.query(`SELECT id, commune_code AS "communeCode", code, head_name AS "headName" FROM household WHERE id = $1`, [id]);
    return rows[0];
  }

  async byId(id: number, manager?: EntityManager, lock = false): Promise<(Beneficiary & { projectId: number }) | undefined> {
    const rows = await this.m(manager).query(
      `SELECT ${COLS}, b.project_id AS "projectId" FROM ${FROM} WHERE b.id = $1 ${lock ? 'FOR UPDATE OF b' : ''}`, [id]);
    return rows[0];
  }

  private values(b: BeneficiaryRow): unknown[] {
    return [b.householdId, b.unitCode, b.projectId, b.supportType, b.amount, b.date, b.group, b.listClass, b.listRoundId,
      b.escapedOn, b.eligibilityReason, b.note];
  }

  async insert(m: EntityManager, b: BeneficiaryRow, createdBy: string, isDemo = false): Promise<number> {
    const [{ id }] = await m.query(
      `INSERT INTO program_beneficiary (household_id, unit_code, project_id, support_type, amount, supported_on, beneficiary_group,
         list_class, list_round_id, escaped_on, eligibility_reason, note, created_by, updated_by, is_demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING id`,
      [...this.values(b), createdBy, isDemo],
    );
    return id;
  }

  async update(m: EntityManager, id: number, version: number, b: BeneficiaryRow, updatedBy: string): Promise<void> {
    await updateVersioned(m, 'program_beneficiary', id, version, {
      household_id: b.householdId, unit_code: b.unitCode, project_id: b.projectId, support_type: b.supportType, amount: b.amount,
      supported_on: b.date, beneficiary_group: b.group, list_class: b.listClass, list_round_id: b.listRoundId, escaped_on: b.escapedOn,
      eligibility_reason: b.eligibilityReason, note: b.note, updated_by: updatedBy,
    }, { entity: 'Hộ được hỗ trợ', returning: 'id' });
  }

  async delete(m: EntityManager, id: number): Promise<void> {
    await m.query(`DELETE FROM program_beneficiary WHERE id = $1`, [id]);
  }

  async list(
    f: { scope: Sql; unit?: string; year?: number; projectId?: number; householdId?: number; group?: string },
    paging: { limit: number; offset: number },
  ): Promise<{ items: Beneficiary[]; total: number }> {
    const w = new ListFilter(f);
    w.unitYearProject('b', f);
    if (f.householdId) w.add(sql`b.household_id = ${f.householdId}`);
    if (f.group) w.add(sql`b.beneficiary_group = ${f.group}`);
    return pagedQuery<Beneficiary>(this.ds, {
      withSql: w.withSql, countFrom: 'program_beneficiary b', select: COLS, from: FROM, cond: w.cond,
      orderBy: 'b.supported_on DESC, b.id DESC',
    }, paging);
  }
}
