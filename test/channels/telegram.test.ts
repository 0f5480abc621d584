import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';
import { startFakeTelegram } from '../support/fakeTelegram.ts';

/**
 * Telegram over the real HTTP webhook route, against a local stand-in Bot
 * API server that answers with Telegram's JSON shapes.
 */

const TOKEN = '123456:TEST-token_abc';
const SECRET = 'setu_test_secret';

type Fake = Awaited<ReturnType<typeof startFakeTelegram>>;

let fake: Fake;
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let updateId = 1000;

beforeAll(async () => {
  fake = await startFakeTelegram(TOKEN);
  db = tempSqliteUrl();
  const env = loadEnv({
    DATABASE_URL: db.url,
    PORT: '0',
    OUTBOX_POLL_MS: '20',
    SETU_DATA_KEY: TEST_DATA_KEY,
    TELEGRAM_BOT_TOKEN: TOKEN,
    PUBLIC_URL: 'https://setu.example.org',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
  // Pacing per chat is tested in the sender's own tests; here it would only make the test slow.
  setu = await start(env, createLogger('silent'), { telegramSender: { perChatIntervalMs: 0 } });
});

afterAll(async () => {
  await setu.stop();
  await fake.close();
  db.cleanup();
});

function post(body: string, secret: string | null = SECRET): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret;
  return fetch(`${setu.url}/telegram/webhook`, { method: 'POST', headers, body });
}

const chat = (id: number, type = 'private') => ({ id, type });
const message = (chatId: number, extra: Record<string, unknown>, type = 'private') => ({
  update_id: ++updateId,
  message: { message_id: updateId, date: 1_795_000_000, chat: chat(chatId, type), from: { id: chatId, is_bot: false, language_code: 'bn' }, ...extra },
});
/** A button press, carrying (as Telegram does) the question it was pressed on with its keyboard: the last one Setu sent that chat. */
const callback = (chatId: number, messageId: number, data: string, text = 'প্রশ্ন') => {
  const keyboard = fake.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === chatId && c.body.reply_markup).at(-1)?.body.reply_markup;
  return {
    update_id: ++updateId,
    callback_query: {
      id: `cb${updateId}`,
      from: { id: chatId, is_bot: false },
      data,
      message: { message_id: messageId, date: 1, chat: chat(chatId), text, ...(keyboard ? { reply_markup: keyboard } : {}) },
    },
  };
};

/** Sends an update and waits until its replies have gone out to the stand-in server. */
async function send(update: object): Promise<{ status: number; calls: Fake['calls'] }> {
  const before = fake.calls.length;
  const res = await post(JSON.stringify(update));
  await setu.app.worker.drain();
  return { status: res.status, calls: fake.calls.slice(before) };
}

const sent = (calls: Fake['calls']) => calls.filter((c) => c.method === 'sendMessage');

describe('Telegram long polling (no PUBLIC_URL)', () => {
  it('deletes any webhook, takes updates from getUpdates in order, and answers them', async () => {
    const fakePoll = await startFakeTelegram(TOKEN);
    const pollDb = tempSqliteUrl();
    const env = loadEnv({ DATABASE_URL: pollDb.url, PORT: '0', OUTBOX_POLL_MS: '20', SETU_DATA_KEY: TEST_DATA_KEY, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fakePoll.apiRoot });
    fakePoll.script('getUpdates', { result: [message(601, { text: '/start' })] });
    const polling = await start(env, createLogger('silent'), { telegramSender: { perChatIntervalMs: 0 } });
    try {
      expect(polling.telegram?.mode).toBe('polling');
      expect(fakePoll.calls.find((c) => c.method === 'deleteWebhook')).toBeDefined();
      for (let i = 0; i < 50 && sent(fakePoll.calls).length < 1; i += 1) await new Promise((r) => setTimeout(r, 50));
      // The welcome and the menu, waiting together, go as one message.
      expect(sent(fakePoll.calls).map((c) => c.body.chat_id)).toEqual([601]);
      // The next poll confirms the update by asking from the offset after it.
      const offsets = fakePoll.calls.filter((c) => c.method === 'getUpdates').map((c) => c.body.offset);
      expect(offsets).toContain(updateId + 1);
    } finally {
      await polling.stop();
      await fakePoll.close();
      pollDb.cleanup();
    }
  });
});

describe('Telegram: a crash after the update is recorded, before the reply is sent', () => {
  it('loses nothing: after a restart on the same database the reply goes out', async () => {
    const fakeCrash = await startFakeTelegram(TOKEN);
    const crashDb = tempSqliteUrl();
    const env = loadEnv({
      DATABASE_URL: crashDb.url,
      PORT: '0',
      OUTBOX_POLL_MS: '20',
    SETU_DATA_KEY: TEST_DATA_KEY,
      TELEGRAM_BOT_TOKEN: TOKEN,
      PUBLIC_URL: 'https://setu.example.org',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: fakeCrash.apiRoot,
    });
    // The network to Telegram drops: the reply stays in the outbox.
    fakeCrash.script('sendMessage', { hangUp: true });
    let running = await start(env, createLogger('silent'), { telegramSender: { perChatIntervalMs: 0 } });
    try {
      const update = message(701, { text: '/start' });
      const res = await fetch(`${running.url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
      await running.stop();
      expect(sent(fakeCrash.calls).filter((c) => c.body.chat_id === 701).length).toBeLessThanOrEqual(1);

      running = await start(env, createLogger('silent'), { telegramSender: { perChatIntervalMs: 0 } });
      for (let i = 0; i < 60 && sent(fakeCrash.calls).filter((c) => c.body.chat_id === 701).length < 2; i += 1) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const texts = sent(fakeCrash.calls).filter((c) => c.body.chat_id === 701).map((c) => String(c.body.text));
      // The dropped attempt, then the welcome and the menu again (one message).
      expect(texts).toHaveLength(2);
      expect(texts[1]).toMatch(/সেতুতে স্বাগতম[\s\S]*আপনি কী করতে চান/);
    } finally {
      await running.stop();
      await fakeCrash.close();
      crashDb.cleanup();
    }
  });
});

describe('Telegram webhook', () => {
  it('set its webhook with the secret and the updates it handles, and its commands in both languages', () => {
    const hook = fake.calls.find((c) => c.method === 'setWebhook');
    expect(hook?.body).toMatchObject({ url: 'https://setu.example.org/telegram/webhook', secret_token: SECRET, allowed_updates: ['message', 'callback_query'] });
    expect(fake.calls.filter((c) => c.method === 'setMyCommands')).toHaveLength(2);
  });

  it.each([
    ['a missing secret token', JSON.stringify(message(1, { text: 'hi' })), null, 401],
    ['a wrong secret token', JSON.stringify(message(1, { text: 'hi' })), 'wrong', 401],
    ['a malformed body', '{not json', SECRET, 400],
    ['a body that is not an Update', JSON.stringify({ hello: 'world' }), SECRET, 400],
  ] as const)('answers %s with %i and calls nothing', async (_what, body, secret, status) => {
    const before = fake.calls.length;
    expect((await post(body, secret)).status).toBe(status);
    expect(fake.calls.length).toBe(before);
  });

  it('greets a first message with the menu as an inline keyboard of short ids, a one-tap switch to English among them', async () => {
    const { status, calls } = await send(message(501, { text: '/start' }));
    expect(status).toBe(200);
    const replies = sent(calls);
    // The welcome and the menu go as one message, the buttons under it.
    expect(replies.map((c) => c.body.chat_id)).toEqual([501]);
    expect(String(replies[0]?.body.text)).toMatch(/সেতু[\s\S]*\n\n[\s\S]*আপনি কী করতে চান/);
    expect(replies[0]?.body.reply_markup).toMatchObject({ inline_keyboard: expect.arrayContaining([expect.arrayContaining([{ text: 'English', callback_data: 'lang.en' }])]) });
  });

  it('acknowledges a re-delivered update once', async () => {
    const update = message(502, { text: '/start' });
    const first = await send(update);
    const again = await send(update);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(sent(first.calls)).toHaveLength(1);
    expect(sent(again.calls)).toHaveLength(0);
  });

  it('answers a button press, shows the answer on the question, and goes on', async () => {
    await send(message(503, { text: '/start' }));
    const question = sent(fake.calls.filter((c) => c.body.chat_id === 503)).at(-1);
    const { calls } = await send(callback(503, 2, 'lang.en', 'কোন ভাষায় কথা বলবেন?'));
    expect(calls.find((c) => c.method === 'answerCallbackQuery')).toBeDefined();
    expect(calls.find((c) => c.method === 'editMessageText')?.body).toMatchObject({ chat_id: 503, message_id: 2, text: 'কোন ভাষায় কথা বলবেন?\n\n✓ English' });
    expect(question).toBeDefined();
    expect(sent(calls).map((c) => c.body.text).join('\n')).toMatch(/English/);
  });

  it('in a group, only invites the person to a private chat', async () => {
    const { status, calls } = await send(message(-900, { text: 'ভাতা' }, 'group'));
    expect(status).toBe(200);
    expect(sent(calls)).toEqual([expect.objectContaining({ body: expect.objectContaining({ chat_id: -900, text: expect.stringMatching(/প্রাইভেট চ্যাটে/) }) })]);
  });

  it.each([
    ['a sticker', { sticker: { file_id: 's' } }],
    ['a location', { location: { latitude: 23.8, longitude: 90.4 } }],
    ['a voice note where none is asked for', { voice: { file_id: 'v1', file_size: 2048 } }],
  ])('asks again politely after %s', async (_what, extra) => {
    await send(message(504, { text: '/start' }));
    await send(callback(504, 1, 'lang.bn'));
    const { calls } = await send(message(504, extra));
    expect(sent(calls)[0]?.body.text).toMatch(/লিখে/);
    // A voice note is acknowledged as one (no transcription is configured), with a way to a person.
    if ('voice' in extra) expect(sent(calls)[0]?.body.text).toMatch(/ভয়েস বার্তা পেয়েছি[\s\S]*৩৩৩/);
  });

  it('sets aside an update that keeps failing, with its error, so the chat goes on', async () => {
    const update = message(-901, { text: 'ভাতা' }, 'group');
    for (let i = 0; i < 3; i += 1) fake.script('sendMessage', { error_code: 500, description: 'Internal Server Error' });
    // Telegram re-delivers an update until it gets a 2xx: twice refused, the third time set aside and acknowledged.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(JSON.stringify(update))).status);
    expect(statuses).toEqual([500, 500, 200]);
    const kept = await setu.app.db.prisma.quarantinedUpdate.findUniqueOrThrow({ where: { channel_platformKey: { channel: 'telegram', platformKey: String(update.update_id) } } });
    expect(kept.error).toMatch(/Internal Server Error/);
    const next = await send(message(-901, { text: 'আবার' }, 'group'));
    expect(next.status).toBe(200);
    expect(sent(next.calls)).toHaveLength(1);
  });

  it('ignores an edited message and calls nothing', async () => {
    const { status, calls } = await send({ update_id: ++updateId, edited_message: message(505, { text: 'x' }).message });
    expect(status).toBe(200);
    expect(calls).toEqual([]);
  });

  it('honours a 429 retry_after: the reply waits, then goes out, in order', async () => {
    fake.script('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const first = await send(message(506, { text: '/start' }));
    expect(sent(first.calls)).toHaveLength(1); // the refused attempt
    const next = await send(message(506, { text: 'হ্যালো' }));
    expect(sent(next.calls)).toHaveLength(0); // the chat's later reply waits behind it
    await new Promise((r) => setTimeout(r, 1100));
    await setu.app.worker.drain();
    // The background worker resends after retry_after: the refused message, then the one behind it.
    const toChat = sent(fake.calls).filter((c) => c.body.chat_id === 506).map((c) => String(c.body.text).slice(0, 12));
    expect(toChat.length).toBeGreaterThanOrEqual(2);
    expect(toChat[1]).toBe(toChat[0]);
    const rows = await setu.app.db.prisma.outboxMessage.findMany({ where: { contactId: 'telegram:506' } });
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('marks a user who blocked the bot as unreachable and stops sending', async () => {
    fake.script('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await send(message(508, { text: '/start' }));
    const contact = await setu.app.db.prisma.contact.findUniqueOrThrow({ where: { id: 'telegram:508' } });
    expect(contact.unreachable).toBe(true);
    const rows = await setu.app.db.prisma.outboxMessage.findMany({ where: { contactId: 'telegram:508' }, orderBy: { id: 'asc' } });
    expect(rows[0]?.status).toBe('failed');
  });

  const ELIGIBILITY = {
    bn: { id: 887, age: '৭০', income: 'মাসে ৫০০', verdict: '✅ বয়স্ক ভাতা — সম্ভবত যোগ্য', last: 'এরপর কী করবেন?' },
    en: { id: 888, age: '70', income: '500 a month', verdict: '✅ Old Age Allowance — likely eligible', last: 'What next?' },
  } as const;

  it.each(['bn', 'en'] as const)('%s: holds an eligibility conversation to its result', async (lang) => {
    const e = ELIGIBILITY[lang];
    await send(message(e.id, { text: '/start' }));
    for (const data of [`lang.${lang}`, 'menu.eligibility', 'subj.self']) await send(callback(e.id, 1, data));
    await send(message(e.id, { text: e.age }));
    // The rare situations come as one checklist: none of them.
    for (const data of ['sex.female', 'ms.widowed', 'chk.none']) await send(callback(e.id, 2, data));
    await send(message(e.id, { text: e.income }));
    const texts = sent(fake.calls.filter((c) => c.body.chat_id === e.id)).map((c) => String(c.body.text));
    expect(texts.flatMap((t) => t.split('\n\n')).some((t) => t.startsWith(e.verdict))).toBe(true);
    // The closing question ends the last message (what came before it in the same turn rides along).
    expect(texts.at(-1)?.split('\n\n').at(-1)).toBe(e.last);
  });

  it('refuses a file over 20 MB with a clear message and keeps the question', async () => {
    const id = 889;
    await send(message(id, { text: '/start grievance' }));
    for (const data of ['lang.bn', 'cat.other', 'prog.unknown']) await send(callback(id, 1, data));
    for (const text of ['টুঙ্গিপাড়া', '১', '১']) await send(message(id, { text }));
    const { calls } = await send(message(id, { document: { file_id: 'huge', file_size: 25 * 1024 * 1024 } }));
    expect(sent(calls).map((c) => String(c.body.text))[0]).toMatch(/২০ মেগাবাইটের বেশি/);
    expect(await setu.app.db.prisma.caseAttachment.count({ where: { ref: 'telegram:huge' } })).toBe(0);
  });

  const GRIEVANCE = {
    bn: { id: 777, place: 'টুঙ্গিপাড়া', one: '১', text: 'তিন মাস টাকা পাইনি।', receipt: /ট্র্যাকিং নম্বর: ([০-৯]{3}-[০-৯]{3}-[০-৯]{3})/u, status: /জমা হয়েছে, দেখা হয়নি/ },
    en: { id: 778, place: 'tungipara gopalganj', one: '1', text: 'No money for three months.', receipt: /Tracking number: (\d{3}-\d{3}-\d{3})/, status: /received, not yet seen/ },
  } as const;

  it.each(['bn', 'en'] as const)('%s: holds a grievance to its tracking number (with a photo), then the status typed in Bangla digits', async (lang) => {
    const g = GRIEVANCE[lang];
    await send(message(g.id, { text: '/start grievance' }));
    // The complaint form opens at once; the person names their language in words.
    await send(message(g.id, { text: lang === 'en' ? 'English' : 'বাংলা' }));
    const steps: object[] = [
      callback(g.id, 2, 'cat.not_received'),
      callback(g.id, 3, 'prog.old_age'),
      message(g.id, { text: g.place }),
      message(g.id, { text: g.one }),
      message(g.id, { text: g.one }),
      message(g.id, { photo: [{ file_id: `small-${lang}` }, { file_id: `large-${lang}` }] }),
      message(g.id, { text: g.text }),
      callback(g.id, 4, 'phone.skip'),
      callback(g.id, 5, 'id.private'),
      callback(g.id, 6, 'sum.submit'),
    ];
    for (const step of steps) await send(step);
    const receipt = sent(fake.calls.filter((c) => c.body.chat_id === g.id)).find((c) => g.receipt.test(String(c.body.text)));
    const number = String(receipt?.body.text).match(g.receipt)?.[1] ?? '';
    expect(number).not.toBe('');
    const stored = await setu.app.db.prisma.caseAttachment.findMany();
    expect(stored.map((a) => a.ref)).toContain(`telegram:large-${lang}`);

    await send(message(g.id, { text: '/status' }));
    const bangla = number.replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)] ?? d);
    const { calls } = await send(message(g.id, { text: bangla }));
    expect(sent(calls)[0]?.body.text).toMatch(g.status);
  });
});
