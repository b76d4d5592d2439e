/**
 * The signed-in session: token, identity and unit, kept in sessionStorage (one browser tab, gone
 * when it closes). A 401 on any request calls `expired()`: the SignInModal appears over the
 * current screen (nothing typed is lost), and the request is retried once the same officer has
 * signed in again; a different officer signing in starts over from the home page.
 */
import { useSyncExternalStore } from 'react';
import { ApiError } from '../api/client';
import { login, me, type LoginResult, type Me, type Role } from '../api/auth';
import { getUnit } from '../api/units';

export interface SessionUnit {
  code: string;
  name: string;
  level: string;
}

export interface SessionState {
  token: string;
  user: Me;
  unit: SessionUnit | null;
}

export interface SessionSnapshot {
  current: SessionState | null;
  /** Set while the token expired and the sign-in modal is shown. */
  expiredMessage: string | null;
}

const KEY = 'rshn.session';

function load(): SessionState | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as SessionState) : null;
  } catch {
    return null;
  }
}

let snapshot: SessionSnapshot = { current: typeof sessionStorage === 'undefined' ? null : load(), expiredMessage: null };
const listeners = new Set<() => void>();
let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

function set(next: Partial<SessionSnapshot>) {
  snapshot = { ...snapshot, ...next };
  if (snapshot.current) sessionStorage.setItem(KEY, JSON.stringify(snapshot.current));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

/** Reads what the header shows: identity (GET /auth/me) and the unit's name (GET /units/:code). */
async function establish(result: LoginResult): Promise<SessionState> {
  const token = result.accessToken;
  const user = await me(token);
  const unit = user.unitCode ? await getUnit(user.unitCode, undefined, token).catch(() => null) : null;
  return { token, user, unit: unit && { code: unit.code, name: unit.name, level: unit.level } };
}

export const session = {
  token: (): string | null => snapshot.current?.token ?? null,
  snapshot: (): SessionSnapshot => snapshot,
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },

  /** Signs in (the sign-in page or the expiry modal). Rejects with the ApiError of a wrong password. */
  async signIn(username: string, password: string): Promise<{ sameUser: boolean }> {
    const before = snapshot.current?.user.username ?? null;
    const state = await establish(await login(username.trim(), password));
    const sameUser = before === null || before === state.user.username;
    set({ current: state, expiredMessage: null });
    const pending = waiters;
    waiters = [];
    if (sameUser) pending.forEach((w) => w.resolve());
    else pending.forEach((w) => w.reject(new ApiError(401, 'SESSION_CHANGED', 'Đã đăng nhập bằng tài khoản khác')));
    return { sameUser };
  },

  /** A fresh token after a password change (the service ends the other sessions). */
  replaceToken(result: LoginResult) {
    if (snapshot.current) set({ current: { ...snapshot.current, token: result.accessToken } });
  },

  signOut() {
    const pending = waiters;
    waiters = [];
    set({ current: null, expiredMessage: null });
    pending.forEach((w) => w.reject(new ApiError(401, 'SIGNED_OUT', 'Đã đăng xuất')));
  },

  /** Called by the client on a 401: resolves when the same officer signed in again. */
  expired(message: string): Promise<void> {
    if (!snapshot.current) return Promise.reject(new ApiError(401, 'UNAUTHENTICATED', message));
    return new Promise<void>((resolve, reject) => {
      waiters.push({ resolve, reject });
      if (!snapshot.expiredMessage) set({ expiredMessage: message || 'Phiên đăng nhập đã hết hạn' });
    });
  },
};

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.snapshot);
}

/** The signed-in officer (inside the layout, where a session exists). */
export function useCurrentUser(): SessionState {
  const s = useSession().current;
  if (!s) throw new Error('useCurrentUser outside a session');
  return s;
}

export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Quản trị viên',
  province: 'Cán bộ tỉnh',
  district: 'Cán bộ huyện',
  commune: 'Cán bộ xã',
};
