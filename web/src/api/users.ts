import type { Role } from '@domain/auth/auth-user';
import type { UserView } from '@domain/users/user-view';
import { get, patch, post, type Page } from './client';

export type { UserView };

export interface UserListQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  role?: Role;
  unit?: string;
  disabled?: 'true' | 'false';
}

export const listUsers = (q: UserListQuery) => get<Page<UserView>>('/users', { ...q });
export const getUser = (id: number) => get<UserView>(`/users/${id}`);
export const createUser = (body: { username: string; password: string; role: Role; unitCode?: string | null; fullName?: string }) =>
  post<UserView>('/users', body);
/** Send only what changes, with the version read (409 VERSION_CONFLICT when stale). */
export const updateUser = (
  id: number,
  body: { version: number; disabled?: boolean; role?: Role; unitCode?: string | null; password?: string; fullName?: string | null; unlock?: true },
) => patch<UserView>(`/users/${id}`, body);
