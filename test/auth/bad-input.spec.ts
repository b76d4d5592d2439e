import type { Role } from '../../src/auth/auth-user';
import { HOME, seedScopeUnits } from '../utils/scope-fixture';
import { createTestApp, TestApp } from '../utils/test-app';
import { xlsxWithRows } from '../utils/xlsx-fixtures';
import { BAD_INPUT_MODULES } from './bad-input';
import { BadInputContext, bodyCases, Caller, queryCases, uploadCases } from './bad-input/bad-input';
import { ProbeModule } from './fixtures/probe.module';
import { appRoutes } from './matrix/matrix';

/**
 * The bad-input suite (see ./bad-input/bad-input.ts): every body, query and upload target × the
 * generated bad values. Each refusal: the expected status, the one error shape, the field named,
 * no stack trace, and the database unchanged (audit trail + the target's fingerprint).
 */

const UPLOAD_LIMIT_MB = 10;
const LEAK = /\bat \S+ \(|\.ts:\d+|node_modules|QueryFailedError|syntax error|relation "/;
const ROLES: Role[] = ['admin', 'province', 'district', 'commune'];

describe('bad input (real PostgreSQL)', () => {
  let t: TestApp;
  let ctx: BadInputContext;
  const tokens = {} as Record<Role, string>;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp({
      modules: [ProbeModule],
      // lock-out and row limits out of the way: this suite is about input, not about those rules
      env: { UPLOAD_LIMIT_MB: String(UPLOAD_LIMIT_MB), LOGIN_MAX_FAILURES: '100', IMPORT_MAX_ROWS: '200000' },
    });
    await seedScopeUnits(t.ds);
    for (const role of ROLES) tokens[role] = await t.tokenFor(role, HOME[role], `bi.${role}`);
    ctx = { t, token: (c: Caller) => (c === 'anonymous' ? undefined : tokens[c]), seq: () => ++counter, data: {} };
    for (const m of BAD_INPUT_MODULES) await m.setup?.(ctx);
  }, 120_000);
  afterAll(() => t.close());

  it('has a target for every write route and every list of the app', () => {
    const routes = appRoutes(t.app);
    const covered = new Set(BAD_INPUT_MODULES.flatMap((m) => [...(m.bodies ?? []), ...(m.queries ?? []), ...(m.uploads ?? [])].map((x) => x.route)));
    const writes = routes.filter((r) => !r.startsWith('GET '));
    // lists: GET routes without a path parameter that take query parameters (everything but health, me and the docs)
    const noParameters = ['GET /api/health', 'GET /api/auth/me', 'GET /api/docs-json', 'GET /api/test-probe/boom', 'GET /api/test-probe/boom-async'];
    const lists = routes.filter((r) => r.startsWith('GET ') && !r.includes(':') && !noParameters.includes(r));
    expect([...writes, ...lists].filter((r) => !covered.has(r))).toEqual([]);
  });

  const audit = async () => (await t.ds.query(`SELECT count(*)::int AS n, max(id)::int AS last FROM audit_log`))[0];
  const shape = (body: unknown, status: number) => {
    expect(body).toEqual({ statusCode: status, error: expect.any(String), code: expect.any(String), message: expect.any(String), details: expect.any(Array) });
  };

  for (const m of BAD_INPUT_MODULES) {
    describe(m.name, () => {
      for (const target of m.bodies ?? []) {
        describe(target.route, () => {
          const [method] = target.route.split(' ');
          const send = (path: string, token: string | undefined, payload: unknown) => {
            let r = t.http()[method.toLowerCase() as 'post'](path);
            if (token) r = r.set('Authorization', `Bearer ${token}`);
            return typeof payload === 'string' ? r.set('Content-Type', 'application/json').send(payload) : r.send(payload as object);
          };

          it(`accepts the valid request (${target.accepts}): the refusals below are about the input`, async () => {
            const req = await target.request(ctx);
            const res = await send(req.path, req.token ?? ctx.token(target.caller), req.body);
            if (res.status !== target.accepts) throw new Error(`valid request refused: ${res.status} ${JSON.stringify(res.body)}`);
          });

          for (const c of bodyCases(target)) {
            const gap = target.knownGaps?.[c.name];
            (gap ? it.failing : it)(`${c.name} → ${c.status.join('/')}${gap ? ` [KNOWN GAP: ${gap}]` : ''}`, async () => {
              const req = await target.request(ctx);
              const before = [await audit(), await target.fingerprint?.(ctx)];
              const res = await send(req.path, req.token ?? ctx.token(target.caller), c.mutate(req.body));
              if (!c.status.includes(res.status)) throw new Error(`${c.name}: expected ${c.status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
              expect(JSON.stringify(res.body)).not.toMatch(LEAK);
              if (res.status >= 400) {
                shape(res.body, res.status);
                if (c.names && res.status === 400) expect(res.body.details.map((d: { field?: string }) => d.field)).toContainEqual(expect.stringMatching(new RegExp(`^${c.names}(\\.|$)`)));
                expect([await audit(), await target.fingerprint?.(ctx)]).toEqual(before); // nothing written
              } else if (c.stores && target.stored) {
                expect(await target.stored(ctx, res, c.stores.field)).toBe(c.stores.value);
              }
            });
          }

          it('a __proto__ key pollutes nothing and is no 500', async () => {
            const req = await target.request(ctx);
            const raw = JSON.stringify(req.body).replace(/^\{/, '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},');
            const res = await send(req.path, req.token ?? ctx.token(target.caller), raw);
            expect(res.status).toBeLessThan(500);
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          });
        });
      }

      for (const target of m.queries ?? []) {
        describe(target.route, () => {
          const method = target.route.split(' ')[0].toLowerCase() as 'get' | 'delete';
          const base = Object.entries(target.base ?? {}).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
          // (the path first: for a DELETE it creates the record, which writes to the audit trail)
          const resolve = async () => (typeof target.path === 'string' ? target.path : await target.path(ctx));
          const send = (path: string, query: string[]) => {
            const qs = [...base.filter((b) => !query.some((q) => q.startsWith(b.split('=')[0] + '='))), ...query].join('&');
            return t.http()[method](qs ? `${path}?${qs}` : path).set('Authorization', `Bearer ${ctx.token(target.caller)}`);
          };
          it('accepts the required parameters only', async () => {
            const res = await send(await resolve(), []);
            if (res.status !== (target.accepts ?? (method === 'delete' ? 204 : 200))) throw new Error(`control refused: ${res.status} ${JSON.stringify(res.body)}`);
          });
          for (const c of queryCases(target.params, { noQueryDto: target.noQueryDto })) {
            const gap = target.knownGaps?.[c.name];
            (gap ? it.failing : it)(`${c.name} → ${c.status.join('/')}${gap ? ` [KNOWN GAP: ${gap}]` : ''}`, async () => {
              const path = await resolve();
              const before = method === 'delete' ? [await audit(), await target.fingerprint?.(ctx)] : null;
              const res = await send(path, [c.query]);
              if (!c.status.includes(res.status)) throw new Error(`${c.name}: expected ${c.status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
              expect(JSON.stringify(res.body ?? '')).not.toMatch(LEAK);
              if (res.status >= 400) {
                shape(res.body, res.status);
                if (c.names && res.status === 400) expect(res.body.details.map((d: { field?: string }) => d.field)).toContain(c.names);
                if (before) expect([await audit(), await target.fingerprint?.(ctx)]).toEqual(before);
              }
            });
          }
        });
      }

      for (const target of m.uploads ?? []) {
        describe(target.route, () => {
          const field = target.field ?? 'file';
          // (the path and extra fields are resolved first: a supertest request runs when awaited)
          const post = async () => {
            const path = await target.path(ctx);
            const extra = (await target.fields?.(ctx)) ?? {};
            return () => {
              let r = t.http().post(path);
              const token = ctx.token(target.caller);
              if (token) r = r.set('Authorization', `Bearer ${token}`);
              for (const [k, v] of Object.entries(extra)) r = r.field(k, v);
              return r;
            };
          };

          it(`accepts a valid workbook (${target.accepts})`, async () => {
            const res = await (await post())().attach(field, target.validFile?.() ?? xlsxWithRows(5), 'danh-sach.xlsx');
            expect(res.status).toBe(target.accepts);
          });

          for (const c of uploadCases(target, UPLOAD_LIMIT_MB)) {
            it(`${c.name} → ${c.status} ${c.code}`, async () => {
              const before = [await audit(), await target.fingerprint?.(ctx)];
              let r = (await post())();
              if (c.json) r = r.send({ [field]: 'not a file' });
              else if (c.file) {
                r = r.attach(c.fieldName ?? field, c.file.data, { filename: c.file.filename, contentType: c.file.contentType });
                if (c.twoFiles) r = r.attach(field, c.file.data, { filename: 'second.xlsx', contentType: c.file.contentType });
              } else r = r.field('note', 'no file here');
              const res = await r;
              if (res.status !== c.status) throw new Error(`${c.name}: expected ${c.status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
              shape(res.body, c.status);
              expect(res.body.code).toBe(c.code);
              expect(res.body.details[0]).toEqual(expect.objectContaining({ field: expect.any(String), message: expect.any(String) }));
              expect(JSON.stringify(res.body)).not.toMatch(LEAK);
              expect([await audit(), await target.fingerprint?.(ctx)]).toEqual(before); // nothing written
            });
          }
        });
      }
    });
  }

  it('left every table in place (no injected statement ran)', async () => {
    const rows = await t.ds.query(`SELECT to_regclass('app_user') AS u, to_regclass('audit_log') AS a, to_regclass('household') AS h`);
    expect(rows[0]).toEqual({ u: 'app_user', a: 'audit_log', h: 'household' });
  });
});
