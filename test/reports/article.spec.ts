import { DemoSeedService } from '../../src/demo/demo-seed.service';
import { recount, stored } from '../utils/aggregate-recount';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The article, reproduced (docs/RULES.md §8): on the
 * Chiêm Hóa demo, the district report for 2022 gives 9,776 poor households at the start (31.31 %
 * of 31,223), 8,162 at the end (26.04 % of 31,344), 1,614 fewer, 5.27 points, 121.99 % of a
 * 4.32-point plan ("đạt 122%").
 * The whole demo is loaded through the real seeder (units, households, reviews, plans, program).
 */
describe('the article on the Chiêm Hóa demo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoSeedService).seedIfEmpty();
  }, 600_000);
  afterAll(() => t?.close());

  it('GET /api/reports/summary?unit=073&year=2022 reproduces the article', async () => {
    const login = await t.http().post('/api/auth/login').send({ username: 'chiemhoa', password: 'demo-district' });
    const res = await t.http().get('/api/reports/summary?unit=073&year=2022').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      unit: { code: '073', name: 'Huyện Chiêm Hóa', level: 'district' },
      year: 2022,
      standard: 'ND07-2021',
      status: 'complete',
      households: { start: 31223, end: 31344 },
      poor: { start: 9776, end: 8162, reduction: 1614, rateStart: 31.31, rateEnd: 26.04, reductionPoints: 5.27 },
      plan: { target: 4.32, unit: 'points', achievedPercent: 121.99 },
    });
    // 2021 is the first round under ND07: nobody can have fallen back in 2022
    expect(res.body.poor.movement.fellBack).toBe(0);
    expect(res.body.children).toHaveLength(26);
    expect(res.body.text).toContain('đạt 122% kế hoạch giao');
  });

  it('stores aggregates equal to a full recount for every decided round of the demo', async () => {
    const rounds: { id: number }[] = await t.ds.query(`SELECT id FROM review_round WHERE status IN ('decided', 'reported') ORDER BY id`);
    expect(rounds.length).toBeGreaterThanOrEqual(26 * 3);
    for (const { id } of rounds) expect({ round: id, metrics: await stored(t, id) }).toEqual({ round: id, metrics: await recount(t, id) });
  });

  it('marks every row the demo wrote as demo, though the services it wrote through take no demo flag', async () => {
    for (const table of ['admin_unit', 'household', 'review_round', 'review_result', 'review_application', 'reduction_plan', 'program_activity', 'program_beneficiary']) {
      const [{ all, demo }] = await t.ds.query(`SELECT count(*)::int AS all, (count(*) FILTER (WHERE is_demo))::int AS demo FROM ${table}`);
      expect({ table, all: all > 0, demo }).toEqual({ table, all: true, demo: all });
    }
  });
});
