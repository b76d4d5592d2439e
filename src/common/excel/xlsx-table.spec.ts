import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { ColumnSpec, headingKey, openXlsxTable } from './xlsx-table';

type K = 'name' | 'sex' | 'year';
const SPECS: ColumnSpec<K>[] = [
  { key: 'name', heading: 'Họ và tên', aliases: ['Họ tên'], required: true },
  { key: 'sex', heading: 'Giới tính', required: true },
  { key: 'year', heading: 'Năm sinh' },
];

async function book(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rows(buf: Buffer, sheetNames?: string[]) {
  const table = await openXlsxTable(buf, SPECS, { sheetNames });
  const out: { row: number; name: unknown; sex: unknown; year: unknown }[] = [];
  for await (const r of table.rows) out.push({ row: r.row, name: r.cell('name'), sex: r.cell('sex'), year: r.cell('year') });
  return { table, out };
}

describe('streaming table reader', () => {
  it.each([
    ['Họ và tên *', 'ho va ten'],
    ['HỌ VÀ TÊN (chủ hộ và thành viên)', 'ho va ten'],
    ['Thôn / Tổ dân phố', 'thon/to dan pho'],
    ['Số CCCD/CMND:', 'so cccd/cmnd'],
  ])('headingKey(%j) = %j', (h, k) => expect(headingKey(h)).toBe(k));

  it('finds the heading row below titles, in any column order, and skips blank and column-number rows', async () => {
    const buf = await book((wb) => {
      const ws = wb.addWorksheet('Danh sách');
      ws.addRow(['DANH SÁCH HỘ']);
      ws.addRow(['STT', 'Năm sinh', 'Giới tính', 'Họ tên']);
      ws.addRow(['(1)', '(2)', '(3)', '(4)']);
      ws.addRow([1, 1980, 'Nam', 'Ma Văn A']);
      ws.addRow([]);
      ws.addRow([2, { formula: 'B4+2', result: 1982 }, 'Nữ', 'Hoàng Thị B']);
    });
    const { table, out } = await rows(buf);
    expect(table.header.row).toBe(2);
    expect(table.header.letter('name')).toBe('D');
    expect(out).toEqual([
      { row: 4, name: 'Ma Văn A', sex: 'Nam', year: 1980 },
      { row: 6, name: 'Hoàng Thị B', sex: 'Nữ', year: { formula: 'B4+2', result: 1982 } },
    ]);
  });

  it('reads the sheet named as asked, wherever it is, else the first', async () => {
    const buf = await book((wb) => {
      wb.addWorksheet('Hướng dẫn').addRow(['Đọc kỹ']);
      const ws = wb.addWorksheet('Hộ và thành viên');
      ws.addRow(['Họ và tên', 'Giới tính']);
      ws.addRow(['Lý Thị C', 'Nữ']);
    });
    expect((await rows(buf, ['Ho va thanh vien'])).out.map((r) => r.name)).toEqual(['Lý Thị C']);
    await expect(rows(buf)).rejects.toMatchObject({ code: 'IMPORT_INVALID' }); // the first sheet has no headings
  });

  it('keeps Vietnamese letters whole across the chunks of a large file (exceljs#2063)', async () => {
    const names = Array.from({ length: 40_000 }, (_, i) => `Nguyễn Đức Toàn Lý Thị Tuyết Hoàng Văn Thuỵ ${i} ỹ`);
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: false });
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['Họ và tên', 'Giới tính']).commit();
    for (const n of names) ws.addRow([n, 'Nữ']).commit();
    ws.commit();
    await wb.commit();
    const buf = Buffer.concat(chunks);
    const { out } = await rows(buf);
    expect(out).toHaveLength(names.length);
    expect(out.filter((r) => String(r.name).includes('\ufffd'))).toEqual([]);
    expect(out.map((r) => r.name)).toEqual(names);

    // the plain exceljs reader shows the bug on the same file; when it stops, the workaround can go
    let broken = 0;
    const plain = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    for await (const sheet of plain as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
      for await (const row of sheet) if (String((row.values as unknown[])[1]).includes('\ufffd')) broken++;
    }
    expect(broken).toBeGreaterThan(0);
  }, 60_000);

  it('refuses non-xlsx bytes with BAD_FILE before parsing', async () => {
    await expect(openXlsxTable(Buffer.from('a,b\n1,2'), SPECS)).rejects.toMatchObject({ code: 'BAD_FILE' });
    await expect(openXlsxTable(Buffer.alloc(0), SPECS)).rejects.toMatchObject({ code: 'BAD_FILE' });
  });
});
