import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { run, Sql, sql } from '../common/db/sql';
import type { Participants } from './domain/participants';
import { updateVersioned } from '../common/db/optimistic';
import { ListFilter, pagedQuery } from './program-sql';

export interface Activity {
  id: number;
  unitCode: string;
  unitName: string | null;
  programCode: string;
  projectCode: string;
  kind: string;
  title: string;
  date: string;
  endDate: string | null;
  year: number;
  place: string | null;
  targetGroup: string | null;
  topics: string[];
  organisers: string[];
  participants: Participants;
  note: string | null;
  version: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ActivityRow {
  unitCode: string;
  projectId: number;
  kind: string;
  title: string;
  date: string;
  endDate: string | null;
  place: string | null;
  targetGroup: string | null;
  topics: string[];
  organisers: string[];
  participants: Participants;
  note: string | null;
}

const COLS = `a.id, a.unit_code AS "unitCode", uv.name AS "unitName", pg.code AS "programCode", pp.code AS "projectCode", a.kind, a.title,
  to_char(a.held_on, 'YYYY-MM-DD') AS date, to_char(a.end_on, 'YYYY-MM-DD') AS "endDate", a.year, a.place,
  a.target_group AS "targetGroup", a.topics, a.organisers,
  json_build_object('total', a.participants_total, 'women', a.participants_women, 'ethnicMinority', a.participants_ethnic_minority,
                    'officials', a.participants_officials, 'residents', a.participants_residents) AS participants,
  a.note, a.version, a.created_by AS "createdBy", a.updated_by AS "updatedBy", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;
const FROM = `program_activity a
  JOIN program_project pp ON pp.id = a.project_id
  JOIN program pg ON pg.id = pp.program_id
  LEFT JOIN LATERAL (SELECT v.name FROM admin_unit_version v WHERE v.code = a.unit_code AND v.valid_from <= a.held_on
                      ORDER BY v.valid_from DESC LIMIT 1) uv ON TRUE`;

/** The SQL of program activities. */
@Injectable()
export class ActivitiesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.ds.manager;
  }

  async byId(id: number, manager?: EntityManager, lock = false): Promise<(Activity & { projectId: number }) | undefined> {
    const rows = await this.m(manager).query(
      `SELECT ${COLS}, a.project_id AS "projectId" FROM ${FROM} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`, [id]);
    return rows[0];
  }

  private values(a: ActivityRow): unknown[] {
    const p = a.participants;
    return [a.unitCode, a.projectId, a.kind, a.title, a.date, a.endDate, a.place, a.targetGroup, a.topics, a.organisers,
      p.total, p.women, p.ethnicMinority, p.officials, p.residents, a.note];
  }

  async insert(m: EntityManager, a: ActivityRow, createdBy: string, isDemo = false): Promise<number> {
    const [{ id }] = await m.query(
      `INSERT INTO program_activity (unit_code, project_id, kind, title, held_on, end_on, place, target_group, topics, organisers,
         participants_total, participants_women, participants_ethnic_minority, participants_officials, participants_residents, note,
         created_by, updated_by, is_demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18) RETURNING id`,
      [...this.values(a), createdBy, isDemo],
    );
    return id;
  }

  async update(m: EntityManager, id: number, version: number, a: ActivityRow, updatedBy: string): Promise<void> {
    const p = a.participants;
    await updateVersioned(m, 'program_activity', id, version, {
      unit_code: a.unitCode, project_id: a.projectId, kind: a.kind, title: a.title, held_on: a.date, end_on: a.endDate, place: a.place,
      target_group: a.targetGroup, topics: a.topics, organisers: a.organisers, participants_total: p.total, participants_women: p.women,
      participants_ethnic_minority: p.ethnicMinority, participants_officials: p.officials, participants_residents: p.residents, note: a.note,
      updated_by: updatedBy,
    }, { entity: 'Hoạt động', returning: 'id' });
  }

  async delete(m: EntityManager, id: number): Promise<void> {
    await m.query(`DELETE FROM program_activity WHERE id = $1`, [id]);
  }

  /**
   * Activities in the caller's area: of a unit and the units below it (the tree of `year` when
   * given, else every unit ever below it), of a year, a project (with its sub-projects), a kind.
   */
  async list(
    f: { scope: Sql; unit?: string; year?: number; projectId?: number; kind?: string },
    paging: { limit: number; offset: number },
  ): Promise<{ items: Activity[]; total: number }> {
    const w = new ListFilter(f);
    w.unitYearProject('a', f);
    if (f.kind) w.add(sql`a.kind = ${f.kind}`);
    return pagedQuery<Activity>(this.ds, {
      withSql: w.withSql, countFrom: 'program_activity a', select: COLS, from: FROM, cond: w.cond,
      orderBy: 'a.held_on DESC, a.id DESC',
    }, paging);
  }
}
