import { activeOn } from '../../src/households/register-sql';
import { afScore, afWeights, isAfPoor } from '../../src/aggregates/domain/alkire-foster';
import { Metrics } from '../../src/aggregates/domain/metrics';
import { movementMetrics } from '../../src/aggregates/domain/movement-metrics';
import type { MovementRow } from '../../src/reviews/domain/movement';
import { TestApp } from './test-app';

/**
 * The stored aggregates of every decided round against a full recount from the raw rows, done
 * here in plain TypeScript (a second, independent implementation of every metric).
 */
export async function recount(t: TestApp, roundId: number): Promise<Metrics> {
  const [round] = await t.ds.query(`SELECT * FROM review_round WHERE id = $1`, [roundId]);
  const results: Record<string, any>[] = await t.ds.query(`SELECT * FROM review_result WHERE round_id = $1`, [roundId]);
  const moves: Record<string, any>[] = await t.ds.query(`SELECT * FROM review_movement WHERE round_id = $1`, [roundId]);
  const indicators: { key: string; dimension: string }[] = await t.ds.query(
    `SELECT key, dimension_key AS dimension FROM poverty_indicator WHERE standard_code = $1 ORDER BY sort_order`, [round.standard_code]);
  const register: { ethnic_minority: boolean; members: number }[] = await t.ds.query(
    `SELECT h.ethnic_minority, (SELECT count(*)::int FROM household_member m WHERE m.household_id = h.id) AS members
       FROM household h WHERE h.commune_code = $1 AND ${activeOn('h', '$2')}`,
    [round.commune_code, round.decision_date]);
  const m: Metrics = {};
  const add = (k: string, v: number) => (m[k] = (m[k] ?? 0) + v);
  const regH = register.length;
  const regP = register.reduce((s, h) => s + h.members, 0);
  Object.assign(m, {
    'total.households': round.total_households ?? regH, 'total.persons': round.total_persons ?? regP,
    'total.households_fallback': round.total_households === null ? 1 : 0, 'total.persons_fallback': round.total_persons === null ? 1 : 0,
    'register.households': regH, 'register.persons': regP,
    'register.households.minority': register.filter((h) => h.ethnic_minority).length,
    'register.persons.minority': register.filter((h) => h.ethnic_minority).reduce((s, h) => s + h.members, 0),
    'reviewed.households': results.length, 'reviewed.persons': results.reduce((s, r) => s + (r.snap_persons ?? 0), 0),
    'farm_average.households': 0, 'farm_average.persons': 0,
  });
  const keys = new Set(indicators.map((i) => i.key));
  for (const c of ['poor', 'near_poor']) {
    for (const u of ['households', 'persons']) {
      add(`end.${c}.${u}`, 0);
      for (const g of ['ethnic_minority', 'no_labour', 'meritorious', 'female_head', 'other']) add(`group.${c}.${u}.${g}`, 0);
    }
    for (const i of indicators) add(`deprivation.${c}.${i.key}`, 0);
    for (let k = 1; k <= 8; k++) add(`cause.${c}.${k}`, 0);
    for (const w of ['total', 'no_insurance', 'malnourished', 'out_of_school']) add(`children.${c}.${w}`, 0);
    add(`deprivation.${c}.total`, 0);
  }
  for (const r of results) {
    const p = r.snap_persons ?? 0;
    if (r.farm_average) { add('farm_average.households', 1); add('farm_average.persons', p); }
    const c = r.decided_class;
    if (c !== 'poor' && c !== 'near_poor') continue;
    const groups = {
      ethnic_minority: r.snap_ethnic_minority, no_labour: r.snap_no_labour, meritorious: r.snap_meritorious, female_head: r.snap_female_head,
      other: !(r.snap_ethnic_minority || r.snap_no_labour || r.snap_meritorious),
    };
    add(`end.${c}.households`, 1); add(`end.${c}.persons`, p);
    for (const [g, on] of Object.entries(groups)) if (on) { add(`group.${c}.households.${g}`, 1); add(`group.${c}.persons.${g}`, p); }
    for (const d of new Set<string>(r.deprivations)) if (keys.has(d)) { add(`deprivation.${c}.${d}`, 1); add(`deprivation.${c}.total`, 1); }
    for (const k of new Set<number>(r.causes)) add(`cause.${c}.${k}`, 1);
    add(`ethnic.${c}.households.${r.snap_head_ethnicity}`, 1); add(`ethnic.${c}.persons.${r.snap_head_ethnicity}`, p);
    add(`children.${c}.total`, r.snap_children ?? 0); add(`children.${c}.no_insurance`, r.snap_children_no_insurance ?? 0);
    add(`children.${c}.malnourished`, r.snap_children_malnourished ?? 0); add(`children.${c}.out_of_school`, r.snap_children_out_of_school ?? 0);
  }
  Object.assign(m, movementMetrics(moves.map((x): MovementRow => ({
    startClass: x.start_class, endClass: x.end_class, poorMove: x.poor_move, nearPoorMove: x.near_poor_move, personsStart: x.persons_start, personsEnd: x.persons_end,
  }))));
  const weights = afWeights(indicators);
  m['af.households'] = results.length;
  m['af.poor'] = 0;
  m['af.score'] = 0;
  for (const w of weights) m[`af.deprived.${w.key}`] = 0;
  for (const r of results) {
    const s = afScore(weights, r.deprivations);
    if (!isAfPoor(s)) continue;
    m['af.poor'] += 1;
    m['af.score'] += s;
    for (const d of new Set<string>(r.deprivations)) if (keys.has(d)) m[`af.deprived.${d}`] += 1;
  }
  return m;
}

/** The stored aggregates of a round, as numbers. */
export async function stored(t: TestApp, roundId: number): Promise<Metrics> {
  const rows: { metric: string; value: number }[] = await t.ds.query(`SELECT metric, value FROM round_aggregate WHERE round_id = $1`, [roundId]);
  return Object.fromEntries(rows.map((r) => [r.metric, Number(r.value)]));
}
