import { INestApplication, Logger as NestLogger, NotFoundException, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, resolveJwtSecret } from '../config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../database/embedded-postgres';
import { ErrorFilter } from '../common/errors/error.filter';
import { InputGuardPipe } from '../common/http/input-guard.pipe';
import { createValidationPipe } from '../common/http/validation';
import { requestContextMiddleware } from '../common/http/request-context';
import { AppModule } from './app.module';
import { isApiPath, webApp } from './web-app';

export interface CreatedApp {
  app: NestExpressApplication;
  embedded?: EmbeddedDatabase;
  databaseUrl: string;
}

/** Express "trust proxy" from TRUST_PROXY: a hop count, true/false, or addresses and subnets. */
export function trustProxy(value: string): boolean | number | string {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

/** JSON bodies up to 1 MB (uploads go through the multipart helper, src/common/http/xlsx-upload.ts). */
export const JSON_BODY_LIMIT = '1mb';

/** Global conventions shared by the service and the tests (docs/API.md). */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.setGlobalPrefix('api');
  express.useGlobalPipes(new InputGuardPipe(), createValidationPipe());
  // Security headers. The API answers JSON and files: nothing may run or frame it. Only the
  // Swagger UI page (/api/docs) needs inline scripts and styles.
  const apiHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const docsHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // the service is often reached over plain HTTP on an intranet: upgrading would break the page
        upgradeInsecureRequests: null,
      },
    },
  });
  express.use((req: Request, res: Response, next: NextFunction) =>
    !isApiPath(req.path) ? next() : (req.path === '/api/docs' || req.path.startsWith('/api/docs/') ? docsHeaders : apiHeaders)(req, res, next),
  );
  // /api/* is the API; every other path is the web app (web-app.ts), whose unknown files and
  // non-GET requests are a 404 in the error shape (not Express' HTML page).
  const errors = new ErrorFilter();
  express.use(
    webApp(config.webDir, (req, res) =>
      res.status(404).json(errors.toBody(new NotFoundException(`Cannot ${req.method} ${req.path.slice(0, 200)}`))),
    ),
  );
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  express.use(requestContextMiddleware);
  express.set('trust proxy', trustProxy(config.TRUST_PROXY));
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length) {
    express.enableCors({
      origin: origins.includes('*') ? '*' : origins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['Content-Disposition', 'X-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  }

  const doc = new DocumentBuilder()
    .setTitle('Rà soát hộ nghèo, hộ cận nghèo')
    .setDescription(
      'The annual review of poor and near-poor households: administrative units, households, poverty standards, ' +
        'review rounds and results, movement, rates, plans, the National Target Program and Excel exports. ' +
        'Errors: `{ statusCode, error, code, message, details[] }`. Lists: `?page&pageSize` → `{ items, total, page, pageSize }`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(express, doc);
  SwaggerModule.setup('api/docs', express, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * Builds the application: the embedded database when DATABASE_URL is unset, then the Nest app on
 * whichever database. Migrations and seeding run later (StartupService), after listen().
 */
export async function createApp(
  config: AppConfig,
  opts: { databaseUrl?: string; bufferLogs?: boolean; extraModules?: Type[] } = {},
): Promise<CreatedApp> {
  const boot = new NestLogger('Bootstrap');
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = opts.databaseUrl ?? config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, (m) => config.LOG_LEVEL !== 'silent' && boot.log(m));
    databaseUrl = embedded.url;
  }
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.register({ config, databaseUrl, jwtSecret: resolveJwtSecret(config), extraModules: opts.extraModules }),
      { bufferLogs: opts.bufferLogs ?? true, bodyParser: false, ...(config.LOG_LEVEL === 'silent' ? { logger: false as const } : {}) },
    );
    app.useLogger(app.get(Logger));
    configureApp(app, config);
    // Graceful shutdown: Nest stops the HTTP server and closes the pool, then the embedded server
    // (if any) stops. Safe to call twice (a signal during a failing start-up). The app Nest returns
    // is a Proxy whose `set` trap ignores assignments and whose methods are looked up on each call,
    // so Nest's own close is taken from the prototype and ours is defined on the target (the
    // embedded smoke test checks that the server is really stopped).
    const nestClose = (Object.getPrototypeOf(app) as { close(this: unknown): Promise<void> }).close;
    const origClose = () => nestClose.call(app);
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        try {
          await origClose();
        } finally {
          await embedded?.stop();
        }
      })());
    Object.defineProperty(app, 'close', { value: close, configurable: true, writable: true });
    return { app, embedded, databaseUrl };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
