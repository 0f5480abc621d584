import Database from 'better-sqlite3';
import type pg from 'pg';
import { pgTime } from './pgTurnStore.ts';
import { sqliteTime } from './sqliteTurnStore.ts';
import type { WriteLock } from './writeLock.ts';

/**
 * The tries of a platform's event that is not kept (Telegram's update: until
 * Setu answers 200 the platform has it and sends it again), counted in
 * WebhookEvent before each starts, so that one which hangs or crashes the
 * process is set aside after a few instead of being run for ever. Two plain
 * statements per update on the hot path (count, forget), as the turn store's
 * are: through Prisma they were a third of a Telegram turn's database time.
 */
export interface WebhookTries {
  /** Counts a try of the event and resolves with the tries so far, this one included. */
  count(channel: string, platformKey: string, at: Date): Promise<number>;
  /** The event is done with (handled or set aside): its count goes. */
  forget(channel: string, platformKey: string): Promise<void>;
  /** A try that did not happen (the database failed under it): one less. */
  uncount(channel: string, platformKey: string): Promise<void>;
  close(): Promise<void>;
}

export function createSqliteWebhookTries(file: string, writes: WriteLock): WebhookTries {
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const count = db.prepare<[string, string, string], { attempts: number }>(
    `INSERT INTO "WebhookEvent" ("channel", "platformKey", "userId", "bodySealed", "receivedAt", "attempts") VALUES (?, ?, '', '', ?, 1)
     ON CONFLICT ("channel", "platformKey") DO UPDATE SET "attempts" = "attempts" + 1
     RETURNING "attempts"`,
  );
  const forget = db.prepare<[string, string]>(`DELETE FROM "WebhookEvent" WHERE "channel" = ? AND "platformKey" = ?`);
  const uncount = db.prepare<[string, string]>(`UPDATE "WebhookEvent" SET "attempts" = "attempts" - 1 WHERE "channel" = ? AND "platformKey" = ?`);
  return {
    count: (channel, key, at) => writes.run(async () => (count.get(channel, key, sqliteTime(at)) as { attempts: number }).attempts),
    forget: (channel, key) => writes.run(async () => void forget.run(channel, key)),
    uncount: (channel, key) => writes.run(async () => void uncount.run(channel, key)),
    close: async () => void db.close(),
  };
}

export function createPgWebhookTries(pool: pg.Pool): WebhookTries {
  return {
    async count(channel, key, at) {
      const res = await pool.query<{ attempts: number }>(
        `INSERT INTO "WebhookEvent" ("channel", "platformKey", "userId", "bodySealed", "receivedAt", "attempts") VALUES ($1, $2, '', '', $3, 1)
         ON CONFLICT ("channel", "platformKey") DO UPDATE SET "attempts" = "WebhookEvent"."attempts" + 1
         RETURNING "attempts"`,
        [channel, key, pgTime(at)],
      );
      return Number(res.rows[0]?.attempts ?? 1);
    },
    async forget(channel, key) {
      await pool.query(`DELETE FROM "WebhookEvent" WHERE "channel" = $1 AND "platformKey" = $2`, [channel, key]);
    },
    async uncount(channel, key) {
      await pool.query(`UPDATE "WebhookEvent" SET "attempts" = "attempts" - 1 WHERE "channel" = $1 AND "platformKey" = $2`, [channel, key]);
    },
    close: async () => undefined,
  };
}
