import { mkdir, open, readFile, readdir, rename, stat, truncate, unlink } from 'node:fs/promises';
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

export const nodeFs: StoreFs = {
  open: (path, flags, mode) => open(path, flags, mode),
  rename,
  unlink,
  readFile: (path) => readFile(path),
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
  ) {
    super('Не удалось сохранить данные на диске сервера, попробуйте ещё раз через несколько минут. Если ошибка повторится, сообщите администратору сервера.', { cause });
  }

  /** The underlying system error code (EIO, ENOSPC, …), for the log. */
  get systemCode(): string | undefined {
    return (this.cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

export function errnoCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}
