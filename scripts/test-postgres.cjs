// A private, throwaway PostgreSQL cluster for the tests (issue #13): initdb into a fresh temporary directory, the
// server listening on a Unix socket there and on 127.0.0.1 at a free port, trust authentication, database `svod_test`.
// Used by the jest global setup when SVOD_TEST_DATABASE_URL is not set; `node scripts/test-postgres.cjs` starts one by
// hand, prints its URL and keeps it until SIGTERM/SIGINT.
const { execFileSync, spawn } = require('node:child_process');
const { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const DATABASE = 'svod_test';
const START_TIMEOUT_MS = 30_000;

/** The directory of initdb and postgres: the newest Debian cluster version, else what pg_config says. */
function binDir() {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(debian, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return join(debian, versions[0], 'bin');
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  } catch {
    // no pg_config: fall through to the message below
  }
  throw new Error(
    'No PostgreSQL server binaries (initdb, postgres) found: install Debian\'s `postgresql` package (apt-get install postgresql) ' +
      'or set SVOD_TEST_DATABASE_URL to a database the tests may use.',
  );
}

/** initdb and postgres refuse to run as root: as root they run as the `postgres` user the Debian package creates. */
function asServerUser(command, args) {
  if (process.getuid?.() !== 0) return [command, args];
  return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

function serverUserIds() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('Running as root, but there is no `postgres` user to run the test cluster as: install Debian\'s `postgresql` package.');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args, options = {}) {
  const [cmd, argv] = asServerUser(command, args);
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the cluster. Gives its URL (TCP, 127.0.0.1), its socket directory, and `stop()`, which shuts it down fast and
 * removes its directory.
 */
async function start() {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'svod-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = serverUserIds();
    chownSync(dir, uid, gid);
  }
  let server = null;
  let onExit = null;
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    // C locale: ordering and case rules the same on every machine; --no-sync: a throwaway cluster.
    run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    const port = await freePort();
    const [cmd, argv] = asServerUser(join(bin, 'postgres'), [
      '-D', data,
      '-k', dir,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=200',
      '-c', 'logging_collector=off',
    ]);
    server = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    server.stderr.on('data', (chunk) => {
      log = (log + chunk).slice(-8000);
    });
    const exited = new Promise((resolve) => server.once('exit', resolve));
    // The cluster does not keep its starter alive (jest exits when its work is done); if the starter exits without
    // stop(), the server is killed and its directory removed with it.
    server.unref();
    server.stderr.unref();
    const started = server;
    onExit = () => {
      try {
        process.kill(postmasterPid(data) ?? started.pid, 'SIGQUIT');
      } catch {
        // already gone
      }
      cleanup();
    };
    process.once('exit', onExit);
    await waitUntilReady(bin, dir, port, exited, () => log);
    run(join(bin, 'psql'), ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${DATABASE}`]);
    const url = `postgres://postgres@127.0.0.1:${port}/${DATABASE}`;
    let stopping = null;
    return {
      url,
      socketDir: dir,
      stop() {
        stopping ??= (async () => {
          process.off('exit', onExit);
          await shutDown(data, server, exited);
          cleanup();
        })();
        return stopping;
      },
    };
  } catch (e) {
    if (onExit) process.off('exit', onExit);
    if (server) await shutDown(data, server, new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve))));
    cleanup();
    throw e;
  }
}

async function waitUntilReady(bin, socketDir, port, exited, log) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`The test PostgreSQL server exited while starting:\n${log()}`);
    try {
      execFileSync(join(bin, 'pg_isready'), ['-q', '-h', socketDir, '-p', String(port)], { stdio: 'ignore' });
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`The test PostgreSQL server did not start within ${START_TIMEOUT_MS / 1000} s:\n${log()}`);
}

function postmasterPid(data) {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Fast shutdown (SIGINT to the postmaster: open sessions are ended, not waited for). The signal goes to the postmaster
 * itself, by its pid file: runuser in between would turn it into SIGTERM, a shutdown that waits for every client.
 */
async function shutDown(data, server, exited) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const pid = postmasterPid(data) ?? server.pid;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    // already gone
  }
  // A timer of its own, cleared once the server is gone: a pending one would keep jest's process alive for 15 s.
  let timer;
  const timeout = new Promise((ok) => (timer = setTimeout(() => ok('timeout'), 15_000)));
  const outcome = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    try {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown: a throwaway cluster needs no checkpoint
    } catch {
      // already gone
    }
    await exited;
  }
}

module.exports = { start };

if (require.main === module) {
  start().then(
    (cluster) => {
      process.stdout.write(`${cluster.url}\n`);
      const alive = setInterval(() => undefined, 1 << 30); // the cluster itself does not hold the process
      const stop = () => cluster.stop().then(() => (clearInterval(alive), process.exit(0)));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (e) => {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    },
  );
}
