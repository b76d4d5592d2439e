import type { MulterModuleOptions } from '@nestjs/platform-express';
import { DomainError } from '../errors/domain-error';
import { assertXlsxBytes } from './xlsx-table';

/**
 * Multer settings of every Excel import: the file is kept in memory (an .xlsx of 30,000
 * households is a few MB), one file per request, at most UPLOAD_LIMIT_MB (a larger upload is 413
 * PAYLOAD_TOO_LARGE). Register in a module with
 * `MulterModule.registerAsync({ inject: [AppConfig], useFactory: xlsxMulterOptions })`
 * and take the file with `@UseInterceptors(FileInterceptor('file'))`.
 */
export function xlsxMulterOptions(config: { UPLOAD_LIMIT_MB: number }): MulterModuleOptions {
  return {
    // no `dest` nor `storage`: multer keeps the file in memory (req.file.buffer)
    limits: { fileSize: config.UPLOAD_LIMIT_MB * 1024 * 1024, files: 1, fields: 20 },
    defParamCharset: 'utf8', // Vietnamese file names
  };
}

export interface UploadedXlsx {
  buffer: Buffer;
  originalname?: string;
  size?: number;
}

/**
 * The uploaded workbook, checked: present (else 400 naming the form field) and an .xlsx by its
 * bytes (else BAD_FILE: an .xls, a CSV renamed .xlsx, a PDF…). Returns its bytes and name.
 */
export function requireXlsxUpload(file: UploadedXlsx | undefined, field = 'file'): { buffer: Buffer; name: string } {
  if (!file) {
    throw new DomainError('VALIDATION_FAILED', `${field}: attach the .xlsx workbook as multipart field "${field}"`, [
      { field, message: 'Chưa đính kèm tệp Excel (.xlsx)' },
    ]);
  }
  const name = file.originalname ?? 'upload.xlsx';
  assertXlsxBytes(file.buffer, name);
  return { buffer: file.buffer, name };
}
