/**
 * A file system for the store that fails when told to: the seam is `openStore(dir, now, { fs })`, so the store under
 * test is the real one and Node's own `fs` is left alone.
 */
import type { StoreFile, StoreFs } from '../src/store/fs';
import { nodeFs } from '../src/store/fs';

export type FaultOp = 'open' | 'write' | 'fsync' | 'rename' | 'mkdir';

export interface FaultRule {
  op: FaultOp;
  /** Only calls on paths matching this (the temp file's path for writes and fsyncs, the source for renames). */
  path?: RegExp;
  code: 'EIO' | 'ENOSPC' | 'EROFS' | 'EDQUOT';
  /** How many times it fires; forever when absent. */
  times?: number;
  /** Matching calls let through before it fires. */
  skip?: number;
  /** For writes: half the bytes reach the file before the failure, as on a disk that fills up mid-write. */
  partial?: boolean;
  /** Fires on a matching call with this probability (a seeded `random` is required then). */
  probability?: number;
}

interface ActiveRule extends FaultRule {
  seen: number;
  fired: number;
}

export function fault(code: string, op: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected ${op} fault, '${path}'`), { code, syscall: op, path });
}

const WRITING_FLAGS = /[wax+]/;

export class FaultyFs implements StoreFs {
  private rules: ActiveRule[] = [];
  /** Faults fired so far. */
  injected = 0;
  /** Every call the store made: which operation on which path. */
  readonly calls: Array<{ op: FaultOp | 'read'; path: string }> = [];
  private gates: Array<{ op: FaultOp; path: RegExp; open: Promise<void>; arrive: () => unknown }> = [];

  constructor(
    private readonly random: () => number = Math.random,
    private readonly real: StoreFs = nodeFs,
  ) {}

  inject(rule: FaultRule): this {
    this.rules.push({ ...rule, seen: 0, fired: 0 });
    return this;
  }

  /** The disk works again. */
  clear(): void {
    this.rules = [];
  }

  /**
   * Holds calls of `op` on matching paths until `release()`; `reached` resolves once `count` of them (1 unless told)
   * are held. For catching the store in the middle of a write, or several writers at one moment.
   */
  gate(op: FaultOp, path: RegExp, count = 1): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let reached!: () => void;
    const open = new Promise<void>((ok) => (release = ok));
    const wait = new Promise<void>((ok) => (reached = ok));
    let held = 0;
    const gate = { op, path, open, arrive: () => ++held >= count && reached() };
    this.gates.push(gate);
    return {
      reached: wait,
      release: () => {
        this.gates = this.gates.filter((g) => g !== gate);
        release();
      },
    };
  }

  private async check(op: FaultOp, path: string): Promise<ActiveRule | null> {
    this.calls.push({ op, path });
    for (const gate of this.gates) {
      if (gate.op === op && gate.path.test(path)) {
        gate.arrive();
        await gate.open;
      }
    }
    for (const rule of this.rules) {
      if (rule.op !== op || (rule.path && !rule.path.test(path))) continue;
      rule.seen++;
      if (rule.seen <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.fired++;
      this.injected++;
      return rule;
    }
    return null;
  }

  private async fail(op: FaultOp, path: string): Promise<void> {
    const rule = await this.check(op, path);
    if (rule) throw fault(rule.code, op, path);
  }

  async open(path: string, flags: string, mode?: number): Promise<StoreFile> {
    if (WRITING_FLAGS.test(flags)) await this.fail('open', path);
    const file = await this.real.open(path, flags, mode);
    return {
      writeFile: async (data) => {
        const rule = await this.check('write', path);
        if (!rule) return file.writeFile(data);
        if (rule.partial) {
          const bytes = typeof data === 'string' ? Buffer.from(data) : data;
          await file.writeFile(bytes.subarray(0, Math.floor(bytes.length / 2)));
        }
        throw fault(rule.code, 'write', path);
      },
      sync: async () => {
        await this.fail('fsync', path);
        return file.sync();
      },
      close: () => file.close(),
    };
  }

  async rename(from: string, to: string): Promise<void> {
    await this.fail('rename', from);
    return this.real.rename(from, to);
  }

  async mkdir(path: string, options: { recursive: true; mode?: number }): Promise<string | undefined> {
    await this.fail('mkdir', path);
    return this.real.mkdir(path, options);
  }

  unlink(path: string): Promise<void> {
    return this.real.unlink(path);
  }

  readFile(path: string): Promise<Buffer> {
    this.calls.push({ op: 'read', path });
    return this.real.readFile(path);
  }

  readdir(path: string): Promise<string[]> {
    return this.real.readdir(path);
  }

  stat(path: string) {
    return this.real.stat(path);
  }

  truncate(path: string, length: number): Promise<void> {
    return this.real.truncate(path, length);
  }
}
