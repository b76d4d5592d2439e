import {
  applyDecorators, CallHandler, createParamDecorator, ExecutionContext, Inject, mixin, NestInterceptor, Type, UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import multer from 'multer';
import { extname } from 'node:path';
import { Observable } from 'rxjs';
import { AppConfig } from '../../config/app-config';
import { DomainError } from '../errors/domain-error';
import { inspectXlsx, XlsxInspection } from '../excel/xlsx-inspect';

/**
 * The one way import endpoints receive a workbook (DEVELOPING.md "Uploads"):
 *
 *   @Post('import')
 *   @XlsxUpload()                       // or XlsxUpload({ field: 'file', maxRows: 50_000 })
 *   import(@CurrentUser() user: AuthUser, @UploadedXlsx() file: XlsxFile) { … }
 *
 * Before the handler runs: multipart only, one file in the named field, at most UPLOAD_LIMIT_MB
 * (413), a `.xlsx` name and a spreadsheet/zip/unknown media type (415), a real xlsx inside (a zip
 * with xl/workbook.xml; a renamed CSV or a corrupt file is 400 BAD_FILE, an .xls or a
 * password-protected workbook 415), and at most IMPORT_MAX_ROWS rows counted by streaming with
 * an early stop (413 IMPORT_TOO_LARGE). Every refusal is in the one error shape with
 * `details[0].field` = the field name and a Vietnamese message an officer can act on.
 */

export interface XlsxFile {
  /** The name the officer's computer gave the file (UTF-8). */
  originalName: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
  /** Rows per sheet and in total, as counted before the handler ran (a CSV: its records). */
  inspection: XlsxInspection;
  /** `csv` only on a route that takes CSV too (`XlsxUpload({ csv: true })`). */
  kind: 'xlsx' | 'csv';
}

export interface XlsxUploadOptions {
  /** The multipart field (default `file`). */
  field?: string;
  /** Row limit for this endpoint (default IMPORT_MAX_ROWS); never above IMPORT_MAX_ROWS. */
  maxRows?: number;
  /** Also take a `.csv` file (UTF-8 text, e.g. the submissions export of ODK Central or KoboToolbox). */
  csv?: boolean;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What browsers and tools send for an .xlsx: the proper type, a generic binary or zip, or nothing. */
const ACCEPTED_MIME = new Set([XLSX_MIME, 'application/octet-stream', 'application/zip', 'application/x-zip-compressed', 'binary/octet-stream', '']);
const FILE_KEY = Symbol('xlsxFile');
/** What browsers and tools send for a .csv (Windows names it after Excel). */
const CSV_MIME = new Set(['text/csv', 'application/csv', 'text/comma-separated-values', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream', '']);

/**
 * Checks a CSV upload before the handler: not empty, not a workbook or a binary file under a
 * .csv name, UTF-8, and at most `maxRows` records below the heading line (line ends outside
 * quotes, early stop).
 */
export function inspectCsv(buf: Buffer, maxRows: number, field: string): XlsxInspection {
  if (buf.length === 0) throw fail('BAD_FILE', field, 'Tệp rỗng (0 byte)');
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || buf.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw fail('UNSUPPORTED_MEDIA_TYPE', field, 'Tệp có tên .csv nhưng là bảng tính Excel: gửi lại với tên .xlsx');
  }
  if (buf.includes(0)) throw fail('BAD_FILE', field, 'Tệp không phải tệp văn bản CSV');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw fail('BAD_FILE', field, 'Tệp CSV không ở mã UTF-8: xuất lại tệp dạng "CSV UTF-8"');
  }
  let rows = -1; // the heading line
  let quoted = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x0a && !quoted && ++rows > maxRows) {
      const message = `Tệp có hơn ${maxRows.toLocaleString('vi-VN')} dòng: chia nhỏ tệp rồi nhập lần lượt`;
      throw new DomainError('IMPORT_TOO_LARGE', message, [{ field, message, limit: maxRows }]);
    }
  }
  if (buf[buf.length - 1] !== 0x0a) rows++;
  return { sheets: [], totalRows: Math.max(rows, 0), uncompressedBytes: buf.length };
}

function fail(code: 'VALIDATION_FAILED' | 'BAD_FILE' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE', field: string, message: string, extra: Record<string, unknown> = {}) {
  return new DomainError(code, message, [{ field, message, ...extra }]);
}

/** Multer and busboy errors in the one error shape. */
function uploadError(err: unknown, field: string, limitMb: number): DomainError {
  if (err instanceof DomainError) return err;
  if (err instanceof multer.MulterError) {
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return fail('PAYLOAD_TOO_LARGE', field, `Tệp vượt quá giới hạn ${limitMb} MB`, { limit: limitMb * 1024 * 1024 });
      case 'LIMIT_UNEXPECTED_FILE':
      case 'LIMIT_FILE_COUNT':
        return fail('VALIDATION_FAILED', err.field || field, `Chỉ gửi một tệp, ở trường "${field}"`);
      default:
        return fail('VALIDATION_FAILED', err.field || field, `Dữ liệu gửi lên không hợp lệ (${err.code})`);
    }
  }
  return fail('VALIDATION_FAILED', field, `Dữ liệu multipart không hợp lệ: ${(err as Error)?.message ?? 'không đọc được'}`);
}

/** Busboy decodes file names as latin1 unless told; names written by Vietnamese computers are UTF-8. */
function utf8Name(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? name : decoded.normalize('NFC');
}

export function XlsxUploadInterceptor(options: XlsxUploadOptions = {}): Type<NestInterceptor> {
  const field = options.field ?? 'file';

  class Interceptor implements NestInterceptor {
    private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

    constructor(@Inject(AppConfig) private readonly config: AppConfig) {
      this.upload = multer({
        storage: multer.memoryStorage(),
        limits: {
          fileSize: config.UPLOAD_LIMIT_MB * 1024 * 1024,
          files: 1,
          fields: 20,
          fieldNameSize: 100,
          fieldSize: 64 * 1024,
          parts: 21,
          headerPairs: 100,
        },
      }).single(field);
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = context.switchToHttp().getRequest<Request & { file?: Express.Multer.File; [FILE_KEY]?: XlsxFile }>();
      const res = context.switchToHttp().getResponse<Response>();
      if (!req.is('multipart/form-data')) {
        throw fail('UNSUPPORTED_MEDIA_TYPE', field, `Gửi tệp .xlsx dạng multipart/form-data, ở trường "${field}"`);
      }
      await new Promise<void>((resolve, reject) =>
        this.upload(req, res, (err: unknown) => (err ? reject(uploadError(err, field, this.config.UPLOAD_LIMIT_MB)) : resolve())),
      );
      const f = req.file;
      if (!f) throw fail('VALIDATION_FAILED', field, `Chưa chọn tệp: gửi tệp .xlsx ở trường "${field}"`);
      const originalName = utf8Name(f.originalname ?? '');
      const mimetype = (f.mimetype ?? '').toLowerCase().split(';')[0].trim();
      const maxRows = Math.min(options.maxRows ?? this.config.IMPORT_MAX_ROWS, this.config.IMPORT_MAX_ROWS);
      if (options.csv && extname(originalName).toLowerCase() === '.csv') {
        if (!CSV_MIME.has(mimetype)) throw fail('UNSUPPORTED_MEDIA_TYPE', field, `Tệp gửi lên có kiểu ${mimetype}, không phải tệp CSV`);
        const inspection = inspectCsv(f.buffer, maxRows, field);
        req[FILE_KEY] = { originalName, mimetype, size: f.size, buffer: f.buffer, inspection, kind: 'csv' };
        return next.handle();
      }
      if (extname(originalName).toLowerCase() !== '.xlsx') {
        throw fail('UNSUPPORTED_MEDIA_TYPE', field, `Chỉ nhận tệp Excel .xlsx${options.csv ? ' hoặc tệp .csv' : ''} (tệp gửi lên: "${originalName}")`);
      }
      if (!ACCEPTED_MIME.has(mimetype)) {
        throw fail('UNSUPPORTED_MEDIA_TYPE', field, `Tệp gửi lên có kiểu ${mimetype}, không phải bảng tính Excel .xlsx`);
      }
      const inspection = await inspectXlsx(f.buffer, { maxRows, field });
      req[FILE_KEY] = { originalName, mimetype, size: f.size, buffer: f.buffer, inspection, kind: 'xlsx' };
      return next.handle();
    }
  }
  return mixin(Interceptor);
}

/** The route takes one .xlsx upload, checked before the handler (see the file comment). Documents it in OpenAPI. */
export function XlsxUpload(options: XlsxUploadOptions = {}) {
  const field = options.field ?? 'file';
  return applyDecorators(
    UseInterceptors(XlsxUploadInterceptor(options)),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: [field],
        properties: { [field]: { type: 'string', format: 'binary', description: options.csv ? 'Bảng tính Excel .xlsx hoặc tệp .csv (UTF-8)' : 'Bảng tính Excel .xlsx' } },
      },
    }),
  );
}

/** The workbook checked by @XlsxUpload(). */
export const UploadedXlsx = createParamDecorator((_: unknown, ctx: ExecutionContext): XlsxFile => {
  const file = ctx.switchToHttp().getRequest()[FILE_KEY] as XlsxFile | undefined;
  if (!file) throw new Error('@UploadedXlsx() needs @XlsxUpload() on the route');
  return file;
});
