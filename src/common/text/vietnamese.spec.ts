import { cleanText, foldText, matchKey, sameName } from './vietnamese';

describe('Vietnamese text helper', () => {
  it.each([
    ['Nguyễn Văn A', 'nguyen van a'],
    ['  Chiêm   Hóa ', 'chiem hoa'],
    ['Chiêm Hoá', 'chiem hoa'],
    ['ĐẶNG Thị Đào', 'dang thi dao'],
    ['Nguye\u0302\u0303n', 'nguyen'], // NFD input
    ['Lý\u00a0Thị', 'ly thi'],
  ])('foldText(%j) = %j', (input, expected) => expect(foldText(input)).toBe(expected));

  it.each([
    ['Chiêm Hóa', 'Chiêm Hoá', true],
    ['Thụy', 'Thuỵ', true],
    ['Hòa Phú', 'Hoà Phú', true],
    ['Hoa', 'Hòa', false],
    ['Hóa', 'Hòa', false],
    ['Nguyễn'.normalize('NFD'), 'Nguyễn', true],
    ['nguyễn', 'NGUYỄN', true],
  ])('sameName(%j, %j) = %j', (a, b, same) => expect(sameName(a, b)).toBe(same));

  it('keeps the text NFC and trimmed', () => {
    expect(cleanText(' Ma\u0300  Văn ')).toBe('Mà Văn');
    expect(matchKey('Hóa')).toBe('hoa1');
  });
});
