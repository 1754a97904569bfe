/** `server.lock`: one server per data directory, and a lock left by a killed server never keeps the next one out. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir } from '../src/store/lock';

const onLinux = existsSync('/proc/self/stat');

/** `<boot id>:<start time>` of a process, read here independently of the code under test. */
function startOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  return `${boot}:${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`;
}

function sleeper(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
  return new Promise((ok, fail) => child.once('spawn', () => ok(child)).once('error', fail));
}

describe('the data directory lock', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'svod-lock-'));
  });
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a lock whose process was killed', async () => {
    const child = await sleeper();
    const pid = child.pid!;
    writeFileSync(join(dir, 'server.lock'), String(pid));
    await new Promise((ok) => child.once('exit', ok).kill('SIGKILL'));
    const release = await lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, 'server.lock'), 'utf8')).pid).toBe(process.pid);
    await release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses while the lock’s process runs, with a Russian message naming it', async () => {
    const child = await sleeper();
    children.push(child);
    const content = onLinux ? JSON.stringify({ pid: child.pid, started: startOf(child.pid!) }) : String(child.pid);
    writeFileSync(join(dir, 'server.lock'), content);
    await expect(lockDataDir(dir)).rejects.toThrow(new DataDirLockedError(`Каталог данных ${dir} уже занят сервером Svod (процесс ${child.pid}). Один каталог — один сервер.`));
    expect(readFileSync(join(dir, 'server.lock'), 'utf8')).toBe(content);
  });

  it('refuses a second lock in the same process', async () => {
    const release = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await release();
    await (await lockDataDir(dir))();
  });

  (onLinux ? it : it.skip)('takes over a lock whose pid now belongs to another process (a container restart reuses pids)', async () => {
    const child = await sleeper();
    children.push(child);
    // The dead server had this pid, but started at another time: the running process is not it.
    writeFileSync(join(dir, 'server.lock'), JSON.stringify({ pid: child.pid, started: `${startOf(child.pid!)}0` }));
    const release = await lockDataDir(dir);
    await release();
    // And when the reused pid is this very process's own.
    writeFileSync(join(dir, 'server.lock'), JSON.stringify({ pid: process.pid, started: 'another-boot:1' }));
    await (await lockDataDir(dir))();
    writeFileSync(join(dir, 'server.lock'), String(process.pid)); // a bare pid, as locks were written before
    await (await lockDataDir(dir))();
  });

  it('takes over an empty or unreadable lock, as a server killed while creating it leaves', async () => {
    writeFileSync(join(dir, 'server.lock'), '');
    await (await lockDataDir(dir))();
    writeFileSync(join(dir, 'server.lock'), '{"pid":');
    await (await lockDataDir(dir))();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lets exactly one of several lockers that start at once have the directory', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataDir(dir)));
    const won = results.filter((r): r is PromiseFulfilledResult<() => Promise<void>> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DataDirLockedError);
    await won[0]!.value();
    expect(readdirSync(dir)).toEqual([]);
  });
});
