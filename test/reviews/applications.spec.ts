import { seedDemoUnits } from '../../src/demo/seed-units';
import { createTestApp, TestApp } from '../utils/test-app';
import { addHousehold, bearer, RURAL, runRound } from '../utils/reviews';

const C = '02317'; // Xã Yên Lập

describe('baseline import, applications and regular rounds (real PostgreSQL)', () => {
  let t: TestApp;
  let token: string;
  const ids: Record<string, number> = {};
  let baselineId: number;

  beforeAll(async () => {
    t = await createTestApp();
    await t.ds.transaction((m) => seedDemoUnits(m));
    token = await t.tokenFor('commune', C);
    for (const k of ['A', 'B', 'C', 'D', 'E']) ids[k] = await addHousehold(t.ds, { commune: C, code: `AP-${k}`, village: `${C}-01` });
  });
  afterAll(() => t.close());

  const baseline = (households: unknown[]) => t.http().post('/api/review-rounds/baseline').set(bearer(token)).send({
    communeCode: C, year: 2021, decisionNumber: '215/QĐ-UBND', decisionDate: '2021-12-15', totalHouseholds: 5, households,
  });

  it('imports last year\'s decided list as a decided baseline round — all or nothing', async () => {
    const bad = await baseline([{ code: 'AP-A', class: 'poor' }, { code: 'AP-Z', class: 'poor' }, { code: 'ap-a', class: 'near_poor' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('IMPORT_INVALID');
    expect(bad.body.details.map((d: { row: number; column: string }) => [d.row, d.column])).toEqual([[2, 'code'], [3, 'code']]);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM review_round WHERE commune_code = $1`, [C]);
    expect(n).toBe(0);
    const res = await baseline([{ code: 'AP-A', class: 'poor' }, { code: 'AP-B', class: 'near_poor', certificateNumber: 'CN-OLD-7' }]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'baseline', status: 'decided', listYear: 2022, standard: 'ND07-2021', decisionNumber: '215/QĐ-UBND', frozen: true, counts: { poor: 1, nearPoor: 1 } });
    baselineId = res.body.id;
    const a = await t.http().get(`/api/review-rounds/${baselineId}/results/${ids.A}`).set(bearer(token));
    expect(a.body).toMatchObject({ source: 'imported', computedClass: null, decidedClass: 'poor', certificateNumber: `${C}/2022/HN-0001` });
    expect(a.body.explanation).toContain('Quyết định số 215/QĐ-UBND ngày 15/12/2021');
    expect(a.body.explanation).toContain('không tính lại');
    const b = await t.http().get(`/api/review-rounds/${baselineId}/results/${ids.B}`).set(bearer(token));
    expect(b.body.certificateNumber).toBe('CN-OLD-7');
    const put = await t.http().put(`/api/review-rounds/${baselineId}/results/${ids.C}`).set(bearer(token)).send(RURAL.poor);
    expect(put.body.code).toBe('FROZEN');
  });

  it('takes Mẫu 04 only from a household on the list', async () => {
    const no = await t.http().post('/api/review-applications').set(bearer(token)).send({ householdId: ids.C, form: 'mau04', filedOn: '2022-03-02' });
    expect(no.status).toBe(422);
    expect(no.body.code).toBe('NOT_ELIGIBLE');
    const yes = await t.http().post('/api/review-applications').set(bearer(token)).send({ householdId: ids.A, form: 'mau04', filedOn: '2022-03-02', channel: 'direct' });
    expect(yes.status).toBe(201);
    expect(yes.body).toMatchObject({ status: 'pending', roundId: null, deadline: '2022-03-30' });
    const dup = await t.http().post('/api/review-applications').set(bearer(token)).send({ householdId: ids.A, form: 'mau04', filedOn: '2022-03-05' });
    expect(dup.status).toBe(409);
  });

  let regularId: number;
  it('runs a regular round on the applications filed by its 15th and decides them', async () => {
    const r = await runRound(t, token, { commune: C, year: 2022, kind: 'regular', month: 3 }, async (rid) => {
      regularId = rid;
      const round = (await t.http().get(`/api/review-rounds/${rid}`).set(bearer(token))).body;
      expect(round.opinionRequired).toBe(false);
      // Mẫu 01 filed now goes on the open regular round of its month
      const c = await t.http().post('/api/review-applications').set(bearer(token)).send({ householdId: ids.C, form: 'mau01', filedOn: '2022-03-10' });
      expect(c.body).toMatchObject({ status: 'in_round', roundId: rid, deadline: '2022-03-30' });
      const notListed = await t.http().put(`/api/review-rounds/${rid}/results/${ids.D}`).set(bearer(token)).send(RURAL.poor);
      expect(notListed.status).toBe(422);
      expect(notListed.body.message).toContain('Mẫu 01 / Mẫu 04');
      for (const [k, cls] of [['A', 'above'], ['C', 'poor']] as const) {
        const res = await t.http().put(`/api/review-rounds/${rid}/results/${ids[k]}`).set(bearer(token)).send(RURAL[cls]);
        expect(res.status).toBe(200);
      }
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'regular', status: 'decided', hasMovement: false, decisionDate: '2022-03-28' });
    const apps = await t.http().get(`/api/review-applications?roundId=${regularId}`).set(bearer(token));
    expect(apps.body.items.map((a: { status: string }) => a.status)).toEqual(['decided', 'decided']);
    const escaped = await t.http().get(`/api/review-rounds/${regularId}/lists/escaped-poor`).set(bearer(token));
    expect(escaped.body.items.map((i: { code: string }) => i.code)).toEqual(['AP-A']);
    const poor = await t.http().get(`/api/review-rounds/${regularId}/lists/poor`).set(bearer(token));
    expect(poor.body.items).toEqual([expect.objectContaining({ code: 'AP-C', certificateNumber: `${C}/2022/HN-0002`, persons: 4 })]);
  });

  it('lists overdue applications and lets the chairman refuse one in writing', async () => {
    const late = await t.http().post('/api/review-applications').set(bearer(token)).send({ householdId: ids.E, form: 'mau01', filedOn: '2022-05-03' });
    expect(late.body.deadline).toBe('2022-05-30');
    const overdue = await t.http().get(`/api/review-applications?commune=${C}&overdue=true&date=2022-06-10`).set(bearer(token));
    expect(overdue.body.items).toEqual([expect.objectContaining({ id: late.body.id, overdueDays: 11 })]);
    const noAnswer = await t.http().patch(`/api/review-applications/${late.body.id}`).set(bearer(token)).send({ version: late.body.version, status: 'refused' });
    expect(noAnswer.status).toBe(400);
    const refused = await t.http().patch(`/api/review-applications/${late.body.id}`).set(bearer(token))
      .send({ version: late.body.version, status: 'refused', answer: 'Hộ có thu nhập trên chuẩn cận nghèo theo kết quả rà soát.' });
    expect(refused.body).toMatchObject({ status: 'refused', overdueDays: 0 });
  });

  it('takes the yearly movement from the baseline, not from the regular round in between', async () => {
    const r = await runRound(t, token, { commune: C, year: 2022 }, async (rid) => {
      // who must be reviewed: the current list (A escaped in March, so B and C) — before any result
      const list = await t.http().get(`/api/review-rounds/${rid}/review-list`).set(bearer(token));
      expect(list.body).toMatchObject({ total: 2, reviewed: 0 });
      expect(list.body.items.map((i: { code: string; currentClass: string }) => [i.code, i.currentClass])).toEqual([['AP-B', 'near_poor'], ['AP-C', 'poor']]);
      for (const [k, cls] of [['A', 'above'], ['B', 'poor'], ['C', 'poor'], ['D', 'above'], ['E', 'near_poor']] as const) {
        const res = await t.http().put(`/api/review-rounds/${rid}/results/${ids[k]}`).set(bearer(token)).send(RURAL[cls]);
        expect(res.status).toBe(200);
      }
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ hasMovement: true, startRoundIds: [baselineId] });
    const mv = await t.http().get(`/api/review-rounds/${r.id}/movement`).set(bearer(token));
    const byCode = Object.fromEntries(mv.body.items.map((i: { code: string; poorMove: string; nearPoorMove: string }) => [i.code, [i.poorMove, i.nearPoorMove]]));
    expect(byCode).toEqual({
      'AP-A': ['aboveNearPoor', null],
      'AP-B': ['fromNearPoor', 'toPoor'],
      'AP-C': ['newlyPoor', null],
      'AP-E': [null, 'newlyNearPoor'],
    });
    const s = await t.http().get(`/api/review-rounds/${r.id}/movement/summary`).set(bearer(token));
    expect(s.body.reconciles).toBe(true);
    // the list before this decision was the regular round's: C was poor already, A had escaped
    const escaped = await t.http().get(`/api/review-rounds/${r.id}/lists/escaped-poor`).set(bearer(token));
    expect(escaped.body.total).toBe(0);
  });
});
