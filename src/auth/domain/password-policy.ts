/**
 * The password policy (pure): long enough, not the username, not one repeated character, not one
 * of the passwords every guessing list starts with. Length is the rule that matters (NIST SP
 * 800-63B §5.1.1.2: length and a blocklist, no composition rules). Messages are for officers.
 */

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
}

export const DEFAULT_POLICY: PasswordPolicy = { minLength: 10, maxLength: 128 };

/** The start of every guessing list, plus the Vietnamese ones ("matkhau" = password). */
const COMMON = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '123456789a', 'a123456789', 'abc1234567', 'abcd123456',
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword123', 'qwertyuiop',
  'qwerty1234', 'qwerty123456', 'iloveyou12', 'admin12345', 'admin@123', 'admin123456', 'administrator',
  'matkhau123', 'matkhau@123', 'matkhau1234', 'matkhaumoi', '1234567890a', 'abc@123456', 'asdfghjkl1',
]);

/** Code points, after NFC (a Vietnamese letter typed as NFD counts once). */
const length = (s: string) => [...s.normalize('NFC')].length;

/** The reasons a new password is refused (empty: accepted). */
export function passwordProblems(password: string, opts: { username?: string; policy?: PasswordPolicy }): string[] {
  const policy = opts.policy ?? DEFAULT_POLICY;
  const problems: string[] = [];
  const n = length(password);
  if (n < policy.minLength) problems.push(`Mật khẩu phải có ít nhất ${policy.minLength} ký tự`);
  if (n > policy.maxLength) problems.push(`Mật khẩu dài tối đa ${policy.maxLength} ký tự`);
  if (password.trim() === '') problems.push('Mật khẩu không được chỉ gồm khoảng trắng');
  else if (new Set([...password]).size === 1) problems.push('Mật khẩu không được chỉ lặp lại một ký tự');
  const lower = password.normalize('NFC').toLowerCase();
  const user = opts.username?.toLowerCase();
  if (user && user.length >= 3 && lower.includes(user)) problems.push('Mật khẩu không được chứa tên đăng nhập');
  if (COMMON.has(lower)) problems.push('Mật khẩu quá phổ biến, dễ bị đoán');
  return problems;
}
