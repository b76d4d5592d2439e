import { AggregatesService } from '../../src/aggregates/aggregates.service';
import { ReviewFixtures } from '../utils/review-fixtures';
import { TestApp } from '../utils/test-app';

/**
 * A small hand-made history whose every figure the report tests state by hand.
 *
 *   Tỉnh Thử (90)
 *   ├─ Huyện Một (901, until 30 Jun 2025)
 *   │   ├─ Xã An (90101)   → directly under the province from 1 Jul 2025
 *   │   ├─ Xã Bình (90102)  merged into Xã An on 1 Jul 2023
 *   │   └─ Xã Cao (90103)   round of 2022 not decided (missing); no round in 2023; under the province from 2025
 *   └─ Huyện Hai (902, until 30 Jun 2025)
 *       └─ Xã Đông (90201) → under the province from 2025
 *
 * Years: 2021 is the first round under ND07-2021 (a baseline: no movement); 2022 and 2023 have
 * movement; 2024 has no rounds; 2025 (after the reform, no 2024 rounds) is again without a start.
 * Households (persons in brackets):
 *   Xã An 2021 (40 hh / 160 p): poor h1(4) h2(3) h3(5) h4(2) h5(6); near-poor h6(4) h7(3) h8(5); h9 average(4), h10 above(3)
 *   Xã An 2022 (41 / 165): h1 stays poor (4→5: other in +1); h2 poor→near-poor; h3 poor→average (escapes; a recognised
 *     farm household); h4 moves away (other out, 2); h5 stays poor (6→4: other out 2); h6 near-poor→poor; h7 stays
 *     near-poor; h8 near-poor→above; h9 newly poor (4); h10 newly near-poor (3); h11 moves in, poor (other in, 3)
 *   Xã Bình 2021 (20 / 80): poor b1(5) b2(4); near-poor b3(3); b4 average(5)
 *   Xã Bình 2022 (20 / 80): b1 stays poor; b2 poor→near-poor; b3 near-poor→above; b4 newly poor (5)
 *   Xã Cao 2021 (80 / 300): poor c1(4); c2 above(3). 2022: round still at the meeting.
 *   Xã Đông 2021 (60 / 240): poor e1(3) e2(2). 2022 (60 / 240): e1 stays poor; e2 poor→above.
 *   Xã An 2023, with Xã Bình merged in (62 / 250): h5 escapes (4); b4 moves away (other out, 5); h7 near-poor→poor (3);
 *     h3 falls back into poverty (5); the others stay.
 *   2025: Xã An (62 / 250): h1 poor(5), h6 near-poor(4); Xã Đông (60 / 240): e1 poor(3).
 */
export const CODES = { province: '90', d1: '901', d2: '902', a: '90101', b: '90102', c: '90103', e: '90201' };

export async function buildHandHistory(t: TestApp): Promise<void> {
  const fx = new ReviewFixtures(t.ds);
  const agg = t.app.get(AggregatesService);
  await fx.unit('90', 'province', 'Tỉnh Thử', null);
  await fx.unit('901', 'district', 'Huyện Một', '90', { to: '2025-06-30' });
  await fx.unit('902', 'district', 'Huyện Hai', '90', { to: '2025-06-30' });
  await fx.unit('90101', 'commune', 'Xã An', '901', { to: '2025-06-30' });
  await fx.unit('90101', 'commune', 'Xã An', '90', { from: '2025-07-01' });
  await fx.unit('90102', 'commune', 'Xã Bình', '901', { to: '2023-06-30' });
  await fx.succession('90102', '90101', 'merge', '2023-07-01');
  await fx.unit('90103', 'commune', 'Xã Cao', '901', { to: '2025-06-30' });
  await fx.unit('90103', 'commune', 'Xã Cao', '90', { from: '2025-07-01' });
  await fx.unit('90201', 'commune', 'Xã Đông', '902', { to: '2025-06-30' });
  await fx.unit('90201', 'commune', 'Xã Đông', '90', { from: '2025-07-01' });

  // ---- Xã An
  const [h1, h2, h3] = [await fx.household('90101', { ethnicity: '02' }), await fx.household('90101'), await fx.household('90101')];
  const h4 = await fx.household('90101', { status: 'moved_away', statusDate: '2022-06-01' });
  const h5 = await fx.household('90101', { ethnicity: '02' });
  const [h6, h7, h8] = [await fx.household('90101', { meritorious: true }), await fx.household('90101'), await fx.household('90101')];
  const h9 = await fx.household('90101', { femaleHead: true });
  const h10 = await fx.household('90101');
  const h11 = await fx.household('90101', { ethnicity: '08', femaleHead: true, registeredOn: '2022-03-01' });
  const a21 = await fx.round('90101', 2021, { totals: [40, 160] });
  await fx.results(a21, [
    { hh: h1, cls: 'poor', persons: 4, ethnicity: '02' }, { hh: h2, cls: 'poor', persons: 3 }, { hh: h3, cls: 'poor', persons: 5 },
    { hh: h4, cls: 'poor', persons: 2 }, { hh: h5, cls: 'poor', persons: 6, ethnicity: '02' }, { hh: h6, cls: 'near_poor', persons: 4 },
    { hh: h7, cls: 'near_poor', persons: 3 }, { hh: h8, cls: 'near_poor', persons: 5 }, { hh: h9, cls: 'average', persons: 4 },
    { hh: h10, cls: 'above', persons: 3 },
  ]);
  const a22 = await fx.round('90101', 2022, { totals: [41, 165] });
  await fx.results(a22, [
    { hh: h1, cls: 'poor', persons: 5, ethnicity: '02', deprivations: ['water', 'sanitation', 'telecom'], causes: [1, 2], children: [2, 1, 0, 0] },
    { hh: h2, cls: 'near_poor', persons: 3, deprivations: ['water'] },
    { hh: h3, cls: 'average', persons: 5, farmAverage: true },
    { hh: h5, cls: 'poor', persons: 4, ethnicity: '02', noLabour: true, causes: [3, 7], children: [1, 0, 1, 0],
      deprivations: ['employment', 'dependants', 'nutrition', 'healthInsurance', 'water', 'sanitation'] },
    { hh: h6, cls: 'poor', persons: 4, meritorious: true, deprivations: ['housingArea', 'housingQuality', 'water'], causes: [1] },
    { hh: h7, cls: 'near_poor', persons: 3, deprivations: ['water', 'sanitation'] },
    { hh: h8, cls: 'above', persons: 5 },
    { hh: h9, cls: 'poor', persons: 4, femaleHead: true, deprivations: ['adultEducation', 'childSchooling', 'informationAssets', 'telecom'], causes: [5] },
    { hh: h10, cls: 'near_poor', persons: 3 },
    { hh: h11, cls: 'poor', persons: 3, ethnicity: '08', femaleHead: true, deprivations: ['water', 'sanitation', 'housingArea'], causes: [1, 8], children: [2, 0, 0, 1] },
  ]);
  await fx.movement(a22, [
    { hh: h1, from: 'poor', to: 'poor', ps: 4, pe: 5 },
    { hh: h2, from: 'poor', to: 'near_poor', ps: 3, pe: 3 },
    { hh: h3, from: 'poor', to: 'none', kind: 'aboveNearPoor', ps: 5, pe: 5 },
    { hh: h4, from: 'poor', to: 'none', kind: 'otherOut', ps: 2, pe: 0 },
    { hh: h5, from: 'poor', to: 'poor', ps: 6, pe: 4 },
    { hh: h6, from: 'near_poor', to: 'poor', ps: 4, pe: 4 },
    { hh: h7, from: 'near_poor', to: 'near_poor', ps: 3, pe: 3 },
    { hh: h8, from: 'near_poor', to: 'none', kind: 'aboveNearPoor', ps: 5, pe: 5 },
    { hh: h9, from: 'none', to: 'poor', kind: 'newlyPoor', ps: 4, pe: 4 },
    { hh: h10, from: 'none', to: 'near_poor', kind: 'newlyNearPoor', ps: 3, pe: 3 },
    { hh: h11, from: 'none', to: 'poor', kind: 'otherIn', ps: 0, pe: 3 },
  ]);

  // ---- Xã Bình
  const [b1, b2, b3, b4] = await fx.householdsIn('90102', 4);
  const b21 = await fx.round('90102', 2021, { totals: [20, 80] });
  await fx.results(b21, [
    { hh: b1, cls: 'poor', persons: 5 }, { hh: b2, cls: 'poor', persons: 4 }, { hh: b3, cls: 'near_poor', persons: 3 }, { hh: b4, cls: 'average', persons: 5 },
  ]);
  const b22 = await fx.round('90102', 2022, { totals: [20, 80] });
  await fx.results(b22, [
    { hh: b1, cls: 'poor', persons: 5 }, { hh: b2, cls: 'near_poor', persons: 4 }, { hh: b3, cls: 'above', persons: 3 }, { hh: b4, cls: 'poor', persons: 5 },
  ]);
  await fx.movement(b22, [
    { hh: b1, from: 'poor', to: 'poor', ps: 5, pe: 5 },
    { hh: b2, from: 'poor', to: 'near_poor', ps: 4, pe: 4 },
    { hh: b3, from: 'near_poor', to: 'none', kind: 'aboveNearPoor', ps: 3, pe: 3 },
    { hh: b4, from: 'none', to: 'poor', kind: 'newlyPoor', ps: 5, pe: 5 },
  ]);

  // ---- Xã Cao: 2021 decided, 2022 still at the meeting
  const [c1, c2] = await fx.householdsIn('90103', 2);
  const c21 = await fx.round('90103', 2021, { totals: [80, 300] });
  await fx.results(c21, [{ hh: c1, cls: 'poor', persons: 4 }, { hh: c2, cls: 'above', persons: 3 }]);
  await fx.round('90103', 2022, { status: 'meeting', totals: [80, 300] });

  // ---- Xã Đông
  const [e1, e2] = await fx.householdsIn('90201', 2);
  const e21 = await fx.round('90201', 2021, { totals: [60, 240] });
  await fx.results(e21, [{ hh: e1, cls: 'poor', persons: 3 }, { hh: e2, cls: 'poor', persons: 2 }]);
  const e22 = await fx.round('90201', 2022, { totals: [60, 240] });
  await fx.results(e22, [{ hh: e1, cls: 'poor', persons: 3 }, { hh: e2, cls: 'above', persons: 2 }]);
  await fx.movement(e22, [
    { hh: e1, from: 'poor', to: 'poor', ps: 3, pe: 3 },
    { hh: e2, from: 'poor', to: 'none', kind: 'aboveNearPoor', ps: 2, pe: 2 },
  ]);

  // rounds are decided (and aggregated) in their time, before the register changes of later years
  await fx.aggregate(agg, a21, a22, b21, b22, c21, e21, e22);

  // ---- 2023: Xã Bình merged into Xã An on 1 Jul 2023; its households now belong to Xã An
  await t.ds.query(`UPDATE household SET commune_code = '90101' WHERE commune_code = '90102'`);
  await t.ds.query(`UPDATE household SET status = 'moved_away', status_date = '2023-05-01' WHERE id = $1`, [b4]);
  const a23 = await fx.round('90101', 2023, { totals: [62, 250] });
  await fx.results(a23, [
    { hh: h1, cls: 'poor', persons: 5 }, { hh: h5, cls: 'above', persons: 4 }, { hh: h6, cls: 'poor', persons: 4 }, { hh: h9, cls: 'poor', persons: 4 },
    { hh: h11, cls: 'poor', persons: 3 }, { hh: b1, cls: 'poor', persons: 5 }, { hh: h2, cls: 'near_poor', persons: 3 }, { hh: h7, cls: 'poor', persons: 3 },
    { hh: h10, cls: 'near_poor', persons: 3 }, { hh: b2, cls: 'near_poor', persons: 4 }, { hh: h3, cls: 'poor', persons: 5 },
  ]);
  await fx.movement(a23, [
    { hh: h1, from: 'poor', to: 'poor', ps: 5, pe: 5 },
    { hh: h5, from: 'poor', to: 'none', kind: 'aboveNearPoor', ps: 4, pe: 4 },
    { hh: h6, from: 'poor', to: 'poor', ps: 4, pe: 4 },
    { hh: h9, from: 'poor', to: 'poor', ps: 4, pe: 4 },
    { hh: h11, from: 'poor', to: 'poor', ps: 3, pe: 3 },
    { hh: b1, from: 'poor', to: 'poor', ps: 5, pe: 5 },
    { hh: b4, from: 'poor', to: 'none', kind: 'otherOut', ps: 5, pe: 0 },
    { hh: h2, from: 'near_poor', to: 'near_poor', ps: 3, pe: 3 },
    { hh: h7, from: 'near_poor', to: 'poor', ps: 3, pe: 3 },
    { hh: h10, from: 'near_poor', to: 'near_poor', ps: 3, pe: 3 },
    { hh: b2, from: 'near_poor', to: 'near_poor', ps: 4, pe: 4 },
    { hh: h3, from: 'none', to: 'poor', kind: 'fellBack', ps: 5, pe: 5 },
  ]);

  // ---- 2025, after the reform: communes directly under the province; no 2024 rounds, so no start
  const a25 = await fx.round('90101', 2025, { totals: [62, 250] });
  await fx.results(a25, [{ hh: h1, cls: 'poor', persons: 5 }, { hh: h6, cls: 'near_poor', persons: 4 }]);
  const e25 = await fx.round('90201', 2025, { totals: [60, 240] });
  await fx.results(e25, [{ hh: e1, cls: 'poor', persons: 3 }]);

  await fx.aggregate(agg, a23, a25, e25);
}
