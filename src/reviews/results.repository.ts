import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { raw } from '../common/db/optimistic';
import { run, sql } from '../common/db/sql';
import { notLeftBy } from '../households/register-sql';
import type { PovertyClass } from '../standards/domain/classify';
import type { MemberFacts } from './domain/deprivations';
import type { BulkResultRow } from './results.service';

/** A household of a round's list, with what was entered for it. */
export interface RoundHousehold {
  id: number;
  code: string;
  headName: string;
  village: string | null;
  quickScreen: string | null;
  b1Score: number | null;
  income: number | null;
  entered: string[] | null;
  causes: number[] | null;
  needs: string[] | null;
  farmAverage: boolean | null;
}

/** A household as results need it. */
export interface HouseholdRef {
  id: number;
  code: string;
  communeCode: string;
  villageCode: string | null;
  headName: string;
  status: string;
  statusDate: string | null;
  registeredOn: string;
}

/** One row to write into review_result (snake_case: the column names). */
export interface ResultRecord {
  household_id: number;
  standard_code: string;
  area_type: string;
  quick_screen: string | null;
  b1_score: number | null;
  income_per_capita: number | null;
  entered_deprivations: string[] | null;
  derived_deprivations: string[];
  derived_assessed: string[];
  deprivations: string[];
  deprivation_count: number;
  b2_score: number;
  computed_class: PovertyClass;
  decided_class: PovertyClass;
  override_reason: string | null;
  override_by: string | null;
  override_at: string | null;
  local_standard_code: string | null;
  local_class: PovertyClass | null;
  local_explanation: string | null;
  farm_average: boolean;
  causes: number[];
  support_needs: string[];
  explanation: string;
  income_basis: string;
  poverty_line: number;
  average_upper: number | null;
  b1_cutoff: number | null;
  is_demo: boolean;
  updated_by: string;
}

/** The columns a result write sets (the parameters take their types from them). */
const COLS: (keyof ResultRecord)[] = [
  'household_id', 'standard_code', 'area_type', 'quick_screen', 'b1_score', 'income_per_capita', 'entered_deprivations',
  'derived_deprivations', 'derived_assessed', 'deprivations', 'deprivation_count', 'b2_score', 'computed_class', 'decided_class',
  'override_reason', 'override_by', 'override_at', 'local_standard_code', 'local_class', 'local_explanation', 'farm_average', 'causes',
  'support_needs', 'explanation', 'income_basis', 'poverty_line', 'average_upper', 'b1_cutoff', 'is_demo', 'updated_by',
];
/**
 * INSERT … VALUES of `n` rows (parameters typed by their target columns) that replaces a
 * household's existing result of the round.
 */
function upsertSql(n: number): string {
  const width = COLS.length + 1;
  const rows = Array.from({ length: n }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
  return `
  INSERT INTO review_result (round_id, ${COLS.join(', ')}) VALUES ${rows.join(', ')}
  ON CONFLICT (round_id, household_id) DO UPDATE SET
    ${COLS.filter((c) => c !== 'household_id' && c !== 'is_demo').map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
    version = review_result.version + 1, updated_at = now()
  RETURNING (xmax = 0) AS inserted`;
}
const UPSERT_BATCH = 1000; // 31 parameters a row: well under PostgreSQL's 65,535

export const RESULT_COLUMNS = `
  x.id, x.round_id AS "roundId", x.household_id AS "householdId", h.code AS "householdCode", h.head_name AS "headName",
  h.village_code AS "villageCode", x.standard_code AS "standard", x.area_type AS "areaType", x.source,
  x.quick_screen AS "quickScreen", x.b1_score AS "b1Score", x.income_per_capita AS "incomePerCapita",
  x.entered_deprivations AS "enteredDeprivations", x.derived_deprivations AS "derivedDeprivations",
  x.derived_assessed AS "derivedAssessed", x.deprivations, x.deprivation_count AS "deprivationCount", x.b2_score AS "b2Score",
  x.income_basis AS "incomeBasis", x.poverty_line AS "povertyLine", x.average_upper AS "averageUpper", x.b1_cutoff AS "b1Cutoff",
  x.computed_class AS "computedClass", x.decided_class AS "decidedClass", x.override_reason AS "overrideReason",
  x.override_by AS "overrideBy", x.override_at AS "overrideAt", x.local_standard_code AS "localStandard", x.local_class AS "localClass",
  x.local_explanation AS "localExplanation", x.farm_average AS "farmAverage", x.causes, x.support_needs AS "supportNeeds",
  x.explanation, x.certificate_number AS "certificateNumber", x.previous_class AS "previousClass",
  x.snap_persons AS "snapPersons", x.snap_head_name AS "snapHeadName", x.snap_head_sex AS "snapHeadSex",
  x.snap_head_ethnicity AS "snapHeadEthnicity", x.snap_village_code AS "snapVillageCode", x.snap_ethnic_minority AS "snapEthnicMinority",
  x.snap_female_head AS "snapFemaleHead", x.snap_meritorious AS "snapMeritorious", x.snap_no_labour AS "snapNoLabour",
  x.snap_children AS "snapChildren", x.snap_children_no_insurance AS "snapChildrenNoInsurance",
  x.snap_children_malnourished AS "snapChildrenMalnourished", x.snap_children_out_of_school AS "snapChildrenOutOfSchool",
  x.version, x.created_at AS "createdAt", x.updated_at AS "updatedAt", x.updated_by AS "updatedBy"`;

/** The SQL of review results. */
@Injectable()
export class ResultsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.ds.manager;
  }

  async household(id: number, manager?: EntityManager): Promise<HouseholdRef | undefined> {
    const rows = await this.m(manager).query(
      `SELECT id, code, commune_code AS "communeCode", village_code AS "villageCode", head_name AS "headName", status,
              status_date AS "statusDate", registered_on AS "registeredOn"
         FROM household WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Every household of a commune (any status), for imports and templates. */
  async communeHouseholds(communeCode: string, manager?: EntityManager): Promise<HouseholdRef[]> {
    return this.m(manager).query(
      `SELECT id, code, commune_code AS "communeCode", village_code AS "villageCode", head_name AS "headName", status,
              status_date AS "statusDate", registered_on AS "registeredOn"
         FROM household WHERE commune_code = $1 ORDER BY village_code NULLS LAST, code`,
      [communeCode],
    );
  }

  /**
   * The households a round reviews, with the results already entered: the commune's households on
   * the register at the round's reference date (or left after it), only those on the list of a
   * regular round (its Mẫu 01 / Mẫu 04 applications). The Excel template's rows and the field
   * form's household list.
   */
  async roundHouseholds(round: { id: number; communeCode: string; kind: string }, referenceDate: string, manager?: EntityManager): Promise<RoundHousehold[]> {
    return this.m(manager).query(
      `SELECT h.id, h.code, h.head_name AS "headName",
              (SELECT v.name FROM admin_unit_version v WHERE v.code = h.village_code ORDER BY v.valid_from DESC LIMIT 1) AS village,
              x.quick_screen AS "quickScreen", x.b1_score AS "b1Score", x.income_per_capita AS income, x.entered_deprivations AS entered,
              x.causes, x.support_needs AS needs, x.farm_average AS "farmAverage"
         FROM household h LEFT JOIN review_result x ON x.household_id = h.id AND x.round_id = $2
        WHERE h.commune_code = $1 AND ${notLeftBy('h', '$3::date')}
          ${round.kind === 'regular' ? `AND h.id IN (SELECT household_id FROM review_application WHERE round_id = $2 AND status <> 'refused')` : ''}
        ORDER BY h.village_code NULLS LAST, h.code`,
      [round.communeCode, round.id, referenceDate],
    );
  }

  /** The causes of poverty (codes 1–8) with their Vietnamese names. */
  async causes(manager?: EntityManager): Promise<{ code: number; name: string }[]> {
    return this.m(manager).query(`SELECT code, name_vi AS name FROM poverty_cause ORDER BY code`);
  }

  /** The submissions (instanceIDs) among these already imported into the round. */
  async importedSubmissions(roundId: number, instanceIds: string[], manager: EntityManager): Promise<Set<string>> {
    const rows = await run(manager, sql`SELECT instance_id AS id FROM review_submission WHERE round_id = ${roundId} AND instance_id = ANY(${instanceIds}::varchar[])`);
    return new Set(rows.map((r: { id: string }) => r.id));
  }

  /** Records imported submissions (their instanceID, household, enumerator and survey date). */
  async recordSubmissions(roundId: number, subs: { instanceId: string; householdId: number; enumerator: string | null; surveyDate: string | null }[], actor: string, manager: EntityManager): Promise<void> {
    for (let i = 0; i < subs.length; i += 5000) {
      const batch = subs.slice(i, i + 5000);
      await run(manager, sql`
        INSERT INTO review_submission (round_id, instance_id, household_id, enumerator, surveyed_on, imported_by)
        SELECT ${roundId}, t.instance_id, t.household_id, t.enumerator, t.surveyed_on, ${actor}
          FROM unnest(${batch.map((s) => s.instanceId)}::varchar[], ${batch.map((s) => s.householdId)}::int[],
                      ${batch.map((s) => s.enumerator)}::varchar[], ${batch.map((s) => s.surveyDate)}::date[])
               AS t(instance_id, household_id, enumerator, surveyed_on)`);
    }
  }

  /** Member facts of the given households (or of every household of a commune), grouped by household. */
  async members(filter: { householdIds?: number[]; communeCode?: string }, manager?: EntityManager): Promise<Map<number, MemberFacts[]>> {
    const where = filter.householdIds ? `m.household_id = ANY($1::int[])` : `m.household_id IN (SELECT id FROM household WHERE commune_code = $1)`;
    const rows: (MemberFacts & { householdId: number })[] = await this.m(manager).query(
      `SELECT m.household_id AS "householdId", m.sex, m.birth_year AS "birthYear", m.birth_date AS "birthDate",
              m.health_insurance AS "healthInsurance", m.in_school AS "inSchool", m.education_level AS "educationLevel",
              m.disability, m.labour_capacity AS "labourCapacity", m.employment, m.malnourished
         FROM household_member m WHERE ${where}`,
      [filter.householdIds ?? filter.communeCode],
    );
    const out = new Map<number, MemberFacts[]>();
    for (const r of rows) {
      const { householdId, ...facts } = r;
      let list = out.get(householdId);
      if (!list) out.set(householdId, (list = []));
      list.push(facts);
    }
    return out;
  }

  /** Existing results of a round: version and override, by household. */
  async existing(roundId: number, householdIds: number[] | null, manager: EntityManager): Promise<Map<number, { version: number; decidedClass: PovertyClass; overrideReason: string | null; overrideBy: string | null; overrideAt: string | null }>> {
    const rows = await manager.query(
      `SELECT household_id AS "householdId", version, decided_class AS "decidedClass", override_reason AS "overrideReason",
              override_by AS "overrideBy", override_at AS "overrideAt"
         FROM review_result WHERE round_id = $1 ${householdIds ? 'AND household_id = ANY($2::int[])' : ''}`,
      householdIds ? [roundId, householdIds] : [roundId],
    );
    return new Map(rows.map((r: { householdId: number }) => [r.householdId, r]));
  }

  /** Inserts or replaces results, in batches, one multi-row statement per batch. */
  async upsertMany(roundId: number, records: ResultRecord[], manager: EntityManager): Promise<{ created: number; updated: number }> {
    let created = 0;
    let updated = 0;
    let fullSql: string | undefined;
    for (let i = 0; i < records.length; i += UPSERT_BATCH) {
      const batch = records.slice(i, i + UPSERT_BATCH);
      const params: unknown[] = [];
      for (const r of batch) {
        params.push(roundId);
        for (const c of COLS) params.push(r[c]);
      }
      const sql = batch.length === UPSERT_BATCH ? (fullSql ??= upsertSql(UPSERT_BATCH)) : upsertSql(batch.length);
      const rows: { inserted: boolean }[] = await manager.query(sql, params);
      for (const r of rows) r.inserted ? created++ : updated++;
    }
    return { created, updated };
  }

  async find(roundId: number, householdId: number, manager?: EntityManager): Promise<Record<string, unknown> | undefined> {
    const rows = await this.m(manager).query(
      `SELECT ${RESULT_COLUMNS} FROM review_result x JOIN household h ON h.id = x.household_id WHERE x.round_id = $1 AND x.household_id = $2`,
      [roundId, householdId],
    );
    return rows[0];
  }

  async lockOne(roundId: number, householdId: number, manager: EntityManager): Promise<{ id: number; version: number } | undefined> {
    const rows = await manager.query(`SELECT id, version FROM review_result WHERE round_id = $1 AND household_id = $2 FOR UPDATE`, [roundId, householdId]);
    return rows[0];
  }

  async list(
    roundId: number,
    f: { decidedClass?: string; computedClass?: string; village?: string; overridden?: boolean; deprivation?: string; cause?: number; farmAverage?: boolean },
    paging: { limit: number; offset: number },
  ): Promise<{ items: Record<string, unknown>[]; total: number }> {
    const where = [sql`x.round_id = ${roundId}`];
    if (f.decidedClass) where.push(sql`x.decided_class = ${f.decidedClass}`);
    if (f.computedClass) where.push(sql`x.computed_class = ${f.computedClass}`);
    if (f.village) where.push(sql`COALESCE(x.snap_village_code, h.village_code) = ${f.village}`);
    if (f.overridden !== undefined) where.push(f.overridden ? sql`x.override_reason IS NOT NULL` : sql`x.override_reason IS NULL`);
    if (f.deprivation) where.push(sql`${f.deprivation} = ANY(x.deprivations)`);
    if (f.cause !== undefined) where.push(sql`${f.cause}::smallint = ANY(x.causes)`);
    if (f.farmAverage !== undefined) where.push(sql`x.farm_average = ${f.farmAverage}`);
    const w = sql.join(where, ' AND ');
    const [{ total }] = await run(this.ds, sql`SELECT count(*)::int AS total FROM review_result x JOIN household h ON h.id = x.household_id WHERE ${w}`);
    const items = await run(this.ds, sql`
      SELECT ${raw(RESULT_COLUMNS)} FROM review_result x JOIN household h ON h.id = x.household_id
        WHERE ${w} ORDER BY COALESCE(x.snap_village_code, h.village_code) NULLS LAST, h.code
        LIMIT ${paging.limit} OFFSET ${paging.offset}`);
    return { items, total };
  }

  async remove(roundId: number, householdId: number, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM review_result WHERE round_id = $1 AND household_id = $2`, [roundId, householdId]);
  }

  /** Whether the household has a Mẫu 01 / Mẫu 04 application on this round's list. */
  async onRoundList(roundId: number, householdIds: number[], manager: EntityManager): Promise<Set<number>> {
    const rows = await manager.query(
      `SELECT DISTINCT household_id AS id FROM review_application WHERE round_id = $1 AND household_id = ANY($2::int[]) AND status <> 'refused'`,
      [roundId, householdIds],
    );
    return new Set(rows.map((r: { id: number }) => r.id));
  }

  /** What the survey entered for each result of a round (the input of a re-classification), with its class. */
  async surveyInputs(roundId: number, manager: EntityManager): Promise<(BulkResultRow & { computedClass: string })[]> {
    return run(manager, sql`
      SELECT household_id AS "householdId", quick_screen AS "quickScreen", b1_score AS "b1Score", income_per_capita AS "incomePerCapita",
             entered_deprivations AS "enteredDeprivations", farm_average AS "farmAverage", causes, support_needs AS "supportNeeds",
             computed_class AS "computedClass"
        FROM review_result WHERE round_id = ${roundId} AND source = 'survey'`);
  }

  async computedClasses(roundId: number, manager: EntityManager): Promise<{ householdId: number; computedClass: string }[]> {
    return run(manager, sql`SELECT household_id AS "householdId", computed_class AS "computedClass" FROM review_result WHERE round_id = ${roundId} AND source = 'survey'`);
  }
}
