import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { isSealed, openStored } from '../../src/infra/crypto/fieldCipher.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { SERVER_ERROR, startFakeOpenAI, type ChatReply, type ChatRequest, type FakeOpenAI } from '../support/fakeOpenAI.ts';
import { readOutbox } from '../support/outbox.ts';
import { createOfficer, FormClient, lodgeFromTerminal, signedIn } from '../support/workspace.ts';
import { messagesOf } from '../llm/support.ts';

/**
 * The case assistant in the running app, through the real `openai` client
 * against the local stand-in: a Bangla grievance gets a summary and a
 * suggestion for its English-reading officers (sealed at rest, shown as a
 * machine's next to the rules' flag, the citizen's words always shown); a
 * model that misbehaves leaves nothing and breaks nothing; an English note
 * reaches the Bangla citizen machine-translated, marked, with the original.
 */

const WORDS = 'ইউনিয়ন অফিসের কেরানি বিধবা ভাতার কার্ড করে দিতে ২০০০ টাকা ঘুষ চেয়েছে। আমার নম্বর ০১৭১২-৩৪৫৬৭৮, দয়া করে ফোন দিবেন।';
const MASKED = 'ইউনিয়ন অফিসের কেরানি বিধবা ভাতার কার্ড করে দিতে ২০০০ টাকা ঘুষ চেয়েছে। আমার নম্বর [PHONE], দয়া করে ফোন দিবেন।';
const SUMMARY = 'A union office clerk asked for 2000 taka to make a widow allowance card.\nThe citizen asks to be called back.';
const TRANSLATION = 'The union office clerk demanded a bribe of 2000 taka to make the widow allowance card. My number is [PHONE], please call.';
const NOTE = 'Your name is now on the widow allowance list. Payment starts next month.';
const NOTE_BN = 'আপনার নাম এখন বিধবা ভাতার তালিকায় আছে। আগামী মাস থেকে টাকা পাবেন।';

const schemaOf = (r: ChatRequest): string | undefined => (r.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name;

let ai: FakeOpenAI;
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let upazila: FormClient;
let number: string;
let caseId: string;
const clock = new FixedClock(Date.parse('2026-12-06T05:00:00Z'));
/** What the model answers for each task; the understander's questions get an answer off its schema (the rules read the chat). */
const model: { summary: (r: ChatRequest) => ChatReply; translation: (r: ChatRequest) => ChatReply } = {
  summary: () => ({ json: { summary: SUMMARY, category: 'not_received', urgent: true, translation: TRANSLATION } }),
  translation: () => ({ json: { translation: NOTE_BN } }),
};
const summaries = (): ChatRequest[] => ai.chats().filter((r) => schemaOf(r) === 'setu_case_summary');
const translations = (): ChatRequest[] => ai.chats().filter((r) => schemaOf(r) === 'setu_translation');

beforeAll(async () => {
  ai = await startFakeOpenAI();
  ai.answer = (r) => (schemaOf(r) === 'setu_case_summary' ? model.summary(r) : schemaOf(r) === 'setu_translation' ? model.translation(r) : { json: null });
  db = tempSqliteUrl();
  const env = loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent', OPENAI_BASE_URL: ai.baseURL, OPENAI_API_KEY: ai.apiKey, OPENAI_TIMEOUT_MS: '1500' });
  setu = await start(env, createLogger('silent'), { clock });
  number = await lodgeFromTerminal(setu.app, 'amina', 'bn', WORDS);
  const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
  caseId = c.id;
  // The officers who read a case of this upazila read English.
  await createOfficer(setu.app, { name: 'Upazila Officer', username: 'upazila', role: 'upazila', areaCode: c.upazilaCode, language: 'en' });
  await createOfficer(setu.app, { name: 'District Officer', username: 'district', role: 'district', areaCode: c.districtCode, language: 'en' });
  upazila = await signedIn(setu.url, 'upazila');
});

afterAll(async () => {
  await setu.stop();
  await ai.close();
  db.cleanup();
});

const csrf = async (): Promise<string> => FormClient.csrf((await upazila.get(`/officer/cases/${number}`)).text);
const lastNotice = async (key: string) => (await readOutbox(setu.app, { contactId: 'console:amina' }, 'desc')).find((m) => m.message.key === key)?.message.text ?? '';

describe('a summary and a suggestion for each new case', () => {
  it('are written in the background for a lodged Bangla grievance, in the officers\' language, sealed at rest', async () => {
    expect(await setu.app.db.prisma.caseAssist.count()).toBe(0);
    expect(await setu.app.assistCases()).toBe(1);
    const row = await setu.app.db.prisma.caseAssist.findUniqueOrThrow({ where: { caseId } });
    expect(row).toMatchObject({ lang: 'en', category: 'not_received', urgent: true, model: 'gpt-4o-mini' });
    expect(isSealed(row.summary)).toBe(true);
    expect(openStored(setu.app.cipher, row.summary)).toBe(SUMMARY);
    expect(openStored(setu.app.cipher, row.translation ?? '')).toBe(TRANSLATION);
    // What a copied database holds: none of the words.
    const raw = JSON.stringify(await setu.app.db.prisma.$queryRawUnsafe('SELECT * FROM "CaseAssist"'));
    for (const words of ['clerk', 'widow', '2000 taka', 'call']) expect(raw).not.toContain(words);
    // The rules' own category and urgency stay on the case.
    expect(await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ category: 'bribe', urgent: true });
    // Done once: the next pass finds nothing to do and asks nothing.
    expect(await setu.app.assistCases()).toBe(0);
    expect(summaries()).toHaveLength(1);
  });

  it('send the model the prompt and the citizen\'s masked words, and no other case data', () => {
    const [request] = summaries();
    const messages = messagesOf(request);
    expect(messages).toHaveLength(2);
    expect(messages[0]?.content).toContain('The officer reads English');
    expect(messages[1]).toEqual({ role: 'user', content: MASKED });
    const body = JSON.stringify(request?.body);
    for (const other of [number, number.slice(0, 3), 'টুঙ্গিপাড়া', 'Tungipara', caseId, 'console:amina']) expect(body).not.toContain(other);
  });

  it('never let the citizen\'s phone number reach the model, in any request', () => {
    expect(ai.chats().length).toBeGreaterThan(0);
    for (const r of ai.chats()) {
      const wire = JSON.stringify(r.body);
      for (const digits of ['০১৭১২', '৩৪৫৬৭৮', '01712', '345678']) expect(wire).not.toContain(digits);
    }
  });

  it('show on the case page, marked as a machine\'s suggestion beside the rules\' flag, with the translation marked and the original words', async () => {
    const page = await upazila.get(`/officer/cases/${number}`);
    expect(page.status).toBe(200);
    const html = page.text;
    expect(html).toContain('Suggestion (machine)');
    expect(html).toContain('A union office clerk asked for 2000 taka to make a widow allowance card.');
    expect(html).toContain('data-assist-category="not_received"');
    expect(html).toContain('Money not received or less than due (differs from the rules)');
    expect(html).toContain('Looks urgent');
    // In the same card as the rules' category and urgent flag, before the citizen's words.
    const flag = html.indexOf('class="urgent"');
    const rulesCategory = html.indexOf('Bribe or illegal fee demanded');
    const box = html.indexOf('data-assist');
    const words = html.indexOf("In the citizen&#39;s words");
    expect(flag).toBeGreaterThan(0);
    expect(rulesCategory).toBeGreaterThan(0);
    expect(box).toBeGreaterThan(Math.max(flag, rulesCategory));
    expect(words).toBeGreaterThan(box);
    expect(html.slice(Math.max(flag, rulesCategory), box)).not.toContain('class="card"');
    // The translation, marked, and the citizen's own words always.
    expect(html).toContain("The citizen&#39;s words, machine-translated");
    expect(html).toContain('The union office clerk demanded a bribe of 2000 taka');
    const original = html.search(new RegExp(`<blockquote data-original[^>]*>${WORDS}</blockquote>`));
    expect(original).toBeGreaterThan(html.indexOf('The union office clerk demanded'));
  });
});

describe('an officer\'s note in the other language', () => {
  it('reaches the Bangla citizen machine-translated, marked, with the original below', async () => {
    const res = await upazila.post(`/officer/cases/${number}/reply`, { _csrf: await csrf(), text: `${NOTE} Call 01812345678.` });
    expect(res.status).toBe(303);
    const text = await lastNotice('cases:notice.reply');
    const at = { translation: text.indexOf(NOTE_BN), marker: text.indexOf('যন্ত্রে অনুবাদ করা'), original: text.indexOf(NOTE) };
    expect(at.translation).toBeGreaterThan(0);
    expect(at.marker).toBeGreaterThan(at.translation);
    expect(at.original).toBeGreaterThan(at.marker);
    expect(text).toContain('01812345678');
    // The model got the note alone, its number masked.
    const [request] = translations();
    expect(messagesOf(request)[1]).toEqual({ role: 'user', content: `${NOTE} Call [PHONE].` });
    expect(messagesOf(request)[0]?.content).toContain('from English into Bangla');
    // Kept sealed beside the original.
    const event = await setu.app.db.prisma.caseEvent.findFirstOrThrow({ where: { caseId, type: 'replied' }, orderBy: { id: 'desc' } });
    expect(isSealed(event.noteTranslated ?? '')).toBe(true);
    expect(openStored(setu.app.cipher, event.noteTranslated ?? '')).toBe(NOTE_BN);
    expect(JSON.stringify(await setu.app.db.prisma.$queryRawUnsafe('SELECT "noteTranslated" FROM "CaseEvent"'))).not.toContain('তালিকায়');
    // The officer sees what the citizen got.
    expect((await upazila.get(`/officer/cases/${number}`)).text).toContain('The citizen got a machine translation (with your original):');
  });

  it('goes as the original alone, without waiting long, when the model is slow', async () => {
    ai.delayMs = 6000;
    try {
      const started = Date.now();
      const res = await upazila.post(`/officer/cases/${number}/reply`, { _csrf: await csrf(), text: 'We will visit your house on Sunday.' });
      expect(res.status).toBe(303);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      ai.delayMs = 0;
    }
    const text = await lastNotice('cases:notice.reply');
    expect(text).toContain('We will visit your house on Sunday.');
    expect(text).not.toContain('যন্ত্রে অনুবাদ');
    const event = await setu.app.db.prisma.caseEvent.findFirstOrThrow({ where: { caseId, type: 'replied' }, orderBy: { id: 'desc' } });
    expect(event.noteTranslated).toBeNull();
  });

  it('goes as the original alone when the model fails or answers off the schema', async () => {
    for (const reply of [SERVER_ERROR, { json: { text: NOTE_BN } }] satisfies ChatReply[]) {
      model.translation = () => reply;
      const res = await upazila.post(`/officer/cases/${number}/reply`, { _csrf: await csrf(), text: 'Please bring your NID card.' });
      expect(res.status).toBe(303);
      const text = await lastNotice('cases:notice.reply');
      expect(text).toContain('Please bring your NID card.');
      expect(text).not.toContain('যন্ত্রে অনুবাদ');
    }
    model.translation = () => ({ json: { translation: NOTE_BN } });
  });

  it('is not sent to the model when it is in the citizen\'s language', async () => {
    const before = translations().length;
    await upazila.post(`/officer/cases/${number}/reply`, { _csrf: await csrf(), text: 'রবিবার অফিসে আসবেন।' });
    expect(translations()).toHaveLength(before);
    expect(await lastNotice('cases:notice.reply')).toContain('রবিবার অফিসে আসবেন।');
  });

  it('closes the case with the translated note first, marked, and the original', async () => {
    const res = await upazila.post(`/officer/cases/${number}/act`, { _csrf: await csrf(), action: 'resolve', note: NOTE });
    expect(res.status).toBe(303);
    const text = await lastNotice('cases:notice.resolved');
    expect(text.indexOf(NOTE_BN)).toBeGreaterThan(0);
    expect(text.indexOf('যন্ত্রে অনুবাদ করা')).toBeGreaterThan(text.indexOf(NOTE_BN));
    expect(text.indexOf(NOTE)).toBeGreaterThan(text.indexOf('যন্ত্রে অনুবাদ করা'));
    const event = await setu.app.db.prisma.caseEvent.findFirstOrThrow({ where: { caseId, type: 'resolved' } });
    expect(openStored(setu.app.cipher, event.note ?? '')).toBe(NOTE);
    expect(openStored(setu.app.cipher, event.noteTranslated ?? '')).toBe(NOTE_BN);
  });
});

describe('a model that misbehaves', () => {
  it('leaves no row and breaks nothing, and the case is tried again later (3 times at most)', async () => {
    const second = await lodgeFromTerminal(setu.app, 'babul', 'bn', 'তিন মাস ধরে বয়স্ক ভাতার টাকা পাইনি।', 'not_received');
    const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: second } });
    const noRow = async () => expect(await setu.app.db.prisma.caseAssist.findUnique({ where: { caseId: c.id } })).toBeNull();
    const attempts: ChatReply[] = [{ content: 'The citizen has not been paid.' }, { json: { summary: 'one\ntwo\nthree', category: 'not_received', urgent: false, translation: null } }, SERVER_ERROR];
    for (const reply of attempts) {
      model.summary = () => reply;
      expect(await setu.app.assistCases()).toBe(0);
      await noRow();
      const page = await upazila.get(`/officer/cases/${second}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('Suggestion (machine)');
      expect(page.text).toContain('তিন মাস ধরে বয়স্ক ভাতার টাকা পাইনি।');
      // Not asked again at once: the next try waits.
      const asked = summaries().length;
      expect(await setu.app.assistCases()).toBe(0);
      expect(summaries()).toHaveLength(asked);
      clock.advance(16 * 60_000);
    }
    expect(await setu.app.db.prisma.caseAssist.count()).toBe(1);
    // The chat goes on meanwhile: another grievance is lodged as usual.
    expect(await lodgeFromTerminal(setu.app, 'chaya', 'bn', 'ইউনিয়ন পরিষদের সচিব খারাপ ব্যবহার করেছেন।', 'misbehaviour')).toMatch(/^\d{9}$/);
  });

  it('gives up within the timeout when slow, and writes nothing', async () => {
    clock.advance(60_000);
    const third = await lodgeFromTerminal(setu.app, 'dipu', 'bn', 'প্রতিবন্ধী ভাতার তালিকায় নাম নেই।', 'exclusion');
    model.summary = () => ({ json: { summary: 'Not on the disability allowance list.', category: 'exclusion', urgent: false, translation: 'My name is not on the disability list.' } });
    ai.delayMs = 6000;
    try {
      const started = Date.now();
      expect(await setu.app.assistCases()).toBe(0);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      ai.delayMs = 0;
    }
    const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: third } });
    expect(await setu.app.db.prisma.caseAssist.findUnique({ where: { caseId: c.id } })).toBeNull();
  });

  it('once well again, the waiting cases get theirs, newest first', async () => {
    clock.advance(16 * 60_000);
    model.summary = () => ({ json: { summary: 'Not on the list.', category: 'exclusion', urgent: false, translation: 'A translation.' } });
    const before = summaries().length;
    // Babul's case had its 3 tries in this process: it waits for a restart rather than spend the budget again.
    expect(await setu.app.assistCases()).toBe(2);
    const asked = summaries().slice(before).map((r) => messagesOf(r)[1]?.content);
    expect(asked).toEqual(['প্রতিবন্ধী ভাতার তালিকায় নাম নেই।', 'ইউনিয়ন পরিষদের সচিব খারাপ ব্যবহার করেছেন।']);
  });
});
