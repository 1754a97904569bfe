import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// CommonJS with no dependencies (it runs before node_modules exists), so it is required as it is.
const ensure = require('../../scripts/ensure-install.cjs') as {
  installNeeded(root: string): string | null;
  recordInstall(root: string): void;
  STAMP: string;
};
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'ensure-install.cjs');

describe('npm start and npm test install what is missing (scripts/ensure-install.cjs)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const earlier = new Date('2026-01-01T10:00:00Z');
  const later = new Date('2026-01-01T10:05:00Z');
  /** A project with a package-lock.json written at `lockTime`, and node_modules installed at `installedTime`. */
  const project = (lockTime: Date, installed?: { at: Date; hidden?: boolean }) => {
    const root = mkdtempSync(join(tmpdir(), 'svod-ensure-'));
    dirs.push(root);
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n');
    utimesSync(join(root, 'package-lock.json'), lockTime, lockTime);
    if (installed) {
      mkdirSync(join(root, 'node_modules'));
      if (installed.hidden !== false) {
        writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{}\n');
        utimesSync(join(root, 'node_modules', '.package-lock.json'), installed.at, installed.at);
      }
    }
    return root;
  };

  it('installs on a fresh clone: no node_modules', () => {
    expect(ensure.installNeeded(project(earlier))).toMatch(/нет каталога node_modules/);
  });

  it('installs when node_modules was not written by npm (no node_modules/.package-lock.json)', () => {
    expect(ensure.installNeeded(project(earlier, { at: later, hidden: false }))).toMatch(/node_modules\/\.package-lock\.json/);
  });

  it('installs when package-lock.json is newer than the installed tree (a pull changed it)', () => {
    expect(ensure.installNeeded(project(later, { at: earlier }))).toMatch(/package-lock\.json изменился/);
  });

  it('does nothing when the installed tree is as new as package-lock.json or newer (after npm ci)', () => {
    expect(ensure.installNeeded(project(earlier, { at: later }))).toBeNull();
    expect(ensure.installNeeded(project(later, { at: later }))).toBeNull();
  });

  it('does nothing after `npm install`, which writes package-lock.json after the tree, once prepare recorded it', () => {
    const root = project(later, { at: earlier });
    ensure.recordInstall(root);
    expect(ensure.installNeeded(root)).toBeNull();
    // The lock then changes (a pull): the record no longer matches.
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{"node_modules/x":{}}}\n');
    expect(ensure.installNeeded(root)).toMatch(/package-lock\.json изменился/);
  });

  describe('run as prestart / pretest, with Node alone', () => {
    /** `project()` with the script copied into its scripts/, and a fake npm that records how it was called. */
    const withScript = (root: string) => {
      mkdirSync(join(root, 'scripts'));
      copyFileSync(SCRIPT, join(root, 'scripts', 'ensure-install.cjs'));
      const fakeNpm = join(root, 'fake-npm-cli.js');
      writeFileSync(fakeNpm, `require('fs').writeFileSync(${JSON.stringify(join(root, 'npm-called.json'))}, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), guard: process.env.SVOD_ENSURE_INSTALL_RUNNING }));\n`);
      const run = (env: Record<string, string> = {}) =>
        spawnSync(process.execPath, [join(root, 'scripts', 'ensure-install.cjs')], { encoding: 'utf8', env: { ...process.env, npm_execpath: fakeNpm, ...env }, timeout: 10_000 });
      return { run, called: () => (existsSync(join(root, 'npm-called.json')) ? JSON.parse(readFileSync(join(root, 'npm-called.json'), 'utf8')) : null) };
    };

    it('returns at once, starting no npm, when the tree is current', () => {
      const { run, called } = withScript(project(earlier, { at: later }));
      const result = run();
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('');
      expect(called()).toBeNull();
    });

    it('runs `npm ci` with the npm that started it, in the project, guarded against recursion', () => {
      const root = project(earlier);
      const { run, called } = withScript(root);
      const result = run();
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/^Svod: зависимости ещё не установлены \(нет каталога node_modules\)\. Устанавливаю их: npm ci/);
      expect(called()).toEqual({ args: ['ci', '--no-audit', '--no-fund'], cwd: realpathSync(root), guard: '1' });
    });

    it('does nothing when started from its own npm ci', () => {
      const { run, called } = withScript(project(earlier));
      expect(run({ SVOD_ENSURE_INSTALL_RUNNING: '1' }).status).toBe(0);
      expect(called()).toBeNull();
    });
  });
});
