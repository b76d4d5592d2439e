import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { raw, updateVersioned } from '../common/db/optimistic';
import { run, Sql, sql } from '../common/db/sql';
import type { RoundKind, RoundStatus } from './domain/round-state';

/** A review round as stored (camelCase). */
export interface RoundRow {
  id: number;
  communeCode: string;
  year: number;
  kind: RoundKind;
  month: number | null;
  listYear: number;
  standardCode: string;
  status: RoundStatus;
  startedOn: string | null;
  decideBy: string | null;
  totalHouseholds: number | null;
  totalPersons: number | null;
  totalHouseholdsSource: 'entered' | 'register' | null;
  totalPersonsSource: 'entered' | 'register' | null;
  meetingDate: string | null;
  meetingAgreementPct: number | null;
  meetingMinutesRef: string | null;
  postingStart: string | null;
  postingEnd: string | null;
  opinionRequired: boolean;
  opinionDate: string | null;
  opinionRef: string | null;
  opinionBy: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  reportedAt: string | null;
  hasMovement: boolean;
  startRoundIds: number[];
  note: string | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

export const ROUND_COLUMNS = `
  r.id, r.commune_code AS "communeCode", r.year, r.kind, r.month, r.list_year AS "listYear", r.standard_code AS "standardCode",
  r.status, r.started_on AS "startedOn", r.decide_by AS "decideBy", r.total_households AS "totalHouseholds",
  r.total_persons AS "totalPersons", r.total_households_source AS "totalHouseholdsSource", r.total_persons_source AS "totalPersonsSource",
  r.meeting_date AS "meetingDate", r.meeting_agreement_pct AS "meetingAgreementPct", r.meeting_minutes_ref AS "meetingMinutesRef",
  r.posting_start AS "postingStart", r.posting_end AS "postingEnd", r.opinion_required AS "opinionRequired",
  r.opinion_date AS "opinionDate", r.opinion_ref AS "opinionRef", r.opinion_by AS "opinionBy",
  r.decision_number AS "decisionNumber", r.decision_date AS "decisionDate", r.decided_at AS "decidedAt", r.decided_by AS "decidedBy",
  r.reported_at AS "reportedAt", r.has_movement AS "hasMovement", r.start_round_ids AS "startRoundIds", r.note, r.is_demo AS "isDemo",
  r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt", r.created_by AS "createdBy"`;

/** The SQL of review rounds, their events and complaints. */
@Injectable()
export class RoundsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  /**
   * A round; `lock` 'update' for its own changes (steps, edits), 'share' for writes of its results:
   * results of one round can be written concurrently, and a step (a decision) waits for them.
   */
  async find(id: number, manager?: EntityManager, lock: boolean | 'share' | 'update' = false): Promise<RoundRow | undefined> {
    const clause = lock === 'share' ? ' FOR SHARE' : lock ? ' FOR UPDATE' : '';
    const rows = await this.m(manager).query(`SELECT ${ROUND_COLUMNS} FROM review_round r WHERE r.id = $1${clause}`, [id]);
    return rows[0];
  }

  /** The commune's name and area type on a date (the version valid then, else its latest). */
  async commune(code: string, date: string, manager?: EntityManager): Promise<{ code: string; name: string; areaType: 'rural' | 'urban' | null; level: string } | undefined> {
    const rows = await this.m(manager).query(
      `SELECT v.code, v.name, v.area_type AS "areaType", u.level
         FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
        WHERE v.code = $1
        ORDER BY (v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)) DESC, v.valid_from DESC
        LIMIT 1`,
      [code, date],
    );
    return rows[0];
  }

  async insert(
    r: {
      communeCode: string; year: number; kind: RoundKind; month: number | null; listYear: number; standardCode: string; status: RoundStatus;
      startedOn: string | null; decideBy: string | null; totalHouseholds: number | null; totalPersons: number | null; opinionRequired: boolean;
      opinionBy: string | null; note: string | null; isDemo: boolean; createdBy: string;
      decisionNumber?: string | null; decisionDate?: string | null;
    },
    manager: EntityManager,
  ): Promise<number> {
    const [{ id }] = await manager.query(
      `INSERT INTO review_round (commune_code, year, kind, month, list_year, standard_code, status, started_on, decide_by,
         total_households, total_persons, total_households_source, total_persons_source, opinion_required, opinion_by, note, is_demo, created_by,
         decision_number, decision_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
         CASE WHEN $10::int IS NULL THEN NULL ELSE 'entered' END, CASE WHEN $11::int IS NULL THEN NULL ELSE 'entered' END,
         $12, $13, $14, $15, $16, $17, $18)
       RETURNING id`,
      [r.communeCode, r.year, r.kind, r.month, r.listYear, r.standardCode, r.status, r.startedOn, r.decideBy,
        r.totalHouseholds, r.totalPersons, r.opinionRequired, r.opinionBy, r.note, r.isDemo, r.createdBy,
        r.decisionNumber ?? null, r.decisionDate ?? null],
    );
    return id;
  }

  /** The periodic (or baseline) round of a commune and year, or the regular round of a month. */
  async findSame(communeCode: string, year: number, kind: RoundKind, month: number | null, manager: EntityManager): Promise<number | undefined> {
    const rows = kind === 'regular'
      ? await manager.query(`SELECT id FROM review_round WHERE commune_code = $1 AND year = $2 AND kind = 'regular' AND month = $3`, [communeCode, year, month])
      : await manager.query(`SELECT id FROM review_round WHERE commune_code = $1 AND year = $2 AND kind IN ('periodic','baseline')`, [communeCode, year]);
    return rows[0]?.id;
  }

  /**
   * Sets columns of a round and bumps its version when `version` matches (updateVersioned: 409 when
   * stale). Column names are the caller's constants, never user input.
   */
  async update(id: number, version: number, set: Record<string, unknown>, manager: EntityManager): Promise<void> {
    await updateVersioned(manager, 'review_round', id, version, set, { entity: 'Đợt rà soát', returning: 'id' });
  }

  async addEvent(roundId: number, from: RoundStatus | null, to: RoundStatus, actor: string, data: unknown, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO review_round_event (round_id, from_status, to_status, actor, data) VALUES ($1, $2, $3, $4, $5)`,
      [roundId, from, to, actor, data === undefined ? null : JSON.stringify(data)],
    );
  }

  async events(roundId: number): Promise<unknown[]> {
    return this.ds.query(
      `SELECT id, from_status AS "fromStatus", to_status AS "toStatus", at, actor, data FROM review_round_event WHERE round_id = $1 ORDER BY at, id`,
      [roundId],
    );
  }

  async list(
    f: { commune?: string; unit?: string; year?: number; listYear?: number; kind?: RoundKind; status?: RoundStatus; scope: Sql },
    paging: { limit: number; offset: number },
  ): Promise<{ items: (RoundRow & { communeName: string; results: number; poor: number; nearPoor: number })[]; total: number }> {
    const where = [f.scope];
    if (f.commune) where.push(sql`r.commune_code = ${f.commune}`);
    if (f.unit) where.push(sql`r.commune_code IN (SELECT code FROM unit_subtree(${f.unit}))`);
    if (f.year !== undefined) where.push(sql`r.year = ${f.year}`);
    if (f.listYear !== undefined) where.push(sql`r.list_year = ${f.listYear}`);
    if (f.kind) where.push(sql`r.kind = ${f.kind}`);
    if (f.status) where.push(sql`r.status = ${f.status}`);
    const w = sql.join(where, ' AND ');
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total FROM review_round r WHERE ${w}`);
    const items = await run(this.ds, sql`
      SELECT ${raw(ROUND_COLUMNS)},
              (SELECT v.name FROM admin_unit_version v WHERE v.code = r.commune_code ORDER BY v.valid_from DESC LIMIT 1) AS "communeName",
              c.results, c.poor, c.near_poor AS "nearPoor"
         FROM review_round r
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS results, (count(*) FILTER (WHERE decided_class = 'poor'))::int AS poor,
                  (count(*) FILTER (WHERE decided_class = 'near_poor'))::int AS near_poor
             FROM review_result x WHERE x.round_id = r.id) c
        WHERE ${w}
        ORDER BY r.year DESC, r.commune_code, r.kind, r.month NULLS FIRST, r.id
        LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total };
  }

  /** Counts of the round's results by decided class. */
  async classCounts(roundId: number, manager?: EntityManager): Promise<{ results: number; poor: number; nearPoor: number; average: number; above: number; overridden: number; farmAverage: number }> {
    const [c] = await this.m(manager).query(
      `SELECT count(*)::int AS results,
              (count(*) FILTER (WHERE decided_class = 'poor'))::int AS poor,
              (count(*) FILTER (WHERE decided_class = 'near_poor'))::int AS "nearPoor",
              (count(*) FILTER (WHERE decided_class = 'average'))::int AS average,
              (count(*) FILTER (WHERE decided_class = 'above'))::int AS above,
              (count(*) FILTER (WHERE override_reason IS NOT NULL))::int AS overridden,
              (count(*) FILTER (WHERE farm_average))::int AS "farmAverage"
         FROM review_result WHERE round_id = $1`,
      [roundId],
    );
    return c;
  }

  /**
   * Rounds past their deadline on `date` and not decided: a regular round must be decided within
   * 15 days of the 15th (decide_by); a periodic round by 14 Dec of its year (Decision 24 Art. 3).
   */
  async overdue(
    f: { date: string; commune?: string; unit?: string; scope: Sql },
    paging: { limit: number; offset: number },
  ): Promise<{ items: unknown[]; total: number }> {
    const d = sql`${f.date}::date`;
    const where = [f.scope, sql`r.status NOT IN ('decided','reported')`, sql`r.kind <> 'baseline'`];
    if (f.commune) where.push(sql`r.commune_code = ${f.commune}`);
    if (f.unit) where.push(sql`r.commune_code IN (SELECT code FROM unit_subtree(${f.unit}))`);
    const deadline = sql`CASE WHEN r.kind = 'regular' THEN r.decide_by ELSE make_date(r.year, 12, 14) END`;
    const q = sql`SELECT r.id, r.commune_code AS "communeCode",
                        (SELECT v.name FROM admin_unit_version v WHERE v.code = r.commune_code ORDER BY v.valid_from DESC LIMIT 1) AS "communeName",
                        r.year, r.month, r.kind, r.status, r.started_on AS "startedOn", ${deadline} AS deadline,
                        (${d} - ${deadline})::int AS "daysOverdue",
                        (SELECT count(*)::int FROM review_application a WHERE a.round_id = r.id) AS applications
                   FROM review_round r
                  WHERE ${sql.join(where, ' AND ')} AND ${deadline} < ${d}`;
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total FROM (${q}) x`);
    const items = await run(this.ds, sql`${q} ORDER BY deadline, r.commune_code LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total };
  }

  // ---- complaints ----

  async complaints(roundId: number, manager?: EntityManager): Promise<unknown[]> {
    return this.m(manager).query(
      `SELECT c.id, c.household_id AS "householdId", h.code AS "householdCode", c.received_on AS "receivedOn", c.content,
              c.rechecked_on AS "recheckedOn", c.outcome, c.version, c.created_by AS "createdBy", c.created_at AS "createdAt"
         FROM review_complaint c LEFT JOIN household h ON h.id = c.household_id
        WHERE c.round_id = $1 ORDER BY c.received_on, c.id`,
      [roundId],
    );
  }

  async household(id: number, manager: EntityManager): Promise<{ communeCode: string } | undefined> {
    const [h] = await run(manager, sql`SELECT commune_code AS "communeCode" FROM household WHERE id = ${id}`);
    return h;
  }

  async insertComplaint(c: { roundId: number; householdId: number | null; receivedOn: string; content: string; createdBy: string }, manager: EntityManager): Promise<number> {
    const [{ id }] = await run(manager, sql`
      INSERT INTO review_complaint (round_id, household_id, received_on, content, created_by)
      VALUES (${c.roundId}, ${c.householdId}, ${c.receivedOn}, ${c.content}, ${c.createdBy}) RETURNING id`);
    return id;
  }

  async lockComplaint(roundId: number, id: number, manager: EntityManager): Promise<{ id: number; version: number; receivedOn: string; recheckedOn: string | null; outcome: string | null } | undefined> {
    const [c] = await run(manager, sql`
      SELECT id, version, received_on AS "receivedOn", rechecked_on AS "recheckedOn", outcome
        FROM review_complaint WHERE id = ${id} AND round_id = ${roundId} FOR UPDATE`);
    return c;
  }

  /** The re-check (phúc tra) of a complaint; the version is checked and bumped. */
  async recheckComplaint(id: number, version: number, r: { recheckedOn: string; outcome: string }, manager: EntityManager): Promise<void> {
    await updateVersioned(manager, 'review_complaint', id, version, { rechecked_on: r.recheckedOn, outcome: r.outcome },
      { entity: 'Khiếu nại', touch: false, returning: 'id' });
  }

  async openComplaints(roundId: number, manager: EntityManager): Promise<{ id: number; receivedOn: string }[]> {
    return manager.query(`SELECT id, received_on AS "receivedOn" FROM review_complaint WHERE round_id = $1 AND rechecked_on IS NULL ORDER BY id`, [roundId]);
  }
}
