import { createTestApp, TestApp } from '../utils/test-app';
import { auditRows, bearer, C1, C3, D1, seedUnits } from './fixtures';

const BN = 1_000_000_000; // one billion VND

describe('program funds: append-only entries, corrections, over-spend (real PostgreSQL)', () => {
  let t: TestApp;
  let district: string;
  let commune: string;
  let province: string;
  const post = (token: string, body: object) => t.http().post('/api/program-funds').set(bearer(token)).send(body);
  const entry = (over: object = {}) => ({
    unitCode: D1, year: 2023, projectCode: 'GNBV21-DA2', source: 'central', fundType: 'recurrent', kind: 'allocated',
    amount: BN, entryDate: '2023-02-10', documentRef: 'QĐ 120/QĐ-UBND', ...over,
  });
  const count = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM program_fund_entry`))[0].n;
  let disbursementId: number;

  beforeAll(async () => {
    t = await createTestApp();
    await seedUnits(t.ds);
    district = await t.tokenFor('district', D1);
    commune = await t.tokenFor('commune', C1);
    province = await t.tokenFor('province', '99');
  });
  afterAll(() => t.close());

  it('books an allocation and a disbursement and answers with the figures in force', async () => {
    const a = await post(district, entry());
    expect(a.status).toBe(201);
    expect(a.body.entry).toMatchObject({ unitCode: D1, year: 2023, projectCode: 'GNBV21-DA2', kind: 'allocated', amount: BN, entryDate: '2023-02-10', effective: true, correctsId: null });
    expect(a.body.bucket).toEqual({ projectCode: 'GNBV21-DA2', source: 'central', fundType: 'recurrent', allocated: BN, disbursed: 0 });
    const d = await post(district, entry({ kind: 'disbursed', amount: 400_000_000, entryDate: '2023-06-30', documentRef: 'UNC 15' }));
    expect(d.status).toBe(201);
    expect(d.body.bucket).toMatchObject({ allocated: BN, disbursed: 400_000_000 });
    disbursementId = d.body.entry.id;
  });

  it('refuses a disbursement above the allocation with 422 OVERSPEND, writing nothing', async () => {
    const before = await count();
    const res = await post(district, entry({ kind: 'disbursed', amount: 700_000_000, entryDate: '2023-09-30' }));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'OVERSPEND' });
    expect(res.body.details[0]).toMatchObject({ field: 'amount', projectLabel: 'Dự án 2', source: 'central', fundType: 'recurrent', allocated: BN, disbursed: 1_100_000_000 });
    expect(res.body.message).toContain('vượt kế hoạch vốn được giao');
    expect(await count()).toBe(before);
  });

  it('needs a reason to flag an over-spend, then accepts it', async () => {
    const noReason = await post(district, entry({ kind: 'disbursed', amount: 700_000_000, entryDate: '2023-09-30', overspend: true }));
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('overspendReason');
    const ok = await post(district, entry({
      kind: 'disbursed', amount: 700_000_000, entryDate: '2023-09-30', overspend: true,
      overspendReason: 'Tạm ứng từ nguồn năm sau theo văn bản 55/UBND',
    }));
    expect(ok.status).toBe(201);
    expect(ok.body.entry).toMatchObject({ overspend: true, overspendReason: 'Tạm ứng từ nguồn năm sau theo văn bản 55/UBND' });
    expect(ok.body.overspends).toEqual([expect.objectContaining({ projectLabel: 'Dự án 2', allocated: BN, disbursed: 1_100_000_000 })]);
  });

  it('corrects an entry with a new one that replaces it; the history keeps both', async () => {
    const res = await t.http().post(`/api/program-funds/${disbursementId}/corrections`).set(bearer(district))
      .send({ amount: 300_000_000, reason: 'Nhập nhầm số tiền trên ủy nhiệm chi' });
    expect(res.status).toBe(201);
    expect(res.body.entry).toMatchObject({ correctsId: disbursementId, amount: 300_000_000, kind: 'disbursed', entryDate: '2023-06-30', documentRef: 'UNC 15', correctionReason: 'Nhập nhầm số tiền trên ủy nhiệm chi' });
    // 300 + 700 = 1,000 million: exactly the allocation again
    expect(res.body.bucket).toMatchObject({ allocated: BN, disbursed: BN });
    expect(res.body.overspends).toEqual([]);

    const history = await t.http().get(`/api/program-funds/${disbursementId}/history`).set(bearer(district));
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { id: number; amount: number; effective: boolean; correctedById: number | null }) => [e.amount, e.effective, e.correctedById])).toEqual([
      [400_000_000, false, res.body.entry.id],
      [300_000_000, true, null],
    ]);
    // the same chain seen from the correction
    const fromNew = await t.http().get(`/api/program-funds/${res.body.entry.id}/history`).set(bearer(district));
    expect(fromNew.body.items).toHaveLength(2);

    const again = await t.http().post(`/api/program-funds/${disbursementId}/corrections`).set(bearer(district)).send({ amount: 1, reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.details[0]).toMatchObject({ correctedById: res.body.entry.id });

    const all = await t.http().get(`/api/program-funds?unit=${D1}&year=2023`).set(bearer(district));
    expect(all.body.total).toBe(4);
    const effective = await t.http().get(`/api/program-funds?unit=${D1}&year=2023&includeCorrected=false`).set(bearer(district));
    expect(effective.body.total).toBe(3);
    expect(effective.body.items.every((e: { effective: boolean }) => e.effective)).toBe(true);
  });

  it('never lets the database overwrite or delete an entry', async () => {
    await expect(t.ds.query(`UPDATE program_fund_entry SET amount = 1 WHERE id = $1`, [disbursementId])).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM program_fund_entry WHERE id = $1`, [disbursementId])).rejects.toThrow(/append-only/);
  });

  it('judges an allocation cut: below what was disbursed is an over-spend, below zero is refused', async () => {
    const cut = await post(district, entry({ amount: -1, entryDate: '2023-10-01', documentRef: 'QĐ điều chỉnh' }));
    expect(cut.status).toBe(422);
    expect(cut.body.code).toBe('OVERSPEND');
    const below = await post(district, entry({ source: 'local', amount: -5, entryDate: '2023-10-01' }));
    expect(below.status).toBe(422);
    expect(below.body.code).toBe('BUSINESS_RULE');
    const negDisb = await post(district, entry({ kind: 'disbursed', amount: -5 }));
    expect(negDisb.status).toBe(400);
    expect(negDisb.body.details[0].field).toBe('amount');
  });

  it('checks sub-projects on their own and within their project', async () => {
    expect((await post(district, entry({ unitCode: C1, projectCode: 'GNBV21-DA3-TDA1', amount: 500_000_000, entryDate: '2023-03-01' }))).status).toBe(201);
    // nothing allocated to Tiểu dự án 2: a disbursement there is an over-spend even though Dự án 3 has funds
    const res = await post(district, entry({ unitCode: C1, projectCode: 'GNBV21-DA3-TDA2', kind: 'disbursed', amount: 100_000_000, entryDate: '2023-04-01' }));
    expect(res.status).toBe(422);
    expect(res.body.details[0].projectLabel).toBe('Tiểu dự án 2 (Dự án 3)');
    expect((await post(district, entry({ unitCode: C1, projectCode: 'GNBV21-DA3-TDA1', kind: 'disbursed', amount: 125_000_000, entryDate: '2023-05-01' }))).status).toBe(201);
    expect((await post(district, entry({ unitCode: C1, projectCode: 'GNBV21-DA3-TDA1', source: 'local', amount: 50_000_000, entryDate: '2023-03-01' }))).status).toBe(201);
  });

  it('totals per project over the unit and its communes, rolled up over sub-projects, with rates', async () => {
    const res = await t.http().get(`/api/program-funds/totals?unit=${D1}&year=2023`).set(bearer(district));
    expect(res.status).toBe(200);
    expect(res.body.unit).toEqual({ code: D1, name: 'Huyện Một', level: 'district' });
    const program = res.body.programs[0];
    expect(program.code).toBe('GNBV-2021-2025');
    const da2 = program.projects.find((p: { code: string }) => p.code === 'GNBV21-DA2');
    expect(da2.funds).toMatchObject({ allocated: BN, disbursed: BN, rate: 100 });
    const da3 = program.projects.find((p: { code: string }) => p.code === 'GNBV21-DA3');
    // 500 + 50 million allocated, 125 disbursed: 22.73 %
    expect(da3.funds).toMatchObject({ allocated: 550_000_000, disbursed: 125_000_000, rate: 22.73 });
    expect(da3.funds.bySource.central).toEqual({ allocated: 500_000_000, disbursed: 125_000_000, rate: 25 });
    expect(da3.funds.bySource.local).toEqual({ allocated: 50_000_000, disbursed: 0, rate: 0 });
    expect(da3.funds.byType.investment).toEqual({ allocated: 0, disbursed: 0, rate: null });
    expect(da3.subProjects[0].funds).toMatchObject({ allocated: 550_000_000, disbursed: 125_000_000 });
    expect(da3.subProjects[1].funds).toMatchObject({ allocated: 0, disbursed: 0, rate: null });
    expect(program.total).toMatchObject({ allocated: 1_550_000_000, disbursed: 1_125_000_000, rate: 72.58 });
    // the commune alone
    const c1 = await t.http().get(`/api/program-funds/totals?unit=${C1}&year=2023`).set(bearer(commune));
    expect(c1.status).toBe(200);
    expect(c1.body.programs[0].total).toMatchObject({ allocated: 550_000_000, disbursed: 125_000_000 });
  });

  it('validates dates against the plan year', async () => {
    const res = await post(district, entry({ entryDate: '2025-01-15' }));
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('entryDate');
  });

  it('keeps writes inside the writer\'s area and role; reads inside the reader\'s area', async () => {
    const outside = await post(district, entry({ unitCode: C3 }));
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('OUT_OF_SCOPE');
    const byCommune = await post(commune, entry({ unitCode: C1 }));
    expect(byCommune.status).toBe(403);
    expect(byCommune.body.code).toBe('FORBIDDEN');
    expect((await post(province, entry({ unitCode: C3, projectCode: 'GNBV21-DA6-TDA1', amount: 10_000_000 }))).status).toBe(201);

    expect((await t.http().get(`/api/program-funds/totals?unit=${D1}&year=2023`).set(bearer(commune))).status).toBe(403);
    const mine = await t.http().get('/api/program-funds?year=2023&pageSize=100').set(bearer(commune));
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((e: { unitCode: string }) => e.unitCode === C1)).toBe(true);
    const other = await t.http().get(`/api/program-funds/${disbursementId}/history`).set(bearer(commune));
    expect(other.status).toBe(403);
  });

  it('audits every write with the actor, the unit and the values', async () => {
    const rows = await auditRows(t.ds, 'program_fund_entry');
    const entries = await t.ds.query(`SELECT count(*)::int AS n FROM program_fund_entry`);
    expect(rows).toHaveLength(entries[0].n);
    const correction = rows.find((r: { action: string }) => r.action === 'correct');
    expect(correction).toMatchObject({ actor: 'district_991', actorRole: 'district', unitCode: D1, note: 'Nhập nhầm số tiền trên ủy nhiệm chi' });
    expect(correction.oldValue).toMatchObject({ id: disbursementId, amount: 400_000_000 });
    expect(correction.newValue).toMatchObject({ correctsId: disbursementId, amount: 300_000_000 });
    expect(rows.find((r: { note: string | null }) => r.note?.startsWith('over-spend accepted'))).toBeDefined();
  });
});
