import ExcelJS from 'exceljs';
import { seedDemoUnits } from '../../src/demo/seed-units';
import { createTestApp, TestApp } from '../utils/test-app';
import { addHousehold, bearer, FAMILY, RURAL, runRound } from '../utils/reviews';

const C = '02314'; // Xã Hùng Mỹ (rural)
const TOWN = '02287'; // Thị trấn Vĩnh Lộc (urban)

async function workbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
const binary = (res: import('supertest').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('review results: classification, explanation, override, import (real PostgreSQL)', () => {
  let t: TestApp;
  let token: string;
  let admin: string;
  let roundId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    await t.ds.transaction((m) => seedDemoUnits(m));
    token = await t.tokenFor('commune', C);
    admin = await t.tokenFor('admin', null);
    ids.plain = await addHousehold(t.ds, { commune: C, code: 'R-01', village: `${C}-01` });
    // member data showing three deprivations: no insurance (an adult), a child out of school, a malnourished child
    ids.deprived = await addHousehold(t.ds, {
      commune: C, code: 'R-02', village: `${C}-01`,
      members: [
        { ...FAMILY[0], healthInsurance: false },
        FAMILY[1],
        { ...FAMILY[2], inSchool: false },
        { ...FAMILY[3], malnourished: true },
      ],
    });
    for (let i = 3; i <= 12; i++) ids[`h${i}`] = await addHousehold(t.ds, { commune: C, code: `R-${String(i).padStart(2, '0')}`, village: `${C}-02` });
    const r = await t.http().post('/api/review-rounds').set(bearer(token)).send({ communeCode: C, year: 2023, kind: 'periodic' });
    roundId = r.body.id;
    await t.http().post(`/api/review-rounds/${roundId}/start`).set(bearer(token)).send({ version: r.body.version, date: '2023-09-05' });
  }, 60_000);
  afterAll(() => t.close());

  const put = (hid: number, body: Record<string, unknown>, tk = token) => t.http().put(`/api/review-rounds/${roundId}/results/${hid}`).set(bearer(tk)).send(body);

  it('classifies from the inputs, with the explanation and the rule values used', async () => {
    const res = await put(ids.plain, { b1Score: 130, incomePerCapita: 1_200_000, deprivations: ['water', 'sanitation', 'housingQuality'], causes: [2, 1], supportNeeds: ['credit', 'housing'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      householdCode: 'R-01', standard: 'ND07-2021', areaType: 'rural', computedClass: 'poor', decidedClass: 'poor', incomeBasis: 'b1',
      deprivationCount: 3, b2Score: 30, povertyLine: 1_500_000, b1Cutoff: 140, causes: [1, 2], supportNeeds: ['credit', 'housing'],
      enteredDeprivations: ['housingQuality', 'water', 'sanitation'], override: null, snapshot: null, version: 1,
    });
    expect(res.body.explanation).toContain('Điểm B1 = 130 ≤ 140');
    expect(res.body.explanation).toContain('Kết luận: hộ nghèo');
    expect(res.body.explanation).toContain('theo phiếu B2');
  });

  it('derives deprivations from member data when no ticks are entered, and keeps both', async () => {
    const derived = await put(ids.deprived, { b1Score: 120 });
    expect(derived.body).toMatchObject({
      enteredDeprivations: null, derivedDeprivations: ['nutrition', 'healthInsurance', 'childSchooling'],
      deprivations: ['nutrition', 'healthInsurance', 'childSchooling'], computedClass: 'poor',
    });
    expect(derived.body.derivedAssessed).toEqual(expect.arrayContaining(['employment', 'dependants', 'nutrition', 'healthInsurance', 'adultEducation', 'childSchooling']));
    expect(derived.body.explanation).toContain('suy ra từ dữ liệu thành viên');
    // entered ticks win
    const entered = await put(ids.deprived, { version: 1, b1Score: 120, deprivations: ['water'] });
    expect(entered.body).toMatchObject({ enteredDeprivations: ['water'], derivedDeprivations: ['nutrition', 'healthInsurance', 'childSchooling'], deprivations: ['water'], computedClass: 'near_poor', version: 2 });
    expect(entered.body.explanation).toContain('dữ liệu thành viên cho thấy thiếu hụt Dinh dưỡng, Bảo hiểm y tế, Tình trạng đi học của trẻ em nhưng phiếu B2 không đánh dấu');
  });

  it('refuses an unknown indicator naming it, and a stale version', async () => {
    const bad = await put(ids.h3, { b1Score: 100, deprivations: ['water', 'wasteTreatment'] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'UNKNOWN_INDICATOR', details: [{ field: 'deprivations', value: 'wasteTreatment' }] });
    expect(bad.body.message).toContain('wasteTreatment');
    await put(ids.h3, RURAL.near_poor);
    const stale = await put(ids.h3, { ...RURAL.poor, version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const missing = await put(ids.h3, { deprivations: [], version: 1 });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].field).toBe('incomePerCapita');
  });

  it('records an override with its reason and author, audited apart', async () => {
    const noReason = await put(ids.h4, { ...RURAL.near_poor, decidedClass: 'poor' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('overrideReason');
    const res = await put(ids.h4, { ...RURAL.near_poor, decidedClass: 'poor', overrideReason: 'Hội nghị thôn: chủ hộ ốm nặng dài ngày, không còn lao động' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ computedClass: 'near_poor', decidedClass: 'poor', override: { reason: expect.stringContaining('ốm nặng'), by: `commune_${C}` } });
    expect(res.body.explanation).toContain('Hội nghị quyết định: hộ nghèo (khác kết quả tính theo chuẩn: hộ cận nghèo)');
    const audit = await t.ds.query(`SELECT action, new_value FROM audit_log WHERE entity = 'review_result' AND entity_id = $1 ORDER BY id`, [String(res.body.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'override']);
    expect(audit[1].new_value).toMatchObject({ computedClass: 'near_poor', decidedClass: 'poor' });
  });

  it('records the Phiếu A quick screen and the farm-household flag', async () => {
    const res = await put(ids.h5, { quickScreen: 'screened_out', farmAverage: true });
    expect(res.body).toMatchObject({ quickScreen: 'screened_out', computedClass: 'above', incomeBasis: 'quick_screen', farmAverage: true });
    expect(res.body.explanation).toContain('Phiếu A');
  });

  it('computes the provincial local classification beside the national one', async () => {
    const created = await t.http().post('/api/standards').set(bearer(admin)).send({
      code: 'TQ-LOCAL', title: 'Chuẩn nghèo riêng tỉnh Tuyên Quang', decree: 'Nghị quyết HĐND tỉnh (thử nghiệm)', listYearFrom: 2024, listYearTo: 2026,
      provinceCode: '08', nationalCode: 'ND07-2021', lines: [{ areaType: 'rural', incomeLine: 1_800_000, b1Cutoff: 160 }],
    });
    expect(created.status).toBe(201);
    const res = await put(ids.h6, { b1Score: 150, deprivations: ['water', 'sanitation', 'telecom'] });
    expect(res.body).toMatchObject({ computedClass: 'above', decidedClass: 'above', localStandard: 'TQ-LOCAL', localClass: 'poor' });
    expect(res.body.localExplanation).toContain('Chuẩn TQ-LOCAL');
  });

  it('lists the results of a round, paged and filtered', async () => {
    const res = await t.http().get(`/api/review-rounds/${roundId}/results?class=poor&pageSize=2`).set(bearer(token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 2, total: 2 });
    const ov = await t.http().get(`/api/review-rounds/${roundId}/results?overridden=true`).set(bearer(token));
    expect(ov.body.items.map((i: { householdCode: string }) => i.householdCode)).toEqual(['R-04']);
    const one = await t.http().get(`/api/review-rounds/${roundId}/results/${ids.plain}`).set(bearer(token));
    expect(one.body.explanation).toContain('Chuẩn ND07-2021');
  });

  describe('Excel', () => {
    let template: Buffer;

    it('gives a template with the commune\'s households and a column per indicator, pre-filled', async () => {
      const res = await t.http().get(`/api/review-rounds/${roundId}/results/template.xlsx`).set(bearer(token)).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      template = res.body as Buffer;
      const ws = (await workbook(template)).getWorksheet('Kết quả rà soát')!;
      const header = (ws.getRow(4).values as string[]).slice(2); // values are 1-based; column A is STT
      expect(header.slice(0, 6)).toEqual(['Mã hộ', 'Họ và tên chủ hộ', 'Thôn, tổ dân phố', 'Phiếu A: loại khỏi rà soát (x)', 'Điểm B1', 'Thu nhập bình quân (đồng/người/tháng)']);
      expect(header).toContain('Bảo hiểm y tế [healthInsurance]');
      expect(header).toHaveLength(6 + 12 + 3);
      expect(ws.getCell(5, 2).value).toBe('R-01');
      expect(ws.getCell(5, 6).value).toBe(130); // the B1 score already entered
      expect(ws.rowCount).toBe(4 + 12);
    });

    const fill = async (edit: (ws: ExcelJS.Worksheet, col: (title: string) => number) => void) => {
      const wb = await workbook(template);
      const ws = wb.getWorksheet('Kết quả rà soát')!;
      const header = ws.getRow(4).values as string[];
      const col = (title: string) => header.findIndex((h) => typeof h === 'string' && h.startsWith(title));
      edit(ws, col);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = (buf: Buffer) => t.http().post(`/api/review-rounds/${roundId}/results/import`).set(bearer(token)).attach('file', buf, 'ket-qua.xlsx');

    it('writes nothing when a row is bad and reports every bad cell with its row and column', async () => {
      const before = await t.ds.query(`SELECT household_id, version FROM review_result WHERE round_id = $1 ORDER BY household_id`, [roundId]);
      const buf = await fill((ws, col) => {
        ws.getCell(10, col('Điểm B1')).value = 'mười';               // not a number
        ws.getCell(11, col('Nguồn nước')).value = 'có lẽ';             // not a mark
        ws.getCell(11, col('Điểm B1')).value = 100;
        ws.getCell(12, col('Mã hộ')).value = 'R-99';                  // unknown household
        ws.getCell(12, col('Điểm B1')).value = 100;
        ws.getCell(13, col('Nguyên nhân')).value = '2, 9';            // no cause 9
        ws.getCell(13, col('Điểm B1')).value = 100;
        ws.getCell(14, col('Thu nhập')).value = '1.200.000đ';         // fine
      });
      const res = await upload(buf);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('IMPORT_INVALID');
      const cells = res.body.details.map((d: { row: number; column: string; field: string }) => [d.row, d.column, d.field]);
      expect(cells).toEqual([
        [10, 'F', 'b1Score'],
        [11, expect.any(String), 'deprivations.water'],
        [12, 'B', 'code'],
        [13, expect.any(String), 'causes'],
      ]);
      const after = await t.ds.query(`SELECT household_id, version FROM review_result WHERE round_id = $1 ORDER BY household_id`, [roundId]);
      expect(after).toEqual(before);
    });

    it('imports officers\' formats: numbers as text with dots, formulas, x / ✓ / "có" marks, names of needs', async () => {
      const buf = await fill((ws, col) => {
        ws.getCell(11, col('Điểm B1')).value = { formula: '60+60', result: 120 } as ExcelJS.CellFormulaValue;
        ws.getCell(11, col('Thu nhập')).value = '1.350.000';
        for (const k of ['Chất lượng nhà ở', 'Nhà tiêu', 'Nguồn nước']) ws.getCell(11, col(k)).value = 'x';
        ws.getCell(11, col('Nguyên nhân')).value = '1; 5';
        ws.getCell(11, col('Nhu cầu')).value = 'Vay vốn tín dụng, nhà ở';
        ws.getCell(12, col('Thu nhập')).value = '2,600,000 VNĐ';
        ws.getCell(12, col('Việc làm')).value = '✓';
        ws.getCell(13, col('Điểm B1')).value = ' 95 ';
        ws.getCell(13, col('Bảo hiểm')).value = 'có';
        ws.getCell(13, col('Dinh dưỡng')).value = 1;
      });
      const res = await upload(buf);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ rows: 9, created: 3, updated: 6, skipped: 3 });
      const rows = await t.ds.query(
        `SELECT h.code, x.b1_score, x.income_per_capita, x.deprivations, x.computed_class, x.causes, x.support_needs
           FROM review_result x JOIN household h ON h.id = x.household_id WHERE x.round_id = $1 AND h.code IN ('R-07','R-08','R-09') ORDER BY h.code`,
        [roundId]);
      expect(rows).toEqual([
        { code: 'R-07', b1_score: 120, income_per_capita: 1_350_000, deprivations: ['housingQuality', 'water', 'sanitation'], computed_class: 'poor', causes: [1, 5], support_needs: ['credit', 'housing'] },
        { code: 'R-08', b1_score: null, income_per_capita: 2_600_000, deprivations: ['employment'], computed_class: 'above', causes: [], support_needs: [] },
        { code: 'R-09', b1_score: 95, income_per_capita: null, deprivations: ['nutrition', 'healthInsurance'], computed_class: 'near_poor', causes: [], support_needs: [] },
      ]);
      // the override decided by the meeting survives the re-import of R-04's inputs
      const [r4] = await t.ds.query(`SELECT decided_class, override_reason FROM review_result x JOIN household h ON h.id = x.household_id WHERE round_id = $1 AND h.code = 'R-04'`, [roundId]);
      expect(r4.decided_class).toBe('poor');
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import' AND entity = 'review_result'`);
      expect(n).toBe(1);
    });

    it('refuses what is not a workbook', async () => {
      const res = await t.http().post(`/api/review-rounds/${roundId}/results/import`).set(bearer(token)).attach('file', Buffer.from('not a zip'), 'x.xlsx');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BAD_FILE');
    });
  });

  describe('the snapshot taken by the decision', () => {
    it('does not change when the register is edited after the decision', async () => {
      const T = await t.tokenFor('commune', TOWN);
      const h = await addHousehold(t.ds, { commune: TOWN, code: 'SN-1', headSex: 'female', ethnicity: '01', meritorious: true, village: `${TOWN}-01`,
        members: [{ ...FAMILY[0], sex: 'female', idNumber: '008123456789' }, FAMILY[1], { ...FAMILY[2], birthYear: 2016, healthInsurance: false }, { ...FAMILY[3], malnourished: true, birthYear: 2019, inSchool: false }] });
      const r = await runRound(t, T, { commune: TOWN, year: 2022 }, async (rid) => {
        const res = await t.http().put(`/api/review-rounds/${rid}/results/${h}`).set(bearer(T)).send({ incomePerCapita: 1_900_000, deprivations: ['water', 'sanitation', 'housingArea'] });
        expect(res.body).toMatchObject({ areaType: 'urban', computedClass: 'poor', povertyLine: 2_000_000 });
      });
      expect(r.status).toBe(200);
      const snap = async () => (await t.http().get(`/api/review-rounds/${r.id}/results/${h}`).set(bearer(T))).body.snapshot;
      const before = await snap();
      expect(before).toEqual({
        persons: 4, headName: 'Nông Văn SN-1', headSex: 'female', headEthnicity: '01', villageCode: `${TOWN}-01`, ethnicMinority: false,
        femaleHead: true, meritorious: true, noLabourCapacity: false, children: 2, childrenNoInsurance: 1, childrenMalnourished: 1, childrenOutOfSchool: 1,
      });
      await t.ds.query(`UPDATE household SET head_name = 'Tên mới', head_sex = 'male', head_ethnicity = '02', meritorious = false, village_code = $2 WHERE id = $1`, [h, `${TOWN}-02`]);
      await t.ds.query(`DELETE FROM household_member WHERE household_id = $1 AND relation <> 'head'`, [h]);
      expect(await snap()).toEqual(before);
      const list = await t.http().get(`/api/review-rounds/${r.id}/lists/poor`).set(bearer(T));
      expect(list.body.items[0]).toMatchObject({ code: 'SN-1', headName: 'Nông Văn SN-1', villageCode: `${TOWN}-01`, persons: 4, certificateNumber: `${TOWN}/2023/HN-0001` });
      expect(list.body.items[0].members[0].idNumber).toBe('008123456789');
      const district = await t.tokenFor('district', '073');
      const masked = await t.http().get(`/api/review-rounds/${r.id}/lists/poor`).set(bearer(district));
      expect(masked.body.items[0].members[0].idNumber).toBe('*********789');
      const certs = await t.http().get(`/api/review-rounds/${r.id}/certificates`).set(bearer(district));
      expect(certs.body.items).toEqual([expect.objectContaining({ certificateNumber: `${TOWN}/2023/HN-0001`, class: 'poor', persons: 4 })]);
    });
  });
});
