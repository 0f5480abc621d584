import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Understander, Understanding } from '../../src/engine/understanding.ts';
import { loadPrompt } from '../../src/infra/llm/fromEnv.ts';
import { createModelUnderstander, type ModelUnderstanderOptions } from '../../src/infra/llm/modelUnderstander.ts';
import { createRulesUnderstander } from '../../src/infra/llm/rulesUnderstander.ts';
import { RATE_LIMITED, SERVER_ERROR, startFakeOpenAI, type ChatReply, type FakeOpenAI } from '../support/fakeOpenAI.ts';
import { captureLog, clientFor, messagesOf, reading, silentLog } from './support.ts';

const PROMPT = loadPrompt();
const STORY = 'আমার মা বিধবা, বয়স ৭০ বছর, কোনো আয় নেই, ভাতা পাবে কি?';
const MOTHER = reading({
  intent: 'eligibility',
  confidence: 0.95,
  programme: 'widow',
  subject: 'other',
  facts: { relation: 'mother', age: 70, sex: 'female', maritalStatus: 'widowed', income: { amount: 0, period: 'month', whose: 'subject' } },
});

let ai: FakeOpenAI;
let t: number;

beforeEach(async () => {
  ai = await startFakeOpenAI();
  t = Date.parse('2026-03-10T06:00:00Z');
});
afterEach(async () => {
  await ai.close();
});

function understander(over: Partial<ModelUnderstanderOptions> = {}): Understander {
  return createModelUnderstander({ client: clientFor(ai), model: 'gpt-4o-mini', instructions: PROMPT, log: silentLog(), now: () => t, ...over });
}

const rules = (text: string): Promise<Understanding> => createRulesUnderstander().understand(text);

describe('the model understander', () => {
  it("reads a story with the model and lays its facts over the rules' answer", async () => {
    ai.answer = () => ({ json: MOTHER });
    const u = await understander().understand(STORY);
    expect(ai.chats()).toHaveLength(1);
    expect(u).toEqual({
      intent: 'eligibility',
      confidence: 1,
      programme: 'widow',
      subject: 'other',
      facts: { subject: 'other', relation: 'mother', age: 70, sex: 'female', maritalStatus: 'widowed', income: { amount: 0, period: 'month', whose: 'subject' } },
      language: 'bn',
      source: 'model',
    });
  });

  it('keeps a fact the rules were sure of when the model leaves it out, and the tracking number from here', async () => {
    const sure: Understander = { understand: async () => ({ intent: 'status', confidence: 1, facts: { age: 67 }, trackingNumber: '123456789' }) };
    ai.answer = () => ({ json: reading({ intent: 'status', subject: 'self', facts: { sex: 'male' } }) });
    const u = await understander({ rules: sure }).understand('আমার অভিযোগ নম্বর ১২৩-৪৫৬-৭৮৯, আমার বয়স ৬৭, এখনো কিছু হয়নি কেন?');
    expect(u).toMatchObject({ intent: 'status', subject: 'self', trackingNumber: '123456789', source: 'model', facts: { age: 67, sex: 'male', subject: 'self' } });
    // The real rules find no tracking number today: the masking read it, here, not the model.
    const fromMask = await understander().understand('আমার অভিযোগ নম্বর ১২৩-৪৫৬-৭৮৯ এখনো কিছু হয়নি, কী অবস্থা জানাবেন?');
    expect(fromMask.trackingNumber).toBe('123456789');
  });

  it('sends the strict JSON schema, the system prompt and the masked message, and nothing else', async () => {
    ai.answer = () => ({ json: MOTHER });
    const text = 'আমার মায়ের ফোন ০১৭১২-৩৪৫৬৭৮, NID ১৯৯০১২৩৪৫৬৭৮৯, অভিযোগ 987 654 321, আর +8801912345678 — বয়স ৭০, ভাতা পাবে?';
    await understander().understand(text);
    const [request] = ai.chats();
    expect(request?.authorization).toBe(`Bearer ${ai.apiKey}`);
    const body = request?.body ?? {};
    expect(Object.keys(body).sort()).toEqual(['max_completion_tokens', 'messages', 'model', 'response_format']);
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'setu_understanding', strict: true, schema: { type: 'object', additionalProperties: false } } });
    expect(messagesOf(request)).toEqual([
      { role: 'system', content: PROMPT },
      { role: 'user', content: 'আমার মায়ের ফোন [PHONE], NID [NID], অভিযোগ [TRACKING], আর [PHONE] — বয়স ৭০, ভাতা পাবে?' },
    ]);
    const wire = JSON.stringify(body);
    for (const clear of ['০১৭১২', '৩৪৫৬৭৮', '১৯৯০১২৩৪৫৬৭৮৯', '987', '654 321', '1912345678']) expect(wire).not.toContain(clear);
  });

  it.each<[string, ChatReply]>([
    ['not JSON', { content: 'Sure! The user wants an allowance.' }],
    ['JSON of the wrong shape', { json: { intent: 'eligibility' } }],
    ['an intent outside the enum', { json: { ...MOTHER, intent: 'approve' } }],
    ['an extra field', { json: { ...MOTHER, reply: 'আপনার মা ভাতা পাবেন' } }],
    ['a refusal', { content: null, refusal: "I'm sorry, I can't help with that." }],
    ['empty content', { content: '' }],
    ['a cut-off answer', { content: '{"intent":"eligibility","confi', finishReason: 'length' }],
    ['a filtered answer', { content: null, finishReason: 'content_filter' }],
    ['a body that is no ChatCompletion', { body: { choices: 'none' } }],
    ['no choices', { body: { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [] } }],
    ['an array', { json: [MOTHER] }],
  ])('answers with the rules when the model gives %s', async (_what, reply) => {
    ai.answer = () => reply;
    const { log, records } = captureLog();
    expect(await understander({ log }).understand(STORY)).toEqual(await rules(STORY));
    expect(ai.chats()).toHaveLength(1);
    expect(records().some((r) => ['invalid', 'refused', 'empty', 'truncated'].includes(String(r.outcome)))).toBe(true);
  });

  it.each<[string, ChatReply]>([
    ['a server error', SERVER_ERROR],
    ['a rate limit', RATE_LIMITED],
    ['a dropped connection', { hangUp: true }],
  ])('answers with the rules on %s', async (_what, reply) => {
    ai.answer = () => reply;
    const { log, records } = captureLog();
    expect(await understander({ log }).understand(STORY)).toEqual(await rules(STORY));
    expect(records().find((r) => r.outcome === 'error')).toBeDefined();
  });

  it('answers with the rules within about the timeout when the model is slow', async () => {
    ai.answer = () => ({ json: MOTHER });
    ai.delayMs = 5000;
    const { log, records } = captureLog();
    const started = Date.now();
    const u = await createModelUnderstander({ client: clientFor(ai, 300), model: 'm', instructions: PROMPT, log, timeoutMs: 300 }).understand(STORY);
    const took = Date.now() - started;
    expect(u).toEqual(await rules(STORY));
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(1500);
    expect(records().find((r) => r.outcome === 'timeout')).toBeDefined();
  });

  it('skips the model after 3 failures in a row, and tries once again after the pause', async () => {
    ai.answer = () => SERVER_ERROR;
    const u = understander();
    const text = 'কাল রাতে খুব বৃষ্টি হয়েছে';
    for (let i = 0; i < 3; i++) await u.understand(text);
    expect(ai.chats()).toHaveLength(3);
    for (let i = 0; i < 3; i++) expect(await u.understand(text)).toEqual(await rules(text));
    expect(ai.chats()).toHaveLength(3);

    t += 29_000;
    await u.understand('কাল রাতে খুব বৃষ্টি হয়েছে');
    expect(ai.chats()).toHaveLength(3);

    // After the pause one call goes; it fails, so the model is skipped for another pause.
    t += 1_000;
    await u.understand('আজ হাটবার ছিল');
    expect(ai.chats()).toHaveLength(4);
    await u.understand('উঠানে ধান শুকাচ্ছি');
    expect(ai.chats()).toHaveLength(4);

    // The provider is back: the next trial succeeds and the model is used again.
    ai.answer = () => ({ json: reading({ intent: 'human', confidence: 0.9 }) });
    t += 30_000;
    expect(await u.understand('আজ হাটবার ছিল')).toMatchObject({ intent: 'human', source: 'model' });
    expect(await u.understand('উঠানে ধান শুকাচ্ছি')).toMatchObject({ intent: 'human', source: 'model' });
    expect(ai.chats()).toHaveLength(6);
  });

  it('answers the same message again from its cache, however it is spaced or its digits written', async () => {
    ai.answer = () => ({ json: MOTHER });
    const u = understander();
    const first = await u.understand(STORY);
    const again = await u.understand(`  ${STORY.replace('৭০', '70').replace(/ /g, '  ')}  `);
    expect(ai.chats()).toHaveLength(1);
    expect(again).toEqual(first);
  });

  it('gives each tracking number its own, from a cached reading of the masked text', async () => {
    ai.answer = () => ({ json: reading({ intent: 'status', confidence: 0.9 }) });
    const u = understander();
    const a = await u.understand('আমার অভিযোগ 111222333 এর এখন কী অবস্থা একটু জানাবেন');
    const b = await u.understand('আমার অভিযোগ 444555666 এর এখন কী অবস্থা একটু জানাবেন');
    expect(ai.chats()).toHaveLength(1);
    expect([a.trackingNumber, b.trackingNumber]).toEqual(['111222333', '444555666']);
  });

  it('makes no call beyond the daily budget, says so once, and calls again the next Dhaka day', async () => {
    ai.answer = () => ({ json: reading({ intent: 'thanks' }) });
    const { log, records } = captureLog();
    const u = understander({ dailyCalls: 2, log });
    // Messages the rules cannot read, so each would go to the model.
    await u.understand('আজ হাটবার ছিল');
    await u.understand('আচ্ছা দেখি');
    expect(await u.understand('কাল রাতে খুব বৃষ্টি হয়েছে')).toEqual(await rules('কাল রাতে খুব বৃষ্টি হয়েছে'));
    await u.understand('উঠানে ধান শুকাচ্ছি');
    expect(ai.chats()).toHaveLength(2);
    expect(records().filter((r) => r.outcome === 'over_budget')).toHaveLength(1);
    t += 86_400_000;
    expect(await u.understand('কাল রাতে খুব বৃষ্টি হয়েছে')).toMatchObject({ intent: 'thanks', source: 'model' });
    expect(ai.chats()).toHaveLength(3);
  });

  it.each(['১', '2', 'হ্যাঁ', 'না', 'জি না', 'ok', 'menu', 'hi', 'হ্যালো', '👍', '123456789', 'আমার মা কি বয়স্ক ভাতা পাবে?', 'বিধবা ভাতা পাব?'])(
    'makes no call for %s, which the rules and the parsers read',
    async (text) => {
      ai.answer = () => ({ json: MOTHER });
      expect(await understander().understand(text)).toEqual(await rules(text));
      expect(ai.chats()).toHaveLength(0);
    },
  );

  it('asks the model when the rules are unsure: an allowance named and nothing else', async () => {
    ai.answer = () => ({ json: reading({ intent: 'grievance', confidence: 0.9 }) });
    expect(await understander().understand('বিধবা ভাতা')).toMatchObject({ intent: 'grievance', source: 'model' });
    expect(ai.chats()).toHaveLength(1);
  });

  it('asks the model about a short message the rules cannot read', async () => {
    ai.answer = () => ({ json: reading({ intent: 'thanks', confidence: 0.9 }) });
    expect(await understander().understand('আচ্ছা দেখি')).toMatchObject({ intent: 'thanks', source: 'model' });
  });

  it('answers with the rules when its key is refused', async () => {
    ai.answer = () => ({ json: MOTHER });
    const client = clientFor({ ...ai, apiKey: 'sk-wrong' });
    expect(await createModelUnderstander({ client, model: 'm', instructions: PROMPT, log: silentLog() }).understand(STORY)).toEqual(await rules(STORY));
    expect(ai.chats()[0]?.authorization).toBe('Bearer sk-wrong');
  });

  it('logs latency, tokens and outcomes, never the text or its numbers', async () => {
    const { log, lines, records } = captureLog();
    const u = understander({ log, dailyCalls: 4 });
    const texts = [
      'আমার বাবা অসুস্থ, ক্যান্সার হয়েছে, চিকিৎসার টাকা নেই, ফোন 01712345678',
      'my mother is a widow of 70 and gets nothing, NID 1234567890',
      'amar chele protibondhi, school e pore, se ki kono vata pabe?',
      'ভাই একটা কথা ছিল, সবাই বলে ভাতার জন্য ঘুষ লাগবে',
      'চেয়ারম্যান সাহেব টাকা ছাড়া কিছুই করেন না, অভিযোগ 123456789 দিয়েছিলাম',
    ];
    const replies: ChatReply[] = [{ json: MOTHER }, { content: 'my mother is a widow of 70' }, SERVER_ERROR, { json: MOTHER }, { json: MOTHER }];
    ai.answer = () => replies.shift() ?? { json: MOTHER };
    for (const text of texts) await u.understand(text);
    await u.understand(texts[0] ?? '');
    const ok = records().find((r) => r.outcome === 'ok');
    expect(ok).toMatchObject({ promptTokens: 321, completionTokens: 45, model: 'gpt-4o-mini' });
    expect(typeof ok?.ms).toBe('number');
    for (const outcome of ['ok', 'invalid', 'error', 'cache_hit', 'over_budget']) expect(records().some((r) => r.outcome === outcome)).toBe(true);
    const all = lines().join('\n');
    const words = texts.flatMap((s) => s.split(/[\s,?]+/)).filter((w) => w.length >= 4 && !/^(vata|ভাই)$/.test(w));
    for (const w of words) expect(all).not.toContain(w);
    for (const n of ['01712345678', '1234567890', '123456789']) expect(all).not.toContain(n);
  });
});
