import { seedDemoUnits } from '../../src/demo/seed-units';
import { STANDARD_SEEDS } from '../../src/standards/standard-seeds';
import { Answers, ExportStyle, readXlsForm, ReadForm, submissionExport, xlsFormProblems } from '../../bench/fixtures/field-submissions';
import { addHousehold, bearer, runRound } from '../utils/reviews';
import { createTestApp, TestApp } from '../utils/test-app';

const C = '02314'; // Xã Hùng Mỹ (rural)
const OTHER = '02317'; // another commune of the district
const binary = (res: import('supertest').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const ND07 = STANDARD_SEEDS.find((s) => s.code === 'ND07-2021')!;
const ND351 = STANDARD_SEEDS.find((s) => s.code === 'ND351-2025')!;

describe('field collection: the round as an XLSForm, its ODK / Kobo submissions imported as results (real PostgreSQL)', () => {
  let t: TestApp;
  let token: string;
  let roundId: number;
  let nd351Round: number;
  const codes: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.ds.transaction((m) => seedDemoUnits(m));
    token = await t.tokenFor('commune', C);
    for (let i = 1; i <= 8; i++) {
      const code = `F-${String(i).padStart(2, '0')}`;
      await addHousehold(t.ds, { commune: C, code, village: `${C}-0${1 + (i % 2)}`, headName: i === 8 ? '=HYPERLINK("http://x","bấm")' : `Lục Văn Phú ${i}` });
      codes.push(code);
    }
    await addHousehold(t.ds, { commune: OTHER, code: 'F-OUT' });
    const r = await t.http().post('/api/review-rounds').set(bearer(token)).send({ communeCode: C, year: 2023, kind: 'periodic' });
    roundId = r.body.id;
    await t.http().post(`/api/review-rounds/${roundId}/start`).set(bearer(token)).send({ version: r.body.version, date: '2023-09-05' });
    const r351 = await t.http().post('/api/review-rounds').set(bearer(token)).send({ communeCode: C, year: 2029, kind: 'periodic' });
    nd351Round = r351.body.id;
    await t.http().post(`/api/review-rounds/${nd351Round}/start`).set(bearer(token)).send({ version: r351.body.version, date: '2026-09-07' });
  }, 60_000);
  afterAll(() => t.close());

  const getForm = async (id: number): Promise<ReadForm> => {
    const res = await t.http().get(`/api/review-rounds/${id}/xlsform`).set(bearer(token)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`rasoat_vong_${id}`);
    return readXlsForm(res.body);
  };
  const upload = (id: number, file: { buffer: Buffer; filename: string }) =>
    t.http().post(`/api/review-rounds/${id}/results/import-submissions`).set(bearer(token)).attach('file', file.buffer, file.filename);
  const results = async (id: number) => {
    const rows: { code: string; cls: string; version: number; b1: number | null; entered: string[] | null; causes: number[]; needs: string[] }[] = await t.ds.query(
      `SELECT h.code, x.computed_class AS cls, x.version, x.b1_score AS b1, x.entered_deprivations AS entered, x.causes, x.support_needs AS needs
         FROM review_result x JOIN household h ON h.id = x.household_id WHERE x.round_id = $1 ORDER BY h.code`, [id]);
    return Object.fromEntries(rows.map((r) => [r.code, r]));
  };

  describe('the form', () => {
    it('is an XLSForm a converter accepts: sheets, unique names, existing choice lists, balanced constraints on "."', async () => {
      const f = await getForm(roundId);
      expect(f.sheets).toEqual(['survey', 'choices', 'settings']);
      expect(xlsFormProblems(f)).toEqual([]);
    });

    it('asks Phiếu A, the B1 score or the income with the standard\'s constraints, the B2 indicators with labels and hints', async () => {
      const f = await getForm(roundId);
      const q = (name: string) => f.survey.find((r) => r.name === name && r.type !== 'end_group')!;
      expect(q('enumerator')).toMatchObject({ type: 'text', required: 'yes' });
      expect(q('surveyDate')).toMatchObject({ type: 'date', constraint: '. <= today()' });
      expect(q('household')).toMatchObject({ type: 'select_one households', required: 'yes' });
      expect(q('quickScreen')).toMatchObject({ type: 'select_one phieu_a', required: 'yes' });
      expect(q('b1Score')).toMatchObject({ type: 'integer', constraint: '. >= 0 and . <= 100000' });
      expect(q('b1Score').hint).toContain('140 điểm');
      expect(q('incomePerCapita')).toMatchObject({ type: 'integer', required: "${b1Score} = ''", constraint: '. >= 0 and . <= 1000000000' });
      expect(q('incomePerCapita').hint).toContain('1.500.000');
      expect(q('b1').relevant).toBe("${quickScreen} = 'passed'");
      // B2: one yes/no question per indicator of ND07, inside group b2, in the standard's order
      const start = f.survey.findIndex((r) => r.type === 'begin_group' && r.name === 'b2');
      const end = f.survey.findIndex((r, i) => i > start && r.type === 'end_group');
      const b2 = f.survey.slice(start + 1, end);
      expect(b2.map((r) => r.name)).toEqual(ND07.indicators.map((i) => i.key));
      for (const r of b2) {
        const ind = ND07.indicators.find((i) => i.key === r.name)!;
        expect(r).toMatchObject({ type: 'select_one yes_no', label: ind.nameVi, required: 'yes' });
        expect(r.hint).toContain(ND07.dimensions.find((d) => d.key === ind.dimension)!.nameVi);
      }
      expect(q('causes').type).toBe('select_multiple causes');
      expect(q('supportNeeds').type).toBe('select_multiple support_needs');
    });

    it('lists the round\'s households as choices (code, head name, village), user text kept as text', async () => {
      const f = await getForm(roundId);
      const hh = f.choices.filter((c) => c.list_name === 'households');
      expect(hh.map((c) => c.name)).toEqual(expect.arrayContaining(codes));
      expect(hh.map((c) => c.name)).not.toContain('F-OUT');
      expect(hh.find((c) => c.name === 'F-01')).toMatchObject({ head_name: 'Lục Văn Phú 1', label: expect.stringContaining('Lục Văn Phú 1') });
      expect(hh.find((c) => c.name === 'F-01')!.village).toBeTruthy();
      expect(hh.find((c) => c.name === 'F-08')!.head_name).toBe('=HYPERLINK("http://x","bấm")');
      expect(f.choices.filter((c) => c.list_name === 'causes').map((c) => c.name)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
      expect(f.choices.filter((c) => c.list_name === 'yes_no').map((c) => c.name)).toEqual(['yes', 'no']);
    });

    it('names the round in form_id and the standard in version', async () => {
      const f = await getForm(roundId);
      expect(f.settings[0]).toMatchObject({ form_id: `rasoat_vong_${roundId}`, version: 'ND07-2021_v1' });
      expect(f.settings[0].form_title).toContain('ND07-2021');
      expect(f.survey.find((r) => r.name === 'form_id')!.calculation).toBe(`'rasoat_vong_${roundId}'`);
    });

    it('gives ND351-2025 its own form: its indicators, no B1 (no cut-off published), income required', async () => {
      const f = await getForm(nd351Round);
      expect(xlsFormProblems(f)).toEqual([]);
      expect(f.settings[0]).toMatchObject({ form_id: `rasoat_vong_${nd351Round}`, version: 'ND351-2025_v1' });
      const names = f.survey.map((r) => r.name);
      expect(names).not.toContain('b1Score');
      expect(names).toContain('wasteTreatment');
      expect(names).not.toContain('informationAssets');
      expect(f.survey.find((r) => r.name === 'incomePerCapita')).toMatchObject({ required: 'yes' });
      expect(f.survey.find((r) => r.name === 'telecom')!.label).toBe(ND351.indicators.find((i) => i.key === 'telecom')!.nameVi);
      expect(f.survey.find((r) => r.name === 'incomePerCapita')!.hint).toContain('2.200.000');
    });

    it('is refused outside the caller\'s area', async () => {
      const other = await t.tokenFor('commune', OTHER);
      expect((await t.http().get(`/api/review-rounds/${roundId}/xlsform`).set(bearer(other))).status).toBe(403);
      expect((await t.http().get('/api/review-rounds/999999/xlsform').set(bearer(token))).status).toBe(404);
    });
  });

  describe('the submissions import', () => {
    const answers: Answers[] = [
      { household: 'F-01', b1Score: 100, deprived: ['housingQuality', 'sanitation', 'water'], causes: [2, 5], needs: ['credit', 'housing'] },
      { household: 'F-02', b1Score: 120, deprived: ['water'] },
      { household: 'F-03', income: 2_000_000, deprived: [] },
      { household: 'F-04', b1Score: 200, deprived: [] },
      { household: 'F-05', quickScreen: 'screened_out' },
    ];
    const expected = { 'F-01': 'poor', 'F-02': 'near_poor', 'F-03': 'average', 'F-04': 'above', 'F-05': 'above' };

    it.each<[string, ExportStyle]>([
      ['Kobo CSV, select_multiple space-separated', { tool: 'kobo', multiple: 'joined', format: 'csv' }],
      ['Kobo XLSX, select_multiple in both forms', { tool: 'kobo', multiple: 'both', format: 'xlsx' }],
      ['ODK Central CSV, one column per choice', { tool: 'central', multiple: 'split', format: 'csv' }],
      ['ODK Central XLSX, one column per choice', { tool: 'central', multiple: 'split', format: 'xlsx' }],
    ])('imports a %s export: the classes, the ticks, causes and needs; re-importing it changes nothing', async (_name, style) => {
      await t.ds.query(`DELETE FROM review_result WHERE round_id = $1`, [roundId]);
      await t.ds.query(`DELETE FROM review_submission WHERE round_id = $1`, [roundId]);
      const f = await getForm(roundId);
      const file = await submissionExport(f, answers, style);
      const res = await upload(roundId, file);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ roundId, rows: 5, created: 5, updated: 0, alreadyImported: 0 });
      const got = await results(roundId);
      expect(Object.fromEntries(Object.entries(got).map(([k, v]) => [k, v.cls]))).toEqual(expected);
      expect(got['F-01']).toMatchObject({ b1: 100, causes: [2, 5], needs: ['credit', 'housing'] });
      expect([...got['F-01'].entered!].sort()).toEqual(['housingQuality', 'sanitation', 'water']);
      expect(got['F-04'].entered).toEqual([]);
      const subs = await t.ds.query(`SELECT instance_id, enumerator, surveyed_on FROM review_submission WHERE round_id = $1 ORDER BY instance_id`, [roundId]);
      expect(subs.map((s: { instance_id: string }) => s.instance_id).sort()).toEqual([...file.instanceIds].sort());
      expect(subs[0]).toMatchObject({ enumerator: 'Lò Thị Mai', surveyed_on: '2026-09-15' });

      const again = await upload(roundId, file);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ rows: 0, created: 0, updated: 0, alreadyImported: 5 });
      expect(await results(roundId)).toEqual(got); // not one version bumped
    });

    it('takes a new submission for a household beside the old ones already imported', async () => {
      await t.ds.query(`DELETE FROM review_result WHERE round_id = $1`, [roundId]);
      await t.ds.query(`DELETE FROM review_submission WHERE round_id = $1`, [roundId]);
      const f = await getForm(roundId);
      const style: ExportStyle = { tool: 'kobo', multiple: 'joined', format: 'csv' };
      const first = await submissionExport(f, answers, style);
      expect((await upload(roundId, first)).status).toBe(200);
      // the next export holds the same five and a corrected submission of F-02
      const next = await submissionExport(f, [...answers.map((a, i) => ({ ...a, instanceId: first.instanceIds[i] })), { household: 'F-06', b1Score: 90, deprived: ['water', 'sanitation', 'telecom'] }], style);
      const res = await upload(roundId, next);
      expect(res.body).toMatchObject({ rows: 1, created: 1, updated: 0, alreadyImported: 5 });
      expect((await results(roundId))['F-06'].cls).toBe('poor');
    });

    describe('refusals: nothing written, every problem with its row and column', () => {
      let form: ReadForm;
      const style: ExportStyle = { tool: 'kobo', multiple: 'joined', format: 'csv' };
      const count = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM review_result WHERE round_id = $1`, [nd351Round]))[0].n;
      beforeAll(async () => { form = await getForm(roundId); });

      const refused = async (bad: Answers, round = roundId, f = form) => {
        const before = await t.ds.query(`SELECT count(*)::int AS n FROM review_result WHERE round_id = $1`, [round]);
        const file = await submissionExport(f, [{ household: 'F-07', b1Score: 100, deprived: [] }, bad], style);
        const res = await upload(round, file);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('IMPORT_INVALID');
        expect(await t.ds.query(`SELECT count(*)::int AS n FROM review_result WHERE round_id = $1`, [round])).toEqual(before);
        expect(res.body.details.every((d: { row: number }) => d.row === 3)).toBe(true); // the heading is line 1, the bad submission line 3
        expect(res.body.message).toMatch(/^Chưa nhập dữ liệu nào/);
        return res.body.details as { row: number; column?: string; field: string; message: string; heading?: string }[];
      };

      it('a household outside the round', async () => {
        const [d] = await refused({ household: 'F-OUT', b1Score: 100 });
        expect(d).toMatchObject({ field: 'code', heading: 'household', message: expect.stringContaining('Không có hộ mã F-OUT') });
        expect(d.column).toMatch(/^[A-Z]+$/);
      });

      it('a form of another round (form_id)', async () => {
        const [d] = await refused({ household: 'F-03', b1Score: 100, extra: { form_id: `rasoat_vong_${nd351Round}` } });
        expect(d).toMatchObject({ field: 'form_id', heading: 'form_id', message: expect.stringContaining(`rasoat_vong_${nd351Round}`) });
      });

      it('a form of another standard (version)', async () => {
        const [d] = await refused({ household: 'F-03', b1Score: 100, extra: { form_version: 'ND351-2025_v1' } });
        expect(d).toMatchObject({ field: 'form_version', message: expect.stringContaining('ND07-2021') });
      });

      it('an indicator the standard does not have', async () => {
        const [d] = await refused({ household: 'F-03', b1Score: 100, extra: { 'b2/wasteTreatment': 'yes' } });
        expect(d).toMatchObject({ field: 'deprivations', heading: 'b2/wasteTreatment', message: 'Chuẩn ND07-2021 không có chỉ số "wasteTreatment"' });
      });

      it('bad answers: an answer that is not yes/no, a B1 score out of range, an unknown cause, no instanceID', async () => {
        const details = await refused({ household: 'F-03', b1Score: 100, instanceId: '', extra: { 'b2/water': 'maybe', 'b1/b1Score': '-5', 'c/causes': '2 9' } });
        expect(details.map((d) => d.field).sort()).toEqual(['b1Score', 'causes', 'deprivations', 'meta/instanceID']);
      });

      it('a B1 score alone under ND351-2025 (no cut-off): refused by the rules, as in every import', async () => {
        const f351 = await getForm(nd351Round);
        const before = await count();
        const file = await submissionExport(f351, [{ household: 'F-03', income: 1_000_000, deprived: [] }, { household: 'F-04', deprived: [], extra: { 'b1/b1Score': '100' } }], style);
        const res = await upload(nd351Round, file);
        expect(res.status).toBe(400);
        expect(res.body.details[0]).toMatchObject({ row: 3 });
        expect(await count()).toBe(before);
      });

      it('a file without the form\'s columns, a workbook named .csv, a CSV that is not UTF-8', async () => {
        const noId = await upload(roundId, { buffer: Buffer.from('household,b1/b1Score\nF-01,100\n'), filename: 'x.csv' });
        expect(noId.status).toBe(400);
        expect(noId.body.code).toBe('BAD_FILE');
        expect(noId.body.message).toContain('meta/instanceID');
        const xlsx = await submissionExport(form, answers, { ...style, format: 'xlsx' });
        const renamed = await upload(roundId, { buffer: xlsx.buffer, filename: 'x.csv' });
        expect(renamed.status).toBe(415);
        const latin1 = await upload(roundId, { buffer: Buffer.from('household,enumerator\nF-01,L\xf2 Th\xec\n', 'latin1'), filename: 'x.csv' });
        expect(latin1.status).toBe(400);
        expect(latin1.body.details[0].field).toBe('file');
      });
    });

    it('round → form → submissions → decided round with the expected classes', async () => {
      for (let i = 1; i <= 4; i++) await addHousehold(t.ds, { commune: OTHER, code: `G-0${i}` });
      const officer = await t.tokenFor('commune', OTHER);
      const run = await runRound(t, officer, { commune: OTHER, year: 2023, totalHouseholds: 10 }, async (id) => {
        const res = await t.http().get(`/api/review-rounds/${id}/xlsform`).set(bearer(officer)).buffer(true).parse(binary);
        const f = await readXlsForm(res.body);
        expect(xlsFormProblems(f)).toEqual([]);
        const file = await submissionExport(f, [
          { household: 'G-01', b1Score: 100, deprived: ['housingQuality', 'sanitation', 'water'] },
          { household: 'G-02', b1Score: 130, deprived: ['water'] },
          { household: 'G-03', income: 2_100_000, deprived: ['water'] },
          { household: 'G-04', quickScreen: 'screened_out' },
        ], { tool: 'central', multiple: 'split', format: 'xlsx' });
        const imp = await t.http().post(`/api/review-rounds/${id}/results/import-submissions`).set(bearer(officer)).attach('file', file.buffer, file.filename);
        expect(imp.status).toBe(200);
        expect(imp.body.created).toBe(4);
      });
      expect(run.status).toBe(200);
      expect(run.body.status).toBe('decided');
      const rows = await t.ds.query(
        `SELECT h.code, x.decided_class AS cls FROM review_result x JOIN household h ON h.id = x.household_id WHERE x.round_id = $1 ORDER BY h.code`, [run.id]);
      expect(rows).toEqual([
        { code: 'G-01', cls: 'poor' }, { code: 'G-02', cls: 'near_poor' }, { code: 'G-03', cls: 'average' }, { code: 'G-04', cls: 'above' },
      ]);
    });
  });
});
