import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PrismaClient as PostgresClient } from '../../generated/postgres/client.ts';
import { PrismaClient as SqliteClient } from '../../generated/sqlite/client.ts';
import { createSqliteTurnStore } from './sqliteTurnStore.ts';
import { createPgTurnStore } from './pgTurnStore.ts';
import type { TurnStore } from './turnStore.ts';
import { createPgOutboxClaims, createSqliteOutboxClaims, type OutboxClaims } from './outboxClaims.ts';
import { createPgWebhookEvents, createSqliteWebhookEvents, type WebhookEvents } from './webhookEvents.ts';
import { createPgSendPace, type SendPace } from './sendPace.ts';
import { ensureSqliteDir, parseDatabaseUrl } from './url.ts';
import { createWriteLock, noWriteLock, type WriteLock } from './writeLock.ts';

export type { DbClient } from './prismaClient.ts';
import type { DbClient } from './prismaClient.ts';

export interface Db {
  prisma: DbClient;
  provider: 'sqlite' | 'postgresql';
  /** The hot path: one durable turn. */
  turns: TurnStore;
  /** Claims the heads of contacts' outbox queues (see outboxClaims.ts). */
  claims: OutboxClaims;
  /** The hot statements on webhook events (tries of Telegram's updates, Messenger's records), plain. */
  events: WebhookEvents;
  /** Paces shared by every process of the deployment (PostgreSQL); null with SQLite, where one process sends and paces in memory. */
  pace: SendPace | null;
  /** Wrap multi-statement Prisma transactions in it (see writeLock.ts). */
  writes: WriteLock;
  /** Fails when the database cannot take a write now (full, read-only, unreachable); commits nothing. */
  probeWrite(): Promise<void>;
  close(): Promise<void>;
}

/**
 * SQLite: a write that needs fresh pages, in a transaction rolled back, on a
 * connection of its own (so no other statement can land in it), under the
 * write lock (so it never waits on one of this process's own transactions).
 * Another process holding the lock (SQLITE_BUSY) means the database writes.
 */
function sqliteProbe(file: string, writes: WriteLock): { probe(): Promise<void>; close(): void } {
  let conn: Database.Database | null = null;
  return {
    probe: () =>
      writes.run(async () => {
        conn ??= new Database(file, { fileMustExist: true, timeout: 0 });
        try {
          conn.exec('BEGIN IMMEDIATE');
        } catch (err) {
          if ((err as { code?: unknown }).code === 'SQLITE_BUSY') return;
          throw err;
        }
        try {
          conn.exec('CREATE TABLE "_setu_write_probe" (b BLOB)');
          conn.exec('INSERT INTO "_setu_write_probe" VALUES (zeroblob(65536))');
        } finally {
          conn.exec('ROLLBACK');
        }
      }),
    close: () => conn?.close(),
  };
}

/** PostgreSQL: reachable, and not a read-only server or session. */
function pgProbe(url: string): { probe(): Promise<void>; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 2000, idleTimeoutMillis: 10_000 });
  pool.on('error', () => undefined); // an idle probe connection that dies is simply replaced
  return {
    async probe() {
      const { rows } = await pool.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
      if (rows[0]?.transaction_read_only === 'on') throw Object.assign(new Error('the PostgreSQL server is read-only'), { code: '25006' });
    },
    close: () => pool.end(),
  };
}

/**
 * SQLite settings for every connection Setu opens. WAL lets the delivery
 * worker read while a turn writes; synchronous=NORMAL (safe in WAL mode) means
 * a commit survives a process crash and only the last moments before a power
 * cut are at risk; busy_timeout makes a second process wait for the write
 * lock instead of failing at once.
 */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'busy_timeout = 5000', 'foreign_keys = ON'] as const;

/**
 * Opens the database named by DATABASE_URL through Prisma's driver adapters:
 * better-sqlite3 for `file:` URLs, node-postgres for `postgresql://` ones.
 * Does not migrate: call applyPendingMigrations first (createApp does).
 */
export async function createDb(url: string): Promise<Db> {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') {
    ensureSqliteDir(target.file);
    // The adapter keeps one better-sqlite3 connection, so the PRAGMAs below hold for every query.
    const prisma = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${target.file}`, timeout: 5000 }) });
    try {
      for (const pragma of SQLITE_PRAGMAS) await prisma.$queryRawUnsafe(`PRAGMA ${pragma}`);
    } catch (err) {
      await prisma.$disconnect();
      throw err;
    }
    const writes = createWriteLock();
    const turns = createSqliteTurnStore(target.file, writes);
    const claims = createSqliteOutboxClaims(target.file, writes);
    const events = createSqliteWebhookEvents(target.file, writes);
    const probe = sqliteProbe(target.file, writes);
    return {
      prisma,
      provider: 'sqlite',
      turns,
      claims,
      events,
      pace: null,
      writes,
      probeWrite: () => probe.probe(),
      async close() {
        probe.close();
        await turns.close();
        await claims.close();
        await events.close();
        await prisma.$disconnect();
      },
    };
  }
  const postgres = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) });
  try {
    await postgres.$connect();
  } catch (err) {
    await postgres.$disconnect();
    throw err;
  }
  // The generated clients are distinct types (provider-specific filter options,
  // brands), but prisma/postgres/schema.prisma is derived from the SQLite schema
  // with identical models (`db:check` enforces it), so every call the
  // repositories make through DbClient exists with the same shape here.
  const prisma = postgres as unknown as DbClient;
  // The hot statements (turns, claims, paces) go through plain `pg` on one pool (see pgTurnStore.ts for why).
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle connection the server ends (restart, pg_terminate_backend) is dropped and replaced; unhandled, it would end the process.
  pool.on('error', () => undefined);
  const turns = createPgTurnStore(pool);
  const probe = pgProbe(target.url);
  return {
    prisma,
    provider: 'postgresql',
    turns,
    claims: createPgOutboxClaims(pool),
    events: createPgWebhookEvents(pool),
    pace: createPgSendPace(pool),
    writes: noWriteLock,
    probeWrite: () => probe.probe(),
    async close() {
      await probe.close();
      await turns.close();
      await pool.end();
      await postgres.$disconnect();
    },
  };
}
