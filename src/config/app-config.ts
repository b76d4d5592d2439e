import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const v = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value; // left as is so IsBoolean names the variable
};
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value).trim()) ? Number(value) : value;

/**
 * The whole configuration of the service, read from the environment once at boot and validated.
 * A malformed value stops the process with one line naming the variable (see loadConfig).
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test']) NODE_ENV: 'development' | 'production' | 'test' = 'development';
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() HOST = '0.0.0.0';
  /** postgres://user:pass@host:port/db. Unset: the embedded PGlite database in DATA_DIR. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' }) DATABASE_URL?: string;
  @IsString() DATA_DIR = './data';
  @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' }) JWT_SECRET?: string;
  @Transform(toInt) @IsInt() @Min(60) @Max(86400) JWT_TTL_SECONDS = 3600;
  /** Load the Chiêm Hóa demo data. Default: on for the embedded database, off with DATABASE_URL. */
  @IsOptional() @Transform(toBool) @IsBoolean() DEMO_DATA?: boolean;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** The first administrator, created at start if no admin exists. */
  @IsString() ADMIN_USERNAME = 'admin';
  @IsOptional() @IsString() @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' }) ADMIN_PASSWORD?: string;
  /** Comma-separated origins allowed by CORS; empty: CORS off. */
  @IsString() CORS_ORIGINS = '';
  @Transform(toInt) @IsInt() @Min(1) @Max(1024) UPLOAD_LIMIT_MB = 50;
  @Transform(toInt) @IsInt() @Min(1) @Max(100) LOGIN_MAX_FAILURES = 5;
  @Transform(toInt) @IsInt() @Min(1) @Max(1440) LOGIN_LOCK_MINUTES = 15;
  @Transform(toInt) @IsInt() @Min(1) @Max(100) DB_POOL_SIZE = 10;
  /** How long a new database connection may take before the request fails with 503 DATABASE_UNAVAILABLE. */
  @Transform(toInt) @IsInt() @Min(100) @Max(60_000) DB_CONNECT_TIMEOUT_MS = 5000;
  /** Longest single SQL statement (PostgreSQL statement_timeout); 0 = no limit (imports and rebuilds may be long). */
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000) DB_STATEMENT_TIMEOUT_MS = 0;
  /** Requests per minute and client address, all routes; login has its own lock-out. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000) RATE_LIMIT_PER_MINUTE = 1200;
  /**
   * Password checks (login, change-password) per minute and client address, on top of the
   * per-account lock-out: slows down guessing across many accounts from one address.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000) LOGIN_RATE_LIMIT_PER_MINUTE = 10;
  /** Minimum length of a new password (users admin, change-password). */
  @Transform(toInt) @IsInt() @Min(8) @Max(64) PASSWORD_MIN_LENGTH = 10;
  /** Rows an uploaded workbook may hold (all sheets together); more is refused before parsing. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000_000) IMPORT_MAX_ROWS = 200_000;
  /**
   * Express "trust proxy": which proxies may set X-Forwarded-For (the client address used by the
   * rate limits). Default: a proxy on the same host only. Examples: "loopback, 10.0.0.0/8", "1".
   */
  @IsString() TRUST_PROXY = 'loopback';
  /** The built web app served at `/` (npm run build). Unset: web/dist of the package. */
  @IsOptional() @IsString() WEB_DIR?: string;

  get embedded(): boolean { return !this.DATABASE_URL; }
  get demoData(): boolean { return this.DEMO_DATA ?? this.embedded; }
  get dataDir(): string { return resolve(this.DATA_DIR); }
  get webDir(): string { return this.WEB_DIR ? resolve(this.WEB_DIR) : join(packageRoot(), 'web', 'dist'); }
}

/** The folder holding the package's package.json, from the source (ts) or the build (dist/src). */
export function packageRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export class ConfigError extends Error {}

const SECRETS = new Set(['JWT_SECRET', 'ADMIN_PASSWORD']);

/** A value as an error line may show it: secrets hidden, the password of a URL masked. */
function shown(key: string, value: unknown): string {
  if (SECRETS.has(key)) return `<hidden, ${String(value).length} characters>`;
  if (key === 'DATABASE_URL') return JSON.stringify(String(value).replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@'));
  return JSON.stringify(value);
}

/** Reads and validates the environment. Throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig()).concat(['DATABASE_URL', 'JWT_SECRET', 'DEMO_DATA', 'ADMIN_PASSWORD', 'WEB_DIR']);
  const raw: Record<string, unknown> = {};
  for (const key of known) if (env[key] !== undefined) raw[key] = env[key];
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length) {
    const e = errors[0];
    // a type error ("must be an integer") says more than a range error on a value that is not a number
    const constraints = e.constraints ?? {};
    const typeCheck = ['isInt', 'isBoolean', 'isString', 'isIn', 'matches'].find((k) => k in constraints);
    const msg = (typeCheck ? constraints[typeCheck] : Object.values(constraints)[0]) ?? 'is invalid';
    throw new ConfigError(`Invalid configuration: ${e.property}=${shown(e.property, raw[e.property])}: ${msg}`);
  }
  if (config.NODE_ENV === 'production') {
    for (const key of ['DATABASE_URL', 'JWT_SECRET', 'ADMIN_PASSWORD'] as const) {
      if (!config[key]) throw new ConfigError(`Invalid configuration: ${key} is required when NODE_ENV=production`);
    }
    if (config.DEMO_DATA) throw new ConfigError('Invalid configuration: DEMO_DATA must be off when NODE_ENV=production');
  }
  return config;
}

/** loadConfig for a command's start: an invalid configuration prints its one line and exits with 1. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * The JWT secret: from JWT_SECRET, else generated once and kept in the data folder (docs/API.md
 * "Start and health"), so tokens survive restarts of a development install.
 */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
