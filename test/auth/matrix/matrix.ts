import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AuthUser, Role } from '../../../src/auth/auth-user';
import type { Area } from '../../utils/scope-fixture';
import type { TestApp } from '../../utils/test-app';

/**
 * The permission matrix: every route × every caller (anonymous, admin, province, district,
 * commune officer) × a target inside or just outside the caller's area, with the expected status.
 * Rows live in ./rows/<module>.ts, one file per feature module, listed in ./index.ts; the spec
 * (../permission-matrix.spec.ts) runs them all and fails if a route of the app has no row.
 * See docs/DEVELOPING.md "Permission matrix" for how to add a module.
 */

export const CALLERS = ['anonymous', 'admin', 'province', 'district', 'commune'] as const;
export type Caller = (typeof CALLERS)[number];
export type Where = 'in' | 'out';

/** A status, or one status for a target inside the caller's area and one for a target just outside. */
export type Expect = number | { in: number; out: number };

export interface Target {
  caller: Caller;
  where: Where;
  /**
   * The units of the target: for `in`, the own area (08 / 073 / 02287, inside every officer's area);
   * for `out`, the area just outside the caller's (scope-fixture.ts outsideOf).
   */
  area: Area;
  /** The signed-in caller (undefined for anonymous). */
  user?: AuthUser;
}

export interface MatrixRequest {
  /** The concrete path, e.g. `/api/users/12`; it must match the row's route pattern. */
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
}

export interface MatrixRow {
  /** `METHOD /api/path/:param` exactly as the app registers it (the coverage check compares it). */
  route: string;
  /** What this row checks, when a route has several rows (e.g. with and without a filter). */
  title?: string;
  /** Build the request for one caller and target. Create what it needs through `ctx.admin` (real routes). */
  request(ctx: MatrixContext, target: Target): MatrixRequest | Promise<MatrixRequest>;
  /** The expected status per caller: all five, so nobody forgets one. Use the presets below. */
  expect: Record<Caller, Expect>;
  /** false: the route does not involve an area; run one target only (`in`). Default true. */
  scoped?: boolean;
  /**
   * For list routes: the unit code of a returned item. For every 2xx answer to an officer, every
   * item's unit must be inside the caller's area (no leak, filtered or not).
   */
  unitOf?: (item: any) => string | null | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Where the items are in the body (default `body.items`). */
  items?: (body: any) => unknown[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /**
   * Whether the route changes data (default: every method but GET). A refused change must leave
   * the audit trail untouched; an accepted one must add to it (unless `audited: false`).
   */
  writes?: boolean;
  audited?: boolean;
  /** Sign the caller in with a throwaway account of the same role and unit (the route changes the caller's own account). */
  freshSession?: boolean;
}

export interface MatrixModule {
  /** The feature module, e.g. `households`. */
  name: string;
  /** Fixtures the rows need, created once through the real routes (`ctx.admin`) and kept in `ctx.data[name]`. */
  setup?(ctx: MatrixContext): Promise<void>;
  rows: MatrixRow[];
}

export interface Agent {
  get(path: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  post(path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  patch(path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  put(path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  delete(path: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface MatrixContext {
  t: TestApp;
  /** Requests as an admin, for setup and for building requests. */
  admin: Agent;
  /** Requests as the signed-in officer of a role (home units: scope-fixture.ts HOME). */
  as(role: Role): Agent;
  users: Record<Role, AuthUser>;
  /** Fixtures of each module's setup, by module name. */
  data: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A number never returned before in this run (unique names). */
  seq(): number;
}

// ---- expectation presets -------------------------------------------------------------------

/** Everyone, signed in or not (health, docs, login). */
export const PUBLIC = (status: number): Record<Caller, Expect> => ({ anonymous: status, admin: status, province: status, district: status, commune: status });
/** Any signed-in user, wherever the target is (the caller's own account, reference data). */
export const SIGNED_IN = (status: number): Record<Caller, Expect> => ({ ...PUBLIC(status), anonymous: 401 });
/** Admins only (users, units and standards editing). */
export const ADMIN_ONLY = (status: number): Record<Caller, Expect> => ({ anonymous: 401, admin: status, province: 403, district: 403, commune: 403 });
/** Reads of data in an area: every officer inside their area, 403 just outside it. */
export const SCOPED_READ = (status: number): Record<Caller, Expect> => ({
  anonymous: 401, admin: status, province: { in: status, out: 403 }, district: { in: status, out: 403 }, commune: { in: status, out: 403 },
});
/** Register writes (households, rounds, results: ScopeService 'register'): commune officers in their commune. */
export const REGISTER_WRITE = (status: number): Record<Caller, Expect> => ({
  anonymous: 401, admin: status, province: 403, district: 403, commune: { in: status, out: 403 },
});
/** Plan and program writes (ScopeService 'plan' | 'program'): district and province officers in their area. */
export const PLAN_WRITE = (status: number): Record<Caller, Expect> => ({
  anonymous: 401, admin: status, province: { in: status, out: 403 }, district: { in: status, out: 403 }, commune: 403,
});

// ---- routes of the app ---------------------------------------------------------------------

/**
 * Every route the app serves, as `METHOD /path` (Express' router table), without the Swagger UI
 * assets and without middleware mounts.
 */
export function appRoutes(app: NestExpressApplication): string[] {
  const inst = app.getHttpAdapter().getInstance() as { router?: unknown; _router?: unknown };
  const router = (inst.router ?? inst._router) as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  const stack = router.stack;
  const out = new Set<string>();
  for (const layer of stack) {
    const r = layer.route;
    if (!r || /[{*]/.test(r.path)) continue;
    if (r.path.startsWith('/api/docs') && r.path !== '/api/docs-json') continue;
    for (const m of Object.keys(r.methods)) if (m !== '_all') out.add(`${m.toUpperCase()} ${r.path}`);
  }
  return [...out].sort();
}

/** Whether a concrete path fits a route pattern (`/api/users/:id`). */
export function pathMatches(pattern: string, path: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]\w*/g, '[^/]+') + '$');
  return re.test(path.split('?')[0]);
}
