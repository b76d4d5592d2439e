import { addHousehold, addRound } from '../../../program/fixtures';
import { AREAS, Area } from '../../../utils/scope-fixture';
import { ADMIN_ONLY, MatrixContext, MatrixModule, PLAN_WRITE, SCOPED_READ, SIGNED_IN } from '../matrix';

/**
 * The National Target Program (issue 6): the catalogue is read by everyone and edited by admins;
 * funds, activities, applicability and supported households are program data — read in the area,
 * written by district and province officers in their area (ScopeService 'program').
 */

const PROJECT = 'GNBV21-DA7-TDA1';
const SUPPORT_PROJECT = 'GNBV21-DA3-TDA1';
const YEAR = 2023;

const ok = (res: { status: number; body: unknown }, what: string, status = 201) => {
  if (res.status !== status) throw new Error(`program fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; version: number; code?: string };
};

const activity = async (ctx: MatrixContext, area: Area) =>
  ok(await ctx.admin.post('/api/program-activities', {
    unitCode: area.commune, projectCode: PROJECT, kind: 'training', title: `Tập huấn ${ctx.seq()}`, date: `${YEAR}-05-10`, participants: { total: 30 },
  }), 'activity');

const fund = async (ctx: MatrixContext, area: Area) =>
  (ok(await ctx.admin.post('/api/program-funds', {
    unitCode: area.commune, year: YEAR, projectCode: PROJECT, source: 'central', fundType: 'recurrent', kind: 'allocated', amount: 10_000_000, entryDate: `${YEAR}-03-01`,
  }), 'fund') as unknown as { entry: { id: number } }).entry;

/** A household on the decided poor list of the area's commune (the 2022 periodic round: list year 2023). */
async function eligibleHousehold(ctx: MatrixContext, area: Area): Promise<number> {
  const id = await addHousehold(ctx.t.ds, area.commune);
  await ctx.t.ds.query(
    `INSERT INTO review_result (round_id, household_id, standard_code, area_type, b1_score, computed_class, decided_class, explanation)
     VALUES ($1, $2, 'ND07-2021', 'rural', 100, 'poor', 'poor', 'fixture')`,
    [ctx.data.program.decidedRound[area.commune], id],
  );
  return id;
}

const beneficiary = async (ctx: MatrixContext, area: Area) =>
  ok(await ctx.admin.post('/api/program-beneficiaries', {
    householdId: await eligibleHousehold(ctx, area), projectCode: SUPPORT_PROJECT, supportType: 'production_support', amount: 2_000_000, date: `${YEAR}-06-01`,
  }), 'beneficiary');

const applicability = async (ctx: MatrixContext, area: Area) => {
  const y = 2030 + (ctx.seq() % 70); // a year of its own: settings of one project and unit never overlap
  return ok(await ctx.admin.post('/api/program-applicability', { projectCode: PROJECT, unitCode: area.commune, applicable: true, yearFrom: y, yearTo: y }), 'applicability');
};

const program = async (ctx: MatrixContext) =>
  ok(await ctx.admin.post('/api/programs', { code: `MX-${ctx.seq()}`, name: 'Chương trình thử', yearFrom: 2026, yearTo: 2030 }), 'program');

const project = async (ctx: MatrixContext) => {
  const p = await program(ctx);
  return ok(await ctx.admin.post(`/api/programs/${p.code}/projects`, { code: `MX-P${ctx.seq()}`, kind: 'project', number: 1, name: 'Dự án thử' }), 'project');
};

const unitOf = (item: { unitCode: string }) => item.unitCode;

export const programMatrix: MatrixModule = {
  name: 'program',
  async setup(ctx) {
    const decidedRound: Record<string, number> = {};
    const activities: Record<string, number> = {};
    const funds: Record<string, number> = {};
    const beneficiaries: Record<string, number> = {};
    ctx.data.program = { decidedRound };
    for (const area of Object.values(AREAS)) {
      decidedRound[area.commune] = await addRound(ctx.t.ds, { commune: area.commune, year: 2022, kind: 'periodic', decisionDate: '2022-12-20' }, []);
      activities[area.commune] = (await activity(ctx, area)).id;
      funds[area.commune] = (await fund(ctx, area)).id;
      beneficiaries[area.commune] = (await beneficiary(ctx, area)).id;
    }
    Object.assign(ctx.data.program, { activities, funds, beneficiaries, household: {} as Record<string, number> });
    for (const area of Object.values(AREAS)) ctx.data.program.household[area.commune] = await eligibleHousehold(ctx, area);
  },
  rows: [
    // the catalogue
    { route: 'GET /api/programs', scoped: false, request: () => ({ path: '/api/programs' }), expect: SIGNED_IN(200) },
    { route: 'GET /api/programs/:code', scoped: false, request: () => ({ path: '/api/programs/GNBV-2021-2025' }), expect: SIGNED_IN(200) },
    {
      route: 'POST /api/programs', scoped: false,
      request: (ctx) => ({ path: '/api/programs', body: { code: `MX-N${ctx.seq()}`, name: 'Chương trình mới', yearFrom: 2026, yearTo: 2035 } }),
      expect: ADMIN_ONLY(201),
    },
    {
      route: 'PATCH /api/programs/:code', scoped: false,
      request: async (ctx) => { const p = await program(ctx); return { path: `/api/programs/${p.code}`, body: { version: p.version, name: 'Tên mới' } }; },
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'DELETE /api/programs/:code', scoped: false,
      request: async (ctx) => { const p = await program(ctx); return { path: `/api/programs/${p.code}`, query: { version: p.version } }; },
      expect: ADMIN_ONLY(204),
    },
    {
      route: 'POST /api/programs/:code/projects', scoped: false,
      request: async (ctx) => { const p = await program(ctx); return { path: `/api/programs/${p.code}/projects`, body: { code: `MX-Q${ctx.seq()}`, kind: 'project', number: 2, name: 'Dự án' } }; },
      expect: ADMIN_ONLY(201),
    },
    { route: 'GET /api/program-projects/:code', scoped: false, request: () => ({ path: `/api/program-projects/${PROJECT}` }), expect: SIGNED_IN(200) },
    {
      route: 'PATCH /api/program-projects/:code', scoped: false,
      request: async (ctx) => { const p = await project(ctx); return { path: `/api/program-projects/${p.code}`, body: { version: p.version, name: 'Tên dự án mới' } }; },
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'DELETE /api/program-projects/:code', scoped: false,
      request: async (ctx) => { const p = await project(ctx); return { path: `/api/program-projects/${p.code}`, query: { version: p.version } }; },
      expect: ADMIN_ONLY(204),
    },

    // applicability
    { route: 'GET /api/program-applicability', request: (_c, { area }) => ({ path: '/api/program-applicability', query: { unit: area.commune, year: YEAR } }), expect: SCOPED_READ(200) },
    {
      route: 'POST /api/program-applicability',
      request: (ctx, { area }) => {
        const y = 2030 + (ctx.seq() % 70);
        return { path: '/api/program-applicability', body: { projectCode: PROJECT, unitCode: area.commune, applicable: true, yearFrom: y, yearTo: y } };
      },
      expect: PLAN_WRITE(201),
    },
    {
      route: 'DELETE /api/program-applicability/:id',
      request: async (ctx, { area }) => ({ path: `/api/program-applicability/${(await applicability(ctx, area)).id}` }),
      expect: PLAN_WRITE(204),
    },

    // activities
    { route: 'GET /api/program-activities', scoped: false, request: () => ({ path: '/api/program-activities', query: { pageSize: 1000 } }), expect: SIGNED_IN(200), unitOf },
    {
      route: 'GET /api/program-activities', title: 'of a unit',
      request: (_c, { area }) => ({ path: '/api/program-activities', query: { unit: area.commune, pageSize: 1000 } }), expect: SCOPED_READ(200), unitOf,
    },
    { route: 'GET /api/program-activities/:id', request: (ctx, { area }) => ({ path: `/api/program-activities/${ctx.data.program.activities[area.commune]}` }), expect: SCOPED_READ(200) },
    {
      route: 'POST /api/program-activities',
      request: (ctx, { area }) => ({
        path: '/api/program-activities',
        body: { unitCode: area.commune, projectCode: PROJECT, kind: 'communication', title: `Truyền thông ${ctx.seq()}`, date: `${YEAR}-07-01`, participants: { total: 50 } },
      }),
      expect: PLAN_WRITE(201),
    },
    {
      route: 'PATCH /api/program-activities/:id',
      request: async (ctx, { area }) => { const a = await activity(ctx, area); return { path: `/api/program-activities/${a.id}`, body: { version: a.version, title: 'Tập huấn (sửa)' } }; },
      expect: PLAN_WRITE(200),
    },
    {
      route: 'DELETE /api/program-activities/:id',
      request: async (ctx, { area }) => { const a = await activity(ctx, area); return { path: `/api/program-activities/${a.id}`, query: { version: a.version } }; },
      expect: PLAN_WRITE(204),
    },

    // funds
    { route: 'GET /api/program-funds', scoped: false, request: () => ({ path: '/api/program-funds', query: { pageSize: 1000 } }), expect: SIGNED_IN(200), unitOf },
    {
      route: 'GET /api/program-funds', title: 'of a unit',
      request: (_c, { area }) => ({ path: '/api/program-funds', query: { unit: area.commune, pageSize: 1000 } }), expect: SCOPED_READ(200), unitOf,
    },
    { route: 'GET /api/program-funds/totals', request: (_c, { area }) => ({ path: '/api/program-funds/totals', query: { unit: area.commune, year: YEAR } }), expect: SCOPED_READ(200) },
    { route: 'GET /api/program-funds/:id/history', request: (ctx, { area }) => ({ path: `/api/program-funds/${ctx.data.program.funds[area.commune]}/history` }), expect: SCOPED_READ(200) },
    {
      route: 'POST /api/program-funds',
      request: (_c, { area }) => ({
        path: '/api/program-funds',
        body: { unitCode: area.commune, year: YEAR, projectCode: PROJECT, source: 'local', fundType: 'recurrent', kind: 'allocated', amount: 5_000_000, entryDate: `${YEAR}-04-01` },
      }),
      expect: PLAN_WRITE(201),
    },
    {
      route: 'POST /api/program-funds/:id/corrections',
      request: async (ctx, { area }) => ({ path: `/api/program-funds/${(await fund(ctx, area)).id}/corrections`, body: { reason: 'Nhập sai số tiền', amount: 9_000_000 } }),
      expect: PLAN_WRITE(201),
    },

    // supported households
    { route: 'GET /api/program-beneficiaries', scoped: false, request: () => ({ path: '/api/program-beneficiaries', query: { pageSize: 1000 } }), expect: SIGNED_IN(200), unitOf },
    {
      route: 'GET /api/program-beneficiaries', title: 'of a unit',
      request: (_c, { area }) => ({ path: '/api/program-beneficiaries', query: { unit: area.commune, pageSize: 1000 } }), expect: SCOPED_READ(200), unitOf,
    },
    {
      route: 'GET /api/program-beneficiaries/eligibility',
      request: (ctx, { area }) => ({ path: '/api/program-beneficiaries/eligibility', query: { household: ctx.data.program.household[area.commune], project: SUPPORT_PROJECT, date: `${YEAR}-06-01` } }),
      expect: SCOPED_READ(200),
    },
    { route: 'GET /api/program-beneficiaries/:id', request: (ctx, { area }) => ({ path: `/api/program-beneficiaries/${ctx.data.program.beneficiaries[area.commune]}` }), expect: SCOPED_READ(200) },
    {
      route: 'POST /api/program-beneficiaries',
      request: async (ctx, { area }) => ({
        path: '/api/program-beneficiaries',
        body: { householdId: await eligibleHousehold(ctx, area), projectCode: SUPPORT_PROJECT, supportType: 'production_support', amount: 1_500_000, date: `${YEAR}-06-02` },
      }),
      expect: PLAN_WRITE(201),
    },
    {
      route: 'PATCH /api/program-beneficiaries/:id',
      request: async (ctx, { area }) => { const b = await beneficiary(ctx, area); return { path: `/api/program-beneficiaries/${b.id}`, body: { version: b.version, amount: 2_500_000 } }; },
      expect: PLAN_WRITE(200),
    },
    {
      route: 'DELETE /api/program-beneficiaries/:id',
      request: async (ctx, { area }) => { const b = await beneficiary(ctx, area); return { path: `/api/program-beneficiaries/${b.id}`, query: { version: b.version } }; },
      expect: PLAN_WRITE(204),
    },

    // progress
    { route: 'GET /api/program/progress', request: (_c, { area }) => ({ path: '/api/program/progress', query: { unit: area.commune, year: YEAR } }), expect: SCOPED_READ(200) },
  ],
};
