import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start } from '../../src/main.ts';
import { TEST_DATA_KEY } from '../support/appHarness.ts';
import { startFakeGraph } from '../support/fakeGraph.ts';
import { startFakeTelegram } from '../support/fakeTelegram.ts';
import { eventBuilders, sends, sign } from '../support/messengerWebhook.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { healthOf, until } from '../support/waiting.ts';
import { mountTinyDisk, tinyDiskAvailable } from '../support/tinyDisk.ts';

/**
 * A disk that fills up under a running Setu (SQLite on a small tmpfs, filled
 * for real). Every message sent meanwhile must be answered once there is
 * space again — none acknowledged and then dropped, none set aside — and
 * /health must say the database cannot write while it cannot.
 */

const TOKEN = '123456:TEST-token_abc';
const SECRET = 'setu_test_secret';
const APP_SECRET = 'disk-secret';
const silent = createLogger('silent');

describe.skipIf(!tinyDiskAvailable)('a full disk under a running Setu', () => {
  it.each([
    ['no space at all', 0],
    ['room for a small write only', 40],
  ])('Telegram, %s: updates sent meanwhile are not acknowledged, none is set aside, /health says so, and all are answered once there is space', async (_, leaveKb) => {
    const disk = mountTinyDisk(16);
    const fake = await startFakeTelegram(TOKEN);
    const env = loadEnv({
      DATABASE_URL: `file:${disk.dir}/setu.db`,
      PORT: '0',
      OUTBOX_POLL_MS: '20',
      SETU_DATA_KEY: TEST_DATA_KEY,
      TELEGRAM_BOT_TOKEN: TOKEN,
      PUBLIC_URL: 'https://setu.example.org',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: fake.apiRoot,
    });
    const setu = await start(env, silent, { telegramSender: { perChatIntervalMs: 0 } });
    let id = 5000;
    const update = (chatId: number) => ({
      update_id: ++id,
      message: { message_id: id, date: 1_795_000_000, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, language_code: 'en' }, text: '/start' },
    });
    const post = (u: object) =>
      fetch(`${setu.url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(u),
      });
    const answered = (chatId: number) => fake.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === chatId).length;
    try {
      expect((await post(update(801))).status).toBe(200);
      await setu.app.worker.drain();
      expect(answered(801)).toBeGreaterThan(0);
      expect((await healthOf(setu)).status).toBe(200);

      disk.fill(leaveKb);
      const waiting = [update(802), update(803)];
      // Telegram sends an update again while the answer is not 200: here more often than a message may fail.
      for (let round = 0; round < 5; round += 1) {
        for (const u of waiting) expect((await post(u)).status).not.toBe(200);
      }
      const sick = await healthOf(setu);
      expect(sick.status).toBe(503);
      expect(sick.body).toMatchObject({ ok: false, problem: expect.stringMatching(/SQLITE_FULL/) });

      disk.free();
      for (const u of waiting) expect((await post(u)).status).toBe(200);
      // The welcome and the menu go as one message.
      await until(() => answered(802) >= 1 && answered(803) >= 1);
      expect(await setu.app.db.prisma.quarantinedUpdate.count()).toBe(0);
      await until(async () => (await healthOf(setu)).status === 200);
    } finally {
      await setu.stop();
      await fake.close();
      disk.cleanup();
    }
  });

  it.each([
    ['no space at all', 0],
    ['room for a small write only', 40],
  ])('Messenger, %s: events sent meanwhile (acknowledged or not) are answered once there is space, none set aside, /health says so meanwhile', async (_, leaveKb) => {
    const disk = mountTinyDisk(16);
    const graph = await startFakeGraph('EAAdiskToken');
    const clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));
    const env = loadEnv({
      DATABASE_URL: `file:${disk.dir}/setu.db`,
      PORT: '0',
      OUTBOX_POLL_MS: '20',
      SETU_DATA_KEY: TEST_DATA_KEY,
      FB_PAGE_ACCESS_TOKEN: 'EAAdiskToken',
      FB_APP_SECRET: APP_SECRET,
      FB_VERIFY_TOKEN: 'verify',
      FB_GRAPH_API_ROOT: graph.root,
    });
    const setu = await start(env, silent, { clock });
    const b = eventBuilders(clock);
    const post = (body: object) => {
      const raw = JSON.stringify(body);
      return fetch(`${setu.url}/messenger/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw, APP_SECRET) },
        body: raw,
      });
    };
    try {
      expect((await post(b.page(b.postback('71001', 'GET_STARTED')))).status).toBe(200);
      await until(() => sends(graph.calls, '71001').length > 0);

      disk.fill(leaveKb);
      const calls = [b.page(b.postback('71002', 'GET_STARTED')), b.page(b.postback('71003', 'GET_STARTED'))];
      const acknowledged = new Set<number>();
      for (let round = 0; round < 5; round += 1) {
        for (const [i, call] of calls.entries()) if (!acknowledged.has(i) && (await post(call)).status === 200) acknowledged.add(i);
      }
      expect((await healthOf(setu)).status).toBe(503);
      // Give acknowledged events' turns time to fail (and, before, to be set aside).
      await new Promise((r) => setTimeout(r, 2000));

      disk.free();
      // Meta sends again what was not acknowledged.
      for (const [i, call] of calls.entries()) if (!acknowledged.has(i)) expect((await post(call)).status).toBe(200);
      await until(() => sends(graph.calls, '71002').length > 0 && sends(graph.calls, '71003').length > 0, 20_000);
      expect(await setu.app.db.prisma.quarantinedUpdate.count()).toBe(0);
      await until(async () => (await healthOf(setu)).status === 200);
    } finally {
      await setu.stop();
      await graph.close();
      disk.cleanup();
    }
  });

  it('Telegram long polling, room for a small write only: the update is held (offset not confirmed), not set aside, and answered once there is space', async () => {
    const disk = mountTinyDisk(16);
    const fake = await startFakeTelegram(TOKEN);
    const env = loadEnv({
      DATABASE_URL: `file:${disk.dir}/setu.db`,
      PORT: '0',
      OUTBOX_POLL_MS: '20',
      SETU_DATA_KEY: TEST_DATA_KEY,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
    });
    const setu = await start(env, silent, { telegramSender: { perChatIntervalMs: 0 } });
    const answered = () => fake.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === 811).length;
    try {
      expect(setu.telegram?.mode).toBe('polling');
      disk.fill(40);
      fake.script('getUpdates', {
        result: [{ update_id: 7777, message: { message_id: 1, date: 1_795_000_000, chat: { id: 811, type: 'private' }, from: { id: 811, is_bot: false }, text: '/start' } }],
      });
      // Long enough for more tries than a message may fail (0.5 + 1 + 2 s pauses).
      await new Promise((r) => setTimeout(r, 4000));
      expect(answered()).toBe(0);
      expect((await healthOf(setu)).status).toBe(503);
      expect(fake.calls.filter((c) => c.method === 'getUpdates').map((c) => c.body.offset)).not.toContain(7778);

      disk.free();
      await until(() => answered() >= 1, 40_000);
      expect(await setu.app.db.prisma.quarantinedUpdate.count()).toBe(0);
      await until(() => fake.calls.some((c) => c.method === 'getUpdates' && c.body.offset === 7778));
    } finally {
      await setu.stop();
      await fake.close();
      disk.cleanup();
    }
  }, 90_000);

  it('web chat (Direct Line): a message sent meanwhile is refused with 503 (not taken) or taken whole, and the same message sent again later is stored and answered once', async () => {
    const disk = mountTinyDisk(16);
    const setu = await start(loadEnv({ DATABASE_URL: `file:${disk.dir}/setu.db`, PORT: '0', OUTBOX_POLL_MS: '20', SETU_DATA_KEY: TEST_DATA_KEY, SETU_DATA_DIR: disk.dir }), silent);
    const dl = `${setu.url}/v3/directline`;
    try {
      const made = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { conversationId: string; token: string };
      const auth = { authorization: `Bearer ${made.token}` };
      const json = { ...auth, 'content-type': 'application/json' };
      expect((await fetch(`${dl}/conversations`, { method: 'POST', headers: json, body: '{}' })).status).toBe(201);
      // The page sends a message under one id (its clientActivityID) until it is taken.
      const post = () =>
        fetch(`${dl}/conversations/${made.conversationId}/activities`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ type: 'message', from: { id: 'user' }, text: 'আমার মা কি বয়স্ক ভাতা পাবে?', channelData: { clientActivityID: 'w1' } }),
        });
      const activities = async () =>
        ((await (await fetch(`${dl}/conversations/${made.conversationId}/activities`, { headers: auth })).json()) as {
          activities: Array<{ from: { role: string }; text?: string; channelData?: { clientActivityID?: string } }>;
        }).activities;
      const replies = async () => (await activities()).filter((a) => a.from.role === 'bot');
      await until(async () => (await replies()).length >= 2);
      const welcomed = (await replies()).length;

      disk.fill();
      // Refused (503, not taken) when SQLite cannot write the echo; taken (200) when it still fits in pages it has.
      const during = await post();
      expect([200, 503]).toContain(during.status);
      if (during.status === 503) expect(during.headers.get('retry-after')).not.toBeNull();
      const first = during.status === 200 ? ((await during.json()) as { id: string }).id : undefined;

      disk.free();
      const taken = await post();
      expect(taken.status).toBe(200);
      const { id } = (await taken.json()) as { id: string };
      if (first !== undefined) expect(id).toBe(first);
      // A repeat after that is recognised: the same message, stored and answered once.
      expect(await (await post()).json()).toEqual({ id });
      await until(async () => (await replies()).length > welcomed);
      await setu.app.pipeline.idle();
      await setu.app.worker.drain();
      const texts = (await replies()).map((m) => m.text);
      expect(new Set(texts).size).toBe(texts.length);
      expect((await activities()).filter((a) => a.channelData?.clientActivityID === 'w1').length).toBe(1);
    } finally {
      await setu.stop();
      disk.cleanup();
    }
  });
});

describe('the web chat page', () => {
  it('shows a message that was not taken as not sent, with a retry, in Bangla and English', async () => {
    const { inlineStyle, renderPage } = await import('../../src/channels/web/page.ts');
    const { createTranslator } = await import('../../src/infra/i18n/createTranslator.ts');
    const { loadLocales } = await import('../../src/infra/i18n/loadLocales.ts');
    const { ROOT_DIR } = await import('../../src/app/createApp.ts');
    const translator = createTranslator(loadLocales(`${ROOT_DIR}/locales`));
    const assets = { script: '/web/light.js', style: inlineStyle('') };
    expect(renderPage(translator, 'bn', assets)).toContain('পাঠানো যায়নি — আবার চেষ্টা করুন');
    expect(renderPage(translator, 'en', assets)).toContain('Not sent — retry');
  });
});
