import { FieldProblem, prefixed } from './field-problem';

export type { FieldProblem } from './field-problem';

/**
 * Domain errors carry a stable code; the HTTP status for each code is decided in one place
 * (ERROR_STATUS below), so services never import HTTP concepts.
 */

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  IMPORT_INVALID: 400,
  UNKNOWN_INDICATOR: 400,
  BAD_FILE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ACCOUNT_DISABLED: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  VERSION_CONFLICT: 409,
  FROZEN: 409,
  ILLEGAL_TRANSITION: 409,
  UNIT_CYCLE: 409,
  VERSION_OVERLAP: 409,
  OUTSIDE_PARENT_VALIDITY: 409,
  PAYLOAD_TOO_LARGE: 413,
  IMPORT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BUSINESS_RULE: 422,
  TOTALS_EXCEEDED: 422,
  NOT_ELIGIBLE: 422,
  OVERSPEND: 422,
  NOT_APPLICABLE: 422,
  HOUSEHOLD_INACTIVE: 422,
  RESULTS_MISSING: 422,
  ACCOUNT_LOCKED: 423,
  TOO_MANY_REQUESTS: 429,
  REPORT_INCONSISTENT: 500,
  INTERNAL: 500,
  SERVICE_STARTING: 503,
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** `what` is the Vietnamese name of the record ('hộ', 'đợt rà soát'), its first letter lowered in the sentence. */
export const notFound = (what: string, id: string | number) => new DomainError('NOT_FOUND', `Không tìm thấy ${lowerFirst(what)} ${id}`);

export const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
export const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/**
 * The one way a list of field problems becomes the 400: VALIDATION_FAILED, the message naming the
 * first field, every problem in `details` (fields prefixed with `prefix` when given).
 */
export function validationError(problems: FieldProblem[], prefix = ''): DomainError {
  const details = prefixed(problems, prefix);
  const first = details[0];
  return new DomainError('VALIDATION_FAILED', first ? `${first.field}: ${first.message}` : 'Dữ liệu không hợp lệ', details);
}

/** One field's problem as the 400. */
export const invalid = (field: string, message: string) => validationError([{ field, message }]);
