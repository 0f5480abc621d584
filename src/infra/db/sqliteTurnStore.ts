import Database from 'better-sqlite3';
import type { Inbound } from '../../engine/types.ts';
import type { WriteLock } from './writeLock.ts';
import { contactIdFor, isRating, isStoredFollowUpAnswer, type AppealDraft, type CaseDraft, type Decide, type TurnRecord, type TurnStore } from './turnStore.ts';

/** Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset; raw writes must match it to sort and compare alike. */
export function sqliteTime(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

/**
 * The durable turn on SQLite as prepared statements in one synchronous
 * IMMEDIATE transaction, on its own connection. Prisma keeps the schema and
 * every other query; these statements follow its tables and formats.
 */
export function createSqliteTurnStore(file: string, writes: WriteLock): TurnStore {
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');

  const recordInbound = db.prepare(
    `INSERT INTO "InboundMessage" (id, channel, platformKey, contactId, receivedAt) VALUES (?, ?, ?, ?, ?)
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

  const insertCase = db.prepare(
    `INSERT INTO "Case" (id, trackingNumber, kind, category, programme, placeCode, upazilaCode, districtCode, description, state, tier, officeCode,
       urgent, urgentReasons, dueAt, contactId, channel, language, phoneSealed, shareIdentity, subjectName, subjectAge, subjectSex, consent, duplicateOf,
       eligibility, createdAt, updatedAt, concernsTier)
     VALUES (@id, @trackingNumber, @kind, @category, @programme, @placeCode, @upazilaCode, @districtCode, @description, 'received', @tier, @officeCode,
       @urgent, @urgentReasons, @dueAt, @contactId, @channel, @language, @phoneSealed, @shareIdentity, @subjectName, @subjectAge, @subjectSex, @consent,
       @duplicateOf, @eligibility, @createdAt, @createdAt, @concernsTier)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO "CaseEvent" (caseId, at, type, toState, tier, officeCode, actor) VALUES (?, ?, 'lodged', 'received', ?, ?, 'citizen')`,
  );
  const insertAttachment = db.prepare(`INSERT INTO "CaseAttachment" (caseId, kind, ref, transcript, createdAt) VALUES (?, ?, ?, ?, ?)`);

  const findRejected = db.prepare<[string, string], { id: string }>(`SELECT id FROM "Case" WHERE trackingNumber = ? AND contactId = ? AND state = 'rejected'`);
  const reopen = db.prepare(`UPDATE "Case" SET tier = ?, officeCode = ?, dueAt = ?, state = 'received', updatedAt = ?, closedAt = NULL WHERE id = ?`);
  const appealed = db.prepare(
    `INSERT INTO "CaseEvent" (caseId, at, type, fromState, toState, tier, officeCode, actor) VALUES (?, ?, 'appealed', 'rejected', 'received', ?, ?, 'citizen')`,
  );
  // A case open again no longer ends in the money: its follow-up questions not yet asked are dropped.
  const dropFollowUps = db.prepare(`DELETE FROM "FollowUp" WHERE caseId = ? AND sentAt IS NULL`);
  const appeal = (contactId: string, a: AppealDraft): void => {
    const c = findRejected.get(a.trackingNumber, contactId);
    if (!c) return;
    reopen.run(a.tier, a.officeCode, sqliteTime(a.dueAt), sqliteTime(a.at), c.id);
    appealed.run(c.id, sqliteTime(a.at), a.tier, a.officeCode);
    dropFollowUps.run(c.id);
  };

  // The first rating of the contact's own closed case counts; any other is ignored.
  const rate = db.prepare(
    `UPDATE "Case" SET rating = ?, ratedAt = ? WHERE trackingNumber = ? AND contactId = ? AND state IN ('resolved', 'rejected') AND rating IS NULL`,
  );

  // The first answer to the contact's own follow-up question, once asked, counts; any other is ignored.
  const answerFollowUp = db.prepare(
    `UPDATE "FollowUp" SET answer = ?, answeredAt = ?, grievanceId = ? WHERE id = ? AND contactId = ? AND sentAt IS NOT NULL AND answer IS NULL`,
  );

  const lodge = (contactId: string, channel: string, c: CaseDraft): void => {
    const at = sqliteTime(c.createdAt);
    insertCase.run({
      id: c.id,
      trackingNumber: c.trackingNumber,
      kind: c.kind,
      category: c.category,
      programme: c.programme,
      placeCode: c.placeCode,
      upazilaCode: c.upazilaCode,
      districtCode: c.districtCode,
      description: c.description,
      tier: c.tier,
      officeCode: c.officeCode,
      urgent: c.urgentReasons.length > 0 ? 1 : 0,
      urgentReasons: JSON.stringify(c.urgentReasons),
      dueAt: sqliteTime(c.dueAt),
      contactId,
      channel,
      language: c.language,
      phoneSealed: c.phoneSealed,
      shareIdentity: c.shareIdentity ? 1 : 0,
      subjectName: c.subjectName,
      subjectAge: c.subjectAge,
      subjectSex: c.subjectSex,
      consent: c.consent,
      duplicateOf: c.duplicateOf,
      eligibility: c.eligibility,
      createdAt: at,
      concernsTier: c.concernsTier,
    });
    insertEvent.run(c.id, at, c.tier, c.officeCode);
    for (const a of c.attachments) insertAttachment.run(c.id, a.kind, a.ref, a.transcript, at);
  };

  const turn = db.transaction((inbound: Inbound, decide: Decide): TurnRecord => {
    const contactId = contactIdFor(inbound.channel, inbound.userId);
    const now = sqliteTime(inbound.receivedAt);
    const fresh = recordInbound.run(`${contactId}:${inbound.messageId}`, inbound.channel, inbound.messageId, contactId, now);
    if (fresh.changes === 0) return { status: 'duplicate' };
    const contact = touchContact.get(contactId, inbound.channel, inbound.userId, now, now);
    const language = contact?.language === 'bn' || contact?.language === 'en' ? contact.language : null;
    const outcome = decide({ contactId, stateJson: readSession.get(contactId)?.state ?? null, language });
    saveSession.run(contactId, outcome.stateJson, now);
    if (outcome.language !== language) setLanguage.run(outcome.language, contactId);
    for (const c of outcome.cases ?? []) lodge(contactId, inbound.channel, c);
    for (const a of outcome.appeals ?? []) appeal(contactId, a);
    for (const r of outcome.ratings ?? []) if (isRating(r.rating)) rate.run(r.rating, now, r.trackingNumber, contactId);
    for (const f of outcome.followUpAnswers ?? []) {
      if (isStoredFollowUpAnswer(f.answer)) answerFollowUp.run(f.answer, now, f.grievanceId, f.followUpId, contactId);
    }
    for (const o of outcome.outbox) enqueue.run(contactId, inbound.channel, inbound.userId, o.payload, now, now);
    return { status: 'done', outboxCount: outcome.outbox.length };
  });

  return {
    // Synchronous underneath: nothing can interleave with a turn, and an exception rolls it back.
    run: (inbound, decide) => writes.run(async () => turn.immediate(inbound, decide)),
    close: async () => void db.close(),
  };
}
