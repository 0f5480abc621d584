import { afterEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';

interface WebMessage {
  id: number;
  text: string;
  choices: Array<{ id: string; label: string }>;
}

describe('the web chat over HTTP', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  async function boot(url: string): Promise<Running> {
    const running = await start(loadEnv({ DATABASE_URL: url, PORT: '0', OUTBOX_POLL_MS: '20', SETU_DATA_KEY: TEST_DATA_KEY }), createLogger('silent'));
    return running;
  }

  const post = (base: string, body: object) =>
    fetch(`${base}/web/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function replies(base: string, userId: string, after = 0): Promise<WebMessage[]> {
    // Replies are delivered by the worker just after the turn commits.
    let seen = 0;
    let quiet = 0;
    for (let i = 0; i < 50; i += 1) {
      const res = await fetch(`${base}/web/messages?userId=${userId}&after=${after}`);
      const { messages } = (await res.json()) as { messages: WebMessage[] };
      // A turn's replies are marked delivered one by one: take them once no more come for a moment.
      if (messages.length > 0 && messages.length === seen) quiet += 1;
      else quiet = 0;
      seen = messages.length;
      if (quiet >= 3) return messages;
      await new Promise((r) => setTimeout(r, 20));
    }
    return [];
  }

  it('serves the page, holds a Bangla conversation, and keeps it across a restart', async () => {
    const db = tempSqliteUrl();
    stops.push(async () => db.cleanup());
    let app = await boot(db.url);
    const page = await fetch(`${app.url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('lang="bn"');

    const user = 'visitor_0123456789abcdef';
    expect((await post(app.url, { userId: user, messageId: 'a1', start: true })).status).toBe(202);
    const first = await replies(app.url, user);
    // Bangla by default, with the menu and a one-tap switch to English.
    expect(first.at(-1)?.choices.map((c) => c.label)).toContain('English');

    await post(app.url, { userId: user, messageId: 'a3', text: 'আমার মা কি বয়স্ক ভাতা পাবে?' });
    const asked = await replies(app.url, user, first.at(-1)?.id ?? 0);
    expect(asked.at(-1)?.text).toMatch(/বয়স কত/);
    await app.stop();

    app = await boot(db.url);
    stops.push(() => app.stop());
    await post(app.url, { userId: user, messageId: 'a4', text: '৬৭' });
    const next = await replies(app.url, user, asked.at(-1)?.id ?? 0);
    // "মা" already said she is a woman: the marital status comes next, not the sex.
    expect(next.at(-1)?.text).toMatch(/বৈবাহিক অবস্থা/);
  });

  it('answers 400 to a malformed message and a guessable user id, and 202 "duplicate" to a repeat', async () => {
    const db = tempSqliteUrl();
    stops.push(async () => db.cleanup());
    const app = await boot(db.url);
    stops.unshift(() => app.stop());
    expect((await post(app.url, { userId: 'short', messageId: 'x', text: 'hi' })).status).toBe(400);
    const bad = await fetch(`${app.url}/web/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    const user = 'visitor_fedcba9876543210';
    await post(app.url, { userId: user, messageId: 'b1', start: true });
    const again = await post(app.url, { userId: user, messageId: 'b1', start: true });
    expect(await again.json()).toEqual({ status: 'duplicate' });
  });
});
