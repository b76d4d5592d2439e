import type { Role } from '../auth/auth-user';

/** An account as GET /api/users answers it; shared with the web app (web/src/api/users.ts). */
export interface UserView {
  id: number;
  username: string;
  fullName: string | null;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
  disabled: boolean;
  locked: boolean;
  lockedUntil: string | null;
  failedLogins: number;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}
