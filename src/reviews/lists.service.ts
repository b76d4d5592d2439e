import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { maskIdNumbers } from '../auth/masking';
import { ScopeService } from '../auth/scope.service';
import { DomainError } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { MovementTotals, NEAR_POOR_MOVES, POOR_MOVES, reconciliationErrors } from './domain/movement';
import { isFrozen } from './domain/round-state';
import { assertFound, referenceDate } from './reviews.common';
import { ListQuery, MovementQuery } from './rounds.dto';
import { RoundsRepository } from './rounds.repository';

export const LISTS = ['poor', 'near-poor', 'escaped-poor', 'escaped-near-poor'] as const;
export type ListKind = (typeof LISTS)[number];

/** Which results a list holds, by decided class and the class on the list before the decision. */
const LIST_WHERE: Record<ListKind, string> = {
  poor: `x.decided_class = 'poor'`,
  'near-poor': `x.decided_class = 'near_poor'`,
  'escaped-poor': `p.previous_class = 'poor' AND x.decided_class <> 'poor'`,
  'escaped-near-poor': `p.previous_class = 'near_poor' AND x.decided_class NOT IN ('poor','near_poor')`,
};

/**
 * The lists of a round for public posting and the chairman's decision (poor, near-poor, escaped
 * poverty, escaped near-poverty) with members, the certificates issued, and the movement. A
 * decided round shows what the decision snapshotted; an open one shows the register as it is.
 */
@Injectable()
export class ListsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly rounds: RoundsRepository,
    private readonly scope: ScopeService,
  ) {}

  private async round(user: AuthUser, id: number) {
    const round = assertFound(await this.rounds.find(id), 'Round', id);
    await this.scope.assertRead(user, [round.communeCode]);
    return round;
  }

  async list(user: AuthUser, roundId: number, kind: ListKind, q: ListQuery): Promise<Page<unknown> & { list: ListKind; frozen: boolean }> {
    if (!LISTS.includes(kind)) throw new DomainError('NOT_FOUND', `No list "${kind}" (lists: ${LISTS.join(', ')})`);
    const round = await this.round(user, roundId);
    const params: unknown[] = [roundId];
    const where = [`x.round_id = $1`, LIST_WHERE[kind]];
    if (q.village) { params.push(q.village); where.push(`COALESCE(x.snap_village_code, h.village_code) = $${params.length}`); }
    // an open round has no previous_class yet: the household's latest decided class, as the decision will take it
    const from = `
      FROM review_result x
      JOIN household h ON h.id = x.household_id
      CROSS JOIN LATERAL (
        SELECT COALESCE(x.previous_class, CASE WHEN x.snap_persons IS NULL THEN (
          SELECT pr.decided_class FROM review_result pr JOIN review_round rr ON rr.id = pr.round_id
           WHERE pr.household_id = x.household_id AND rr.id <> x.round_id AND rr.status IN ('decided','reported')
           ORDER BY rr.decision_date DESC, rr.decided_at DESC NULLS LAST, rr.id DESC LIMIT 1) END) AS previous_class
      ) p
      WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, params);
    params.push(q.pageSize, q.offset);
    const rows: { members: { idNumber?: string | null }[] }[] = await this.ds.query(
      `SELECT x.household_id AS "householdId", h.code, COALESCE(x.snap_head_name, h.head_name) AS "headName",
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
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const items = maskIdNumbers(rows.map((r) => ({ ...r, persons: r.members.length })), user);
    return { ...page(items, total, q), list: kind, frozen: isFrozen(round.status) };
  }

  /**
   * Who a round must review (Decision 24 Art. 4.1, Circular 07/2021 Phụ lục I): for a periodic round
   * every household on the current poor or near-poor list still on the register, and every household
   * with a Mẫu 01 / Mẫu 04 application on the round; for a regular round the applicants only. With
   * whether each already has a result.
   */
  async reviewList(user: AuthUser, roundId: number, q: ListQuery): Promise<Page<unknown>> {
    const round = await this.round(user, roundId);
    const params: unknown[] = [roundId, round.communeCode, referenceDate(round), round.kind === 'periodic'];
    const village = q.village ? (params.push(q.village), `AND h.village_code = $${params.length}`) : '';
    const sql = `
      WITH cur AS (
        SELECT DISTINCT ON (x.household_id) x.household_id, x.decided_class
          FROM review_result x JOIN review_round r ON r.id = x.round_id
         WHERE r.commune_code = $2 AND r.status IN ('decided','reported') AND r.id <> $1
         ORDER BY x.household_id, r.decision_date DESC, r.decided_at DESC NULLS LAST, r.id DESC
      ), apps AS (
        SELECT household_id, string_agg(DISTINCT form, ',' ORDER BY form) AS forms
          FROM review_application WHERE round_id = $1 AND status <> 'refused' GROUP BY household_id
      )
      SELECT h.id AS "householdId", h.code, h.head_name AS "headName", h.village_code AS "villageCode",
             cur.decided_class AS "currentClass", apps.forms AS applications,
             res.decided_class AS "resultClass", res.id IS NOT NULL AS "hasResult"
        FROM household h
        LEFT JOIN cur ON cur.household_id = h.id
        LEFT JOIN apps ON apps.household_id = h.id
        LEFT JOIN review_result res ON res.round_id = $1 AND res.household_id = h.id
       WHERE h.commune_code = $2 AND (h.status = 'active' OR h.status_date > $3::date)
         AND (apps.forms IS NOT NULL OR ($4 AND cur.decided_class IN ('poor','near_poor'))) ${village}`;
    const [{ total, done }] = await this.ds.query(`SELECT count(*)::int AS total, (count(*) FILTER (WHERE "hasResult"))::int AS done FROM (${sql}) l`, params);
    params.push(q.pageSize, q.offset);
    const items = await this.ds.query(`${sql} ORDER BY h.village_code NULLS LAST, h.code LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return { ...page(items, total, q), reviewed: done } as Page<unknown>;
  }

  async certificates(user: AuthUser, roundId: number, q: ListQuery): Promise<Page<unknown>> {
    const round = await this.round(user, roundId);
    if (!isFrozen(round.status)) throw new DomainError('BUSINESS_RULE', `Round ${roundId} is ${round.status}: certificates are issued by the decision`, [{ field: 'status', message: round.status }]);
    const params: unknown[] = [roundId];
    const where = ['x.round_id = $1', 'x.certificate_number IS NOT NULL'];
    if (q.village) { params.push(q.village); where.push(`x.snap_village_code = $${params.length}`); }
    const w = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM review_result x WHERE ${w}`, params);
    params.push(q.pageSize, q.offset);
    const items = await this.ds.query(
      `SELECT x.certificate_number AS "certificateNumber", x.household_id AS "householdId", h.code, x.snap_head_name AS "headName",
              x.snap_village_code AS "villageCode", x.decided_class AS "class", x.snap_persons AS persons
         FROM review_result x JOIN household h ON h.id = x.household_id
        WHERE ${w} ORDER BY x.certificate_number LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { ...page(items, total, q), listYear: round.listYear, decisionNumber: round.decisionNumber, decisionDate: round.decisionDate } as Page<unknown>;
  }

  /** The movement rows of a decided round, household by household. */
  async movement(user: AuthUser, roundId: number, q: MovementQuery): Promise<Page<unknown>> {
    await this.round(user, roundId);
    const params: unknown[] = [roundId];
    const where = ['mv.round_id = $1'];
    if (q.side && q.move) { params.push(q.move); where.push(`${q.side === 'poor' ? 'mv.poor_move' : 'mv.near_poor_move'} = $${params.length}`); }
    else if (q.move) { params.push(q.move); where.push(`(mv.poor_move = $${params.length} OR mv.near_poor_move = $${params.length})`); }
    else if (q.side) where.push(q.side === 'poor' ? 'mv.poor_move IS NOT NULL' : 'mv.near_poor_move IS NOT NULL');
    const w = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM review_movement mv WHERE ${w}`, params);
    params.push(q.pageSize, q.offset);
    const items = await this.ds.query(
      `SELECT mv.household_id AS "householdId", h.code, h.head_name AS "headName", mv.start_class AS "startClass", mv.end_class AS "endClass",
              mv.poor_move AS "poorMove", mv.near_poor_move AS "nearPoorMove", mv.persons_start AS "personsStart", mv.persons_end AS "personsEnd"
         FROM review_movement mv JOIN household h ON h.id = mv.household_id
        WHERE ${w} ORDER BY h.code LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return page(items, total, q);
  }

  /**
   * The movement of one round summed (set-based, through the review_movement_flow view that holds
   * the persons rule), with the reconciliation checked.
   */
  async movementSummary(user: AuthUser, roundId: number) {
    const round = await this.round(user, roundId);
    if (!round.hasMovement) {
      return { roundId, hasMovement: false, baseline: isFrozen(round.status), startRoundIds: round.startRoundIds, households: null, persons: null, reconciles: null, problems: [] };
    }
    const [ends] = await this.ds.query(
      `SELECT (count(*) FILTER (WHERE start_class = 'poor'))::int AS "poorStart", (count(*) FILTER (WHERE end_class = 'poor'))::int AS "poorEnd",
              (count(*) FILTER (WHERE start_class = 'near_poor'))::int AS "nearStart", (count(*) FILTER (WHERE end_class = 'near_poor'))::int AS "nearEnd",
              COALESCE(sum(persons_start) FILTER (WHERE start_class = 'poor'), 0)::int AS "poorStartP",
              COALESCE(sum(persons_end) FILTER (WHERE end_class = 'poor'), 0)::int AS "poorEndP",
              COALESCE(sum(persons_start) FILTER (WHERE start_class = 'near_poor'), 0)::int AS "nearStartP",
              COALESCE(sum(persons_end) FILTER (WHERE end_class = 'near_poor'), 0)::int AS "nearEndP"
         FROM review_movement WHERE round_id = $1`,
      [roundId],
    );
    const flows: { side: string; move: string; households: number; persons: number }[] = await this.ds.query(
      `SELECT side, move, sum(households)::int AS households, sum(persons)::int AS persons FROM review_movement_flow WHERE round_id = $1 GROUP BY side, move`,
      [roundId],
    );
    const zero = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
    const t: MovementTotals = {
      households: {
        poor: { start: ends.poorStart, end: ends.poorEnd, movement: zero(POOR_MOVES) as never },
        nearPoor: { start: ends.nearStart, end: ends.nearEnd, movement: zero(NEAR_POOR_MOVES) as never },
      },
      persons: {
        poor: { start: ends.poorStartP, end: ends.poorEndP, movement: zero(POOR_MOVES) as never },
        nearPoor: { start: ends.nearStartP, end: ends.nearEndP, movement: zero(NEAR_POOR_MOVES) as never },
      },
    };
    for (const f of flows) {
      const side = f.side === 'poor' ? 'poor' : 'nearPoor';
      (t.households[side].movement as Record<string, number>)[f.move] += f.households;
      (t.persons[side].movement as Record<string, number>)[f.move] += f.persons;
    }
    const problems = reconciliationErrors(t);
    return { roundId, hasMovement: true, startRoundIds: round.startRoundIds, ...t, reconciles: problems.length === 0, problems };
  }
}
