// Builds the CLI bundle, the dashboard script and the task pane once before any suite runs: suites that need the
// built files (CLI, browser) would otherwise build in parallel workers and could read a half-written bundle. Then
// the database of the PostgreSQL suites: SVOD_TEST_DATABASE_URL when set (CI starts Debian's server), otherwise a
// throwaway cluster of this run's own (scripts/test-postgres.cjs), stopped by the global teardown. Workers are started
// after this, so they see the variable.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  const root = join(__dirname, '..');
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  if (build.status !== 0) throw new Error(`scripts/build.mjs failed:\n${build.stderr || build.stdout}`);
  if (!process.env.SVOD_TEST_DATABASE_URL) {
    const cluster = await require('./test-postgres.cjs').start();
    process.env.SVOD_TEST_DATABASE_URL = cluster.url;
    globalThis.__svodPostgres = cluster;
  }
};
