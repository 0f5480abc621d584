import Database from 'better-sqlite3';
import type { Inbound } from '../../engine/types.ts';
import { contactIdFor, type Decide, type TurnRecord, type TurnStore } from './turnStore.ts';

/** Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset; raw writes must match it to sort and compare alike. */
export function sqliteTime(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

/**
 * The durable turn on SQLite as prepared statements in one synchronous
 * IMMEDIATE transaction, on its own connection. Prisma keeps the schema and
 * every other query; these statements follow its tables and formats.
 */
export function createSqliteTurnStore(file: string): TurnStore {
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');

  const recordInbound = db.prepare(
    `INSERT INTO "InboundMessage" (id, channel, platformKey, contactId, body, receivedAt) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (channel, platformKey) DO NOTHING`,
  );
  const touchContact = db.prepare<[string, string, string, string, string], { language: string | null }>(
    `INSERT INTO "Contact" (id, channel, externalId, createdAt, lastSeenAt, unreachable) VALUES (?, ?, ?, ?, ?, 0)
     ON CONFLICT (id) DO UPDATE SET lastSeenAt = excluded.lastSeenAt RETURNING language`,
  );
  const readSession = db.prepare<[string], { state: string }>(`SELECT state FROM "Session" WHERE contactId = ?`);
  const saveSession = db.prepare(
    `INSERT INTO "Session" (contactId, state, version, updatedAt) VALUES (?, ?, 1, ?)
     ON CONFLICT (contactId) DO UPDATE SET state = excluded.state, version = "Session".version + 1, updatedAt = excluded.updatedAt`,
  );
  const setLanguage = db.prepare(`UPDATE "Contact" SET language = ? WHERE id = ?`);
  const enqueue = db.prepare(
    `INSERT INTO "OutboxMessage" (contactId, channel, externalId, payload, status, attempts, nextAttemptAt, createdAt)
     VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
  );

  const turn = db.transaction((inbound: Inbound, decide: Decide): TurnRecord => {
    const contactId = contactIdFor(inbound.channel, inbound.userId);
    const now = sqliteTime(inbound.receivedAt);
    const fresh = recordInbound.run(`${contactId}:${inbound.messageId}`, inbound.channel, inbound.messageId, contactId, JSON.stringify(inbound.body), now);
    if (fresh.changes === 0) return { status: 'duplicate' };
    const contact = touchContact.get(contactId, inbound.channel, inbound.userId, now, now);
    const language = contact?.language === 'bn' || contact?.language === 'en' ? contact.language : null;
    const outcome = decide({ contactId, stateJson: readSession.get(contactId)?.state ?? null, language });
    saveSession.run(contactId, outcome.stateJson, now);
    if (outcome.language !== language) setLanguage.run(outcome.language, contactId);
    for (const o of outcome.outbox) enqueue.run(contactId, inbound.channel, inbound.userId, o.payload, now, now);
    return { status: 'done', outboxCount: outcome.outbox.length };
  });

  return {
    // Synchronous underneath: nothing can interleave with a turn, and an exception rolls it back.
    run: async (inbound, decide) => turn.immediate(inbound, decide),
    close: async () => void db.close(),
  };
}
