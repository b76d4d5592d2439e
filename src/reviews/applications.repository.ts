import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { bumpVersioned, updateVersioned } from '../common/db/optimistic';
import { run, Sql, sql } from '../common/db/sql';
import type { RoundStatus } from './domain/round-state';

/**
 * The deadline of an application (SQL): the round it is on decides it — a regular round by its
 * decide_by (15 days from the 15th, Decision 24 Art. 5), a periodic one by 14 Dec (Art. 3); a
 * pending one by the regular round it falls into (regularRoundFor in round-state.ts).
 */
const DEADLINE = sql`
  CASE WHEN r.kind = 'regular' THEN r.decide_by
       WHEN r.kind = 'periodic' THEN make_date(r.year, 12, 14)
       ELSE (date_trunc('month', a.filed_on)
             + CASE WHEN extract(day FROM a.filed_on) > 15 THEN interval '1 month' ELSE interval '0' END)::date + 29
  END`;

/** The application view; `today` is the day deadlines are judged on. */
const select = (today: string) => sql`
  SELECT a.id, a.household_id AS "householdId", h.code AS "householdCode", h.head_name AS "headName", a.commune_code AS "communeCode",
         a.form, a.filed_on AS "filedOn", a.channel, a.round_id AS "roundId", r.kind AS "roundKind", r.year AS "roundYear",
         r.month AS "roundMonth", r.status AS "roundStatus", a.status, a.answer, a.decided_on AS "decidedOn",
         ${DEADLINE} AS deadline,
         CASE WHEN a.status IN ('pending','in_round') AND ${DEADLINE} < ${today}::date THEN (${today}::date - ${DEADLINE})::int ELSE 0 END AS "overdueDays",
         a.version, a.created_at AS "createdAt", a.created_by AS "createdBy", a.is_demo AS "isDemo"
    FROM review_application a
    JOIN household h ON h.id = a.household_id
    LEFT JOIN review_round r ON r.id = a.round_id`;

export type ApplicationView = Record<string, unknown> & { communeCode: string; status: string; version: number; roundId: number | null };

export interface ApplicationFilter {
  today: string;
  scope: Sql;
  commune?: string;
  unit?: string;
  status?: string;
  form?: string;
  roundId?: number;
  householdId?: number;
  overdue?: boolean;
}

const ENTITY = 'Đơn';

@Injectable()
export class ApplicationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(id: number, today: string, m?: EntityManager): Promise<ApplicationView | undefined> {
    const rows = await run(m ?? this.ds.manager, sql`${select(today)} WHERE a.id = ${id}`);
    return rows[0];
  }

  async list(f: ApplicationFilter, paging: { limit: number; offset: number }): Promise<{ items: unknown[]; total: number }> {
    const where = [f.scope];
    if (f.commune) where.push(sql`a.commune_code = ${f.commune}`);
    if (f.unit) where.push(sql`a.commune_code IN (SELECT code FROM unit_subtree(${f.unit}))`);
    if (f.status) where.push(sql`a.status = ${f.status}`);
    if (f.form) where.push(sql`a.form = ${f.form}`);
    if (f.roundId) where.push(sql`a.round_id = ${f.roundId}`);
    if (f.householdId) where.push(sql`a.household_id = ${f.householdId}`);
    if (f.overdue !== undefined) {
      const late = sql`(a.status IN ('pending','in_round') AND ${DEADLINE} < ${f.today}::date)`;
      where.push(f.overdue ? late : sql`NOT ${late}`);
    }
    const w = sql.join(where, ' AND ');
    const [{ total }] = await run(this.ds,
      sql`SELECT count(*)::int AS total FROM review_application a LEFT JOIN review_round r ON r.id = a.round_id WHERE ${w}`);
    const items = await run(this.ds,
      sql`${select(f.today)} WHERE ${w} ORDER BY a.filed_on DESC, a.id DESC LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total };
  }

  async round(m: EntityManager, id: number): Promise<{ id: number; commune_code: string; kind: string; status: RoundStatus } | undefined> {
    const [r] = await run(m, sql`SELECT id, commune_code, kind, status FROM review_round WHERE id = ${id}`);
    return r;
  }

  /** The open regular round of a commune's month. */
  async openRegularRound(m: EntityManager, communeCode: string, year: number, month: number): Promise<number | undefined> {
    const [r] = await run(m, sql`SELECT id FROM review_round WHERE commune_code = ${communeCode} AND kind = 'regular' AND year = ${year}
                                    AND month = ${month} AND status NOT IN ('decided','reported')`);
    return r?.id;
  }

  /** The periodic round of a commune's year still taking households (draft or surveying). */
  async openPeriodicRound(m: EntityManager, communeCode: string, year: number): Promise<number | undefined> {
    const [r] = await run(m, sql`SELECT id FROM review_round WHERE commune_code = ${communeCode} AND kind = 'periodic' AND year = ${year}
                                    AND status IN ('draft','surveying')`);
    return r?.id;
  }

  async household(m: EntityManager, id: number): Promise<{ id: number; code: string; communeCode: string; status: string } | undefined> {
    const [h] = await run(m, sql`SELECT id, code, commune_code AS "communeCode", status FROM household WHERE id = ${id}`);
    return h;
  }

  /** An open (pending or in-round) application of the household on this form. */
  async openApplication(m: EntityManager, householdId: number, form: string): Promise<number | undefined> {
    const [a] = await run(m, sql`SELECT id FROM review_application WHERE household_id = ${householdId} AND form = ${form}
                                    AND status IN ('pending','in_round')`);
    return a?.id;
  }

  /** The class the household was last decided in, on or before a date (null: never on a decided list). */
  async decidedClassOn(m: EntityManager, householdId: number, on: string): Promise<string | null> {
    const [cur] = await run(m, sql`
      SELECT x.decided_class FROM review_result x JOIN review_round r ON r.id = x.round_id
       WHERE x.household_id = ${householdId} AND r.status IN ('decided','reported') AND r.decision_date <= ${on}::date
       ORDER BY r.decision_date DESC, r.decided_at DESC NULLS LAST LIMIT 1`);
    return cur?.decided_class ?? null;
  }

  async insert(m: EntityManager, a: {
    householdId: number; communeCode: string; form: string; filedOn: string; channel: string | null; roundId: number | null; isDemo: boolean; createdBy: string;
  }): Promise<number> {
    const [{ id }] = await run(m, sql`
      INSERT INTO review_application (household_id, commune_code, form, filed_on, channel, round_id, status, is_demo, created_by)
      VALUES (${a.householdId}, ${a.communeCode}, ${a.form}, ${a.filedOn}, ${a.channel}, ${a.roundId}, ${a.roundId ? 'in_round' : 'pending'},
              ${a.isDemo}, ${a.createdBy}) RETURNING id`);
    return id;
  }

  async lock(m: EntityManager, id: number): Promise<{ id: number; communeCode: string; form: string; filedOn: string; status: string; version: number } | undefined> {
    const [a] = await run(m, sql`SELECT id, commune_code AS "communeCode", form, filed_on AS "filedOn", status, version
                                   FROM review_application WHERE id = ${id} FOR UPDATE`);
    return a;
  }

  /** Writes the client's change (version checked and bumped). */
  async update(m: EntityManager, id: number, version: number, sets: Record<string, unknown>): Promise<void> {
    await updateVersioned(m, 'review_application', id, version, sets, { entity: ENTITY, returning: 'id' });
  }

  /**
   * Puts pending applications on a new round's list (versions bumped): for a regular round those
   * filed by `filedBy`; for a periodic round the Mẫu 01 requests filed in its year. Returns how many.
   */
  async attachPending(m: EntityManager, roundId: number, communeCode: string, filter: { filedBy: string } | { mau01Year: number }): Promise<number> {
    const which = 'filedBy' in filter
      ? sql`filed_on <= ${filter.filedBy}::date`
      : sql`form = 'mau01' AND extract(year FROM filed_on) = ${filter.mau01Year}`;
    const rows = await bumpVersioned(m, 'review_application',
      sql`commune_code = ${communeCode} AND status = 'pending' AND round_id IS NULL AND ${which}`,
      { round_id: roundId, status: 'in_round' }, { returning: 'id' });
    return rows.length;
  }
}
