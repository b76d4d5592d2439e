import { cellText, cellValue, parseDate, parseInteger, parseMark, parseNumber, splitList } from './cell-values';

describe('reading officers\' cells', () => {
  it.each([
    [1500000, 1500000], ['1.500.000', 1500000], ['1,500,000', 1500000], ['1 500 000', 1500000], ['1.500.000 đ', 1500000],
    ['1500000VNĐ', 1500000], ['2.600.000 đồng', 2600000], ['1,5', 1.5], ['1.5', 1.5], ['1.500.000,5', 1500000.5], ['-3', -3],
    [{ formula: 'A1*2', result: 240 }, 240], [{ richText: [{ text: '12' }, { text: '0' }] }, 120], [null, null], ['', null], ['  ', null],
  ])('number %j → %j', (cell, value) => expect(parseNumber(cell)).toEqual({ value }));

  it.each([['mười'], ['12abc'], [true], [{ error: '#N/A' }]])('not a number: %j', (cell) => {
    const p = parseNumber(cell);
    if (p.value === null) expect(cell).toEqual({ error: '#N/A' }); // an error cell reads as empty
    else expect(p.error).toBeDefined();
  });

  it('checks whole numbers and bounds', () => {
    expect(parseInteger('1,5')).toEqual({ error: '1.5 is not a whole number' });
    expect(parseInteger(-1, { min: 0 })).toEqual({ error: '-1 is below 0' });
    expect(parseInteger('140', { min: 0, max: 1000 })).toEqual({ value: 140 });
  });

  it.each([
    ['x', true], ['X', true], ['✓', true], ['✔', true], [1, true], ['có', true], ['Có', true], [true, true],
    ['', false], [null, false], [0, false], ['-', false], ['không', false], [false, false],
  ])('mark %j → %j', (cell, value) => expect(parseMark(cell)).toEqual({ value }));

  it.each([['có lẽ'], [2], ['xx']])('not a mark: %j', (cell) => expect(parseMark(cell).error).toBeDefined());

  it.each([
    ['15/12/2021', '2021-12-15'], ['5/1/2022', '2022-01-05'], ['05-01-2022', '2022-01-05'], ['05.01.2022', '2022-01-05'],
    ['2022-01-05', '2022-01-05'], [44927, '2023-01-01'], [new Date('2023-03-04T00:00:00Z'), '2023-03-04'], [null, null],
  ])('date %j → %j', (cell, value) => expect(parseDate(cell)).toEqual({ value }));

  it.each([['31/02/2022'], ['2022/13/01'], ['hôm qua']])('not a date: %j', (cell) => expect(parseDate(cell).error).toBeDefined());

  it('cleans text and splits lists', () => {
    expect(cellText('  Chiêm  Hoa\u0301 ')).toBe('Chiêm Hoá');
    expect(cellValue({ text: 'link', hyperlink: 'http://x' })).toBe('link');
    expect(splitList('1, 2; 5\n7')).toEqual(['1', '2', '5', '7']);
  });
});
