/**
 * Jest on native ESM (Nest 12 packages are ESM-only): ts-jest in ESM mode, run with
 * `node --experimental-vm-modules`. Type-checking is `npm run typecheck`, not ts-jest.
 */
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    // @nestjs/throttler ships CommonJS that require()s ESM-only @nestjs/common, which jest's
    // module loader cannot do; test/setup/bundle-throttler.js bundles it to ESM first.
    '^@nestjs/throttler$': '<rootDir>/.test-tmp/throttler.mjs',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
    // Not in `npm test`: several processes under load for minutes (`npm run test:reliability`).
    {
      ...shared,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.rel-spec.ts'],
    },
  ],
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  collectCoverageFrom: [
    'src/**/*.ts',
    '!src/**/*.spec.ts',
    // Pure declarations: decorator metadata, DTO shapes and tokens hold no logic to test.
    '!src/**/dto/**',
    '!src/**/*.dto.ts',
    '!src/**/*.entity.ts',
    '!src/**/*.tokens.ts',
    '!src/**/*.module.ts',
    // Process entry points, exercised by the child-process tests (which jest cannot instrument).
    '!src/main.ts',
    '!src/cli/main.ts',
    '!src/cli/mcp-stdio.ts',
    '!src/worker.ts',
  ],
  coverageThreshold: { global: { lines: 80, statements: 80, branches: 70 } },
  coverageReporters: ['text-summary', 'lcov'],
};
