import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/infra/i18n/createTranslator.ts';
import { loadLocales } from '../../src/infra/i18n/loadLocales.ts';
import { createCaseAssistant, type CaseAssistantOptions, type CaseAssistant } from '../../src/infra/llm/caseAssistant.ts';
import { loadPrompt, SUMMARISE_PROMPT_FILE, TRANSLATE_PROMPT_FILE } from '../../src/infra/llm/fromEnv.ts';
import { RATE_LIMITED, SERVER_ERROR, startFakeOpenAI, type ChatReply, type FakeOpenAI } from '../support/fakeOpenAI.ts';
import { captureLog, clientFor, messagesOf, silentLog } from '../llm/support.ts';
import { ROOT } from '../support/engineHarness.ts';

/**
 * The case assistant through the real `openai` client against the local
 * stand-in: what it sends (one masked text, the prompt, a strict schema),
 * what it keeps (only answers that fit), and its guards (timeout, breaker,
 * budget). Logs carry no words.
 */

const PROMPTS = { summarise: loadPrompt(SUMMARISE_PROMPT_FILE), translate: loadPrompt(TRANSLATE_PROMPT_FILE) };
const WORDS = 'চেয়ারম্যানের লোক বিধবা ভাতার কার্ড করে দিতে ৩০০০ টাকা চেয়েছে, আমার নম্বর ০১৭১২-৩৪৫৬৭৮, অভিযোগ ৪৮২-১৭৩-৯০৮।';
const GOOD = {
  summary: "A man from the chairman's office asked for 3,000 taka to make a widow allowance card.\nThe citizen complains of the bribe.",
  category: 'bribe',
  urgent: true,
  translation: "The chairman's man asked for 3000 taka to make the widow allowance card, my number [PHONE], complaint [TRACKING].",
};

let ai: FakeOpenAI;
let t: number;
beforeEach(async () => {
  ai = await startFakeOpenAI();
  t = Date.parse('2026-11-22T09:00:00Z');
});
afterEach(async () => {
  await ai.close();
});

const assistant = (over: Partial<CaseAssistantOptions> = {}): CaseAssistant =>
  createCaseAssistant({ client: clientFor(ai), model: 'gpt-4o-mini', prompts: PROMPTS, log: silentLog(), now: () => t, ...over });

describe('summarise', () => {
  it('sends the filled prompt and the masked words alone, with a strict schema, and keeps a fitting answer', async () => {
    ai.answer = () => ({ json: GOOD });
    expect(await assistant().summarise(WORDS, 'bn', 'en')).toEqual(GOOD);
    const [request] = ai.chats();
    const body = request?.body ?? {};
    expect(Object.keys(body).sort()).toEqual(['max_completion_tokens', 'messages', 'model', 'response_format']);
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'setu_case_summary', strict: true, schema: { type: 'object', additionalProperties: false, required: ['summary', 'category', 'urgent', 'translation'] } } });
    const messages = messagesOf(request);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]?.content).toContain('The officer reads English');
    expect(messages[0]?.content).toContain('wrote the complaint in Bangla');
    expect(messages[0]?.content).not.toContain('{{');
    expect(messages[1]?.content).toBe('চেয়ারম্যানের লোক বিধবা ভাতার কার্ড করে দিতে ৩০০০ টাকা চেয়েছে, আমার নম্বর [PHONE], অভিযোগ [TRACKING]।');
    const wire = JSON.stringify(body);
    for (const clear of ['০১৭১২', '৩৪৫৬৭৮', '৪৮২-১৭৩-৯০৮', '01712']) expect(wire).not.toContain(clear);
  });

  it('gives no translation when the officers read the citizen\'s language, whatever the model sent', async () => {
    ai.answer = () => ({ json: { ...GOOD, summary: 'চেয়ারম্যানের লোক ভাতার কার্ডের জন্য ৩০০০ টাকা ঘুষ চেয়েছে।', translation: 'কিছু একটা' } });
    expect(await assistant().summarise(WORDS, 'bn', 'bn')).toMatchObject({ translation: null, category: 'bribe' });
  });

  it.each<[string, ChatReply]>([
    ['not JSON', { content: 'Here is a summary: a bribe.' }],
    ['three lines of summary', { json: { ...GOOD, summary: 'one\ntwo\nthree' } }],
    ['an empty summary', { json: { ...GOOD, summary: '  ' } }],
    ['a category outside the list', { json: { ...GOOD, category: 'fraud' } }],
    ['urgency as a word', { json: { ...GOOD, urgent: 'yes' } }],
    ['an extra field', { json: { ...GOOD, reply: 'We will pay you tomorrow.' } }],
    ['a field left out', { json: { summary: GOOD.summary, category: 'bribe', urgent: true } }],
    ['a summary in the wrong language', { json: { ...GOOD, summary: 'চেয়ারম্যানের লোক ঘুষ চেয়েছে।' } }],
    ['a runaway translation', { json: { ...GOOD, translation: 'word '.repeat(3000) } }],
    ['a refusal', { content: null, refusal: "I can't help with that." }],
    ['a cut-off answer', { content: '{"summary":"A man', finishReason: 'length' }],
    ['a body that is no ChatCompletion', { body: { choices: 'none' } }],
    ['a server error', SERVER_ERROR],
    ['a rate limit', RATE_LIMITED],
    ['a dropped connection', { hangUp: true }],
  ])('gives nothing when the model gives %s', async (_what, reply) => {
    ai.answer = () => reply;
    const { log, lines } = captureLog();
    expect(await assistant({ log }).summarise(WORDS, 'bn', 'en')).toBeNull();
    expect(ai.chats()).toHaveLength(1);
    // Neither the citizen's words nor the model's reach the log.
    const logged = lines().join('\n');
    for (const words of ['চেয়ারম্যানের', 'chairman', 'bribe.', 'pay you']) expect(logged).not.toContain(words);
  });

  it('gives nothing within about the timeout when the model is slow', async () => {
    ai.answer = () => ({ json: GOOD });
    ai.delayMs = 4000;
    const { log, records } = captureLog();
    const started = Date.now();
    expect(await assistant({ client: clientFor(ai, 300), timeoutMs: 300, log }).summarise(WORDS, 'bn', 'en')).toBeNull();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(records().find((r) => r.outcome === 'timeout')).toBeDefined();
  });

  it('stops calling after 3 failures in a row (the breaker), and within its daily budget', async () => {
    ai.answer = () => SERVER_ERROR;
    const a = assistant();
    for (let i = 0; i < 5; i++) expect(await a.summarise(WORDS, 'bn', 'en')).toBeNull();
    expect(ai.chats()).toHaveLength(3);

    await ai.close();
    ai = await startFakeOpenAI();
    ai.answer = () => ({ json: GOOD });
    const budgeted = assistant({ dailyCalls: 2 });
    for (let i = 0; i < 4; i++) await budgeted.summarise(WORDS, 'bn', 'en');
    expect(ai.chats()).toHaveLength(2);
  });

  it('logs latency and tokens, never text', async () => {
    ai.answer = () => ({ json: GOOD, usage: { prompt_tokens: 400, completion_tokens: 90 } });
    const { log, records, lines } = captureLog();
    await assistant({ log }).summarise(WORDS, 'bn', 'en');
    expect(records().find((r) => r.outcome === 'answered')).toMatchObject({ task: 'summary', promptTokens: 400, completionTokens: 90 });
    const logged = lines().join('\n');
    for (const words of ['চেয়ারম্যানের', 'chairman', '3000', '৩০০০']) expect(logged).not.toContain(words);
  });
});

describe('translate', () => {
  const NOTE = 'Your name is on the list now. Call 01712345678 if the money does not come.';
  const BANGLA = 'আপনার নাম এখন তালিকায় আছে। টাকা না এলে [PHONE] নম্বরে ফোন করুন।';

  it('sends the masked note with the languages named and keeps a translation into the right script', async () => {
    ai.answer = () => ({ json: { translation: BANGLA } });
    expect(await assistant().translate(NOTE, 'en', 'bn')).toBe(BANGLA);
    const [request] = ai.chats();
    expect(request?.body.response_format).toMatchObject({ json_schema: { name: 'setu_translation', strict: true } });
    const messages = messagesOf(request);
    expect(messages[0]?.content).toContain('from English into Bangla');
    expect(messages[1]?.content).toBe('Your name is on the list now. Call [PHONE] if the money does not come.');
    expect(JSON.stringify(request?.body)).not.toContain('01712345678');
  });

  it('asks nothing for a note already in the language', async () => {
    expect(await assistant().translate(NOTE, 'en', 'en')).toBeNull();
    expect(ai.chats()).toHaveLength(0);
  });

  it.each<[string, ChatReply]>([
    ['English back for a Bangla reader', { json: { translation: NOTE } }],
    ['an empty translation', { json: { translation: '' } }],
    ['something else than the schema', { json: { text: BANGLA } }],
    ['a server error', SERVER_ERROR],
  ])('gives nothing for %s', async (_what, reply) => {
    ai.answer = () => reply;
    expect(await assistant().translate(NOTE, 'en', 'bn')).toBeNull();
  });

  it('refuses a prompt file that lost its placeholders, at start', () => {
    expect(() => assistant({ prompts: { summarise: 'Summarise.', translate: PROMPTS.translate } })).toThrow(/officer_language/);
  });
});

describe('the words of the assistant', () => {
  it('are in both languages: the workspace box and the citizen\'s marker', () => {
    const t = createTranslator(loadLocales(join(ROOT, 'locales')));
    const officerKeys = ['heading', 'note', 'category', 'urgent', 'urgent_yes', 'urgent_no', 'differs', 'translation', 'translation_note', 'original', 'note_translated'];
    for (const lang of ['bn', 'en'] as const) {
      for (const k of officerKeys) expect(t.has(`officer:assist.${k}`, lang), `officer:assist.${k} (${lang})`).toBe(true);
      const marked = t.t('cases:assist.note', lang, { translation: 'T', original: 'O' });
      expect(marked.indexOf('T')).toBe(0);
      expect(marked.lastIndexOf('O')).toBe(marked.length - 1);
    }
  });
});
