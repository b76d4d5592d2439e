import 'reflect-metadata';
import { stream as xlsxStream } from 'exceljs';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get as httpGet, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Client, Query } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app/create-app';
import { StartupService } from '../src/app/startup.service';
import { AuthService } from '../src/auth/auth.service';
import { loadConfig } from '../src/config/app-config';
import { typeormOptions } from '../src/database/typeorm-options';
import { seedDemoUnits } from '../src/demo/seed-units';
import { LIST_JOINS, LIST_ORDER, LIST_SELECT, ListQueryRow } from '../src/exports/exports.repository';
import { groupListRows } from '../src/exports/exports.service';
import { fillListRow, householdRows, LIST_COLUMN_COUNT, LIST_STYLES } from '../src/exports/workbooks/household-list';
import { startCluster, withDatabase } from '../test/setup/postgres';

/**
 * The detailed list (tables 14/15) of 100,000 poor households with their members, for the
 * Chiêm Hóa district: the endpoint through HTTP with the response drained, against a baseline
 * that writes the same rows with the same styles through a plain exceljs WorkbookWriter loop
 * fed from one SQL query (no service layer). Each measurement runs in its own process, so its
 * peak RSS (VmHWM) is its own. Target: time within 1.3× of the baseline, peak RSS < 300 MB.
 */

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Measure { ms: number; peakRssMb: number; rssBeforeMb: number; bytes: number; rows?: number }

const peakRss = (): number => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1048576);
};
const rssNow = () => Math.round(process.memoryUsage().rss / 1048576);

export async function generate(url: string): Promise<void> {
  const ds = new DataSource({ ...typeormOptions(url, 2), entities: [] });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.transaction((m) => seedDemoUnits(m));
  const t = Date.now();
  await ds.query(`
    INSERT INTO review_round (commune_code, year, kind, list_year, standard_code, status, total_households, total_persons, decision_number, decision_date)
    SELECT code, 2022, 'periodic', 2023, 'ND07-2021', 'decided', 10000, 40000, '99/QĐ-UBND', '2022-12-09'
      FROM admin_unit WHERE level = 'commune'`);
  await ds.query(`
    WITH c AS (SELECT code, (row_number() OVER (ORDER BY code) - 1)::int AS i, count(*) OVER ()::int AS n FROM admin_unit WHERE level = 'commune')
    INSERT INTO household (code, commune_code, village_code, head_name, head_sex, head_birth_year, head_ethnicity, meritorious, search_text, name_key, is_demo)
    SELECT 'B' || g, c.code, c.code || '-0' || (1 + g % 8), 'Nguyễn Văn Bench ' || g,
           CASE WHEN g % 3 = 0 THEN 'female' ELSE 'male' END, 1940 + g % 60, CASE WHEN g % 5 = 0 THEN '01' ELSE '02' END,
           g % 17 = 0, 'x', 'x', true
      FROM generate_series(1, $1::int) g JOIN c ON c.i = g % c.n`, [HOUSEHOLDS]);
  // the head and 0–5 other members (2.5 on average)
  await ds.query(`
    INSERT INTO household_member (household_id, full_name, sex, birth_year, relation, ethnicity, sort_order, name_key)
    SELECT h.id, h.head_name, h.head_sex, h.head_birth_year, 'head', h.head_ethnicity, 0, 'x' FROM household h WHERE h.is_demo
    UNION ALL
    SELECT h.id, 'Thành viên ' || h.id || '-' || k, CASE WHEN k % 2 = 0 THEN 'female' ELSE 'male' END, 1950 + (h.id + k) % 70,
           (ARRAY['spouse','child','child','parent','grandchild'])[k], h.head_ethnicity, k, 'x'
      FROM household h CROSS JOIN LATERAL generate_series(1, h.id % 6) k WHERE h.is_demo`);
  await ds.query(`
    INSERT INTO review_result (round_id, household_id, standard_code, area_type, b1_score, computed_class, decided_class, explanation,
                               support_needs, snap_persons, snap_village_code, snap_head_ethnicity, snap_head_sex, snap_ethnic_minority,
                               snap_female_head, snap_meritorious, snap_no_labour)
    SELECT rr.id, h.id, 'ND07-2021', 'rural', 120, 'poor', 'poor', 'bench',
           CASE WHEN h.id % 4 = 0 THEN ARRAY['health','housing'] ELSE ARRAY['credit'] END::varchar[],
           1 + h.id % 6, h.village_code, h.head_ethnicity, h.head_sex, h.head_ethnicity <> '01', h.head_sex = 'female', h.meritorious, h.id % 23 = 0
      FROM household h JOIN review_round rr ON rr.commune_code = h.commune_code AND rr.year = 2022 WHERE h.is_demo`);
  await ds.query(`
    INSERT INTO review_movement (round_id, household_id, start_class, end_class, poor_move, persons_start, persons_end)
    SELECT r.round_id, r.household_id, CASE WHEN r.household_id % 3 = 0 THEN 'none' ELSE 'poor' END, 'poor',
           (ARRAY['stay','newlyPoor','fellBack'])[1 + r.household_id % 3], r.snap_persons, r.snap_persons
      FROM review_result r`);
  await ds.query(`ANALYZE`);
  const [{ hh, persons }] = await ds.query(`SELECT count(DISTINCT household_id)::int AS hh, count(*)::int AS persons FROM household_member`);
  console.log(`generated ${hh} households with ${persons} persons in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await ds.destroy();
}

/** Baseline: one SQL query, rows streamed from the socket into a plain WorkbookWriter loop. */
async function baseline(url: string): Promise<Measure> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const [ethnic, villages] = await Promise.all([
    client.query(`SELECT code, name FROM ethnic_group`),
    client.query(`SELECT DISTINCT ON (code) code, name FROM admin_unit_version WHERE code LIKE '0%-%' ORDER BY code, valid_from DESC`),
  ]);
  const names = { ethnic: new Map(ethnic.rows.map((r) => [r.code, r.name])), villages: new Map(villages.rows.map((r) => [r.code, r.name])) };
  const rssBeforeMb = rssNow();
  let bytes = 0;
  const sink = new Writable({ write(chunk, _e, cb) { bytes += chunk.length; cb(); } });
  const started = Date.now();
  const wb = new xlsxStream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Danh sách hộ nghèo');
  ws.addRow(['DANH SÁCH CHI TIẾT HỘ NGHÈO']).commit();
  let seq = 0;
  let rows = 0;
  let pending: ListQueryRow[] = [];
  const flush = () => {
    for (const h of groupListRows(pending, 'poor', names)) {
      const cells = householdRows(h, ++seq);
      for (let i = 0; i < cells.length; i++) fillListRow(ws.addRow([]), cells[i], i === 0);
      rows += cells.length;
    }
    pending = [];
  };
  await new Promise<void>((resolve, reject) => {
    const q = client.query(new Query(
      `SELECT ${LIST_SELECT}
         FROM (SELECT r.*, coalesce(r.snap_village_code, '') AS village_key, rr.commune_code
                 FROM review_result r JOIN review_round rr ON rr.id = r.round_id
                WHERE rr.year = 2022 AND r.decided_class = 'poor') p ${LIST_JOINS}
        ORDER BY p.commune_code, ${LIST_ORDER}`,
    ));
    q.on('row', (row: ListQueryRow) => {
      if (pending.length && pending[pending.length - 1].householdId !== row.householdId) flush();
      pending.push(row);
    });
    q.on('error', reject);
    q.on('end', () => resolve());
  });
  flush();
  const total = ws.addRow([`Tổng cộng: ${seq} hộ`]);
  total.getCell(1).style = LIST_STYLES.section;
  ws.mergeCells(total.number, 1, total.number, LIST_COLUMN_COUNT);
  total.commit();
  ws.commit();
  await wb.commit();
  const ms = Date.now() - started;
  await client.end();
  return { ms, peakRssMb: peakRss(), rssBeforeMb, bytes, rows };
}

/** The endpoint: the real application, a signed-in district officer, the response drained. */
async function endpoint(url: string): Promise<Measure> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0', RATE_LIMIT_PER_MINUTE: '100000', DATABASE_URL: url });
  const { app } = await createApp(config, { bufferLogs: false });
  await app.listen(0, '127.0.0.1');
  await app.get(StartupService).run({ migrate: false, demo: false });
  await app.get(AuthService).upsertUser('bench', 'bench-password-1', 'district', '073');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const token = await new Promise<string>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(JSON.parse(body).accessToken));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ username: 'bench', password: 'bench-password-1' }));
  });
  global.gc?.();
  const rssBeforeMb = rssNow();
  const started = Date.now();
  const bytes = await new Promise<number>((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path: '/api/exports/household-list.xlsx?unit=073&year=2022&class=poor', headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
    }).on('error', reject);
  });
  const ms = Date.now() - started;
  const peakRssMb = peakRss();
  await app.close();
  return { ms, peakRssMb, rssBeforeMb, bytes };
}

function inChild(mode: 'baseline' | 'endpoint', url: string): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['child', mode, url], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as Measure));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`${mode} exited with ${code}`)));
  });
}

export async function run(): Promise<void> {
  const cluster = await startCluster();
  try {
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE bench_exports`);
    await admin.end();
    const url = withDatabase(cluster.url, 'bench_exports');
    await generate(url);
    const results: { baseline: Measure; endpoint: Measure }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const b = await inChild('baseline', url);
      const e = await inChild('endpoint', url);
      results.push({ baseline: b, endpoint: e });
      console.log(
        `round ${i + 1}: baseline ${(b.ms / 1000).toFixed(2)} s (peak RSS ${b.peakRssMb} MB, ${b.rows} rows, ${(b.bytes / 1048576).toFixed(1)} MiB) | ` +
          `endpoint ${(e.ms / 1000).toFixed(2)} s (peak RSS ${e.peakRssMb} MB, ${e.rssBeforeMb} MB before the request, ${(e.bytes / 1048576).toFixed(1)} MiB) | ratio ${(e.ms / b.ms).toFixed(2)}×`,
      );
    }
    const best = (k: 'baseline' | 'endpoint') => Math.min(...results.map((r) => r[k].ms));
    const peak = Math.max(...results.map((r) => r.endpoint.peakRssMb));
    const ratio = best('endpoint') / best('baseline');
    console.log(
      `detailed list of ${HOUSEHOLDS} households: endpoint ${(best('endpoint') / 1000).toFixed(2)} s vs baseline ${(best('baseline') / 1000).toFixed(2)} s ` +
        `→ ${ratio.toFixed(2)}× (target ≤ 1.3×: ${ratio <= 1.3 ? 'met' : 'NOT met'}); endpoint peak RSS ${peak} MB (target < 300 MB: ${peak < 300 ? 'met' : 'NOT met'})`,
    );
  } finally {
    cluster.stop();
  }
}

if (require.main === module && process.argv[2] === 'child') {
  const [, , , mode, url] = process.argv;
  (mode === 'baseline' ? baseline(url) : endpoint(url))
    .then((m) => { process.send!(m); process.exit(0); })
    .catch((err) => { console.error(err); process.exit(1); });
}
