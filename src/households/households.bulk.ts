import { EntityManager } from 'typeorm';
import { foldText, matchKey } from '../common/text/vietnamese';
import type { MemberRow } from './domain/member';
import type { HouseholdStatus } from './domain/vocabulary';

/**
 * The one write path for many households at once: the Excel import, the demo seed, splits and
 * single creates all go through it. Set-based: one INSERT … SELECT FROM unnest($1, $2, …) per
 * batch (one array parameter per column, so a batch of 5,000 rows is one statement with ~25
 * parameters, far below PostgreSQL's 65,535-parameter limit and cheap to parse). Ids are taken
 * from the sequence beforehand, so callers can link rows (split_from_id, merged_into_id) and
 * members before anything is written. Run it inside the caller's transaction.
 */

export interface NewHousehold {
  /** Assigned by bulkInsertHouseholds when absent. */
  id?: number;
  code: string;
  communeCode: string;
  villageCode: string | null;
  address: string | null;
  registeredOn: string;
  meritorious: boolean;
  status?: HouseholdStatus;
  statusDate?: string | null;
  statusReason?: string | null;
  splitFromId?: number | null;
  mergedIntoId?: number | null;
  noLabourOverride?: boolean | null;
  noLabourOverrideReason?: string | null;
  isDemo?: boolean;
  /** Exactly one with relation 'head': the household's head_* columns are taken from it. */
  members: MemberRow[];
}

export interface NewStatusChange {
  householdId: number;
  event?: 'status' | 'split_off' | 'absorbed';
  fromStatus: HouseholdStatus;
  toStatus: HouseholdStatus;
  changedOn: string;
  reason: string | null;
  relatedHouseholdId?: number | null;
  createdBy: string | null;
}

/** What search matches (q): the head's name and the household code, folded (no case, no diacritics). */
export function searchText(headName: string, code: string): string {
  return `${foldText(headName)} ${foldText(code)}`;
}

/** Takes `n` household ids from the sequence (one statement). */
export async function allocateHouseholdIds(m: EntityManager, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const rows: { id: number }[] = await m.query(
    `SELECT nextval(pg_get_serial_sequence('household', 'id'))::int AS id FROM generate_series(1, $1)`,
    [n],
  );
  return rows.map((r) => r.id);
}

const HOUSEHOLD_COLUMNS = `id, code, commune_code, village_code, head_name, head_sex, head_birth_year, head_ethnicity,
  head_id_number, address, status, status_date, status_reason, registered_on, meritorious, no_labour_override,
  no_labour_override_reason, split_from_id, merged_into_id, search_text, name_key, is_demo`;
const HOUSEHOLD_TYPES = ['int', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'date', 'text', 'date',
  'bool', 'bool', 'text', 'int', 'int', 'text', 'text', 'bool'];

const MEMBER_COLUMNS = `household_id, full_name, sex, birth_date, birth_year, relation, ethnicity, id_number, health_insurance,
  in_school, education_level, disability, labour_capacity, employment, malnourished, sort_order, name_key`;
const MEMBER_TYPES = ['int', 'text', 'text', 'date', 'int', 'text', 'text', 'text', 'bool', 'bool', 'text', 'text', 'bool', 'text', 'bool', 'int', 'text'];

/**
 * A PostgreSQL array literal of one column, built here rather than by `pg` (whose generic
 * serialiser makes several strings per element: at 150,000 rows × 20 columns that is the bulk
 * path's largest cost). Every element is quoted; backslashes and quotes are escaped.
 */
export function pgArray(values: ReadonlyArray<unknown>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'boolean') parts[i] = v ? 't' : 'f';
    else if (typeof v === 'number') parts[i] = String(v);
    else {
      const t = String(v);
      // quoted only when it has to be: empty, "NULL", or containing a separator, brace, quote, backslash or space
      parts[i] = t.length === 0 || /[{},"\\\s]/.test(t) || /^null$/i.test(t)
        ? `"${/["\\]/.test(t) ? t.replace(/["\\]/g, '\\$&') : t}"`
        : t;
    }
  }
  return `{${parts.join(',')}}`;
}

const unnestSql = (table: string, columns: string, types: string[]) =>
  `INSERT INTO ${table} (${columns}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
const INSERT_HOUSEHOLDS = unnestSql('household', HOUSEHOLD_COLUMNS, HOUSEHOLD_TYPES);
const INSERT_MEMBERS = unnestSql('household_member', MEMBER_COLUMNS, MEMBER_TYPES);

function headOf(h: NewHousehold): MemberRow {
  const head = h.members.find((x) => x.relation === 'head');
  if (!head) throw new Error(`household ${h.code} has no head member`);
  return head;
}

/**
 * Inserts households (and, unless `members: false`, their members) in batches. Assigns `id` to
 * every row without one. Returns the ids in input order. `members: false` is for callers that
 * move existing member rows to the new household themselves (a split-off): the head_* columns
 * are still taken from `members`.
 */
export async function bulkInsertHouseholds(
  m: EntityManager,
  rows: NewHousehold[],
  opts: { members?: boolean; batchSize?: number } = {},
): Promise<number[]> {
  const missing = rows.filter((r) => r.id === undefined);
  const ids = await allocateHouseholdIds(m, missing.length);
  missing.forEach((r, i) => (r.id = ids[i]));
  const size = opts.batchSize ?? 5000;
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    const cols: unknown[][] = HOUSEHOLD_TYPES.map(() => new Array(batch.length));
    batch.forEach((h, i) => {
      const head = headOf(h);
      const values = [
        h.id, h.code, h.communeCode, h.villageCode, head.fullName, head.sex, head.birthYear, head.ethnicity,
        head.idNumber, h.address, h.status ?? 'active', h.statusDate ?? null, h.statusReason ?? null, h.registeredOn,
        h.meritorious, h.noLabourOverride ?? null, h.noLabourOverrideReason ?? null, h.splitFromId ?? null,
        h.mergedIntoId ?? null, searchText(head.fullName, h.code), matchKey(head.fullName), h.isDemo ?? false,
      ];
      for (let c = 0; c < values.length; c++) cols[c][i] = values[c];
    });
    await m.query(INSERT_HOUSEHOLDS, cols.map(pgArray));
  }
  if (opts.members ?? true) {
    await bulkInsertMembers(m, rows.map((r) => ({ householdId: r.id as number, members: r.members })), { batchSize: size * 4 });
  }
  return rows.map((r) => r.id as number);
}

/** Inserts members of existing households in batches; sort_order follows the array order (head first). */
export async function bulkInsertMembers(
  m: EntityManager,
  groups: ReadonlyArray<{ householdId: number; members: ReadonlyArray<MemberRow>; firstSortOrder?: number }>,
  opts: { batchSize?: number } = {},
): Promise<number> {
  const size = opts.batchSize ?? 20_000;
  let cols: unknown[][] = MEMBER_TYPES.map(() => []);
  let n = 0;
  let total = 0;
  const flush = async () => {
    if (!n) return;
    await m.query(INSERT_MEMBERS, cols.map(pgArray));
    total += n;
    cols = MEMBER_TYPES.map(() => []);
    n = 0;
  };
  for (const g of groups) {
    let order = g.firstSortOrder ?? 0;
    // the head first, then the others in their order
    const head = g.members.find((x) => x.relation === 'head');
    for (let k = -1; k < g.members.length; k++) {
      const x = k < 0 ? head : g.members[k];
      if (!x || (k >= 0 && x === head)) continue;
      cols[0].push(g.householdId); cols[1].push(x.fullName); cols[2].push(x.sex); cols[3].push(x.birthDate);
      cols[4].push(x.birthYear); cols[5].push(x.relation); cols[6].push(x.ethnicity); cols[7].push(x.idNumber);
      cols[8].push(x.healthInsurance); cols[9].push(x.inSchool); cols[10].push(x.educationLevel); cols[11].push(x.disability);
      cols[12].push(x.labourCapacity); cols[13].push(x.employment); cols[14].push(x.malnourished); cols[15].push(order++);
      cols[16].push(matchKey(x.fullName));
      n++;
      if (n >= size) await flush();
    }
  }
  await flush();
  return total;
}

/** Inserts status-history rows in one statement per batch. */
export async function bulkInsertStatusChanges(m: EntityManager, rows: ReadonlyArray<NewStatusChange>): Promise<void> {
  const size = 10_000;
  for (let start = 0; start < rows.length; start += size) {
    const b = rows.slice(start, start + size);
    await m.query(
      `INSERT INTO household_status_change (household_id, event, from_status, to_status, changed_on, reason, related_household_id, created_by)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::int[], $8::text[])`,
      [
        b.map((r) => r.householdId), b.map((r) => r.event ?? 'status'), b.map((r) => r.fromStatus), b.map((r) => r.toStatus),
        b.map((r) => r.changedOn), b.map((r) => r.reason), b.map((r) => r.relatedHouseholdId ?? null), b.map((r) => r.createdBy),
      ],
    );
  }
}

/**
 * A batch of new households of one commune with their members, as the column arrays the insert
 * takes (PostgreSQL array literals): built where the rows are read (the import's worker thread),
 * so the thread that talks to the database only passes strings on. Members find their household
 * by its code (unique in the commune).
 */
export interface PreparedBatch {
  households: string[];
  members: string[];
  householdCount: number;
  memberCount: number;
}

export function prepareBatch(rows: ReadonlyArray<Omit<NewHousehold, 'communeCode' | 'id'>>): PreparedBatch {
  const h: unknown[][] = Array.from({ length: 12 }, () => []);
  const mem: unknown[][] = Array.from({ length: 17 }, () => []);
  for (const r of rows) {
    const head = headOf(r as NewHousehold);
    const hv = [r.code, r.villageCode, head.fullName, head.sex, head.birthYear, head.ethnicity, head.idNumber, r.address,
      r.registeredOn, r.meritorious, searchText(head.fullName, r.code), matchKey(head.fullName)];
    for (let c = 0; c < hv.length; c++) h[c].push(hv[c]);
    let order = 0;
    for (let k = -1; k < r.members.length; k++) {
      const x = k < 0 ? head : r.members[k];
      if (k >= 0 && x === head) continue;
      const mv = [r.code, x.fullName, x.sex, x.birthDate, x.birthYear, x.relation, x.ethnicity, x.idNumber, x.healthInsurance,
        x.inSchool, x.educationLevel, x.disability, x.labourCapacity, x.employment, x.malnourished, order++, matchKey(x.fullName)];
      for (let c = 0; c < mv.length; c++) mem[c].push(mv[c]);
    }
  }
  return { households: h.map(pgArray), members: mem.map(pgArray), householdCount: rows.length, memberCount: mem[0].length };
}

/** Inserts a prepared batch of one commune in two statements; returns the new household ids. */
export async function insertPreparedBatch(m: EntityManager, communeCode: string, b: PreparedBatch): Promise<number[]> {
  const inserted = await m.query(
    `INSERT INTO household (code, village_code, head_name, head_sex, head_birth_year, head_ethnicity, head_id_number, address,
                            registered_on, meritorious, search_text, name_key, commune_code)
     SELECT x.*, $13 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[],
                                  $9::date[], $10::bool[], $11::text[], $12::text[]) AS x
     RETURNING id`,
    [...b.households, communeCode],
  );
  await m.query(
    `INSERT INTO household_member (household_id, full_name, sex, birth_date, birth_year, relation, ethnicity, id_number, health_insurance,
                                   in_school, education_level, disability, labour_capacity, employment, malnourished, sort_order, name_key)
     SELECT h.id, x.full_name, x.sex, x.birth_date, x.birth_year, x.relation, x.ethnicity, x.id_number, x.health_insurance,
            x.in_school, x.education_level, x.disability, x.labour_capacity, x.employment, x.malnourished, x.sort_order, x.name_key
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::int[], $6::text[], $7::text[], $8::text[], $9::bool[],
                   $10::bool[], $11::text[], $12::text[], $13::bool[], $14::text[], $15::bool[], $16::int[], $17::text[])
            AS x(household_code, full_name, sex, birth_date, birth_year, relation, ethnicity, id_number, health_insurance,
                 in_school, education_level, disability, labour_capacity, employment, malnourished, sort_order, name_key)
       JOIN household h ON h.commune_code = $18 AND h.code = x.household_code`,
    [...b.members, communeCode],
  );
  return (inserted as { id: number }[]).map((r) => r.id);
}
