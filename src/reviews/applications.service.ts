import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError, notFound } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { isFrozen, regularRoundFor } from './domain/round-state';
import { ApplicationListQuery, CreateApplicationDto, UpdateApplicationDto } from './applications.dto';
import { assertVersion } from './reviews.common';
import { todayVn } from './rounds.service';

/**
 * The deadline of an application (SQL): the round it is on decides it — a regular round by its
 * decide_by (15 days from the 15th, Decision 24 Art. 5), a periodic one by 14 Dec (Art. 3); a
 * pending one by the regular round it falls into (regularRoundFor in round-state.ts).
 */
const DEADLINE = `
  CASE WHEN r.kind = 'regular' THEN r.decide_by
       WHEN r.kind = 'periodic' THEN make_date(r.year, 12, 14)
       ELSE (date_trunc('month', a.filed_on)
             + CASE WHEN extract(day FROM a.filed_on) > 15 THEN interval '1 month' ELSE interval '0' END)::date + 29
  END`;

const SELECT = `
  SELECT a.id, a.household_id AS "householdId", h.code AS "householdCode", h.head_name AS "headName", a.commune_code AS "communeCode",
         a.form, a.filed_on AS "filedOn", a.channel, a.round_id AS "roundId", r.kind AS "roundKind", r.year AS "roundYear",
         r.month AS "roundMonth", r.status AS "roundStatus", a.status, a.answer, a.decided_on AS "decidedOn",
         ${DEADLINE} AS deadline,
         CASE WHEN a.status IN ('pending','in_round') AND ${DEADLINE} < $1::date THEN ($1::date - ${DEADLINE})::int ELSE 0 END AS "overdueDays",
         a.version, a.created_at AS "createdAt", a.created_by AS "createdBy", a.is_demo AS "isDemo"
    FROM review_application a
    JOIN household h ON h.id = a.household_id
    LEFT JOIN review_round r ON r.id = a.round_id`;

/**
 * Applications (Decision 24 Art. 5): Mẫu 01 asks to be reviewed, Mẫu 04 asks to be recognised as
 * escaped; they put households on a round's list, and a regular round decides them within 15 days.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  private async find(id: number, m?: EntityManager): Promise<Record<string, unknown> & { communeCode: string; status: string; version: number; roundId: number | null } | undefined> {
    const rows = await (m ?? this.ds.manager).query(`${SELECT} WHERE a.id = $2`, [todayVn(), id]);
    return rows[0];
  }

  async get(user: AuthUser, id: number) {
    const a = await this.find(id);
    if (!a) throw notFound('Application', id);
    await this.scope.assertRead(user, [a.communeCode]);
    return a;
  }

  async list(user: AuthUser, q: ApplicationListQuery): Promise<Page<unknown>> {
    await this.scope.assertRead(user, [q.commune, q.unit].filter((c): c is string => !!c));
    const params: unknown[] = [q.date ?? todayVn()];
    // $1 (the day deadlines are judged on) is typed here so the count query can carry it too
    const where = [`$1::date IS NOT NULL`, this.scope.filter(user, 'a.commune_code', params)];
    if (q.commune) { params.push(q.commune); where.push(`a.commune_code = $${params.length}`); }
    if (q.unit) { params.push(q.unit); where.push(`a.commune_code IN (SELECT code FROM unit_subtree($${params.length}))`); }
    if (q.status) { params.push(q.status); where.push(`a.status = $${params.length}`); }
    if (q.form) { params.push(q.form); where.push(`a.form = $${params.length}`); }
    if (q.roundId) { params.push(q.roundId); where.push(`a.round_id = $${params.length}`); }
    if (q.householdId) { params.push(q.householdId); where.push(`a.household_id = $${params.length}`); }
    if (q.overdue !== undefined) where.push(`${q.overdue ? '' : 'NOT '}(a.status IN ('pending','in_round') AND ${DEADLINE} < $1::date)`);
    const w = where.join(' AND ');
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM review_application a LEFT JOIN review_round r ON r.id = a.round_id WHERE ${w}`, params);
    params.push(q.pageSize, q.offset);
    const items = await this.ds.query(`${SELECT} WHERE ${w} ORDER BY a.filed_on DESC, a.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return page(items, total, q);
  }

  /** The round an application goes on: the one given, else the open regular round of its month, else the year's open periodic round (Mẫu 01). */
  private async roundFor(m: EntityManager, communeCode: string, form: string, filedOn: string, roundId?: number): Promise<number | null> {
    if (roundId) {
      const [r] = await m.query(`SELECT id, commune_code, kind, status FROM review_round WHERE id = $1`, [roundId]);
      if (!r) throw notFound('Round', roundId);
      if (r.commune_code !== communeCode) throw new DomainError('BUSINESS_RULE', 'roundId: the round is in another commune', [{ field: 'roundId', message: 'other commune' }]);
      if (r.kind === 'baseline' || isFrozen(r.status)) throw new DomainError('FROZEN', `roundId: round ${roundId} is ${r.status}`, [{ field: 'roundId', message: r.status }]);
      return r.id;
    }
    const target = regularRoundFor(filedOn);
    const [reg] = await m.query(
      `SELECT id FROM review_round WHERE commune_code = $1 AND kind = 'regular' AND year = $2 AND month = $3 AND status NOT IN ('decided','reported')`,
      [communeCode, target.year, target.month]);
    if (reg) return reg.id;
    if (form === 'mau01') {
      const [per] = await m.query(
        `SELECT id FROM review_round WHERE commune_code = $1 AND kind = 'periodic' AND year = $2 AND status IN ('draft','surveying')`,
        [communeCode, Number(filedOn.slice(0, 4))]);
      if (per) return per.id;
    }
    return null;
  }

  async create(user: AuthUser, dto: CreateApplicationDto, opts: { isDemo?: boolean } = {}) {
    if (dto.filedOn > todayVn()) throw new DomainError('VALIDATION_FAILED', 'filedOn: in the future', [{ field: 'filedOn', message: 'in the future' }]);
    return this.ds.transaction(async (m) => {
      const [h] = await m.query(`SELECT id, code, commune_code AS "communeCode", status FROM household WHERE id = $1`, [dto.householdId]);
      if (!h) throw notFound('Household', dto.householdId);
      await this.scope.assertWrite(user, 'register', [h.communeCode], m);
      if (h.status !== 'active') throw new DomainError('HOUSEHOLD_INACTIVE', `Household ${h.code} is ${h.status}`, [{ field: 'householdId', message: h.status }]);
      const [open] = await m.query(
        `SELECT id FROM review_application WHERE household_id = $1 AND form = $2 AND status IN ('pending','in_round')`, [h.id, dto.form]);
      if (open) throw new DomainError('DUPLICATE', `Household ${h.code} already has an open ${dto.form} application (${open.id})`, [{ field: 'householdId', message: `application ${open.id} open`, applicationId: open.id }]);
      if (dto.form === 'mau04') {
        // Mẫu 04: only a household on the list can ask to be recognised as escaped
        const [cur] = await m.query(
          `SELECT x.decided_class FROM review_result x JOIN review_round r ON r.id = x.round_id
            WHERE x.household_id = $1 AND r.status IN ('decided','reported') AND r.decision_date <= $2::date
            ORDER BY r.decision_date DESC, r.decided_at DESC NULLS LAST LIMIT 1`,
          [h.id, dto.filedOn]);
        if (!cur || !['poor', 'near_poor'].includes(cur.decided_class)) {
          throw new DomainError('NOT_ELIGIBLE', `Household ${h.code} is not on the poor or near-poor list: Mẫu 04 does not apply`, [{ field: 'form', message: 'not on the list' }]);
        }
      }
      const roundId = await this.roundFor(m, h.communeCode, dto.form, dto.filedOn, dto.roundId);
      const [{ id }] = await m.query(
        `INSERT INTO review_application (household_id, commune_code, form, filed_on, channel, round_id, status, is_demo, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [h.id, h.communeCode, dto.form, dto.filedOn, dto.channel ?? null, roundId, roundId ? 'in_round' : 'pending', opts.isDemo ?? false, user.username],
      );
      const created = await this.find(id, m);
      await this.audit.record(m, user, { action: 'create', entity: 'review_application', entityId: id, unitCode: h.communeCode, newValue: created });
      return created;
    });
  }

  /** Puts an application on a round's list, or refuses it with the written answer (Art. 5). */
  async update(user: AuthUser, id: number, dto: UpdateApplicationDto) {
    return this.ds.transaction(async (m) => {
      const [a] = await m.query(`SELECT id, commune_code AS "communeCode", form, filed_on AS "filedOn", status, version FROM review_application WHERE id = $1 FOR UPDATE`, [id]);
      if (!a) throw notFound('Application', id);
      await this.scope.assertWrite(user, 'register', [a.communeCode], m);
      assertVersion(dto.version, a.version, `Application ${id}`);
      if (a.status === 'decided' || a.status === 'refused') throw new DomainError('CONFLICT', `Application ${id} is already ${a.status}`, [{ field: 'status', message: a.status }]);
      const old = await this.find(id, m);
      if (dto.status === 'refused') {
        if (!dto.answer) throw new DomainError('VALIDATION_FAILED', 'answer: a refusal is answered in writing with the reasons', [{ field: 'answer', message: 'required when refusing' }]);
        await m.query(`UPDATE review_application SET status = 'refused', answer = $2, decided_on = $3, version = version + 1, updated_at = now() WHERE id = $1`, [id, dto.answer, todayVn()]);
      } else if (dto.roundId !== undefined) {
        const roundId = await this.roundFor(m, a.communeCode, a.form, a.filedOn, dto.roundId);
        await m.query(`UPDATE review_application SET round_id = $2, status = 'in_round', answer = COALESCE($3, answer), version = version + 1, updated_at = now() WHERE id = $1`, [id, roundId, dto.answer ?? null]);
      } else if (dto.answer !== undefined) {
        await m.query(`UPDATE review_application SET answer = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, dto.answer]);
      }
      const updated = await this.find(id, m);
      await this.audit.record(m, user, { action: dto.status === 'refused' ? 'status' : 'update', entity: 'review_application', entityId: id, unitCode: a.communeCode, oldValue: old, newValue: updated });
      return updated;
    });
  }
}
