import { AREAS, Area } from '../../../utils/scope-fixture';
import { MatrixContext, MatrixModule, PLAN_WRITE, SCOPED_READ, SIGNED_IN } from '../matrix';

/**
 * Reports (issue 5) and plans: every report is a read of a unit's area (403 just outside it); a
 * plan is written by district and province officers in their area and by admins (ScopeService
 * 'plan'); the plan list is filtered to the caller's area and never leaks another area's plan.
 */

const YEAR = 2022;
const unitOf = (item: { unitCode: string }) => item.unitCode;

const putPlan = async (ctx: MatrixContext, area: Area, year = YEAR) => {
  // replacing an existing plan takes the version read (docs/API.md, optimistic locking)
  const current = await ctx.admin.get(`/api/plans/${area.commune}/${year}`);
  const version = current.status === 200 ? (current.body as { version: number }).version : undefined;
  const res = await ctx.admin.put(`/api/plans/${area.commune}/${year}`, { target: 2.5, unit: 'points', note: 'Kế hoạch thử', version });
  if (res.status !== 200 && res.status !== 201) throw new Error(`plan fixture ${area.commune}/${year}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { version: number };
};

const report = (name: string) => ({
  route: `GET /api/reports/${name}`,
  request: (_c: MatrixContext, { area }: { area: Area }) => ({ path: `/api/reports/${name}`, query: { unit: area.commune, year: YEAR } }),
  expect: SCOPED_READ(200),
});

export const reportsMatrix: MatrixModule = {
  name: 'reports',
  async setup(ctx) {
    // a plan per area; the program rows' setup already decided a 2022 round in each commune
    for (const area of Object.values(AREAS)) await putPlan(ctx, area);
  },
  rows: [
    ...['summary', 'deprivations', 'target-groups', 'ethnic-groups', 'causes', 'children', 'multidimensional', 'alkire-foster'].map(report),
    {
      route: 'GET /api/reports/trends',
      request: (_c, { area }) => ({ path: '/api/reports/trends', query: { unit: area.commune, from: 2021, to: 2023 } }),
      expect: SCOPED_READ(200),
    },
  ],
};

export const plansMatrix: MatrixModule = {
  name: 'plans',
  rows: [
    { route: 'GET /api/plans', scoped: false, request: () => ({ path: '/api/plans', query: { pageSize: 1000 } }), expect: SIGNED_IN(200), unitOf },
    {
      // a filter on a unit outside the area is refused, as for every list
      route: 'GET /api/plans', title: 'of a unit',
      request: (_c, { area }) => ({ path: '/api/plans', query: { unit: area.commune, pageSize: 1000 } }), expect: SCOPED_READ(200), unitOf,
    },
    {
      route: 'GET /api/plans', title: 'of a year',
      request: () => ({ path: '/api/plans', query: { year: YEAR, pageSize: 1000 } }), expect: SIGNED_IN(200), unitOf, scoped: false,
    },
    { route: 'GET /api/plans/:unitCode/:year', request: (_c, { area }) => ({ path: `/api/plans/${area.commune}/${YEAR}` }), expect: SCOPED_READ(200) },
    {
      // the plan exists (setup): a replace is 200
      route: 'PUT /api/plans/:unitCode/:year',
      request: async (ctx, { area }) => {
        const { version } = (await ctx.admin.get(`/api/plans/${area.commune}/${YEAR}`)).body as { version: number };
        return { path: `/api/plans/${area.commune}/${YEAR}`, body: { target: 1 + (ctx.seq() % 50) / 10, unit: 'points', version } };
      },
      expect: PLAN_WRITE(200),
    },
    {
      route: 'PUT /api/plans/:unitCode/:year', title: 'of a district',
      // no plan yet: created, 201
      request: async (ctx, { area }) => {
        await ctx.admin.delete(`/api/plans/${area.district}/${YEAR}`);
        return { path: `/api/plans/${area.district}/${YEAR}`, body: { target: 10 + (ctx.seq() % 50), unit: 'households' } };
      },
      expect: PLAN_WRITE(201),
    },
    {
      route: 'DELETE /api/plans/:unitCode/:year',
      request: async (ctx, { area }) => { await putPlan(ctx, area, 2023); return { path: `/api/plans/${area.commune}/2023` }; },
      expect: PLAN_WRITE(204),
    },
  ],
};
