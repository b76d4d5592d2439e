import { CsvError, detectSeparator, parseCsv } from './csv';

describe('parseCsv', () => {
  const cases: [string, string, string[][]][] = [
    ['plain', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['CRLF and no final line end', 'a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['byte-order mark', '\ufeffa,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['quoted separator and doubled quote', 'a,b\n"x, y","say ""hi"""', [['a', 'b'], ['x, y', 'say "hi"']]],
    ['line break inside quotes', 'a,b\n"one\ntwo",3\n', [['a', 'b'], ['one\ntwo', '3']]],
    ['empty fields', 'a,b,c\n,,\n', [['a', 'b', 'c'], ['', '', '']]],
    ['blank lines dropped', 'a\n\n1\n\n', [['a'], ['1']]],
    ['semicolons (Kobo)', 'a;b\n"1;2";3', [['a', 'b'], ['1;2', '3']]],
    ['tabs', 'a\tb\n1\t2', [['a', 'b'], ['1', '2']]],
    ['Vietnamese text', 'tên\nNông Văn Ạ', [['tên'], ['Nông Văn Ạ']]],
  ];
  it.each(cases)('%s', (_name, text, rows) => {
    expect(parseCsv(text).records.map((r) => r.values)).toEqual(rows);
  });

  it('gives the line where each record starts', () => {
    expect(parseCsv('a,b\n"x\ny",1\nz,2').records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('refuses an unclosed quote naming its line', () => {
    expect(() => parseCsv('a\n1\n"open')).toThrow(CsvError);
    try { parseCsv('a\n1\n"open'); } catch (e) { expect((e as CsvError).line).toBe(3); }
  });

  it.each([['a,b;c', ','], ['a;b;c,d', ';'], ['a\tb', '\t'], ['"x;y",b', ','], ['single', ',']])('separator of %j is %j', (line, sep) => {
    expect(detectSeparator(line)).toBe(sep);
  });
});
