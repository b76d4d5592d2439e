import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SYSTEM_USER } from '../src/auth/auth-user';
import { createApp } from '../src/app/create-app';
import { loadConfig } from '../src/config/app-config';
import { Rng } from '../src/demo/rng';
import { seedDemoUnits } from '../src/demo/seed-units';
import { FieldFormsService } from '../src/reviews/field-forms.service';
import { ResultsImportService } from '../src/reviews/results-import.service';
import { RoundsService } from '../src/reviews/rounds.service';
import { Answers, ExportStyle, readXlsForm, submissionExport } from './fixtures/field-submissions';
import { embeddedApp, gc, measure } from './harness';
import { COMMUNE, fillTemplate, N, seedHouseholds } from './reviews-import.bench';

/**
 * Issue 14's figure: importing 10,000 ODK/Kobo submissions into a round against the results Excel
 * import of the same 10,000 households in the same run (target ≤ 1.2×). Both go through the same
 * write path (ResultsImportService.write: checks, member-derived deprivations, classification,
 * batched upsert, audit); what differs is reading the file (submissions: the whole table, header
 * mapping, select_multiple in both styles, instanceID bookkeeping).
 *
 * Four rounds of the same commune and standard (2022–2025, ND 07/2021), so each side writes into an
 * empty round; the sides alternate (Excel, ODK XLSX, ODK CSV, Excel) so a drift of the loaded machine
 * is not charged to one side. Each side runs in its own child process connected to the embedded
 * database served by this one (as in the reviews-import bench).
 */
export async function runOdkImportBench(): Promise<void> {
  const env = await embeddedApp();
  const dir = mkdtempSync(join(tmpdir(), 'rshn-odk-'));
  try {
    await env.ds.transaction((m) => seedDemoUnits(m));
    await seedHouseholds(env.ds);
    const rounds = env.app.get(RoundsService);
    const mk = async (year: number) => {
      const r = await rounds.create(SYSTEM_USER, { communeCode: COMMUNE, year, kind: 'periodic' });
      await rounds.start(SYSTEM_USER, r.id, { version: r.version, date: `${year}-09-05` });
      return r.id;
    };
    const [excelA, odkXlsx, odkCsv, excelB] = [await mk(2022), await mk(2023), await mk(2024), await mk(2025)];
    const imports = env.app.get(ResultsImportService);
    const forms = env.app.get(FieldFormsService);

    const excelFile = (round: number) => join(dir, `results-${round}.xlsx`);
    for (const r of [excelA, excelB]) writeFileSync(excelFile(r), await fillTemplate((await imports.template(SYSTEM_USER, r)).buffer));
    const submissions = async (round: number, style: ExportStyle) => {
      const form = await readXlsForm((await forms.xlsform(SYSTEM_USER, round)).buffer);
      const file = join(dir, `submissions-${round}.${style.format}`);
      writeFileSync(file, (await submissionExport(form, answersFor(form), style)).buffer);
      return file;
    };
    const xlsx = await submissions(odkXlsx, { tool: 'central', multiple: 'joined', format: 'xlsx' });
    const csv = await submissions(odkCsv, { tool: 'kobo', multiple: 'split', format: 'csv' });
    const size = (f: string) => `${(statSync(f).size / 1024).toFixed(0)} KiB`;
    console.log(`${N.toLocaleString('en')} households; results workbook ${size(excelFile(excelA))}, ODK Central XLSX ${size(xlsx)}, Kobo CSV ${size(csv)}; database: embedded PGlite`);

    const a = await child(['excel', env.url, String(excelA), excelFile(excelA)]);
    const x = await child(['submissions', env.url, String(odkXlsx), xlsx]);
    const c = await child(['submissions', env.url, String(odkCsv), csv]);
    const b = await child(['excel', env.url, String(excelB), excelFile(excelB)]);
    const excelMs = (a.ms + b.ms) / 2;
    const line = (name: string, r: ChildResult) => `${name}: ${r.rows} rows in ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.peakRssMb} MB`;
    console.log(line('results Excel import (1st)', a));
    console.log(line('ODK Central XLSX submissions', x));
    console.log(line('KoboToolbox CSV submissions', c));
    console.log(line('results Excel import (2nd)', b));
    console.log(`ratio submissions / Excel import (mean of the two Excel runs): XLSX ${(x.ms / excelMs).toFixed(2)}×, CSV ${(c.ms / excelMs).toFixed(2)}× (target ≤ 1.2×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await env.close();
  }
}

/** The same answers as fillTemplate types into the workbook: B1 score, an income for 30 %, 0–5 deprivations, causes and needs from 3. */
function answersFor(form: Awaited<ReturnType<typeof readXlsForm>>): Answers[] {
  const households = form.choices.filter((c) => c.list_name === 'households').map((c) => c.name);
  const needs = form.choices.filter((c) => c.list_name === 'support_needs').map((c) => c.name).slice(0, 2);
  let group = '';
  const indicators: string[] = [];
  for (const q of form.survey) {
    if (q.type === 'begin_group') group = q.name;
    else if (q.type === 'end_group') group = '';
    else if (group === 'b2' && q.type.startsWith('select_one')) indicators.push(q.name);
  }
  const rng = new Rng(7);
  return households.map((household) => {
    const b1Score = rng.int(60, 260);
    const income = rng.chance(0.3) ? rng.int(600, 4000) * 1000 : undefined;
    const k = rng.weighted([[0, 30], [1, 25], [2, 20], [3, 12], [4, 8], [5, 5]] as const);
    const deprived = rng.shuffle([...indicators]).slice(0, k);
    return { household, b1Score, income, deprived, ...(k >= 3 ? { causes: [2, 5], needs } : {}) };
  });
}

interface ChildResult { ms: number; peakRssMb: number; rows: number }

async function child(args: string[]): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', __filename, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1)!);
}

async function childMain(side: string, url: string, roundId: number, file: string): Promise<void> {
  const buffer = readFileSync(file);
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DEMO_DATA: 'false', DATABASE_URL: url, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0' });
  const { app } = await createApp(config, { bufferLogs: false });
  await app.init();
  gc();
  const r = side === 'excel'
    ? await measure(() => app.get(ResultsImportService).import(SYSTEM_USER, roundId, buffer, 'bench.xlsx'))
    : await measure(() => app.get(FieldFormsService).importSubmissions(SYSTEM_USER, roundId, { buffer, kind: file.endsWith('.csv') ? 'csv' : 'xlsx', originalName: 'bench' }));
  console.log(JSON.stringify({ ms: r.ms, peakRssMb: r.peakRssMb, rows: (r.result as { rows: number }).rows }));
  await app.close();
}

if (require.main === module) {
  const [side, url, roundId, file] = process.argv.slice(2);
  childMain(side, url, Number(roundId), file).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
}
