import type { BadInputContext, BadInputModule, FieldSpec } from '../bad-input';

/** Reports (issue 5) and plans: the reports' parameters, the plan writes and the plan list, by a district officer in Thị trấn Vĩnh Lộc. */

const COMMUNE = '02287';
const YEAR = 2022;
const unitYear = { unit: { kind: 'reference' }, year: { kind: 'int' } } satisfies Record<string, FieldSpec>;
const REPORTS = ['summary', 'deprivations', 'target-groups', 'ethnic-groups', 'causes', 'children', 'multidimensional', 'alkire-foster'];

async function putPlan(ctx: BadInputContext, year: number) {
  const res = await ctx.t.http().put(`/api/plans/${COMMUNE}/${year}`).set('Authorization', `Bearer ${ctx.token('admin')}`).send({ target: 12, unit: 'households' });
  if (res.status >= 300) throw new Error(`plan fixture ${COMMUNE}/${year}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { version: number };
}

const planCount = async (ctx: BadInputContext) => (await ctx.t.ds.query(`SELECT count(*)::int AS n, coalesce(sum(version), 0)::int AS v FROM reduction_plan`))[0];

export const reportsBadInput: BadInputModule = {
  name: 'reports',
  async setup(ctx) {
    await putPlan(ctx, YEAR);
  },
  bodies: [
    {
      // a plan in households: a whole number (a plan in points may be 4.32; the int cases fit the households one)
      route: 'PUT /api/plans/:unitCode/:year', caller: 'district', accepts: 200, fingerprint: planCount,
      stored: async (_ctx, res, field) => res.body[field],
      // replacing the plan sends the version read (the first PUT creates it, without one)
      request: async (ctx) => {
        const [cur] = await ctx.t.ds.query(`SELECT version FROM reduction_plan WHERE unit_code = $1 AND year = $2`, [COMMUNE, YEAR]);
        return { path: `/api/plans/${COMMUNE}/${YEAR}`, body: { target: 10 + (ctx.seq() % 90), unit: 'households', note: 'Kế hoạch số 12/KH-UBND', ...(cur ? { version: cur.version } : {}) } };
      },
      fields: { target: { kind: 'int', required: true, min: 1 }, unit: { kind: 'enum', required: true, values: ['points', 'households'] }, note: { kind: 'text' }, version: { kind: 'int', min: 1 } },
    },
  ],
  queries: [
    ...REPORTS.map((name) => ({ route: `GET /api/reports/${name}`, caller: 'district' as const, path: `/api/reports/${name}`, base: { unit: COMMUNE, year: YEAR }, params: unitYear })),
    {
      route: 'GET /api/reports/trends', caller: 'district', path: '/api/reports/trends', base: { unit: COMMUNE, from: 2021, to: 2023 },
      params: { unit: { kind: 'reference' }, from: { kind: 'int' }, to: { kind: 'int' } },
    },
    { route: 'GET /api/plans', caller: 'district', path: '/api/plans', params: { page: { kind: 'int' }, pageSize: { kind: 'int' }, unit: { kind: 'reference' }, year: { kind: 'int' } } },
    {
      route: 'DELETE /api/plans/:unitCode/:year', caller: 'district', noQueryDto: true, fingerprint: planCount,
      path: async (ctx) => { await putPlan(ctx, 2023); return `/api/plans/${COMMUNE}/2023`; },
      params: {},
    },
  ],
};
