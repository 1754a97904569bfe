import { close, fsync, open, readFile, write } from 'node:fs';
import { mkdir, readdir, rename, stat, truncate, unlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/** The few things the store does with an open file. Node's FileHandle is one. */
export interface StoreFile {
  /** All of it, from the current position (the end, for a file opened to append). */
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every file-system call the store makes goes through this facade, so a test can put a fault-injecting one under a
 * real store (failed write, fsync, rename, a full disk) without patching Node's own modules.
 */
export interface StoreFs {
  open(path: string, flags: string, mode?: number): Promise<StoreFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string, options: { recursive: true; mode?: number }): Promise<string | undefined>;
  stat(path: string): Promise<Stats>;
  truncate(path: string, length: number): Promise<void>;
}

/** A Node callback call as a promise. */
function call<T>(run: (done: (e: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => run((e, value) => (e ? reject(e) : resolve(value))));
}

/**
 * A file as a bare descriptor over the callback API: a submission makes some twenty of these calls, and a
 * `FileHandle` (fs/promises) costs the main thread about half as much again per call as the callback it wraps.
 */
function openFile(path: string, flags: string, mode?: number): Promise<StoreFile> {
  return call<number>((done) => open(path, flags, mode, done)).then((fd) => {
    let closed = false;
    return {
      async writeFile(data) {
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        // write() may write less than asked (a full disk, a signal): loop until every byte is there.
        for (let at = 0; at < bytes.length; ) {
          const n = await call<number>((done) => write(fd, bytes, at, bytes.length - at, null, done));
          if (n <= 0) throw Object.assign(new Error(`write to ${path} made no progress`), { code: 'EIO' });
          at += n;
        }
      },
      sync: () => call<void>((done) => fsync(fd, done)),
      // Once only: a descriptor closed twice may by then be another file's.
      close: () => (closed ? Promise.resolve() : ((closed = true), call<void>((done) => close(fd, done)))),
    };
  });
}

export const nodeFs: StoreFs = {
  open: openFile,
  rename,
  unlink,
  readFile: (path) => call<Buffer>((done) => readFile(path, done)),
  readdir: (path) => readdir(path),
  mkdir,
  stat: (path) => stat(path),
  truncate,
};

/** The store could not put something on disk (write, fsync, rename, full disk). Nothing of it is acknowledged. */
export class StorageError extends Error {
  readonly status = 503;
  readonly code = 'storage-failed';
  constructor(
    /** What was being saved, for the log. */
    readonly what: string,
    cause: unknown,
    /** Where the data lives, for the client's sentence: the server's disk, or its database. */
    where: 'disk' | 'database' = 'disk',
  ) {
    super(
      where === 'disk'
        ? 'Не удалось сохранить данные на диске сервера, попробуйте ещё раз через несколько минут. Если ошибка повторится, сообщите администратору сервера.'
        : 'База данных сервера сейчас не отвечает, попробуйте ещё раз через несколько минут. Если ошибка повторится, сообщите администратору сервера.',
      { cause },
    );
  }

  /** The underlying system error code (EIO, ENOSPC, …), for the log. */
  get systemCode(): string | undefined {
    return (this.cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

export function errnoCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}
