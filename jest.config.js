/** One jest run for every workspace; TypeScript via @swc/jest (about 10x faster than ts-jest). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }];

const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  // ESM-only packages (lowdb, steno, some Office tooling) must be transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno)/)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: {
    '^@svod/shared$': '<rootDir>/shared/src/index.ts',
    '^@svod/shared/(.*)$': '<rootDir>/shared/src/$1/index.ts',
    // office-addin-mock requires office-addin-manifest, whose dependencies are ESM-only: a stub with its `OfficeApp`.
    '^office-addin-manifest$': '<rootDir>/tests/fakes/office-addin-manifest-stub.ts',
  },
};

/**
 * The server suites that go through the store, run a second time on PostgreSQL (issue #13): the same tests, the
 * same expectations, the other store. Suites of the lowdb store's own mechanics (its lock, group commit, file faults,
 * backup of the data directory) run once; PostgreSQL's own are in postgres-*.test.ts.
 */
const ON_BOTH_STORES = [
  'access-matrix',
  'annotated',
  'answer-groups',
  'bad-uploads',
  'columns',
  'contracts/municipalities',
  'contracts/openapi',
  'flow',
  'google/errors',
  'google/publish',
  'google/pull',
  'google/schedule',
  'google/schedule-stop',
  'idempotency',
  'ods-upload',
  'portal-routes',
  'rate-limit',
  'regional-trust',
  'regions',
  'returns',
  'roles',
  'roundtrip',
  'security',
  'submission-check',
  'workbook/merge-incremental-server',
];

module.exports = {
  // Builds the bundles once, and starts a throwaway PostgreSQL when SVOD_TEST_DATABASE_URL is not set.
  globalSetup: '<rootDir>/scripts/jest-global-setup.cjs',
  globalTeardown: '<rootDir>/scripts/jest-global-teardown.cjs',
  projects: [
    {
      ...base,
      displayName: 'all',
      testMatch: ['<rootDir>/**/*.test.ts', '<rootDir>/**/*.test.tsx'],
    },
    {
      ...base,
      displayName: 'server-postgres',
      testMatch: ON_BOTH_STORES.map((name) => `<rootDir>/sync-server/test/${name}.test.ts`),
      setupFiles: ['<rootDir>/scripts/jest-postgres-project.cjs'],
    },
  ],
  // Integration suites parse real workbooks in worker threads on a 2-core machine; 5 s is too tight under load.
  testTimeout: 30_000,
};
