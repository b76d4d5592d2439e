import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AggregatesRepository } from '../src/aggregates/aggregates.repository';
import { AggregatesService } from '../src/aggregates/aggregates.service';
import { createApp } from '../src/app/create-app';
import { StartupService } from '../src/app/startup.service';
import { AuthService } from '../src/auth/auth.service';
import { loadConfig } from '../src/config/app-config';
import { typeormOptions } from '../src/database/typeorm-options';
import { startCluster, withDatabase } from '../test/setup/postgres';

/**
 * Issue 5's bench: a synthetic province of 10 districts and 250 communes with two decided review
 * years (2021, the first under ND07, and 2022 with movement), at 100,000 and at 1,000,000
 * households. In the same run:
 *  - the baseline: one hand-written SQL query that scans households, results and movement and
 *    computes the summary's counts (per district and in total; one district alone);
 *  - the service: GET /api/reports/summary through HTTP for the province and one district, which
 *    sums the per-round aggregates stored at decision (rebuildRound, also timed).
 * Target: the province report ≥ 40× faster than the scan, and its time flat in households.
 */
const PROVINCE = '99';
const DISTRICTS = 10;
const COMMUNES_PER_DISTRICT = 25;
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const REPORT_RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 30);
const SCAN_RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 3);

const district = (d: number) => `${PROVINCE}D${String(d).padStart(2, '0')}`;
const commune = (d: number, c: number) => `${district(d)}C${String(c).padStart(2, '0')}`;

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  sampleRss();
  return [performance.now() - t0, out];
}

/** The synthetic province, generated in SQL straight into the tables (generate_series). */
async function generate(db: Client, households: number): Promise<void> {
  await db.query(`INSERT INTO admin_unit (code, level) VALUES ('${PROVINCE}', 'province')`);
  await db.query(`INSERT INTO admin_unit_version (code, name, kind, valid_from, name_key) VALUES ('${PROVINCE}', 'Tỉnh Đo Tải', 'tinh', '2020-01-01', 'tinh do tai')`);
  for (let d = 1; d <= DISTRICTS; d++) {
    await db.query(`INSERT INTO admin_unit (code, level) VALUES ($1, 'district')`, [district(d)]);
    await db.query(`INSERT INTO admin_unit_version (code, name, kind, parent_code, valid_from, name_key) VALUES ($1, $2::text, 'huyen', $3, '2020-01-01', $2::text)`,
      [district(d), `Huyện ${d}`, PROVINCE]);
    for (let c = 1; c <= COMMUNES_PER_DISTRICT; c++) {
      await db.query(`INSERT INTO admin_unit (code, level) VALUES ($1, 'commune')`, [commune(d, c)]);
      await db.query(`INSERT INTO admin_unit_version (code, name, kind, area_type, parent_code, valid_from, name_key) VALUES ($1, $2::text, 'xa', 'rural', $3, '2020-01-01', $2::text)`,
        [commune(d, c), `Xã ${d}.${c}`, district(d)]);
    }
  }
  // a bench_commune table maps a number 0..249 to a commune code
  await db.query(`CREATE TEMP TABLE bc AS SELECT (d - 1) * ${COMMUNES_PER_DISTRICT} + (c - 1) AS n,
                    '${PROVINCE}D' || lpad(d::text, 2, '0') || 'C' || lpad(c::text, 2, '0') AS code
                    FROM generate_series(1, ${DISTRICTS}) d, generate_series(1, ${COMMUNES_PER_DISTRICT}) c`);
  // households: i % 97 = 0 moved away in 2022; i % 89 = 0 arrived in 2022
  await db.query(
    `INSERT INTO household (id, code, commune_code, head_name, head_sex, head_birth_year, head_ethnicity, status, status_date, registered_on, meritorious, search_text, name_key)
     SELECT i, 'H' || i, bc.code, 'Hộ ' || i, CASE WHEN i % 4 = 0 THEN 'female' ELSE 'male' END, 1950 + i % 50,
            (ARRAY['01','02','02','07','08','09','15','01'])[1 + i % 8],
            CASE WHEN i % 97 = 0 THEN 'moved_away' ELSE 'active' END, CASE WHEN i % 97 = 0 THEN DATE '2022-05-01' END,
            CASE WHEN i % 89 = 0 THEN DATE '2022-03-01' ELSE DATE '2020-01-01' END, i % 53 = 0, 'ho ' || i, 'ho ' || i
       FROM generate_series(1, $1::int) i JOIN bc ON bc.n = i % 250`,
    [households],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('household', 'id'), $1)`, [households]);
  // per commune: totals a little above the registered households
  for (const year of [2021, 2022]) {
    await db.query(
      `INSERT INTO review_round (commune_code, year, kind, list_year, standard_code, status, total_households, total_persons, decision_number, decision_date)
       SELECT h.commune_code, $1::int, 'periodic', $1::int + 1, 'ND07-2021', 'decided', count(*) + 10, count(*) * 4 + 40, $1::int || '/QĐ-UBND', make_date($1::int, 12, 10)
         FROM household h GROUP BY h.commune_code`,
      [year],
    );
  }
  // classes: a household's class in 2021 and 2022 from a hash of its id (about 25 % poor, 12 % near-poor)
  const cls = (year: number) => `CASE WHEN (i::bigint * ${year === 2021 ? 7919 : 7907}) % 100 < ${year === 2021 ? 25 : 21} THEN 'poor'
                                      WHEN (i::bigint * ${year === 2021 ? 7919 : 7907}) % 100 < ${year === 2021 ? 37 : 34} THEN 'near_poor'
                                      WHEN (i::bigint * ${year === 2021 ? 7919 : 7907}) % 100 < 60 THEN 'average' ELSE 'above' END`;
  const deps = `CASE i % 4 WHEN 0 THEN ARRAY['water','sanitation','telecom','housingArea'] WHEN 1 THEN ARRAY['employment','dependants','nutrition','water']
                         WHEN 2 THEN ARRAY['healthInsurance','adultEducation','childSchooling','water'] ELSE ARRAY['housingQuality','housingArea','sanitation','informationAssets'] END::varchar[]`;
  for (const year of [2021, 2022]) {
    const present = year === 2021 ? 'i % 89 <> 0' : 'i % 97 <> 0';
    await db.query(
      `INSERT INTO review_result (round_id, household_id, standard_code, area_type, b1_score, deprivations, deprivation_count, computed_class, decided_class,
                                  farm_average, causes, explanation, snap_persons, snap_head_sex, snap_head_ethnicity, snap_ethnic_minority, snap_female_head,
                                  snap_meritorious, snap_no_labour, snap_children, snap_children_no_insurance, snap_children_malnourished, snap_children_out_of_school)
       SELECT r.id, h.id, 'ND07-2021', 'rural', 120, k.deps, cardinality(k.deps), k.cls, k.cls, k.cls = 'average' AND i % 3 = 0,
              CASE WHEN k.cls IN ('poor', 'near_poor') THEN ARRAY[1 + i % 8, 1 + (i + 3) % 8]::smallint[] ELSE '{}' END, 'bench',
              1 + i % 7 + CASE WHEN ${year} = 2022 AND i % 5 = 0 THEN 1 ELSE 0 END, h.head_sex, h.head_ethnicity, h.ethnic_minority, h.female_head,
              h.meritorious, i % 19 = 0, i % 4, i % 2 * (i % 4 > 0)::int, (i % 11 = 0)::int, (i % 13 = 0)::int
         FROM generate_series(1, $1::int) i
         JOIN household h ON h.id = i
         JOIN review_round r ON r.commune_code = h.commune_code AND r.year = ${year}
        CROSS JOIN LATERAL (SELECT ${cls(year)} AS cls) c
        CROSS JOIN LATERAL (SELECT c.cls, CASE WHEN c.cls = 'poor' THEN ${deps} WHEN c.cls = 'near_poor' THEN (${deps})[1:2] ELSE '{}' END AS deps) k
        WHERE ${present}`,
      [households],
    );
  }
  // the movement of 2022: start = the 2021 result, end = the 2022 one
  await db.query(
    `INSERT INTO review_movement (round_id, household_id, start_class, end_class, poor_move, near_poor_move, persons_start, persons_end)
     SELECT r22.id, h.id, s.c, e.c,
            CASE WHEN s.c = 'poor' AND e.c = 'poor' THEN 'stay' WHEN s.c = 'poor' AND e.c = 'near_poor' THEN 'toNearPoor'
                 WHEN s.c = 'near_poor' AND e.c = 'poor' THEN 'fromNearPoor'
                 WHEN s.c = 'poor' THEN CASE WHEN a.id IS NULL THEN 'otherOut' ELSE 'aboveNearPoor' END
                 WHEN e.c = 'poor' THEN CASE WHEN p.id IS NULL THEN 'otherIn' ELSE 'newlyPoor' END END,
            CASE WHEN s.c = 'near_poor' AND e.c = 'near_poor' THEN 'stay' WHEN s.c = 'near_poor' AND e.c = 'poor' THEN 'toPoor'
                 WHEN s.c = 'poor' AND e.c = 'near_poor' THEN 'fromPoor'
                 WHEN s.c = 'near_poor' THEN CASE WHEN a.id IS NULL THEN 'otherOut' ELSE 'aboveNearPoor' END
                 WHEN e.c = 'near_poor' THEN CASE WHEN p.id IS NULL THEN 'otherIn' ELSE 'newlyNearPoor' END END,
            coalesce(p.snap_persons, 0), coalesce(a.snap_persons, 0)
       FROM household h
       JOIN review_round r22 ON r22.commune_code = h.commune_code AND r22.year = 2022
       JOIN review_round r21 ON r21.commune_code = h.commune_code AND r21.year = 2021
       LEFT JOIN review_result p ON p.round_id = r21.id AND p.household_id = h.id
       LEFT JOIN review_result a ON a.round_id = r22.id AND a.household_id = h.id
      CROSS JOIN LATERAL (SELECT CASE WHEN p.decided_class IN ('poor', 'near_poor') THEN p.decided_class ELSE 'none' END AS c) s
      CROSS JOIN LATERAL (SELECT CASE WHEN a.decided_class IN ('poor', 'near_poor') THEN a.decided_class ELSE 'none' END AS c) e
      WHERE s.c <> 'none' OR e.c <> 'none'`,
  );
  // as autovacuum would, but now: so that it does not run during the measurements
  await db.query(`VACUUM ANALYZE`);
}

/**
 * The baseline: what a report would cost without stored aggregates. One query over households,
 * results and movement: totals, poor / near-poor at the start and the end (households and persons),
 * and every movement kind (households and persons, the persons rule included), per district and in
 * total, or for one district.
 */
const SCAN = `
  WITH RECURSIVE tree AS (
    SELECT v.code::text AS code, u.level::text AS level, NULL::text AS child
      FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code WHERE v.code = $1 AND v.valid_from <= '2022-12-31' AND (v.valid_to IS NULL OR v.valid_to >= '2022-12-31')
    UNION ALL
    SELECT v.code::text, u.level::text, coalesce(t.child, v.code::text)
      FROM tree t JOIN admin_unit_version v ON v.parent_code = t.code AND v.valid_from <= '2022-12-31' AND (v.valid_to IS NULL OR v.valid_to >= '2022-12-31')
      JOIN admin_unit u ON u.code = v.code WHERE t.level <> 'commune'
  ),
  communes AS (SELECT code, child FROM tree WHERE level = 'commune'),
  rounds AS (SELECT r.id, r.year, c.child, r.total_households, r.total_persons FROM review_round r JOIN communes c ON c.code = r.commune_code
              WHERE r.year IN (2021, 2022) AND r.kind = 'periodic' AND r.status = 'decided'),
  counts AS (
    SELECT rr.child,
           count(*) FILTER (WHERE rr.year = 2021 AND x.decided_class = 'poor') AS poor_start,
           sum(x.snap_persons) FILTER (WHERE rr.year = 2021 AND x.decided_class = 'poor') AS poor_persons_start,
           count(*) FILTER (WHERE rr.year = 2021 AND x.decided_class = 'near_poor') AS near_start,
           sum(x.snap_persons) FILTER (WHERE rr.year = 2021 AND x.decided_class = 'near_poor') AS near_persons_start,
           count(*) FILTER (WHERE rr.year = 2022 AND x.decided_class = 'poor') AS poor_end,
           sum(x.snap_persons) FILTER (WHERE rr.year = 2022 AND x.decided_class = 'poor') AS poor_persons_end,
           count(*) FILTER (WHERE rr.year = 2022 AND x.decided_class = 'near_poor') AS near_end,
           sum(x.snap_persons) FILTER (WHERE rr.year = 2022 AND x.decided_class = 'near_poor') AS near_persons_end,
           count(*) FILTER (WHERE rr.year = 2022 AND x.farm_average) AS farm
      FROM household h JOIN review_result x ON x.household_id = h.id JOIN rounds rr ON rr.id = x.round_id
     GROUP BY GROUPING SETS ((rr.child), ())
  ),
  moves AS (
    SELECT rr.child,
           ${['toNearPoor', 'aboveNearPoor', 'otherOut', 'fromNearPoor', 'fellBack', 'newlyPoor', 'otherIn'].map((k) =>
             `count(*) FILTER (WHERE m.poor_move = '${k}') AS "poor_${k}", sum(CASE WHEN m.start_class = 'none' THEN m.persons_end ELSE m.persons_start END) FILTER (WHERE m.poor_move = '${k}') AS "poor_p_${k}"`).join(',\n           ')},
           ${['toPoor', 'aboveNearPoor', 'otherOut', 'fromPoor', 'fellBack', 'newlyNearPoor', 'otherIn'].map((k) =>
             `count(*) FILTER (WHERE m.near_poor_move = '${k}') AS "near_${k}", sum(CASE WHEN m.start_class = 'none' THEN m.persons_end ELSE m.persons_start END) FILTER (WHERE m.near_poor_move = '${k}') AS "near_p_${k}"`).join(',\n           ')},
           sum(greatest(m.persons_end - m.persons_start, 0)) FILTER (WHERE m.end_class = 'poor' AND m.start_class <> 'none') AS poor_plus,
           sum(greatest(m.persons_start - m.persons_end, 0)) FILTER (WHERE m.end_class = 'poor' AND m.start_class <> 'none') AS poor_minus,
           sum(greatest(m.persons_end - m.persons_start, 0)) FILTER (WHERE m.end_class = 'near_poor' AND m.start_class <> 'none') AS near_plus,
           sum(greatest(m.persons_start - m.persons_end, 0)) FILTER (WHERE m.end_class = 'near_poor' AND m.start_class <> 'none') AS near_minus
      FROM household h JOIN review_movement m ON m.household_id = h.id JOIN rounds rr ON rr.id = m.round_id AND rr.year = 2022
     GROUP BY GROUPING SETS ((rr.child), ())
  ),
  totals AS (
    SELECT child, sum(total_households) FILTER (WHERE year = 2021) AS hh_start, sum(total_households) FILTER (WHERE year = 2022) AS hh_end,
           sum(total_persons) FILTER (WHERE year = 2021) AS p_start, sum(total_persons) FILTER (WHERE year = 2022) AS p_end
      FROM rounds GROUP BY GROUPING SETS ((child), ())
  )
  SELECT * FROM counts c JOIN moves m ON m.child IS NOT DISTINCT FROM c.child JOIN totals t ON t.child IS NOT DISTINCT FROM c.child`;

interface SizeResult {
  households: number;
  generateS: number;
  rebuildS: number;
  rounds: number;
  scanProvinceMs: number;
  scanDistrictMs: number;
  reportProvinceMs: number;
  reportDistrictMs: number;
}

async function runSize(serverUrl: string, households: number): Promise<SizeResult> {
  const dbName = `bench_reports_${households}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = withDatabase(serverUrl, dbName);

  const ds = new DataSource({ ...typeormOptions(url, 4), entities: [] });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const db = new Client({ connectionString: url });
  await db.connect();
  const [generateMs] = await time(() => generate(db, households));
  console.log(`  ${households.toLocaleString('en')} households generated in ${(generateMs / 1000).toFixed(1)} s`);

  // what the reviews module does at each decision: rebuildRound in the deciding transaction
  const service = new AggregatesService(new AggregatesRepository(), ds);
  const [rebuildMs, rounds] = await time(() => service.rebuildAll());
  await db.query(`VACUUM ANALYZE round_aggregate`);
  console.log(`  aggregates of ${rounds} rounds rebuilt in ${(rebuildMs / 1000).toFixed(1)} s (${(rebuildMs / rounds).toFixed(0)} ms per round, at decision)`);

  // the service through HTTP
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', RATE_LIMIT_PER_MINUTE: '1000000', DATABASE_URL: url });
  const { app } = await createApp(config, { bufferLogs: false });
  await app.listen(0, '127.0.0.1');
  await app.get(StartupService).run({ migrate: false, demo: false });
  await app.get(AuthService).upsertUser('bench', 'bench-password-1', 'admin', null);
  const base = await app.getUrl();
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const report = async (unit: string) => {
    const call = async () => {
      const res = await fetch(`${base}/api/reports/summary?unit=${unit}&year=2022`, { headers: { authorization: `Bearer ${accessToken}` } });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`report ${unit}: ${res.status} ${JSON.stringify(body)}`);
      return body as { poor: { start: number; end: number; movement: Record<string, number> }; nearPoor: { end: number }; children: unknown[] };
    };
    for (let i = 0; i < 5; i++) await call();
    const ts: number[] = [];
    for (let i = 0; i < REPORT_RUNS; i++) ts.push((await time(call))[0]);
    return { ms: median(ts), body: await call() };
  };
  const rp = await report(PROVINCE);
  const rd = await report(district(3));
  await app.close();

  // the baseline scan, measured after the report (its reads of every table would evict the aggregates from the cache)
  const scan = async (unit: string) => {
    await db.query(SCAN, [unit]); // warm
    const ts: number[] = [];
    for (let i = 0; i < SCAN_RUNS; i++) ts.push((await time(() => db.query(SCAN, [unit])))[0]);
    return { ms: median(ts), rows: (await db.query(SCAN, [unit])).rows };
  };
  const sp = await scan(PROVINCE);
  const sd = await scan(district(3));


  // the same counts both ways
  const total = sp.rows.find((r) => r.child === null);
  const check = (what: string, a: number, b: number) => {
    if (Number(a) !== Number(b)) throw new Error(`bench: the report's ${what} ${b} differs from the scan's ${a}`);
  };
  check('poor start', total.poor_start, rp.body.poor.start);
  check('poor end', total.poor_end, rp.body.poor.end);
  check('near-poor end', total.near_end, rp.body.nearPoor.end);
  check('poor → near-poor', total.poor_toNearPoor, rp.body.poor.movement.toNearPoor);
  check('poor other out', total.poor_otherOut, rp.body.poor.movement.otherOut);
  check('children', sp.rows.length - 1, rp.body.children.length);
  check('district poor end', sd.rows.find((r) => r.child === null).poor_end, rd.body.poor.end);

  await db.end();
  await ds.destroy();
  console.log(`  scan: province ${sp.ms.toFixed(0)} ms, district ${sd.ms.toFixed(0)} ms; report (HTTP): province ${rp.ms.toFixed(1)} ms, district ${rd.ms.toFixed(1)} ms`);
  return {
    households, generateS: generateMs / 1000, rebuildS: rebuildMs / 1000, rounds,
    scanProvinceMs: sp.ms, scanDistrictMs: sd.ms, reportProvinceMs: rp.ms, reportDistrictMs: rd.ms,
  };
}

export async function runReportsBench(): Promise<void> {
  const cluster = process.env.BENCH_DATABASE_URL ? undefined : await startCluster();
  const serverUrl = process.env.BENCH_DATABASE_URL ?? cluster!.url;
  console.log(`PostgreSQL: ${(await (async () => { const c = new Client({ connectionString: serverUrl }); await c.connect(); const v = (await c.query('SHOW server_version')).rows[0].server_version; await c.end(); return v; })())}; ` +
    `${DISTRICTS} districts, ${DISTRICTS * COMMUNES_PER_DISTRICT} communes, years 2021 (baseline) and 2022; report runs ${REPORT_RUNS}, scan runs ${SCAN_RUNS} (medians)`);
  const results: SizeResult[] = [];
  try {
    for (const n of SIZES) results.push(await runSize(serverUrl, n));
  } finally {
    cluster?.stop();
  }
  console.log('\nhouseholds | scan province | report province (HTTP) | ratio | scan district | report district (HTTP) | ratio | rebuild per round');
  for (const r of results) {
    console.log(`${r.households.toLocaleString('en').padStart(10)} | ${r.scanProvinceMs.toFixed(0).padStart(10)} ms | ${r.reportProvinceMs.toFixed(1).padStart(19)} ms | ${(r.scanProvinceMs / r.reportProvinceMs).toFixed(0).padStart(4)}× | ` +
      `${r.scanDistrictMs.toFixed(0).padStart(10)} ms | ${r.reportDistrictMs.toFixed(1).padStart(19)} ms | ${(r.scanDistrictMs / r.reportDistrictMs).toFixed(0).padStart(4)}× | ${((r.rebuildS * 1000) / r.rounds).toFixed(0)} ms`);
  }
  const big = results[results.length - 1];
  const ratio = big.scanProvinceMs / big.reportProvinceMs;
  console.log(`\nprovince report at ${big.households.toLocaleString('en')} households: ${ratio.toFixed(0)}× faster than the scan (target ≥ 40×): ${ratio >= 40 ? 'met' : 'NOT met'}`);
  if (results.length > 1) {
    const small = results[0];
    console.log(`report time ×${(big.reportProvinceMs / small.reportProvinceMs).toFixed(2)} for ×${(big.households / small.households).toFixed(0)} households (same units): it grows with units, not households`);
  }
  console.log(`peak RSS of the bench process (service included): ${(Math.max(peakRss, process.memoryUsage().rss) / 1048576).toFixed(0)} MB`);
}
