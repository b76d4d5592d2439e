import { AREAS } from '../../../utils/scope-fixture';
import { MatrixModule, SCOPED_READ, SIGNED_IN } from '../matrix';

const unitOf = (item: { unitCode: string | null }) => item.unitCode;

/** The audit trail: every officer reads the entries of their area; a unit filter outside it is 403. */
export const auditMatrix: MatrixModule = {
  name: 'audit',
  async setup(ctx) {
    // entries in every area (and one without a unit: an admin account), through the real routes
    const ids: Record<string, number> = {};
    for (const area of Object.values(AREAS)) {
      const res = await ctx.admin.post('/api/users', { username: `matrix.audit.${area.commune.toLowerCase()}`, password: 'matrix-user-password', role: 'commune', unitCode: area.commune });
      if (res.status !== 201) throw new Error(`audit setup: ${res.status} ${JSON.stringify(res.body)}`);
      ids[area.commune] = res.body.id;
    }
    await ctx.admin.post('/api/users', { username: 'matrix.audit.admin', password: 'matrix-user-password', role: 'admin' });
    ctx.data.audit = { userIn: ids };
  },
  rows: [
    { route: 'GET /api/audit', scoped: false, request: () => ({ path: '/api/audit', query: { pageSize: 1000 } }), expect: SIGNED_IN(200), unitOf },
    {
      route: 'GET /api/audit',
      title: 'filtered by a unit',
      request: (_ctx, { area }) => ({ path: '/api/audit', query: { unit: area.commune, pageSize: 1000 } }),
      expect: SCOPED_READ(200),
      unitOf,
    },
    {
      route: 'GET /api/audit',
      title: 'filtered by an entity id (outside: empty, never leaked)',
      request: (ctx, { area }) => ({ path: '/api/audit', query: { entity: 'user', id: ctx.data.audit.userIn[area.commune], pageSize: 1000 } }),
      expect: SIGNED_IN(200),
      unitOf,
    },
  ],
};
