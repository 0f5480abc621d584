import type pg from 'pg';

/**
 * Books moments to send at, at most one per `intervalMs` under a key (a
 * platform's bot-wide limit, or one chat): each booking takes the later of
 * now and the key's next free moment, and moves that moment on by the
 * interval. Evenly spaced bookings keep any one-second window within the
 * limit without a burst at its edge.
 */
export interface SendPace {
  /** Resolves with the moment (ms since the epoch) this send may go. */
  book(key: string, intervalMs: number, nowMs: number): Promise<number>;
  /** Moves the key's next free moment on to at least `atMs` (a send that waited for another key's turn). */
  hold(key: string, atMs: number): Promise<void>;
  /** Forgets keys whose moment has long passed (a chat that went quiet). */
  forget(beforeMs: number): Promise<number>;
}

/**
 * Shared by every process on one PostgreSQL database: one statement per
 * booking, on the row of the key (the row lock makes bookings of one key take
 * turns). Kept in microseconds, since a Page may take a send every 3.3 ms.
 */
export function createPgSendPace(pool: pg.Pool): SendPace {
  return {
    async book(key, intervalMs, nowMs) {
      const now = Math.round(nowMs * 1000);
      const step = Math.max(1, Math.round(intervalMs * 1000));
      const res = await pool.query<{ at: string }>(
        `INSERT INTO "SendPace" ("key", "nextAt") VALUES ($1, $2::bigint + $3::bigint)
         ON CONFLICT ("key") DO UPDATE SET "nextAt" = GREATEST("SendPace"."nextAt", $2::bigint) + $3::bigint
         RETURNING ("nextAt" - $3::bigint)::text AS "at"`,
        [key, now, step],
      );
      const at = res.rows[0]?.at;
      return at === undefined ? nowMs : Number(at) / 1000;
    },
    async hold(key, atMs) {
      await pool.query(
        `INSERT INTO "SendPace" ("key", "nextAt") VALUES ($1, $2::bigint) ON CONFLICT ("key") DO UPDATE SET "nextAt" = GREATEST("SendPace"."nextAt", $2::bigint)`,
        [key, Math.round(atMs * 1000)],
      );
    },
    async forget(beforeMs) {
      const res = await pool.query(`DELETE FROM "SendPace" WHERE "nextAt" < $1::bigint`, [Math.round(beforeMs * 1000)]);
      return res.rowCount ?? 0;
    },
  };
}

/** One process (SQLite): the same bookings in memory; keys whose moment passed are dropped as the map grows. */
export function createMemorySendPace(maxKeys = 10_000): SendPace {
  const next = new Map<string, number>();
  const forgetSync = (beforeMs: number): number => {
    let dropped = 0;
    for (const [key, at] of next) {
      if (at < beforeMs) {
        next.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  };
  return {
    async book(key, intervalMs, nowMs) {
      if (next.size >= maxKeys && !next.has(key)) forgetSync(nowMs);
      const at = Math.max(next.get(key) ?? 0, nowMs);
      next.set(key, at + intervalMs);
      return at;
    },
    async hold(key, atMs) {
      next.set(key, Math.max(next.get(key) ?? 0, atMs));
    },
    forget: async (beforeMs) => forgetSync(beforeMs),
  };
}
