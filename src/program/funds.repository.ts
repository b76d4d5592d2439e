import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { run, Sql, sql } from '../common/db/sql';
import type { FundKind, FundSource, FundType } from './domain/funds';
import { ProjectKind } from './program-seeds';
import { areaCte, EFFECTIVE_FUND, inProjectSubtree, inUnitSubtree, ListFilter, pagedQuery, rollupCtes } from './program-sql';

export interface FundEntry {
  id: number;
  unitCode: string;
  year: number;
  projectCode: string;
  source: FundSource;
  fundType: FundType;
  kind: FundKind;
  amount: number;
  entryDate: string;
  documentRef: string | null;
  note: string | null;
  correctsId: number | null;
  correctionReason: string | null;
  correctedById: number | null;
  /** Not replaced by a correction: counts in the totals. */
  effective: boolean;
  overspend: boolean;
  overspendReason: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface NewFundEntry {
  unitCode: string;
  year: number;
  projectId: number;
  source: FundSource;
  fundType: FundType;
  kind: FundKind;
  amount: number;
  entryDate: string;
  documentRef: string | null;
  note: string | null;
  correctsId: number | null;
  correctionReason: string | null;
  overspend: boolean;
  overspendReason: string | null;
  createdBy: string;
  isDemo?: boolean;
}

export interface BucketRow {
  projectId: number;
  kind: ProjectKind;
  number: number;
  parentKind: ProjectKind | null;
  parentNumber: number | null;
  source: FundSource;
  fundType: FundType;
  allocatedBefore: number;
  disbursedBefore: number;
  allocatedAfter: number;
  disbursedAfter: number;
}

export interface FundSumRow {
  nodeId: number;
  source: FundSource;
  fundType: FundType;
  allocated: number;
  disbursed: number;
}

const ENTRY_COLS = `e.id, e.unit_code AS "unitCode", e.year, pp.code AS "projectCode", e.source, e.fund_type AS "fundType",
  e.kind, e.amount, to_char(e.entry_date, 'YYYY-MM-DD') AS "entryDate", e.document_ref AS "documentRef", e.note,
  e.corrects_id AS "correctsId", e.correction_reason AS "correctionReason", c.id AS "correctedById", (c.id IS NULL) AS effective,
  e.overspend, e.overspend_reason AS "overspendReason", e.created_by AS "createdBy", e.created_at AS "createdAt"`;
const ENTRY_FROM = `program_fund_entry e JOIN program_project pp ON pp.id = e.project_id
  LEFT JOIN program_fund_entry c ON c.corrects_id = e.id`;

/** The SQL of fund entries: append-only rows, the effective ones are those nobody corrected. */
@Injectable()
export class FundsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.ds.manager;
  }

  /** Serialises the writes on one unit's funds of one year (the over-spend check reads then writes). */
  async lockUnitYear(m: EntityManager, unitCode: string, year: number): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('program_fund:' || $1 || ':' || $2::text))`, [unitCode, year]);
  }

  async insert(m: EntityManager, e: NewFundEntry): Promise<number> {
    const [{ id }] = await m.query(
      `INSERT INTO program_fund_entry (unit_code, year, project_id, source, fund_type, kind, amount, entry_date, document_ref, note,
         corrects_id, correction_reason, overspend, overspend_reason, created_by, is_demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [e.unitCode, e.year, e.projectId, e.source, e.fundType, e.kind, e.amount, e.entryDate, e.documentRef, e.note,
        e.correctsId, e.correctionReason, e.overspend, e.overspendReason, e.createdBy, e.isDemo ?? false],
    );
    return id;
  }

  async byId(id: number, manager?: EntityManager): Promise<(FundEntry & { projectId: number }) | undefined> {
    const rows = await this.m(manager).query(`SELECT ${ENTRY_COLS}, e.project_id AS "projectId" FROM ${ENTRY_FROM} WHERE e.id = $1`, [id]);
    return rows[0];
  }

  /**
   * Before and after the entry `newId` (which may replace `correctedId`): the sums of every bucket
   * the write touches — each given node and its ancestors (each with its sub-projects), crossed
   * with each given (source, type) — in one unit and year.
   */
  async bucketChanges(
    m: EntityManager,
    f: { unitCode: string; year: number; projectIds: number[]; pairs: [FundSource, FundType][]; newId: number },
  ): Promise<BucketRow[]> {
    return m.query(
      `WITH RECURSIVE nodes(id) AS (
         SELECT unnest($3::int[])
         UNION
         SELECT p.parent_id FROM program_project p JOIN nodes n ON p.id = n.id WHERE p.parent_id IS NOT NULL
       ),
       sub(root, id) AS (
         SELECT id, id FROM nodes
         UNION ALL
         SELECT s.root, c.id FROM program_project c JOIN sub s ON c.parent_id = s.id
       ),
       pairs AS (SELECT DISTINCT source, fund_type FROM unnest($4::varchar[], $5::varchar[]) AS b(source, fund_type)),
       e AS (
         SELECT e.project_id, e.source, e.fund_type, e.kind, e.amount,
                -- in force before the write: not the new row, and not replaced except by the new row
                (e.id <> $6 AND NOT EXISTS (SELECT 1 FROM program_fund_entry c WHERE c.corrects_id = e.id AND c.id <> $6)) AS in_before,
                ${EFFECTIVE_FUND.text} AS in_after
           FROM program_fund_entry e
          WHERE e.unit_code = $1 AND e.year = $2
       )
       SELECT s.root AS "projectId", pp.kind, pp.number, par.kind AS "parentKind", par.number AS "parentNumber",
              b.source, b.fund_type AS "fundType",
              COALESCE(sum(e.amount) FILTER (WHERE e.in_before AND e.kind = 'allocated'), 0)::bigint AS "allocatedBefore",
              COALESCE(sum(e.amount) FILTER (WHERE e.in_before AND e.kind = 'disbursed'), 0)::bigint AS "disbursedBefore",
              COALESCE(sum(e.amount) FILTER (WHERE e.in_after AND e.kind = 'allocated'), 0)::bigint AS "allocatedAfter",
              COALESCE(sum(e.amount) FILTER (WHERE e.in_after AND e.kind = 'disbursed'), 0)::bigint AS "disbursedAfter"
         FROM sub s
         CROSS JOIN pairs b
         JOIN program_project pp ON pp.id = s.root
         LEFT JOIN program_project par ON par.id = pp.parent_id
         LEFT JOIN e ON e.project_id = s.id AND e.source = b.source AND e.fund_type = b.fund_type
        GROUP BY s.root, pp.kind, pp.number, par.kind, par.number, b.source, b.fund_type
        ORDER BY s.root, b.source, b.fund_type`,
      [f.unitCode, f.year, f.projectIds, f.pairs.map((p) => p[0]), f.pairs.map((p) => p[1]), f.newId],
    );
  }

  async list(
    f: { scope: Sql; unit?: string; year?: number; projectId?: number; source?: string; fundType?: string; kind?: string; includeCorrected: boolean },
    paging: { limit: number; offset: number },
  ): Promise<{ items: FundEntry[]; total: number }> {
    const w = new ListFilter(f);
    if (f.unit) w.add(inUnitSubtree('e.unit_code', sql`${f.unit}`));
    if (f.year) w.add(sql`e.year = ${f.year}`);
    if (f.projectId) w.add(inProjectSubtree('e.project_id', sql`${f.projectId}`));
    if (f.source) w.add(sql`e.source = ${f.source}`);
    if (f.fundType) w.add(sql`e.fund_type = ${f.fundType}`);
    if (f.kind) w.add(sql`e.kind = ${f.kind}`);
    if (!f.includeCorrected) w.add(sql`c.id IS NULL`);
    return pagedQuery<FundEntry>(this.ds, {
      countFrom: ENTRY_FROM, select: ENTRY_COLS, from: ENTRY_FROM, cond: w.cond,
      orderBy: 'e.unit_code, e.year, pp.code, e.entry_date, e.id',
    }, paging);
  }

  /** The correction chain an entry belongs to: what it replaced, and what replaced it, oldest first. */
  async chain(id: number): Promise<FundEntry[]> {
    return this.ds.query(
      `WITH RECURSIVE back(id, corrects_id) AS (
         SELECT id, corrects_id FROM program_fund_entry WHERE id = $1
         UNION ALL
         SELECT p.id, p.corrects_id FROM program_fund_entry p JOIN back b ON p.id = b.corrects_id
       ),
       fwd(id) AS (
         SELECT $1::int
         UNION ALL
         SELECT c.id FROM program_fund_entry c JOIN fwd f ON c.corrects_id = f.id
       )
       SELECT ${ENTRY_COLS} FROM ${ENTRY_FROM}
        WHERE e.id IN (SELECT id FROM back UNION SELECT id FROM fwd)
        ORDER BY e.id`,
      [id],
    );
  }

  /**
   * Effective sums per node (rolled up over its sub-projects; −program id: the program's total),
   * source and type, over a unit and the units below it in that year.
   */
  async sums(unitCode: string, year: number, programIds: number[]): Promise<FundSumRow[]> {
    if (!programIds.length) return [];
    return this.ds.query(
      `WITH RECURSIVE ${areaCte('$1', '$2').text}, ${rollupCtes('$3').text}
       SELECT r.root AS "nodeId", e.source, e.fund_type AS "fundType",
              COALESCE(sum(e.amount) FILTER (WHERE e.kind = 'allocated'), 0)::bigint AS allocated,
              COALESCE(sum(e.amount) FILTER (WHERE e.kind = 'disbursed'), 0)::bigint AS disbursed
         FROM program_fund_entry e
         JOIN roots r ON r.id = e.project_id
        WHERE e.year = $2 AND e.unit_code IN (SELECT code FROM area) AND ${EFFECTIVE_FUND.text}
        GROUP BY r.root, e.source, e.fund_type`,
      [unitCode, year, programIds],
    );
  }
}
