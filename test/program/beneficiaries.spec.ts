import { createTestApp, TestApp } from '../utils/test-app';
import { addHousehold, addRound, auditRows, bearer, C1, D1, D2, seedUnits } from './fixtures';

/**
 * Households of Xã An (C1) and their decided reviews:
 *              2019 periodic  2020-06 regular  2021 periodic  2022 periodic  2023-05 regular  2023-08 regular (posted, not decided)
 * poor         .              .                near_poor      poor           .                above
 * near         .              .                .              near_poor      .                .
 * above        .              .                .              above          .                .
 * esc          .              .                poor           above          .                .
 * escNear      .              .                poor           near_poor      .                .
 * amendOut     .              .                .              poor           above            .
 * amendNear    .              .                .              near_poor      above            .
 * amendIn      .              .                .              above          poor             .
 * old          poor           above            .              above          .                .
 * left         .              .                .              poor (moved away 2023-03-01)
 * none         (never reviewed)
 * moved        .              .                poor           (no result; movement: aboveNearPoor)
 */
describe('program beneficiaries: eligibility by the year\'s list (real PostgreSQL)', () => {
  let t: TestApp;
  let district: string;
  let other: string;
  let commune: string;
  const h: Record<string, number> = {};

  const support = (household: number, over: object = {}) =>
    t.http().post('/api/program-beneficiaries').set(bearer(district))
      .send({ householdId: household, projectCode: 'GNBV21-DA2', supportType: 'livelihood_model', amount: 10_000_000, date: '2023-06-15', ...over });
  const check = async (household: number, project: string, date: string) =>
    (await t.http().get(`/api/program-beneficiaries/eligibility?household=${household}&project=${project}&date=${date}`).set(bearer(district))).body;

  beforeAll(async () => {
    t = await createTestApp();
    await seedUnits(t.ds);
    district = await t.tokenFor('district', D1);
    other = await t.tokenFor('district', D2);
    commune = await t.tokenFor('commune', C1);
    for (const k of ['poor', 'near', 'above', 'esc', 'escNear', 'amendOut', 'amendNear', 'amendIn', 'old', 'none', 'moved']) h[k] = await addHousehold(t.ds, C1);
    h.left = await addHousehold(t.ds, C1, { status: 'moved_away', statusDate: '2023-03-01' });
    await addRound(t.ds, { commune: C1, year: 2019, kind: 'periodic', decisionDate: '2019-12-10' }, [[h.old, 'poor']]);
    await addRound(t.ds, { commune: C1, year: 2020, kind: 'regular', month: 6, decisionDate: '2020-06-10' }, [[h.old, 'above']]);
    await addRound(t.ds, { commune: C1, year: 2021, kind: 'baseline', decisionDate: '2021-12-10' },
      [[h.poor, 'near_poor'], [h.esc, 'poor'], [h.escNear, 'poor'], [h.moved, 'poor']]);
    const round2022 = await addRound(t.ds, { commune: C1, year: 2022, kind: 'periodic', decisionDate: '2022-12-09' }, [
      [h.poor, 'poor'], [h.near, 'near_poor'], [h.above, 'above'], [h.esc, 'above'], [h.escNear, 'near_poor'],
      [h.amendOut, 'poor'], [h.amendNear, 'near_poor'], [h.amendIn, 'above'], [h.old, 'above'], [h.left, 'poor'],
    ]);
    // no result of its own in 2022, but the round's movement booked it above the near-poor line
    await t.ds.query(`INSERT INTO review_movement (round_id, household_id, start_class, end_class, poor_move, near_poor_move)
                      VALUES ($1, $2, 'poor', 'none', 'aboveNearPoor', NULL)`, [round2022, h.moved]);
    await addRound(t.ds, { commune: C1, year: 2023, kind: 'regular', month: 5, decisionDate: '2023-05-30' },
      [[h.amendOut, 'above'], [h.amendNear, 'above'], [h.amendIn, 'poor']]);
    await addRound(t.ds, { commune: C1, year: 2023, kind: 'regular', month: 8, decisionDate: '2023-08-30', status: 'posted' }, [[h.poor, 'above']]);
  });
  afterAll(() => t.close());

  it.each<[string, string, string, string, boolean, string | null]>([
    // the list of 2023 = the periodic review of 2022
    ['poor', 'GNBV21-DA2', '2023-06-15', 'poor', true, 'poor'],
    ['near', 'GNBV21-DA2', '2023-06-15', 'near_poor', true, 'near_poor'],
    ['above', 'GNBV21-DA2', '2023-06-15', 'above', false, null],
    ['none', 'GNBV21-DA2', '2023-06-15', null as unknown as string, false, null],
    // the list of 2022 = the baseline review of 2021: other classes the year before
    ['poor', 'GNBV21-DA2', '2022-06-15', 'near_poor', true, 'near_poor'],
    ['esc', 'GNBV21-DA2', '2022-06-15', 'poor', true, 'poor'],
    ['near', 'GNBV21-DA2', '2022-06-15', null as unknown as string, false, null],
    // escaped at the 2022 review: recently escaped in 2023
    ['esc', 'GNBV21-DA2', '2023-06-15', 'above', true, 'recently_escaped'],
    ['escNear', 'GNBV21-DA2', '2023-06-15', 'near_poor', true, 'near_poor'],
    ['moved', 'GNBV21-DA2', '2023-06-15', null as unknown as string, true, 'recently_escaped'],
    // amended by the regular review of May 2023, from its decision date on
    ['amendOut', 'GNBV21-DA2', '2023-05-20', 'poor', true, 'poor'],
    ['amendOut', 'GNBV21-DA2', '2023-06-15', 'above', true, 'recently_escaped'],
    ['amendNear', 'GNBV21-DA2', '2023-05-29', 'near_poor', true, 'near_poor'],
    ['amendNear', 'GNBV21-DA2', '2023-06-15', 'above', false, null],
    ['amendIn', 'GNBV21-DA2', '2023-05-20', 'above', false, null],
    ['amendIn', 'GNBV21-DA2', '2023-06-15', 'poor', true, 'poor'],
    // a regular round that is only posted (not decided) changes nothing
    ['poor', 'GNBV21-DA2', '2023-09-15', 'poor', true, 'poor'],
    // escaped on 10/06/2020: recently escaped until 09/06/2023 inclusive (36 months)
    ['old', 'GNBV21-DA2', '2023-06-09', 'above', true, 'recently_escaped'],
    ['old', 'GNBV21-DA2', '2023-06-10', 'above', false, null],
    // per-project rules: Project 1 supports no household; Project 5 only poor and near-poor;
    // Project 4 also other workers, booked under their real status
    ['poor', 'GNBV21-DA1', '2023-06-15', 'poor', false, null],
    ['esc', 'GNBV21-DA5', '2023-06-15', 'above', false, null],
    ['near', 'GNBV21-DA5', '2023-06-15', 'near_poor', true, 'near_poor'],
    ['above', 'GNBV21-DA4-TDA1', '2023-06-15', 'above', true, 'other'],
    ['none', 'GNBV21-DA4-TDA1', '2023-06-15', null as unknown as string, true, 'other'],
    ['esc', 'GNBV21-DA4-TDA1', '2023-06-15', 'above', true, 'recently_escaped'],
    // gone from the register before the support
    ['left', 'GNBV21-DA2', '2023-06-15', 'poor', false, null],
    ['left', 'GNBV21-DA2', '2023-02-15', 'poor', true, 'poor'],
  ])('%s, %s on %s: on the list as %s → eligible %s as %s', async (key, project, date, listClass, eligible, group) => {
    const e = await check(h[key], project, date);
    expect(e).toMatchObject({ householdId: h[key], projectCode: project, date, listClass, eligible, group });
    expect(typeof e.reason).toBe('string');
  });

  it('stores an eligible support with the class and the round it was accepted on', async () => {
    const res = await support(h.esc);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      householdId: h.esc, unitCode: C1, programCode: 'GNBV-2021-2025', projectCode: 'GNBV21-DA2', supportType: 'livelihood_model',
      amount: 10_000_000, date: '2023-06-15', year: 2023, group: 'recently_escaped', listClass: 'above', escapedOn: '2022-12-09', version: 1,
    });
    expect(res.body.eligibilityReason).toContain('hộ mới thoát nghèo theo quyết định ngày 09/12/2022');
    const [{ id: round2022 }] = await t.ds.query(`SELECT id FROM review_round WHERE commune_code = $1 AND year = 2022 AND kind = 'periodic'`, [C1]);
    expect(res.body.listRoundId).toBe(round2022);
    expect((await support(h.esc)).status).toBe(409); // the same support twice
  });

  it('refuses a household off the list with 422 NOT_ELIGIBLE and the reason', async () => {
    const res = await support(h.above);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'NOT_ELIGIBLE', details: [expect.objectContaining({ field: 'householdId', listClass: 'above', memberships: ['other'] })] });
    expect(res.body.message).toBe(
      'Hộ không thuộc đối tượng của Dự án 2: ngày 15/06/2023 hộ là hộ không nghèo theo danh sách năm 2023 (rà soát định kỳ năm 2022, quyết định ngày 09/12/2022). ' +
      'Dự án 2 chỉ hỗ trợ: hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo.',
    );
    const amended = await support(h.amendNear);
    expect(amended.status).toBe(422);
    expect(amended.body.message).toContain('rà soát thường xuyên tháng 5/2023');
    const infra = await support(h.poor, { projectCode: 'GNBV21-DA1', supportType: 'production_support' });
    expect(infra.status).toBe(422);
    expect(infra.body.message).toBe('Dự án 1 không hỗ trợ trực tiếp cho hộ gia đình (không có hộ hưởng lợi).');
    const housing = await support(h.esc, { projectCode: 'GNBV21-DA5', supportType: 'housing' });
    expect(housing.status).toBe(422);
    expect(housing.body.message).toContain('Dự án 5 chỉ hỗ trợ: hộ nghèo, hộ cận nghèo.');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM program_beneficiary`))[0].n).toBe(1);
  });

  it('follows the rules an admin changes, without a release', async () => {
    const admin = await t.tokenFor('admin', null);
    const p = await t.http().get('/api/program-projects/GNBV21-DA5').set(bearer(admin));
    await t.http().patch('/api/program-projects/GNBV21-DA5').set(bearer(admin)).send({ version: p.body.version, beneficiaryGroups: ['poor', 'near_poor', 'recently_escaped'] });
    expect((await support(h.esc, { projectCode: 'GNBV21-DA5', supportType: 'housing', amount: 40_000_000 })).status).toBe(201);
  });

  it('re-checks eligibility when the date or the project of a support changes', async () => {
    const created = await support(h.amendNear, { date: '2023-05-20' });
    expect(created.status).toBe(201);
    expect(created.body.group).toBe('near_poor');
    const later = await t.http().patch(`/api/program-beneficiaries/${created.body.id}`).set(bearer(district)).send({ version: 1, date: '2023-06-20' });
    expect(later.status).toBe(422);
    expect(later.body.code).toBe('NOT_ELIGIBLE');
    const amount = await t.http().patch(`/api/program-beneficiaries/${created.body.id}`).set(bearer(district)).send({ version: 1, amount: 12_000_000 });
    expect(amount.status).toBe(200);
    expect(amount.body).toMatchObject({ version: 2, amount: 12_000_000, group: 'near_poor' });
    const future = await support(h.poor, { date: '2099-01-01' });
    expect(future.status).toBe(400);
  });

  it('keeps writes in the writer\'s area and role, reads in the reader\'s', async () => {
    expect((await t.http().post('/api/program-beneficiaries').set(bearer(other))
      .send({ householdId: h.poor, projectCode: 'GNBV21-DA2', supportType: 'livelihood_model', amount: 1, date: '2023-06-15' })).status).toBe(403);
    expect((await t.http().post('/api/program-beneficiaries').set(bearer(commune))
      .send({ householdId: h.poor, projectCode: 'GNBV21-DA2', supportType: 'livelihood_model', amount: 1, date: '2023-06-15' })).status).toBe(403);
    expect((await t.http().get(`/api/program-beneficiaries/eligibility?household=${h.poor}&project=GNBV21-DA2&date=2023-06-15`).set(bearer(other))).status).toBe(403);
    const list = await t.http().get(`/api/program-beneficiaries?unit=${C1}&year=2023`).set(bearer(commune));
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect((await t.http().get('/api/program-beneficiaries').set(bearer(other))).body.total).toBe(0);
  });

  it('deletes, and audits every write', async () => {
    const [{ id, version }] = await t.ds.query(`SELECT id, version FROM program_beneficiary WHERE household_id = $1`, [h.amendNear]);
    // a delete without the version read is refused (400 naming version)
    const bare = await t.http().delete(`/api/program-beneficiaries/${id}`).set(bearer(district));
    expect(bare.status).toBe(400);
    expect(bare.body.details[0].field).toBe('version');
    expect((await t.http().delete(`/api/program-beneficiaries/${id}?version=${version}`).set(bearer(district))).status).toBe(204);
    const rows = await auditRows(t.ds, 'program_beneficiary');
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['create', 'create', 'create', 'update', 'delete']);
    expect(rows[0]).toMatchObject({ actor: 'district_991', unitCode: C1 });
    expect(rows[0].newValue).toMatchObject({ householdId: h.esc, group: 'recently_escaped' });
    expect(rows[3].oldValue.amount).toBe(10_000_000);
    expect(rows[3].newValue.amount).toBe(12_000_000);
  });
});
