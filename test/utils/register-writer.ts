import type { DataSource, EntityManager } from 'typeorm';
import type { MemberRow } from '../../src/households/domain/member';
import type { HouseholdStatus, Relation } from '../../src/households/domain/vocabulary';
import { bulkInsertHouseholds, bulkInsertMembers, NewHousehold } from '../../src/households/households.bulk';

/**
 * The one SQL writer of register fixtures, for the tests that need many households fast or exact
 * figures (reviews, reports, exports, program): it goes through the service's own bulk writer
 * (households.bulk.ts, the path of the Excel import and the demo), so every derived column
 * (search text, name keys, head columns) is filled as in production. Tests of the register itself
 * build through the API instead (test/utils/households.ts).
 */
export interface FixtureMember extends Partial<Omit<MemberRow, 'fullName' | 'birthYear' | 'relation'>> {
  fullName: string;
  birthYear: number;
  relation: Relation;
}

export interface FixtureHousehold {
  code: string;
  communeCode: string;
  villageCode?: string | null;
  address?: string | null;
  /** default 2020-01-01 */
  registeredOn?: string;
  meritorious?: boolean;
  status?: HouseholdStatus;
  statusDate?: string | null;
  splitFromId?: number | null;
  /** the head: the household's head columns */
  head: Omit<FixtureMember, 'relation'>;
  /** the member rows (the head among them with relation 'head' if it is to be one); none: no member rows */
  members?: FixtureMember[];
}

const memberRow = (x: FixtureMember, ethnicity: string): MemberRow => ({
  fullName: x.fullName, sex: x.sex ?? 'male', birthDate: x.birthDate ?? null, birthYear: x.birthYear, relation: x.relation,
  ethnicity: x.ethnicity ?? ethnicity, idNumber: x.idNumber ?? null, healthInsurance: x.healthInsurance ?? true, inSchool: x.inSchool ?? null,
  educationLevel: x.educationLevel ?? null, disability: x.disability ?? 'none', labourCapacity: x.labourCapacity ?? true,
  employment: x.employment ?? null, malnourished: x.malnourished ?? null,
});

/** Writes the households (and their members) in a few statements; returns their ids in order. */
export async function writeHouseholds(db: DataSource | EntityManager, rows: FixtureHousehold[]): Promise<number[]> {
  const m = 'manager' in db ? db.manager : db;
  const ethnicityOf = (h: FixtureHousehold) => h.head.ethnicity ?? '02';
  const households: NewHousehold[] = rows.map((h) => ({
    code: h.code, communeCode: h.communeCode, villageCode: h.villageCode ?? null, address: h.address ?? null,
    registeredOn: h.registeredOn ?? '2020-01-01', meritorious: h.meritorious ?? false, status: h.status ?? 'active',
    statusDate: h.statusDate ?? null, splitFromId: h.splitFromId ?? null,
    members: [memberRow({ ...h.head, relation: 'head' }, ethnicityOf(h))],
  }));
  const ids = await bulkInsertHouseholds(m, households, { members: false });
  await bulkInsertMembers(m, rows.flatMap((h, i) => (h.members?.length ? [{ householdId: ids[i], members: h.members.map((x) => memberRow(x, ethnicityOf(h))) }] : [])));
  return ids;
}

/** One household: its id. */
export async function writeHousehold(db: DataSource | EntityManager, h: FixtureHousehold): Promise<number> {
  return (await writeHouseholds(db, [h]))[0];
}

/** Members added to an existing household (a birth, someone moving in), after the ones it has. */
export async function writeMembers(db: DataSource | EntityManager, householdId: number, members: FixtureMember[], ethnicity = '02'): Promise<void> {
  const m = 'manager' in db ? db.manager : db;
  const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM household_member WHERE household_id = $1`, [householdId]);
  await bulkInsertMembers(m, [{ householdId, members: members.map((x) => memberRow(x, ethnicity)), firstSortOrder: n }]);
}
