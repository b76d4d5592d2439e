import type { AuthUser } from './auth-user';

/**
 * ID numbers (CCCD/CMND) are personal data (Decree 13/2023/NĐ-CP on personal data protection):
 * lists show them only to the officers who work with the household (its commune) and to admins;
 * district and province officers see the last 3 digits.
 */
export function canSeeIdNumbers(user: AuthUser): boolean {
  return user.role === 'admin' || user.role === 'commune';
}

/** "001234567890" → "*********890" for roles that may not see it; short values are masked whole. */
export function maskIdNumber(value: string | null | undefined, user: AuthUser): string | null {
  if (value == null || value === '') return null;
  if (canSeeIdNumbers(user)) return value;
  if (value.length <= 6) return '*'.repeat(value.length);
  return '*'.repeat(value.length - 3) + value.slice(-3);
}

/** Keys that hold an ID number, by convention: `idNumber`, `headIdNumber`, `id_number`, `head_id_number`. */
export const ID_NUMBER_KEY = /(^|_)id_?number$|IdNumber$|^idNumber$/;

/**
 * Masks every ID-number field (by key, see ID_NUMBER_KEY) in a list item, a nested object or an
 * array, for roles that may not see them; returns the value unchanged for those who may. Use it
 * on list items and on audit old/new values.
 */
export function maskIdNumbers<T>(value: T, user: AuthUser): T {
  if (canSeeIdNumbers(user)) return value;
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 20 || v == null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (v instanceof Date) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      out[k] = ID_NUMBER_KEY.test(k) && (typeof x === 'string' || x == null) ? maskIdNumber(x as string | null, user) : walk(x, depth + 1);
    }
    return out;
  };
  return walk(value, 0) as T;
}
