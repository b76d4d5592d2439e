import 'reflect-metadata';
import { fork, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { createApp } from '../src/app/create-app';
import { StartupService } from '../src/app/startup.service';
import { AuthService } from '../src/auth/auth.service';
import { loadConfig } from '../src/config/app-config';
import { foldText, matchKey } from '../src/common/text/vietnamese';
import { ETHNIC_GROUPS } from '../src/households/ethnic-groups';
import { EDUCATION_LABELS, EMPLOYMENT_LABELS, DISABILITY_LABELS, RELATION_LABELS, SEX_LABELS } from '../src/households/domain/vocabulary';
import { IMPORT_COLUMNS } from '../src/households/import-layout';
import { generateHouseholds, mb, startBenchDb, writeImportWorkbook } from './households-data';

/**
 * (a) Import of a 30,000-household workbook with members, through the service's real path
 * (HTTP multipart upload → streaming parse → every check → bulk insert, one transaction, audit),
 * against a baseline that only parses the same file with exceljs's WorkbookReader and inserts the
 * same rows with one multi-row INSERT … VALUES per batch through `pg`. Each run is a fresh child
 * process, so its peak RSS is its own (the service's process is the server alone; this process
 * is its HTTP client); the runs alternate and the best of each is compared.
 */

const COMMUNE = '02287';
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 30_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface ChildResult {
  ms: number;
  maxRssMb: number;
  households: number;
  members: number;
}

export async function runHouseholdsImportBench(): Promise<void> {
  const started = Date.now();
  const db = await startBenchDb('bench_import');
  const dir = mkdtempSync(join(tmpdir(), 'hh-bench-'));
  const file = join(dir, 'ho-gia-dinh.xlsx');
  try {
    const households = generateHouseholds(HOUSEHOLDS, [COMMUNE]);
    await writeImportWorkbook(file, households);
    const members = households.reduce((s, h) => s + h.members.length, 0);
    console.log(`workbook: ${HOUSEHOLDS} households, ${members} members (rows), ${mb(statSync(file).size)}; set-up ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const results: Record<'baseline' | 'service', ChildResult[]> = { baseline: [], service: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order: ('baseline' | 'service')[] = round % 2 ? ['service', 'baseline'] : ['baseline', 'service'];
      for (const phase of order) {
        await reset(db.url);
        const r = phase === 'baseline' ? runBaseline(file, db.url) : await service(file, db.url);
        if (r.households !== HOUSEHOLDS || r.members !== members) throw new Error(`${phase} wrote ${r.households}/${r.members}`);
        results[phase].push(r);
        const idle = 'idleRssMb' in r ? ` (server idle before the upload: ${r.idleRssMb} MB)` : '';
        console.log(`  round ${round + 1} ${phase.padEnd(8)} ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.maxRssMb} MB${idle}`);
      }
    }
    const best = (p: 'baseline' | 'service') => results[p].reduce((a, b) => (b.ms < a.ms ? b : a));
    const b = best('baseline');
    const s = best('service');
    console.log(
      `households-import: service ${(s.ms / 1000).toFixed(2)} s (peak RSS ${s.maxRssMb} MB) vs baseline ${(b.ms / 1000).toFixed(2)} s ` +
        `(peak RSS ${b.maxRssMb} MB): ratio ${(s.ms / b.ms).toFixed(2)}× (target ≤ 1.5×), service RSS ${s.maxRssMb < 400 ? '<' : '≥'} 400 MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    db.cluster.stop();
  }
}

async function reset(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`TRUNCATE household_member, household_status_change, household RESTART IDENTITY CASCADE`);
  await c.query(`VACUUM ANALYZE household`);
  await c.end();
}

/** The baseline in a fresh process of its own (its peak RSS is its own). */
function runBaseline(file: string, url: string): ChildResult {
  const out = spawnSync(process.execPath, [__filename, 'baseline', file, url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (out.status !== 0 || !line) throw new Error(`baseline failed (${out.status}): ${out.stderr || out.stdout}`);
  return JSON.parse(line.slice(7));
}

// ---- the baseline: parse with exceljs, insert with pg -----------------------------------------

const label = <T extends string>(labels: ReadonlyArray<readonly [string, T]>) => new Map(labels.map(([l, v]) => [l, v]));
const ETHNIC = new Map(ETHNIC_GROUPS.map(([c, n]) => [n, c]));
const EPOCH = Date.UTC(1899, 11, 30);
const dateOf = (v: unknown): string | null =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : new Date(EPOCH + Number(v) * 86_400_000).toISOString().slice(0, 10);
const bool = (v: unknown): boolean | null => (v == null ? null : v === 'Có');

async function baseline(buf: Buffer, url: string): Promise<{ households: number; members: number }> {
  const T0 = performance.now();
  const col = new Map(IMPORT_COLUMNS.map((c, i) => [c.key, i + 1]));
  const sex = label(SEX_LABELS);
  const rel = label(RELATION_LABELS);
  const edu = label(EDUCATION_LABELS);
  const dis = label(DISABILITY_LABELS);
  const emp = label(EMPLOYMENT_LABELS);
  type H = { code: string; village: string; address: string | null; registeredOn: string; meritorious: boolean; members: unknown[][] };
  const households: H[] = [];
  const villages = new Map<string, string>();
  const client = new Client({ connectionString: url });
  await client.connect();
  for (const v of (await client.query(`SELECT v.code, v.name FROM admin_unit_version v WHERE v.parent_code = $1`, [COMMUNE])).rows) villages.set(v.name, v.code);

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
    for await (const row of ws) {
      if (row.number === 1) continue;
      const v = row.values as unknown[];
      const at = (k: string) => v[col.get(k as never) as number] ?? null;
      const relation = rel.get(at('relation') as string) as string;
      if (relation === 'head') {
        households.push({ code: at('code') as string, village: villages.get(at('village') as string) as string, address: at('address') as string | null, registeredOn: dateOf(at('registeredOn')) as string, meritorious: at('meritorious') === 'Có', members: [] });
      }
      const birthDate = dateOf(at('birthDate'));
      households[households.length - 1].members.push([
        at('fullName'), sex.get(at('sex') as string), birthDate, birthDate ? +birthDate.slice(0, 4) : at('birthYear'), relation,
        ETHNIC.get(at('ethnicity') as string), at('idNumber'), bool(at('healthInsurance')) ?? true, bool(at('inSchool')),
        edu.get(at('educationLevel') as string) ?? null, dis.get(at('disability') as string) ?? 'none', bool(at('labourCapacity')) ?? true,
        emp.get(at('employment') as string) ?? null, bool(at('malnourished')),
      ]);
    }
    break;
  }

  if (process.env.BENCH_TRACE) console.error(`baseline parsed ${(performance.now() - T0).toFixed(0)} ms`);
  await client.query('BEGIN');
  const ids = new Map<string, number>();
  const H_COLS = 15;
  for (let i = 0; i < households.length; i += 1000) {
    const batch = households.slice(i, i + 1000);
    const params: unknown[] = [];
    const values = batch.map((h, j) => {
      const head = h.members[0];
      params.push(h.code, COMMUNE, h.village, head[0], head[1], head[3], head[5], head[6], h.address, 'active', h.registeredOn, h.meritorious,
        `${foldText(head[0] as string)} ${foldText(h.code)}`, matchKey(head[0] as string), false);
      return `(${Array.from({ length: H_COLS }, (_, k) => `$${j * H_COLS + k + 1}`).join(', ')})`;
    });
    const res = await client.query(
      `INSERT INTO household (code, commune_code, village_code, head_name, head_sex, head_birth_year, head_ethnicity, head_id_number,
         address, status, registered_on, meritorious, search_text, name_key, is_demo) VALUES ${values.join(', ')} RETURNING id, code`,
      params,
    );
    for (const r of res.rows) ids.set(r.code, r.id);
  }
  const M_COLS = 17;
  let members = 0;
  let params: unknown[] = [];
  let values: string[] = [];
  const flush = async () => {
    if (!values.length) return;
    await client.query(
      `INSERT INTO household_member (household_id, full_name, sex, birth_date, birth_year, relation, ethnicity, id_number, health_insurance,
         in_school, education_level, disability, labour_capacity, employment, malnourished, sort_order, name_key) VALUES ${values.join(', ')}`,
      params,
    );
    params = [];
    values = [];
  };
  for (const h of households) {
    const id = ids.get(h.code);
    h.members.forEach((m, order) => {
      const n = values.length;
      params.push(id, ...m, order, matchKey(m[0] as string));
      values.push(`(${Array.from({ length: M_COLS }, (_, k) => `$${n * M_COLS + k + 1}`).join(', ')})`);
      members++;
    });
    if (values.length >= 2000) await flush();
  }
  await flush();
  await client.query('COMMIT');
  await client.end();
  return { households: households.length, members };
}

// ---- the service: the real application in its own process, called over HTTP ------------------

/** The server process: boots the app, tells the parent its port, reports its peak RSS when asked. */
async function server(url: string): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00', DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '100000' });
  const { app } = await createApp(config, { bufferLogs: false });
  await app.listen(0, '127.0.0.1');
  await app.get(StartupService).run({ migrate: false, demo: false });
  await app.get(AuthService).upsertUser('bench_commune', 'bench-password-1', 'commune', COMMUNE);
  const port = (app.getHttpServer().address() as { port: number }).port;
  const send = (m: unknown) => (process.send as (m: unknown) => void)(m);
  // what the peak is made of (the main thread's heap vs buffers), sampled every 50 ms; BENCH_TRACE=1 prints it
  const peak = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
  const sampler = setInterval(() => {
    const u = process.memoryUsage();
    for (const k of Object.keys(peak) as (keyof typeof peak)[]) peak[k] = Math.max(peak[k], Math.round(u[k] / 1048576));
  }, 50);
  process.on('message', async () => {
    clearInterval(sampler);
    await app.close();
    send({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), peak });
    process.exit(0);
  });
  send({ port, idleRssMb: Math.round(process.memoryUsage().rss / 1048576) });
}

async function service(file: string, url: string): Promise<ChildResult & { idleRssMb: number }> {
  const proc = fork(__filename, ['server', url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port, idleRssMb }] = (await once(proc, 'message')) as [{ port: number; idleRssMb: number }];
  const base = `http://127.0.0.1:${port}/api`;
  const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_commune', password: 'bench-password-1' }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)]), 'ho-gia-dinh.xlsx');
  const t0 = performance.now();
  const res = await fetch(`${base}/households/import?commune=${COMMUNE}`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: form });
  const body = (await res.json()) as { households: number; members: number };
  const ms = performance.now() - t0;
  proc.send('report');
  const [{ maxRssMb, peak }] = (await once(proc, 'message')) as [{ maxRssMb: number; peak: Record<string, number> }];
  if (process.env.BENCH_TRACE) console.log(`    server peaks (MB): ${JSON.stringify(peak)}`);
  await once(proc, 'exit');
  if (res.status !== 201) throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 2000)}`);
  return { households: body.households, members: body.members, ms, maxRssMb, idleRssMb };
}

async function child(file: string, url: string): Promise<void> {
  const buf = readFileSync(file);
  const t0 = performance.now();
  const r = await baseline(buf, url);
  const ms = performance.now() - t0;
  console.log(`RESULT ${JSON.stringify({ ...r, ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}`);
}

if (require.main === module && (process.argv[2] === 'baseline' || process.argv[2] === 'server')) {
  (process.argv[2] === 'baseline' ? child(process.argv[3], process.argv[4]) : server(process.argv[3])).then(
    () => process.argv[2] === 'baseline' && process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
