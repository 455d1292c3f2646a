// Nest 12 is ESM-only, so specs run as ES modules under `node --experimental-vm-modules`
// (see ../shared/brief/TOOLCHAIN.md). Type checking is done once by `tsc --noEmit` in `npm test`,
// so ts-jest only transpiles here (isolatedModules) to keep the run fast on two cores.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@trustwide/common$': '<rootDir>/libs/common/src/index.ts',
    '^@trustwide/common/(.*)$': '<rootDir>/libs/common/src/$1',
    '^@trustwide/contracts$': '<rootDir>/libs/common/src/events/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['reflect-metadata'],
  // The dashboard's browser suites share one platform per run, started on demand (test/global-setup.mjs).
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 120000,
  maxWorkers: 2,
};
