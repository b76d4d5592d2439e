import type { Role } from '../auth-user';

/** What a write touches: the register (households, rounds, results), plans and program data, or reference data. */
export type WriteKind = 'register' | 'plan' | 'program' | 'reference';

/**
 * Which roles may write each kind of data (in their own area; admins write everything). The
 * service enforces it (ScopeService.assertWrite) and the web app hides what it would refuse.
 */
export const WRITERS: Record<WriteKind, readonly Role[]> = {
  register: ['commune'],
  plan: ['district', 'province'],
  program: ['district', 'province'],
  reference: [],
};

export function roleMayWrite(role: Role, kind: WriteKind): boolean {
  return role === 'admin' || WRITERS[kind].includes(role);
}
