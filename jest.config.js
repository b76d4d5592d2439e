/**
 * One Jest run: unit tests of pure domain functions and integration tests against a real
 * PostgreSQL 15 that test/setup/global-setup.ts starts (one cluster, one migrated template
 * database, a fresh clone per test file).
 */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // NestJS 12 ships ESM only: Jest on Node 20 must transform it (stack.md).
  transform: {
    '^.+\\.ts$': swc,
    'node_modules/@nestjs/.+\\.js$': swc,
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
};

module.exports = {
  // "api": unit and integration tests; "e2e": the web app in headless Chromium against the real
  // service on the Chiêm Hóa demo (web/README.md). `npm test` runs both, then Vitest.
  projects: [
    {
      ...base,
      displayName: 'api',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.spec\\.ts$'],
    },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.spec.ts'] },
  ],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
