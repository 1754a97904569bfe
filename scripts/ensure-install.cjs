#!/usr/bin/env node
// `prestart` and `pretest`: installs the dependencies (`npm ci`) when they are missing or older than
// package-lock.json, so `npm start` and `npm test` work on a fresh clone; otherwise returns at once.
// Only Node's own modules: node_modules may not exist yet. CommonJS, so jest can load the decision function as it is.
//
//   node scripts/ensure-install.cjs           install if needed
//   node scripts/ensure-install.cjs --record  from `prepare`, which `npm ci` and `npm install` run once they are
//                                             done: remembers which package-lock.json the installed tree comes from
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** Written by `--record`: the sha256 of the package-lock.json the installed tree was installed from. */
const STAMP = '.svod-installed-lock';
/** Set for the `npm ci` this script starts: a nested start of the script returns at once (no recursion). */
const GUARD = 'SVOD_ENSURE_INSTALL_RUNNING';

function lockHash(root) {
  return createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
}

/**
 * Whether `npm ci` must run in `root`, and why (a Russian sentence), or null when the installed tree is current.
 * npm writes node_modules/.package-lock.json on every install (`npm ci` leaves package-lock.json alone), so a
 * package-lock.json newer than it has changed since (a pull, a checkout). `npm install` writes package-lock.json
 * after it, though: the stamp `--record` leaves from `prepare` tells that lock apart from a changed one.
 */
function installNeeded(root) {
  const lock = join(root, 'package-lock.json');
  if (!existsSync(lock)) return null; // nothing to install from; npm itself will say what is wrong
  const modules = join(root, 'node_modules');
  if (!existsSync(modules)) return 'зависимости ещё не установлены (нет каталога node_modules)';
  const installed = join(modules, '.package-lock.json');
  if (!existsSync(installed)) return 'node_modules установлен не через npm ci (нет node_modules/.package-lock.json)';
  if (statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return null;
  const stamp = join(modules, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockHash(root)) return null;
  return 'package-lock.json изменился после установки зависимостей';
}

/** Remembers the current package-lock.json as the one node_modules was installed from. */
function recordInstall(root) {
  const modules = join(root, 'node_modules');
  if (existsSync(modules) && existsSync(join(root, 'package-lock.json'))) writeFileSync(join(modules, STAMP), `${lockHash(root)}\n`);
}

function main() {
  const root = join(__dirname, '..');
  if (process.argv.includes('--record')) {
    // Only from an install (`npm run prepare` by hand installs nothing).
    if (process.env.npm_command === 'ci' || process.env.npm_command === 'install') recordInstall(root);
    return;
  }
  if (process.env[GUARD]) return;
  const reason = installNeeded(root);
  if (!reason) return;
  process.stderr.write(`Svod: ${reason}. Устанавливаю их: npm ci (несколько минут при первом запуске)…\n`);
  // Under `npm run`, npm_execpath is the npm that runs us: the same one installs.
  const npm = process.env.npm_execpath;
  const env = { ...process.env, [GUARD]: '1' };
  const args = ['ci', '--no-audit', '--no-fund'];
  const result = npm && /\.[cm]?js$/.test(npm)
    ? spawnSync(process.execPath, [npm, ...args], { cwd: root, env, stdio: 'inherit' })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    process.stderr.write(`Svod: npm ci не удался${result.error ? ` (${result.error.message})` : ''}. Исправьте ошибку выше и запустите команду снова.\n`);
    process.exit(result.status || 1);
  }
}

module.exports = { installNeeded, recordInstall, STAMP };

if (require.main === module) main();
