import { cleanText } from '../../common/text/vietnamese';
import { isIsoDate, Problem } from './member';
import { EndStatus, HouseholdStatus } from './vocabulary';

/** Household-level rules: codes, status changes, dates. Pure. */

/** Codes the service generates when none is given: H00001, H00002… per commune. */
export const GENERATED_CODE = /^H(\d{1,9})$/;
export function generatedCode(n: number): string {
  return 'H' + String(n).padStart(5, '0');
}

/** A household code as stored: trimmed; letters, digits and . _ / - (no spaces), at most 32 characters. */
export function checkCode(raw: string | number | null | undefined, field = 'code'): { value?: string; problem?: Problem } {
  const value = raw == null ? '' : cleanText(String(raw));
  if (!value) return { problem: { field, message: 'Thiếu mã hộ' } };
  if (value.length > 32) return { problem: { field, message: 'Mã hộ dài quá 32 ký tự', value } };
  if (!/^[\p{L}\p{N}._/-]+$/u.test(value)) {
    return { problem: { field, message: 'Mã hộ chỉ gồm chữ, số và các dấu . _ / - (không có khoảng trắng)', value } };
  }
  return { value };
}

/**
 * Whether a household was in the register on a date: registered by then and not yet ended. A
 * household that ends on a date (moved away, merged, split, died out) is no longer counted that
 * day. The same rule in SQL: `activeOn` in register-sql.ts (agreement: test/households/register-rules.spec.ts).
 */
export function isActiveOn(h: { registeredOn: string; status: HouseholdStatus; statusDate: string | null }, on: string): boolean {
  return h.registeredOn <= on && notLeftBy(h, on);
}

/** Not ended on or before a date, whatever the registration date (SQL: `notLeftBy` in register-sql.ts). */
export function notLeftBy(h: { status: HouseholdStatus; statusDate: string | null }, on: string): boolean {
  return h.status === 'active' || (h.statusDate !== null && h.statusDate > on);
}

/**
 * A change of status ends an active household: it moved away, merged into another household of
 * the commune, split into new households, or died out (every member died, or it dissolved). The
 * date is the day it happened: not before its registration, not in the future.
 */
export function checkStatusChange(
  h: { status: HouseholdStatus; registeredOn: string },
  change: { status: EndStatus; date: string; reason?: string | null },
  today: string,
): Problem[] {
  const problems: Problem[] = [];
  if (h.status !== 'active') {
    problems.push({ field: 'status', message: `Hộ đã ở trạng thái "${h.status}"; chỉ hộ đang cư trú mới đổi trạng thái được` });
  }
  if (!isIsoDate(change.date)) problems.push({ field: 'date', message: 'Ngày không hợp lệ', value: change.date });
  else {
    if (change.date > today) problems.push({ field: 'date', message: 'Ngày thay đổi ở tương lai', value: change.date });
    if (change.date < h.registeredOn) {
      problems.push({ field: 'date', message: `Ngày thay đổi trước ngày đăng ký của hộ (${h.registeredOn})`, value: change.date });
    }
  }
  if (!change.reason || !cleanText(change.reason)) problems.push({ field: 'reason', message: 'Ghi lý do thay đổi' });
  return problems;
}

/**
 * How the members of a household are shared out when it splits: every member goes to exactly one
 * new household, each new household has its head among its own members, and there are at least
 * two of them (one new household would only be a change of code).
 */
export function checkSplitPlan(
  memberIds: ReadonlyArray<number>,
  plan: ReadonlyArray<{ headMemberId: number; memberIds: ReadonlyArray<number> }>,
  opts: { complete: boolean },
): Problem[] {
  const problems: Problem[] = [];
  const known = new Set(memberIds);
  const used = new Map<number, number>();
  if (opts.complete && plan.length < 2) {
    problems.push({ field: 'newHouseholds', message: 'Tách hộ phải tạo ít nhất hai hộ mới (hoặc dùng tách một phần hộ)' });
  }
  plan.forEach((p, i) => {
    if (!p.memberIds.includes(p.headMemberId)) {
      problems.push({ field: `newHouseholds.${i}.headMemberId`, message: 'Chủ hộ mới phải là một thành viên của hộ mới', value: p.headMemberId });
    }
    for (const id of p.memberIds) {
      if (!known.has(id)) problems.push({ field: `newHouseholds.${i}.memberIds`, message: `Thành viên ${id} không thuộc hộ này`, value: id });
      else if (used.has(id)) problems.push({ field: `newHouseholds.${i}.memberIds`, message: `Thành viên ${id} được xếp vào hai hộ mới`, value: id });
      used.set(id, i);
    }
    if (!p.memberIds.length) problems.push({ field: `newHouseholds.${i}.memberIds`, message: 'Hộ mới chưa có thành viên' });
  });
  if (opts.complete) {
    const left = memberIds.filter((id) => !used.has(id));
    if (left.length) problems.push({ field: 'newHouseholds', message: `Các thành viên chưa được xếp vào hộ mới: ${left.join(', ')}` });
  }
  return problems;
}

/** Today in Vietnam (UTC+7, no daylight saving), YYYY-MM-DD: the date officers mean. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The registration date of a household: a real date, not in the future, not before 1945. */
export function checkRegisteredOn(date: string, today: string, field = 'registeredOn'): Problem | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return { field, message: 'Ngày không hợp lệ', value: date };
  if (date > today) return { field, message: 'Ngày đăng ký ở tương lai', value: date };
  if (date < '1945-01-01') return { field, message: 'Ngày đăng ký quá xa', value: date };
  return undefined;
}

/** An override of "no labour capacity" needs its reason. */
export function checkOverride(override: boolean | null | undefined, reason: string | null | undefined): Problem | undefined {
  if (override !== null && override !== undefined && !(reason && cleanText(reason))) {
    return { field: 'noLabourOverrideReason', message: 'Ghi lý do khi điều chỉnh "không có khả năng lao động"' };
  }
  return undefined;
}
