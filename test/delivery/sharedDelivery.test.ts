import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/infra/db/client.ts';
import { applyPendingMigrations } from '../../src/infra/db/migrations.ts';
import { createTestDatabase, type ProviderName, type TestDatabase } from '../db/targets.ts';

/**
 * Claims of the outbox and shared paces, held to one contract on both
 * databases; on PostgreSQL also between two processes' connections at once
 * (two Db objects: two pools, as two Setu processes have).
 */
const at = new Date('2026-12-03T10:00:00Z');

async function queue(db: Db, contactId: string, n: number, extra: { status?: string; nextAttemptAt?: Date } = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const row = await db.prisma.outboxMessage.create({
      data: { contactId, channel: 'telegram', externalId: contactId.split(':')[1] ?? contactId, payload: `p${i}`, nextAttemptAt: extra.nextAttemptAt ?? at, createdAt: at, ...(extra.status ? { status: extra.status } : {}) },
    });
    ids.push(row.id);
  }
  return ids;
}

describe.each<ProviderName>(['sqlite', 'postgresql'])('outbox claims and paces on %s', (provider) => {
  let target: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    target = await createTestDatabase(provider);
    await applyPendingMigrations(target.url);
    db = await createDb(target.url);
  });
  afterAll(async () => {
    await db.close();
    await target.drop();
  });

  it('claims only the head of each contact’s queue, only on channels asked for, and not behind a retry that waits', async () => {
    const a = await queue(db, 'telegram:1', 3);
    const b = await queue(db, 'telegram:2', 2);
    // Contact 3's first message waits for a retry a minute on: its second must wait behind it.
    await queue(db, 'telegram:3', 1, { nextAttemptAt: new Date(at.getTime() + 60_000) });
    await queue(db, 'telegram:3', 1);
    await db.prisma.outboxMessage.create({ data: { contactId: 'messenger:9', channel: 'messenger', externalId: '9', payload: 'm', nextAttemptAt: at, createdAt: at } });

    const first = await db.claims.claimHeads({ channels: ['telegram'], holder: 'h1', now: at, limit: 10 });
    expect(first.map((r) => r.id)).toEqual([a[0], b[0]]);
    expect(first[0]?.createdAt.getTime()).toBe(at.getTime());
    // While the heads are on their way nothing else of those contacts can be claimed.
    expect(await db.claims.claimHeads({ channels: ['telegram'], holder: 'h2', now: at, limit: 10 })).toEqual([]);
    const claimed = await db.prisma.outboxMessage.findMany({ where: { status: 'sending' }, orderBy: { id: 'asc' } });
    expect(claimed.map((r) => [r.id, r.claimedBy])).toEqual([
      [a[0], 'h1'],
      [b[0], 'h1'],
    ]);
    // Contact 1's head is sent: its second message is the head now, and goes to whoever asks.
    await db.prisma.outboxMessage.update({ where: { id: a[0] as number }, data: { status: 'sent', claimedBy: null } });
    expect((await db.claims.claimHeads({ channels: ['telegram'], holder: 'h2', now: at, limit: 10 })).map((r) => r.id)).toEqual([a[1]]);
    await db.prisma.outboxMessage.deleteMany({});
  });

  it('keeps to the limit of contacts, oldest first, and to one contact when asked', async () => {
    // One after the other, so that contact 4's message is the newest and not among the two oldest.
    const ids: number[][] = [];
    for (const c of [1, 2, 3, 4]) ids.push(await queue(db, `telegram:${c}`, 1));
    const two = await db.claims.claimHeads({ channels: ['telegram'], holder: 'h', now: at, limit: 2 });
    expect(two.map((r) => r.id)).toEqual(ids.flat().sort((x, y) => x - y).slice(0, 2));
    const only = await db.claims.claimHeads({ channels: ['telegram'], holder: 'h', now: at, limit: 5, onlyContactId: 'telegram:4' });
    expect(only.map((r) => r.contactId)).toEqual(['telegram:4']);
    await db.prisma.outboxMessage.deleteMany({});
  });

  it('reads what waits behind the contacts asked for: their pending due messages, oldest first, at most so many each', async () => {
    const a = await queue(db, 'telegram:60', 5);
    const b = await queue(db, 'telegram:61', 2);
    await queue(db, 'telegram:61', 1, { nextAttemptAt: new Date(at.getTime() + 60_000) });
    await queue(db, 'telegram:62', 3);
    const rows = await db.claims.followers(['telegram:60', 'telegram:61'], at, 3);
    expect(rows.map((r) => r.id)).toEqual([...a.slice(0, 3), ...b]);
    expect(await db.claims.followers([], at, 3)).toEqual([]);
    await db.prisma.outboxMessage.deleteMany({});
  });

  it('finds a head behind more followers than the quick look reads: a long queue paced by the platform does not hide other contacts', async () => {
    // Contact 50's head is on its way and 600 of its messages wait behind it; contact 51 has one message, queued after them all.
    const blocked = await queue(db, 'telegram:50', 1, { status: 'sending' });
    const rows = Array.from({ length: 600 }, (_, i) => ({ contactId: 'telegram:50', channel: 'telegram', externalId: '50', payload: `f${i}`, nextAttemptAt: at, createdAt: at }));
    await db.prisma.outboxMessage.createMany({ data: rows });
    const [other] = await queue(db, 'telegram:51', 1);
    const claimed = await db.claims.claimHeads({ channels: ['telegram'], holder: 'h', now: at, limit: 10 });
    expect(claimed.map((r) => r.id)).toEqual([other]);
    // Once the head is sent, contact 50's next message is the oldest head: the quick look finds it.
    await db.prisma.outboxMessage.update({ where: { id: blocked[0] as number }, data: { status: 'sent' } });
    const next = await db.claims.claimHeads({ channels: ['telegram'], holder: 'h', now: at, limit: 10 });
    expect(next.map((r) => r.payload)).toEqual(['f0']);
    await db.prisma.outboxMessage.deleteMany({});
  });

  if (provider === 'postgresql') {
    it('gives two processes claiming at once different contacts, never one contact to both, and each contact’s messages in order', async () => {
      const other = await createDb(target.url);
      try {
        const contacts = Array.from({ length: 30 }, (_, i) => `telegram:${100 + i}`);
        for (const c of contacts) await queue(db, c, 4);
        const sentOrder = new Map<string, number[]>();
        let rounds = 0;
        // Both claim, "send" and mark, as fast as they can, at the same time, until everything is sent.
        const claimer = async (one: Db, holder: string): Promise<void> => {
          for (;;) {
            rounds += 1;
            const heads = await one.claims.claimHeads({ channels: ['telegram'], holder, now: at, limit: 7 });
            if (heads.length === 0) {
              if ((await one.prisma.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0) return;
              continue;
            }
            for (const h of heads) sentOrder.set(h.contactId, [...(sentOrder.get(h.contactId) ?? []), h.id]);
            await one.prisma.outboxMessage.updateMany({ where: { id: { in: heads.map((h) => h.id) }, claimedBy: holder }, data: { status: 'sent', claimedBy: null } });
          }
        };
        await Promise.all([claimer(db, 'p1'), claimer(other, 'p2')]);
        expect(rounds).toBeGreaterThan(2);
        for (const c of contacts) {
          const order = sentOrder.get(c) ?? [];
          expect(order).toHaveLength(4);
          expect([...order].sort((x, y) => x - y)).toEqual(order);
        }
      } finally {
        await other.close();
        await db.prisma.outboxMessage.deleteMany({});
      }
    });

    it('shares one pace between processes: bookings under a key are an interval apart whoever makes them', async () => {
      const other = await createDb(target.url);
      try {
        const pace = db.pace;
        const theirs = other.pace;
        if (!pace || !theirs) throw new Error('PostgreSQL has a shared pace');
        const now = Date.now();
        const booked = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? pace : theirs).book('telegram/bot', 1000 / 30, now)));
        booked.sort((x, y) => x - y);
        for (let i = 1; i < booked.length; i += 1) expect((booked[i] as number) - (booked[i - 1] as number)).toBeCloseTo(1000 / 30, 2);
        // 60 sends at 30 a second take two seconds from the first moment, together.
        expect((booked.at(-1) as number) - (booked[0] as number)).toBeCloseTo((59 * 1000) / 30, 1);
        // A chat held back for the bot-wide pace: its next slot follows the hold, not the booking.
        await pace.book('telegram/chat/7', 1000, now);
        await theirs.hold('telegram/chat/7', now + 5000);
        expect(await theirs.book('telegram/chat/7', 1000, now)).toBeCloseTo(now + 5000, 3);
        expect(await pace.forget(now + 60_000)).toBeGreaterThanOrEqual(2);
      } finally {
        await other.close();
      }
    });
  } else {
    it('has no shared pace: one process sends, and paces in memory', () => {
      expect(db.pace).toBeNull();
    });
  }
});
