import { ROLES } from '../../../../src/auth/auth-user';
import type { BadInputContext, BadInputModule } from '../bad-input';

const userCount = async (ctx: BadInputContext) =>
  (await ctx.t.ds.query(`SELECT count(*)::int AS n, sum(version)::int AS v, sum(token_version)::int AS tv FROM app_user`))[0];

/** The users admin. */
export const usersBadInput: BadInputModule = {
  name: 'users',
  bodies: [
    {
      route: 'POST /api/users',
      caller: 'admin',
      request: (ctx) => ({
        path: '/api/users',
        body: { username: `bi.u${ctx.seq()}`, password: 'mot-mat-khau-dai', role: 'commune', unitCode: '02287', fullName: 'Nguyễn Văn An' },
      }),
      accepts: 201,
      fields: {
        username: { kind: 'identifier', required: true },
        password: { kind: 'password', required: true },
        role: { kind: 'enum', required: true, values: [...ROLES] },
        unitCode: { kind: 'identifier' },
        fullName: { kind: 'text', nullable: true },
      },
      stored: async (_ctx, res, field) => res.body[field],
      fingerprint: userCount,
    },
    {
      route: 'PATCH /api/users/:id',
      caller: 'admin',
      // one account, with its current version each time
      request: async (ctx) => {
        const admin = `Bearer ${ctx.token('admin')}`;
        ctx.data.patchUserId ??= (await ctx.t.http().post('/api/users').set('Authorization', admin)
          .send({ username: 'bi.patched', password: 'mot-mat-khau-dai', role: 'commune', unitCode: '02287' })).body.id;
        const current = await ctx.t.http().get(`/api/users/${ctx.data.patchUserId}`).set('Authorization', admin);
        return { path: `/api/users/${ctx.data.patchUserId}`, body: { version: current.body.version, fullName: 'Trần Thị Bình' } };
      },
      accepts: 200,
      fields: {
        version: { kind: 'int', required: true, min: 1 },
        fullName: { kind: 'text', nullable: true },
        disabled: { kind: 'bool', nullable: true },
        role: { kind: 'enum', nullable: true, values: [...ROLES] },
        unitCode: { kind: 'identifier' },
        password: { kind: 'password', nullable: true },
      },
      stored: async (_ctx, res, field) => res.body[field],
      fingerprint: userCount,
    },
  ],
  queries: [
    {
      route: 'GET /api/users',
      caller: 'admin',
      path: '/api/users',
      params: {
        page: { kind: 'int' }, pageSize: { kind: 'int' }, q: { kind: 'text' }, role: { kind: 'enum', values: [...ROLES] },
        unit: { kind: 'identifier' }, disabled: { kind: 'bool', values: ['true'] },
      },
    },
  ],
};
