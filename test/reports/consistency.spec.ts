import { AggregatesService } from '../../src/aggregates/aggregates.service';
import { ReviewFixtures } from '../utils/review-fixtures';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * A report that would print a wrong number is refused: 500 REPORT_INCONSISTENT naming the unit.
 *   Xã Lỗi (91101): 2021 poor x1, x2; 2022 x1 stays poor, x2 escapes, but the movement row of x2 is missing,
 *     so 2 − 0 exits ≠ 1 at the end.
 *   Xã Tràn (91201): 2021 declares 1 resident household but 2 are poor (a rate of 200 %).
 */
describe('reconciliation of every report', () => {
  let t: TestApp;
  let admin: string;
  const get = (unit: string, year: number) => t.http().get(`/api/reports/summary?unit=${unit}&year=${year}`).set('Authorization', `Bearer ${admin}`);

  beforeAll(async () => {
    t = await createTestApp();
    const fx = new ReviewFixtures(t.ds);
    const agg = t.app.get(AggregatesService);
    await fx.unit('91', 'province', 'Tỉnh Kiểm Tra', null);
    await fx.unit('911', 'district', 'Huyện Đối Soát', '91');
    await fx.unit('91101', 'commune', 'Xã Lỗi', '911');
    await fx.unit('91102', 'commune', 'Xã Đúng', '911');
    await fx.unit('912', 'district', 'Huyện Mẫu Số', '91');
    await fx.unit('91201', 'commune', 'Xã Tràn', '912');
    const [x1, x2] = await fx.householdsIn('91101', 2);
    const r21 = await fx.round('91101', 2021, { totals: [10, 40] });
    await fx.results(r21, [{ hh: x1, cls: 'poor', persons: 3 }, { hh: x2, cls: 'poor', persons: 4 }]);
    const r22 = await fx.round('91101', 2022, { totals: [10, 40] });
    await fx.results(r22, [{ hh: x1, cls: 'poor', persons: 3 }, { hh: x2, cls: 'above', persons: 4 }]);
    await fx.movement(r22, [{ hh: x1, from: 'poor', to: 'poor', ps: 3, pe: 3 }]); // x2's row is missing
    const [y1] = await fx.householdsIn('91102', 1);
    const y21 = await fx.round('91102', 2021, { totals: [10, 40] });
    await fx.results(y21, [{ hh: y1, cls: 'poor', persons: 3 }]);
    const y22 = await fx.round('91102', 2022, { totals: [10, 40] });
    await fx.results(y22, [{ hh: y1, cls: 'poor', persons: 3 }]);
    await fx.movement(y22, [{ hh: y1, from: 'poor', to: 'poor', ps: 3, pe: 3 }]);
    const [z1, z2] = await fx.householdsIn('91201', 2);
    const z21 = await fx.round('91201', 2021, { totals: [1, 4] });
    await fx.results(z21, [{ hh: z1, cls: 'poor', persons: 2 }, { hh: z2, cls: 'poor', persons: 2 }]);
    await fx.aggregate(agg, r21, r22, y21, y22, z21);
    admin = await t.tokenFor('admin', null);
  }, 60_000);
  afterAll(() => t.close());

  it('a movement that does not reconcile is a 500 naming the commune', async () => {
    const res = await get('91101', 2022);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ statusCode: 500, error: 'Internal Server Error', code: 'REPORT_INCONSISTENT' });
    expect(res.body.message).toContain('Xã Lỗi (91101)');
    expect(res.body.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ unitCode: '91101', field: 'poor.households', expected: 2, actual: 1 }),
      expect.objectContaining({ unitCode: '91101', field: 'poor.persons', expected: 7, actual: 3 }),
    ]));
  });

  it('the district report names the commune that breaks it, not only itself', async () => {
    const res = await get('911', 2022);
    expect(res.status).toBe(500);
    expect(res.body.message).toContain('Xã Lỗi (91101)');
    expect(res.body.details.map((d: { unitCode: string }) => d.unitCode)).toEqual(expect.arrayContaining(['91101', '911']));
    expect(res.body.details.map((d: { unitCode: string }) => d.unitCode)).not.toContain('91102');
  });

  it('a commune whose figures reconcile reads fine beside it', async () => {
    expect((await get('91102', 2022)).status).toBe(200);
  });

  it('poor + near-poor above the total (a rate above 100 %) is a 500 naming the commune', async () => {
    const res = await get('91201', 2021);
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('REPORT_INCONSISTENT');
    expect(res.body.message).toContain('Xã Tràn (91201)');
    expect(res.body.details[0]).toMatchObject({ field: 'households.end', expected: 1, actual: 2 });
  });
});
