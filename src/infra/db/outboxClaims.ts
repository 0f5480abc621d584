import Database from 'better-sqlite3';
import type pg from 'pg';
import { pgTime } from './pgTurnStore.ts';
import { sqliteTime } from './sqliteTurnStore.ts';
import type { WriteLock } from './writeLock.ts';

/** An outbox row claimed for sending. */
export interface ClaimedRow {
  id: number;
  contactId: string;
  channel: string;
  externalId: string;
  purpose: string;
  payload: string;
  attempts: number;
  createdAt: Date;
}

export interface ClaimHeadsArgs {
  /** Only channels the claiming process can send on. */
  channels: readonly string[];
  holder: string;
  now: Date;
  /** At most this many contacts' heads. */
  limit: number;
  /** Only this contact's (the terminal chat). */
  onlyContactId?: string;
}

/**
 * Claims the head of each contact's queue: its oldest pending message that
 * is due, when no earlier message of the contact is pending (a retry waiting)
 * or on its way. A contact therefore has at most one claimed head at a time,
 * whichever process holds it, and its messages leave in order: the later ones
 * become heads only once the head is sent, failed or set aside. The claim is
 * one statement; on PostgreSQL the heads are locked with SKIP LOCKED, so
 * processes claiming at once take different contacts instead of waiting on
 * each other.
 */
export interface OutboxClaims {
  claimHeads(args: ClaimHeadsArgs): Promise<ClaimedRow[]>;
  close(): Promise<void>;
}

const RETURNED = `"id", "contactId", "channel", "externalId", "purpose", "payload", "attempts", "createdAt"`;

/** No earlier message of the same contact waits or is on its way. */
const IS_HEAD = `NOT EXISTS (SELECT 1 FROM "OutboxMessage" e WHERE e."contactId" = o."contactId" AND e."id" < o."id" AND e."status" IN ('pending', 'sending'))`;

interface RawRow {
  id: number | string;
  contactId: string;
  channel: string;
  externalId: string;
  purpose: string;
  payload: string;
  attempts: number | string;
  createdAt: Date | string;
}

function toClaimed(rows: RawRow[]): ClaimedRow[] {
  return rows
    .map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts), createdAt: r.createdAt instanceof Date ? r.createdAt : parseStoredTime(r.createdAt) }))
    .sort((a, b) => a.id - b.id);
}

/** SQLite keeps Prisma's ISO text; PostgreSQL's `timestamp(3)` is UTC without a zone. */
function parseStoredTime(text: string): Date {
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
}

/** SQLite: one writer at a time anyway; the claim runs under the process's write lock, on its own connection. */
export function createSqliteOutboxClaims(file: string, writes: WriteLock): OutboxClaims {
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const statement = (onlyOne: boolean) =>
    db.prepare<[string, string, string, string, ...Array<string | number>], RawRow>(
      `UPDATE "OutboxMessage" SET "status" = 'sending', "claimedBy" = ?, "claimedAt" = ?
       WHERE "id" IN (SELECT o."id" FROM "OutboxMessage" o
         WHERE o."status" = 'pending' AND o."nextAttemptAt" <= ? AND o."channel" IN (SELECT value FROM json_each(?))
           ${onlyOne ? 'AND o."contactId" = ?' : ''} AND ${IS_HEAD}
         ORDER BY o."id" LIMIT ?)
       RETURNING ${RETURNED}`,
    );
  const anyContact = statement(false);
  const one = statement(true);
  return {
    claimHeads: (a) =>
      writes.run(async () => {
        const at = sqliteTime(a.now);
        const channels = JSON.stringify(a.channels);
        return toClaimed(a.onlyContactId === undefined ? anyContact.all(a.holder, at, at, channels, a.limit) : one.all(a.holder, at, at, channels, a.onlyContactId, a.limit));
      }),
    close: async () => void db.close(),
  };
}

export function createPgOutboxClaims(pool: pg.Pool): OutboxClaims {
  return {
    async claimHeads(a) {
      const at = pgTime(a.now);
      const params: Array<string | number | string[]> = [a.holder, at, [...a.channels], a.limit];
      if (a.onlyContactId !== undefined) params.push(a.onlyContactId);
      const res = await pool.query<RawRow>(
        `UPDATE "OutboxMessage" SET "status" = 'sending', "claimedBy" = $1, "claimedAt" = $2
         WHERE "id" IN (SELECT o."id" FROM "OutboxMessage" o
           WHERE o."status" = 'pending' AND o."nextAttemptAt" <= $2 AND o."channel" = ANY($3::text[])
             ${a.onlyContactId === undefined ? '' : 'AND o."contactId" = $5'} AND ${IS_HEAD}
           ORDER BY o."id" LIMIT $4
           FOR UPDATE SKIP LOCKED)
         RETURNING ${RETURNED}`,
        params,
      );
      return toClaimed(res.rows);
    },
    close: async () => undefined,
  };
}
