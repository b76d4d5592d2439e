import { ADMIN_ONLY, MatrixContext, MatrixModule, SIGNED_IN } from '../matrix';

/**
 * Administrative units are reference data every signed-in officer reads, inside or outside their
 * area (names of neighbouring units appear in reports): no 403 and no leak check on reads.
 * Editing them is for admins only (ScopeService 'reference'), wherever the unit is.
 */

/** A new province through the API (no parent: nothing to fit into), valid from 2020 or as given. */
export async function newProvince(ctx: MatrixContext, validTo?: string, validFrom = '2020-01-01'): Promise<string> {
  const code = `MP${ctx.seq()}`;
  const res = await ctx.admin.post('/api/units', { code, level: 'province', name: `Tỉnh Thử ${code}`, kind: 'tinh', validFrom, validTo: validTo ?? null });
  if (res.status !== 201) throw new Error(`units fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return code;
}

export const unitsMatrix: MatrixModule = {
  name: 'units',
  rows: [
    { route: 'GET /api/units', scoped: false, request: () => ({ path: '/api/units', query: { pageSize: 5 } }), expect: SIGNED_IN(200) },
    {
      route: 'GET /api/units',
      title: 'children of a district',
      request: (_ctx, { area }) => ({ path: '/api/units', query: { parent: area.district } }),
      expect: SIGNED_IN(200),
    },
    { route: 'GET /api/units/:code', request: (_ctx, { area }) => ({ path: `/api/units/${area.commune}` }), expect: SIGNED_IN(200) },
    {
      route: 'POST /api/units', scoped: false,
      request: (ctx) => {
        const code = `MN${ctx.seq()}`;
        return { path: '/api/units', body: { code, level: 'province', name: `Tỉnh Mới ${code}`, kind: 'tinh', validFrom: '2020-01-01' } };
      },
      expect: ADMIN_ONLY(201),
    },
    {
      route: 'POST /api/units/:code/versions', scoped: false,
      request: async (ctx) => ({ path: `/api/units/${await newProvince(ctx)}/versions`, body: { validFrom: '2024-01-01', name: 'Tỉnh Đổi Tên' } }),
      expect: ADMIN_ONLY(201),
    },
    {
      route: 'PATCH /api/units/:code/versions/:validFrom', scoped: false,
      request: async (ctx) => {
        const code = await newProvince(ctx);
        const unit = await ctx.admin.get(`/api/units/${code}`);
        return { path: `/api/units/${code}/versions/2020-01-01`, body: { version: unit.body.versions[0].version, name: 'Tỉnh Sửa Tên' } };
      },
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'POST /api/units/successions', scoped: false,
      request: async (ctx) => {
        const before = await newProvince(ctx, '2023-12-31');
        const after = await newProvince(ctx, undefined, '2024-01-01');
        return { path: '/api/units/successions', body: { kind: 'rename', effectiveDate: '2024-01-01', predecessors: [before], successors: [after] } };
      },
      expect: ADMIN_ONLY(201),
    },
  ],
};
