import { seedDemoRegister } from '../../bench/fixtures/demo-register';
import { DEMO_YEARS, demoPlan, DISTRICT_TOTALS } from '../../src/demo/demo-plan';
import { seedDemoUnits } from '../../src/demo/seed-units';
import { ReviewsDemoService } from '../../src/demo/reviews-demo.service';
import { classify } from '../../src/standards/domain/classify';
import { rulesOf, StandardsRepository } from '../../src/standards/standards.repository';
import { createTestApp, TestApp } from '../utils/test-app';

/** The Chiêm Hóa review demo on a stand-in register (the households helper's demo step makes the real one). */
describe('the review demo (real PostgreSQL)', () => {
  let t: TestApp;
  let summary: Record<string, number>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.ds.transaction((m) => seedDemoUnits(m));
    await t.ds.transaction((m) => seedDemoRegister(m));
    summary = await t.app.get(ReviewsDemoService).seed();
  }, 600_000);
  afterAll(() => t.close());

  it('decides a periodic round per commune and year, with no register mismatch', () => {
    expect(summary).toMatchObject({ periodicRounds: 78, registerMismatches: 0 });
    expect(summary.regularRounds).toBeGreaterThan(3);
  });

  it('hits demo-plan.ts exactly per commune: poor, near-poor, total households', async () => {
    const rows: { commune: string; year: number; poor: number; near: number; total: number; persons: number; source: string }[] = await t.ds.query(
      `SELECT r.commune_code AS commune, r.year, r.total_households AS total, r.total_persons AS persons, r.total_households_source AS source,
              (count(*) FILTER (WHERE x.decided_class = 'poor'))::int AS poor, (count(*) FILTER (WHERE x.decided_class = 'near_poor'))::int AS near
         FROM review_round r JOIN review_result x ON x.round_id = r.id
        WHERE r.kind = 'periodic' AND r.status IN ('decided','reported') GROUP BY r.id`);
    for (const p of demoPlan()) {
      for (const y of DEMO_YEARS) {
        const r = rows.find((x) => x.commune === p.code && x.year === y)!;
        expect({ c: p.code, y, poor: r.poor, near: r.near, total: r.total }).toEqual({ c: p.code, y, poor: p.poor[y], near: p.nearPoor[y], total: p.households[y] });
      }
    }
    for (const y of DEMO_YEARS) {
      const ofYear = rows.filter((r) => r.year === y);
      expect(ofYear.reduce((s, r) => s + r.poor, 0)).toBe(DISTRICT_TOTALS.poor[y]);
      expect(ofYear.reduce((s, r) => s + r.total, 0)).toBe(DISTRICT_TOTALS.households[y]);
      const persons = ofYear.reduce((s, r) => s + r.persons, 0);
      expect(persons).toBeGreaterThan(120_000);
      expect(persons).toBeLessThan(132_000);
    }
  });

  it('classifies every household from its own inputs by the rules (no class written directly, no override)', async () => {
    const std = (await t.app.get(StandardsRepository).find('ND07-2021'))!;
    const rules = rulesOf(std);
    const results: { area: 'rural' | 'urban'; b1: number | null; income: number | null; deps: string[]; computed: string; decided: string; entered: string[] | null }[] = await t.ds.query(
      `SELECT area_type AS area, b1_score AS b1, income_per_capita AS income, deprivations AS deps, entered_deprivations AS entered,
              computed_class AS computed, decided_class AS decided
         FROM review_result`);
    expect(results.length).toBeGreaterThan(90_000);
    let mismatches = 0;
    for (const r of results) {
      const c = classify(rules, { areaType: r.area, b1Score: r.b1, incomePerCapita: r.income, deprivations: r.deps });
      if (c.classification !== r.computed || r.decided !== r.computed || r.entered === null) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('has movement that reconciles; no fell back in 2022 (first ND07 round in 2021), some in 2023; moved-away poor households are other out', async () => {
    const flows: { year: number; side: string; move: string; households: number; persons: number }[] = await t.ds.query(
      `SELECT r.year, f.side, f.move, sum(f.households)::int AS households, sum(f.persons)::int AS persons
         FROM review_movement_flow f JOIN review_round r ON r.id = f.round_id GROUP BY r.year, f.side, f.move`);
    const ends: { year: number; ps: number; pe: number; ns: number; ne: number }[] = await t.ds.query(
      `SELECT r.year, (count(*) FILTER (WHERE start_class = 'poor'))::int AS ps, (count(*) FILTER (WHERE end_class = 'poor'))::int AS pe,
              (count(*) FILTER (WHERE start_class = 'near_poor'))::int AS ns, (count(*) FILTER (WHERE end_class = 'near_poor'))::int AS ne
         FROM review_movement m JOIN review_round r ON r.id = m.round_id GROUP BY r.year`);
    const f = (y: number, side: string, move: string) => flows.find((x) => x.year === y && x.side === side && x.move === move)?.households ?? 0;
    expect(ends.map((e) => e.year).sort()).toEqual([2022, 2023]);
    for (const e of ends) {
      const y = e.year;
      expect(e.ps).toBe(DISTRICT_TOTALS.poor[(y - 1) as 2021 | 2022]);
      expect(e.pe).toBe(DISTRICT_TOTALS.poor[y as 2022 | 2023]);
      expect(e.ps - f(y, 'poor', 'toNearPoor') - f(y, 'poor', 'aboveNearPoor') - f(y, 'poor', 'otherOut') + f(y, 'poor', 'fromNearPoor')
        + f(y, 'poor', 'fellBack') + f(y, 'poor', 'newlyPoor') + f(y, 'poor', 'otherIn')).toBe(e.pe);
      expect(e.ns - f(y, 'near_poor', 'toPoor') - f(y, 'near_poor', 'aboveNearPoor') - f(y, 'near_poor', 'otherOut') + f(y, 'near_poor', 'fromPoor')
        + f(y, 'near_poor', 'fellBack') + f(y, 'near_poor', 'newlyNearPoor') + f(y, 'near_poor', 'otherIn')).toBe(e.ne);
      expect(f(y, 'poor', 'toNearPoor')).toBe(f(y, 'near_poor', 'fromPoor'));
    }
    expect(f(2022, 'poor', 'fellBack') + f(2022, 'near_poor', 'fellBack')).toBe(0);
    expect(f(2023, 'poor', 'fellBack')).toBeGreaterThan(0);
    expect(f(2022, 'poor', 'otherOut')).toBeGreaterThan(0);
    expect(f(2022, 'poor', 'otherIn')).toBeGreaterThan(0);
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM review_movement m JOIN household h ON h.id = m.household_id
        WHERE m.poor_move = 'otherOut' AND h.status = 'moved_away'`);
    expect(n).toBeGreaterThan(0);
  });

  it('leaves some work overdue: open regular rounds and pending applications', async () => {
    const res = await t.http().get('/api/review-rounds/overdue?unit=073').set('Authorization', `Bearer ${await t.tokenFor('district', '073')}`);
    expect(res.body.items.filter((i: { kind: string }) => i.kind === 'regular').length).toBeGreaterThanOrEqual(2);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM review_application WHERE status = 'pending'`);
    expect(n).toBeGreaterThan(0);
    const [{ m }] = await t.ds.query(`SELECT count(*)::int AS m FROM review_application WHERE status = 'decided' AND form = 'mau04'`);
    expect(m).toBeGreaterThan(0);
  });
});
