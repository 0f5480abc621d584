/**
 * The second part of `npm run bench:claims`: what a claim costs with a
 * backlog, in two shapes.
 * - deep: a few contacts, each with its head on its way and many replies
 *   behind it, as when the platform paces each chat (Telegram: about a
 *   message a second) and people write faster. Every claim finds nothing to
 *   take; the question is how much it reads to learn that.
 * - wide: many contacts with a few replies each (a burst of new people):
 *   every claim takes a full batch of heads.
 * Setu's claim (a look at the oldest due messages, and a walk of the waiting
 * contacts when those are all followers) against the two plain forms: the
 * first one-statement claim, which tests waiting messages in id order until
 * it has enough heads, and the walk alone. Those two are read-only selects
 * here (Setu's also marks what it takes), which flatters them a little.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { createDb } from '../src/infra/db/client.ts';
import { applyPendingMigrations } from '../src/infra/db/migrations.ts';
import { createTestDatabase, type ProviderName } from '../test/db/targets.ts';

const PREVIOUS_HEADS = `SELECT o."id" FROM "OutboxMessage" o
  WHERE o."status" = 'pending' AND o."nextAttemptAt" <= $1 AND o."channel" = 'telegram'
    AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" e WHERE e."contactId" = o."contactId" AND e."id" < o."id" AND e."status" IN ('pending', 'sending'))
  ORDER BY o."id" LIMIT 64`;

/** The walk alone (SQLite's form; PostgreSQL's differs only in placeholders). */
const WALK_HEADS = `WITH RECURSIVE waiting("contactId") AS (
    SELECT (SELECT MIN("contactId") FROM "OutboxMessage" WHERE "status" = 'pending')
    UNION ALL
    SELECT (SELECT MIN(m."contactId") FROM "OutboxMessage" m WHERE m."status" = 'pending' AND m."contactId" > w."contactId") FROM waiting w WHERE w."contactId" IS NOT NULL),
  heads("id") AS (SELECT (SELECT MIN(f."id") FROM "OutboxMessage" f WHERE f."status" = 'pending' AND f."contactId" = w."contactId") FROM waiting w WHERE w."contactId" IS NOT NULL)
  SELECT o."id" FROM "OutboxMessage" o WHERE o."id" IN (SELECT "id" FROM heads) AND +o."status" = 'pending' AND +o."nextAttemptAt" <= $1 AND o."channel" = 'telegram'
    AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" e WHERE e."contactId" = o."contactId" AND e."status" = 'sending' AND e."id" < o."id")
  ORDER BY o."id" LIMIT 64`;

const CLAIMS = 100;

export type BacklogShape = 'deep' | 'wide';
export interface BacklogFigures {
  setuMs: number;
  firstMs: number;
  walkMs: number;
}

/** Milliseconds per claim, Setu's and the two plain forms', on one engine. */
export async function backlogClaims(provider: ProviderName, shape: BacklogShape, contacts: number, waiting: number): Promise<BacklogFigures> {
  const target = await createTestDatabase(provider);
  try {
    await applyPendingMigrations(target.url);
    const db = await createDb(target.url);
    const now = new Date();
    try {
      // Each contact: its head on its way, then `waiting` messages behind it; and a history of sent ones, as a day leaves.
      const rows = [];
      for (let c = 0; c < contacts; c += 1) {
        for (let i = 0; i < (shape === 'deep' ? 20 : 0); i += 1) rows.push({ contactId: `telegram:${c}`, channel: 'telegram', externalId: String(c), payload: 'x', status: 'sent', nextAttemptAt: now, createdAt: now });
        if (shape === 'deep') rows.push({ contactId: `telegram:${c}`, channel: 'telegram', externalId: String(c), payload: 'x', status: 'sending', claimedBy: 'elsewhere', nextAttemptAt: now, createdAt: now });
      }
      for (let i = 0; i < waiting; i += 1) {
        for (let c = 0; c < contacts; c += 1) rows.push({ contactId: `telegram:${c}`, channel: 'telegram', externalId: String(c), payload: 'x', status: 'pending', nextAttemptAt: now, createdAt: now });
      }
      for (let i = 0; i < rows.length; i += 1000) await db.prisma.outboxMessage.createMany({ data: rows.slice(i, i + 1000) });
      const expect = shape === 'deep' ? 0 : 64;
      // The plain forms first: they only read, so Setu's claims below find the same backlog.
      const plain = (sql: string) => (provider === 'sqlite' ? timeSqlite(target.url.slice('file:'.length), sql, now, expect) : timePg(target.url, sql, now, expect));
      const firstMs = await plain(PREVIOUS_HEADS);
      const walkMs = await plain(WALK_HEADS);
      const t0 = performance.now();
      for (let i = 0; i < CLAIMS; i += 1) {
        const got = await db.claims.claimHeads({ channels: ['telegram'], holder: 'bench', now, limit: 64 });
        if (got.length !== expect) throw new Error(`a claim took ${got.length} messages, not ${expect}`);
      }
      return { setuMs: (performance.now() - t0) / CLAIMS, firstMs, walkMs };
    } finally {
      await db.close();
    }
  } finally {
    await target.drop();
  }
}

function timeSqlite(file: string, sql: string, now: Date, expect: number): number {
  const db = new Database(file, { readonly: true });
  try {
    const heads = db.prepare(sql.replace('$1', '?'));
    const at = now.toISOString();
    const t0 = performance.now();
    for (let i = 0; i < CLAIMS; i += 1) if (heads.all(at).length !== expect) throw new Error('a plain claim found other heads');
    return (performance.now() - t0) / CLAIMS;
  } finally {
    db.close();
  }
}

async function timePg(url: string, sql: string, now: Date, expect: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const at = now.toISOString().replace('Z', '');
    // PostgreSQL has no unary + on text or timestamps; its own claim fetches the heads by key with = ANY(ARRAY(…)).
    const text = sql.replaceAll('+o.', 'o.').replace('o."id" IN (SELECT "id" FROM heads)', 'o."id" = ANY(ARRAY(SELECT "id" FROM heads))');
    const t0 = performance.now();
    for (let i = 0; i < CLAIMS; i += 1) if ((await client.query(text, [at])).rows.length !== expect) throw new Error('a plain claim found other heads');
    return (performance.now() - t0) / CLAIMS;
  } finally {
    await client.end();
  }
}
