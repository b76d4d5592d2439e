import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/**
 * `@Param('id', ParseIdPipe) id: number`: a positive integer that fits a PostgreSQL `int`
 * (1 … 2,147,483,647). Anything else — "abc", "1.5", "-1", "1e3", 99999999999 — is a 400 naming
 * the parameter, never a 500 from the database.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    const field = meta.data ?? 'id';
    const n = /^[1-9]\d{0,9}$/.test(String(value)) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n > 2_147_483_647) {
      throw new DomainError('VALIDATION_FAILED', `${field}: phải là số nguyên dương`, [{ field, message: 'phải là số nguyên dương' }]);
    }
    return n;
  }
}
