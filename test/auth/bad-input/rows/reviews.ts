import ExcelJS from 'exceljs';
import { readXlsForm, submissionExport } from '../../../../bench/fixtures/field-submissions';
import { RoundFixtures } from '../../../utils/round-fixtures';
import type { BadInputContext, BadInputModule, FieldSpec } from '../bad-input';

/**
 * Standards, review rounds, results and applications (issue 4). Every target is sent by an admin
 * (rounds in communes of their own, made per case where a request changes the round's state);
 * the lists are asked by a commune officer.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fx = (ctx: BadInputContext): RoundFixtures => ctx.data.reviews.fx;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const d = (ctx: BadInputContext): any => ctx.data.reviews;
const count = (table: string) => async (ctx: BadInputContext) => (await ctx.t.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
/** The stored value of a text field, read from the answer (`path` maps a field to where the answer has it). */
const from = (path: Record<string, (b: Record<string, any>) => unknown> = {}) => // eslint-disable-line @typescript-eslint/no-explicit-any
  async (_ctx: BadInputContext, res: { body: Record<string, unknown> }, field: string) => (path[field] ? path[field](res.body) : res.body[field]);

const text: FieldSpec = { kind: 'text' };
const requiredText: FieldSpec = { kind: 'text', required: true };
const date: FieldSpec = { kind: 'date' };
const requiredDate: FieldSpec = { kind: 'date', required: true };
const version: FieldSpec = { kind: 'int', required: true, min: 1 };
const count0: FieldSpec = { kind: 'int', min: 0 };
const year: FieldSpec = { kind: 'int', required: true, min: 2000 };
const bool: FieldSpec = { kind: 'bool' };
const page = { page: { kind: 'int' }, pageSize: { kind: 'int' } } satisfies Record<string, FieldSpec>;
const unitRef: FieldSpec = { kind: 'reference' };

/** A valid results workbook for the import target: the three households made in setup. */
let importFile: Buffer;
/** A valid submissions export (ODK Central XLSX) of the import round's form, the same households. */
let submissionsFile: Buffer;
async function buildImportFile(codes: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kết quả rà soát');
  ws.addRow(['STT', 'Mã hộ', 'Họ và tên chủ hộ', 'Điểm B1', 'Thu nhập bình quân (đồng/người/tháng)', 'Nguồn nước sinh hoạt [water]']);
  codes.forEach((c, i) => ws.addRow([i + 1, c, 'Hộ thử', null, '1.200.000', i % 2 ? 'x' : '']));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const reviewsBadInput: BadInputModule = {
  name: 'reviews',
  async setup(ctx) {
    const token = await ctx.t.tokenFor('admin', null, 'bi.reviews.fixtures');
    const fixtures = new RoundFixtures(ctx.t, () => token);
    const commune = await fixtures.commune();
    const periodic = await fixtures.periodic(commune);
    const open = await fixtures.round(commune, 'draft');
    const posted = await fixtures.round(commune, 'posted');
    const application = await fixtures.application(commune);
    const importCommune = await fixtures.commune();
    const importRound = await fixtures.periodic(importCommune);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await fixtures.household(importCommune)).code);
    importFile = await buildImportFile(codes);
    const form = await readXlsForm(await fixtures.file(`/api/review-rounds/${importRound.id}/xlsform`));
    // the same instanceIDs every time: a repeated valid upload is accepted and changes nothing
    submissionsFile = (await submissionExport(form, codes.map((c, i) => ({ household: c, income: 1_200_000, deprived: i % 2 ? ['water'] : [], instanceId: `uuid:bad-input-${i}` })),
      { tool: 'central', multiple: 'split', format: 'xlsx' })).buffer;
    ctx.data.reviews = { fx: fixtures, commune, periodic: periodic.id, open: open.id, posted: posted.id, application: application.id, importRound: importRound.id, nationalYear: 2040 };
  },
  bodies: [
    // ---- standards ----
    {
      route: 'POST /api/standards', caller: 'admin', accepts: 201, stored: from(), fingerprint: count('poverty_standard'),
      // a local standard in a province of its own (one per province and list year)
      request: async (ctx) => ({
        path: '/api/standards',
        body: { code: `BS-${ctx.seq()}`, title: 'Chuẩn địa phương', decree: 'Nghị quyết HĐND', listYearFrom: 2023, listYearTo: 2023, provinceCode: await fx(ctx).province(),
          nationalCode: 'ND07-2021', lines: [{ areaType: 'rural', incomeLine: 2_000_000 }] },
      }),
      fields: {
        code: { kind: 'identifier', required: true }, title: requiredText, decree: requiredText, listYearFrom: year, listYearTo: year,
        deprivationCutoff: { kind: 'int', min: 1 }, b2PointsPerIndicator: { kind: 'int', min: 1 }, provisional: bool,
        provinceCode: unitRef, nationalCode: { kind: 'reference' },
      },
    },
    {
      route: 'POST /api/standards/classify', caller: 'commune', accepts: 200,
      request: () => ({ path: '/api/standards/classify', body: { listYear: 2023, areaType: 'rural', incomePerCapita: 1_400_000, deprivations: ['water'] } }),
      fields: {
        listYear: year, areaType: { kind: 'enum', required: true, values: ['rural', 'urban'] }, incomePerCapita: { kind: 'money' },
        b1Score: { kind: 'int', min: 0 }, provinceCode: unitRef, standard: { kind: 'reference' },
      },
    },
    {
      route: 'PATCH /api/standards/:code', caller: 'admin', accepts: 200, stored: from(),
      request: async (ctx) => {
        const { code } = await fx(ctx).nationalStandard();
        return { path: `/api/standards/${code}`, body: { version: await fx(ctx).standardVersion(code), title: 'Chuẩn thử' } };
      },
      fields: {
        version, title: text, decree: text, listYearFrom: { kind: 'int', min: 2000 }, listYearTo: { kind: 'int', min: 2000 },
        deprivationCutoff: { kind: 'int', min: 1 }, b2PointsPerIndicator: { kind: 'int', min: 1 }, provisional: bool,
      },
    },
    {
      route: 'PUT /api/standards/:code/lines/:areaType', caller: 'admin', accepts: 200,
      request: async (ctx) => {
        const { code } = await fx(ctx).nationalStandard();
        return { path: `/api/standards/${code}/lines/urban`, body: { incomeLine: 2_000_000, averageUpper: 3_000_000, b1Cutoff: 175, version: await fx(ctx).standardVersion(code) } };
      },
      fields: { incomeLine: { kind: 'money', required: true, min: 1 }, averageUpper: { kind: 'money', min: 1 }, b1Cutoff: { kind: 'int', min: 1 }, version },
    },
    {
      route: 'PUT /api/standards/:code/dimensions/:key', caller: 'admin', accepts: 200,
      stored: from({ nameVi: (b) => b.dimensions.find((x: { key: string }) => x.key === 'environment')?.nameVi, nameEn: (b) => b.dimensions.find((x: { key: string }) => x.key === 'environment')?.nameEn }),
      request: async (ctx) => {
        const { code } = await fx(ctx).nationalStandard();
        return { path: `/api/standards/${code}/dimensions/environment`, body: { nameVi: 'Môi trường', nameEn: 'Environment', version: await fx(ctx).standardVersion(code) } };
      },
      fields: { nameVi: requiredText, nameEn: requiredText, sortOrder: { kind: 'int', min: 1 }, version },
    },
    {
      route: 'PUT /api/standards/:code/indicators/:key', caller: 'admin', accepts: 200,
      stored: from({ nameVi: (b) => b.indicators.find((x: { key: string }) => x.key === 'internetAccess')?.nameVi, nameEn: (b) => b.indicators.find((x: { key: string }) => x.key === 'internetAccess')?.nameEn }),
      request: async (ctx) => {
        const { code } = await fx(ctx).nationalStandard();
        return { path: `/api/standards/${code}/indicators/internetAccess`, body: { nameVi: 'Truy cập internet', nameEn: 'Internet access', dimension: 'information', version: await fx(ctx).standardVersion(code) } };
      },
      fields: { nameVi: requiredText, nameEn: requiredText, dimension: { kind: 'reference', required: true }, sortOrder: { kind: 'int', min: 1 }, version },
    },

    // ---- rounds ----
    {
      route: 'POST /api/review-rounds', caller: 'admin', accepts: 201, stored: from(), fingerprint: count('review_round'),
      request: async (ctx) => ({ path: '/api/review-rounds', body: { communeCode: await fx(ctx).commune(), year: 2023, kind: 'periodic' } }),
      fields: {
        communeCode: { kind: 'reference', required: true }, year, kind: { kind: 'enum', required: true, values: ['periodic', 'regular'] },
        month: { kind: 'int', min: 1 }, totalHouseholds: count0, totalPersons: count0, opinionRequired: bool, opinionBy: text, note: text,
      },
    },
    {
      route: 'POST /api/review-rounds/baseline', caller: 'admin', accepts: 201, stored: from(), fingerprint: count('review_round'),
      request: async (ctx) => {
        const commune = await fx(ctx).commune();
        const h = await fx(ctx).household(commune);
        return { path: '/api/review-rounds/baseline', body: { communeCode: commune, year: 2023, decisionNumber: '215/QĐ-UBND', decisionDate: '2023-12-15', households: [{ code: h.code, class: 'poor' }] } };
      },
      fields: { communeCode: { kind: 'reference', required: true }, year, decisionNumber: requiredText, decisionDate: requiredDate, totalHouseholds: count0, totalPersons: count0 },
    },
    {
      route: 'PATCH /api/review-rounds/:id', caller: 'admin', accepts: 200, stored: from(), fingerprint: count('review_round_event'),
      request: async (ctx) => ({ path: `/api/review-rounds/${d(ctx).open}`, body: { version: (await fx(ctx).ok('get', `/api/review-rounds/${d(ctx).open}`)).version, note: 'Ghi chú' } }),
      fields: { version, totalHouseholds: { ...count0, nullable: true }, totalPersons: { ...count0, nullable: true }, opinionRequired: bool, opinionBy: text, note: text },
    },
    {
      route: 'POST /api/review-rounds/:id/start', caller: 'admin', accepts: 200, fingerprint: count('review_round_event'),
      request: async (ctx) => {
        const r = await fx(ctx).round(await fx(ctx).commune(), 'draft');
        return { path: `/api/review-rounds/${r.id}/start`, body: { version: r.version } };
      },
      fields: { version, date },
    },
    {
      route: 'POST /api/review-rounds/:id/meeting', caller: 'admin', accepts: 200, fingerprint: count('review_round_event'),
      stored: from({ minutesRef: (b) => b.meetingMinutesRef }),
      request: async (ctx) => {
        const r = await fx(ctx).round(await fx(ctx).commune(), 'surveying');
        return { path: `/api/review-rounds/${r.id}/meeting`, body: { version: r.version, date: `${r.year}-${String(r.month).padStart(2, '0')}-20`, agreementPct: 80 } };
      },
      fields: { version, date: requiredDate, minutesRef: text, attendees: { kind: 'int', min: 1 } },
    },
    {
      route: 'POST /api/review-rounds/:id/posting', caller: 'admin', accepts: 200, fingerprint: count('review_round_event'),
      request: async (ctx) => {
        const r = await fx(ctx).ok('get', `/api/review-rounds/${d(ctx).posted}`);
        return { path: `/api/review-rounds/${r.id}/posting`, body: { version: r.version, start: r.postingStart } };
      },
      fields: { version, start: requiredDate, end: date },
    },
    {
      route: 'POST /api/review-rounds/:id/opinion', caller: 'admin', accepts: 200, fingerprint: count('review_round_event'),
      stored: from({ ref: (b) => b.opinionRef, by: (b) => b.opinionBy }),
      request: async (ctx) => {
        const r = await fx(ctx).round(await fx(ctx).commune(), 'posted', { opinionRequired: true });
        const round = await fx(ctx).ok('get', `/api/review-rounds/${r.id}`);
        return { path: `/api/review-rounds/${r.id}/opinion`, body: { version: round.version, date: round.postingEnd, ref: '12/UBND' } };
      },
      fields: { version, date: requiredDate, ref: requiredText, by: text },
    },
    {
      route: 'POST /api/review-rounds/:id/decision', caller: 'admin', accepts: 200, fingerprint: count('review_round_event'), stored: from(),
      request: async (ctx) => {
        const r = await fx(ctx).round(await fx(ctx).commune(), 'posted', { results: true });
        const round = await fx(ctx).ok('get', `/api/review-rounds/${r.id}`);
        return { path: `/api/review-rounds/${r.id}/decision`, body: { version: round.version, decisionNumber: '9/QĐ-UBND', decisionDate: round.postingEnd } };
      },
      fields: { version, decisionNumber: requiredText, decisionDate: requiredDate, totalHouseholds: count0, totalPersons: count0 },
    },
    {
      route: 'POST /api/review-rounds/:id/report', caller: 'admin', accepts: 200, fingerprint: count('review_round_event'),
      request: async (ctx) => {
        const r = await fx(ctx).round(await fx(ctx).commune(), 'decided');
        return { path: `/api/review-rounds/${r.id}/report`, body: { version: r.version } };
      },
      fields: { version },
    },
    {
      route: 'POST /api/review-rounds/:id/complaints', caller: 'admin', accepts: 201, stored: from(), fingerprint: count('review_complaint'),
      request: async (ctx) => {
        const r = await fx(ctx).ok('get', `/api/review-rounds/${d(ctx).posted}`);
        return { path: `/api/review-rounds/${r.id}/complaints`, body: { receivedOn: r.postingStart, content: 'Khiếu nại' } };
      },
      fields: { householdId: { kind: 'int', min: 1 }, receivedOn: requiredDate, content: requiredText },
    },
    {
      route: 'PATCH /api/review-rounds/:id/complaints/:complaintId', caller: 'admin', accepts: 200, stored: from(),
      request: async (ctx) => {
        const c = await fx(ctx).complaint(d(ctx).posted);
        return { path: `/api/review-rounds/${d(ctx).posted}/complaints/${c.id}`, body: { version: c.version, recheckedOn: '2030-12-31', outcome: 'Giữ nguyên' } };
      },
      fields: { version, recheckedOn: requiredDate, outcome: requiredText },
    },
    {
      route: 'POST /api/review-rounds/:id/reclassify', caller: 'admin', accepts: 200,
      request: async (ctx) => ({ path: `/api/review-rounds/${d(ctx).periodic}/reclassify`, body: { version: (await fx(ctx).ok('get', `/api/review-rounds/${d(ctx).periodic}`)).version } }),
      fields: { version },
    },

    // ---- results ----
    {
      route: 'PUT /api/review-rounds/:id/results/:householdId', caller: 'admin', accepts: 200, fingerprint: count('review_result'),
      stored: from({ overrideReason: (b) => b.override?.reason }),
      request: async (ctx) => {
        const h = await fx(ctx).household(d(ctx).commune);
        return {
          path: `/api/review-rounds/${d(ctx).periodic}/results/${h.id}`,
          body: { incomePerCapita: 1_200_000, deprivations: ['water'], decidedClass: 'poor', overrideReason: 'Hội nghị thôn quyết định' },
        };
      },
      fields: {
        version: { kind: 'int', min: 1 }, quickScreen: { kind: 'enum', values: ['screened_out', 'passed'] }, b1Score: { kind: 'int', min: 0 },
        incomePerCapita: { kind: 'money' }, farmAverage: bool, decidedClass: { kind: 'enum', values: ['poor', 'near_poor', 'average', 'above'] }, overrideReason: text,
      },
    },

    // ---- applications ----
    {
      route: 'POST /api/review-applications', caller: 'admin', accepts: 201, fingerprint: count('review_application'),
      request: async (ctx) => ({ path: '/api/review-applications', body: { householdId: (await fx(ctx).household(d(ctx).commune)).id, form: 'mau01', filedOn: '2024-02-01' } }),
      fields: {
        householdId: { kind: 'int', required: true, min: 1 }, form: { kind: 'enum', required: true, values: ['mau01', 'mau04'] }, filedOn: requiredDate,
        channel: { kind: 'enum', values: ['direct', 'post', 'online'] }, roundId: { kind: 'int', min: 1 },
      },
    },
    {
      route: 'PATCH /api/review-applications/:id', caller: 'admin', accepts: 200, stored: from(),
      request: async (ctx) => ({ path: `/api/review-applications/${d(ctx).application}`, body: { version: (await fx(ctx).ok('get', `/api/review-applications/${d(ctx).application}`)).version, answer: 'Đã tiếp nhận' } }),
      fields: { version, roundId: { kind: 'int', min: 1 }, status: { kind: 'enum', values: ['refused'] }, answer: text },
    },
  ],
  queries: [
    { route: 'GET /api/standards', caller: 'commune', path: '/api/standards', params: { ...page, listYear: { kind: 'int' }, province: unitRef, kind: { kind: 'enum', values: ['national', 'local'] } } },
    {
      route: 'GET /api/review-rounds', caller: 'commune', path: '/api/review-rounds',
      params: { ...page, commune: unitRef, unit: unitRef, year: { kind: 'int' }, listYear: { kind: 'int' }, kind: { kind: 'enum', values: ['periodic', 'regular', 'baseline'] }, status: { kind: 'enum', values: ['draft', 'surveying'] } },
    },
    { route: 'GET /api/review-rounds/overdue', caller: 'commune', path: '/api/review-rounds/overdue', params: { ...page, date: { kind: 'date' }, commune: unitRef, unit: unitRef } },
    {
      route: 'GET /api/review-applications', caller: 'commune', path: '/api/review-applications',
      params: {
        ...page, commune: unitRef, unit: unitRef, status: { kind: 'enum', values: ['pending', 'in_round'] }, form: { kind: 'enum', values: ['mau01', 'mau04'] },
        roundId: { kind: 'int' }, householdId: { kind: 'int' }, overdue: { kind: 'bool' }, date: { kind: 'date' },
      },
    },
    {
      route: 'DELETE /api/standards/:code/indicators/:key', caller: 'admin', accepts: 200, base: { version: 2 }, params: { version: { kind: 'int' } },
      fingerprint: count('poverty_indicator'),
      // a standard of its own (version 1), given an extra indicator (version 2), for each case
      path: async (ctx) => {
        const y = (d(ctx).nationalYear = d(ctx).nationalYear + 1);
        const code = `BD-${ctx.seq()}`;
        await fx(ctx).ok('post', '/api/standards', { code, title: 'Chuẩn thử', decree: 'Thử', listYearFrom: y, listYearTo: y, copyIndicatorsFrom: 'ND07-2021', lines: [{ areaType: 'rural', incomeLine: 1_500_000 }] });
        await fx(ctx).ok('put', `/api/standards/${code}/indicators/extra`, { nameVi: 'Chỉ số thêm', nameEn: 'Extra', dimension: 'information', version: 1 });
        return `/api/standards/${code}/indicators/extra`;
      },
    },
    {
      route: 'DELETE /api/review-rounds/:id/results/:householdId', caller: 'admin', base: { version: 1 }, params: { version: { kind: 'int' } }, fingerprint: count('review_result'),
      path: async (ctx) => {
        const r = await fx(ctx).result(d(ctx).commune);
        return `/api/review-rounds/${r.roundId}/results/${r.householdId}`;
      },
    },
  ],
  uploads: [
    {
      route: 'POST /api/review-rounds/:id/results/import', caller: 'admin', accepts: 200, maxRows: 200_000, fingerprint: count('review_result'),
      path: (ctx) => `/api/review-rounds/${d(ctx).importRound}/results/import`,
      validFile: () => importFile,
    },
    {
      route: 'POST /api/review-rounds/:id/results/import-submissions', caller: 'admin', accepts: 200, maxRows: 200_000, fingerprint: count('review_result'),
      path: (ctx) => `/api/review-rounds/${d(ctx).importRound}/results/import-submissions`,
      validFile: () => submissionsFile,
    },
  ],
};
