import type { Area } from '../../../utils/scope-fixture';
import { AREAS } from '../../../utils/scope-fixture';
import { MatrixContext, MatrixModule, REGISTER_WRITE, SCOPED_READ, SIGNED_IN } from '../matrix';

/**
 * The household register (issue 3): read in the caller's area (a unit named in a list filter
 * outside it is 403 too), written by commune officers in their commune (ScopeService 'register').
 * The Excel import's scope is tested in test/households/import.spec.ts: this matrix sends JSON,
 * which the upload check refuses (415) before any area is looked at.
 */

interface Detail {
  id: number;
  version: number;
  members: { id: number; relation: string }[];
}

const body = (ctx: MatrixContext, area: Area) => ({
  communeCode: area.commune,
  villageCode: area.village,
  code: `MX-${ctx.seq()}`,
  registeredOn: '2015-01-01',
  head: { fullName: 'Ma Văn Thử', sex: 'male', birthYear: 1975, ethnicity: '02' },
  members: [
    { fullName: 'Hoàng Thị Thử', sex: 'female', birthYear: 1978, ethnicity: '02', relation: 'spouse' },
    { fullName: 'Ma Văn Con', sex: 'male', birthYear: 2004, ethnicity: '02', relation: 'child' },
  ],
});

/** A new household in the area's commune, through the real route. */
async function household(ctx: MatrixContext, area: Area): Promise<Detail> {
  const res = await ctx.admin.post('/api/households', body(ctx, area));
  if (res.status !== 201) throw new Error(`households fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const child = (h: Detail) => h.members.find((m) => m.relation === 'child') as { id: number };
const unitOf = (item: { communeCode: string }) => item.communeCode;

export const householdsMatrix: MatrixModule = {
  name: 'households',
  async setup(ctx) {
    const byCommune: Record<string, number> = {};
    for (const area of Object.values(AREAS)) byCommune[area.commune] = (await household(ctx, area)).id;
    ctx.data.households = { byCommune };
  },
  rows: [
    { route: 'GET /api/households', scoped: false, request: () => ({ path: '/api/households', query: { pageSize: 100 } }), expect: SIGNED_IN(200), unitOf },
    {
      route: 'GET /api/households', title: 'filtered by commune',
      request: (_ctx, { area }) => ({ path: '/api/households', query: { commune: area.commune, q: 'thu' } }),
      expect: SCOPED_READ(200), unitOf,
    },
    {
      route: 'GET /api/households', title: 'filtered by village',
      request: (_ctx, { area }) => ({ path: '/api/households', query: { village: area.village } }),
      expect: SCOPED_READ(200), unitOf,
    },
    {
      route: 'GET /api/households/duplicates',
      request: (_ctx, { area }) => ({ path: '/api/households/duplicates', query: { commune: area.commune } }),
      expect: SCOPED_READ(200), unitOf,
    },
    {
      route: 'GET /api/households/import-template', title: "with the commune's villages",
      request: (_ctx, { area }) => ({ path: '/api/households/import-template', query: { commune: area.commune } }),
      expect: SCOPED_READ(200),
    },
    { route: 'GET /api/ethnic-groups', scoped: false, request: () => ({ path: '/api/ethnic-groups' }), expect: SIGNED_IN(200) },
    {
      route: 'GET /api/households/:id',
      request: (ctx, { area }) => ({ path: `/api/households/${ctx.data.households.byCommune[area.commune]}` }),
      expect: SCOPED_READ(200),
    },
    {
      route: 'POST /api/households',
      request: (ctx, { area }) => ({ path: '/api/households', body: body(ctx, area) }),
      expect: REGISTER_WRITE(201),
    },
    {
      route: 'PATCH /api/households/:id',
      request: async (ctx, { area }) => {
        const h = await household(ctx, area);
        return { path: `/api/households/${h.id}`, body: { version: h.version, address: 'Địa chỉ mới', meritorious: true } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/households/:id/status',
      request: async (ctx, { area }) => {
        const h = await household(ctx, area);
        return { path: `/api/households/${h.id}/status`, body: { version: h.version, status: 'moved_away', date: '2024-05-01', reason: 'Chuyển đi' } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/households/:id/split-off',
      request: async (ctx, { area }) => {
        const h = await household(ctx, area);
        const c = child(h);
        return {
          path: `/api/households/${h.id}/split-off`,
          body: { version: h.version, date: '2024-06-01', reason: 'Con trai lập gia đình', household: { headMemberId: c.id, members: [{ memberId: c.id }] } },
        };
      },
      expect: REGISTER_WRITE(201),
    },
    {
      route: 'POST /api/households/:id/members',
      request: async (ctx, { area }) => {
        const h = await household(ctx, area);
        return { path: `/api/households/${h.id}/members`, body: { version: h.version, fullName: 'Ma Thị Út', sex: 'female', birthYear: 2020, ethnicity: '02', relation: 'child' } };
      },
      expect: REGISTER_WRITE(201),
    },
    {
      route: 'PATCH /api/households/:id/members/:memberId',
      request: async (ctx, { area }) => {
        const h = await household(ctx, area);
        return { path: `/api/households/${h.id}/members/${child(h).id}`, body: { version: h.version, inSchool: true } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'DELETE /api/households/:id/members/:memberId',
      request: async (ctx, { area }) => {
        const h = await household(ctx, area);
        return { path: `/api/households/${h.id}/members/${child(h).id}`, query: { version: h.version, reason: 'Chuyển đi' } };
      },
      expect: REGISTER_WRITE(200),
    },
    {
      route: 'POST /api/households/import', scoped: false, title: 'JSON instead of a workbook: refused before the area check',
      request: (_ctx) => ({ path: '/api/households/import', query: { commune: AREAS.own.commune }, body: { rows: [] } }),
      expect: { anonymous: 401, admin: 415, province: 415, district: 415, commune: 415 },
    },
  ],
};
