import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbound } from '../../src/engine/types.ts';
import { createDb, type Db } from '../../src/infra/db/client.ts';
import { DEFAULT_PG_ADMIN_URL } from '../../src/infra/db/migrate/drift.ts';
import { layout, readMigrations } from '../../src/infra/db/migrate/layout.ts';
import { applyPendingMigrations, migrationStatus } from '../../src/infra/db/migrations.ts';
import { AbortTurn, createPrismaTurnStore } from '../../src/infra/db/turnStore.ts';

/**
 * The repository layer on both databases Setu runs on. The PostgreSQL half
 * needs the server on 127.0.0.1:5432 (CI runs on the same machine): it fails,
 * not skips, without one.
 */
interface Provider {
  name: 'sqlite' | 'postgresql';
  label: string;
  /** Run the turn contract against Prisma's turn store even where another is the default. */
  prismaTurns?: boolean;
  create(): Promise<{ url: string; drop(): Promise<void> }>;
}

const PROVIDERS: Provider[] = [
  ...[false, true].map((prismaTurns) => ({
    name: 'sqlite' as const,
    label: prismaTurns ? 'SQLite, Prisma turn store' : 'SQLite',
    prismaTurns,
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'setu-db-'));
      return { url: `file:${join(dir, 'setu.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  })),
  ...[false, true].map((prismaTurns) => ({
    name: 'postgresql' as const,
    label: prismaTurns ? 'PostgreSQL, Prisma turn store' : 'PostgreSQL',
    prismaTurns,
    async create() {
      const adminUrl = process.env.POSTGRES_ADMIN_URL ?? DEFAULT_PG_ADMIN_URL;
      const name = `setu_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        async drop() {
          const again = new pg.Client({ connectionString: adminUrl });
          await again.connect();
          await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await again.end();
        },
      };
    },
  })),
];

const at = (iso: string): Date => new Date(iso);

function inbound(userId: string, messageId: string, text: string): Inbound {
  return { channel: 'test', userId, messageId, body: { type: 'text', text }, receivedAt: at('2026-11-22T09:00:00Z') };
}

describe.each(PROVIDERS)('repositories on $label', (provider) => {
  let url = '';
  let drop: () => Promise<void> = async () => {};
  let db: Db | undefined;
  let firstRun: string[] = [];

  beforeAll(async () => {
    ({ url, drop } = await provider.create());
    // Two processes starting at once must apply each migration exactly once.
    const [a, b] = await Promise.all([applyPendingMigrations(url), applyPendingMigrations(url)]);
    firstRun = [...a.applied, ...b.applied];
    db = await createDb(url);
  });

  afterAll(async () => {
    await db?.close();
    await drop();
  });

  const turns = () => {
    if (!db) throw new Error('database not open');
    return provider.prismaTurns ? createPrismaTurnStore(db.prisma) : db.turns;
  };
  const prisma = () => {
    if (!db) throw new Error('database not open');
    return db.prisma;
  };

  it('applies every committed migration to an empty database once, and nothing the second time', async () => {
    const committed = readMigrations(layout(provider.name).migrations).map((m) => m.name);
    expect(committed.length).toBeGreaterThan(0);
    expect(firstRun).toEqual(committed);
    expect((await applyPendingMigrations(url)).applied).toEqual([]);
    expect(await migrationStatus(url)).toEqual({ applied: committed, pending: [] });
    expect(db?.provider).toBe(provider.name);
  });

  it('records a turn and its replies in one go, and reports a re-delivered message as a duplicate', async () => {
    const decide = () => ({ stateJson: '{"v":1}', language: 'bn' as const, outbox: [{ payload: '{"n":1}' }, { payload: '{"n":2}' }] });
    expect(await turns().run(inbound('rahima', 'm-1', 'হ্যালো'), decide)).toEqual({ status: 'done', outboxCount: 2 });
    expect(await turns().run(inbound('rahima', 'm-1', 'হ্যালো'), decide)).toEqual({ status: 'duplicate' });

    const rows = await prisma().outboxMessage.findMany({ where: { contactId: 'test:rahima' }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.payload, r.status, r.attempts])).toEqual([
      ['{"n":1}', 'pending', 0],
      ['{"n":2}', 'pending', 0],
    ]);
    expect(rows[0]?.nextAttemptAt.toISOString()).toBe('2026-11-22T09:00:00.000Z');
    const contact = await prisma().contact.findUniqueOrThrow({ where: { id: 'test:rahima' } });
    expect(contact).toMatchObject({ channel: 'test', externalId: 'rahima', language: 'bn', unreachable: false });
    expect(await prisma().session.findUniqueOrThrow({ where: { contactId: 'test:rahima' } })).toMatchObject({ state: '{"v":1}', version: 1 });
  });

  it('refuses a second inbound row with the same channel and platform key', async () => {
    const row = { channel: 'test', platformKey: 'dup-1', contactId: 'test:x', receivedAt: at('2026-11-22T09:00:00Z') };
    await prisma().inboundMessage.create({ data: { id: 'a', ...row } });
    await expect(prisma().inboundMessage.create({ data: { id: 'b', ...row } })).rejects.toMatchObject({ code: 'P2002' });
    expect(await prisma().inboundMessage.count({ where: { platformKey: 'dup-1' } })).toBe(1);
  });

  it('leaves nothing behind when a turn is abandoned half-way', async () => {
    const before = await prisma().inboundMessage.count();
    await expect(
      turns().run(inbound('karim', 'm-9', 'hello'), () => {
        throw new AbortTurn('the engine wants the understander first');
      }),
    ).rejects.toBeInstanceOf(AbortTurn);
    expect(await prisma().inboundMessage.count()).toBe(before);
    expect(await prisma().contact.findUnique({ where: { id: 'test:karim' } })).toBeNull();
    // The same message then goes through cleanly: it was never recorded as seen.
    const ok = await turns().run(inbound('karim', 'm-9', 'hello'), () => ({ stateJson: '{}', language: null, outbox: [] }));
    expect(ok).toEqual({ status: 'done', outboxCount: 0 });
  });

  it('stores the first rating of a closed case of the turn\'s own contact, and no other', async () => {
    const base = { kind: 'grievance', category: 'other', placeCode: 'p', upazilaCode: 'u', districtCode: 'd', description: '—', tier: 'upazila', officeCode: 'upazila:u', channel: 'test', language: 'bn' };
    const times = { dueAt: at('2026-12-01T00:00:00Z'), createdAt: at('2026-11-01T00:00:00Z'), updatedAt: at('2026-11-01T00:00:00Z') };
    const earlier = at('2026-11-20T08:00:00Z');
    const rows = [
      { trackingNumber: '100000001', state: 'resolved', contactId: 'test:nasrin' },
      { trackingNumber: '100000002', state: 'rejected', contactId: 'test:nasrin' },
      { trackingNumber: '100000003', state: 'in_progress', contactId: 'test:nasrin' },
      { trackingNumber: '100000004', state: 'resolved', contactId: 'test:someone' },
      { trackingNumber: '100000005', state: 'resolved', contactId: 'test:nasrin', rating: 2, ratedAt: earlier },
      { trackingNumber: '100000006', state: 'resolved', contactId: 'test:nasrin' },
    ];
    for (const r of rows) await prisma().case.create({ data: { ...base, ...times, id: `rated-${r.trackingNumber}`, ...r } });
    const ratings = [
      { trackingNumber: '100000001', rating: 4 },
      { trackingNumber: '100000002', rating: 1 },
      { trackingNumber: '100000003', rating: 5 },
      { trackingNumber: '100000004', rating: 5 },
      { trackingNumber: '100000005', rating: 5 },
      { trackingNumber: '100000006', rating: 7 },
      { trackingNumber: '999999999', rating: 3 },
      // Twice in one turn: the first counts here too.
      { trackingNumber: '100000001', rating: 1 },
    ];
    const decide = () => ({ stateJson: '{}', language: null, outbox: [], ratings });
    expect(await turns().run(inbound('nasrin', 'rate-1', 'x'), decide)).toEqual({ status: 'done', outboxCount: 0 });

    const stored = await prisma().case.findMany({ where: { id: { startsWith: 'rated-' } }, orderBy: { trackingNumber: 'asc' }, select: { trackingNumber: true, rating: true, ratedAt: true } });
    const now = at('2026-11-22T09:00:00Z');
    expect(stored).toEqual([
      { trackingNumber: '100000001', rating: 4, ratedAt: now },
      { trackingNumber: '100000002', rating: 1, ratedAt: now },
      { trackingNumber: '100000003', rating: null, ratedAt: null },
      { trackingNumber: '100000004', rating: null, ratedAt: null },
      { trackingNumber: '100000005', rating: 2, ratedAt: earlier },
      { trackingNumber: '100000006', rating: null, ratedAt: null },
    ]);
  });

  it("records the first answer to the turn's own contact's follow-up questions once asked, and no other", async () => {
    const asked = at('2026-11-01T09:00:00Z');
    const base = { caseId: 'fu-case', audience: 'citizen', dueAt: asked };
    const rows = [
      { round: 1, contactId: 'test:shahana', sentAt: asked },
      { round: 2, contactId: 'test:shahana', sentAt: null },
      { round: 3, contactId: 'test:someone', sentAt: asked },
      { round: 4, contactId: 'test:shahana', sentAt: asked, answer: 'yes', answeredAt: asked },
      { round: 5, contactId: 'test:shahana', sentAt: asked },
    ];
    const ids: number[] = [];
    for (const r of rows) ids.push((await prisma().followUp.create({ data: { ...base, ...r } })).id);
    const [asked1, notAsked, theirs, answered, asked5] = ids as [number, number, number, number, number];
    const followUpAnswers = [
      { followUpId: asked1, answer: 'no', grievanceId: 'g-1' },
      { followUpId: notAsked, answer: 'yes', grievanceId: null },
      { followUpId: theirs, answer: 'yes', grievanceId: null },
      { followUpId: answered, answer: 'no', grievanceId: 'g-2' },
      { followUpId: asked5, answer: 'maybe', grievanceId: null },
      // Twice in one turn: the first counts.
      { followUpId: asked1, answer: 'yes', grievanceId: null },
    ];
    expect(await turns().run(inbound('shahana', 'fu-1', 'না'), () => ({ stateJson: '{}', language: null, outbox: [], followUpAnswers }))).toEqual({ status: 'done', outboxCount: 0 });
    const stored = await prisma().followUp.findMany({ where: { caseId: 'fu-case' }, orderBy: { round: 'asc' }, select: { answer: true, answeredAt: true, grievanceId: true } });
    const now = at('2026-11-22T09:00:00Z');
    expect(stored).toEqual([
      { answer: 'no', answeredAt: now, grievanceId: 'g-1' },
      { answer: null, answeredAt: null, grievanceId: null },
      { answer: null, answeredAt: null, grievanceId: null },
      { answer: 'yes', answeredAt: asked, grievanceId: null },
      { answer: null, answeredAt: null, grievanceId: null },
    ]);
  });

  it('keeps a Bangla payload and a retry schedule intact', async () => {
    const text = JSON.stringify({ text: 'আপনার বয়স কত? ৬৭ 👵' });
    const created = await prisma().outboxMessage.create({
      data: { contactId: 'test:amena', channel: 'test', externalId: 'amena', payload: text, nextAttemptAt: at('2026-11-22T10:00:00Z'), createdAt: at('2026-11-22T09:59:00Z') },
    });
    await prisma().outboxMessage.update({ where: { id: created.id }, data: { attempts: 3, lastError: '429 retry_after 5', nextAttemptAt: at('2026-11-22T10:00:05Z') } });
    const due = await prisma().outboxMessage.findMany({ where: { status: 'pending', nextAttemptAt: { lte: at('2026-11-22T10:00:05Z') }, contactId: 'test:amena' } });
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ payload: text, attempts: 3, lastError: '429 retry_after 5', sentAt: null });
  });
});
