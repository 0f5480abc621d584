import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pgAdminUrl } from '../../src/infra/db/migrate/drift.ts';
import { PROJECT_ROOT } from '../../src/infra/db/url.ts';

export type ProviderName = 'sqlite' | 'postgresql';

/** Where test databases are created: these machines' PostgreSQL server unless POSTGRES_ADMIN_URL says otherwise. */
export const PG_ADMIN_URL = pgAdminUrl();

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database of the given provider. PostgreSQL databases are
 * named setu_test_<random> and dropped by `drop()`. When the server is
 * unreachable this throws: the PostgreSQL tests fail rather than skip.
 */
export async function createTestDatabase(provider: ProviderName): Promise<TestDatabase> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'setu-db-test-'));
    return { url: `file:${join(dir, 'setu.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `setu_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`the PostgreSQL tests need the server at ${PG_ADMIN_URL}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** The names of the PostgreSQL databases that exist now (to prove tests clean up). */
export async function listDatabases(prefix: string): Promise<string[]> {
  return withAdmin(async (admin) => {
    const res = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    return res.rows.map((r) => r.datname);
  });
}

/** A copy of the project's prisma/ folder in a temp directory, to change schemas and migrations freely. */
export function copyPrismaFolder(): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'setu-prisma-'));
  cpSync(join(PROJECT_ROOT, 'prisma'), join(root, 'prisma'), { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
