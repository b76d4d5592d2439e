import { request, post } from './client';

export type Role = 'admin' | 'province' | 'district' | 'commune';

/** GET /api/auth/me: who is signed in. */
export interface Me {
  id: number;
  username: string;
  role: Role;
  /** The unit whose area the officer works in; null for an administrator. */
  unitCode: string | null;
  fullName: string | null;
}

/** POST /api/auth/login and /api/auth/change-password. */
export interface LoginResult {
  accessToken: string;
  user: { username: string; role: Role; unitCode: string | null };
}

export const login = (username: string, password: string) =>
  request<LoginResult>('POST', '/auth/login', { body: { username, password }, auth: false });

export const me = (token?: string) => request<Me>('GET', '/auth/me', { token });

export const changePassword = (currentPassword: string, newPassword: string) =>
  post<LoginResult>('/auth/change-password', { currentPassword, newPassword });
