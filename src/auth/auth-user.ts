export const ROLES = ['admin', 'province', 'district', 'commune'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: attached to the request by the JWT guard, passed explicitly to services. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  /** The unit whose area the user works in; null for admins. */
  unitCode: string | null;
}

/** The identity used by start-up tasks, seeds and command-line tools. */
export const SYSTEM_USER: AuthUser = { id: 0, username: 'system', role: 'admin', unitCode: null };
