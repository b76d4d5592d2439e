import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, FieldProblem } from './domain-error';

const REASON: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 423: 'Locked',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};
const CODE_FOR_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 422: 'BUSINESS_RULE', 429: 'TOO_MANY_REQUESTS',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: FieldProblem[];
}

/** The one error shape of the API (api.md "Errors"). Never leaks a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, path: req?.url }, body.message);
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return this.body(exception.status, exception.code, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const mapped = this.fromRequestParsing((exception as { cause?: unknown }).cause);
      if (mapped) return mapped;
      const status = exception.getStatus();
      const resp = exception.getResponse() as string | { message?: string | string[]; code?: string; details?: FieldProblem[] };
      if (typeof resp === 'object' && resp.code) {
        return this.body(status, resp.code, String(resp.message), resp.details ?? []);
      }
      const message = typeof resp === 'string' ? resp : Array.isArray(resp.message) ? resp.message.join('; ') : resp.message ?? exception.message;
      return this.body(status, CODE_FOR_STATUS[status] ?? 'HTTP_ERROR', message, []);
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as { code?: string; constraint?: string; detail?: string };
      if (pg?.code === '23505') return this.body(409, 'DUPLICATE', `Duplicate value (${pg.constraint})`, []);
      if (pg?.code === '23503') return this.body(409, 'CONFLICT', `Referenced record missing or still in use (${pg.constraint})`, []);
      if (pg?.code === '22001') return this.body(400, 'VALIDATION_FAILED', 'A value is too long', []);
      if (pg?.code === '22P02' || pg?.code === '22003' || pg?.code === '22007' || pg?.code === '22008') {
        return this.body(400, 'VALIDATION_FAILED', 'A value has the wrong format or is out of range', []);
      }
      // NUL bytes and characters PostgreSQL cannot store in text
      if (pg?.code === '22021' || pg?.code === '22P05') {
        return this.body(400, 'VALIDATION_FAILED', 'A text contains characters that cannot be stored (e.g. NUL)', []);
      }
      if (pg?.code === '40001' || pg?.code === '40P01') {
        return this.body(409, 'CONFLICT', 'A concurrent change got in the way: try again', []);
      }
    }
    return this.fromRequestParsing(exception) ?? this.body(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'Internal server error', []);
  }

  /** Errors of the body parser and of Express' URL decoding, raw or wrapped by Nest: fixed messages, never the parser's text. */
  private fromRequestParsing(err: unknown): ErrorBody | undefined {
    const e = err as { type?: string; status?: number; limit?: number } | undefined;
    if (!e || typeof e !== 'object') return undefined;
    switch (e.type) {
      case 'entity.too.large':
        return this.body(413, 'PAYLOAD_TOO_LARGE', `Request body too large${e.limit ? ` (limit ${Math.round(e.limit / 1024)} KB)` : ''}`, []);
      case 'entity.parse.failed':
        return this.body(400, 'VALIDATION_FAILED', 'Malformed JSON body', []);
      case 'charset.unsupported':
      case 'encoding.unsupported':
        return this.body(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON as UTF-8 without content encoding', []);
      case 'request.aborted':
      case 'request.size.invalid':
        return this.body(400, 'VALIDATION_FAILED', 'The request body was incomplete', []);
    }
    if (err instanceof URIError) return this.body(400, 'VALIDATION_FAILED', 'Malformed percent-encoding in the URL', []);
    return undefined;
  }

  private body(statusCode: number, code: string, message: string, details: FieldProblem[]): ErrorBody {
    return { statusCode, error: REASON[statusCode] ?? 'Error', code, message, details };
  }
}
