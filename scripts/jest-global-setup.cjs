// Builds the CLI bundle, the dashboard script and the task pane once before any suite runs: suites that need the
// built files (CLI, browser) would otherwise build in parallel workers and could read a half-written bundle.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  const root = join(__dirname, '..');
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  if (build.status !== 0) throw new Error(`scripts/build.mjs failed:\n${build.stderr || build.stdout}`);
};
