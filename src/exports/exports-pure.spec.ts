import { asciiFileName, contentDisposition, encodeRfc5987 } from './content-disposition';
import { Workbook } from 'exceljs';
import { householdRows, listEntry } from './workbooks/household-list';
import { columnLetter, OfficialSheet, placeName, round2 } from './workbooks/official-sheet';
import { sumFormula } from './workbooks/tree-table';

describe('content disposition (RFC 6266 / RFC 5987)', () => {
  it.each([
    ['Danh sách chi tiết hộ nghèo - Xã Phúc Sơn - 2022.xlsx', 'Danh-sach-chi-tiet-ho-ngheo-Xa-Phuc-Son-2022.xlsx'],
    ['Đồng Đạt.xlsx', 'Dong-Dat.xlsx'],
    ['Quyết định 15/QĐ-UBND.xlsx', 'Quyet-dinh-15-QD-UBND.xlsx'],
    ['…', 'export'],
  ])('%s → ascii fallback %s', (name, ascii) => {
    expect(asciiFileName(name)).toBe(ascii);
  });

  it('gives both the fallback and the UTF-8 name', () => {
    expect(contentDisposition('Hộ nghèo (2022).xlsx')).toBe(
      `attachment; filename="Ho-ngheo-2022.xlsx"; filename*=UTF-8''H%E1%BB%99%20ngh%C3%A8o%20%282022%29.xlsx`,
    );
    expect(encodeRfc5987("a'b*c")).toBe('a%27b%2Ac');
    // NFD input is normalised: the same bytes whatever the keyboard produced
    expect(contentDisposition('Hóa.xlsx'.normalize('NFD'))).toBe(contentDisposition('Hóa.xlsx'));
    expect(contentDisposition('a"b\\c/d.xlsx')).toContain('filename="a-b-c-d.xlsx"');
  });
});

describe('safe cells (common/excel/safe-cell.ts in the official sheets)', () => {
  const sheet = () => new OfficialSheet(new Workbook(), 'Thử', {
    unitName: 'Xã Phúc Sơn', title: 'BIỂU THỬ', subtitle: 'năm 2022',
    columns: [{ key: 'name', title: 'Tên', number: 'A', format: 'text' }, { key: 'n', title: 'Số', number: '1', format: 'count' }],
  });
  it.each([
    ['=HYPERLINK("x")', '=HYPERLINK("x")'],
    ['+1', '+1'],
    ['Nguyễn\u0000 Văn', 'Nguyễn Văn'],
    ['', null],
  ])('%j is written as the text %j, with the Text format', (input, out) => {
    const s = sheet();
    const row = s.reserveRow();
    s.writeRow(row, { name: input, n: 3 });
    const cell = s.ws.getRow(row).getCell(1);
    expect(cell.value).toBe(out);
    expect(cell.numFmt).toBe('@');
  });
  it('only writes finite numbers: NaN is an empty cell', () => {
    const s = sheet();
    const row = s.reserveRow();
    s.writeRow(row, { name: 'x', n: Number.NaN });
    expect(s.ws.getRow(row).getCell(2).value).toBeNull();
  });
});

describe('sheet helpers', () => {
  it.each([
    [['C11', 'C12', 'C13'], 'SUM(C11:C13)'],
    [['C11', 'C15'], 'SUM(C11,C15)'],
    [['D12', 'D14', 'D16'], 'SUM(D12,D14,D16)'],
    [['E10', 'E11', 'E13'], 'SUM(E10:E11,E13)'],
  ])('sumFormula(%j) = %s', (refs, f) => {
    expect(sumFormula(refs)).toBe(f);
  });
  it('splits SUM beyond 200 arguments (Excel takes 255)', () => {
    const refs = Array.from({ length: 450 }, (_, i) => `C${10 + 2 * i}`);
    const f = sumFormula(refs);
    expect(f.startsWith('SUM(SUM(')).toBe(true);
    expect(f.match(/SUM\(/g)).toHaveLength(4);
  });
  it.each([[1, 'A'], [26, 'Z'], [27, 'AA'], [52, 'AZ'], [703, 'AAA']])('column %i is %s', (n, l) => expect(columnLetter(n)).toBe(l));
  it.each([['Huyện Chiêm Hóa', 'Chiêm Hóa'], ['Thị trấn Vĩnh Lộc', 'Vĩnh Lộc'], ['Tỉnh Tuyên Quang', 'Tuyên Quang'], ['Xã Phúc Sơn', 'Phúc Sơn']])(
    'the place of %s is %s', (name, place) => expect(placeName(name)).toBe(place),
  );
  it('rounds rates the way reports do', () => {
    expect(round2((8162 / 31344) * 100)).toBe(26.04);
    expect(round2((9776 / 31223) * 100)).toBe(31.31);
    expect(round2(1.005)).toBe(1.01);
  });
});

describe('detailed list rows (tables 14/15)', () => {
  it.each([
    ['poor', 'stay', 'old'], ['poor', 'otherIn', 'old'], ['poor', 'newlyPoor', 'new'], ['poor', 'fromNearPoor', 'new'],
    ['poor', 'fellBack', 'again'], ['near_poor', 'fromPoor', 'new'], ['near_poor', 'newlyNearPoor', 'new'], ['near_poor', null, null],
  ] as const)('%s household booked %s is "%s"', (cls, move, entry) => {
    expect(listEntry(cls, move)).toBe(entry);
  });

  it('a head row then member rows, birth years under Nam / Nữ', () => {
    const rows = householdRows({
      head: { name: 'Nguyễn Thị Lan', sex: 'female', birthYear: 1980, ethnicity: 'Tày', relation: 'Chủ hộ' },
      village: 'Thôn Bản Ba', entry: 'again', meritorious: false, ethnicMinority: true, noLabour: false,
      supportNeeds: ['education', 'unknown'],
      members: [{ name: 'Nguyễn Văn Tú', sex: 'male', birthYear: 2010, ethnicity: 'Tày', relation: 'Con' }],
    }, 7);
    expect(rows).toEqual([
      [7, null, 'Nguyễn Thị Lan', 'Thôn Bản Ba', null, 1980, 'Tày', 'Chủ hộ', null, 'x', null, null, 'x', null, null, 'x', null, null, null, 'x'],
      [null, 1, 'Nguyễn Văn Tú', null, 2010, null, 'Tày', 'Con', ...Array(12).fill(null)],
    ]);
  });
});
