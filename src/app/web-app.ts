import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, sep } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** The API's paths; everything else belongs to the web app. */
export const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/** Files Vite names by content hash (web/dist/assets/*): cached for a year, never revalidated. */
const HASHED = /^\/assets\//;
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The page shown at `/` when the service was built without the web app (web/dist missing):
 * says, in Vietnamese, how to build it. The API keeps working.
 */
export const WEB_MISSING_HTML = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Rà soát hộ nghèo</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>Chưa có giao diện web</h1>
<p>Dịch vụ đang chạy nhưng giao diện web chưa được xây dựng. Hãy chạy <code>npm run build</code>
(hoặc <code>npm start</code>, lệnh này tự xây dựng) rồi tải lại trang.</p>
<p>API vẫn hoạt động tại <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

/**
 * The web pages' security headers: scripts and styles from the service itself (antd injects its
 * CSS-in-JS as inline styles), images also as data:/blob: (previews, generated files), requests to
 * the service only.
 */
export const webHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
});

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.map', '.txt']);

/**
 * Gzipped copies of the app's files, made on first request and kept (a build is ~1 MB of text;
 * hashed files never change): a commune on a slow connection loads a third of the bytes.
 */
const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();
function gzipOf(file: string): Buffer {
  const { mtimeMs } = statSync(file);
  const hit = gzipped.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.body;
  const body = gzipSync(readFileSync(file), { level: 9 });
  gzipped.set(file, { mtimeMs, body });
  return body;
}

/** A file inside `root` for a URL path, or undefined (outside the folder, missing, a folder). */
function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the built single-page app of `webDir` for every path outside /api: the file when there is
 * one, else index.html for a GET whose Accept names text/html (the app's own routes, e.g. /ho/123), else
 * `notFound` (the API's JSON 404). index.html is never cached, so a new build is seen at once.
 */
export function webApp(webDir: string, notFound: (req: Request, res: Response) => void): RequestHandler {
  const index = join(webDir, 'index.html');
  return (req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path)) return next();
    webHeaders(req, res, () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(req, res);
      const file = req.path === '/' ? undefined : fileFor(webDir, req.path);
      if (file) {
        const hashed = HASHED.test(req.path);
        res.setHeader('Cache-Control', hashed ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
        if (extname(file) === '.html') res.setHeader('Cache-Control', 'no-cache');
        if (COMPRESSIBLE.has(extname(file))) {
          res.setHeader('Vary', 'Accept-Encoding');
          if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
            const body = gzipOf(file);
            res.type(extname(file)).setHeader('Content-Encoding', 'gzip');
            res.setHeader('Content-Length', body.length);
            return req.method === 'HEAD' ? res.end() : res.end(body);
          }
        }
        return res.sendFile(file, { dotfiles: 'deny', cacheControl: false });
      }
      // only a browser's page request (Accept names text/html) gets the app; curl, fetch() and
      // missing files keep the API's JSON 404
      if (!/\btext\/html\b/.test(req.headers.accept ?? '') || HASHED.test(req.path) || extname(req.path)) return notFound(req, res);
      res.setHeader('Cache-Control', 'no-cache');
      if (!existsSync(index)) {
        res.status(503).type('html').send(WEB_MISSING_HTML);
        return;
      }
      res.sendFile(index, { cacheControl: false });
    });
  };
}
