import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, SQLITE_PRAGMAS } from '../../src/infra/db/client.ts';
import { prismaHistoryDiagnosis } from '../../src/infra/db/migrate/drift.ts';
import { layout, readMigrations } from '../../src/infra/db/migrate/layout.ts';
import { applyPendingMigrations, migrationStatus } from '../../src/infra/db/migrations.ts';
import { PROJECT_ROOT } from '../../src/infra/db/url.ts';
import { copyPrismaFolder, createTestDatabase, type ProviderName, type TestDatabase } from './targets.ts';

const run = promisify(execFile);
const TSX = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** `npm run db:deploy` as a separate process (without npm's own start-up). */
async function deployInChild(url: string): Promise<string> {
  const { stdout } = await run(process.execPath, [TSX, join(PROJECT_ROOT, 'scripts', 'db.ts'), 'deploy'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: url },
  });
  return stdout.trim();
}

/**
 * The start-up migrator on both databases. The PostgreSQL half needs the
 * server on 127.0.0.1:5432 and fails, not skips, without it.
 */
describe.each<ProviderName>(['sqlite', 'postgresql'])('the migrator on %s', (provider) => {
  const databases: TestDatabase[] = [];
  const fresh = async (): Promise<string> => {
    const db = await createTestDatabase(provider);
    databases.push(db);
    return db.url;
  };
  const committed = readMigrations(layout(provider).migrations).map((m) => m.name);

  afterAll(async () => {
    for (const db of databases.splice(0)) await db.drop();
  });

  it('applies each migration once when two processes start on an empty database together', async () => {
    const url = await fresh();
    const outputs = await Promise.all([deployInChild(url), deployInChild(url)]);
    expect(outputs.sort()).toEqual([`applied: ${committed.join(', ')}`, 'nothing to apply']);
    expect(await migrationStatus(url)).toEqual({ applied: committed, pending: [] });
  });

  it("writes the history Prisma's own engine expects (prisma migrate deploy elsewhere would apply nothing)", async () => {
    const url = await fresh();
    await applyPendingMigrations(url);
    expect(await prismaHistoryDiagnosis(url)).toEqual({ inSync: true, edited: [], failed: [] });
  });

  it('reports everything pending on a database never migrated, without creating anything', async () => {
    const url = await fresh();
    expect(await migrationStatus(url)).toEqual({ applied: [], pending: committed });
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const url = await fresh();
    const copy = copyPrismaFolder();
    try {
      await applyPendingMigrations(url, copy.root);
      const [first] = readMigrations(layout(provider, copy.root).migrations);
      const file = join(layout(provider, copy.root).migrations, first?.name ?? 'missing', 'migration.sql');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, `${original}\n-- edited by hand\n`);
      await expect(applyPendingMigrations(url, copy.root)).rejects.toThrow(/was edited after it was applied/);
      writeFileSync(file, original);
      await expect(applyPendingMigrations(url, copy.root)).resolves.toEqual({ applied: [] });
    } finally {
      copy.cleanup();
    }
  });

  it('refuses to run older code on a database that has migrations the code does not know', async () => {
    const url = await fresh();
    const copy = copyPrismaFolder();
    try {
      const later = join(layout(provider, copy.root).migrations, '29991231000000_later');
      mkdirSync(later);
      writeFileSync(join(later, 'migration.sql'), 'CREATE TABLE "Later" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
      expect((await applyPendingMigrations(url, copy.root)).applied).toEqual([...committed, '29991231000000_later']);
      await expect(applyPendingMigrations(url)).rejects.toThrow(/29991231000000_later, which this version of Setu does not know/);
    } finally {
      copy.cleanup();
    }
  });
});

describe('the SQLite connection', () => {
  it('runs in WAL mode with synchronous=NORMAL, a busy timeout and foreign keys', async () => {
    const target = await createTestDatabase('sqlite');
    try {
      await applyPendingMigrations(target.url);
      const db = await createDb(target.url);
      try {
        const read = async (name: string): Promise<unknown> => {
          const rows: unknown = await db.prisma.$queryRawUnsafe(`PRAGMA ${name}`);
          return Array.isArray(rows) ? Object.values(Object(rows[0])).map(String)[0] : undefined;
        };
        expect(SQLITE_PRAGMAS).toContain('journal_mode = WAL');
        expect(await read('journal_mode')).toBe('wal');
        expect(await read('synchronous')).toBe('1');
        expect(await read('busy_timeout')).toBe('5000');
        expect(await read('foreign_keys')).toBe('1');
      } finally {
        await db.close();
      }
    } finally {
      await target.drop();
    }
  });
});
