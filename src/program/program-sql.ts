/**
 * SQL fragments shared by the program repositories. Each takes the numbers of its parameters so it
 * can be composed into a larger statement.
 */

/**
 * `area(code)`: a unit and every unit below it in a year, through the versions of the dated tree
 * valid at some point of that year (decisions.md §5: aggregate over the children of that year).
 */
export const areaCte = (unit: string, year: string) => `
  area(code) AS (
    SELECT ${unit}::varchar
    UNION
    SELECT v.code FROM admin_unit_version v JOIN area a ON v.parent_code = a.code
     WHERE v.valid_from <= make_date(${year}::int, 12, 31)
       AND (v.valid_to IS NULL OR v.valid_to >= make_date(${year}::int, 1, 1))
  )`;

/** `up_unit(code, depth)`: a unit (depth 0) and its ancestors in a year, nearest first. */
export const upUnitCte = (unit: string, year: string) => `
  up_unit(code, depth) AS (
    SELECT ${unit}::varchar, 0
    UNION ALL
    SELECT p.parent_code, u.depth + 1
      FROM up_unit u
      CROSS JOIN LATERAL (
        SELECT v.parent_code FROM admin_unit_version v
         WHERE v.code = u.code
           AND v.valid_from <= make_date(${year}::int, 12, 31)
           AND (v.valid_to IS NULL OR v.valid_to >= make_date(${year}::int, 1, 1))
         ORDER BY v.valid_from DESC LIMIT 1) p
     WHERE p.parent_code IS NOT NULL AND u.depth < 10
  )`;

/** `proj_anc(node_id, anc_id, depth)`: every project node with itself and its ancestors. */
export const projectAncestorsCte = () => `
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
export const applicabilitySql = (year: string) => `
  SELECT DISTINCT ON (pa.node_id) pa.node_id AS "projectId", a.id, a.applicable, a.reason,
         a.unit_code AS "unitCode", a.year_from AS "yearFrom", a.year_to AS "yearTo"
    FROM proj_anc pa
    JOIN program_applicability a ON a.project_id = pa.anc_id
    JOIN up_unit uu ON uu.code = a.unit_code
   WHERE (a.year_from IS NULL OR a.year_from <= ${year}::int) AND (a.year_to IS NULL OR a.year_to >= ${year}::int)
   ORDER BY pa.node_id, uu.depth, pa.depth`;

/** Fund entries nobody corrected: the figures in force. */
export const EFFECTIVE_FUND = `NOT EXISTS (SELECT 1 FROM program_fund_entry c WHERE c.corrects_id = e.id)`;

/**
 * `sub(root, id)`: every node of the programs with itself and its descendants, and `roots(root, id)`:
 * the same plus one synthetic root per program (−program id) over all of its nodes, so one GROUP BY
 * gives every node's figures rolled up over its sub-projects and the program's total.
 */
export const rollupCtes = (programIds: string) => `
  sub(root, id) AS (
    SELECT id, id FROM program_project WHERE program_id = ANY(${programIds}::int[])
    UNION ALL
    SELECT s.root, c.id FROM program_project c JOIN sub s ON c.parent_id = s.id
  ),
  roots(root, id) AS (
    SELECT root, id FROM sub
    UNION ALL
    SELECT -program_id, id FROM program_project WHERE program_id = ANY(${programIds}::int[])
  )`;

/** `column` is a unit given by the placeholder `unit` or any unit ever below it (the undated tree). */
export const inUnitSubtree = (column: string, unit: string) => `${column} IN (SELECT code FROM unit_subtree(${unit}))`;

/** `column` is the project node given by the placeholder `project` or one of its sub-projects. */
export const inProjectSubtree = (column: string, project: string) =>
  `${column} IN (WITH RECURSIVE proj(id) AS (SELECT ${project}::int UNION ALL SELECT p.id FROM program_project p JOIN proj ON p.parent_id = proj.id) SELECT id FROM proj)`;

/**
 * The WHERE of a list being built: starts from the caller's scope filter and its parameters; each
 * condition adds its value and gets its placeholder.
 */
export class ListFilter {
  readonly params: unknown[];
  readonly where: string[];
  readonly ctes: string[] = [];

  constructor(scope: { scopeSql: string; params: unknown[] }) {
    this.params = [...scope.params];
    this.where = [scope.scopeSql];
  }

  /** Adds a value; returns its placeholder. */
  param(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }

  /** Adds a condition, every `?` in it standing for the value. */
  add(sql: string, v: unknown): void {
    this.where.push(sql.replaceAll('?', this.param(v)));
  }

  /**
   * Rows of a year (`alias.year`), of a unit and the units below it (the tree of that year when a
   * year is given, else every unit ever below it) and of a project with its sub-projects.
   */
  unitYearProject(alias: string, f: { unit?: string; year?: number; projectId?: number }): void {
    let yearParam: string | undefined;
    if (f.year) {
      yearParam = this.param(f.year);
      this.where.push(`${alias}.year = ${yearParam}`);
    }
    if (f.unit && yearParam) {
      this.ctes.push(areaCte(this.param(f.unit), yearParam));
      this.where.push(`${alias}.unit_code IN (SELECT code FROM area)`);
    } else if (f.unit) {
      this.where.push(inUnitSubtree(`${alias}.unit_code`, this.param(f.unit)));
    }
    if (f.projectId) this.where.push(inProjectSubtree(`${alias}.project_id`, this.param(f.projectId)));
  }

  get withSql(): string {
    return this.ctes.length ? `WITH RECURSIVE ${this.ctes.join(', ')}` : '';
  }

  get cond(): string {
    return this.where.join(' AND ');
  }
}

/** A page of a list: the count over `countFrom`, then `select` over `from`, ordered, limited and offset. */
export async function pagedQuery<T>(
  ds: { query(sql: string, params?: unknown[]): Promise<any> },
  q: { withSql?: string; countFrom: string; select: string; from: string; cond: string; orderBy: string; params: unknown[] },
  paging: { limit: number; offset: number },
): Promise<{ items: T[]; total: number }> {
  const withSql = q.withSql ?? '';
  const [{ total }] = await ds.query(`${withSql} SELECT count(*)::int AS total FROM ${q.countFrom} WHERE ${q.cond}`, q.params);
  const params = [...q.params, paging.limit, paging.offset];
  const items = await ds.query(
    `${withSql} SELECT ${q.select} FROM ${q.from} WHERE ${q.cond}
      ORDER BY ${q.orderBy} LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { items, total };
}
