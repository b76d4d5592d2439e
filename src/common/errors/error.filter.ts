import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { DomainError, FieldProblem } from './domain-error';

const REASON: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 423: 'Locked',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};
/** The message of an HTTP error the framework raised (its own text is English and is not shown). */
const MESSAGE_FOR_STATUS: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ', 401: 'Cần đăng nhập', 403: 'Không có quyền thực hiện thao tác này', 404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ', 409: 'Dữ liệu xung đột', 413: 'Dữ liệu gửi lên quá lớn', 415: 'Định dạng dữ liệu không được hỗ trợ',
  422: 'Không thể thực hiện theo quy định', 429: 'Quá nhiều yêu cầu: hãy thử lại sau ít phút', 500: 'Lỗi máy chủ',
  503: 'Dịch vụ đang khởi động: hãy thử lại sau ít giây',
};
const CODE_FOR_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 422: 'BUSINESS_RULE', 429: 'TOO_MANY_REQUESTS',
};

/** PostgreSQL codes of a server that is shutting down or not yet accepting connections. */
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const MESSAGE_UNAVAILABLE = /Connection terminated|timeout exceeded when trying to connect|connection timeout|Query read timeout|Client has encountered a connection error/i;

/** Whether an error (raw, or wrapped by TypeORM) says the database cannot be reached: 503 DATABASE_UNAVAILABLE. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (typeof e.code === 'string' && (PG_UNAVAILABLE.has(e.code) || NET_UNAVAILABLE.has(e.code))) return true;
    if (typeof e.message === 'string' && MESSAGE_UNAVAILABLE.test(e.message)) return true;
    if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x))) return true; // AggregateError of a dual-stack connect
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: FieldProblem[];
}

/** The one error shape of the API (docs/API.md "Errors"). Never leaks a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, path: req?.url, code: body.code }, 'request failed');
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (isDatabaseUnavailable(exception)) {
      return this.body(503, 'DATABASE_UNAVAILABLE', 'Không kết nối được cơ sở dữ liệu: hãy thử lại sau ít phút', []);
    }
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
      // the rate limit's own message is ours (Vietnamese, says which limit and when to retry: app.module.ts)
      if (exception instanceof ThrottlerException) return this.body(status, 'TOO_MANY_REQUESTS', exception.message, []);
      const english = typeof resp === 'string' ? resp : Array.isArray(resp.message) ? resp.message.join('; ') : resp.message ?? exception.message;
      // an unknown route: Nest's "Cannot GET /api/x" names the route; every other framework text is replaced
      const route = status === 404 ? /^Cannot ([A-Z]+) (\S*)$/.exec(String(english)) : null;
      const message = route ? `Không có đường dẫn ${route[1]} ${route[2]}` : (MESSAGE_FOR_STATUS[status] ?? 'Yêu cầu không thực hiện được');
      return this.body(status, CODE_FOR_STATUS[status] ?? 'HTTP_ERROR', message, []);
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as { code?: string; constraint?: string; detail?: string };
      if (pg?.code === '23505') return this.body(409, 'DUPLICATE', `Giá trị bị trùng (${pg.constraint})`, []);
      if (pg?.code === '23503') return this.body(409, 'CONFLICT', `Bản ghi được tham chiếu không tồn tại hoặc vẫn đang được sử dụng (${pg.constraint})`, []);
      if (pg?.code === '22001') return this.body(400, 'VALIDATION_FAILED', 'Có giá trị quá dài', []);
      if (pg?.code === '22P02' || pg?.code === '22003' || pg?.code === '22007' || pg?.code === '22008') {
        return this.body(400, 'VALIDATION_FAILED', 'Có giá trị sai định dạng hoặc ngoài phạm vi cho phép', []);
      }
      // NUL bytes and characters PostgreSQL cannot store in text
      if (pg?.code === '22021' || pg?.code === '22P05') {
        return this.body(400, 'VALIDATION_FAILED', 'Có văn bản chứa ký tự không lưu được (ví dụ NUL)', []);
      }
      if (pg?.code === '40001' || pg?.code === '40P01') {
        return this.body(409, 'CONFLICT', 'Một thay đổi đồng thời đã cản trở thao tác: hãy thử lại', []);
      }
    }
    return this.fromRequestParsing(exception) ?? this.body(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'Lỗi máy chủ', []);
  }

  /** Errors of the body parser and of Express' URL decoding, raw or wrapped by Nest: fixed messages, never the parser's text. */
  private fromRequestParsing(err: unknown): ErrorBody | undefined {
    const e = err as { type?: string; status?: number; limit?: number } | undefined;
    if (!e || typeof e !== 'object') return undefined;
    switch (e.type) {
      case 'entity.too.large':
        return this.body(413, 'PAYLOAD_TOO_LARGE', `Dữ liệu gửi lên quá lớn${e.limit ? ` (tối đa ${Math.round(e.limit / 1024)} KB)` : ''}`, []);
      case 'entity.parse.failed':
        return this.body(400, 'VALIDATION_FAILED', 'Nội dung JSON không hợp lệ', []);
      case 'charset.unsupported':
      case 'encoding.unsupported':
        return this.body(415, 'UNSUPPORTED_MEDIA_TYPE', 'Hãy gửi JSON dạng UTF-8, không nén', []);
      case 'request.aborted':
      case 'request.size.invalid':
        return this.body(400, 'VALIDATION_FAILED', 'Nội dung yêu cầu bị thiếu (gửi không trọn vẹn)', []);
    }
    if (err instanceof URIError) return this.body(400, 'VALIDATION_FAILED', 'Đường dẫn chứa mã hóa phần trăm (%) không hợp lệ', []);
    return undefined;
  }

  private body(statusCode: number, code: string, message: string, details: FieldProblem[]): ErrorBody {
    return { statusCode, error: REASON[statusCode] ?? 'Error', code, message, details };
  }
}
