import { raw } from '../common/db/optimistic';
import { Queryable, run, Sql, sql } from '../common/db/sql';

/**
 * SQL fragments shared by the program repositories, as `sql` fragments (src/common/db/sql.ts). Each
 * takes its inputs as fragments: a bound value (`sql\`${unit}\``) or, in a statement with fixed
 * placeholders, the placeholder itself (`'$1'`); use `.text` of such a constant fragment in a string.
 */
type Part = string | Sql;
const part = (p: Part): Sql => (typeof p === 'string' ? raw(p) : p);

/**
 * `area(code)`: a unit and every unit below it in a year, through the versions of the dated tree
 * valid at some point of that year (docs/RULES.md §5: aggregate over the children of that year).
 */
export const areaCte = (unit: Part, year: Part): Sql => sql`
  area(code) AS (
    SELECT ${part(unit)}::varchar
    UNION
    SELECT v.code FROM admin_unit_version v JOIN area a ON v.parent_code = a.code
     WHERE v.valid_from <= make_date(${part(year)}::int, 12, 31)
       AND (v.valid_to IS NULL OR v.valid_to >= make_date(${part(year)}::int, 1, 1))
  )`;

/** `up_unit(code, depth)`: a unit (depth 0) and its ancestors in a year, nearest first. */
export const upUnitCte = (unit: Part, year: Part): Sql => sql`
  up_unit(code, depth) AS (
    SELECT ${part(unit)}::varchar, 0
    UNION ALL
    SELECT p.parent_code, u.depth + 1
      FROM up_unit u
      CROSS JOIN LATERAL (
        SELECT v.parent_code FROM admin_unit_version v
         WHERE v.code = u.code
           AND v.valid_from <= make_date(${part(year)}::int, 12, 31)
           AND (v.valid_to IS NULL OR v.valid_to >= make_date(${part(year)}::int, 1, 1))
         ORDER BY v.valid_from DESC LIMIT 1) p
     WHERE p.parent_code IS NOT NULL AND u.depth < 10
  )`;

/** `proj_anc(node_id, anc_id, depth)`: every project node with itself and its ancestors. */
export const projectAncestorsCte = (): Sql => sql`
  proj_anc(node_id, anc_id, depth) AS (
    SELECT id, id, 0 FROM program_project
    UNION ALL
    SELECT a.node_id, p.parent_id, a.depth + 1
      FROM proj_anc a JOIN program_project p ON p.id = a.anc_id
     WHERE p.parent_id IS NOT NULL
  )`;

/**
 * The effective applicability of project nodes for a unit in a year: the setting of the nearest
 * unit (the unit, then its parent…) and, at one unit, of the nearest node (a sub-project's own
 * setting before its project's). Needs `up_unit` and `proj_anc`. Nodes without a row apply.
 */
export const applicabilitySql = (year: Part): Sql => sql`
  SELECT DISTINCT ON (pa.node_id) pa.node_id AS "projectId", a.id, a.applicable, a.reason,
         a.unit_code AS "unitCode", a.year_from AS "yearFrom", a.year_to AS "yearTo"
    FROM proj_anc pa
    JOIN program_applicability a ON a.project_id = pa.anc_id
    JOIN up_unit uu ON uu.code = a.unit_code
   WHERE (a.year_from IS NULL OR a.year_from <= ${part(year)}::int) AND (a.year_to IS NULL OR a.year_to >= ${part(year)}::int)
   ORDER BY pa.node_id, uu.depth, pa.depth`;

/** Fund entries nobody corrected: the figures in force. */
export const EFFECTIVE_FUND = sql`NOT EXISTS (SELECT 1 FROM program_fund_entry c WHERE c.corrects_id = e.id)`;

/**
 * `sub(root, id)`: every node of the programs with itself and its descendants, and `roots(root, id)`:
 * the same plus one synthetic root per program (−program id) over all of its nodes, so one GROUP BY
 * gives every node's figures rolled up over its sub-projects and the program's total.
 */
export const rollupCtes = (programIds: Part): Sql => sql`
  sub(root, id) AS (
    SELECT id, id FROM program_project WHERE program_id = ANY(${part(programIds)}::int[])
    UNION ALL
    SELECT s.root, c.id FROM program_project c JOIN sub s ON c.parent_id = s.id
  ),
  roots(root, id) AS (
    SELECT root, id FROM sub
    UNION ALL
    SELECT -program_id, id FROM program_project WHERE program_id = ANY(${part(programIds)}::int[])
  )`;

/** `column` is a unit given by the placeholder `unit` or any unit ever below it (the undated tree). */
export const inUnitSubtree = (column: Part, unit: Part): Sql => sql`${part(column)} IN (SELECT code FROM unit_subtree(${part(unit)}))`;

/** `column` is the project node given by the placeholder `project` or one of its sub-projects. */
export const inProjectSubtree = (column: Part, project: Part): Sql =>
  sql`${part(column)} IN (WITH RECURSIVE proj(id) AS (SELECT ${part(project)}::int UNION ALL SELECT p.id FROM program_project p JOIN proj ON p.parent_id = proj.id) SELECT id FROM proj)`;

/**
 * The WHERE of a list being built: starts from the caller's scope; each condition is a `sql`
 * fragment carrying its own values.
 */
export class ListFilter {
  readonly where: Sql[];
  readonly ctes: Sql[] = [];

  constructor(f: { scope: Sql }) {
    this.where = [f.scope];
  }

  add(cond: Sql): void {
    this.where.push(cond);
  }

  /**
   * Rows of a year (`alias.year`), of a unit and the units below it (the tree of that year when a
   * year is given, else every unit ever below it) and of a project with its sub-projects.
   * `alias` is the caller's constant table alias.
   */
  unitYearProject(alias: 'a' | 'b' | 'e', f: { unit?: string; year?: number; projectId?: number }): void {
    const col = (c: string) => raw(`${alias}.${c}`);
    if (f.year) this.where.push(sql`${col('year')} = ${f.year}`);
    if (f.unit && f.year) {
      this.ctes.push(areaCte(sql`${f.unit}`, sql`${f.year}`));
      this.where.push(sql`${col('unit_code')} IN (SELECT code FROM area)`);
    } else if (f.unit) {
      this.where.push(inUnitSubtree(col('unit_code'), sql`${f.unit}`));
    }
    if (f.projectId) this.where.push(inProjectSubtree(col('project_id'), sql`${f.projectId}`));
  }

  get withSql(): Sql {
    return this.ctes.length ? sql`WITH RECURSIVE ${sql.join(this.ctes, ', ')}` : sql.empty;
  }

  get cond(): Sql {
    return sql.join(this.where, ' AND ');
  }
}

/**
 * A page of a list: the count over `countFrom`, then `select` over `from`, ordered, limited and
 * offset. The table and column lists are the caller's constants.
 */
export async function pagedQuery<T>(
  db: Queryable,
  q: { withSql?: Sql; countFrom: string; select: string; from: string; cond: Sql; orderBy: string },
  paging: { limit: number; offset: number },
): Promise<{ items: T[]; total: number }> {
  const withSql = q.withSql ?? sql.empty;
  const [{ total }] = await run(db, sql`${withSql} SELECT count(*)::int AS total FROM ${raw(q.countFrom)} WHERE ${q.cond}`);
  const items = await run(db, sql`${withSql} SELECT ${raw(q.select)} FROM ${raw(q.from)} WHERE ${q.cond}
      ORDER BY ${raw(q.orderBy)} LIMIT ${paging.limit} OFFSET ${paging.offset}`);
  return { items, total };
}
