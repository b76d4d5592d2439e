import { DataSource } from 'typeorm';
import { AggregatesService } from '../../src/aggregates/aggregates.service';
import { demoPlan, REVIEW_DECISION_DATE } from '../../src/demo/demo-plan';
import { seedDemoUnits } from '../../src/demo/seed-units';
import { seedDemoPlans } from '../../src/demo/demo-plans';
import { PlansService } from '../../src/plans/plans.service';
import { writeHouseholds } from './register-writer';
import type { TestApp } from './test-app';

/**
 * The Chiêm Hóa district with exactly the demo plan's counts (src/demo/demo-plan.ts) as decided
 * periodic rounds of 2021 (the first under ND07) and 2022, generated in SQL, the aggregates
 * rebuilt and the demo's plans set: the article's figures (9,776 → 8,162 poor households,
 * 31.31 % → 26.04 %) without waiting for the demo households and reviews. Used by
 * test/reports/article-figures.spec.ts and test/exports/summary-bound.spec.ts.
 */
export async function seedDemoPlanRounds(t: Pick<TestApp, 'ds' | 'app'>): Promise<void> {
  const ds: DataSource = t.ds;
  await ds.transaction((m) => seedDemoUnits(m));
  for (const c of demoPlan()) {
    const P = Math.max(c.poor[2021], c.poor[2022]);
    const N = Math.max(c.nearPoor[2021], c.nearPoor[2022]);
    // households 1..P follow the poor track, P+1..P+N the near-poor track, 4 persons each
    await writeHouseholds(ds, Array.from({ length: P + N }, (_, k) => ({
      code: `${c.code}-${k + 1}`, communeCode: c.code, head: { fullName: `Hộ ${k + 1}`, birthYear: 1970, ethnicity: '02' },
    })));
    for (const year of [2021, 2022] as const) {
      const [{ id }] = await ds.query(
        `INSERT INTO review_round (commune_code, year, kind, list_year, standard_code, status, total_households, total_persons, decision_number, decision_date)
         VALUES ($1, $2::int, 'periodic', $2::int + 1, 'ND07-2021', 'decided', $3::int, $3::int * 4, $2::text || '/QĐ-UBND', $4::date) RETURNING id`,
        [c.code, year, c.households[year], REVIEW_DECISION_DATE[year]],
      );
      await ds.query(
        `INSERT INTO review_result (round_id, household_id, standard_code, area_type, b1_score, deprivations, deprivation_count, computed_class, decided_class, explanation, snap_persons)
         SELECT $1, h.id, 'ND07-2021', 'rural', 120, '{water,sanitation,telecom}', 3, k.cls, k.cls, 'demo', 4
           FROM household h
          CROSS JOIN LATERAL (SELECT split_part(h.code, '-', 2)::int AS i) x
          CROSS JOIN LATERAL (SELECT CASE WHEN x.i <= $3 THEN 'poor' WHEN x.i > $4 AND x.i <= $4 + $5 THEN 'near_poor' END AS cls) k
          WHERE h.commune_code = $2 AND k.cls IS NOT NULL`,
        [id, c.code, c.poor[year], P, c.nearPoor[year]],
      );
      if (year === 2022) {
        await ds.query(
          `INSERT INTO review_movement (round_id, household_id, start_class, end_class, poor_move, near_poor_move, persons_start, persons_end)
           SELECT $1, h.id, c.s, c.e, m.pm, m.nm, 4, 4
             FROM household h
            CROSS JOIN LATERAL (SELECT split_part(h.code, '-', 2)::int AS i) x
            CROSS JOIN LATERAL (SELECT
              CASE WHEN x.i <= $3 THEN 'poor' WHEN x.i > $5 AND x.i <= $5 + $6 THEN 'near_poor' ELSE 'none' END AS s,
              CASE WHEN x.i <= $4 THEN 'poor' WHEN x.i > $5 AND x.i <= $5 + $7 THEN 'near_poor' ELSE 'none' END AS e) c
            CROSS JOIN LATERAL (SELECT
              CASE WHEN c.s = 'poor' AND c.e = 'poor' THEN 'stay' WHEN c.s = 'poor' THEN 'aboveNearPoor' WHEN c.e = 'poor' THEN 'newlyPoor' END AS pm,
              CASE WHEN c.s = 'near_poor' AND c.e = 'near_poor' THEN 'stay' WHEN c.s = 'near_poor' THEN 'aboveNearPoor' WHEN c.e = 'near_poor' THEN 'newlyNearPoor' END AS nm) m
            WHERE h.commune_code = $2 AND (c.s <> 'none' OR c.e <> 'none')`,
          [id, c.code, c.poor[2021], c.poor[2022], P, c.nearPoor[2021], c.nearPoor[2022]],
        );
      }
    }
  }
  await t.app.get(AggregatesService).rebuildAll();
  await seedDemoPlans(t.app.get(PlansService));
}
