import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { run, Sql, sql } from '../common/db/sql';
import type { BeneficiaryGroup } from './domain/eligibility';
import { DEFAULT_BENEFICIARY_GROUPS, KIND_LABEL, ProjectKind } from './program-seeds';
import { updateVersioned } from '../common/db/optimistic';
import { applicabilitySql, inUnitSubtree, ListFilter, pagedQuery, projectAncestorsCte, upUnitCte } from './program-sql';

export interface ProgramRow {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  investmentBasis: string | null;
  decision: string | null;
  decisionDate: string | null;
  yearFrom: number;
  yearTo: number;
  phases: { name: string; yearFrom: number; yearTo: number; decision?: string; decisionDate?: string }[];
  note: string | null;
  version: number;
}

export interface TargetRow {
  programId: number;
  code: string;
  description: string;
  valueMin: number | null;
  valueMax: number | null;
  unit: string;
  note: string | null;
}

export interface ProjectRow {
  id: number;
  programId: number;
  parentId: number | null;
  code: string;
  kind: ProjectKind;
  number: number;
  name: string;
  beneficiaryGroups: BeneficiaryGroup[] | null;
  note: string | null;
  version: number;
}

/** A project node with what the rules need: its program's years, its labels and its effective rule. */
export interface ProjectRef extends ProjectRow {
  programCode: string;
  programYearFrom: number;
  programYearTo: number;
  /** 'Dự án 7', 'Tiểu dự án 1' */
  label: string;
  /** 'Tiểu dự án 1 (Dự án 7)' */
  fullLabel: string;
  /** The groups this node may support: its own rule, else the nearest ancestor's, else the default. */
  effectiveBeneficiaryGroups: BeneficiaryGroup[];
}

export interface ApplicabilityRow {
  id: number;
  projectId: number;
  projectCode: string;
  unitCode: string;
  applicable: boolean;
  yearFrom: number | null;
  yearTo: number | null;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
}

const PROGRAM_COLS = `p.id, p.code, p.name, p.short_name AS "shortName", p.investment_basis AS "investmentBasis",
  p.decision, to_char(p.decision_date, 'YYYY-MM-DD') AS "decisionDate", p.year_from AS "yearFrom",
  p.year_to AS "yearTo", p.phases, p.note, p.version`;

const PROJECT_COLS = `pp.id, pp.program_id AS "programId", pp.parent_id AS "parentId", pp.code, pp.kind, pp.number,
  pp.name, pp.beneficiary_groups AS "beneficiaryGroups", pp.note, pp.version`;

export const nodeLabel = (kind: ProjectKind, number: number) => `${KIND_LABEL[kind]} ${number}`;

/** The SQL of the program catalogue (programs, targets, the project tree) and of applicability. */
@Injectable()
export class ProgramRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.ds.manager;
  }

  async listPrograms(f: { year?: number }, paging: { limit: number; offset: number }): Promise<{ items: ProgramRow[]; total: number }> {
    const where = f.year ? sql`${f.year} BETWEEN p.year_from AND p.year_to` : sql`TRUE`;
    return pagedQuery<ProgramRow>(this.ds, {
      countFrom: 'program p', select: PROGRAM_COLS, from: 'program p', cond: where, orderBy: 'p.year_from, p.code',
    }, paging);
  }

  async programByCode(code: string, manager?: EntityManager, lock = false): Promise<ProgramRow | undefined> {
    const rows = await this.m(manager).query(`SELECT ${PROGRAM_COLS} FROM program p WHERE p.code = $1 ${lock ? 'FOR UPDATE' : ''}`, [code]);
    return rows[0];
  }

  async unitExists(code: string, manager?: EntityManager): Promise<boolean> {
    return (await run(this.m(manager), sql`SELECT 1 FROM admin_unit WHERE code = ${code}`)).length > 0;
  }

  async programsCovering(year: number): Promise<ProgramRow[]> {
    return this.ds.query(`SELECT ${PROGRAM_COLS} FROM program p WHERE $1 BETWEEN p.year_from AND p.year_to ORDER BY p.year_from, p.code`, [year]);
  }

  async targets(programIds: number[], manager?: EntityManager): Promise<TargetRow[]> {
    if (!programIds.length) return [];
    return this.m(manager).query(
      `SELECT program_id AS "programId", code, description, value_min AS "valueMin", value_max AS "valueMax", unit, note
         FROM program_target WHERE program_id = ANY($1::int[]) ORDER BY program_id, sort_order, id`,
      [programIds],
    );
  }

  /** Every node of the programs, parents before children, in number order. */
  async projects(programIds: number[], manager?: EntityManager): Promise<ProjectRow[]> {
    if (!programIds.length) return [];
    return this.m(manager).query(
      `SELECT ${PROJECT_COLS} FROM program_project pp WHERE pp.program_id = ANY($1::int[])
        ORDER BY pp.program_id, pp.parent_id NULLS FIRST, pp.number`,
      [programIds],
    );
  }

  /** One node with its ancestors resolved (labels, effective beneficiary rule, program years). */
  async projectByCode(code: string, manager?: EntityManager): Promise<ProjectRef | undefined> {
    const chain: (ProjectRow & { depth: number; programCode: string; programYearFrom: number; programYearTo: number })[] =
      await this.m(manager).query(
        `WITH RECURSIVE chain AS (
           SELECT pp.*, 0 AS depth FROM program_project pp WHERE pp.code = $1
           UNION ALL
           SELECT pp.*, c.depth + 1 FROM program_project pp JOIN chain c ON pp.id = c.parent_id
         )
         SELECT ${PROJECT_COLS}, pp.depth, p.code AS "programCode", p.year_from AS "programYearFrom", p.year_to AS "programYearTo"
           FROM chain pp JOIN program p ON p.id = pp.program_id
          ORDER BY pp.depth`,
        [code],
      );
    if (!chain.length) return undefined;
    const { depth: _depth, ...node } = chain[0];
    const labels = chain.map((c) => nodeLabel(c.kind, c.number));
    const rule = chain.find((c) => c.beneficiaryGroups !== null)?.beneficiaryGroups ?? DEFAULT_BENEFICIARY_GROUPS;
    return {
      ...node,
      label: labels[0],
      fullLabel: labels.length > 1 ? `${labels[0]} (${labels.slice(1).join(', ')})` : labels[0],
      effectiveBeneficiaryGroups: [...rule],
    };
  }

  async insertProgram(m: EntityManager, p: Omit<ProgramRow, 'id' | 'version'>): Promise<number> {
    const [{ id }] = await m.query(
      `INSERT INTO program (code, name, short_name, investment_basis, decision, decision_date, year_from, year_to, phases, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [p.code, p.name, p.shortName, p.investmentBasis, p.decision, p.decisionDate, p.yearFrom, p.yearTo, JSON.stringify(p.phases), p.note],
    );
    return id;
  }

  /** Optimistic (updateVersioned): 409 when the version is stale. */
  async updateProgram(m: EntityManager, id: number, code: string, version: number, p: Omit<ProgramRow, 'id' | 'version' | 'code'>): Promise<void> {
    await updateVersioned(m, 'program', id, version, {
      name: p.name, short_name: p.shortName, investment_basis: p.investmentBasis, decision: p.decision, decision_date: p.decisionDate,
      year_from: p.yearFrom, year_to: p.yearTo, phases: JSON.stringify(p.phases), note: p.note,
    }, { entity: 'Chương trình', label: code, returning: 'id' });
  }

  async replaceTargets(m: EntityManager, programId: number, targets: Omit<TargetRow, 'programId'>[]): Promise<void> {
    await m.query(`DELETE FROM program_target WHERE program_id = $1`, [programId]);
    if (!targets.length) return;
    await m.query(
      `INSERT INTO program_target (program_id, code, description, value_min, value_max, unit, note, sort_order)
       SELECT $1, t.code, t.description, t.value_min, t.value_max, t.unit, t.note, t.ord
         FROM unnest($2::varchar[], $3::varchar[], $4::numeric[], $5::numeric[], $6::varchar[], $7::text[])
              WITH ORDINALITY AS t(code, description, value_min, value_max, unit, note, ord)`,
      [
        programId,
        targets.map((t) => t.code),
        targets.map((t) => t.description),
        targets.map((t) => t.valueMin),
        targets.map((t) => t.valueMax),
        targets.map((t) => t.unit),
        targets.map((t) => t.note),
      ],
    );
  }

  async deleteProgram(m: EntityManager, id: number): Promise<void> {
    await m.query(`DELETE FROM program WHERE id = $1`, [id]);
  }

  /** Years of the program's data (funds, activities, supports) outside [from, to]. */
  async dataYearsOutside(m: EntityManager, programId: number, from: number, to: number): Promise<number[]> {
    const rows: { year: number }[] = await m.query(
      `SELECT DISTINCT x.year FROM (
          SELECT e.year FROM program_fund_entry e JOIN program_project pp ON pp.id = e.project_id WHERE pp.program_id = $1
          UNION SELECT a.year FROM program_activity a JOIN program_project pp ON pp.id = a.project_id WHERE pp.program_id = $1
          UNION SELECT b.year FROM program_beneficiary b JOIN program_project pp ON pp.id = b.project_id WHERE pp.program_id = $1
       ) x WHERE x.year NOT BETWEEN $2 AND $3 ORDER BY 1`,
      [programId, from, to],
    );
    return rows.map((r) => r.year);
  }

  async insertProject(m: EntityManager, p: Omit<ProjectRow, 'id' | 'version'>): Promise<number> {
    const [{ id }] = await m.query(
      `INSERT INTO program_project (program_id, parent_id, code, kind, number, name, beneficiary_groups, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [p.programId, p.parentId, p.code, p.kind, p.number, p.name, p.beneficiaryGroups, p.note],
    );
    return id;
  }

  async updateProject(m: EntityManager, id: number, code: string, version: number, p: Pick<ProjectRow, 'number' | 'name' | 'beneficiaryGroups' | 'note'>): Promise<void> {
    await updateVersioned(m, 'program_project', id, version,
      { number: p.number, name: p.name, beneficiary_groups: p.beneficiaryGroups, note: p.note },
      { entity: 'Dự án', label: code, returning: 'id' });
  }

  /** What refers to a node: sub-projects, fund entries, activities, supported households. */
  async projectUsage(m: EntityManager, id: number): Promise<{ children: number; funds: number; activities: number; beneficiaries: number }> {
    const [row] = await m.query(
      `SELECT (SELECT count(*) FROM program_project WHERE parent_id = $1)::int AS children,
              (SELECT count(*) FROM program_fund_entry WHERE project_id = $1)::int AS funds,
              (SELECT count(*) FROM program_activity WHERE project_id = $1)::int AS activities,
              (SELECT count(*) FROM program_beneficiary WHERE project_id = $1)::int AS beneficiaries`,
      [id],
    );
    return row;
  }

  async deleteProject(m: EntityManager, id: number): Promise<void> {
    await m.query(`DELETE FROM program_project WHERE id = $1`, [id]);
  }

  async lockProject(m: EntityManager, id: number): Promise<void> {
    await m.query(`SELECT 1 FROM program_project WHERE id = $1 FOR UPDATE`, [id]);
  }

  // ---- applicability ----

  /**
   * The effective applicability for a unit in a year of the given nodes (every node when omitted):
   * only nodes with a setting somewhere up the unit tree or the project tree are returned.
   */
  async effectiveApplicability(
    unitCode: string, year: number, projectIds?: number[], manager?: EntityManager,
  ): Promise<{ projectId: number; id: number; applicable: boolean; reason: string | null; unitCode: string; yearFrom: number | null; yearTo: number | null }[]> {
    const u = sql`${unitCode}`;
    const y = sql`${year}`;
    const filter = projectIds ? sql`WHERE x."projectId" = ANY(${projectIds}::int[])` : sql.empty;
    return run(this.m(manager), sql`
      WITH RECURSIVE ${upUnitCte(u, y)}, ${projectAncestorsCte()}
      SELECT * FROM (${applicabilitySql(y)}) x ${filter}`);
  }

  async applicabilitySettings(f: { scope: Sql; unitCode?: string; projectId?: number }): Promise<ApplicabilityRow[]> {
    const w = new ListFilter(f);
    if (f.unitCode) w.add(inUnitSubtree('a.unit_code', sql`${f.unitCode}`));
    if (f.projectId) w.add(sql`a.project_id = ${f.projectId}`);
    return run(this.ds, sql`
      SELECT a.id, a.project_id AS "projectId", pp.code AS "projectCode", a.unit_code AS "unitCode", a.applicable,
              a.year_from AS "yearFrom", a.year_to AS "yearTo", a.reason, a.created_by AS "createdBy", a.created_at AS "createdAt"
         FROM program_applicability a JOIN program_project pp ON pp.id = a.project_id
        WHERE ${w.cond}
        ORDER BY a.unit_code, pp.code, a.year_from NULLS FIRST`);
  }

  async applicabilityById(m: EntityManager, id: number): Promise<ApplicabilityRow | undefined> {
    const rows = await m.query(
      `SELECT a.id, a.project_id AS "projectId", pp.code AS "projectCode", a.unit_code AS "unitCode", a.applicable,
              a.year_from AS "yearFrom", a.year_to AS "yearTo", a.reason, a.created_by AS "createdBy", a.created_at AS "createdAt"
         FROM program_applicability a JOIN program_project pp ON pp.id = a.project_id WHERE a.id = $1`,
      [id],
    );
    return rows[0];
  }

  async insertApplicability(
    m: EntityManager,
    a: { projectId: number; unitCode: string; applicable: boolean; yearFrom: number | null; yearTo: number | null; reason: string | null; createdBy: string; isDemo?: boolean },
  ): Promise<number> {
    const [{ id }] = await m.query(
      `INSERT INTO program_applicability (project_id, unit_code, applicable, year_from, year_to, reason, created_by, is_demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [a.projectId, a.unitCode, a.applicable, a.yearFrom, a.yearTo, a.reason, a.createdBy, a.isDemo ?? false],
    );
    return id;
  }

  async deleteApplicability(m: EntityManager, id: number): Promise<void> {
    await m.query(`DELETE FROM program_applicability WHERE id = $1`, [id]);
  }

  /** The name and level of a unit in a year (the version valid at the end of it, or the last before). */
  async unitInYear(code: string, year: number, manager?: EntityManager): Promise<{ code: string; name: string; level: string } | undefined> {
    const rows = await this.m(manager).query(
      `SELECT v.code, v.name, u.level FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code
        WHERE v.code = $1 AND v.valid_from <= make_date($2::int, 12, 31)
        ORDER BY (v.valid_to IS NULL OR v.valid_to >= make_date($2::int, 1, 1)) DESC, v.valid_from DESC LIMIT 1`,
      [code, year],
    );
    return rows[0];
  }
}
