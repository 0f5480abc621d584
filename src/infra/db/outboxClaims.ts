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
  /**
   * What waits behind each of these contacts' heads: up to `perContact` of
   * each one's oldest pending due messages, read contact by contact through
   * (contactId, status, id) so the cost is the contacts', not the backlog's
   * (the same query through Prisma read every pending message newer than
   * the oldest head). Read only: the caller claims what joins.
   */
  followers(contactIds: readonly string[], now: Date, perContact: number): Promise<ClaimedRow[]>;
  close(): Promise<void>;
}

const RETURNED = `"id", "contactId", "channel", "externalId", "purpose", "payload", "attempts", "createdAt"`;

/**
 * How many of the oldest due messages the quick claim looks at. Heads lie
 * among them unless that many all wait behind messages on their way (a
 * backlog the platform paces); then the contacts are walked instead.
 */
const WINDOW = 512;

/** No earlier message of the same contact waits or is on its way. */
const IS_HEAD = `NOT EXISTS (SELECT 1 FROM "OutboxMessage" e WHERE e."contactId" = o."contactId" AND e."id" < o."id" AND e."status" IN ('pending', 'sending'))`;

interface SqlParts {
  now: string;
  channels: string;
  limit: string;
  contact: string | null;
  lock: string;
  /** SQLite's unary + (an index not used) where PostgreSQL needs nothing: see below. */
  unindexed: string;
  /** `o."id"` among the ids the subquery gives, as each engine fetches those best by key. */
  among: (ids: string) => string;
}

/** The oldest due messages, at most WINDOW of them, read in id order through (status, id) and stopped there. */
const windowIds = (now: string, unindexed: string): string =>
  `SELECT "id" FROM "OutboxMessage" WHERE "status" = 'pending' AND ${unindexed}"nextAttemptAt" <= ${now} ORDER BY "id" LIMIT ${WINDOW}`;

/**
 * The quick claim: the heads among the oldest WINDOW due messages, oldest
 * first. They are the oldest heads there are (any other is newer than all
 * of the window), and the look costs the window whatever the backlog.
 */
function windowHeadsSql(p: SqlParts): string {
  const u = p.unindexed;
  return `SELECT o."id" FROM "OutboxMessage" o
    WHERE ${p.among(windowIds(p.now, u))} AND ${u}o."status" = 'pending' AND ${u}o."nextAttemptAt" <= ${p.now} AND ${p.channels} AND ${IS_HEAD}
    ORDER BY o."id" LIMIT ${p.limit} ${p.lock}`;
}

/**
 * The walk: per contact with pending messages, its oldest pending one, when
 * it is due, on a channel asked for, and no older message of the contact is
 * on its way; the oldest `limit` of them. The contacts are walked one index
 * seek at a time (status, contactId), so it costs about one seek per waiting
 * contact however long their queues are: used when the window is all
 * followers of heads on their way, and for one contact. The status is tested
 * on the row itself too: PostgreSQL checks a locked row's newest version
 * against the row's own conditions, not against the subqueries.
 */
function walkHeadsSql(p: SqlParts): string {
  const contacts =
    p.contact !== null
      ? `SELECT ${p.contact} AS "contactId"`
      : `SELECT (SELECT MIN("contactId") FROM "OutboxMessage" WHERE "status" = 'pending')
         UNION ALL
         SELECT (SELECT MIN(m."contactId") FROM "OutboxMessage" m WHERE m."status" = 'pending' AND m."contactId" > w."contactId")
         FROM waiting w WHERE w."contactId" IS NOT NULL`;
  // Both make the engines fetch the few heads by id rather than read every pending row through the status index:
  // `unindexed` is SQLite's unary + (that index is not used), `among` PostgreSQL's = ANY(ARRAY(…)) (an index scan on the key).
  const u = p.unindexed;
  return `WITH RECURSIVE waiting("contactId") AS (${contacts}),
      heads("id") AS (SELECT (SELECT MIN(f."id") FROM "OutboxMessage" f WHERE f."status" = 'pending' AND f."contactId" = w."contactId") FROM waiting w WHERE w."contactId" IS NOT NULL)
    SELECT o."id" FROM "OutboxMessage" o
    WHERE ${p.among('SELECT "id" FROM heads')} AND ${u}o."status" = 'pending' AND ${u}o."nextAttemptAt" <= ${p.now} AND ${p.channels}
      AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" e WHERE e."contactId" = o."contactId" AND e."status" = 'sending' AND e."id" < o."id")
    ORDER BY o."id" LIMIT ${p.limit} ${p.lock}`;
}

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
  const sqlite: Omit<SqlParts, 'contact'> = { now: '?', channels: 'o."channel" IN (SELECT value FROM json_each(?))', limit: '?', lock: '', unindexed: '+', among: (ids) => `o."id" IN (${ids})` };
  const claim = (heads: string) =>
    db.prepare<Array<string | number>, RawRow>(`UPDATE "OutboxMessage" SET "status" = 'sending', "claimedBy" = ?, "claimedAt" = ? WHERE "id" IN (${heads}) RETURNING ${RETURNED}`);
  const quick = claim(windowHeadsSql({ ...sqlite, contact: null }));
  const walk = claim(walkHeadsSql({ ...sqlite, contact: null }));
  const one = claim(walkHeadsSql({ ...sqlite, contact: '?' }));
  const windowFull = db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM (${windowIds('?', '+')})`);
  const waitingBehind = db.prepare<[string, string, number], RawRow>(
    `SELECT ${RETURNED} FROM "OutboxMessage" WHERE "contactId" = ? AND "status" = 'pending' AND +"nextAttemptAt" <= ? ORDER BY "id" LIMIT ?`,
  );
  return {
    followers: async (contactIds, now, perContact) => {
      const at = sqliteTime(now);
      return toClaimed(contactIds.flatMap((c) => waitingBehind.all(c, at, perContact)));
    },
    claimHeads: (a) =>
      writes.run(async () => {
        const at = sqliteTime(a.now);
        const channels = JSON.stringify(a.channels);
        if (a.onlyContactId !== undefined) return toClaimed(one.all(a.holder, at, a.onlyContactId, at, channels, a.limit));
        const rows = quick.all(a.holder, at, at, at, channels, a.limit);
        if (rows.length > 0 || (windowFull.get(at)?.n ?? 0) < WINDOW) return toClaimed(rows);
        return toClaimed(walk.all(a.holder, at, at, channels, a.limit));
      }),
    close: async () => void db.close(),
  };
}

export function createPgOutboxClaims(pool: pg.Pool): OutboxClaims {
  return {
    async followers(contactIds, now, perContact) {
      if (contactIds.length === 0) return [];
      const res = await pool.query<RawRow>(
        `SELECT f.* FROM unnest($1::text[]) AS c("contactId")
         CROSS JOIN LATERAL (SELECT ${RETURNED} FROM "OutboxMessage" o
           WHERE o."contactId" = c."contactId" AND o."status" = 'pending' AND o."nextAttemptAt" <= $2 ORDER BY o."id" LIMIT $3) f`,
        [[...contactIds], pgTime(now), perContact],
      );
      return toClaimed(res.rows);
    },
    async claimHeads(a) {
      const at = pgTime(a.now);
      const params: Array<string | number | string[]> = [a.holder, at, [...a.channels], a.limit];
      if (a.onlyContactId !== undefined) params.push(a.onlyContactId);
      const parts: SqlParts = {
        now: '$2',
        channels: 'o."channel" = ANY($3::text[])',
        limit: '$4',
        contact: a.onlyContactId === undefined ? null : '$5::text',
        lock: 'FOR UPDATE OF o SKIP LOCKED',
        unindexed: '',
        among: (ids) => `o."id" = ANY(ARRAY(${ids}))`,
      };
      const claim = async (heads: string): Promise<RawRow[]> =>
        (await pool.query<RawRow>(`UPDATE "OutboxMessage" SET "status" = 'sending', "claimedBy" = $1, "claimedAt" = $2 WHERE "id" IN (${heads}) RETURNING ${RETURNED}`, params)).rows;
      if (a.onlyContactId !== undefined) return toClaimed(await claim(walkHeadsSql(parts)));
      const rows = await claim(windowHeadsSql(parts));
      if (rows.length > 0) return toClaimed(rows);
      const full = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM (${windowIds('$1', '')}) w`, [at]);
      if (Number(full.rows[0]?.n ?? 0) < WINDOW) return [];
      return toClaimed(await claim(walkHeadsSql(parts)));
    },
    close: async () => undefined,
  };
}
