import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { isErrno } from './errno.ts';

/*
 * The database and the key are readable by Setu's own user only. better-sqlite3
 * creates a database with the process umask (0644 on most systems); SQLite then
 * gives its -wal and -shm files the database file's own mode, so a database
 * created 0600 keeps all three private, whatever the umask.
 */

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Something whose mode was wider than Setu wants and was narrowed (for the start-up log). */
export interface Tightened {
  path: string;
  from: string;
  to: string;
}

const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`;

/** Narrows `path` to `mode` when group or others may read, write or enter it; a missing path is left alone. */
export function tighten(path: string, mode: number): Tightened | null {
  let current: number;
  try {
    current = statSync(path).mode & 0o777;
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return null;
    throw e;
  }
  if ((current & ~mode) === 0) return null;
  chmodSync(path, mode);
  return { path, from: octal(current), to: octal(mode) };
}

/**
 * Setu's own data folder: created 0700, and narrowed to 0700 when it exists
 * wider. Only for folders that belong to Setu: never call it on a shared
 * folder such as /tmp.
 */
export function ensurePrivateDir(dir: string): Tightened | null {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  return tighten(dir, PRIVATE_DIR);
}

/**
 * A SQLite database and its -wal/-shm: the file is created empty with 0600
 * before SQLite opens it (an empty file is a valid new database), so it never
 * exists with a wider mode; files already there are narrowed to 0600. The
 * folder is created 0700 when missing; an existing folder is not changed, as
 * it may be shared.
 */
export function preparePrivateDatabase(file: string, folder: string): Tightened[] {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR });
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE));
  } catch (e) {
    if (!isErrno(e, 'EEXIST')) throw e;
  }
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].flatMap((p) => tighten(p, PRIVATE_FILE) ?? []);
}
