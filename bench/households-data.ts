import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DemoPeople } from '../src/demo/demo-people';
import { Rng } from '../src/demo/rng';
import { seedDemoUnits, demoVillages } from '../src/demo/seed-units';
import { COMMUNES } from '../src/demo/chiem-hoa';
import { typeormOptions } from '../src/database/typeorm-options';
import { ethnicName } from '../src/households/domain/ethnicity';
import { generatedCode } from '../src/households/domain/household';
import {
  DISABILITY_LABELS, EDUCATION_LABELS, EMPLOYMENT_LABELS, labelOf, RELATION_LABELS, SEX_LABELS,
} from '../src/households/domain/vocabulary';
import type { NewHousehold } from '../src/households/households.bulk';
import { IMPORT_COLUMNS, IMPORT_SHEET, ImportKey } from '../src/households/import-layout';
import { startCluster, TestCluster, withDatabase } from '../test/setup/postgres';

/** Shared set-up of the household benchmarks: a PostgreSQL cluster, a migrated database, generated households. */

export interface BenchDb {
  cluster: TestCluster;
  url: string;
}

export async function startBenchDb(name: string): Promise<BenchDb> {
  const cluster = await startCluster();
  const admin = new Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(cluster.url, name);
  const ds = new DataSource({ ...typeormOptions(url, 2), entities: [] });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.transaction((m) => seedDemoUnits(m));
  await ds.destroy();
  return { cluster, url };
}

/** `count` households spread over the given communes (with their demo villages), ~4 members each. */
export function generateHouseholds(count: number, communeCodes: string[], seed = 2022): NewHousehold[] {
  const rng = new Rng(seed);
  const people = new DemoPeople(new Rng(seed + 1));
  const villages = demoVillages();
  const out: NewHousehold[] = [];
  const perCommune = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const commune = communeCodes[i % communeCodes.length];
    const vs = villages.filter((v) => v.communeCode === commune);
    const town = COMMUNES.find((c) => c.code === commune)?.kind === 'thi_tran';
    const h = people.household({ town });
    const n = (perCommune.get(commune) ?? 0) + 1;
    perCommune.set(commune, n);
    const village = rng.pick(vs);
    out.push({
      code: generatedCode(n),
      communeCode: commune,
      villageCode: village.code,
      address: village.name,
      registeredOn: `20${String(rng.int(0, 20)).padStart(2, '0')}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
      meritorious: h.meritorious,
      members: h.members,
    });
  }
  return out;
}

const yesNo = (v: boolean | null) => (v === null ? null : v ? 'Có' : 'Không');

/**
 * Writes households in the import layout (one row per person, the head first) with exceljs's
 * streaming writer, as an officer's file would be: shared strings, birth dates as date cells.
 */
export async function writeImportWorkbook(path: string, households: NewHousehold[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: true });
  const ws = wb.addWorksheet(IMPORT_SHEET);
  const keys = IMPORT_COLUMNS.map((c) => c.key);
  ws.addRow(IMPORT_COLUMNS.map((c) => c.heading)).commit();
  const villages = new Map(demoVillages().map((v) => [v.code, v.name]));
  let stt = 0;
  for (const h of households) {
    stt++;
    h.members.forEach((m, i) => {
      const v: Partial<Record<ImportKey, unknown>> = {
        stt: i === 0 ? stt : null,
        code: i === 0 ? h.code : null,
        village: i === 0 ? villages.get(h.villageCode as string) : null,
        fullName: m.fullName,
        relation: labelOf(RELATION_LABELS, m.relation),
        sex: labelOf(SEX_LABELS, m.sex),
        birthDate: m.birthDate ? new Date(`${m.birthDate}T00:00:00Z`) : null,
        birthYear: m.birthDate ? null : m.birthYear,
        ethnicity: ethnicName(m.ethnicity),
        idNumber: m.idNumber,
        healthInsurance: yesNo(m.healthInsurance),
        inSchool: yesNo(m.inSchool),
        educationLevel: labelOf(EDUCATION_LABELS, m.educationLevel) || null,
        disability: labelOf(DISABILITY_LABELS, m.disability),
        labourCapacity: yesNo(m.labourCapacity),
        employment: labelOf(EMPLOYMENT_LABELS, m.employment) || null,
        malnourished: yesNo(m.malnourished),
        address: i === 0 ? h.address : null,
        meritorious: i === 0 ? yesNo(h.meritorious) : null,
        registeredOn: i === 0 ? new Date(`${h.registeredOn}T00:00:00Z`) : null,
      };
      ws.addRow(keys.map((k) => v[k] ?? null)).commit();
    });
  }
  ws.commit();
  await wb.commit();
}

export function mb(bytes: number): string {
  return `${Math.round(bytes / 1048576)} MB`;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
