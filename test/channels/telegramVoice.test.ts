import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { isSealed } from '../../src/infra/crypto/fieldCipher.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';
import { SERVER_ERROR, startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.ts';
import { createOfficer, signedIn } from '../support/workspace.ts';

/**
 * Voice notes on Telegram, through the real webhook route: Setu fetches the
 * note from the Bot API stand-in (getFile, then the file), has the OpenAI
 * stand-in transcribe it, says what it heard and goes on as if it was typed.
 */

const TOKEN = '123456:TEST-voice_token';
const SECRET = 'setu_voice_secret';
const COMPLAINT = 'তিন মাস ধরে বয়স্ক ভাতার টাকা পাই না';
const BRIBE = 'ইউনিয়ন অফিসের লোক কার্ড করে দিতে দুই হাজার টাকা চেয়েছে';
/** Stands for an Ogg Opus voice note: the stand-ins pass the bytes on untouched. */
const OGG = Buffer.concat([Buffer.from('OggS\0\x02'), Buffer.alloc(2000, 7)]);

let telegram: FakeTelegram;
let ai: FakeOpenAI;
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let updateId = 5000;
const logs: string[] = [];

/** What the OpenAI stand-in hears in each uploaded note, by its bytes. */
const heard = new Map<string, string>();
const noteBytes = (label: string): Buffer => Buffer.concat([OGG, Buffer.from(label)]);

function env(extra: Record<string, string> = {}) {
  return loadEnv({
    DATABASE_URL: db.url,
    PORT: '0',
    OUTBOX_POLL_MS: '20',
    SETU_DATA_KEY: TEST_DATA_KEY,
    TELEGRAM_BOT_TOKEN: TOKEN,
    PUBLIC_URL: 'https://setu.example.org',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    OPENAI_BASE_URL: ai.baseURL,
    OPENAI_API_KEY: ai.apiKey,
    OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-mini-transcribe',
    ...extra,
  });
}

const logSink = (into: string[]) =>
  new Writable({
    write(chunk: Buffer, _enc, done) {
      into.push(chunk.toString('utf8'));
      done();
    },
  });

beforeAll(async () => {
  telegram = await startFakeTelegram(TOKEN);
  ai = await startFakeOpenAI();
  ai.transcribe = (req) => ({ text: heard.get(req.file?.bytes.toString('latin1') ?? '') ?? '' });
  db = tempSqliteUrl();
  setu = await start(env(), createLogger('info', logSink(logs)), { telegramSender: { perChatIntervalMs: 0 } });
});

afterAll(async () => {
  await setu.stop();
  await Promise.all([telegram.close(), ai.close()]);
  db.cleanup();
});

const from = (chatId: number) => ({ id: chatId, is_bot: false, first_name: 'Test', language_code: 'bn' });

/** An update as Telegram sends it for a message in a private chat. */
const message = (chatId: number, extra: Record<string, unknown>) => ({
  update_id: ++updateId,
  message: { message_id: updateId, date: 1_795_000_000, chat: { id: chatId, type: 'private', first_name: 'Test' }, from: from(chatId), ...extra },
});

/** A voice message as Telegram describes it, its file kept by the stand-in under this id. */
function voice(chatId: number, fileId: string, bytes: Buffer, words: string | null) {
  telegram.serveFile(fileId, { bytes });
  if (words !== null) heard.set(bytes.toString('latin1'), words);
  return message(chatId, { voice: { duration: 4, mime_type: 'audio/ogg', file_id: fileId, file_unique_id: `AgAD${fileId.slice(-6)}`, file_size: bytes.byteLength } });
}

/** A button pressed on the last question Setu sent this chat. */
const press = (chatId: number, data: string) => ({
  update_id: ++updateId,
  callback_query: { id: `cb${updateId}`, from: from(chatId), data, message: { message_id: 1, date: 1, chat: { id: chatId, type: 'private' }, text: 'প্রশ্ন' } },
});

async function send(update: object, on: Running = setu, api: FakeTelegram = telegram): Promise<{ status: number; texts: string[]; methods: string[] }> {
  const before = api.calls.length;
  const res = await fetch(`${on.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  await on.app.worker.drain();
  const calls = api.calls.slice(before);
  return { status: res.status, texts: calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.body.text)), methods: calls.map((c) => c.method).filter((m) => m !== 'getUpdates') };
}

const invalidVoice = (on: Running = setu) => on.app.translator.t('common:invalid.voice', 'bn');

describe('a Telegram voice note is heard and taken as typed', () => {
  it('at the menu: "🎙️ শুনলাম" with the words, then the complaint form exactly as for the typed words', async () => {
    await send(message(9101, { text: '/start' }));
    await send(message(9102, { text: '/start' }));
    const typed = await send(message(9101, { text: COMPLAINT }));

    const spoken = await send(voice(9102, 'AwACAgUAAxkBAAIBvoice1', noteBytes('menu'), COMPLAINT));
    expect(spoken.status).toBe(200);
    // getFile, then the file from the same Bot API root, then the answer.
    expect(spoken.methods.slice(0, 2)).toEqual(['getFile', 'file']);
    const all = spoken.texts.join('\n\n');
    expect(all.startsWith(`🎙️ শুনলাম: “${COMPLAINT}”`)).toBe(true);
    // After what was heard, the same answer as to the typed words: the complaint form, opened.
    expect(all.slice(all.indexOf('”') + 1).trim()).toBe(typed.texts.join('\n\n').trim());
    expect(typed.texts.join('\n')).toContain(setu.app.translator.t('grievance:intro', 'bn'));

    const [upload] = ai.transcriptions().slice(-1);
    expect(upload?.fields).toMatchObject({ model: 'gpt-4o-mini-transcribe', language: 'bn', response_format: 'json' });
    expect(upload?.file?.name).toBe('file_0.oga');
    expect(upload?.file?.bytes.equals(noteBytes('menu'))).toBe(true);
  });

  it('sent again by Telegram (the same update): not fetched, not transcribed and not answered again', async () => {
    const update = voice(9103, 'AwACAgUAAxkBAAIBvoice2', noteBytes('again'), COMPLAINT);
    await send(message(9103, { text: '/start' }));
    const first = await send(update);
    expect(first.texts.join('\n')).toContain('🎙️ শুনলাম');
    const transcribed = ai.transcriptions().length;
    const again = await send(update);
    expect(again.status).toBe(200);
    expect(again.methods).toEqual([]);
    expect(ai.transcriptions().length).toBe(transcribed);
  });

  it('as a grievance\'s description: the case keeps the note with its transcript, sealed at rest and shown to the officer as a machine transcript', async () => {
    const chat = 9104;
    for (const step of [message(chat, { text: '/start grievance' }), press(chat, 'lang.bn'), press(chat, 'cat.bribe'), press(chat, 'prog.widow'), message(chat, { text: 'টুঙ্গিপাড়া' }), message(chat, { text: '1' }), message(chat, { text: '1' })]) {
      expect((await send(step)).status).toBe(200);
    }
    const described = await send(voice(chat, 'AwACAgUAAxkBAAIBvoice3', noteBytes('bribe'), BRIBE));
    expect(described.texts[0]).toContain(`🎙️ শুনলাম: “${BRIBE}”`);
    for (const step of [press(chat, 'phone.skip'), press(chat, 'id.private'), press(chat, 'sum.submit')]) await send(step);

    const prisma = setu.app.db.prisma;
    const lodged = await prisma.case.findFirstOrThrow({ where: { contactId: `telegram:${chat}` } });
    const [note, ...others] = await prisma.caseAttachment.findMany({ where: { caseId: lodged.id } });
    expect(others).toEqual([]);
    expect(note).toMatchObject({ kind: 'audio', ref: 'telegram:AwACAgUAAxkBAAIBvoice3' });
    // At rest: sealed with the field cipher, like the description, never the words in clear.
    expect(isSealed(note?.transcript ?? '')).toBe(true);
    expect(note?.transcript).not.toContain('টাকা');
    expect(setu.app.cipher.decrypt(note?.transcript ?? '')).toBe(BRIBE);
    expect(setu.app.cipher.decrypt(lodged.description)).toBe(BRIBE);

    await createOfficer(setu.app, { name: 'Tungipara USSO', username: 'tungipara_voice', role: 'upazila', areaCode: lodged.upazilaCode, language: 'en' });
    const officer = await signedIn(setu.url, 'tungipara_voice');
    const page = await officer.get(`/officer/cases/${lodged.trackingNumber}`);
    expect(page.status).toBe(200);
    // Beside the note, in its own list item: the player, then what a machine heard in it, labelled as such.
    const item = page.text.match(/<li>[^<]*Voice note[\s\S]*?<\/li>/)?.[0] ?? '';
    expect(item).toMatch(/<audio controls="" preload="none" src="\/officer\/cases\/\d+\/attachments\/\d+">/);
    const figure = item.match(/<figure class="transcript">([\s\S]*?)<\/figure>/)?.[1] ?? '';
    expect(figure).toContain('Machine transcript');
    expect(figure).toContain(BRIBE);
  });
});

describe('a Telegram voice note that cannot be heard is answered as a voice note, and nothing is lost', () => {
  it('the speech model failing (500): the voice-note message, and the conversation goes on', async () => {
    const chat = 9201;
    await send(message(chat, { text: '/start' }));
    ai.transcribe = () => SERVER_ERROR;
    try {
      const asked = ai.transcriptions().length;
      const res = await send(voice(chat, 'AwACAgUAAxkBAAIBvoice4', noteBytes('fails'), COMPLAINT));
      expect(ai.transcriptions().length).toBe(asked + 1);
      expect(res.texts.join('\n')).toContain(invalidVoice());
      expect(res.texts.join('\n')).not.toContain('🎙️');
    } finally {
      ai.transcribe = (req) => ({ text: heard.get(req.file?.bytes.toString('latin1') ?? '') ?? '' });
    }
    const typed = await send(message(chat, { text: COMPLAINT }));
    expect(typed.texts.join('\n')).toContain(setu.app.translator.t('grievance:intro', 'bn'));
  });

  it('an empty transcript: the voice-note message', async () => {
    const chat = 9202;
    await send(message(chat, { text: '/start' }));
    const asked = ai.transcriptions().length;
    const res = await send(voice(chat, 'AwACAgUAAxkBAAIBvoice5', noteBytes('silence'), null));
    expect(ai.transcriptions().length).toBe(asked + 1);
    expect(res.texts.join('\n')).toContain(invalidVoice());
  });

  it('a note over Telegram\'s 20 MB download limit: neither fetched nor transcribed', async () => {
    const chat = 9203;
    await send(message(chat, { text: '/start' }));
    const asked = ai.transcriptions().length;
    const update = message(chat, { voice: { duration: 900, mime_type: 'audio/ogg', file_id: 'AwACAgUAAxkBAAIBhuge', file_unique_id: 'AgADhuge', file_size: 21 * 1024 * 1024 } });
    const res = await send(update);
    expect(res.methods).not.toContain('getFile');
    expect(ai.transcriptions().length).toBe(asked);
    expect(res.texts.join('\n')).toContain(invalidVoice());
  });

  it('the speech model failing while describing a grievance: the note is still kept with the case, without a transcript', async () => {
    const chat = 9204;
    for (const step of [message(chat, { text: '/start grievance' }), press(chat, 'lang.bn'), press(chat, 'cat.bribe'), press(chat, 'prog.widow'), message(chat, { text: 'টুঙ্গিপাড়া' }), message(chat, { text: '1' }), message(chat, { text: '1' })]) {
      await send(step);
    }
    ai.transcribe = () => SERVER_ERROR;
    try {
      const asked = ai.transcriptions().length;
      await send(voice(chat, 'AwACAgUAAxkBAAIBvoice6', noteBytes('kept'), BRIBE));
      expect(ai.transcriptions().length).toBe(asked + 1);
    } finally {
      ai.transcribe = (req) => ({ text: heard.get(req.file?.bytes.toString('latin1') ?? '') ?? '' });
    }
    await send(message(chat, { text: 'ইউনিয়ন অফিসে টাকা চেয়েছে' }));
    for (const step of [press(chat, 'phone.skip'), press(chat, 'id.private'), press(chat, 'sum.submit')]) await send(step);
    const lodged = await setu.app.db.prisma.case.findFirstOrThrow({ where: { contactId: `telegram:${chat}` } });
    const notes = await setu.app.db.prisma.caseAttachment.findMany({ where: { caseId: lodged.id } });
    expect(notes.map((n) => ({ kind: n.kind, ref: n.ref, transcript: n.transcript }))).toEqual([{ kind: 'audio', ref: 'telegram:AwACAgUAAxkBAAIBvoice6', transcript: null }]);
  });
});

describe('a speech model slower than the turn allows', () => {
  it('is given up in time: the voice-note message, and the turn is not lost', async () => {
    const slowDb = tempSqliteUrl();
    const slowTelegram = await startFakeTelegram(TOKEN);
    const slowAi = await startFakeOpenAI();
    slowAi.transcribe = () => ({ text: COMPLAINT });
    // A 4 s turn leaves 2 s to fetch and transcribe; the model takes 3 s.
    slowAi.delayMs = 3_000;
    const slow = await start(
      loadEnv({
        DATABASE_URL: slowDb.url,
        PORT: '0',
        OUTBOX_POLL_MS: '20',
        SETU_DATA_KEY: TEST_DATA_KEY,
        TELEGRAM_BOT_TOKEN: TOKEN,
        PUBLIC_URL: 'https://setu.example.org',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: slowTelegram.apiRoot,
        OPENAI_BASE_URL: slowAi.baseURL,
        OPENAI_API_KEY: slowAi.apiKey,
        OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-mini-transcribe',
        TURN_DEADLINE_MS: '4000',
      }),
      createLogger('silent'),
      { telegramSender: { perChatIntervalMs: 0 } },
    );
    try {
      await send(message(9401, { text: '/start' }), slow, slowTelegram);
      slowTelegram.serveFile('AwACAgUAAxkBAAIBslow', { bytes: noteBytes('slow') });
      const started = Date.now();
      const res = await send(message(9401, { voice: { duration: 3, mime_type: 'audio/ogg', file_id: 'AwACAgUAAxkBAAIBslow', file_unique_id: 'AgADslow', file_size: 2010 } }), slow, slowTelegram);
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(slowAi.transcriptions()).toHaveLength(1);
      expect(res.texts.join('\n')).toContain(invalidVoice(slow));
    } finally {
      await slow.stop();
      await Promise.all([slowTelegram.close(), slowAi.close()]);
      slowDb.cleanup();
    }
  });
});

describe('without a transcriber (no OPENAI_TRANSCRIBE_MODEL)', () => {
  it('a voice note gets the voice-note message, and its file is never fetched', async () => {
    const plainDb = tempSqliteUrl();
    const plainTelegram = await startFakeTelegram(TOKEN);
    const plain = await start(
      loadEnv({
        DATABASE_URL: plainDb.url,
        PORT: '0',
        OUTBOX_POLL_MS: '20',
        SETU_DATA_KEY: TEST_DATA_KEY,
        TELEGRAM_BOT_TOKEN: TOKEN,
        PUBLIC_URL: 'https://setu.example.org',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: plainTelegram.apiRoot,
        OPENAI_BASE_URL: ai.baseURL,
        OPENAI_API_KEY: ai.apiKey,
      }),
      createLogger('silent'),
      { telegramSender: { perChatIntervalMs: 0 } },
    );
    try {
      const asked = ai.transcriptions().length;
      await send(message(9301, { text: '/start' }), plain, plainTelegram);
      plainTelegram.serveFile('AwACAgUAAxkBAAIBplain', { bytes: noteBytes('plain') });
      const res = await send(message(9301, { voice: { duration: 3, mime_type: 'audio/ogg', file_id: 'AwACAgUAAxkBAAIBplain', file_unique_id: 'AgADplain', file_size: 2010 } }), plain, plainTelegram);
      expect(res.texts.join('\n')).toContain(invalidVoice(plain));
      expect(res.methods).not.toContain('getFile');
      expect(res.methods).not.toContain('file');
      expect(ai.transcriptions().length).toBe(asked);
    } finally {
      await plain.stop();
      await plainTelegram.close();
      plainDb.cleanup();
    }
  });
});

describe('the logs', () => {
  it('logs the outcome, the size and the time of each note, never its words nor the bot token (after every case above, failures too)', () => {
    const text = logs.join('');
    const lines = text.split('\n').filter((l) => l.includes('"component":"voice"'));
    expect(lines.some((l) => /"outcome":"ok"/.test(l) && /"bytes":\d+/.test(l) && /"ms":\d+/.test(l))).toBe(true);
    expect(lines.some((l) => /"outcome":"unheard"/.test(l) && /"bytes":\d+/.test(l))).toBe(true);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('TEST-voice_token');
    expect(text).not.toContain(COMPLAINT);
    expect(text).not.toContain('বয়স্ক');
    expect(text).not.toContain('দুই হাজার');
    expect(text).not.toContain('AwACAgUAAxkBAAIBvoice');
  });
});
