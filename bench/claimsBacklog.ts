/**
 * The second part of `npm run bench:claims`: what a claim costs while a
 * backlog waits behind heads that are on their way, as when the platform
 * paces each chat (Telegram: about a message a second) and people write
 * faster. Every claim then finds nothing to take; the question is how much it
 * reads to learn that. Setu's claim walks the waiting contacts; the claim it
 * replaced (the first one-statement claim) tested every waiting message for
 * an older one still unsent.
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

const CLAIMS = 200;

/** Milliseconds per claim, Setu's and the previous, on one engine. */
export async function backlogClaims(provider: ProviderName, contacts: number, waiting: number): Promise<{ setuMs: number; previousMs: number }> {
  const target = await createTestDatabase(provider);
  try {
    await applyPendingMigrations(target.url);
    const db = await createDb(target.url);
    const now = new Date();
    try {
      // Each contact: its head on its way, then `waiting` messages behind it; and a history of sent ones, as a day leaves.
      const rows = [];
      for (let c = 0; c < contacts; c += 1) {
        for (let i = 0; i < 20; i += 1) rows.push({ contactId: `telegram:${c}`, channel: 'telegram', externalId: String(c), payload: 'x', status: 'sent', nextAttemptAt: now, createdAt: now });
        rows.push({ contactId: `telegram:${c}`, channel: 'telegram', externalId: String(c), payload: 'x', status: 'sending', claimedBy: 'elsewhere', nextAttemptAt: now, createdAt: now });
      }
      for (let i = 0; i < waiting; i += 1) {
        for (let c = 0; c < contacts; c += 1) rows.push({ contactId: `telegram:${c}`, channel: 'telegram', externalId: String(c), payload: 'x', status: 'pending', nextAttemptAt: now, createdAt: now });
      }
      for (let i = 0; i < rows.length; i += 1000) await db.prisma.outboxMessage.createMany({ data: rows.slice(i, i + 1000) });
      const t0 = performance.now();
      for (let i = 0; i < CLAIMS; i += 1) {
        const got = await db.claims.claimHeads({ channels: ['telegram'], holder: 'bench', now, limit: 64 });
        if (got.length > 0) throw new Error('a claim took a message behind a head on its way');
      }
      const setuMs = (performance.now() - t0) / CLAIMS;
      const previousMs = provider === 'sqlite' ? previousSqlite(target.url.slice('file:'.length), now) : await previousPg(target.url, now);
      return { setuMs, previousMs };
    } finally {
      await db.close();
    }
  } finally {
    await target.drop();
  }
}

function previousSqlite(file: string, now: Date): number {
  const db = new Database(file, { readonly: true });
  try {
    const heads = db.prepare(PREVIOUS_HEADS.replace('$1', '?'));
    const at = now.toISOString();
    const t0 = performance.now();
    for (let i = 0; i < CLAIMS; i += 1) if (heads.all(at).length > 0) throw new Error('the previous claim found a head');
    return (performance.now() - t0) / CLAIMS;
  } finally {
    db.close();
  }
}

async function previousPg(url: string, now: Date): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const at = now.toISOString().replace('Z', '');
    const t0 = performance.now();
    for (let i = 0; i < CLAIMS; i += 1) if ((await client.query(PREVIOUS_HEADS, [at])).rows.length > 0) throw new Error('the previous claim found a head');
    return (performance.now() - t0) / CLAIMS;
  } finally {
    await client.end();
  }
}
