import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { contactIdFor } from '../../src/infra/db/turnStore.ts';
import { TEST_DATA_KEY } from '../support/appHarness.ts';
import { startChildSetu, type ChildSetu } from '../support/childSetu.ts';
import { createTestDatabase } from '../db/targets.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { startFakeGraph } from '../support/fakeGraph.ts';
import { startFakeTelegram } from '../support/fakeTelegram.ts';
import { eventBuilders, sends, sign } from '../support/messengerWebhook.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { until } from '../support/waiting.ts';
import { start } from '../../src/main.ts';

/**
 * Setu as a real process (started as `npm start` starts it). A turn is made
 * to hang for real: another PostgreSQL session holds the message's own key
 * in an open transaction, so the turn's insert waits on it.
 */

const APP_SECRET = 'hang-secret';
const FB_TOKEN = 'EAAhangToken';
const TG_TOKEN = '123456:TEST-token_abc';
const TG_SECRET = 'setu_test_secret';

/** Holds (channel, platformKey) of a message in an open transaction: Setu's turn for it waits until this ends. */
async function holdMessage(url: string, channel: string, userId: string, platformKey: string): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query('BEGIN');
  const contactId = contactIdFor(channel as Parameters<typeof contactIdFor>[0], userId);
  await holder.query(`INSERT INTO "InboundMessage" ("id", "channel", "platformKey", "contactId", "receivedAt") VALUES ($1, $2, $3, $4, now())`, [
    `${contactId}:${platformKey}`,
    channel,
    platformKey,
    contactId,
  ]);
  return holder;
}

const healthStatus = (setu: ChildSetu) => fetch(`${setu.url}/health`).then((r) => r.status);

describe('a message whose turn hangs', () => {
  it('is set aside after 3 starts (its tries are counted in the database), while the server answers HTTP at every start', { timeout: 240_000 }, async () => {
    const db = await createTestDatabase('postgresql');
    const graph = await startFakeGraph(FB_TOKEN);
    const env = {
      DATABASE_URL: db.url,
      SETU_DATA_KEY: TEST_DATA_KEY,
      OUTBOX_POLL_MS: '20',
      FB_PAGE_ACCESS_TOKEN: FB_TOKEN,
      FB_APP_SECRET: APP_SECRET,
      FB_VERIFY_TOKEN: 'verify',
      FB_GRAPH_API_ROOT: graph.root,
      // Longer than the test: the hang is only ended by killing the process, as a crash would.
      TURN_DEADLINE_MS: '600000',
    };
    const b = eventBuilders(new FixedClock(Date.now()));
    const post = (setu: ChildSetu, body: object) => {
      const raw = JSON.stringify(body);
      return fetch(`${setu.url}/messenger/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw, APP_SECRET) }, body: raw });
    };
    let setu = await startChildSetu(env);
    const holder = await holdMessage(db.url, 'messenger', '72001', 'm_hang');
    const attempts = async () => (await holder.query<{ attempts: number }>(`SELECT "attempts" FROM "WebhookEvent" WHERE "platformKey" = 'm_hang'`)).rows[0]?.attempts ?? 0;
    const setAside = async () => (await holder.query(`SELECT 1 FROM "QuarantinedUpdate" WHERE "channel" = 'messenger' AND "platformKey" = 'm_hang'`)).rowCount === 1;
    try {
      expect((await post(setu, b.page(b.text('72001', 'hello', 'm_hang')))).status).toBe(200);
      await until(async () => (await attempts()) === 1);
      // Someone else is answered meanwhile.
      expect((await post(setu, b.page(b.postback('72002', 'GET_STARTED')))).status).toBe(200);
      await until(() => sends(graph.calls, '72002').length > 0);

      for (let start = 2; start <= 3; start += 1) {
        setu.child.kill('SIGKILL');
        await setu.exited;
        setu = await startChildSetu(env);
        expect(await healthStatus(setu)).toBe(200);
        await until(async () => (await attempts()) === start);
        expect(await healthStatus(setu)).toBe(200);
      }
      setu.child.kill('SIGKILL');
      await setu.exited;

      setu = await startChildSetu(env);
      expect(await healthStatus(setu)).toBe(200);
      await until(setAside);
      expect(sends(graph.calls, '72001')).toHaveLength(0);
      // The person's next message goes on, with the hung one still held.
      expect((await post(setu, b.page(b.postback('72001', 'GET_STARTED')))).status).toBe(200);
      await until(() => sends(graph.calls, '72001').length > 0);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
      setu.child.kill('SIGTERM');
      await setu.exited;
      await graph.close();
      await db.drop();
    }
  });
});

describe('a turn that passes its deadline (TURN_DEADLINE_MS)', () => {
  it('counts as a failed try: after 3 the update is set aside, the chat goes on, and the late turn never commits', async () => {
    const db = await createTestDatabase('postgresql');
    const fake = await startFakeTelegram(TG_TOKEN);
    const env = loadEnv({
      DATABASE_URL: db.url,
      PORT: '0',
      OUTBOX_POLL_MS: '20',
      SETU_DATA_KEY: TEST_DATA_KEY,
      TELEGRAM_BOT_TOKEN: TG_TOKEN,
      PUBLIC_URL: 'https://setu.example.org',
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TURN_DEADLINE_MS: '300',
    });
    const setu = await start(env, createLogger('silent'), { telegramSender: { perChatIntervalMs: 0 } });
    const update = (id: number, text: string) => ({
      update_id: id,
      message: { message_id: id, date: 1_795_000_000, chat: { id: 7300, type: 'private' }, from: { id: 7300, is_bot: false, language_code: 'en' }, text },
    });
    const post = (u: object) =>
      fetch(`${setu.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET }, body: JSON.stringify(u) });
    const holder = await holdMessage(db.url, 'telegram', '7300', '7301');
    try {
      // Telegram sends the update again after each answer that is not 200.
      expect((await post(update(7301, '/start'))).status).toBe(500);
      expect((await post(update(7301, '/start'))).status).toBe(500);
      expect((await post(update(7301, '/start'))).status).toBe(200);
      expect(await setu.app.db.prisma.quarantinedUpdate.count({ where: { channel: 'telegram', platformKey: '7301' } })).toBe(1);

      expect((await post(update(7302, '/start'))).status).toBe(200);
      await setu.app.worker.drain();
      const answered = () => fake.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === 7300).length;
      expect(answered()).toBe(1); // the welcome and the menu, as one message

      // The lock goes: the turns given up earlier get their insert through, and roll back instead of answering late.
      await holder.query('ROLLBACK');
      await new Promise((r) => setTimeout(r, 1000));
      await setu.app.worker.drain();
      expect(answered()).toBe(1); // nothing more: the late turns sent nothing
      expect(await setu.app.db.prisma.inboundMessage.count({ where: { channel: 'telegram', platformKey: '7301' } })).toBe(0);
    } finally {
      await holder.end().catch(() => undefined);
      await setu.stop();
      await fake.close();
      await db.drop();
    }
  });
});

describe('SIGTERM while a turn is running (npm start)', () => {
  it('refuses new updates with 503, finishes the turn, delivers its reply, and exits 0', { timeout: 180_000 }, async () => {
    const db = await createTestDatabase('postgresql');
    const fake = await startFakeTelegram(TG_TOKEN);
    const setu = await startChildSetu({
      DATABASE_URL: db.url,
      SETU_DATA_KEY: TEST_DATA_KEY,
      OUTBOX_POLL_MS: '20',
      TELEGRAM_BOT_TOKEN: TG_TOKEN,
      PUBLIC_URL: 'https://setu.example.org',
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      TELEGRAM_API_ROOT: fake.apiRoot,
    });
    const update = (id: number, chatId: number) => ({
      update_id: id,
      message: { message_id: id, date: 1_795_000_000, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, language_code: 'en' }, text: '/start' },
    });
    const post = (u: object) =>
      fetch(`${setu.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET }, body: JSON.stringify(u) });
    const holder = await holdMessage(db.url, 'telegram', '7100', '7001');
    try {
      const inFlight = post(update(7001, 7100));
      await until(async () => (await holder.query(`SELECT 1 FROM "WebhookEvent" WHERE "channel" = 'telegram' AND "platformKey" = '7001'`)).rowCount === 1);
      setu.child.kill('SIGTERM');
      await until(() => setu.output().includes('Stopping Setu'));
      expect((await post(update(7002, 7200))).status).toBe(503);
      await new Promise((r) => setTimeout(r, 1000));
      await holder.query('ROLLBACK');
      expect((await inFlight).status).toBe(200);
      expect(await setu.exited).toBe(0);
      expect(fake.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === 7100).length).toBeGreaterThanOrEqual(1);
    } finally {
      await holder.end().catch(() => undefined);
      if (setu.child.exitCode === null) setu.child.kill('SIGKILL');
      await fake.close();
      await db.drop();
    }
  });
});
