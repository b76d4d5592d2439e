import { DynamicModule, ExecutionContext, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { typeormOptions } from '../database/typeorm-options';
import { ErrorFilter } from '../common/errors/error.filter';
import { AuthModule } from '../auth/auth.module';
import { PASSWORD_CHECK } from '../auth/decorators';
import { HealthController } from '../health/health.controller';
import { DemoModule } from '../demo/demo.module';
import { FEATURE_MODULES } from './feature-modules';
import { AppState } from './app-state';
import { StartupService } from './startup.service';
import { DATABASE_URL, JWT_SECRET } from './tokens';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  jwtSecret: string;
  /** More modules (test fixtures: e.g. a probe route for the upload helper). */
  extraModules?: Type[];
}

/**
 * Rate limits per client address (ThrottlerModule, in memory per process): every route, and the
 * routes that check a password (@PasswordCheck: login, change-password) sharing one stricter
 * bucket. Both read this app instance's configuration, so a test app can set its own limits.
 */
function throttlers(config: AppConfig) {
  const isPasswordCheck = (ctx: ExecutionContext) => Reflect.getMetadata(PASSWORD_CHECK, ctx.getHandler()) === true;
  return {
    throttlers: [
      { name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE },
      {
        name: 'login',
        ttl: 60_000,
        limit: config.LOGIN_RATE_LIMIT_PER_MINUTE,
        skipIf: (ctx: ExecutionContext) => !isPasswordCheck(ctx),
        generateKey: (_ctx: ExecutionContext, tracker: string) => `password-check:${tracker}`,
      },
    ],
    errorMessage: (ctx: ExecutionContext, d: { key: string; timeToBlockExpire: number }) => {
      ctx.switchToHttp().getResponse().setHeader('Retry-After', String(d.timeToBlockExpire));
      return d.key.startsWith('password-check:')
        ? `Quá nhiều lần thử mật khẩu từ địa chỉ này; thử lại sau ${d.timeToBlockExpire} giây`
        : `Quá nhiều yêu cầu từ địa chỉ này; thử lại sau ${d.timeToBlockExpire} giây`;
    },
  };
}

@Module({})
export class AppModule {
  static register(opts: AppModuleOptions): DynamicModule {
    const { config } = opts;
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            // a request id on every log line: taken from X-Request-Id or generated, echoed back
            genReqId: (req, res) => {
              const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        ThrottlerModule.forRoot(throttlers(config)),
        TypeOrmModule.forRoot({ ...typeormOptions(opts.databaseUrl, config.DB_POOL_SIZE, { connectMs: config.DB_CONNECT_TIMEOUT_MS, statementMs: config.DB_STATEMENT_TIMEOUT_MS }), autoLoadEntities: true }),
        AuthModule,
        DemoModule,
        ...FEATURE_MODULES,
        ...(opts.extraModules ?? []),
      ],
      controllers: [HealthController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: JWT_SECRET, useValue: opts.jwtSecret },
        { provide: DATABASE_URL, useValue: opts.databaseUrl },
        AppState,
        StartupService,
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
      ],
      exports: [AppConfig, JWT_SECRET, DATABASE_URL, AppState],
    };
  }
}
