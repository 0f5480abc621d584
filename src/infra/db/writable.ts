import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Refuses to open a SQLite database Setu could not write, before anything
 * opens it: SQLite would open it read-only, answer every write with an error,
 * and create its `-wal` and `-shm` files with the database file's (read-only)
 * mode, so that a restart after fixing the file's mode would still fail.
 * @throws naming the path that cannot be written and what to do.
 */
export function assertSqliteWritable(file: string): void {
  const dir = dirname(file);
  const check = (path: string, what: string): void => {
    try {
      accessSync(path, constants.W_OK);
    } catch (err) {
      const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : 'not writable';
      throw new Error(`the SQLite ${what} ${path} cannot be written (${code}); make it writable (or free the disk), then start Setu again`);
    }
  };
  if (existsSync(dir)) check(dir, 'directory');
  for (const [path, what] of [[file, 'database'], [`${file}-wal`, 'write-ahead log'], [`${file}-shm`, 'shared-memory file']] as const) {
    if (existsSync(path)) check(path, what);
  }
}
