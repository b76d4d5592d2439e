/**
 * Domain errors carry a stable code; the HTTP status for each code is decided in one place
 * (ERROR_STATUS below), so services never import HTTP concepts.
 */
export interface ErrorDetail {
  field?: string;
  message: string;
  row?: number;
  column?: string;
  value?: unknown;
  [extra: string]: unknown;
}

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
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string, id: string | number) => new DomainError('NOT_FOUND', `${what} ${id} not found`);
export const invalid = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);
