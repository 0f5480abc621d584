import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { migratePostgres, migrateSqlite } from '../migrations.ts';
import { derivedSchemaState, layout, readMigrations, type Provider } from './layout.ts';
import { parseDatabaseUrl } from '../url.ts';
import { createSchemaEngine } from './wasmEngine.ts';

/** Where scratch PostgreSQL databases are created (needs CREATEDB); these machines' server by default. */
export const DEFAULT_PG_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The server for scratch PostgreSQL databases: the option, else POSTGRES_ADMIN_URL, else the default. */
export function pgAdminUrl(given?: string): string {
  return given ?? process.env.POSTGRES_ADMIN_URL ?? DEFAULT_PG_ADMIN_URL;
}

const FILTERS = { externalTables: [], externalEnums: [] };

/**
 * The engine never closes the connections it opens (Prisma Client would then
 * meet SQLITE_BUSY), so every connection is tracked and disposed at the end.
 * On PostgreSQL its catalogue queries return the internal "char" type
 * (oid 18), which adapter-pg cannot map: it is reported as text (oid 25).
 */
class TrackedFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider;
  readonly adapterName;
  private readonly open: SqlDriverAdapter[] = [];

  constructor(
    private readonly inner: SqlMigrationAwareDriverAdapterFactory,
    private readonly charAsText: boolean,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.inner.connect();
    if (this.charAsText) patchCharColumns(adapter);
    this.open.push(adapter);
    return adapter;
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return Promise.reject(new Error('scratch databases are made by drift.ts, not by the adapter'));
  }

  async disposeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((a) => a.dispose()));
  }
}

interface PgIO {
  performIO(query: unknown): Promise<{ fields: Array<{ dataTypeID: number }> }>;
}

function patchCharColumns(adapter: SqlDriverAdapter): void {
  const io = adapter as unknown as PgIO;
  const original = io.performIO.bind(adapter);
  io.performIO = async (query) => {
    const result = await original(query);
    for (const f of result.fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return result;
  };
}

/**
 * The SQL that would take a database built from the committed migrations to
 * the schema file: empty when they agree. Replays the migrations into a
 * scratch database and asks Prisma's (WebAssembly) schema engine for the diff.
 */
export async function pendingSchemaChange(provider: Provider, opts: { root?: string; pgAdminUrl?: string } = {}): Promise<string> {
  const paths = layout(provider, opts.root);
  const schema = readFileSync(paths.schema, 'utf8');
  const migrations = readMigrations(paths.migrations);
  return withScratchDatabase(provider, pgAdminUrl(opts.pgAdminUrl), async (factory, prepare) => {
    await prepare(migrations);
    const { engine, explain } = await createSchemaEngine({ path: paths.schema, content: schema }, factory);
    try {
      const files = [{ path: paths.schema, content: schema }];
      const out = await engine.diff({ from: { tag: 'schemaDatasource', files, configDir: dirname(paths.schema) }, to: { tag: 'schemaDatamodel', files }, script: true, exitCode: true, filters: FILTERS });
      return out.exitCode === 0 ? '' : (out.stdout ?? '');
    } catch (err) {
      throw explain(err);
    } finally {
      engine.free();
    }
  });
}

/** Writes `<timestamp>_<name>/migration.sql` when the schema has changed; returns its folder name, or null for no change. */
export async function createMigration(provider: Provider, name: string, now: Date, opts: { root?: string; pgAdminUrl?: string } = {}): Promise<string | null> {
  return writeMigration(provider, name, now, await pendingSchemaChange(provider, opts), opts.root);
}

/** Puts `sql` in Prisma's layout as `<yyyymmddhhmmss>_<name>/migration.sql` (nothing for empty SQL) and keeps migration_lock.toml. */
export function writeMigration(provider: Provider, name: string, now: Date, sql: string, root?: string): string | null {
  if (sql.trim() === '') return null;
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = `${stamp}_${name.replace(/[^A-Za-z0-9_]+/g, '_')}`;
  const dir = layout(provider, root).migrations;
  if (existsSync(join(dir, folder))) throw new Error(`${dir}/${folder} exists already`);
  mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, folder, 'migration.sql'), sql);
  writeFileSync(join(dir, 'migration_lock.toml'), `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`);
  return folder;
}

type Prepare = (migrations: ReturnType<typeof readMigrations>) => Promise<void>;

async function withScratchDatabase<T>(provider: Provider, adminUrl: string, work: (factory: TrackedFactory, prepare: Prepare) => Promise<T>): Promise<T> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'setu-scratch-'));
    const file = join(dir, 'scratch.db');
    const factory = new TrackedFactory(new PrismaBetterSqlite3({ url: `file:${file}` }), false);
    try {
      return await work(factory, async (m) => void migrateSqlite(file, m));
    } finally {
      await factory.disposeAll();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const name = `setu_scratch_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`PostgreSQL migrations are compared in a scratch database, but ${redact(adminUrl)} is unreachable (${err instanceof Error ? err.message : String(err)}); start the server or set POSTGRES_ADMIN_URL`);
  }
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const factory = new TrackedFactory(new PrismaPg({ connectionString: url.toString() }), true);
    try {
      return await work(factory, async (m) => void (await migratePostgres(url.toString(), m)));
    } finally {
      await factory.disposeAll();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

export interface DriftReport {
  /** prisma/postgres/schema.prisma differs from what `db:derive` would write. */
  staleDerivedSchema: boolean;
  /** Per provider, the SQL no committed migration holds yet (empty: they agree). */
  missingSql: Record<Provider, string>;
}

/** What `db:check` reports: ok when the derived schema is current and both providers' migrations match their schema. */
export async function checkDrift(opts: { root?: string; pgAdminUrl?: string } = {}): Promise<DriftReport & { ok: boolean }> {
  const derived = derivedSchemaState(opts.root);
  const missingSql: Record<Provider, string> = { sqlite: '', postgresql: '' };
  for (const provider of ['sqlite', 'postgresql'] as const) {
    missingSql[provider] = (await pendingSchemaChange(provider, opts)).trim();
  }
  const staleDerivedSchema = derived.current !== derived.expected;
  return { ok: !staleDerivedSchema && missingSql.sqlite === '' && missingSql.postgresql === '', staleDerivedSchema, missingSql };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function migrationsList(provider: Provider, root?: string) {
  const dir = layout(provider, root).migrations;
  const lock = join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lock) ? readFileSync(lock, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: readMigrations(dir).map((m) => ({
      path: m.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: m.sql } },
    })),
  };
}

/**
 * Prisma's own schema engine reading a database's `_prisma_migrations`
 * against the committed migrations: in sync means `prisma migrate deploy`
 * would see exactly the history Setu's migrator wrote.
 */
export async function prismaHistoryDiagnosis(url: string, root?: string): Promise<{ inSync: boolean; edited: string[]; failed: string[] }> {
  const target = parseDatabaseUrl(url, root);
  const factory =
    target.provider === 'sqlite'
      ? new TrackedFactory(new PrismaBetterSqlite3({ url: `file:${target.file}` }), false)
      : new TrackedFactory(new PrismaPg({ connectionString: target.url }), true);
  const paths = layout(target.provider, root);
  const schema = readFileSync(paths.schema, 'utf8');
  try {
    const { engine, explain } = await createSchemaEngine({ path: paths.schema, content: schema }, factory);
    try {
      const out = await engine.diagnoseMigrationHistory({ migrationsList: migrationsList(target.provider, root), optInToShadowDatabase: false, filters: FILTERS });
      return { inSync: out.history === null && out.hasMigrationsTable, edited: out.editedMigrationNames, failed: out.failedMigrationNames };
    } catch (err) {
      throw explain(err);
    } finally {
      engine.free();
    }
  } finally {
    await factory.disposeAll();
  }
}
