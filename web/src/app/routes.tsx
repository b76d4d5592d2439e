/**
 * Combines the screen areas (web/src/screens/<area>/routes.tsx) into the router and the side menu.
 * To add an area: create its routes.tsx exporting an `Area` and add it to AREAS below (one line).
 */
import type { MenuProps } from 'antd';
import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import type { Role } from '../api/auth';
import { useSession } from '../auth/session';
import { area as admin } from '../screens/admin/routes';
import { area as program } from '../screens/program/routes';
import { area as register } from '../screens/register/routes';
import { area as reports } from '../screens/reports/routes';
import { area as reviews } from '../screens/reviews/routes';
import type { Area, AreaRoute, MenuEntry } from './areas';

export const AREAS: Area[] = [register, reviews, reports, program, admin];

export interface RouteHandle {
  path: string;
  crumb: string;
  roles: readonly Role[];
  parent?: string;
}

const byPath = new Map<string, AreaRoute>(AREAS.flatMap((a) => a.routes).map((r) => [r.path, r]));
export function routeByPath(path: string): RouteHandle | undefined {
  const r = byPath.get(path);
  return r && { path: r.path, crumb: r.crumb, roles: r.roles, parent: r.parent };
}

/** The side menu of a role: only what it may open, in `order`, grouped into sub-menus. */
export function menuEntriesFor(role: Role): MenuEntry[] {
  return AREAS.flatMap((a) => a.menu)
    .filter((m) => m.roles.includes(role))
    .sort((a, b) => a.order - b.order);
}

export function menuFor(role: Role): NonNullable<MenuProps['items']> {
  const items: NonNullable<MenuProps['items']> = [];
  const groups = new Map<string, { key: string; label: string; icon?: React.ReactNode; children: { key: string; label: string; icon?: React.ReactNode }[] }>();
  for (const m of menuEntriesFor(role)) {
    const item = { key: m.path, label: m.label, icon: m.icon };
    if (!m.group) {
      items.push(item);
      continue;
    }
    let g = groups.get(m.group);
    if (!g) {
      g = { key: `group:${m.group}`, label: m.group, icon: m.icon, children: [] };
      groups.set(m.group, g);
      items.push(g);
    }
    g.children.push({ ...item, icon: undefined });
  }
  return items;
}

/** Home: the first screen of the role's menu. */
function Home() {
  const { current } = useSession();
  const first = current && menuEntriesFor(current.user.role)[0];
  return <Navigate to={first?.path ?? '/dang-nhap'} replace />;
}

const screens = new Map<AreaRoute, LazyExoticComponent<ComponentType>>();
function screen(r: AreaRoute) {
  let c = screens.get(r);
  if (!c) {
    c = lazy(r.load);
    screens.set(r, c);
  }
  const C = c;
  return <C />;
}

export function appRoutes(Layout: ComponentType, SignIn: ComponentType): RouteObject[] {
  return [
    { path: '/dang-nhap', element: <SignIn /> },
    {
      path: '/',
      element: (
        <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '120px auto' }} />}>
          <Layout />
        </Suspense>
      ),
      children: [
        { index: true, element: <Home /> },
        ...AREAS.flatMap((a) => a.routes).map((r) => ({
          path: r.path,
          element: screen(r),
          handle: { path: r.path, crumb: r.crumb, roles: r.roles, parent: r.parent } satisfies RouteHandle,
        })),
        { path: '*', lazy: async () => ({ Component: (await import('./NotFound')).default }) },
      ],
    },
  ];
}
