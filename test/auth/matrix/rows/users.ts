import { ADMIN_ONLY, MatrixContext, MatrixModule } from '../matrix';
import type { Area } from '../../../utils/scope-fixture';

/** An officer account in the target area, made by the admin (a fresh one per request: fresh version). */
async function officerIn(ctx: MatrixContext, area: Area): Promise<{ id: number; version: number }> {
  const res = await ctx.admin.post('/api/users', { username: `matrix.u${ctx.seq()}`, password: 'matrix-user-password', role: 'commune', unitCode: area.commune });
  if (res.status !== 201) throw new Error(`users fixture: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The users admin: admins only, wherever the account works. */
export const usersMatrix: MatrixModule = {
  name: 'users',
  rows: [
    {
      route: 'POST /api/users',
      request: (ctx, { area }) => ({
        path: '/api/users',
        body: { username: `matrix.new${ctx.seq()}`, password: 'matrix-user-password', role: 'commune', unitCode: area.commune },
      }),
      expect: ADMIN_ONLY(201),
    },
    { route: 'GET /api/users', scoped: false, request: () => ({ path: '/api/users' }), expect: ADMIN_ONLY(200) },
    {
      route: 'GET /api/users/:id',
      request: async (ctx, { area }) => ({ path: `/api/users/${(await officerIn(ctx, area)).id}` }),
      expect: ADMIN_ONLY(200),
    },
    {
      route: 'PATCH /api/users/:id',
      request: async (ctx, { area }) => {
        const u = await officerIn(ctx, area);
        return { path: `/api/users/${u.id}`, body: { version: u.version, fullName: `Tên ${ctx.seq()}` } };
      },
      expect: ADMIN_ONLY(200),
    },
  ],
};
