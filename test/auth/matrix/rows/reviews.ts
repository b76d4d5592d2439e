import { RoundFixtures } from '../../../utils/round-fixtures';
import { AREAS, Area } from '../../../utils/scope-fixture';
import { ADMIN_ONLY, Caller, Expect, MatrixContext, MatrixModule, REGISTER_WRITE, SCOPED_READ, SIGNED_IN } from '../matrix';

/**
 * Poverty standards and review rounds (issue 4). Standards are reference data everyone reads; a
 * national standard is edited by admins, a local one also by the officers of its province. Rounds,
 * results and applications are register data: read in the area, written by the commune officers of
 * the commune (ScopeService 'register').
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fx = (ctx: MatrixContext): RoundFixtures => ctx.data.reviews.fx;
/** The fixtures of each area, keyed by commune code. */
const of = (ctx: MatrixContext, area: Area) => ctx.data.reviews.areas[area.commune] as { open: number; posted: number; decided: number; periodic: number; application: number };
const writes = (caller: Caller) => caller === 'admin' || caller === 'commune';
const communeOf = (item: { communeCode: string }) => item.communeCode;

/** A local standard of a province: admins anywhere, province officers in their province. */
const LOCAL_WRITE: Record<Caller, Expect> = { anonymous: 401, admin: 201, province: { in: 201, out: 403 }, district: 403, commune: 403 };
/** An upload sent as JSON: refused for its media type once the role may import (the area is checked after the file). */
const UPLOAD_AS_JSON: Record<Caller, Expect> = { anonymous: 401, admin: 415, province: 403, district: 403, commune: 415 };

export const reviewsMatrix: MatrixModule = {
  name: 'reviews',
  async setup(ctx) {
    // the fixtures' own admin session (the matrix's admin agent does not expose its token)
    const token = await ctx.t.tokenFor('admin', null, 'reviews.fixtures');
    const fixtures = new RoundFixtures(ctx.t, () => token);
    const areas: Record<string, unknown> = {};
    for (const area of Object.values(AREAS)) {
      const open = await fixtures.round(area.commune, 'draft');
      const posted = await fixtures.round(area.commune, 'posted');
      const decided = await fixtures.round(area.commune, 'decided');
      const periodic = await fixtures.periodic(area.commune);
      const application = await fixtures.application(area.commune);
      areas[area.commune] = { open: open.id, posted: posted.id, decided: decided.id, periodic: periodic.id, application: application.id };
    }
    const localYears: Record<string, number> = {};
    ctx.data.reviews = { fx: fixtures, areas, localYears };
  },
  rows: [
    // ---- standards: reference data ----
    { route: 'GET /api/standards', scoped: false, request: () => ({ path: '/api/standards' }), expect: SIGNED_IN(200) },
    { route: 'GET /api/standards/:code', scoped: false, request: () => ({ path: '/api/standards/ND07-2021' }), expect: SIGNED_IN(200) },
    {
      route: 'POST /api/standards/classify', scoped: false, writes: false,
      request: () => ({ path: '/api/standards/classify', body: { listYear: 2023, areaType: 'rural', incomePerCapita: 1_400_000, deprivations: ['water'] } }),
      expect: SIGNED_IN(200),
    },
    {
      route: 'POST /api/standards', title: 'a national standard', scoped: false,
      request: (ctx) => {
        const y = (ctx.data.reviews.nationalYear = (ctx.data.reviews.nationalYear ?? 2030) + 1);
        return { path: '/api/standards', body: { code: `MS-${ctx.seq()}`, title: 'Chuẩn mới', decree: 'Nghị định mới', listYearFrom: y, listYearTo: y, lines: [{ areaType: 'rural', incomeLine: 2_500_000 }] } };
      },
      expect: ADMIN_ONLY(201),
    },
    {
      route: 'POST /api/standards', title: 'a local standard of the area\'s province',
      request: (ctx, { area, caller }) => {
        // one local standard per province and list year: a new year for each that will be written
        const years = ctx.data.reviews.localYears as Record<string, number>;
        const y = caller === 'admin' || caller === 'province' ? (years[area.province] = (years[area.province] ?? 2021) + 1) : 2022;
        return {
          path: '/api/standards',
          body: { code: `ML-${ctx.seq()}`, title: 'Chuẩn địa phương', decree: 'Nghị quyết HĐND tỉnh', listYearFrom: y, listYearTo: y, provinceCode: area.province,
            nationalCode: y <= 2026 ? 'ND07-2021' : 'ND351-2025', lines: [{ areaType: 'rural', incomeLine: 2_900_000 }] },
        };
      },
      expect: LOCAL_WRITE,
    },
    {
      route: 'PATCH /api/standards/:code', scoped: false,
      request: async (ctx) => {
        const { code } = await fx(ctx).nationalStandard();
        return { path: `/api/standards/${code}`, body: { version: await fx(ctx).standardVersion(code), title: `Chuẩn thử ${ctx.seq()}` } };
      },
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'PUT /api/standards/:code/lines/:areaType', scoped: false,
      request: async (ctx) => {
        const { code } = await fx(ctx).nationalStandard();
        return { path: `/api/standards/${code}/lines/urban`, body: { incomeLine: 2_000_000 + ctx.seq(), averageUpper: 3_000_000, b1Cutoff: 175, version: await fx(ctx).standardVersion(code) } };
      },
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'PUT /api/standards/:code/dimensions/:key', scoped: false,
      request: async (ctx) => {
        const { code } = await fx(ctx).nationalStandard();
        return { path: `/api/standards/${code}/dimensions/environment`, body: { nameVi: 'Môi trường', nameEn: 'Environment', version: await fx(ctx).standardVersion(code) } };
      },
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'PUT /api/standards/:code/indicators/:key', scoped: false,
      request: async (ctx) => {
        const { code } = await fx(ctx).nationalStandard();
        return { path: `/api/standards/${code}/indicators/internetAccess`, body: { nameVi: 'Truy cập internet', nameEn: 'Internet access', dimension: 'information', version: await fx(ctx).standardVersion(code) } };
      },
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'DELETE /api/standards/:code/indicators/:key', scoped: false,
      request: async (ctx) => {
        const { code } = await fx(ctx).nationalStandard();
        const key = `extra${ctx.seq()}`;
        await fx(ctx).ok('put', `/api/standards/${code}/indicators/${key}`, { nameVi: 'Chỉ số thêm', nameEn: 'Extra', dimension: 'information', version: await fx(ctx).standardVersion(code) });
        return { path: `/api/standards/${code}/indicators/${key}`, query: { version: await fx(ctx).standardVersion(code) } };
      },
      expect: ADMIN_ONLY(200),
    },

    // ---- rounds ----
    {
      route: 'POST /api/review-rounds',
      request: (ctx, { area, caller }) => {
        const { year, month } = writes(caller) ? fx(ctx).slot(area.commune, false) : { year: 2030, month: 12 };
        return { path: '/api/review-rounds', body: { communeCode: area.commune, year, kind: 'regular', month } };
      },
      expect: REGISTER_WRITE(201),
    },
    { route: 'GET /api/review-rounds', scoped: false, request: () => ({ path: '/api/review-rounds', query: { pageSize: 1000 } }), expect: SIGNED_IN(200), unitOf: communeOf },
    {
      route: 'GET /api/review-rounds', title: 'of a commune',
      request: (_c, { area }) => ({ path: '/api/review-rounds', query: { commune: area.commune } }), expect: SCOPED_READ(200), unitOf: communeOf,
    },
    { route: 'GET /api/review-rounds/overdue', scoped: false, request: () => ({ path: '/api/review-rounds/overdue', query: { pageSize: 1000, date: '2030-12-31' } }), expect: SIGNED_IN(200), unitOf: communeOf },
    {
      route: 'GET /api/review-rounds/overdue', title: 'of a commune',
      request: (_c, { area }) => ({ path: '/api/review-rounds/overdue', query: { commune: area.commune, date: '2030-12-31' } }), expect: SCOPED_READ(200), unitOf: communeOf,
    },
    {
      route: 'POST /api/review-rounds/baseline',
      request: async (ctx, { area, caller }) => {
        // one periodic or baseline round per commune and year (other modules' fixtures take some):
        // the first free year with a standard and a decision by now
        const taken: { year: number }[] = await ctx.t.ds.query(
          `SELECT year FROM review_round WHERE commune_code = $1 AND kind IN ('periodic','baseline')`, [area.commune]);
        const free = [2021, 2022, 2023, 2024, 2025].find((y) => !taken.some((r) => r.year === y));
        if (writes(caller) && !free) throw new Error(`reviews matrix: no free baseline year in ${area.commune}`);
        const year = writes(caller) ? free! : 2021;
        const h = await fx(ctx).household(area.commune);
        return { path: '/api/review-rounds/baseline', body: { communeCode: area.commune, year, decisionNumber: '1/QĐ-UBND', decisionDate: `${year}-12-20`, households: [{ code: h.code, class: 'poor' }] } };
      },
      expect: REGISTER_WRITE(201),
    },
    { route: 'GET /api/review-rounds/:id', request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).open}` }), expect: SCOPED_READ(200) },
    {
      route: 'PATCH /api/review-rounds/:id',
      request: async (ctx, { area }) => {
        const id = of(ctx, area).open;
        const r = await fx(ctx).ok('get', `/api/review-rounds/${id}`);
        return { path: `/api/review-rounds/${id}`, body: { version: r.version, note: `Ghi chú ${ctx.seq()}` } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/review-rounds/:id/start',
      request: async (ctx, { area, caller }) => {
        const r = writes(caller) ? await fx(ctx).round(area.commune, 'draft') : { id: of(ctx, area).open, version: 1 };
        return { path: `/api/review-rounds/${r.id}/start`, body: { version: r.version } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/review-rounds/:id/meeting',
      request: async (ctx, { area, caller }) => {
        const r = writes(caller) ? await fx(ctx).round(area.commune, 'surveying') : { id: of(ctx, area).open, version: 1, year: 2030, month: 1 };
        return { path: `/api/review-rounds/${r.id}/meeting`, body: { version: r.version, date: `${r.year}-${String(r.month).padStart(2, '0')}-20`, agreementPct: 75 } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/review-rounds/:id/posting',
      request: async (ctx, { area }) => {
        // re-posting a posted round (after a re-check) is a legal step: one round serves every case
        const id = of(ctx, area).posted;
        const r = await fx(ctx).ok('get', `/api/review-rounds/${id}`);
        return { path: `/api/review-rounds/${id}/posting`, body: { version: r.version, start: r.postingStart } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/review-rounds/:id/opinion',
      request: async (ctx, { area, caller }) => {
        const r = writes(caller) ? await fx(ctx).round(area.commune, 'posted', { opinionRequired: true }) : { id: of(ctx, area).posted, version: 1 };
        const round = await fx(ctx).ok('get', `/api/review-rounds/${r.id}`);
        return { path: `/api/review-rounds/${r.id}/opinion`, body: { version: round.version, date: round.postingEnd ?? '2030-01-01', ref: 'YK-1' } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/review-rounds/:id/decision',
      request: async (ctx, { area, caller }) => {
        const r = writes(caller) ? await fx(ctx).round(area.commune, 'posted', { results: true }) : { id: of(ctx, area).posted };
        const round = await fx(ctx).ok('get', `/api/review-rounds/${r.id}`);
        return { path: `/api/review-rounds/${r.id}/decision`, body: { version: round.version, decisionNumber: '9/QĐ-UBND', decisionDate: round.postingEnd ?? '2024-01-01' } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/review-rounds/:id/report',
      request: async (ctx, { area, caller }) => {
        const r = writes(caller) ? await fx(ctx).round(area.commune, 'decided') : { id: of(ctx, area).decided, version: 1 };
        return { path: `/api/review-rounds/${r.id}/report`, body: { version: r.version } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/review-rounds/:id/complaints',
      request: async (ctx, { area }) => {
        const id = of(ctx, area).posted;
        const r = await fx(ctx).ok('get', `/api/review-rounds/${id}`);
        return { path: `/api/review-rounds/${id}/complaints`, body: { receivedOn: r.postingStart, content: 'Khiếu nại kết quả rà soát' } };
      },
      expect: REGISTER_WRITE(201),
    },
    {
      route: 'PATCH /api/review-rounds/:id/complaints/:complaintId',
      request: async (ctx, { area }) => {
        const id = of(ctx, area).posted;
        const c = await fx(ctx).complaint(id);
        return { path: `/api/review-rounds/${id}/complaints/${c.id}`, body: { version: c.version, recheckedOn: '2030-12-31', outcome: 'Giữ nguyên kết quả' } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/review-rounds/:id/reclassify',
      request: async (ctx, { area }) => {
        const id = of(ctx, area).periodic;
        return { path: `/api/review-rounds/${id}/reclassify`, body: { version: (await fx(ctx).ok('get', `/api/review-rounds/${id}`)).version } };
      },
      expect: REGISTER_WRITE(200),
    },
    { route: 'GET /api/review-rounds/:id/lists/:list', request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).decided}/lists/poor` }), expect: SCOPED_READ(200) },
    { route: 'GET /api/review-rounds/:id/certificates', request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).decided}/certificates` }), expect: SCOPED_READ(200) },
    { route: 'GET /api/review-rounds/:id/movement', request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).decided}/movement` }), expect: SCOPED_READ(200) },
    { route: 'GET /api/review-rounds/:id/movement/summary', request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).decided}/movement/summary` }), expect: SCOPED_READ(200) },
    { route: 'GET /api/review-rounds/:id/review-list', request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).periodic}/review-list` }), expect: SCOPED_READ(200) },

    // ---- results ----
    { route: 'GET /api/review-rounds/:id/results', request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).decided}/results` }), expect: SCOPED_READ(200) },
    { route: 'GET /api/review-rounds/:id/results/template.xlsx', request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).periodic}/results/template.xlsx` }), expect: SCOPED_READ(200) },
    {
      route: 'POST /api/review-rounds/:id/results/import',
      request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).periodic}/results/import`, body: {} }),
      expect: UPLOAD_AS_JSON,
    },
    // ---- field collection (ODK / Kobo) ----
    { route: 'GET /api/review-rounds/:id/xlsform', request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).periodic}/xlsform` }), expect: SCOPED_READ(200) },
    {
      route: 'POST /api/review-rounds/:id/results/import-submissions',
      request: (ctx, { area }) => ({ path: `/api/review-rounds/${of(ctx, area).periodic}/results/import-submissions`, body: {} }),
      expect: UPLOAD_AS_JSON,
    },
    {
      route: 'GET /api/review-rounds/:id/results/:householdId',
      request: async (ctx, { area }) => {
        const r = await fx(ctx).once(`result:${area.commune}`, () => fx(ctx).result(area.commune));
        return { path: `/api/review-rounds/${r.roundId}/results/${r.householdId}` };
      },
      expect: SCOPED_READ(200),
    },
    {
      route: 'PUT /api/review-rounds/:id/results/:householdId',
      request: async (ctx, { area }) => {
        const h = await fx(ctx).household(area.commune);
        return { path: `/api/review-rounds/${of(ctx, area).periodic}/results/${h.id}`, body: { incomePerCapita: 1_300_000, deprivations: ['water', 'sanitation'] } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'DELETE /api/review-rounds/:id/results/:householdId',
      request: async (ctx, { area }) => {
        const r = await fx(ctx).result(area.commune);
        return { path: `/api/review-rounds/${r.roundId}/results/${r.householdId}`, query: { version: r.version } };
      },
      expect: REGISTER_WRITE(204),
    },

    // ---- applications ----
    {
      route: 'POST /api/review-applications',
      request: async (ctx, { area }) => ({ path: '/api/review-applications', body: { householdId: (await fx(ctx).household(area.commune)).id, form: 'mau01', filedOn: '2024-02-01' } }),
      expect: REGISTER_WRITE(201),
    },
    { route: 'GET /api/review-applications', scoped: false, request: () => ({ path: '/api/review-applications', query: { pageSize: 1000 } }), expect: SIGNED_IN(200), unitOf: communeOf },
    {
      route: 'GET /api/review-applications', title: 'of a commune',
      request: (_c, { area }) => ({ path: '/api/review-applications', query: { commune: area.commune } }), expect: SCOPED_READ(200), unitOf: communeOf,
    },
    { route: 'GET /api/review-applications/:id', request: (ctx, { area }) => ({ path: `/api/review-applications/${of(ctx, area).application}` }), expect: SCOPED_READ(200) },
    {
      route: 'PATCH /api/review-applications/:id',
      request: async (ctx, { area }) => {
        const id = of(ctx, area).application;
        const a = await fx(ctx).ok('get', `/api/review-applications/${id}`);
        return { path: `/api/review-applications/${id}`, body: { version: a.version, answer: `Đã tiếp nhận ${ctx.seq()}` } };
      },
      expect: REGISTER_WRITE(200),
    },
  ],
};
