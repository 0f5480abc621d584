import { afterEach, describe, expect, it } from 'vitest';
import { RecordingSender, say, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';

describe('the turn pipeline on SQLite', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('holds a Bangla conversation, keeps the outbox, and continues after a restart', async () => {
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const sender = new RecordingSender();
    let app = await startTestApp(db.url, sender);

    await say(app, 'rahima', { type: 'start' });
    // Bangla by default, the menu at once (with a one-tap switch to English), no language question first.
    expect(sender.delivered.map((d) => d.message.key)).toEqual(['common:welcome', 'menu:prompt']);
    expect(sender.delivered.at(-1)?.message.choices.map((c) => c.id)).toContain('lang.en');
    await say(app, 'rahima', { type: 'choice', choiceId: 'menu.eligibility' });
    await say(app, 'rahima', 'অন্য কারও জন্য');
    await say(app, 'rahima', '৬৭ বছর');
    const beforeRestart = sender.delivered.length;
    const lastQuestion = sender.delivered.at(-1)?.message;
    expect(lastQuestion?.key).toBe('eligibility:ask.sex.other');
    expect(lastQuestion?.lang).toBe('bn');
    expect(lastQuestion?.text).toMatch(/তিনি/);

    const rows = await app.db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(beforeRestart);
    expect(rows.every((r) => r.status === 'sent' && r.externalId === 'rahima')).toBe(true);
    await app.close();

    // A new process on the same file: the conversation goes on where it was.
    app = await startTestApp(db.url, sender, app.clock);
    await say(app, 'rahima', 'মহিলা');
    const next = sender.delivered.at(-1)?.message;
    expect(next?.key).toBe('eligibility:ask.maritalStatus.other');
    expect(next?.lang).toBe('bn');
    const contact = await app.db.prisma.contact.findUniqueOrThrow({ where: { id: 'test:rahima' } });
    expect(contact.language).toBe('bn');
    await app.close();
  });

  it('answers a re-delivered message once', async () => {
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender);
    await say(app, 'karim', { type: 'start' }, 'tg-1');
    const afterFirst = sender.delivered.length;
    const again = await say(app, 'karim', { type: 'start' }, 'tg-1');
    expect(again.status).toBe('duplicate');
    expect(sender.delivered.length).toBe(afterFirst);
    expect(await app.db.prisma.inboundMessage.count()).toBe(1);
    await app.close();
  });

  it('retries a failed delivery and keeps a user\'s messages in order', async () => {
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const sender = new RecordingSender();
    sender.script.push({ status: 'retry', error: 'network down' });
    const app = await startTestApp(db.url, sender);
    await say(app, 'selina', { type: 'start' });
    // The welcome failed, so the menu behind it must wait too.
    expect(sender.delivered).toHaveLength(0);
    const pending = await app.db.prisma.outboxMessage.findMany({ where: { status: 'pending' }, orderBy: { id: 'asc' } });
    expect(pending.map((p) => p.attempts)).toEqual([1, 0]);
    app.clock.advance(2_000);
    await app.worker.drain();
    expect(sender.delivered.map((d) => d.message.key)).toEqual(['common:welcome', 'menu:prompt']);
    await app.close();
  });

  it('keeps undelivered replies across a restart and sends them after it', async () => {
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const down = new RecordingSender();
    down.script.push({ status: 'retry', error: 'offline' }, { status: 'retry', error: 'offline' });
    let app = await startTestApp(db.url, down);
    await say(app, 'amena', { type: 'start' });
    await app.close();
    expect(down.delivered).toHaveLength(0);

    const up = new RecordingSender();
    app = await startTestApp(db.url, up, app.clock);
    app.clock.advance(60_000);
    await app.worker.drain();
    expect(up.delivered.map((d) => d.message.key)).toEqual(['common:welcome', 'menu:prompt']);
    await app.close();
  });
});
