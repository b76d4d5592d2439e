import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { run, sql } from '../common/db/sql';
import { escapeLike, foldText } from '../common/text/vietnamese';
import type { HouseholdStatus, Relation } from './domain/vocabulary';
import { activeOn } from './register-sql';
import type { ListItem, MemberRecord } from './domain/household-views';

export type { ListItem, MemberRecord } from './domain/household-views';


/**
 * The households of each commune that were in the register on a date (e.g. a review's decision
 * date), for the reviews and their demo: `{ communeCode: [ids ascending] }`. Pass commune codes
 * to restrict. The SQL: SELECT commune_code, id FROM household h WHERE activeOn('h', $1).
 */
export async function activeHouseholdsAt(m: EntityManager, date: string, communeCodes?: string[]): Promise<Map<string, number[]>> {
  const rows: { communeCode: string; ids: number[] }[] = await m.query(
    `SELECT h.commune_code AS "communeCode", array_agg(h.id ORDER BY h.id) AS ids
       FROM household h
      WHERE ${activeOn('h', '$1::date')} AND ($2::varchar[] IS NULL OR h.commune_code = ANY($2))
      GROUP BY h.commune_code`,
    [date, communeCodes ?? null],
  );
  return new Map(rows.map((r) => [r.communeCode, r.ids]));
}

export interface HouseholdRecord {
  id: number;
  code: string;
  communeCode: string;
  villageCode: string | null;
  headName: string;
  headSex: string;
  headBirthYear: number;
  headEthnicity: string;
  headIdNumber: string | null;
  address: string | null;
  status: HouseholdStatus;
  statusDate: string | null;
  statusReason: string | null;
  registeredOn: string;
  meritorious: boolean;
  noLabourOverride: boolean | null;
  noLabourOverrideReason: string | null;
  splitFromId: number | null;
  mergedIntoId: number | null;
  ethnicMinority: boolean;
  femaleHead: boolean;
  isDemo: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const HOUSEHOLD_SELECT = `
  h.id, h.code, h.commune_code AS "communeCode", h.village_code AS "villageCode", h.head_name AS "headName",
  h.head_sex AS "headSex", h.head_birth_year AS "headBirthYear", h.head_ethnicity AS "headEthnicity",
  h.head_id_number AS "headIdNumber", h.address, h.status, h.status_date AS "statusDate", h.status_reason AS "statusReason",
  h.registered_on AS "registeredOn", h.meritorious, h.no_labour_override AS "noLabourOverride",
  h.no_labour_override_reason AS "noLabourOverrideReason", h.split_from_id AS "splitFromId", h.merged_into_id AS "mergedIntoId",
  h.ethnic_minority AS "ethnicMinority", h.female_head AS "femaleHead", h.is_demo AS "isDemo", h.version,
  h.created_at AS "createdAt", h.updated_at AS "updatedAt"`;

const MEMBER_SELECT = `
  m.id, m.household_id AS "householdId", m.full_name AS "fullName", m.sex, m.birth_date AS "birthDate", m.birth_year AS "birthYear",
  m.relation, m.ethnicity, m.id_number AS "idNumber", m.health_insurance AS "healthInsurance", m.in_school AS "inSchool",
  m.education_level AS "educationLevel", m.disability, m.labour_capacity AS "labourCapacity", m.employment,
  m.malnourished, m.sort_order AS "sortOrder"`;

export type SortKey = 'code' | 'headName' | 'village' | 'registeredOn' | 'updatedAt' | 'status';
const SORT_SQL: Record<SortKey, string> = {
  code: 'h.commune_code %d, h.code %d',
  headName: 'h.search_text %d',
  village: 'h.village_code %d NULLS LAST, h.code %d',
  registeredOn: 'h.registered_on %d',
  updatedAt: 'h.updated_at %d',
  status: 'h.status %d, h.code %d',
};

export interface ListFilter {
  unit?: string;
  commune?: string;
  village?: string;
  statuses?: HouseholdStatus[];
  ethnicMinority?: boolean;
  femaleHead?: boolean;
  meritorious?: boolean;
  noLabourCapacity?: boolean;
  ethnicity?: string;
  q?: string;
  year?: number;
  classifications?: string[];
  activeOn?: string;
  isDemo?: boolean;
}

export interface DuplicateGroup {
  communeCode: string;
  headName: string;
  headBirthYear: number;
  households: { id: number; code: string; headName: string; villageCode: string | null; registeredOn: string; persons: number }[];
}

export interface IdNumberOwner {
  idNumber: string;
  householdId: number;
  householdCode: string;
  communeCode: string;
  memberId: number;
}

/** The SQL of the household register. Every statement takes the caller's EntityManager when in a transaction. */
@Injectable()
export class HouseholdsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  // ---- reference data ----------------------------------------------------------------------

  async unitLevel(code: string, manager?: EntityManager): Promise<string | undefined> {
    const rows: { level: string }[] = await this.m(manager).query(`SELECT level FROM admin_unit WHERE code = $1`, [code]);
    return rows[0]?.level;
  }

  /** The latest name of a commune-level unit; undefined when the code is not a commune. */
  async communeName(code: string): Promise<{ name: string } | undefined> {
    const [row] = await this.ds.query(
      `SELECT v.name FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code AND u.level = 'commune'
        WHERE v.code = $1 ORDER BY v.valid_from DESC LIMIT 1`,
      [code],
    );
    return row;
  }

  /** Villages of a commune (any version whose parent is the commune), with their latest name. */
  async villagesOf(communeCode: string, manager?: EntityManager): Promise<{ code: string; name: string }[]> {
    return this.m(manager).query(
      `SELECT DISTINCT ON (v.code) v.code, v.name
         FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code AND u.level = 'village'
        WHERE v.code IN (SELECT code FROM admin_unit_version WHERE parent_code = $1)
        ORDER BY v.code, v.valid_from DESC`,
      [communeCode],
    );
  }

  async ethnicGroups(q: string | undefined, paging: { limit: number; offset: number }): Promise<{ items: { code: string; name: string; isMinority: boolean }[]; total: number }> {
    const all: { code: string; name: string; isMinority: boolean }[] = await this.ds.query(
      `SELECT code, name, is_minority AS "isMinority" FROM ethnic_group ORDER BY code`,
    );
    // 54 rows: filtered with the same folding as every other search
    const needle = q ? foldText(q) : '';
    const hits = needle ? all.filter((g) => foldText(g.name).includes(needle) || g.code === q) : all;
    return { items: hits.slice(paging.offset, paging.offset + paging.limit), total: hits.length };
  }

  // ---- single records ----------------------------------------------------------------------

  async find(id: number, manager?: EntityManager, lock = false): Promise<HouseholdRecord | undefined> {
    const rows = await this.m(manager).query(`SELECT ${HOUSEHOLD_SELECT} FROM household h WHERE h.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return rows[0];
  }

  async members(householdId: number, manager?: EntityManager): Promise<MemberRecord[]> {
    return this.m(manager).query(
      `SELECT ${MEMBER_SELECT} FROM household_member m WHERE m.household_id = $1 ORDER BY m.relation <> 'head', m.sort_order, m.id`,
      [householdId],
    );
  }

  /** Names, lineage and history of one household, for its detail view. */
  async detailExtras(id: number, manager?: EntityManager): Promise<{
    villageName: string | null;
    communeName: string | null;
    headEthnicityName: string;
    splitFrom: { id: number; code: string } | null;
    mergedInto: { id: number; code: string } | null;
    splitInto: { id: number; code: string; registeredOn: string }[];
    absorbed: { id: number; code: string; statusDate: string }[];
    history: { event: string; fromStatus: string; toStatus: string; date: string; reason: string | null; relatedHousehold: { id: number; code: string } | null; by: string | null; at: string }[];
  }> {
    const [row] = await this.m(manager).query(
      `SELECT
         (SELECT name FROM admin_unit_version WHERE code = h.village_code ORDER BY valid_from DESC LIMIT 1) AS "villageName",
         (SELECT name FROM admin_unit_version WHERE code = h.commune_code ORDER BY valid_from DESC LIMIT 1) AS "communeName",
         (SELECT name FROM ethnic_group WHERE code = h.head_ethnicity) AS "headEthnicityName",
         (SELECT json_build_object('id', s.id, 'code', s.code) FROM household s WHERE s.id = h.split_from_id) AS "splitFrom",
         (SELECT json_build_object('id', s.id, 'code', s.code) FROM household s WHERE s.id = h.merged_into_id) AS "mergedInto",
         coalesce((SELECT json_agg(json_build_object('id', s.id, 'code', s.code, 'registeredOn', s.registered_on) ORDER BY s.id)
                     FROM household s WHERE s.split_from_id = h.id), '[]') AS "splitInto",
         coalesce((SELECT json_agg(json_build_object('id', s.id, 'code', s.code, 'statusDate', s.status_date) ORDER BY s.id)
                     FROM household s WHERE s.merged_into_id = h.id), '[]') AS "absorbed",
         coalesce((SELECT json_agg(json_build_object(
                     'event', c.event, 'fromStatus', c.from_status, 'toStatus', c.to_status, 'date', c.changed_on,
                     'reason', c.reason, 'by', c.created_by, 'at', c.created_at,
                     'relatedHousehold', CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object('id', r.id, 'code', r.code) END)
                     ORDER BY c.changed_on, c.id)
                     FROM household_status_change c LEFT JOIN household r ON r.id = c.related_household_id
                    WHERE c.household_id = h.id), '[]') AS history
       FROM household h WHERE h.id = $1`,
      [id],
    );
    return row;
  }

  // ---- lists -------------------------------------------------------------------------------

  /** The WHERE clause of a list (scope first), its parameters appended to `params`. */
  private where(f: ListFilter, scopeSql: string, params: unknown[]): string {
    const w: string[] = [scopeSql];
    // each value's placeholder numbered by the sql builder, after those already in `params`
    const p = (v: unknown) => sql`${v}`.appendTo(params);
    if (f.unit) w.push(`h.commune_code IN (SELECT code FROM unit_subtree(${p(f.unit)}))`);
    if (f.commune) w.push(`h.commune_code = ${p(f.commune)}`);
    if (f.village) w.push(`h.village_code = ${p(f.village)}`);
    if (f.statuses?.length) w.push(f.statuses.length === 1 ? `h.status = ${p(f.statuses[0])}` : `h.status = ANY(${p(f.statuses)})`);
    if (f.ethnicMinority !== undefined) w.push(`h.ethnic_minority = ${p(f.ethnicMinority)}`);
    if (f.femaleHead !== undefined) w.push(`h.female_head = ${p(f.femaleHead)}`);
    if (f.meritorious !== undefined) w.push(`h.meritorious = ${p(f.meritorious)}`);
    if (f.ethnicity) w.push(`h.head_ethnicity = ${p(f.ethnicity)}`);
    if (f.isDemo !== undefined) w.push(`h.is_demo = ${p(f.isDemo)}`);
    if (f.noLabourCapacity !== undefined) {
      w.push(`coalesce(h.no_labour_override,
                NOT EXISTS (SELECT 1 FROM household_member lm WHERE lm.household_id = h.id AND lm.labour_capacity)) = ${p(f.noLabourCapacity)}`);
    }
    if (f.activeOn) w.push(activeOn('h', `${p(f.activeOn)}::date`));
    if (f.q) {
      // every word of the query, folded like search_text: "nguyen" finds "Nguyễn", "Hoá" finds "Hóa"
      for (const word of foldText(f.q).split(' ').filter(Boolean).slice(0, 8)) {
        w.push(`h.search_text LIKE ${p(`%${escapeLike(word)}%`)}`);
      }
    }
    if (f.year !== undefined && f.classifications?.length) {
      // the decided class of the year's periodic (or baseline) round (a household's results are those of its
      // commune's rounds); uncorrelated, so PostgreSQL hashes it once instead of probing per household
      const decided = `SELECT rr.household_id FROM review_round r JOIN review_result rr ON rr.round_id = r.id
                        WHERE r.year = ${p(f.year)} AND r.kind IN ('periodic','baseline') AND r.status IN ('decided','reported')`;
      const classes = f.classifications.filter((c) => c !== 'none');
      const parts: string[] = [];
      if (classes.length) parts.push(`h.id IN (${decided} AND rr.decided_class = ANY(${p(classes)}))`);
      if (f.classifications.includes('none')) parts.push(`h.id NOT IN (${decided})`);
      w.push(`(${parts.join(' OR ')})`);
    }
    return w.join(' AND ');
  }

  async list(
    f: ListFilter,
    scope: { sql: string; params: unknown[] },
    sort: { key: SortKey; desc: boolean },
    paging: { limit: number; offset: number },
  ): Promise<{ items: ListItem[]; total: number }> {
    const params = [...scope.params];
    const where = this.where(f, scope.sql, params);
    const dir = sort.desc ? 'DESC' : 'ASC';
    const order = `${SORT_SQL[sort.key].replace(/%d/g, dir)}, h.id ${dir}`;
    const countParams = [...params];
    const limit = sql`LIMIT ${paging.limit} OFFSET ${paging.offset}`.appendTo(params);
    const classSql = f.year === undefined ? 'NULL::text' : sql`(SELECT rr.decided_class FROM review_round r JOIN review_result rr ON rr.round_id = r.id
                    WHERE rr.household_id = h.id AND r.year = ${f.year}
                      AND r.kind IN ('periodic','baseline') AND r.status IN ('decided','reported') LIMIT 1)`.appendTo(params);
    const [items, [{ total }]] = await Promise.all([
      this.ds.query(
        `WITH page AS (SELECT h.id FROM household h WHERE ${where} ORDER BY ${order} ${limit})
         SELECT h.id, h.code, h.commune_code AS "communeCode", h.village_code AS "villageCode",
                (SELECT name FROM admin_unit_version v WHERE v.code = h.village_code ORDER BY v.valid_from DESC LIMIT 1) AS "villageName",
                h.head_name AS "headName", h.head_sex AS "headSex", h.head_birth_year AS "headBirthYear",
                h.head_ethnicity AS "headEthnicity", eg.name AS "headEthnicityName", h.head_id_number AS "headIdNumber",
                h.address, h.status, h.status_date AS "statusDate", h.registered_on AS "registeredOn",
                h.ethnic_minority AS "ethnicMinority", h.female_head AS "femaleHead", h.meritorious,
                coalesce(h.no_labour_override, mc.labour = 0) AS "noLabourCapacity", mc.persons,
                ${classSql} AS classification, h.version
           FROM page JOIN household h ON h.id = page.id
           JOIN ethnic_group eg ON eg.code = h.head_ethnicity
           CROSS JOIN LATERAL (SELECT count(*)::int AS persons, count(*) FILTER (WHERE labour_capacity)::int AS labour
                                 FROM household_member WHERE household_id = h.id) mc
          ORDER BY ${order}`,
        params,
      ),
      this.ds.query(`SELECT count(*)::int AS total FROM household h WHERE ${where}`, countParams),
    ]);
    return { items, total };
  }

  /**
   * Likely duplicates among active households: the same head name (matchKey: case, Unicode
   * form and tone-mark placement ignored) and birth year in the same commune. The scope
   * condition is on the bare column `commune_code`.
   */
  async duplicates(
    f: { commune?: string },
    scope: { sql: string; params: unknown[] },
    paging: { limit: number; offset: number },
  ): Promise<{ items: DuplicateGroup[]; total: number }> {
    const params = [...scope.params];
    const w = [scope.sql, `status = 'active'`];
    if (f.commune) w.push(sql`commune_code = ${f.commune}`.appendTo(params));
    const groups = `SELECT commune_code, name_key, head_birth_year FROM household WHERE ${w.join(' AND ')}
                     GROUP BY commune_code, name_key, head_birth_year HAVING count(*) > 1`;
    const countParams = [...params];
    const limit = sql`LIMIT ${paging.limit} OFFSET ${paging.offset}`.appendTo(params);
    const items: DuplicateGroup[] = await this.ds.query(
      `SELECT g.commune_code AS "communeCode", min(h.head_name) AS "headName", g.head_birth_year AS "headBirthYear",
              json_agg(json_build_object('id', h.id, 'code', h.code, 'headName', h.head_name, 'villageCode', h.village_code,
                       'registeredOn', h.registered_on,
                       'persons', (SELECT count(*) FROM household_member m WHERE m.household_id = h.id)) ORDER BY h.id) AS households
         FROM (${groups} ORDER BY commune_code, name_key, head_birth_year ${limit}) g
         JOIN household h ON h.commune_code = g.commune_code AND h.name_key = g.name_key
                         AND h.head_birth_year = g.head_birth_year AND h.status = 'active'
        GROUP BY g.commune_code, g.name_key, g.head_birth_year
        ORDER BY g.commune_code, g.name_key, g.head_birth_year`,
      params,
    );
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM (${groups}) g`, countParams);
    return { items, total };
  }

  // ---- duplicates refused --------------------------------------------------------------------

  /** Households of a commune already using any of these codes. */
  async codeOwners(communeCode: string, codes: string[], manager?: EntityManager, excludeId?: number): Promise<{ id: number; code: string }[]> {
    if (!codes.length) return [];
    return this.m(manager).query(
      `SELECT id, code FROM household WHERE commune_code = $1 AND code = ANY($2::varchar[]) AND ($3::int IS NULL OR id <> $3)`,
      [communeCode, codes, excludeId ?? null],
    );
  }

  /** Members of active households holding any of these ID numbers (households in `exclude` left out). */
  async idNumberOwners(idNumbers: string[], manager?: EntityManager, excludeHouseholdIds: number[] = [], excludeMemberIds: number[] = []): Promise<IdNumberOwner[]> {
    if (!idNumbers.length) return [];
    return this.m(manager).query(
      `SELECT m.id_number AS "idNumber", h.id AS "householdId", h.code AS "householdCode", h.commune_code AS "communeCode", m.id AS "memberId"
         FROM household_member m JOIN household h ON h.id = m.household_id
        WHERE m.id_number = ANY($1::varchar[]) AND h.status = 'active'
          AND NOT (h.id = ANY($2::int[])) AND NOT (m.id = ANY($3::int[]))
        ORDER BY h.id`,
      [idNumbers, excludeHouseholdIds, excludeMemberIds],
    );
  }

  /**
   * Serialises the writes that check ID numbers across active households (a transaction-scoped
   * advisory lock): two officers cannot register the same person in two households at once.
   */
  async lockIdNumbers(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('household.id_number'))`);
  }

  /** Serialises code generation in a commune. */
  async lockCommuneCodes(manager: EntityManager, communeCode: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('household.code:' || $1))`, [communeCode]);
  }

  /** The next generated number of a commune (codes H00001…). */
  async nextGeneratedNumber(communeCode: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query(
      `SELECT coalesce(max(substring(code FROM 2)::bigint), 0)::int + 1 AS n
         FROM household WHERE commune_code = $1 AND code ~ '^H[0-9]{1,9}$'`,
      [communeCode],
    );
    return row.n;
  }

  // ---- writes ------------------------------------------------------------------------------

  /** Copies the head member's name, sex, birth year, ethnicity and ID number onto the household. */
  async syncHead(householdId: number, searchText: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE household h
          SET head_name = m.full_name, head_sex = m.sex, head_birth_year = m.birth_year, head_ethnicity = m.ethnicity,
              head_id_number = m.id_number, name_key = m.name_key, search_text = $2
         FROM household_member m
        WHERE h.id = $1 AND m.household_id = h.id AND m.relation = 'head'`,
      [householdId, searchText],
    );
  }

  /** The columns updateMember may set. */
  static readonly MEMBER_COLUMNS = [
    'full_name', 'sex', 'birth_date', 'birth_year', 'relation', 'ethnicity', 'id_number', 'health_insurance', 'in_school', 'education_level',
    'disability', 'labour_capacity', 'employment', 'malnourished', 'sort_order', 'name_key',
  ] as const;

  async updateMember(memberId: number, set: Record<string, unknown>, manager: EntityManager): Promise<void> {
    const cols = Object.keys(set);
    if (!cols.length) return;
    // column names are the service's constants, checked against MEMBER_COLUMNS
    const assignments = sql.join(cols.map((c) => sql`${sql.ident(c, HouseholdsRepository.MEMBER_COLUMNS)} = ${set[c]}`));
    await run(manager, sql`UPDATE household_member SET ${assignments}, updated_at = now() WHERE id = ${memberId}`);
  }

  async deleteMember(memberId: number, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM household_member WHERE id = $1`, [memberId]);
  }

  async codeAndHeadName(householdId: number, manager: EntityManager): Promise<{ code: string; fullName: string } | undefined> {
    const [row] = await manager.query(
      `SELECT h.code, m.full_name AS "fullName" FROM household h JOIN household_member m ON m.household_id = h.id AND m.relation = 'head' WHERE h.id = $1`,
      [householdId],
    );
    return row;
  }

  async newestMemberId(householdId: number, manager: EntityManager): Promise<number> {
    const [row] = await manager.query(`SELECT max(id) AS id FROM household_member WHERE household_id = $1`, [householdId]);
    return row.id;
  }

  async maxSortOrder(householdId: number, manager: EntityManager): Promise<number> {
    const [row] = await manager.query(`SELECT coalesce(max(sort_order), -1)::int AS n FROM household_member WHERE household_id = $1`, [householdId]);
    return row.n;
  }

  /** Moves member rows to another household, setting each one's relation there. */
  async moveMembers(moves: { memberId: number; relation: Relation }[], toHouseholdId: number, manager: EntityManager): Promise<void> {
    if (!moves.length) return;
    await manager.query(
      `UPDATE household_member m SET household_id = $1, relation = x.relation, sort_order = x.ord, updated_at = now()
         FROM unnest($2::int[], $3::text[], $4::int[]) AS x(id, relation, ord)
        WHERE m.id = x.id`,
      [toHouseholdId, moves.map((x) => x.memberId), moves.map((x) => x.relation), moves.map((x, i) => (x.relation === 'head' ? 0 : i + 1))],
    );
  }
}
