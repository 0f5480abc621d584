import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/officers/audit.ts';
import { sealOutboxPayload } from '../../src/infra/delivery/sender.ts';
import { RecordingSender, say, startTestApp } from '../support/appHarness.ts';
import { readOutbox } from '../support/outbox.ts';
import { createTestDatabase, type ProviderName } from '../db/targets.ts';

/**
 * The retention job over a real database: what is past its days is deleted
 * (inbound records, quarantined updates, delivered, failed and released outbox
 * rows) or blanked (audit detail); what is recent, waiting or needed for good
 * stays. Defaults: 30 days for messages, 365 for audit detail.
 */

type TestApp = Awaited<ReturnType<typeof startTestApp>>;
const DAY = 86_400_000;

describe.each<ProviderName>(['sqlite', 'postgresql'])('retention (%s)', (provider) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp;
  const sender = new RecordingSender();

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    app = await startTestApp(db.url, sender);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const outboxRow = (status: string, at: Date) => ({
    contactId: 'test:old',
    channel: 'test',
    externalId: 'old',
    payload: sealOutboxPayload(app.cipher, { key: 'k', lang: 'bn', text: status, choices: [] }),
    purpose: 'case_update',
    status,
    nextAttemptAt: at,
    createdAt: at,
  });

  it('deletes old messages and blanks old audit detail, keeping what is recent or still waiting', async () => {
    const start = app.clock.now();
    // An old conversation, an old held message (the Messenger window closed), an old failed one, old audit and quarantine.
    await say(app, 'old', { type: 'start' });
    await say(app, 'old', 'হ্যালো');
    const prisma = app.db.prisma;
    await prisma.outboxMessage.create({ data: outboxRow('held', start) });
    await prisma.outboxMessage.create({ data: outboxRow('failed', start) });
    await prisma.outboxMessage.create({ data: outboxRow('released', start) });
    await prisma.quarantinedUpdate.create({ data: { channel: 'telegram', platformKey: 'q-old', body: app.cipher.encrypt('{}'), error: 'e', at: start } });
    await audit(prisma, { at: new Date(start.getTime() - 400 * DAY), actor: 'officer-1', action: 'case.export', detail: { count: 3, reveal: true } });
    await audit(prisma, { at: start, actor: 'officer-1', action: 'case.export', detail: { count: 4, reveal: false } });
    // A Direct Line conversation (the web page) last seen then, with an activity.
    await prisma.directLineConversation.create({ data: { id: 'dl-old', createdAt: start, lastSeenAt: start } });
    await prisma.directLineActivity.create({ data: { conversationId: 'dl-old', activity: app.cipher.encrypt('{}'), createdAt: start } });
    const oldSent = await prisma.outboxMessage.count({ where: { contactId: 'test:old', status: 'sent' } });
    expect(oldSent).toBeGreaterThan(0);

    // 31 days later: a new conversation, a new quarantined update.
    app.clock.advance(31 * DAY);
    await say(app, 'new', { type: 'start' });
    await prisma.quarantinedUpdate.create({ data: { channel: 'telegram', platformKey: 'q-new', body: app.cipher.encrypt('{}'), error: 'e', at: app.clock.now() } });
    await prisma.outboxMessage.create({ data: { ...outboxRow('pending', start), contactId: 'test:waiting' } });
    await prisma.directLineConversation.create({ data: { id: 'dl-new', createdAt: app.clock.now(), lastSeenAt: app.clock.now() } });

    // Paces of a chat that went quiet long ago, and of one just now.
    await prisma.sendPace.create({ data: { key: 'telegram/chat/old', nextAt: BigInt(start.getTime()) * 1000n } });
    await prisma.sendPace.create({ data: { key: 'telegram/chat/new', nextAt: BigInt(app.clock.now().getTime()) * 1000n } });

    const report = await app.applyRetention();
    expect(report).toEqual({ inbound: 2, quarantined: 1, outbox: oldSent + 2, directLine: 1, auditDetail: 1, paces: 1, sealed: 0 });
    expect((await prisma.sendPace.findMany()).map((p) => p.key)).toEqual(['telegram/chat/new']);

    expect((await prisma.inboundMessage.findMany()).map((r) => r.contactId)).toEqual(['test:new']);
    expect((await prisma.quarantinedUpdate.findMany()).map((q) => q.platformKey)).toEqual(['q-new']);
    expect((await prisma.directLineConversation.findMany()).map((c) => c.id)).toEqual(['dl-new']);
    expect(await prisma.directLineActivity.count({ where: { conversationId: 'dl-old' } })).toBe(0);
    // Held and pending messages are never deleted, however old: they have not reached the citizen yet.
    const left = await readOutbox(app);
    expect(left.filter((o) => o.status !== 'sent').map((o) => [o.status, o.message.text])).toEqual([
      ['held', 'held'],
      ['pending', 'pending'],
    ]);
    expect(left.filter((o) => o.status === 'sent').length).toBeGreaterThan(0);
    expect(await prisma.outboxMessage.count({ where: { contactId: 'test:new', status: 'sent' } })).toBe(left.filter((o) => o.status === 'sent').length);
    // Who did what, and when, stays; only the old entry's detail is gone.
    const entries = await prisma.auditEntry.findMany({ orderBy: { at: 'asc' } });
    expect(entries.map((e) => [e.actor, e.action, e.detail])).toEqual([
      ['officer-1', 'case.export', '{}'],
      ['officer-1', 'case.export', '{"count":4,"reveal":false}'],
    ]);
    // Sessions and contacts are not messages: the old user's conversation goes on.
    expect(await prisma.session.count({ where: { contactId: 'test:old' } })).toBe(1);

    // A second pass finds nothing more to do.
    expect(await app.applyRetention()).toEqual({ inbound: 0, quarantined: 0, outbox: 0, directLine: 0, auditDetail: 0, paces: 0, sealed: 0 });
  });

  it('seals what an older version stored in clear: case descriptions, officers\' notes, outbox payloads, quarantined updates', async () => {
    const prisma = app.db.prisma;
    const now = app.clock.now();
    const words = 'NID 5791357913, no money since June';
    await prisma.case.create({
      data: {
        id: 'legacy-case', trackingNumber: '100000017', kind: 'grievance', category: 'other', placeCode: 'p', upazilaCode: 'u', districtCode: 'd', description: words,
        state: 'received', tier: 'upazila', officeCode: 'upazila:u', dueAt: now, contactId: 'test:legacy', channel: 'test', language: 'en', createdAt: now, updatedAt: now,
      },
    });
    await prisma.caseEvent.create({ data: { caseId: 'legacy-case', at: now, type: 'replied', note: 'call 01555123456', actor: 'officer' } });
    await prisma.caseEvent.create({ data: { caseId: 'legacy-case', at: now, type: 'escalated', note: 'deadline passed at union', actor: 'system' } });
    const message = { key: 'cases:notice.reply', lang: 'en' as const, text: 'call 01555123456', choices: [] };
    await prisma.outboxMessage.create({ data: { ...outboxRow('held', now), contactId: 'test:legacy', payload: JSON.stringify(message) } });
    await prisma.quarantinedUpdate.create({ data: { channel: 'telegram', platformKey: 'q-legacy', body: '{"text":"01666111222"}', error: 'e', at: now } });

    expect(await app.applyRetention()).toMatchObject({ sealed: 4 });
    const c = await prisma.case.findUniqueOrThrow({ where: { id: 'legacy-case' } });
    expect(app.cipher.decrypt(c.description)).toBe(words);
    const notes = await prisma.caseEvent.findMany({ where: { caseId: 'legacy-case' }, orderBy: { id: 'asc' } });
    expect(app.cipher.decrypt(notes[0]?.note ?? '')).toBe('call 01555123456');
    expect(notes[1]?.note).toBe('deadline passed at union');
    expect((await readOutbox(app, { contactId: 'test:legacy' })).map((o) => o.message)).toEqual([message]);
    expect((await prisma.outboxMessage.findFirstOrThrow({ where: { contactId: 'test:legacy' } })).payload).not.toContain('01555123456');
    const q = await prisma.quarantinedUpdate.findFirstOrThrow({ where: { platformKey: 'q-legacy' } });
    expect(app.cipher.decrypt(q.body)).toBe('{"text":"01666111222"}');
    expect(await app.applyRetention()).toMatchObject({ sealed: 0 });
  });
});

describe('retention settings', () => {
  it('follow RETENTION_INBOUND_DAYS, RETENTION_OUTBOX_DAYS and RETENTION_AUDIT_DETAIL_DAYS', async () => {
    const db = await createTestDatabase('sqlite');
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender, undefined, { RETENTION_INBOUND_DAYS: '2', RETENTION_OUTBOX_DAYS: '5', RETENTION_AUDIT_DETAIL_DAYS: '10' });
    try {
      await say(app, 'u', { type: 'start' });
      await audit(app.db.prisma, { at: app.clock.now(), actor: 'cli', action: 'case.export', detail: { count: 1 } });
      app.clock.advance(3 * DAY);
      expect(await app.applyRetention()).toEqual({ inbound: 1, quarantined: 0, outbox: 0, directLine: 0, auditDetail: 0, paces: 0, sealed: 0 });
      app.clock.advance(3 * DAY);
      expect(await app.applyRetention()).toMatchObject({ inbound: 0, outbox: 2, auditDetail: 0 });
      app.clock.advance(5 * DAY);
      expect(await app.applyRetention()).toMatchObject({ auditDetail: 1 });
    } finally {
      await app.close();
      await db.drop();
    }
  });

  it('runs in one process at a time: a second one on the same database waits its turn', async () => {
    const db = await createTestDatabase('postgresql');
    const a = await startTestApp(db.url, new RecordingSender());
    const b = await startTestApp(db.url, new RecordingSender(), a.clock);
    try {
      const [ra, rb] = await Promise.all([a.applyRetention(), b.applyRetention()]);
      expect([ra, rb].filter((r) => r === null)).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});
