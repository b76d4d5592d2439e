/**
 * The one HTTP client of the web app: every call to the service goes through `request` (JSON),
 * `upload` (multipart, with progress) or `download` (a file saved under the name the service gives).
 * It adds the Bearer token of the session, turns every error into an `ApiError` (the API's one
 * error shape), and on a 401 (session expired) waits for the officer to sign in again in a modal
 * over the current screen, then retries the same request (auth/session.ts).
 */
import { session } from '../auth/session';

export const API_BASE = '/api';

export interface ApiErrorDetail {
  field?: string;
  message: string;
  row?: number;
  column?: string;
  [extra: string]: unknown;
}

/** An error answered by the service: `{ statusCode, code, message, details[] }`, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Query parameters: undefined, null and '' are left out; arrays repeat the key. */
export type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>;

export function queryString(q?: Query): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, String(x)));
    else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function url(path: string, q?: Query): string {
  return `${API_BASE}${path}${queryString(q)}`;
}

/** The ApiError for a response body (the API's error shape) or for anything else the server answered. */
export function toApiError(status: number, body: unknown): ApiError {
  const b = body as { code?: unknown; message?: unknown; details?: unknown } | null;
  if (b && typeof b === 'object' && typeof b.code === 'string') {
    return new ApiError(status, b.code, String(b.message ?? ''), Array.isArray(b.details) ? (b.details as ApiErrorDetail[]) : []);
  }
  return new ApiError(status, status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', `Máy chủ trả lời lỗi ${status}`);
}

const NETWORK = () => new ApiError(0, 'NETWORK', 'Không kết nối được tới máy chủ; kiểm tra mạng rồi thử lại');

/** Runs `attempt` with the current token; on a 401 (not the sign-in itself) waits for a new sign-in and retries once per sign-in. */
async function withSession<T>(attempt: (token: string | null) => Promise<T>, auth: boolean): Promise<T> {
  for (;;) {
    try {
      return await attempt(session.token());
    } catch (err) {
      if (!auth || !(err instanceof ApiError) || err.status !== 401) throw err;
      // the modal resolves when the same officer signed in again (a different officer: rejected, back home)
      await session.expired(err.message);
    }
  }
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** false for the sign-in call itself: a 401 there is a wrong password, not an expired session. */
  auth?: boolean;
  /** A token to use instead of the session's (while signing in); a 401 is then not retried. */
  token?: string;
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A JSON request; resolves with the parsed body, rejects with an ApiError. */
export function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const auth = opts.auth ?? true;
  return withSession(async (sessionToken) => {
    const token = opts.token ?? sessionToken;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (token && auth) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(url(path, opts.query), {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw NETWORK();
    }
    const body = await parse(res);
    if (!res.ok) throw toApiError(res.status, body);
    return body as T;
  }, auth && !opts.token);
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal });
export const post = <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query });
export const put = <T>(path: string, body?: unknown) => request<T>('PUT', path, { body });
export const patch = <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body });
export const del = <T>(path: string, body?: unknown) => request<T>('DELETE', path, { body });

export interface UploadOptions {
  query?: Query;
  /** Other form fields sent with the file. */
  fields?: Record<string, string>;
  /** The name of the file field (the API's uploads take `file`). */
  fieldName?: string;
  /** 0–100 while the file is sent. */
  onProgress?: (percent: number) => void;
}

/** A multipart upload (XMLHttpRequest, for the progress); resolves with the JSON answer. */
export function upload<T>(path: string, file: Blob & { name?: string }, opts: UploadOptions = {}): Promise<T> {
  return withSession(
    (token) =>
      new Promise<T>((resolve, reject) => {
        const form = new FormData();
        for (const [k, v] of Object.entries(opts.fields ?? {})) form.append(k, v);
        form.append(opts.fieldName ?? 'file', file, file.name ?? 'tep.xlsx');
        const xhr = new XMLHttpRequest();
        xhr.open('POST', url(path, opts.query));
        xhr.setRequestHeader('Accept', 'application/json');
        if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
        xhr.upload.onprogress = (e) => e.lengthComputable && opts.onProgress?.(Math.round((e.loaded / e.total) * 100));
        xhr.onerror = () => reject(NETWORK());
        xhr.onload = () => {
          let body: unknown = undefined;
          try {
            body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
          } catch {
            body = xhr.responseText;
          }
          if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
          else reject(toApiError(xhr.status, body));
        };
        xhr.send(form);
      }),
    true,
  );
}

/** The file name of a Content-Disposition header: `filename*=UTF-8''…` first (Vietnamese names), else `filename="…"`. */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}

/** Saves a Blob under a name, through an <a download> (the browser's usual download). */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export interface DownloadProgress {
  /** Bytes received so far. */
  received: number;
  /** The file's size when the service sends Content-Length (not for streamed exports). */
  total: number | null;
}

/** Reads a response body, reporting the bytes received as they arrive. */
async function readBlob(res: Response, onProgress?: (p: DownloadProgress) => void): Promise<Blob> {
  const type = res.headers.get('Content-Type') ?? 'application/octet-stream';
  if (!onProgress || !res.body) return res.blob();
  const length = Number(res.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  onProgress({ received, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.length;
    onProgress({ received, total });
  }
  return new Blob(parts as BlobPart[], { type });
}

/**
 * Downloads a file from the API (e.g. an Excel export) and saves it; resolves with the file name.
 * `onProgress` follows the bytes received (big exports show it).
 */
export function download(path: string, query?: Query, fallbackName = 'tep.xlsx', opts: { onProgress?: (p: DownloadProgress) => void } = {}): Promise<string> {
  return withSession(async (token) => {
    let res: Response;
    try {
      res = await fetch(url(path, query), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    } catch {
      throw NETWORK();
    }
    if (!res.ok) throw toApiError(res.status, await parse(res));
    const name = fileNameOf(res.headers.get('Content-Disposition'), fallbackName);
    saveBlob(await readBlob(res, opts.onProgress), name);
    return name;
  }, true);
}

/** A page of a list: `?page&pageSize` → `{ items, total, page, pageSize }`. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
