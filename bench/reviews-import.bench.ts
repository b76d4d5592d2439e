import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { SYSTEM_USER } from '../src/auth/auth-user';
import { createApp } from '../src/app/create-app';
import { cellText } from '../src/common/excel/cells';
import { loadConfig } from '../src/config/app-config';
import { foldText, matchKey } from '../src/common/text/vietnamese';
import { seedDemoUnits } from '../src/demo/seed-units';
import { Rng } from '../src/demo/rng';
import { ResultsImportService, SHEET_NAME } from '../src/reviews/results-import.service';
import { RoundsService } from '../src/reviews/rounds.service';
import { embeddedApp, gc, measure } from './harness';

export const N = 10_000;
export const COMMUNE = '02299';

export async function seedHouseholds(ds: DataSource): Promise<void> {
  const rng = new Rng(10_000);
  const hh = Array.from({ length: N }, (_, i) => ({
    code: `B-${String(i + 1).padStart(5, '0')}`, commune_code: COMMUNE, village_code: `${COMMUNE}-${String(1 + (i % 8)).padStart(2, '0')}`,
    head_name: `Ma Văn Bình ${i}`, head_sex: 'male', head_birth_year: 1970 + (i % 30), head_ethnicity: '02', registered_on: '2015-01-01',
    search_text: foldText(`Ma Văn Bình ${i}`), name_key: matchKey(`Ma Văn Bình ${i}`),
  }));
  const ids: { id: number }[] = [];
  for (let i = 0; i < hh.length; i += 2000) {
    ids.push(...await ds.query(
      `INSERT INTO household (code, commune_code, village_code, head_name, head_sex, head_birth_year, head_ethnicity, registered_on, search_text, name_key)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(code varchar, commune_code varchar, village_code varchar, head_name varchar, head_sex varchar,
         head_birth_year smallint, head_ethnicity varchar, registered_on date, search_text text, name_key text) RETURNING id`,
      [JSON.stringify(hh.slice(i, i + 2000))]));
  }
  const members: Record<string, unknown>[] = [];
  for (const { id } of ids) {
    const n = rng.int(1, 7);
    for (let k = 0; k < n; k++) {
      const year = k < 2 ? 1975 + rng.int(0, 20) : 2005 + rng.int(0, 17);
      members.push({ household_id: id, full_name: `Thành viên ${k}`, sex: k % 2 ? 'female' : 'male', birth_year: year, relation: k === 0 ? 'head' : k === 1 ? 'spouse' : 'child',
        ethnicity: '02', health_insurance: !rng.chance(0.05), in_school: year > 2004 ? !rng.chance(0.05) : false, education_level: 'lower_secondary',
        employment: year < 2005 ? 'farming' : null, malnourished: year > 2006 ? rng.chance(0.07) : null, name_key: `thanh vien ${k}` });
    }
  }
  for (let i = 0; i < members.length; i += 5000) {
    await ds.query(
      `INSERT INTO household_member (household_id, full_name, sex, birth_year, relation, ethnicity, health_insurance, in_school, education_level, employment, malnourished, name_key)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(household_id int, full_name varchar, sex varchar, birth_year smallint, relation varchar, ethnicity varchar,
         health_insurance boolean, in_school boolean, education_level varchar, employment varchar, malnourished boolean, name_key text)`,
      [JSON.stringify(members.slice(i, i + 5000))]);
  }
}

/** Fills every household row of the template as an officer would: B1 score, sometimes an income, x marks, causes, needs. */
export async function fillTemplate(template: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(SHEET_NAME)!;
  const header = ws.getRow(4).values as string[];
  const col = (prefix: string) => header.findIndex((h) => typeof h === 'string' && h.startsWith(prefix));
  const indicatorCols = header.map((h, i) => (typeof h === 'string' && /\[[a-zA-Z]+\]$/.test(h) ? i : -1)).filter((i) => i > 0);
  const rng = new Rng(7);
  for (let r = 5; r < 5 + N; r++) {
    const row = ws.getRow(r);
    row.getCell(col('Điểm B1')).value = rng.int(60, 260);
    if (rng.chance(0.3)) row.getCell(col('Thu nhập')).value = `${(rng.int(600, 4000) * 1000).toLocaleString('de-DE')}`;
    const k = rng.weighted([[0, 30], [1, 25], [2, 20], [3, 12], [4, 8], [5, 5]] as const);
    for (const c of rng.shuffle([...indicatorCols]).slice(0, k)) row.getCell(c).value = 'x';
    if (k >= 3) {
      row.getCell(col('Nguyên nhân')).value = '2, 5';
      row.getCell(col('Nhu cầu')).value = 'Vay vốn tín dụng, Nhà ở';
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Import of a round's results for 10,000 households (the service: streaming parse, checks of every
 * cell, member-derived deprivations, classification and explanation, batched upsert, audit) against
 * a baseline in the same run that parses the same file with exceljs and inserts the same rows
 * through `pg` with one multi-row INSERT per batch.
 *
 * The embedded database runs in this process; each side runs in its own child process connected
 * to it over its socket, so each side's peak RSS is its own (PGlite's WASM heap never shrinks and
 * would otherwise be charged to whichever side runs first).
 */
export async function runReviewsImportBench(): Promise<void> {
  const env = await embeddedApp();
  const dir = mkdtempSync(join(tmpdir(), 'rshn-import-'));
  try {
    await env.ds.transaction((m) => seedDemoUnits(m));
    await seedHouseholds(env.ds);
    const rounds = env.app.get(RoundsService);
    const mk = async (year: number) => {
      const r = await rounds.create(SYSTEM_USER, { communeCode: COMMUNE, year, kind: 'periodic' });
      await rounds.start(SYSTEM_USER, r.id, { version: r.version, date: `${year}-09-05` });
      return r.id;
    };
    const serviceRound = await mk(2023);
    const baselineRound = await mk(2022);
    const imports = env.app.get(ResultsImportService);
    const file = join(dir, 'results.xlsx');
    writeFileSync(file, await fillTemplate((await imports.template(SYSTEM_USER, serviceRound)).buffer));
    console.log(`workbook: ${N.toLocaleString('en')} households, ${(statSync(file).size / 1024).toFixed(0)} KiB; database: embedded PGlite`);

    const service = await child(['service', env.url, String(serviceRound), file]);
    // the same rows, as the service wrote them, for the baseline to insert
    const written: Record<string, unknown>[] = await env.ds.query(
      `SELECT h.code, x.* FROM review_result x JOIN household h ON h.id = x.household_id WHERE x.round_id = $1`, [serviceRound]);
    writeFileSync(join(dir, 'rows.json'), JSON.stringify(written));
    const baseline = await child(['baseline', env.url, String(baselineRound), file, join(dir, 'rows.json')]);
    const [{ n }] = await env.ds.query(`SELECT count(*)::int AS n FROM review_result WHERE round_id = $1`, [baselineRound]);
    console.log(`service import: ${service.rows} rows in ${(service.ms / 1000).toFixed(2)} s, peak RSS ${service.peakRssMb} MB (+${service.growthMb} MB over the idle process)`);
    console.log(`baseline (exceljs streaming parse + multi-row INSERT through pg): ${n} rows in ${(baseline.ms / 1000).toFixed(2)} s, peak RSS ${baseline.peakRssMb} MB (+${baseline.growthMb} MB)`);
    console.log(`ratio service / baseline: ${(service.ms / baseline.ms).toFixed(2)}× time (target ≤ 1.5×); peak RSS growth ${service.growthMb} vs ${baseline.growthMb} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await env.close();
  }
}

interface ChildResult { ms: number; peakRssMb: number; growthMb: number; rows: number }

/** Runs one side in a child process (asynchronously: this process serves the embedded database it talks to). */
async function child(args: string[]): Promise<ChildResult> {
  const { stdout: out } = await promisify(execFile)(process.execPath, ['--expose-gc', __filename, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = out.trim().split('\n').filter((l) => l.startsWith('{')).at(-1)!;
  return JSON.parse(line);
}

/** One side of the benchmark, in a child process. */
async function childMain(side: string, url: string, roundId: number, file: string, rowsFile?: string): Promise<void> {
  const buf = readFileSync(file);
  if (side === 'service') {
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DEMO_DATA: 'false', DATABASE_URL: url, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0' });
    const { app } = await createApp(config, { bufferLogs: false });
    await app.init();
    const imports = app.get(ResultsImportService);
    gc();
    const start = process.memoryUsage().rss;
    const r = await measure(() => imports.import(SYSTEM_USER, roundId, buf, 'bench.xlsx'));
    console.log(JSON.stringify({ ms: r.ms, peakRssMb: r.peakRssMb, growthMb: r.peakRssMb - Math.round(start / 1048576), rows: (r.result as { rows: number }).rows }));
    await app.close();
    return;
  }
  const written: Record<string, unknown>[] = JSON.parse(readFileSync(rowsFile!, 'utf8'));
  const byCode = new Map(written.map((w) => [w.code as string, w]));
  const cols = Object.keys(written[0]).filter((c) => !['code', 'id', 'round_id', 'created_at', 'updated_at', 'version'].includes(c));
  const client = new Client({ connectionString: url });
  await client.connect();
  gc();
  const start = process.memoryUsage().rss;
  const r = await measure(async () => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buf), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
    const batch: unknown[][] = [];
    let inserted = 0;
    const flush = async () => {
      if (!batch.length) return;
      const params: unknown[] = [];
      const values = batch.map((row) => `(${[roundId, ...row].map((v) => { params.push(v); return `$${params.length}`; }).join(', ')})`);
      await client.query(`INSERT INTO review_result (round_id, ${cols.join(', ')}) VALUES ${values.join(', ')}`, params);
      inserted += batch.length;
      batch.length = 0;
    };
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (row.number <= 4) continue;
        const code = cellText((row.values as unknown[])[2]);
        const rec = code.ok && code.value ? byCode.get(code.value) : undefined;
        if (!rec) continue;
        batch.push(cols.map((c) => (rec[c] !== null && typeof rec[c] === 'object' && !Array.isArray(rec[c]) ? JSON.stringify(rec[c]) : rec[c])));
        if (batch.length === 1000) await flush();
      }
      break;
    }
    await flush();
    return inserted;
  });
  await client.end();
  console.log(JSON.stringify({ ms: r.ms, peakRssMb: r.peakRssMb, growthMb: r.peakRssMb - Math.round(start / 1048576), rows: r.result }));
}

if (require.main === module) {
  const [side, url, roundId, file, rowsFile] = process.argv.slice(2);
  childMain(side, url, Number(roundId), file, rowsFile).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
}
