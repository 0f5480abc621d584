import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { z } from 'zod';
import { layout, readMigrations, type MigrationFile } from './migrate/layout.ts';
import { ensureSqliteDir, parseDatabaseUrl, PROJECT_ROOT } from './url.ts';

/**
 * Applies committed migrations at start, without Prisma's native engine: the
 * same `_prisma_migrations` table and checksums Prisma writes, so
 * `prisma migrate deploy` elsewhere agrees with what ran here.
 * Safe when two processes start at once (SQLite: BEGIN IMMEDIATE;
 * PostgreSQL: an advisory lock), and refuses to run on a database whose
 * applied migrations were edited, failed half-way, or are unknown to this code.
 */

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** An arbitrary constant: the advisory lock all Setu processes take while migrating. */
const PG_LOCK_KEY = 7_305_310;

const AppliedRows = z.array(z.object({ migration_name: z.string(), checksum: z.string(), finished_at: z.unknown() }));
type AppliedRow = z.infer<typeof AppliedRows>[number];
const SELECT_APPLIED = `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`;

/** What to apply, after checking that the recorded history matches the files. */
export function plan(files: MigrationFile[], rows: AppliedRow[]): MigrationFile[] {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of rows) {
    const file = byName.get(row.migration_name);
    if (row.finished_at === null) {
      throw new Error(`migration ${row.migration_name} failed part-way earlier; repair the database, then mark it rolled back`);
    }
    if (file === undefined) throw new Error(`the database has migration ${row.migration_name}, which this version of Setu does not know (is the code older than the database?)`);
    if (file.checksum !== row.checksum) throw new Error(`migration ${row.migration_name} was edited after it was applied; restore the committed file`);
  }
  const done = new Set(rows.map((r) => r.migration_name));
  return files.filter((f) => !done.has(f.name));
}

export async function applyPendingMigrations(url: string, root: string = PROJECT_ROOT): Promise<{ applied: string[] }> {
  const target = parseDatabaseUrl(url, root);
  if (target.provider === 'sqlite') return { applied: migrateSqlite(target.file, readMigrations(layout('sqlite', root).migrations)) };
  return { applied: await migratePostgres(target.url, readMigrations(layout('postgresql', root).migrations)) };
}

export async function migrationStatus(url: string, root: string = PROJECT_ROOT): Promise<MigrationStatus> {
  const target = parseDatabaseUrl(url, root);
  const files = readMigrations(layout(target.provider, root).migrations);
  let rows: AppliedRow[];
  if (target.provider === 'sqlite') {
    if (!existsSync(target.file)) {
      rows = [];
    } else {
      const db = new Database(target.file, { readonly: true, timeout: 5000 });
      try {
        const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
        rows = exists ? AppliedRows.parse(db.prepare(SELECT_APPLIED).all()) : [];
      } finally {
        db.close();
      }
    }
  } else {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`);
      rows = exists.rows[0]?.t ? AppliedRows.parse((await client.query(SELECT_APPLIED)).rows) : [];
    } finally {
      await client.end();
    }
  }
  const pending = plan(files, rows).map((f) => f.name);
  return { applied: rows.map((r) => r.migration_name), pending };
}

/** Exported for the drift check, which replays migrations into a scratch database. */
export function migrateSqlite(file: string, files: MigrationFile[]): string[] {
  ensureSqliteDir(file);
  const db = new Database(file, { timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    // Prisma's table redefinitions turn foreign keys off around the copy, which
    // SQLite ignores inside a transaction: turn them off here and check them
    // before committing instead.
    db.pragma('foreign_keys = OFF');
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(SQLITE_TABLE);
      const rows = AppliedRows.parse(db.prepare(SELECT_APPLIED).all());
      const todo = plan(files, rows);
      const record = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
      );
      for (const m of todo) {
        const started = Date.now();
        db.exec(m.sql);
        record.run(randomUUID(), m.checksum, m.name, started, Date.now());
      }
      const broken = db.prepare('PRAGMA foreign_key_check').all();
      if (broken.length > 0) throw new Error(`migrations ${todo.map((m) => m.name).join(', ')} leave rows that break foreign keys: ${JSON.stringify(broken.slice(0, 5))}`);
      db.exec('COMMIT');
      return todo.map((m) => m.name);
    } catch (err) {
      // Some errors end the transaction on their own; keep the original error either way.
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    db.close();
  }
}

export async function migratePostgres(url: string, files: MigrationFile[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [PG_LOCK_KEY]);
      await client.query(PG_TABLE);
      const rows = AppliedRows.parse((await client.query(SELECT_APPLIED)).rows);
      const todo = plan(files, rows);
      for (const m of todo) {
        const started = new Date();
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), 1)`,
          [randomUUID(), m.checksum, m.name, started],
        );
      }
      await client.query('COMMIT');
      return todo.map((m) => m.name);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await client.end();
  }
}
