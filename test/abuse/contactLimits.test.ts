import { afterEach, describe, expect, it } from 'vitest';
import { dammCheckDigit } from '../../src/domain/cases/trackingNumber.ts';
import type { InboundBody } from '../../src/engine/types.ts';
import { RecordingSender, say, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * Limits per contact, on the real pipeline and database: a flood gets one
 * "slow down" and is not turned into turns; a contact lodges at most 5 cases
 * a day; other people's tracking numbers can be looked up 5 times a day, so a
 * sweep finds nothing past that, while one's own cases are always shown.
 */
const GRIEVANCE: Array<InboundBody | string> = [
  { type: 'start', payload: 'grievance' },
  'English',
  { type: 'choice', choiceId: 'cat.not_received' },
  { type: 'choice', choiceId: 'prog.old_age' },
  'tungipara gopalganj',
  '1',
  '1',
  'No money for three months.',
  { type: 'choice', choiceId: 'phone.skip' },
  { type: 'choice', choiceId: 'id.private' },
  { type: 'choice', choiceId: 'sum.submit' },
];

async function lodge(app: TestApp, user: string): Promise<void> {
  for (const step of GRIEVANCE) await say(app, user, step);
}

const keysTo = (sender: RecordingSender, user: string): string[] => sender.delivered.filter((d) => d.externalId === user).map((d) => d.message.key);

/** A tracking number with a good check digit, from eight digits. */
const numberFrom = (n: number): string => {
  const digits = String(10_000_000 + n).slice(-8);
  return `${digits}${dammCheckDigit(digits)}`;
};

describe('limits per contact', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function boot(env: Record<string, string> = {}): Promise<{ app: TestApp; sender: RecordingSender }> {
    const db = tempSqliteUrl();
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender, undefined, env);
    cleanups.push(db.cleanup, () => app.close());
    return { app, sender };
  }

  it('a flood: the first 15 at once are turns, the 16th gets one "slow down", the rest are dropped unwritten; a minute later it talks again', async () => {
    const { app, sender } = await boot();
    await say(app, 'flood', { type: 'start' });
    await say(app, 'flood', 'English');
    app.clock.advance(60_000);
    const statuses: string[] = [];
    for (let i = 0; i < 40; i++) {
      const record = await app.pipeline.handle({ channel: 'test', userId: 'flood', messageId: `f${i}`, body: { type: 'text', text: 'hello' }, receivedAt: app.clock.now() });
      statuses.push(record.status);
    }
    await app.worker.drain();
    expect(statuses.filter((s) => s === 'done')).toHaveLength(15);
    expect(statuses.filter((s) => s === 'limited')).toHaveLength(25);
    expect(keysTo(sender, 'flood').filter((k) => k === 'limits:slow_down')).toHaveLength(1);
    const slow = sender.delivered.find((d) => d.message.key === 'limits:slow_down');
    expect(slow?.message.text).toMatch(/slow|wait a minute/i);
    // 2 + 15 turns and the one "slow down": nothing of the other 24 was written.
    expect(await app.db.prisma.inboundMessage.count({ where: { contactId: 'test:flood' } })).toBe(18);
    // Someone else is not held up by it.
    await say(app, 'calm', { type: 'start' });
    expect(keysTo(sender, 'calm')).toContain('common:welcome');
    app.clock.advance(60_000);
    const after = await say(app, 'flood', 'menu');
    expect(after.status).toBe('done');
    expect(keysTo(sender, 'flood').at(-1)).toBe('menu:prompt');
  });

  it('a sixth case in 24 hours is refused with 333 and how to follow the others; the next day it is taken', async () => {
    const { app, sender } = await boot();
    for (let i = 0; i < 5; i++) await lodge(app, 'busy');
    expect(await app.db.prisma.case.count({ where: { contactId: 'test:busy' } })).toBe(5);
    await lodge(app, 'busy');
    expect(await app.db.prisma.case.count({ where: { contactId: 'test:busy' } })).toBe(5);
    const refusal = sender.delivered.filter((d) => d.externalId === 'busy').at(-2)?.message;
    expect(refusal?.key).toBe('limits:cases_today');
    expect(refusal?.text).toContain('333');
    expect(refusal?.text).toContain('My complaints');
    expect(sender.delivered.filter((d) => d.externalId === 'busy').at(-1)?.message.choices.map((c) => c.id)).toContain('menu.status');
    // Someone else lodges as usual.
    await lodge(app, 'other');
    expect(await app.db.prisma.case.count({ where: { contactId: 'test:other' } })).toBe(1);
    app.clock.advance(24 * 3_600_000);
    await lodge(app, 'busy');
    expect(await app.db.prisma.case.count({ where: { contactId: 'test:busy' } })).toBe(6);
  });

  it('a sweep of 202 tracking numbers finds neither planted case; the sweeper is told after 5; their own case is still shown', async () => {
    const { app, sender } = await boot();
    await lodge(app, 'victim');
    await lodge(app, 'victim');
    const planted = (await app.db.prisma.case.findMany({ where: { contactId: 'test:victim' } })).map((c) => c.trackingNumber);
    expect(planted).toHaveLength(2);
    await lodge(app, 'sweeper');
    const own = (await app.db.prisma.case.findFirstOrThrow({ where: { contactId: 'test:sweeper' } })).trackingNumber;
    const sweep = Array.from({ length: 200 }, (_, i) => numberFrom(i * 7919 + 13)).filter((n) => !planted.includes(n) && n !== own);
    sweep.splice(20, 0, planted[0] ?? '');
    sweep.splice(150, 0, planted[1] ?? '');
    const before = sender.delivered.length;
    for (const n of sweep) await say(app, 'sweeper', n);
    const seen = sender.delivered.slice(before).filter((d) => d.externalId === 'sweeper');
    expect(seen.filter((d) => d.message.key === 'status:case_limited')).toHaveLength(0);
    expect(seen.filter((d) => d.message.key === 'status:unknown')).toHaveLength(5);
    expect(seen.filter((d) => d.message.key === 'limits:status_lookups').length).toBe(sweep.length - 5);
    expect(seen.find((d) => d.message.key === 'limits:status_lookups')?.message.text).toContain('333');
    // Their own case is not counted and never hidden.
    await say(app, 'sweeper', 'menu');
    await say(app, 'sweeper', own);
    expect(keysTo(sender, 'sweeper')).toContain('status:case');
  });

  it('within the limit, someone else\'s case shows only its state and dates', async () => {
    const { app, sender } = await boot();
    await lodge(app, 'victim');
    const number = (await app.db.prisma.case.findFirstOrThrow({ where: { contactId: 'test:victim' } })).trackingNumber;
    await say(app, 'curious', { type: 'start' });
    await say(app, 'curious', 'English');
    await say(app, 'curious', number);
    const shown = sender.delivered.filter((d) => d.externalId === 'curious').find((d) => d.message.key === 'status:case_limited');
    expect(shown?.message.text).not.toMatch(/Tungipara|three months/i);
  });
});
