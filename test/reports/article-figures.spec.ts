import { DISTRICT } from '../../src/demo/chiem-hoa';
import { seedDemoPlanRounds } from '../utils/demo-plan-rounds';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The article's figures through the whole report path, without waiting for the demo households
 * and reviews (article.spec.ts runs on those after the merge): the real Chiêm Hóa units and the
 * demo's plan step, and per commune exactly the demo plan's counts (src/demo/demo-plan.ts) as
 * decided rounds of 2021 (the first under ND07) and 2022, generated in SQL (test/utils/demo-plan-rounds.ts).
 */
describe('the article\'s figures on the demo plan\'s counts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoPlanRounds(t);
  }, 120_000);
  afterAll(() => t.close());

  it('GET /api/reports/summary?unit=073&year=2022: 9,776 → 8,162, 31.31 % → 26.04 %, 5.27 points, 121.99 % of 4.32', async () => {
    const token = await t.tokenFor('district', DISTRICT.code);
    const res = await t.http().get('/api/reports/summary?unit=073&year=2022').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      unit: { code: '073', name: 'Huyện Chiêm Hóa', level: 'district' },
      standard: 'ND07-2021', status: 'complete',
      households: { start: 31223, end: 31344 },
      poor: { start: 9776, end: 8162, reduction: 1614, rateStart: 31.31, rateEnd: 26.04, reductionPoints: 5.27, movement: { fellBack: 0 } },
      nearPoor: { start: 3105, end: 3387 },
      plan: { target: 4.32, unit: 'points', achievedPercent: 121.99 },
    });
    expect(res.body.children).toHaveLength(26);
    expect(res.body.text).toContain('đạt 122% kế hoạch giao (4,32 điểm phần trăm)');
  });
});
