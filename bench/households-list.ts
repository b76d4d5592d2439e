import 'reflect-metadata';
import { Client } from 'pg';
import { createApp } from '../src/app/create-app';
import { StartupService } from '../src/app/startup.service';
import { AuthService } from '../src/auth/auth.service';
import { loadConfig } from '../src/config/app-config';
import { DataSource } from 'typeorm';
import { COMMUNES } from '../src/demo/chiem-hoa';
import { typeormOptions } from '../src/database/typeorm-options';
import { bulkInsertHouseholds } from '../src/households/households.bulk';
import { generateHouseholds, mb, percentile, startBenchDb } from './households-data';

/**
 * (b) The household list (filters + paging + total count) at 130,000 households (~520,000
 * members) with a decided 2022 review for every commune: p50/p95 over 200 requests through HTTP
 * as a district officer (the scope filter is in every query), a mix of the filters officers use.
 * Baseline in the same run: the simplest page (one commune, active, by code) as two bare SQL
 * statements through `pg` (page + count), to show what HTTP, auth, scope and the richer items cost.
 */

const HOUSEHOLDS = Number(process.env.BENCH_LIST_HOUSEHOLDS ?? 130_000);
const REQUESTS = 200;

export async function runHouseholdsListBench(): Promise<void> {
  const t0 = Date.now();
  const db = await startBenchDb('bench_list');
  try {
    const communes = COMMUNES.map((c) => c.code);
    const ds = new DataSource({ ...typeormOptions(db.url, 2), entities: [] });
    await ds.initialize();
    const households = generateHouseholds(HOUSEHOLDS, communes, 130);
    const tInsert = Date.now();
    await ds.transaction((m) => bulkInsertHouseholds(m, households));
    const members = households.reduce((s, h) => s + h.members.length, 0);
    households.length = 0;
    // a decided periodic round of 2022 per commune, with a result for every household (set-based)
    await ds.query(`
      INSERT INTO review_round (commune_code, year, kind, list_year, standard_code, status, decision_number, decision_date)
      SELECT code, 2022, 'periodic', 2023, 'ND07-2021', 'decided', 'QĐ-' || code, '2022-12-09' FROM admin_unit WHERE level = 'commune'`);
    await ds.query(`
      INSERT INTO review_result (round_id, household_id, standard_code, area_type, b1_score, computed_class, decided_class, explanation)
      SELECT r.id, h.id, 'ND07-2021', 'rural', 150, c.cls, c.cls, 'bench'
        FROM household h JOIN review_round r ON r.commune_code = h.commune_code AND r.year = 2022
        CROSS JOIN LATERAL (SELECT (ARRAY['poor','near_poor','average','above','above'])[1 + (h.id * 7919) % 5] AS cls) c`);
    await ds.query(`VACUUM ANALYZE`);
    await ds.destroy();
    console.log(`data: ${HOUSEHOLDS} households, ${members} members, ${HOUSEHOLDS} review results; insert ${((Date.now() - tInsert) / 1000).toFixed(1)} s, set-up ${((Date.now() - t0) / 1000).toFixed(1)} s`);

            const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00', DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '1000000' });
    const { app } = await createApp(config, { bufferLogs: false });
    await app.listen(0, '127.0.0.1');
    await app.get(StartupService).run({ migrate: false, demo: false });
    await app.get(AuthService).upsertUser('bench_district', 'bench-password-1', 'district', '073');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api`;
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_district', password: 'bench-password-1' }) });
    const { accessToken } = (await login.json()) as { accessToken: string };

    const c = (i: number) => communes[i % communes.length];
    const queries: ((i: number) => string)[] = [
      (i) => `commune=${c(i)}&status=active&page=${1 + (i % 20)}&pageSize=50`,
      (i) => `commune=${c(i)}&village=${c(i)}-0${1 + (i % 8)}&sort=headName`,
      (i) => `q=${['nguyen', 'hoang van', 'ma thi', 'ban', 'trieu'][i % 5]}&status=active`,
      (i) => `commune=${c(i)}&q=hoa&sort=-registeredOn`,
      (i) => `ethnicMinority=false&page=${1 + (i % 50)}`,
      (i) => `year=2022&classification=poor,near_poor&commune=${c(i)}&page=${1 + (i % 5)}`,
      (i) => `unit=073&status=active&sort=-code&page=${100 + i}`,
      (i) => `commune=${c(i)}&noLabourCapacity=true`,
      (i) => `commune=${c(i)}&femaleHead=true&meritorious=false&pageSize=100`,
      (i) => `year=2022&classification=poor&sort=village&page=${1 + (i % 30)}`,
    ];
    const get = async (q: string) => {
      const s = performance.now();
      const res = await fetch(`${base}/households?${q}`, { headers: { authorization: `Bearer ${accessToken}` } });
      const body = (await res.json()) as { total: number };
      if (res.status !== 200) throw new Error(`${q}: ${res.status} ${JSON.stringify(body)}`);
      return performance.now() - s;
    };
    for (let i = 0; i < queries.length; i++) await get(queries[i](i)); // warm-up
    const times: number[] = [];
    const byKind: number[][] = queries.map(() => []);
    for (let i = 0; i < REQUESTS; i++) {
      const k = i % queries.length;
      const ms = await get(queries[k](i));
      times.push(ms);
      byKind[k].push(ms);
    }
    const rss = process.memoryUsage().rss;
    await app.close();

    // the baseline: the simplest page as bare SQL
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const bare: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const s = performance.now();
      await client.query(`SELECT id, code, commune_code, village_code, head_name, status FROM household WHERE commune_code = $1 AND status = 'active' ORDER BY code LIMIT 50 OFFSET $2`, [c(i), (i % 20) * 50]);
      await client.query(`SELECT count(*)::int FROM household WHERE commune_code = $1 AND status = 'active'`, [c(i)]);
      bare.push(performance.now() - s);
    }
    await client.end();

    const sorted = [...times].sort((a, b) => a - b);
    const first = [...byKind[0]].sort((a, b) => a - b);
    const bareSorted = bare.sort((a, b) => a - b);
    console.log('  per query kind (p50 / max ms):');
    queries.forEach((q, k) => {
      const s = [...byKind[k]].sort((a, b) => a - b);
      console.log(`    ${q(0).padEnd(62)} ${percentile(s, 50).toFixed(1).padStart(6)} / ${s[s.length - 1].toFixed(1)}`);
    });
    console.log(
      `households-list: ${REQUESTS} requests at ${HOUSEHOLDS} households: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, ` +
        `max ${sorted[sorted.length - 1].toFixed(1)} ms; commune page p50 ${percentile(first, 50).toFixed(1)} ms vs bare SQL p50 ${percentile(bareSorted, 50).toFixed(1)} ms ` +
        `(ratio ${(percentile(first, 50) / percentile(bareSorted, 50)).toFixed(2)}×); RSS ${mb(rss)}, peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
  } finally {
    db.cluster.stop();
  }
}
