import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import type { StandardView } from '../standards/standards.repository';
import { ResultsImportService } from './results-import.service';

// parse() reads the workbook only (no database): the service's collaborators are not needed here
const service = new ResultsImportService(...([null, null, null, null, null, null] as unknown as ConstructorParameters<typeof ResultsImportService>));
const STANDARD = {
  code: 'ND07-2021',
  indicators: [
    { key: 'water', nameVi: 'Nguồn nước sinh hoạt', dimension: 'housing' },
    { key: 'sanitation', nameVi: 'Nhà tiêu hợp vệ sinh', dimension: 'housing' },
  ],
} as unknown as StandardView;

describe('results import: reading the workbook', () => {
  it('reads Vietnamese labels in the needs, deprivation and name cells of a large file without corruption (exceljs#2063)', async () => {
    const needs = 'Vay vốn tín dụng; Nhà ở, Hỗ trợ sản xuất; Việc làm';
    const n = 20_000;
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    // inline strings: every row's labels are in the sheet's XML, which exceljs inflates and decodes chunk by chunk
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('Kết quả rà soát');
    ws.addRow(['KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO']).commit();
    ws.addRow([]).commit();
    ws.addRow([]).commit();
    ws.addRow(['STT', 'Mã hộ', 'Họ và tên chủ hộ', 'Điểm B1', 'Nguồn nước sinh hoạt [water]', 'Nhà tiêu hợp vệ sinh [sanitation]', 'Nguyên nhân nghèo (mã 1–8)', 'Nhu cầu hỗ trợ']).commit();
    for (let i = 1; i <= n; i++) ws.addRow([i, `H-${i}`, `Nguyễn Đức Toàn ${i}`, 120, 'thiếu', 'thiếu hụt', '1; 5', needs]).commit();
    ws.commit();
    await wb.commit();
    const buf = Buffer.concat(chunks);

    const parsed = await service.parse(buf, STANDARD);
    expect(parsed.errors.count).toBe(0);
    expect(parsed.rows).toHaveLength(n);
    const wrong = parsed.rows.filter((r) =>
      (r.row.supportNeeds ?? []).join() !== 'credit,housing,production,employment' || (r.row.enteredDeprivations ?? []).join() !== 'water,sanitation');
    expect(wrong).toEqual([]);

    // the same file through exceljs's own streaming reader does split letters: the test exercises the bug
    let broken = 0;
    const plain = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    for await (const sheet of plain as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>) {
      for await (const row of sheet) if ((row.values as unknown[]).some((v) => String(v).includes('\ufffd'))) broken++;
    }
    expect(broken).toBeGreaterThan(0);
  }, 60_000);
});
