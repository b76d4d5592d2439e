import { seedDemoUnits } from '../../src/demo/seed-units';
import { createTestApp, TestApp } from '../utils/test-app';
import { addHousehold, bearer, RURAL, runRound, setStatus } from '../utils/reviews';

const C = '02302'; // Xã Minh Quang (rural)

describe('review rounds: the state machine, deciding, freezing, scopes (real PostgreSQL)', () => {
  let t: TestApp;
  let commune: string;
  let other: string;
  let district: string;
  let admin: string;
  const hh: number[] = [];
  const households = async (commune: string, prefix: string, n = 6) => {
    const out: number[] = [];
    for (let i = 1; i <= n; i++) out.push(await addHousehold(t.ds, { commune, code: `${prefix}-${i}`, village: `${commune}-01` }));
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.ds.transaction((m) => seedDemoUnits(m));
    commune = await t.tokenFor('commune', C);
    other = await t.tokenFor('commune', '02287');
    district = await t.tokenFor('district', '073');
    admin = await t.tokenFor('admin', null);
    for (let i = 1; i <= 6; i++) hh.push(await addHousehold(t.ds, { commune: C, code: `SM-${i}`, village: `${C}-01` }));
  }, 60_000);
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>, token = commune) => t.http().post('/api/review-rounds').set(bearer(token)).send({ communeCode: C, ...body });
  const step = (id: number, path: string, body: Record<string, unknown>, token = commune) => t.http().post(`/api/review-rounds/${id}/${path}`).set(bearer(token)).send(body);
  const get = async (id: number) => (await t.http().get(`/api/review-rounds/${id}`).set(bearer(commune))).body;

  it('derives the list year and the standard from the kind and year (docs/RULES.md §1)', async () => {
    const p = await create({ year: 2026, kind: 'periodic' });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ listYear: 2027, standard: 'ND351-2025', status: 'draft', opinionRequired: false, allowedActions: ['start'] });
    const r = await create({ year: 2026, kind: 'regular', month: 3 });
    expect(r.body).toMatchObject({ listYear: 2026, standard: 'ND07-2021', decideBy: '2026-03-30' });
    const o = await create({ year: 2021, kind: 'periodic' });
    expect(o.body).toMatchObject({ listYear: 2022, standard: 'ND07-2021', opinionRequired: true });
    const dup = await create({ year: 2021, kind: 'periodic' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('DUPLICATE');
    const noMonth = await create({ year: 2022, kind: 'regular' });
    expect(noMonth.status).toBe(400);
    expect(noMonth.body.details[0].field).toBe('month');
    const law = await create({ year: 2022, kind: 'periodic', opinionRequired: false });
    expect(law.status).toBe(422);
    expect(law.body.details[0].field).toBe('opinionRequired');
  });

  it('refuses every illegal step at every state with 409 ILLEGAL_TRANSITION, and walks the legal path', async () => {
    const { body } = await create({ year: 2023, kind: 'periodic', totalHouseholds: 100 });
    const id = body.id;
    let v = body.version;
    const steps: [string, Record<string, unknown>][] = [
      ['start', { date: '2023-09-04' }],
      ['meeting', { date: '2023-10-10', agreementPct: 75, minutesRef: 'BB-01' }],
      ['posting', { start: '2023-10-11' }],
      ['opinion', { date: '2023-11-01', ref: '123/UBND' }],
      ['decision', { decisionNumber: '45/QĐ-UBND', decisionDate: '2023-12-08' }],
      ['report', {}],
    ];
    for (let i = 0; i < steps.length; i++) {
      // every other step is refused here
      for (const [path, data] of steps) {
        if (path === steps[i][0]) continue;
        if (path === 'posting' && steps[i][0] === 'opinion') continue; // re-posting from posted is legal
        const r = await step(id, path, { version: v, ...data });
        expect({ at: steps[i][0], path, status: r.status, code: r.body.code }).toEqual({ at: steps[i][0], path, status: 409, code: 'ILLEGAL_TRANSITION' });
      }
      if (steps[i][0] === 'meeting') {
        for (const h of hh.slice(0, 3)) await t.http().put(`/api/review-rounds/${id}/results/${h}`).set(bearer(commune)).send(RURAL.poor);
      }
      const ok = await step(id, steps[i][0], { version: v, ...steps[i][1] });
      expect({ step: steps[i][0], status: ok.status }).toEqual({ step: steps[i][0], status: 200 });
      v = ok.body.version;
    }
    const final = await get(id);
    expect(final).toMatchObject({ status: 'reported', allowedActions: [], frozen: true, decisionNumber: '45/QĐ-UBND', postingEnd: '2023-10-13' });
    expect(final.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['draft', 'surveying', 'meeting', 'posted', 'opinion', 'decided', 'reported']);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'review_round' AND entity_id = $1 AND action = 'transition'`, [String(id)]);
    expect(n).toBe(6);
  });

  it('sends a meeting below 50 % back to surveying, and posts for 3 working days', async () => {
    const { body } = await create({ year: 2022, kind: 'regular', month: 6 });
    let r = await step(body.id, 'start', { version: body.version });
    expect(r.body.startedOn).toBe('2022-06-15');
    r = await step(body.id, 'meeting', { version: r.body.version, date: '2022-06-20', agreementPct: 49.5 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'surveying', backToSurveying: true, meetingAgreementPct: 49.5 });
    r = await step(body.id, 'meeting', { version: r.body.version, date: '2022-06-22', agreementPct: 50 });
    expect(r.body.status).toBe('meeting');
    const short = await step(body.id, 'posting', { version: r.body.version, start: '2022-06-24', end: '2022-06-27' }); // Fri → Mon is 2 working days
    expect(short.status).toBe(422);
    expect(short.body.details[0]).toMatchObject({ field: 'end' });
    r = await step(body.id, 'posting', { version: r.body.version, start: '2022-06-24' });
    expect(r.body).toMatchObject({ status: 'posted', postingEnd: '2022-06-28', opinionRequired: false, allowedActions: ['post', 'decide'] });
    const stale = await step(body.id, 'posting', { version: r.body.version - 1, start: '2022-06-24' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
  });

  it('blocks the opinion and the decision while a complaint awaits its re-check', async () => {
    const { body } = await create({ year: 2024, kind: 'periodic' });
    expect(body.opinionRequired).toBe(true);
    let v = body.version;
    for (const [p, d] of [['start', { date: '2024-09-02' }], ['meeting', { date: '2024-10-01', agreementPct: 90 }], ['posting', { start: '2024-10-02' }]] as const) {
      const r = await step(body.id, p, { version: v, ...d });
      v = r.body.version;
    }
    const c = await t.http().post(`/api/review-rounds/${body.id}/complaints`).set(bearer(commune)).send({ householdId: hh[0], receivedOn: '2024-10-03', content: 'Hộ cho rằng mình thuộc diện hộ nghèo' });
    expect(c.status).toBe(201);
    const blocked = await step(body.id, 'opinion', { version: v, date: '2024-10-10', ref: '9/UBND' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.details[0]).toMatchObject({ field: 'complaints', complaintId: c.body.id });
    const re = await t.http().patch(`/api/review-rounds/${body.id}/complaints/${c.body.id}`).set(bearer(commune)).send({ version: 1, recheckedOn: '2024-10-07', outcome: 'Phúc tra: giữ nguyên kết quả' });
    expect(re.status).toBe(200);
    expect(re.body.recheckedOn).toBe('2024-10-07');
    const ok = await step(body.id, 'opinion', { version: v, date: '2024-10-10', ref: '9/UBND' });
    expect(ok.body.status).toBe('opinion');
  });

  const C2 = '02305';
  let hh2: number[];
  let c2: string;
  it('freezes a decided round: result writes and edits are refused with 409 FROZEN', async () => {
    hh2 = await households(C2, 'FZ');
    c2 = await t.tokenFor('commune', C2);
    const { id } = await runRound(t, c2, { commune: C2, year: 2022 }, async (rid) => {
      for (const h of hh2) await t.http().put(`/api/review-rounds/${rid}/results/${h}`).set(bearer(c2)).send(RURAL.near_poor);
    });
    const put = await t.http().put(`/api/review-rounds/${id}/results/${hh2[0]}`).set(bearer(c2)).send({ ...RURAL.poor, version: 1 });
    expect(put.status).toBe(409);
    expect(put.body.code).toBe('FROZEN');
    const del = await t.http().delete(`/api/review-rounds/${id}/results/${hh2[0]}?version=1`).set(bearer(c2));
    expect(del.body.code).toBe('FROZEN');
    const version = (await t.http().get(`/api/review-rounds/${id}`).set(bearer(c2))).body.version;
    const patch = await t.http().patch(`/api/review-rounds/${id}`).set(bearer(c2)).send({ version, note: 'x' });
    expect(patch.body.code).toBe('FROZEN');
    const reclass = await t.http().post(`/api/review-rounds/${id}/reclassify`).set(bearer(c2)).send({ version });
    expect(reclass.body.code).toBe('FROZEN');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM review_result WHERE round_id = $1 AND decided_class = 'near_poor'`, [id]);
    expect(n).toBe(6);
  });

  it('refuses a decision with more poor and near-poor households than the commune has (TOTALS_EXCEEDED)', async () => {
    const C3 = '02308';
    const hh3 = await households(C3, 'TX');
    const c3 = await t.tokenFor('commune', C3);
    const r = await runRound(t, c3, { commune: C3, year: 2022, totalHouseholds: 2 }, async (rid) => {
      for (const h of hh3.slice(0, 3)) await t.http().put(`/api/review-rounds/${rid}/results/${h}`).set(bearer(c3)).send(RURAL.poor);
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('TOTALS_EXCEEDED');
    expect(r.body.details[0]).toMatchObject({ field: 'totalHouseholds', poor: 3, nearPoor: 0, total: 2, source: 'entered' });
    const [round] = await t.ds.query(`SELECT status FROM review_round WHERE id = $1`, [r.id]);
    expect(round.status).toBe('opinion'); // nothing written
  });

  const C4 = '02311';
  let hh4: number[];
  let c4: string;
  it('falls back to the register for the totals and says so', async () => {
    hh4 = await households(C4, 'RG');
    c4 = await t.tokenFor('commune', C4);
    const r = await runRound(t, c4, { commune: C4, year: 2022 }, async (rid) => {
      await t.http().put(`/api/review-rounds/${rid}/results/${hh4[0]}`).set(bearer(c4)).send(RURAL.poor);
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ totalHouseholds: 6, totalHouseholdsSource: 'register', totalPersons: 24, totalPersonsSource: 'register' });
  });

  it('refuses to decide a periodic round while a household of the previous list has no result (RESULTS_MISSING)', async () => {
    // 2022 decided all 6 as near-poor; 2023 reviews only 5 of them
    const r = await runRound(t, c2, { commune: C2, year: 2023 }, async (rid) => {
      for (const h of hh2.slice(1)) await t.http().put(`/api/review-rounds/${rid}/results/${h}`).set(bearer(c2)).send(RURAL.above);
    }).catch((e) => ({ error: e }));
    expect('error' in r).toBe(false);
    const res = r as unknown as { status: number; body: { code: string; details: { householdId: number }[] } };
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('RESULTS_MISSING');
    expect(res.body.details.map((d) => d.householdId)).toEqual([hh2[0]]);
  });

  it('refuses results of households that left the register before the decision (HOUSEHOLD_INACTIVE)', async () => {
    const h = await addHousehold(t.ds, { commune: C4, code: 'RG-GONE' });
    const r = await runRound(t, c4, { commune: C4, year: 2023 }, async (rid) => {
      for (const x of [hh4[0], h]) await t.http().put(`/api/review-rounds/${rid}/results/${x}`).set(bearer(c4)).send(RURAL.poor);
      await setStatus(t.ds, h, 'moved_away', '2023-11-01');
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('HOUSEHOLD_INACTIVE');
    expect(r.body.details).toEqual([expect.objectContaining({ householdId: h, code: 'RG-GONE' })]);
    // the officer removes the result, then the decision goes through
    const del = await t.http().delete(`/api/review-rounds/${r.id}/results/${h}?version=1`).set(bearer(c4));
    expect(del.status).toBe(204);
    const version = (await t.http().get(`/api/review-rounds/${r.id}`).set(bearer(c4))).body.version;
    const ok = await t.http().post(`/api/review-rounds/${r.id}/decision`).set(bearer(c4)).send({ version, decisionNumber: '7/QĐ-UBND', decisionDate: '2023-12-08' });
    expect(ok.status).toBe(200);
    expect(ok.body.decision).toMatchObject({ poor: 1, hasMovement: true, movementRows: 1 });
    // a household that left before the round started cannot get a result
    const gone = await addHousehold(t.ds, { commune: C4, code: 'RG-OLD', status: 'moved_away', statusDate: '2023-01-01' });
    const rr = await t.http().post('/api/review-rounds').set(bearer(c4)).send({ communeCode: C4, year: 2025, kind: 'periodic' });
    const put = await t.http().put(`/api/review-rounds/${rr.body.id}/results/${gone}`).set(bearer(c4)).send(RURAL.poor);
    expect(put.status).toBe(422);
    expect(put.body.code).toBe('HOUSEHOLD_INACTIVE');
  });

  it('lists overdue regular rounds', async () => {
    const res = await t.http().get('/api/review-rounds/overdue?date=2026-04-05').set(bearer(district));
    expect(res.status).toBe(200);
    const regular = res.body.items.filter((i: { kind: string }) => i.kind === 'regular');
    expect(regular.map((i: { year: number; month: number; deadline: string }) => [i.year, i.month, i.deadline])).toEqual(
      expect.arrayContaining([[2022, 6, '2022-06-30'], [2026, 3, '2026-03-30']]));
    const mar = regular.find((i: { month: number; year: number }) => i.year === 2026);
    expect(mar.daysOverdue).toBe(6);
  });

  it('scopes: district officers read but cannot write; a commune officer cannot touch another commune', async () => {
    const list = await t.http().get(`/api/review-rounds?commune=${C}`).set(bearer(district));
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(3);
    const w = await create({ year: 2015, kind: 'periodic' }, district);
    expect(w.status).toBe(403);
    const o = await create({ year: 2015, kind: 'periodic' }, other);
    expect(o.status).toBe(403);
    expect(o.body.code).toBe('OUT_OF_SCOPE');
    const id = list.body.items[0].id;
    const read = await t.http().get(`/api/review-rounds/${id}`).set(bearer(other));
    expect(read.status).toBe(403);
    const mine = await t.http().get('/api/review-rounds').set(bearer(other));
    expect(mine.body.total).toBe(0);
    const a = await t.http().get(`/api/review-rounds/${id}/results`).set(bearer(admin));
    expect(a.status).toBe(200);
  });
});
