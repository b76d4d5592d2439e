import { addHousehold, addRound } from '../../../program/fixtures';
import type { BadInputContext, BadInputModule, FieldSpec } from '../bad-input';

/** The National Target Program's writes and lists (issue 6), by an admin, in Thị trấn Vĩnh Lộc. */

const COMMUNE = '02287';
const PROJECT = 'GNBV21-DA7-TDA1';
const SUPPORT_PROJECT = 'GNBV21-DA3-TDA1';
const YEAR = 2023;

async function post(ctx: BadInputContext, path: string, body: unknown, method: 'post' | 'patch' = 'post') {
  const res = await ctx.t.http()[method](path).set('Authorization', `Bearer ${ctx.token('admin')}`).send(body as object);
  if (res.status >= 300) throw new Error(`program fixture ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
const program = (ctx: BadInputContext) => post(ctx, '/api/programs', { code: `BI-${ctx.seq()}`, name: 'Chương trình thử', yearFrom: 2026, yearTo: 2030 });
const project = async (ctx: BadInputContext) => {
  const p = await program(ctx);
  return post(ctx, `/api/programs/${p.code}/projects`, { code: `BI-P${ctx.seq()}`, kind: 'project', number: 1, name: 'Dự án thử' });
};
const activityBody = (ctx: BadInputContext) => ({
  unitCode: COMMUNE, projectCode: PROJECT, kind: 'training', title: `Tập huấn ${ctx.seq()}`, date: `${YEAR}-05-10`, participants: { total: 20 },
});
const fund = async (ctx: BadInputContext) =>
  (await post(ctx, '/api/program-funds', {
    unitCode: COMMUNE, year: YEAR, projectCode: PROJECT, source: 'central', fundType: 'recurrent', kind: 'allocated', amount: 10_000_000, entryDate: `${YEAR}-03-01`,
  })).entry;
async function eligibleHousehold(ctx: BadInputContext): Promise<number> {
  const id = await addHousehold(ctx.t.ds, COMMUNE);
  await ctx.t.ds.query(
    `INSERT INTO review_result (round_id, household_id, standard_code, area_type, b1_score, computed_class, decided_class, explanation)
     VALUES ($1, $2, 'ND07-2021', 'rural', 100, 'poor', 'poor', 'fixture')`,
    [ctx.data.programRound, id],
  );
  return id;
}
const beneficiary = async (ctx: BadInputContext) =>
  post(ctx, '/api/program-beneficiaries', {
    householdId: await eligibleHousehold(ctx), projectCode: SUPPORT_PROJECT, supportType: 'production_support', amount: 1_000_000, date: `${YEAR}-06-01`,
  });

const stored = async (_ctx: BadInputContext, res: { body: Record<string, unknown> }, field: string) =>
  (res.body.entry as Record<string, unknown> | undefined)?.[field] ?? res.body[field];
const text: FieldSpec = { kind: 'text' };
const year: FieldSpec = { kind: 'int', min: 2000 };
const date: FieldSpec = { kind: 'date', range: ['2000-01-01', '2100-12-31'] };
const version: FieldSpec = { kind: 'int', required: true, min: 1 };
const page = { page: { kind: 'int' }, pageSize: { kind: 'int' } } satisfies Record<string, FieldSpec>;

export const programBadInput: BadInputModule = {
  name: 'program',
  async setup(ctx) {
    ctx.data.programRound = await addRound(ctx.t.ds, { commune: COMMUNE, year: 2022, kind: 'periodic', decisionDate: '2022-12-20' }, []);
  },
  bodies: [
    {
      route: 'POST /api/programs', caller: 'admin', accepts: 201, stored,
      request: (ctx) => ({ path: '/api/programs', body: { code: `BI-N${ctx.seq()}`, name: 'Chương trình mới', yearFrom: 2026, yearTo: 2035 } }),
      fields: { code: { kind: 'identifier', required: true }, name: { kind: 'text', required: true }, shortName: text, decision: text, decisionDate: date, yearFrom: { ...year, required: true }, yearTo: { ...year, required: true }, note: text },
    },
    {
      route: 'PATCH /api/programs/:code', caller: 'admin', accepts: 200, stored,
      request: async (ctx) => { const p = await program(ctx); return { path: `/api/programs/${p.code}`, body: { version: p.version, name: 'Tên mới' } }; },
      fields: { version, name: text, decisionDate: date, yearFrom: year, note: text },
    },
    {
      route: 'POST /api/programs/:code/projects', caller: 'admin', accepts: 201, stored,
      request: async (ctx) => { const p = await program(ctx); return { path: `/api/programs/${p.code}/projects`, body: { code: `BI-Q${ctx.seq()}`, kind: 'project', number: 1, name: 'Dự án' } }; },
      fields: {
        code: { kind: 'identifier', required: true }, kind: { kind: 'enum', required: true, values: ['component', 'project', 'sub_project'] },
        number: { kind: 'int', required: true, min: 1 }, name: { kind: 'text', required: true }, parentCode: { kind: 'reference' }, note: text,
      },
    },
    {
      route: 'PATCH /api/program-projects/:code', caller: 'admin', accepts: 200, stored,
      request: async (ctx) => { const p = await project(ctx); return { path: `/api/program-projects/${p.code}`, body: { version: p.version, name: 'Tên dự án mới' } }; },
      fields: { version, number: { kind: 'int', min: 1 }, name: text, note: { kind: 'text', nullable: true } },
    },
    {
      route: 'POST /api/program-applicability', caller: 'district', accepts: 201,
      request: (ctx) => {
        const y = 2030 + (ctx.seq() % 70);
        return { path: '/api/program-applicability', body: { projectCode: PROJECT, unitCode: COMMUNE, applicable: true, yearFrom: y, yearTo: y } };
      },
      fields: { projectCode: { kind: 'reference', required: true }, unitCode: { kind: 'reference', required: true }, applicable: { kind: 'bool', required: true }, yearFrom: year, yearTo: year, reason: text },
    },
    {
      route: 'POST /api/program-activities', caller: 'district', accepts: 201, stored,
      request: (ctx) => ({ path: '/api/program-activities', body: activityBody(ctx) }),
      fields: {
        unitCode: { kind: 'reference', required: true }, projectCode: { kind: 'reference', required: true },
        kind: { kind: 'enum', required: true, values: ['training', 'conference', 'communication', 'model'] },
        title: { kind: 'text', required: true }, date: { ...date, required: true }, endDate: date, place: text, targetGroup: text, note: text,
      },
    },
    {
      route: 'PATCH /api/program-activities/:id', caller: 'district', accepts: 200, stored,
      request: async (ctx) => { const a = await post(ctx, '/api/program-activities', activityBody(ctx)); return { path: `/api/program-activities/${a.id}`, body: { version: a.version, title: 'Sửa tiêu đề' } }; },
      fields: { version, title: text, date, place: text, note: text },
    },
    {
      route: 'POST /api/program-funds', caller: 'district', accepts: 201, stored,
      request: () => ({
        path: '/api/program-funds',
        body: { unitCode: COMMUNE, year: YEAR, projectCode: PROJECT, source: 'local', fundType: 'recurrent', kind: 'allocated', amount: 5_000_000, entryDate: `${YEAR}-04-01` },
      }),
      fields: {
        unitCode: { kind: 'reference', required: true }, year: { ...year, required: true }, projectCode: { kind: 'reference', required: true },
        source: { kind: 'enum', required: true, values: ['central', 'local', 'other'] }, fundType: { kind: 'enum', required: true, values: ['investment', 'recurrent'] },
        kind: { kind: 'enum', required: true, values: ['allocated', 'disbursed'] },
        // an allocation may be cut (negative): an integer, not `money`
        amount: { kind: 'int', required: true }, entryDate: { ...date, required: true }, documentRef: text, note: text,
      },
    },
    {
      route: 'POST /api/program-funds/:id/corrections', caller: 'district', accepts: 201,
      stored: async (_ctx, res, field) => (field === 'reason' ? res.body.entry.correctionReason : res.body.entry[field]),
      request: async (ctx) => ({ path: `/api/program-funds/${(await fund(ctx)).id}/corrections`, body: { reason: 'Nhập sai số tiền', amount: 9_000_000 } }),
      fields: { reason: { kind: 'text', required: true }, amount: { kind: 'int' }, entryDate: date, note: text },
    },
    {
      route: 'POST /api/program-beneficiaries', caller: 'district', accepts: 201, stored,
      request: async (ctx) => ({
        path: '/api/program-beneficiaries',
        body: { householdId: await eligibleHousehold(ctx), projectCode: SUPPORT_PROJECT, supportType: 'production_support', amount: 1_500_000, date: `${YEAR}-06-02` },
      }),
      fields: {
        householdId: { kind: 'int', required: true, min: 1 }, projectCode: { kind: 'reference', required: true },
        supportType: { kind: 'enum', required: true, values: ['livelihood_model', 'production_support', 'housing'] },
        amount: { kind: 'money', required: true }, date: { ...date, required: true }, note: text,
      },
    },
    {
      route: 'PATCH /api/program-beneficiaries/:id', caller: 'district', accepts: 200, stored,
      request: async (ctx) => { const b = await beneficiary(ctx); return { path: `/api/program-beneficiaries/${b.id}`, body: { version: b.version, amount: 2_000_000 } }; },
      fields: { version, amount: { kind: 'money' }, date, note: text },
    },
  ],
  // a delete sends the version read (a fresh record: 1); without it, 400 (test/program/catalogue.spec.ts)
  queries: [
    { route: 'GET /api/programs', caller: 'commune', path: '/api/programs', params: { ...page, year: { kind: 'int' } } },
    { route: 'GET /api/program-applicability', caller: 'district', path: '/api/program-applicability', base: { unit: COMMUNE, year: YEAR }, params: { unit: { kind: 'reference' }, year: { kind: 'int' } } },
    {
      route: 'GET /api/program-activities', caller: 'district', path: '/api/program-activities',
      params: { ...page, unit: { kind: 'reference' }, year: { kind: 'int' }, project: { kind: 'reference' }, kind: { kind: 'enum', values: ['training'] } },
    },
    {
      route: 'GET /api/program-funds', caller: 'district', path: '/api/program-funds',
      params: { ...page, unit: { kind: 'reference' }, year: { kind: 'int' }, project: { kind: 'reference' }, source: { kind: 'enum', values: ['central'] }, includeCorrected: { kind: 'bool', values: ['true'] } },
    },
    { route: 'GET /api/program-funds/totals', caller: 'district', path: '/api/program-funds/totals', base: { unit: COMMUNE, year: YEAR }, params: { unit: { kind: 'reference' }, year: { kind: 'int' } } },
    {
      route: 'GET /api/program-beneficiaries', caller: 'district', path: '/api/program-beneficiaries',
      params: { ...page, unit: { kind: 'reference' }, year: { kind: 'int' }, household: { kind: 'int' }, group: { kind: 'enum', values: ['poor'] } },
    },
    {
      route: 'GET /api/program-beneficiaries/eligibility', caller: 'district', path: '/api/program-beneficiaries/eligibility',
      base: { household: 2_147_483_647, project: SUPPORT_PROJECT, date: `${YEAR}-06-01` }, accepts: 404,
      params: { household: { kind: 'int' }, project: { kind: 'reference' }, date: { kind: 'date' } },
    },
    { route: 'GET /api/program/progress', caller: 'district', path: '/api/program/progress', base: { unit: COMMUNE, year: YEAR }, params: { unit: { kind: 'reference' }, year: { kind: 'int' } } },
    {
      route: 'DELETE /api/programs/:code', caller: 'admin',
      path: async (ctx) => `/api/programs/${(await program(ctx)).code}`, base: { version: 1 }, params: { version: { kind: 'int' } },
    },
    {
      route: 'DELETE /api/program-projects/:code', caller: 'admin',
      path: async (ctx) => `/api/program-projects/${(await project(ctx)).code}`, base: { version: 1 }, params: { version: { kind: 'int' } },
    },
    {
      route: 'DELETE /api/program-applicability/:id', caller: 'district', noQueryDto: true,
      path: async (ctx) => {
        const y = 2030 + (ctx.seq() % 70);
        return `/api/program-applicability/${(await post(ctx, '/api/program-applicability', { projectCode: PROJECT, unitCode: COMMUNE, applicable: true, yearFrom: y, yearTo: y })).id}`;
      },
      params: {},
    },
    {
      route: 'DELETE /api/program-activities/:id', caller: 'district',
      path: async (ctx) => `/api/program-activities/${(await post(ctx, '/api/program-activities', activityBody(ctx))).id}`, base: { version: 1 }, params: { version: { kind: 'int' } },
    },
    {
      route: 'DELETE /api/program-beneficiaries/:id', caller: 'district',
      path: async (ctx) => `/api/program-beneficiaries/${(await beneficiary(ctx)).id}`, base: { version: 1 }, params: { version: { kind: 'int' } },
    },
  ],
};
