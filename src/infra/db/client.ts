import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from '../../generated/postgres/client.ts';
import { PrismaClient as SqliteClient } from '../../generated/sqlite/client.ts';
import { ensureSqliteDir, parseDatabaseUrl } from './url.ts';

/**
 * The one client type the repositories use. Both generated clients come from
 * the same models (prisma/postgres/schema.prisma is derived from the SQLite
 * schema and checked by `db:check`), so their model APIs are the same.
 */
export type DbClient = SqliteClient;

export interface Db {
  prisma: DbClient;
  provider: 'sqlite' | 'postgresql';
  close(): Promise<void>;
}

/**
 * Opens the database named by DATABASE_URL through Prisma's driver adapters.
 * SQLite runs in WAL mode (set by the migrator, it persists in the file) with
 * synchronous=NORMAL: a commit survives a process crash, and only the last
 * moments before a power cut are at risk.
 */
export async function createDb(url: string): Promise<Db> {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') {
    ensureSqliteDir(target.file);
    const prisma = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${target.file}`, timeout: 5000 }) });
    await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    return { prisma, provider: 'sqlite', close: () => prisma.$disconnect() };
  }
  const pg = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) });
  await pg.$connect();
  // Same models, same generated API, different provider: see DbClient.
  const prisma = pg as unknown as DbClient;
  return { prisma, provider: 'postgresql', close: () => pg.$disconnect() };
}
