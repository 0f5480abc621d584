import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { parseDatabaseUrl, PROJECT_ROOT } from './url.ts';

/**
 * Backups of Setu's database, taken while Setu runs, and their restore.
 * SQLite: SQLite's own online backup (a consistent copy while turns go on,
 * through better-sqlite3). PostgreSQL: `pg_dump` in its custom format and
 * `pg_restore` (Debian's postgresql-client). Sealed columns stay sealed in a
 * backup: restoring it is useful only with the same data key (SETU_DATA_KEY
 * or the key file in SETU_DATA_DIR), which is backed up apart from it.
 */

export interface BackupResult {
  file: string;
  bytes: number;
}

/** Writes a backup of the database at `url` to `file` (replaced if it exists). */
export async function backupDatabase(url: string, file: string, root: string = PROJECT_ROOT): Promise<BackupResult> {
  const target = parseDatabaseUrl(url, root);
  if (target.provider === 'sqlite') {
    if (!existsSync(target.file)) throw new Error(`no SQLite database at ${target.file}`);
    const db = new Database(target.file, { readonly: true, fileMustExist: true });
    try {
      // Into a neighbour first: a backup cut short never stands where a good one is expected.
      const partial = `${file}.partial`;
      await db.backup(partial);
      renameSync(partial, file);
    } finally {
      db.close();
    }
  } else {
    execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${target.url}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  return { file, bytes: statSync(file).size };
}

/**
 * Puts a backup back as the database at `url`. SQLite: the file replaces the
 * database (Setu must be stopped: a running process would keep writing to the
 * old one); its journal files are removed. PostgreSQL: `pg_restore --clean`
 * into the database (objects in the backup are dropped and made again).
 */
export function restoreDatabase(url: string, file: string, root: string = PROJECT_ROOT): void {
  if (!existsSync(file)) throw new Error(`no backup at ${file}`);
  const target = parseDatabaseUrl(url, root);
  if (target.provider === 'sqlite') {
    // A file that is not a SQLite database with Setu's migrations is refused before anything is replaced.
    const check = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const found = check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'Case'").get() as { n: number } | undefined;
      if (!found || found.n !== 1) throw new Error(`${file} is not a backup of Setu's database`);
    } finally {
      check.close();
    }
    const incoming = `${target.file}.restoring`;
    copyFileSync(file, incoming);
    for (const extra of ['-wal', '-shm', '-journal']) rmSync(`${target.file}${extra}`, { force: true });
    renameSync(incoming, target.file);
    return;
  }
  execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${target.url}`, file], { stdio: ['ignore', 'ignore', 'pipe'] });
}
