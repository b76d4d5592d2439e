/**
 * How a screen area plugs into the app. Each area (web/src/screens/<area>/routes.tsx) exports one
 * `Area`: its routes (lazy-loaded screens, the roles that may open them, the breadcrumb) and its
 * menu entries (the roles that see them). app/routes.tsx combines the areas; nothing else needs
 * to change to add a screen.
 */
import type { ComponentType, ReactNode } from 'react';
import type { Role } from '../api/auth';

export const ALL_ROLES: readonly Role[] = ['admin', 'province', 'district', 'commune'];
export const OFFICERS_ABOVE_COMMUNE: readonly Role[] = ['admin', 'province', 'district'];

export interface AreaRoute {
  /** Absolute path, Vietnamese without diacritics: '/ho-gia-dinh/:id'. */
  path: string;
  /** The screen, loaded on first use: () => import('./HouseholdList'). */
  load: () => Promise<{ default: ComponentType }>;
  /** Who may open it; anyone else gets a "no permission" page (and never sees a link to it). */
  roles: readonly Role[];
  /** The breadcrumb; a screen can replace it with a dynamic one (useCrumb). */
  crumb: string;
  /** The path of the breadcrumb before this one (e.g. the list of a detail page). */
  parent?: string;
}

export interface MenuEntry {
  /** The route path the entry opens (also the menu key). */
  path: string;
  label: string;
  icon?: ReactNode;
  roles: readonly Role[];
  /** Position in the side menu (smaller first): 10 dashboard, 20 register, 30 reviews, 40 reports, 50 plans, 60 program, 70 exports, 90 admin. */
  order: number;
  /** Entries with the same group are shown under one sub-menu of that label. */
  group?: string;
}

export interface Area {
  routes: AreaRoute[];
  menu: MenuEntry[];
}
