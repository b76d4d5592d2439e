import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldProblem, validationError } from '../errors/domain-error';

/**
 * A global pipe, before validation, over every body, query and route parameter:
 * - no control characters in strings (NUL cannot be stored by PostgreSQL; the others are
 *   invisible, and make an exported workbook unreadable since XML forbids them). Tab, line feed
 *   and carriage return stay allowed (multi-line notes);
 * - no JSON number beyond ±2^53 (1e308, 9007199254740993): it is not exact in JavaScript, and no
 *   count, year or amount here comes near it (money is capped far below).
 * The refusal names the field: `details[].field` is its path (`members.2.fullName`).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;

function scan(value: unknown, path: string, out: FieldProblem[], depth = 0): void {
  if (out.length >= 20 || depth > 32) return;
  if (typeof value === 'string') {
    if (FORBIDDEN.test(value)) out.push({ field: path, message: 'chứa ký tự điều khiển không hợp lệ (ví dụ NUL)' });
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) out.push({ field: path, message: 'số quá lớn' });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => scan(v, path ? `${path}.${i}` : String(i), out, depth + 1));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) scan(v, path ? `${path}.${k}` : k, out, depth + 1);
  }
}

@Injectable()
export class InputGuardPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'custom') return value;
    const details: FieldProblem[] = [];
    scan(value, meta.type === 'param' ? (meta.data ?? '') : '', details);
    if (details.length) throw validationError(details);
    return value;
  }
}
