import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, resolveJwtSecret } from './app-config';

const PROD = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://rasoat:pw@db:5432/rasoat',
  JWT_SECRET: 'x'.repeat(40),
  ADMIN_PASSWORD: 'a-long-admin-password',
};

/** The one line loadConfig fails with, or null if it accepts the environment. */
function failure(env: Record<string, string>): string | null {
  try {
    loadConfig(env);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}

describe('loadConfig', () => {
  it('works with no configuration at all: port 3000, embedded database, demo data on', () => {
    const c = loadConfig({});
    expect({ port: c.PORT, embedded: c.embedded, demo: c.demoData, level: c.LOG_LEVEL, env: c.NODE_ENV }).toEqual({
      port: 3000, embedded: true, demo: true, level: 'info', env: 'development',
    });
    expect(c.dataDir).toBe(join(process.cwd(), 'data'));
  });

  it('keeps demo data off on a real PostgreSQL unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db', DEMO_DATA: 'true' }).demoData).toBe(true);
    expect(loadConfig({ DEMO_DATA: 'off' }).demoData).toBe(false);
  });

  it('never prints a secret in the error line', () => {
    expect(failure({ JWT_SECRET: 'hunter2' })).toBe('Invalid configuration: JWT_SECRET=<hidden, 7 characters>: JWT_SECRET must be at least 32 characters');
    expect(failure({ ADMIN_PASSWORD: 'hunter2' })).not.toContain('hunter2');
    const url = failure({ DATABASE_URL: 'mysql://rasoat:hunter2@db:3306/rasoat' });
    expect(url).toBe('Invalid configuration: DATABASE_URL="mysql://rasoat:***@db:3306/rasoat": DATABASE_URL must be a postgres:// URL');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '3.5'],
    ['DATABASE_URL', 'mysql://h:3306/db'],
    ['DATABASE_URL', 'localhost:5432'],
    ['LOG_LEVEL', 'loud'],
    ['DEMO_DATA', 'maybe'],
    ['NODE_ENV', 'staging'],
    ['JWT_TTL_SECONDS', '10'],
    ['DB_POOL_SIZE', '0'],
    ['UPLOAD_LIMIT_MB', 'lots'],
  ])('stops on %s=%s with one line naming it', (key, value) => {
    const message = failure({ [key]: value });
    expect(message).not.toBeNull();
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${key}=${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(message).not.toContain('\n');
  });

  it('says what is wrong with the value', () => {
    expect(failure({ PORT: 'abc' })).toBe('Invalid configuration: PORT="abc": PORT must be an integer number');
    expect(failure({ PORT: '70000' })).toBe('Invalid configuration: PORT="70000": PORT must not be greater than 65535');
    expect(failure({ DEMO_DATA: 'maybe' })).toBe('Invalid configuration: DEMO_DATA="maybe": DEMO_DATA must be a boolean value');
  });

  it.each(['DATABASE_URL', 'JWT_SECRET', 'ADMIN_PASSWORD'] as const)('in production requires %s', (key) => {
    const env: Record<string, string> = { ...PROD };
    delete env[key];
    expect(failure(env)).toBe(`Invalid configuration: ${key} is required when NODE_ENV=production`);
  });

  it('accepts a complete production configuration, and refuses demo data there', () => {
    expect(failure(PROD)).toBeNull();
    expect(loadConfig(PROD).demoData).toBe(false);
    expect(failure({ ...PROD, DEMO_DATA: 'true' })).toBe('Invalid configuration: DEMO_DATA must be off when NODE_ENV=production');
  });

  it('ignores variables it does not know', () => {
    expect(failure({ SOMETHING_ELSE: '!!' })).toBeNull();
  });
});

describe('resolveJwtSecret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rshn-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates the secret once into the data folder and reuses it', () => {
    const config = loadConfig({ DATA_DIR: join(dir, 'nested', 'data') });
    const first = resolveJwtSecret(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, 'nested', 'data', 'jwt-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveJwtSecret(loadConfig({ DATA_DIR: join(dir, 'nested', 'data') }))).toBe(first);
  });

  it('uses JWT_SECRET when set, writing nothing', () => {
    const secret = 's'.repeat(32);
    expect(resolveJwtSecret(loadConfig({ DATA_DIR: dir, JWT_SECRET: secret }))).toBe(secret);
    expect(() => statSync(join(dir, 'jwt-secret'))).toThrow();
  });
});
