import type { AuthUser, Role } from '../../src/auth/auth-user';
import { AREAS, HOME, outsideArea, outsideOf, seedScopeUnits } from '../utils/scope-fixture';
import { createTestApp, TestApp } from '../utils/test-app';
import { MATRIX_MODULES } from './matrix';
import { Agent, appRoutes, CALLERS, Caller, MatrixContext, MatrixRow, pathMatches, Target, Where } from './matrix/matrix';

/**
 * The permission matrix (see ./matrix/matrix.ts): every row × every caller × inside/outside the
 * caller's area, against the real app on real PostgreSQL. A refused write leaves the audit trail
 * untouched; an accepted write adds to it; a list answers an officer only with rows of their area.
 */

const ROLES: Role[] = ['admin', 'province', 'district', 'commune'];
const LEAK = /\bat \S+ \(|\.ts:\d+|node_modules|QueryFailedError/;

function agent(t: TestApp, token?: string): Agent {
  const auth = <T extends { set(h: string, v: string): T }>(r: T) => (token ? r.set('Authorization', `Bearer ${token}`) : r);
  return {
    get: (path) => auth(t.http().get(path)),
    post: (path, body) => auth(t.http().post(path)).send(body as object),
    patch: (path, body) => auth(t.http().patch(path)).send(body as object),
    put: (path, body) => auth(t.http().put(path)).send(body as object),
    delete: (path) => auth(t.http().delete(path)),
  } as Agent;
}

function expected(row: MatrixRow, caller: Caller, where: Where): number {
  const e = row.expect[caller];
  return typeof e === 'number' ? e : e[where];
}

describe('permission matrix (every route × role × inside/outside the area)', () => {
  let t: TestApp;
  let ctx: MatrixContext;
  const tokens = {} as Record<Role, string>;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    await seedScopeUnits(t.ds);
    const users = {} as Record<Role, AuthUser>;
    for (const role of ROLES) {
      users[role] = await t.userFor(role, HOME[role], `matrix.${role}`);
      tokens[role] = await t.tokenFor(role, HOME[role], `matrix.${role}`);
    }
    ctx = { t, admin: agent(t, tokens.admin), as: (role) => agent(t, tokens[role]), users, data: {}, seq: () => ++counter };
    for (const m of MATRIX_MODULES) await m.setup?.(ctx);
  }, 120_000);
  afterAll(() => t.close());

  it('covers every route of the app, and every row names a real route', () => {
    const routes = appRoutes(t.app);
    const covered = new Set(MATRIX_MODULES.flatMap((m) => m.rows.map((r) => r.route)));
    const missing = routes.filter((r) => !covered.has(r));
    const unknown = [...covered].filter((r) => !routes.includes(r));
    expect({ routesWithoutRows: missing, rowsWithoutRoutes: unknown }).toEqual({ routesWithoutRows: [], rowsWithoutRoutes: [] });
  });

  for (const m of MATRIX_MODULES) {
    describe(m.name, () => {
      for (const row of m.rows) {
        const [method] = row.route.split(' ');
        const wheres: Where[] = row.scoped === false ? ['in'] : ['in', 'out'];
        for (const caller of CALLERS) {
          for (const where of wheres) {
            const status = expected(row, caller, where);
            const name = `${row.route}${row.title ? ` [${row.title}]` : ''} — ${caller}${row.scoped === false ? '' : ` (${where})`} → ${status}`;
            it(name, async () => {
              const role = caller === 'anonymous' ? undefined : caller;
              let token = role && tokens[role];
              if (role && row.freshSession) token = await t.tokenFor(role, HOME[role], `fresh.${role}.${ctx.seq()}`);
              const target: Target = { caller, where, area: where === 'in' ? AREAS.own : outsideOf(caller), user: role && ctx.users[role] };
              const req = await row.request(ctx, target);
              if (!pathMatches(row.route.slice(method.length + 1), req.path)) throw new Error(`row ${row.route}: request path ${req.path} does not fit the route`);
              const qs = req.query ? '?' + new URLSearchParams(Object.entries(req.query).map(([k, v]): [string, string] => [k, String(v)])).toString() : '';
              const writes = row.writes ?? method !== 'GET';
              const auditCount = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n as number;
              const before = writes ? await auditCount() : 0;

              const a = agent(t, token);
              const res = await (method === 'GET' ? a.get(path()) : method === 'DELETE' ? a.delete(path()) : a[method.toLowerCase() as 'post'](path(), req.body));
              function path() { return req.path + qs; }

              if (res.status !== status) {
                throw new Error(`${name}: got ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
              }
              if (res.status >= 400) {
                expect(res.body).toEqual({ statusCode: status, error: expect.any(String), code: expect.any(String), message: expect.any(String), details: expect.any(Array) });
              }
              expect(JSON.stringify(res.body ?? '')).not.toMatch(LEAK);
              if (writes) {
                const after = await auditCount();
                if (res.status >= 400) expect(after).toBe(before); // refused: nothing written
                else if (row.audited !== false) expect(after).toBeGreaterThan(before); // accepted: audited
              }
              if (row.unitOf && res.status < 300 && role && role !== 'admin') {
                const items = (row.items ?? ((b: { items: unknown[] }) => b.items))(res.body);
                expect(Array.isArray(items)).toBe(true);
                const leaked = await outsideArea(t.ds, HOME[role]!, items.map((i) => row.unitOf!(i) ?? null));
                expect(leaked).toEqual([]);
              }
            });
          }
        }
      }
    });
  }
});
