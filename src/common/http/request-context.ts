import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/**
 * The current HTTP request, reachable from services without passing it around: the audit trail
 * stores the request id (the X-Request-Id of the log lines) with every record, so an audit entry
 * can be matched with its logs. Registered in configureApp after the body parser (body parsing
 * would otherwise lose the async context).
 */
const storage = new AsyncLocalStorage<{ req: Request & { id?: unknown } }>();

export function requestContextMiddleware(req: Request, _res: Response, next: NextFunction): void {
  storage.run({ req }, next);
}

/** The id pino-http gave the current request (from X-Request-Id or generated); null outside a request. */
export function currentRequestId(): string | null {
  const req = storage.getStore()?.req;
  const id = req?.id ?? req?.headers?.['x-request-id'];
  // client-supplied: only the characters of ordinary ids (UUIDs, trace ids) are kept
  const clean = id == null ? '' : String(id).replace(/[^A-Za-z0-9._:-]/g, '').slice(0, 64);
  return clean === '' ? null : clean;
}
