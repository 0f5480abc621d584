import Database from 'better-sqlite3';
import type pg from 'pg';
import { pgTime } from './pgTurnStore.ts';
import { sqliteTime } from './sqliteTurnStore.ts';
import type { WriteLock } from './writeLock.ts';

/** A platform event recorded before it is acknowledged (Messenger's), with its first try counted. */
export interface RecordedEvent {
  channel: string;
  platformKey: string;
  userId: string;
  bodySealed: string;
  receivedAt: Date;
  recordedBy: string;
}

/**
 * The hot statements on WebhookEvent, plain as the turn store's are
 * (through Prisma they were a third of a Telegram turn's database time):
 * - the tries of an event that is not kept (Telegram's update: until Setu
 *   answers 200 the platform has it and sends it again), counted before each
 *   starts, so that one which hangs or crashes the process is set aside
 *   after a few instead of being run for ever;
 * - Messenger's events, recorded before the 200 and marked handled after.
 */
export interface WebhookEvents {
  /** Records the events that are new (a re-delivery clashes on channel and key and is left out); resolves with their keys. */
  record(events: readonly RecordedEvent[]): Promise<Set<string>>;
  /** Marks the events handled. */
  handled(channel: string, platformKeys: readonly string[], at: Date): Promise<void>;
  /** Counts a try of the event and resolves with the tries so far, this one included. */
  count(channel: string, platformKey: string, at: Date): Promise<number>;
  /** The event is done with (handled or set aside): its count goes. */
  forget(channel: string, platformKey: string): Promise<void>;
  /** A try that did not happen (the database failed under it): one less. */
  uncount(channel: string, platformKey: string): Promise<void>;
  close(): Promise<void>;
}

export function createSqliteWebhookEvents(file: string, writes: WriteLock): WebhookEvents {
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
  const insert = db.prepare<[string, string, string, string, string, string]>(
    `INSERT INTO "WebhookEvent" ("channel", "platformKey", "userId", "bodySealed", "receivedAt", "attempts", "recordedBy") VALUES (?, ?, ?, ?, ?, 1, ?)
     ON CONFLICT ("channel", "platformKey") DO NOTHING`,
  );
  const recordAll = db.transaction((events: readonly RecordedEvent[]) => {
    const fresh = new Set<string>();
    for (const e of events) if (insert.run(e.channel, e.platformKey, e.userId, e.bodySealed, sqliteTime(e.receivedAt), e.recordedBy).changes > 0) fresh.add(e.platformKey);
    return fresh;
  });
  const handled = db.prepare<[string, string, string]>(`UPDATE "WebhookEvent" SET "handledAt" = ? WHERE "channel" = ? AND "platformKey" IN (SELECT value FROM json_each(?))`);
  return {
    record: (events) => writes.run(async () => recordAll.immediate(events)),
    handled: (channel, keys, at) => writes.run(async () => void handled.run(sqliteTime(at), channel, JSON.stringify(keys))),
    count: (channel, key, at) => writes.run(async () => (count.get(channel, key, sqliteTime(at)) as { attempts: number }).attempts),
    forget: (channel, key) => writes.run(async () => void forget.run(channel, key)),
    uncount: (channel, key) => writes.run(async () => void uncount.run(channel, key)),
    close: async () => void db.close(),
  };
}

export function createPgWebhookEvents(pool: pg.Pool): WebhookEvents {
  return {
    async record(events) {
      if (events.length === 0) return new Set();
      const res = await pool.query<{ platformKey: string }>(
        `INSERT INTO "WebhookEvent" ("channel", "platformKey", "userId", "bodySealed", "receivedAt", "attempts", "recordedBy")
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamp(3)[], $6::int[], $7::text[])
         ON CONFLICT ("channel", "platformKey") DO NOTHING
         RETURNING "platformKey"`,
        [
          events.map((e) => e.channel),
          events.map((e) => e.platformKey),
          events.map((e) => e.userId),
          events.map((e) => e.bodySealed),
          events.map((e) => pgTime(e.receivedAt)),
          events.map(() => 1),
          events.map((e) => e.recordedBy),
        ],
      );
      return new Set(res.rows.map((r) => r.platformKey));
    },
    async handled(channel, keys, at) {
      await pool.query(`UPDATE "WebhookEvent" SET "handledAt" = $1 WHERE "channel" = $2 AND "platformKey" = ANY($3::text[])`, [pgTime(at), channel, [...keys]]);
    },
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
