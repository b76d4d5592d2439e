import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { DomainError } from '../errors/domain-error';
import { foldText } from '../text/vietnamese';
import { cellScalar, cellText, columnLetter, isBlank } from './cells';

/**
 * Streaming reading of one table from an .xlsx file (exceljs WorkbookReader: rows are parsed as
 * they are unzipped, never the whole workbook in memory). Columns are found by their heading, not
 * their position, so officers may reorder columns, add their own, or keep title rows above the
 * headings. Shared by every import.
 */

export interface ColumnSpec<K extends string> {
  key: K;
  /** The heading the template uses (shown in error messages). */
  heading: string;
  /** Other headings officers use for the same column. Matching ignores case, diacritics, "*" and text in brackets. */
  aliases?: string[];
  required?: boolean;
}

export interface HeaderMap<K extends string> {
  /** 1-based row number of the heading row. */
  row: number;
  /** Column number of each key found. */
  columns: Partial<Record<K, number>>;
  /** Column letter of a key ('' when the column is absent). */
  letter(key: K): string;
  heading(key: K): string;
}

export interface TableRow<K extends string> {
  /** 1-based row number in the sheet, as Excel shows it. */
  row: number;
  /** The raw exceljs value of a column (undefined when the column is absent). */
  cell(key: K): unknown;
}

export interface XlsxTable<K extends string> {
  sheetName: string;
  /** The workbook counts dates from 1904 (old Mac files): pass to cellDate. */
  date1904: boolean;
  header: HeaderMap<K>;
  /** Rows below the heading row; blank rows and column-number rows ("(1) (2) (3)") are skipped. */
  rows: AsyncIterable<TableRow<K>>;
  /**
   * The same rows in the batches the parser produces them (one per inflated chunk, a few dozen
   * rows): cheaper than `rows` for large files (no promise per row). Use one or the other.
   */
  batches: AsyncIterable<TableRow<K>[]>;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Refuses what is not an .xlsx file before parsing: a clear BAD_FILE instead of a parser error. */
export function assertXlsxBytes(buf: Buffer | undefined | null, fileName?: string): void {
  if (!buf || buf.length === 0) throw new DomainError('BAD_FILE', 'Tệp rỗng', [{ field: 'file', message: 'Tệp rỗng' }]);
  if (buf.subarray(0, 8).equals(OLE)) {
    // as the shared upload check (xlsx-inspect.ts): an old or encrypted workbook is a media type we do not take
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Tệp .xls (Excel 97–2003) hoặc có mật khẩu: hãy lưu lại dạng .xlsx, không đặt mật khẩu', [
      { field: 'file', message: 'Tệp .xls (Excel 97–2003) hoặc có mật khẩu: hãy lưu lại dạng .xlsx, không đặt mật khẩu' },
    ]);
  }
  if (!buf.subarray(0, 4).equals(ZIP)) {
    throw new DomainError('BAD_FILE', `${fileName ? `Tệp "${fileName}"` : 'Tệp'} không phải là bảng tính Excel .xlsx`, [
      { field: 'file', message: 'Tệp không phải là bảng tính Excel .xlsx' },
    ]);
  }
}

/** Heading text as compared: folded, without "*", bracketed notes, punctuation or line breaks. */
export function headingKey(text: string): string {
  return foldText(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/[*:]/g, ' '))
    .replace(/[^a-z0-9/ ]+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

const badFile = (_err: unknown) =>
  new DomainError('BAD_FILE', 'Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx)', [
    { field: 'file', message: 'Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx)' },
  ]);

type Reader = ExcelJS.stream.xlsx.WorkbookReader & {
  model?: { sheets?: { name: string }[] };
  properties?: { model?: { date1904?: boolean } } & { date1904?: boolean };
};

/** Decodes a stream of UTF-8 byte chunks into text, keeping characters split across chunks whole. */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

type ReaderInternals = {
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
};
const BaseReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: unknown, options: unknown) => ReaderInternals;

/**
 * exceljs 4.4.0's streaming reader decodes every inflated chunk on its own, so a Vietnamese
 * letter (2–3 bytes in UTF-8) that straddles two chunks turns into "��" (exceljs/exceljs#2063,
 * #2316; fixes proposed in #1665 and #2213, not released). In a 30,000-household list that
 * happens to a few dozen names. This reader hands the XML to the parser as text decoded across
 * chunk boundaries (the workaround of exceljs#2084). It overrides three internal methods of
 * 4.4.0 (the version package.json pins); cells.spec / xlsx-table.spec catch a change.
 */
class Utf8WorkbookReader extends BaseReader {
  override _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void> {
    entry.setEncoding('utf8');
    return super._parseWorkbook(entry);
  }

  override async *_parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown> {
    entry.setEncoding('utf8');
    yield* super._parseSharedStrings(entry);
  }

  override *_parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
    yield* super._parseWorksheet(utf8Chunks(iterator), sheetNo);
  }
}

/** The bytes in 64 KiB views (no copy). */
function* slices(buf: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/**
 * A streaming reader of an .xlsx held in memory, with the UTF-8 fix above. The file is fed in
 * 64 KiB pieces: given as one piece, the unzipper hands each compressed entry to zlib in one write
 * and the whole inflated sheet (tens of MB of XML) waits in memory for the parser; in pieces,
 * backpressure keeps only a few chunks inflated at a time.
 */
export function xlsxStreamReader(buf: Buffer, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>): ExcelJS.stream.xlsx.WorkbookReader {
  return new Utf8WorkbookReader(Readable.from(slices(buf)), options) as unknown as ExcelJS.stream.xlsx.WorkbookReader;
}

/**
 * Opens the table: picks the sheet (the first whose name matches one of `sheetNames`, else the
 * first sheet), finds the heading row within the first `headerSearchRows` rows (the first row
 * where every required column is found), and returns the rows below it as a stream.
 * A missing heading is IMPORT_INVALID naming the columns; an unreadable file is BAD_FILE.
 */
export async function openXlsxTable<K extends string>(
  buf: Buffer,
  specs: ReadonlyArray<ColumnSpec<K>>,
  opts: { sheetNames?: string[]; headerSearchRows?: number; fileName?: string } = {},
): Promise<XlsxTable<K>> {
  assertXlsxBytes(buf, opts.fileName);
  const reader = xlsxStreamReader(buf, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  }) as Reader;
  const wanted = (opts.sheetNames ?? []).map(headingKey);
  const sheets = (reader as unknown as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { name: string }>)[Symbol.asyncIterator]();

  let sheet: (ExcelJS.stream.xlsx.WorksheetReader & { name: string }) | undefined;
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const names = (reader.model?.sheets ?? []).map((s) => headingKey(s.name));
      const anyWanted = wanted.length > 0 && names.some((n) => wanted.includes(n));
      if (!anyWanted || wanted.includes(headingKey(next.value.name))) {
        sheet = next.value;
        break;
      }
    }
  } catch (err) {
    throw err instanceof DomainError ? err : badFile(err);
  }
  if (!sheet) {
    throw new DomainError('BAD_FILE', 'Tệp không có trang tính nào', [{ field: 'file', message: 'Tệp không có trang tính nào' }]);
  }
  const date1904 = Boolean(reader.properties?.model?.date1904 ?? reader.properties?.date1904);
  // the worksheet's parse() yields the rows of each inflated chunk together
  const events = (sheet as unknown as { parse(): AsyncIterator<{ eventType: string; value: unknown }[]> }).parse();
  const nextBatch = async (): Promise<ExcelJS.Row[] | undefined> => {
    for (;;) {
      let r: IteratorResult<{ eventType: string; value: unknown }[]>;
      try {
        r = await events.next();
      } catch (err) {
        throw badFile(err);
      }
      if (r.done) return undefined;
      const rows: ExcelJS.Row[] = [];
      for (const e of r.value) if (e.eventType === 'row') rows.push(e.value as ExcelJS.Row);
      if (rows.length) return rows;
    }
  };

  // Find the heading row.
  const limit = opts.headerSearchRows ?? 20;
  const keyed = specs.map((s) => ({ spec: s, keys: [s.heading, ...(s.aliases ?? [])].map(headingKey) }));
  let best: { row: number; columns: Partial<Record<K, number>>; found: number } | undefined;
  let header: HeaderMap<K> | undefined;
  let pending: ExcelJS.Row[] = [];
  for (let seen = 0; seen < limit && !header; ) {
    if (!pending.length) {
      const batch = await nextBatch();
      if (!batch) break;
      pending = batch;
    }
    const row = pending.shift() as ExcelJS.Row;
    seen++;
    const values = row.values as unknown[];
    const columns: Partial<Record<K, number>> = {};
    let found = 0;
    for (let c = 1; c < values.length; c++) {
      const t = cellText(values[c]);
      if (!t.ok || !t.value) continue;
      const key = headingKey(t.value);
      const hit = keyed.find((k) => k.keys.includes(key) && columns[k.spec.key] === undefined);
      if (hit) {
        columns[hit.spec.key] = c;
        found++;
      }
    }
    if (!best || found > best.found) best = { row: row.number, columns, found };
    if (found > 0 && specs.every((s) => !s.required || columns[s.key] !== undefined)) header = makeHeader(row.number, columns, specs);
  }
  if (!header) {
    const missing = specs.filter((s) => s.required && best?.columns[s.key] === undefined);
    throw new DomainError(
      'IMPORT_INVALID',
      `Không tìm thấy dòng tiêu đề trong trang "${sheet.name}": thiếu cột ${missing.map((s) => s.heading).join(', ')}`,
      missing.map((s) => ({ field: s.key, column: s.heading, message: `Không tìm thấy cột "${s.heading}" trong dòng tiêu đề` })),
    );
  }
  const cols = header.columns;
  const mapped = Object.values(cols) as number[];
  const headerRow = header.row;

  async function* batches(): AsyncGenerator<TableRow<K>[]> {
    let raw: ExcelJS.Row[] | undefined = pending;
    while (raw) {
      const out: TableRow<K>[] = [];
      for (const row of raw) {
        const values = row.values as unknown[];
        if (mapped.every((c) => isBlank(values[c]))) continue;
        if (row.number - headerRow <= 3 && isColumnNumberRow(mapped.map((c) => values[c]))) continue;
        out.push(new SheetRow(row.number, values, cols));
      }
      if (out.length) yield out;
      raw = await nextBatch();
    }
  }
  async function* rows(): AsyncGenerator<TableRow<K>> {
    for await (const b of batches()) yield* b;
  }
  return { sheetName: sheet.name, date1904, header, rows: rows(), batches: batches() };
}

class SheetRow<K extends string> implements TableRow<K> {
  constructor(readonly row: number, private readonly values: unknown[], private readonly cols: Partial<Record<K, number>>) {}
  cell(key: K): unknown {
    const c = this.cols[key];
    return c === undefined ? undefined : this.values[c];
  }
}

function makeHeader<K extends string>(row: number, columns: Partial<Record<K, number>>, specs: ReadonlyArray<ColumnSpec<K>>): HeaderMap<K> {
  const byKey = new Map(specs.map((s) => [s.key, s]));
  return {
    row,
    columns,
    letter: (key) => (columns[key] === undefined ? '' : columnLetter(columns[key] as number)),
    heading: (key) => byKey.get(key)?.heading ?? key,
  };
}

/** "(1) (2) (3) …" or "1 2 3 …" under the headings, as official forms number their columns. */
function isColumnNumberRow(values: unknown[]): boolean {
  const nums: number[] = [];
  for (const v of values) {
    const s = cellScalar(v);
    if (s === null || (typeof s === 'string' && !s.trim())) continue;
    const m = /^\(?(\d{1,2})\)?$/.exec(String(s).trim());
    if (!m) return false;
    nums.push(+m[1]);
  }
  return nums.length >= 3 && nums.every((n, i) => i === 0 || n > nums[i - 1]);
}
