import type { AuthUser } from './auth-user';

/**
 * ID numbers (CCCD/CMND) are personal data: lists show them only to the officers who work with the
 * household (its commune) and to admins; district and province officers see the last 3 digits.
 */
export function canSeeIdNumbers(user: AuthUser): boolean {
  return user.role === 'admin' || user.role === 'commune';
}

export function maskIdNumber(value: string | null | undefined, user: AuthUser): string | null {
  if (value == null || value === '') return null;
  if (canSeeIdNumbers(user)) return value;
  return '*'.repeat(Math.max(0, value.length - 3)) + value.slice(-3);
}
