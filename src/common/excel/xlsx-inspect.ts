import { DomainError } from '../errors/domain-error';
import { isZip, openZipEntry, readZipDirectory, ZipEntry, ZipError } from './zip';

/**
 * Checks an uploaded workbook before anyone parses it: that it really is an .xlsx (a zip with a
 * workbook inside), and that it holds at most `maxRows` rows, counted by streaming the sheets'
 * XML with an early stop — a 1,000,000-row workbook (or a zip bomb) is refused after reading just
 * past the limit, never unpacked into memory or onto disk (exceljs' streaming reader spools
 * sheets to temporary files when sharedStrings.xml comes after them, as Excel writes it).
 */

export interface XlsxInspection {
  sheets: { path: string; rows: number }[];
  totalRows: number;
  uncompressedBytes: number;
}

export interface XlsxLimits {
  maxRows: number;
  /** Upper bound on the XML read while counting (zip-bomb guard). Default 1 GiB. */
  maxUncompressedBytes?: number;
  /** The form field, named in the error details. Default `file`. */
  field?: string;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// <row …> or <x:row …>, never <rows> or </row>
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;

const bad = (field: string, message: string) => new DomainError('BAD_FILE', message, [{ field, message }]);

export async function inspectXlsx(buf: Buffer, limits: XlsxLimits): Promise<XlsxInspection> {
  const field = limits.field ?? 'file';
  const maxBytes = limits.maxUncompressedBytes ?? 1024 ** 3;
  if (buf.length === 0) throw bad(field, 'Tệp rỗng (0 byte)');
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) {
    const message =
      'Tệp là định dạng Excel 97–2003 (.xls) hoặc bảng tính có đặt mật khẩu: hãy mở bằng Excel và lưu lại thành .xlsx (Excel Workbook) không mật khẩu';
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', message, [{ field, message }]);
  }
  if (!isZip(buf)) throw bad(field, 'Tệp không phải là bảng tính Excel .xlsx (nội dung không đúng định dạng, có thể tệp đã bị đổi đuôi)');
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(buf);
  } catch (err) {
    if (err instanceof ZipError) throw bad(field, `Tệp .xlsx bị hỏng hoặc tải lên không trọn vẹn (${err.message})`);
    throw err;
  }
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw bad(field, 'Tệp nén không phải là bảng tính Excel (.xlsx): không có xl/workbook.xml');
  }
  const sheets = entries.filter((e) => SHEET.test(e.name)).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  if (!sheets.length) throw bad(field, 'Bảng tính không có trang tính nào');

  const out: XlsxInspection = { sheets: [], totalRows: 0, uncompressedBytes: 0 };
  for (const entry of sheets) {
    let rows = 0;
    let carry = '';
    let stream;
    try {
      stream = openZipEntry(buf, entry);
    } catch (err) {
      if (err instanceof ZipError) throw bad(field, `Tệp .xlsx bị hỏng hoặc có mật khẩu (${err.message})`);
      throw err;
    }
    try {
      for await (const chunk of stream) {
        out.uncompressedBytes += (chunk as Buffer).length;
        if (out.uncompressedBytes > maxBytes) {
          throw new DomainError('IMPORT_TOO_LARGE', `Bảng tính quá lớn khi giải nén (hơn ${Math.round(maxBytes / 1048576)} MB dữ liệu)`, [
            { field, message: 'quá lớn khi giải nén', limit: maxBytes },
          ]);
        }
        // Tags are ASCII: latin1 decoding is exact for them and never splits a character.
        const text = carry + (chunk as Buffer).toString('latin1');
        ROW_TAG.lastIndex = 0;
        let last = 0;
        let m: RegExpExecArray | null;
        while ((m = ROW_TAG.exec(text))) {
          rows++;
          last = ROW_TAG.lastIndex;
          if (out.totalRows + rows > limits.maxRows) {
            const message = `Tệp có hơn ${limits.maxRows.toLocaleString('vi-VN')} dòng, vượt giới hạn một lần nhập: hãy chia thành nhiều tệp nhỏ hơn`;
            throw new DomainError('IMPORT_TOO_LARGE', message, [{ field, message, limit: limits.maxRows }]);
          }
        }
        // keep an unfinished tag for the next chunk (a tag never counts twice: `last` is past it)
        carry = text.slice(Math.max(last, text.length - 32));
      }
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw bad(field, `Tệp .xlsx bị hỏng (${(err as Error).message})`);
    } finally {
      stream.destroy();
    }
    out.sheets.push({ path: entry.name, rows });
    out.totalRows += rows;
  }
  return out;
}
