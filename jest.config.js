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

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // NestJS 12 ships ESM only: Jest on Node 20 must transform it (stack.md).
  transform: {
    '^.+\\.ts$': swc,
    'node_modules/@nestjs/.+\\.js$': swc,
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
