import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RenderedMessage } from '../../infra/i18n/createTranslator.ts';
import { startFakeTelegram, type FakeTelegram } from '../../../test/support/fakeTelegram.ts';
import { createTelegramSender, type TelegramSenderOptions } from './sender.ts';

const TOKEN = '123456:test-token';
const SENTENCE = 'আপনার অভিযোগটি সংশ্লিষ্ট কর্মকর্তার কাছে পাঠানো হয়েছে এবং শীঘ্রই উত্তর পাবেন। ';

/** Time that only moves when the sender sleeps, so spacing is checked without waiting. */
function fakeClock(): Required<Pick<TelegramSenderOptions, 'now' | 'sleep'>> & { sleeps: number[]; wakes: number[] } {
  let t = 1_000_000;
  const sleeps: number[] = [];
  const wakes: number[] = [];
  return {
    sleeps,
    wakes,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
      wakes.push(t);
    },
  };
}

function rendered(text: string, choices: RenderedMessage['choices'] = []): RenderedMessage {
  return { key: 'test:message', lang: 'bn', text, choices };
}

describe('the Telegram sender', () => {
  let tg: FakeTelegram;
  let api: Api;
  beforeEach(async () => {
    tg = await startFakeTelegram(TOKEN);
    api = new Api(TOKEN, { apiRoot: tg.apiRoot });
  });
  afterEach(async () => {
    await tg.close();
  });

  it('sends text with the choices as inline buttons whose data is the choice id', async () => {
    const sender = createTelegramSender(api, fakeClock());
    const result = await sender.send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(),
      externalId: '555001',
      message: rendered('কোন ইউনিয়নে থাকেন?', [
        { id: 'loc.p.un1234', label: 'ধামরাই' },
        { id: 'appeal.123456789', label: 'আপিল করুন' },
      ]),
    });
    expect(result).toEqual({ status: 'sent' });
    expect(tg.calls.map(({ method, body }) => ({ method, body }))).toEqual([
      {
        method: 'sendMessage',
        body: {
          chat_id: 555001,
          text: 'কোন ইউনিয়নে থাকেন?',
          reply_markup: {
            inline_keyboard: [
              [
                { text: 'ধামরাই', callback_data: 'loc.p.un1234' },
                { text: 'আপিল করুন', callback_data: 'appeal.123456789' },
              ],
            ],
          },
        },
      },
    ]);
  });

  it('sends a 5000-character Bangla message in two parts with the keyboard only on the last', async () => {
    const text = SENTENCE.repeat(Math.ceil(5000 / SENTENCE.length)).slice(0, 5000);
    const sender = createTelegramSender(api, fakeClock());
    const result = await sender.send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '555002', message: rendered(text, [{ id: 'menu', label: 'মেনু' }]) });
    expect(result).toEqual({ status: 'sent' });
    expect(tg.calls.map((c) => c.method)).toEqual(['sendMessage', 'sendMessage']);
    const [first, second] = tg.calls;
    expect(first?.body.reply_markup).toBeUndefined();
    expect(second?.body.reply_markup).toEqual({ inline_keyboard: [[{ text: 'মেনু', callback_data: 'menu' }]] });
    for (const call of tg.calls) expect(String(call.body.text).length).toBeLessThanOrEqual(4096);
  });

  it('asks for a retry after Telegram’s own delay on 429', async () => {
    tg.script('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
    const result = await createTelegramSender(api, fakeClock()).send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '555003', message: rendered('হ্যালো') });
    expect(result).toMatchObject({ status: 'retry', retryAfterMs: 3000 });
  });

  it('marks the user unreachable when the bot is blocked', async () => {
    tg.script('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const result = await createTelegramSender(api, fakeClock()).send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '555004', message: rendered('হ্যালো') });
    expect(result).toEqual({ status: 'failed', unreachable: true, error: 'telegram 403: Forbidden: bot was blocked by the user' });
  });

  it('fails without blaming the user on 400', async () => {
    tg.script('sendMessage', { error_code: 400, description: 'Bad Request: message text is empty' });
    const result = await createTelegramSender(api, fakeClock()).send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '555005', message: rendered('হ্যালো') });
    expect(result).toEqual({ status: 'failed', error: 'telegram 400: Bad Request: message text is empty' });
  });

  it('retries on a server error or a dropped connection, without a fixed delay', async () => {
    const sender = createTelegramSender(api, fakeClock());
    tg.script('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    const serverError = await sender.send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '555006', message: rendered('হ্যালো') });
    expect(serverError).toMatchObject({ status: 'retry' });
    expect(serverError).not.toHaveProperty('retryAfterMs');

    tg.script('sendMessage', { hangUp: true });
    const network = await sender.send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '555007', message: rendered('হ্যালো') });
    expect(network).toMatchObject({ status: 'retry', error: expect.stringMatching(/^telegram unreachable/) });
  });

  it('says which part failed when a long message breaks off, and asks for the whole message again', async () => {
    tg.script('sendMessage', { result: { message_id: 1, date: 0, chat: { id: 555008, type: 'private' }, text: '' } });
    tg.script('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    const text = SENTENCE.repeat(Math.ceil(5000 / SENTENCE.length));
    const result = await createTelegramSender(api, fakeClock()).send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '555008', message: rendered(text) });
    expect(result).toMatchObject({ status: 'retry', error: expect.stringContaining('part 2 of 2') });
  });

  it('refuses an id Telegram would reject before calling the API', async () => {
    const result = await createTelegramSender(api, fakeClock()).send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(),
      externalId: '555009',
      message: rendered('হ্যালো', [{ id: 'ক'.repeat(30), label: 'x' }]),
    });
    expect(result).toMatchObject({ status: 'failed', error: expect.stringMatching(/90 bytes/) });
    expect(tg.calls).toEqual([]);
  });

  /** When each sendMessage reached the API, by the injected clock. */
  function recordSends(now: () => number): Array<{ chat: unknown; at: number }> {
    const sentAt: Array<{ chat: unknown; at: number }> = [];
    api.config.use((prev, method, payload, signal) => {
      if (method === 'sendMessage') sentAt.push({ chat: (payload as { chat_id: unknown }).chat_id, at: now() });
      return prev(method, payload, signal);
    });
    return sentAt;
  }

  it('spaces messages to one chat at least a second apart, but not messages to different chats', async () => {
    const clock = fakeClock();
    const sentAt = recordSends(clock.now);
    const sender = createTelegramSender(api, clock);
    await sender.send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '1', message: rendered('এক') });
    await sender.send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '2', message: rendered('দুই') });
    await sender.send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '1', message: rendered('তিন') });
    const [a, b, c] = sentAt.map((s) => s.at);
    expect(sentAt.map((s) => s.chat)).toEqual([1, 2, 1]);
    expect(b).toBe(a);
    expect((c ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('books slots for concurrent sends to one chat instead of letting them race', async () => {
    const clock = fakeClock();
    const sender = createTelegramSender(api, clock);
    const start = clock.now();
    const results = await Promise.all([1, 2, 3].map((n) => sender.send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '42', message: rendered(`বার্তা ${n}`) })));
    expect(results.every((r) => r.status === 'sent')).toBe(true);
    // One goes at once; the others wake at the slots booked for them, a second apart.
    expect(clock.wakes.map((w) => w - start)).toEqual([1000, 2000]);
  });

  it('does not hold other chats back behind one chat with a long queue', async () => {
    const sentAt = recordSends(Date.now);
    const sender = createTelegramSender(api, { perChatIntervalMs: 100, globalPerSecond: 2 });
    const out = (chat: string, text: string) => sender.send({ contactId: `telegram:${chat}`, purpose: 'reply', queuedAt: new Date(), externalId: chat, message: rendered(text) });
    const busy = [1, 2, 3, 4].map((n) => out('7', `বার্তা ${n}`));
    await out('8', 'অন্য চ্যাট');
    await Promise.all(busy);
    // Chat 8 goes right after chat 7's first message, not after chat 7's whole queue.
    expect(sentAt.map((s) => s.chat)).toEqual([7, 8, 7, 7, 7]);
  });

  it('sends at most 30 messages in any second across all chats', async () => {
    const clock = fakeClock();
    const sentAt = recordSends(clock.now);
    const sender = createTelegramSender(api, clock);
    for (let chat = 1; chat <= 75; chat += 1) await sender.send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: String(chat), message: rendered('নোটিশ') });
    const times = sentAt.map((s) => s.at);
    // The first 30 go at once, the 31st a second after the first, and no second ever holds more than 30.
    expect(times[30]! - times[0]!).toBe(1000);
    const most = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(most).toBe(30);
  });

  it('keeps the message for later when the token is rejected, since that is our configuration', async () => {
    const wrong = new Api('999:wrong', { apiRoot: tg.apiRoot });
    const result = await createTelegramSender(wrong, fakeClock()).send({ contactId: 'telegram:test', purpose: 'reply', queuedAt: new Date(), externalId: '555010', message: rendered('হ্যালো') });
    expect(result).toEqual({ status: 'retry', error: 'telegram 401: Unauthorized' });
    expect(tg.calls).toEqual([]);
  });
});

describe('the fake Bot API', () => {
  it('answers getMe through grammY and reads form-encoded bodies', async () => {
    const tg = await startFakeTelegram(TOKEN);
    try {
      const me = await new Api(TOKEN, { apiRoot: tg.apiRoot }).getMe();
      expect(me.is_bot).toBe(true);
      const res = await fetch(`${tg.apiRoot}/bot${TOKEN}/answerCallbackQuery`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'callback_query_id=abc',
      });
      expect(await res.json()).toEqual({ ok: true, result: true });
      expect(tg.calls.at(-1)).toMatchObject({ method: 'answerCallbackQuery', body: { callback_query_id: 'abc' } });
    } finally {
      await tg.close();
    }
  });
});
