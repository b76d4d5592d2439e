import {
  cellBoolean, cellChoice, cellDate, cellInteger, cellList, cellMark, cellNumber, cellScalar, CellError, cellText, columnLetter,
  excelSerialToIsoDate, parseVnDate, parseVnNumber,
} from './cells';

describe('Excel cell helpers', () => {
  it.each([
    ['1.500.000', 1_500_000],
    ['1.500.000 đ', 1_500_000],
    ['1.500.000đ', 1_500_000],
    ['2.000.000 VNĐ', 2_000_000],
    ['1 500 000', 1_500_000],
    ['1\u00a0500\u00a0000', 1_500_000],
    ['1,500,000', 1_500_000],
    ['1,500,000.5', 1_500_000.5],
    ['1.500', 1500],
    ['12,5', 12.5],
    ['12.75', 12.75],
    ['0.500', 0.5],
    ['140', 140],
    ['-1.200', -1200],
    ['  175 ', 175],
    ['1.50.000', null],
    ['abc', null],
    ['', null],
    ['1,5,0', null],
  ])('parseVnNumber(%j) = %j', (text, expected) => expect(parseVnNumber(text)).toBe(expected));

  it.each([
    ['25/03/1987', '1987-03-25'],
    ['5/3/1987', '1987-03-05'],
    ['05-03-1987', '1987-03-05'],
    ['05.03.1987', '1987-03-05'],
    ['25 / 03 / 1987', '1987-03-25'],
    ['1987-03-25', '1987-03-25'],
    ['31/02/2020', null],
    ['29/02/2020', '2020-02-29'],
    ['13/13/2020', null],
    ['1987', null],
    ['05/03/87', '1987-03-05'],
    ['05/03/15', '2015-03-05'],
  ])('parseVnDate(%j) = %j', (text, expected) => expect(parseVnDate(text, 26)).toBe(expected));

  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [31861, '1987-03-25'],
    [45000.75, '2023-03-15'],
  ])('excelSerialToIsoDate(%j) = %j', (serial, expected) => expect(excelSerialToIsoDate(serial)).toBe(expected));

  it('reads 1904-based serials of old Mac workbooks', () => {
    expect(excelSerialToIsoDate(30399, true)).toBe('1987-03-25');
  });

  it('unwraps formulas (cached result), rich text, hyperlinks and errors', () => {
    expect(cellScalar({ formula: 'A1*2', result: 1500000 })).toBe(1500000);
    expect(cellScalar({ sharedFormula: 'B2', result: 'Tày' })).toBe('Tày');
    expect(cellScalar({ richText: [{ text: 'Ma ' }, { text: 'Văn A' }] })).toBe('Ma Văn A');
    expect(cellScalar({ text: 'link', hyperlink: 'http://x' })).toBe('link');
    expect(cellScalar({ formula: 'A1' })).toBeInstanceOf(CellError);
    expect(cellScalar({ error: '#N/A' })).toBeInstanceOf(CellError);
    expect(cellScalar({ formula: 'A1', result: { error: '#DIV/0!' } })).toBeInstanceOf(CellError);
    expect(cellScalar(NaN)).toBeInstanceOf(CellError);
    expect(cellScalar('')).toBeNull();
  });

  it('reads text trimmed and NFC, numbers without separators', () => {
    expect(cellText('  Nguye\u0302\u0303n   Văn A  ')).toEqual({ ok: true, value: 'Nguyễn Văn A' });
    expect(cellText(8012345678)).toEqual({ ok: true, value: '8012345678' });
    expect(cellText(new Date(Date.UTC(2020, 0, 2)))).toEqual({ ok: true, value: '2020-01-02' });
    expect(cellText('   ')).toEqual({ ok: true, value: null });
    expect(cellText({ formula: 'X' }).ok).toBe(false);
  });

  it.each([
    [1500000, 1500000],
    ['1.500.000', 1500000],
    [{ formula: 'A1*3', result: 1499999.9999999998 }, 1500000],
    [null, null],
    ['', null],
  ])('cellInteger(%j) = %j', (raw, expected) => expect(cellInteger(raw)).toEqual({ ok: true, value: expected }));

  it('refuses what is not a whole number in range, with the reason', () => {
    expect(cellInteger(12.5)).toEqual({ ok: false, reason: '12.5 không phải là số nguyên' });
    expect(cellInteger('abc').ok).toBe(false);
    expect(cellInteger(5, { min: 10 })).toEqual({ ok: false, reason: '5 nhỏ hơn 10' });
    expect(cellInteger(true).ok).toBe(false);
    expect(cellNumber(new Date()).ok).toBe(false);
  });

  it.each([
    [new Date(Date.UTC(1987, 2, 25)), '1987-03-25'],
    [31861, '1987-03-25'],
    ['25/03/1987', '1987-03-25'],
    ['31861', '1987-03-25'],
    [{ formula: 'DATE(1987,3,25)', result: 31861 }, '1987-03-25'],
    [null, null],
  ])('cellDate(%j) = %j', (raw, expected) => expect(cellDate(raw)).toEqual({ ok: true, value: expected }));

  it('refuses impossible dates', () => {
    expect(cellDate('31/02/2020').ok).toBe(false);
    expect(cellDate(-3).ok).toBe(false);
    expect(cellDate(true).ok).toBe(false);
  });

  it.each([
    ['Có', true], ['có', true], ['CO', true], ['x', true], ['X', true], [1, true], [true, true], ['C', true],
    ['Không', false], ['không', false], ['K', false], ['ko', false], [0, false], [false, false],
    [null, null], ['', null],
  ])('cellBoolean(%j) = %j', (raw, expected) => expect(cellBoolean(raw)).toEqual({ ok: true, value: expected }));

  it('refuses other yes/no answers', () => expect(cellBoolean('có lẽ').ok).toBe(false));

  it('matches labels ignoring case, diacritics and NFD, and lists the choices when none matches', () => {
    const choices = [['Nam', 'male'], ['Nữ', 'female']] as const;
    expect(cellChoice('nữ', choices)).toEqual({ ok: true, value: 'female' });
    expect(cellChoice('Nu', choices)).toEqual({ ok: true, value: 'female' });
    expect(cellChoice('Nu\u031b\u0303', choices)).toEqual({ ok: true, value: 'female' }); // NFD
    expect(cellChoice(' NAM ', choices)).toEqual({ ok: true, value: 'male' });
    expect(cellChoice('Khác', choices)).toEqual({ ok: false, reason: '"Khác" không hợp lệ; ghi một trong: Nam, Nữ' });
  });

  // officers' formats the review-results import relied on (from the former cell-values.ts)
  it.each([
    [1500000, 1500000], ['1500000VNĐ', 1500000], ['2.600.000 đồng', 2600000], ['1,5', 1.5], ['1.5', 1.5], ['1.500.000,5', 1500000.5],
    ['-3', -3], ['  ', null], [{ formula: 'A1*2', result: 240 }, 240], [{ richText: [{ text: '12' }, { text: '0' }] }, 120],
  ])('cellNumber(%j) = %j', (raw, expected) => expect(cellNumber(raw)).toEqual({ ok: true, value: expected }));

  it.each([['mười'], ['12abc'], [true], [{ error: '#N/A' }]])('cellNumber refuses %j', (raw) => expect(cellNumber(raw).ok).toBe(false));

  it('checks whole numbers and bounds given as text', () => {
    expect(cellInteger('1,5')).toEqual({ ok: false, reason: '1.5 không phải là số nguyên' });
    expect(cellInteger(-1, { min: 0 })).toEqual({ ok: false, reason: '-1 nhỏ hơn 0' });
    expect(cellInteger('140', { min: 0, max: 1000 })).toEqual({ ok: true, value: 140 });
    expect(cellInteger('1001', { min: 0, max: 1000 })).toEqual({ ok: false, reason: '1001 lớn hơn 1000' });
  });

  it.each([
    ['15/12/2021', '2021-12-15'], ['5/1/2022', '2022-01-05'], ['05-01-2022', '2022-01-05'], ['05.01.2022', '2022-01-05'],
    ['2022-01-05', '2022-01-05'], [44927, '2023-01-01'], [new Date('2023-03-04T00:00:00Z'), '2023-03-04'],
  ])('cellDate(%j) = %j', (raw, expected) => expect(cellDate(raw)).toEqual({ ok: true, value: expected }));

  it.each([['2022/13/01'], ['hôm qua']])('cellDate refuses %j', (raw) => expect(cellDate(raw).ok).toBe(false));

  it.each([
    ['x', true], ['X', true], ['✓', true], ['✔', true], ['v', true], [1, true], ['có', true], ['Có', true], [true, true],
    ['thiếu', true], ['Thiếu hụt', true], [{ formula: 'IF(A1>0,"x","")', result: 'x' }, true],
    ['', false], [null, false], [undefined, false], ['  ', false], [0, false], ['-', false], ['không', false], ['o', false], [false, false],
  ])('cellMark(%j) = %j', (raw, expected) => expect(cellMark(raw)).toEqual({ ok: true, value: expected }));

  it.each([['có lẽ'], [2], ['xx'], [{ error: '#REF!' }]])('cellMark refuses %j', (raw) => expect(cellMark(raw).ok).toBe(false));

  it('splits a list in one cell, cleaning each item', () => {
    expect(cellList('1, 2; 5\n7/8')).toEqual({ ok: true, value: ['1', '2', '5', '7', '8'] });
    expect(cellList(' Vay vốn tín dụng ,  nhà ở ')).toEqual({ ok: true, value: ['Vay vốn tín dụng', 'nhà ở'] });
    expect(cellList(3)).toEqual({ ok: true, value: ['3'] });
    expect(cellList(null)).toEqual({ ok: true, value: [] });
    expect(cellList({ error: '#N/A' }).ok).toBe(false);
  });

  it('reads NFD text and hyperlinks as clean text', () => {
    expect(cellText('  Chiêm  Hoá ')).toEqual({ ok: true, value: 'Chiêm Hoá' });
    expect(cellText({ text: 'link', hyperlink: 'http://x' })).toEqual({ ok: true, value: 'link' });
  });

  it.each([[1, 'A'], [26, 'Z'], [27, 'AA'], [52, 'AZ'], [703, 'AAA']])('columnLetter(%i) = %s', (n, l) => expect(columnLetter(n)).toBe(l));
});
