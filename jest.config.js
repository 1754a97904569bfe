/** One jest run for every workspace; TypeScript via @swc/jest (about 10x faster than ts-jest). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  // Integration suites parse real workbooks in worker threads on a 2-core machine; 5 s is too tight under load.
  testTimeout: 30_000,
  globalSetup: '<rootDir>/scripts/jest-global-setup.cjs',
  transform: { '^.+\\.(t|j)sx?$': swc },
  // ESM-only packages (lowdb, steno, some Office tooling) must be transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno)/)'],
  testMatch: ['<rootDir>/**/*.test.ts', '<rootDir>/**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: {
    '^@svod/shared$': '<rootDir>/shared/src/index.ts',
    '^@svod/shared/(.*)$': '<rootDir>/shared/src/$1/index.ts',
    // office-addin-mock requires office-addin-manifest, whose dependencies are ESM-only: a stub with its `OfficeApp`.
    '^office-addin-manifest$': '<rootDir>/tests/fakes/office-addin-manifest-stub.ts',
  },
};
