import { AggregatesService } from '../../src/aggregates/aggregates.service';
import { ReviewFixtures } from '../utils/review-fixtures';
import { randomHistory } from '../utils/review-history';
import { createTestApp, TestApp } from '../utils/test-app';
import { recount, stored } from '../utils/aggregate-recount';

describe('per-round aggregates (round_aggregate)', () => {
  let t: TestApp;
  let fx: ReviewFixtures;
  let rounds: number[];

  beforeAll(async () => {
    t = await createTestApp();
    fx = new ReviewFixtures(t.ds);
    await fx.unit('70', 'province', 'Tỉnh Thử Nghiệm', null);
    await fx.unit('701', 'district', 'Huyện Một', '70');
    const communes = ['70101', '70102', '70103', '70104'];
    for (const [i, c] of communes.entries()) await fx.unit(c, 'commune', `Xã Số ${i + 1}`, '701');
    rounds = await randomHistory(fx, { seed: 5, district: '701', communes, households: 60 });
    await t.app.get(AggregatesService).rebuildAll();
  }, 120_000);
  afterAll(() => t.close());

  it('covers every decided round', async () => {
    const [{ n }] = await t.ds.query(`SELECT count(DISTINCT round_id)::int AS n FROM round_aggregate`);
    expect(n).toBe(rounds.length);
    expect(rounds.length).toBe(12);
  });

  it('equals a full recount from the raw rows, for every metric of every decided round', async () => {
    for (const id of rounds) {
      expect({ round: id, metrics: await stored(t, id) }).toEqual({ round: id, metrics: await recount(t, id) });
    }
  });

  it('is idempotent: rebuilding a round gives the same rows', async () => {
    const before = await t.ds.query(`SELECT metric, value FROM round_aggregate WHERE round_id = $1 ORDER BY metric`, [rounds[5]]);
    await t.ds.transaction((m) => t.app.get(AggregatesService).rebuildRound(m, rounds[5]));
    expect(await t.ds.query(`SELECT metric, value FROM round_aggregate WHERE round_id = $1 ORDER BY metric`, [rounds[5]])).toEqual(before);
  });

  it('has movement that reconciles in every round with a start', async () => {
    for (const id of rounds) {
      const rows: { metric: string; value: number }[] = await t.ds.query(`SELECT metric, value FROM round_aggregate WHERE round_id = $1 AND metric LIKE 'movement.%'`, [id]);
      const m = Object.fromEntries(rows.map((r) => [r.metric, Number(r.value)]));
      if (!m['movement.rows']) continue;
      for (const u of ['households', 'persons']) {
        const k = (c: string, kind: string) => m[`movement.${c}.${u}.${kind}`];
        expect(k('poor', 'end')).toBe(k('poor', 'start') - k('poor', 'toNearPoor') - k('poor', 'aboveNearPoor') - k('poor', 'otherOut')
          + k('poor', 'fromNearPoor') + k('poor', 'fellBack') + k('poor', 'newlyPoor') + k('poor', 'otherIn'));
        expect(k('near_poor', 'end')).toBe(k('near_poor', 'start') - k('near_poor', 'toPoor') - k('near_poor', 'aboveNearPoor') - k('near_poor', 'otherOut')
          + k('near_poor', 'fromPoor') + k('near_poor', 'fellBack') + k('near_poor', 'newlyNearPoor') + k('near_poor', 'otherIn'));
      }
    }
  });
});
