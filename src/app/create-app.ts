import { INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, resolveJwtSecret } from '../config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../database/embedded-postgres';
import { createValidationPipe } from '../common/http/validation';
import { AppModule } from './app.module';

export interface CreatedApp {
  app: NestExpressApplication;
  embedded?: EmbeddedDatabase;
  databaseUrl: string;
}

/** Global conventions shared by the service and the tests (api.md). */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.setGlobalPrefix('api');
  express.useGlobalPipes(createValidationPipe());
  express.use(helmet({ contentSecurityPolicy: false })); // the Swagger UI needs inline scripts
  express.useBodyParser('json', { limit: '1mb' });
  express.set('trust proxy', 'loopback');
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length) express.enableCors({ origin: origins, exposedHeaders: ['Content-Disposition', 'X-Request-Id'] });

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
export async function createApp(config: AppConfig, opts: { databaseUrl?: string; bufferLogs?: boolean } = {}): Promise<CreatedApp> {
  const boot = new NestLogger('Bootstrap');
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = opts.databaseUrl ?? config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, (m) => config.LOG_LEVEL !== 'silent' && boot.log(m));
    databaseUrl = embedded.url;
  }
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.register({ config, databaseUrl, jwtSecret: resolveJwtSecret(config) }),
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
