import { passwordProblems } from './password-policy';

describe('password policy', () => {
  const policy = { minLength: 10, maxLength: 128 };
  it.each([
    ['a-long-enough-one', 'nguyenvana', []],
    ['short', 'nguyenvana', ['Mật khẩu phải có ít nhất 10 ký tự']],
    ['xy'.repeat(65), 'nguyenvana', ['Mật khẩu dài tối đa 128 ký tự']],
    ['          ', 'nguyenvana', ['Mật khẩu không được chỉ gồm khoảng trắng']],
    ['aaaaaaaaaaaa', 'nguyenvana', ['Mật khẩu không được chỉ lặp lại một ký tự']],
    ['my-NguyenVanA-2024', 'nguyenvana', ['Mật khẩu không được chứa tên đăng nhập']],
    ['Password123', 'someone', ['Mật khẩu quá phổ biến, dễ bị đoán']],
    ['matkhau@123', 'someone', ['Mật khẩu quá phổ biến, dễ bị đoán']],
    // NFD: "Mậtkhẩu" typed on a system that decomposes: 9 letters, not 12 code units
    ['Mậtkhẩuxx'.normalize('NFD'), 'someone', ['Mật khẩu phải có ít nhất 10 ký tự']],
    ['Mậtkhẩuxyz'.normalize('NFD'), 'someone', []],
    ['ab', 'ab', ['Mật khẩu phải có ít nhất 10 ký tự']], // a 2-letter username is not checked
  ])('%j (user %j) → %j', (password, username, expected) => {
    expect(passwordProblems(password, { username, policy })).toEqual(expected);
  });
});
