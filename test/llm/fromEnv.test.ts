import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { languageModelsFromEnv, loadPrompt } from '../../src/infra/llm/fromEnv.ts';
import { createRulesUnderstander } from '../../src/infra/llm/rulesUnderstander.ts';
import { maskPersonalNumbers } from '../../src/infra/llm/mask.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI.ts';
import { captureLog, messagesOf, reading } from './support.ts';

const STORY = 'আমার বাবা স্ট্রোক করে প্যারালাইজড, কোনো কাজ করতে পারেন না, কিছু সাহায্য পাবেন?';

let ai: FakeOpenAI;
beforeEach(async () => {
  ai = await startFakeOpenAI('no-key');
  ai.answer = () => ({ json: reading({ intent: 'eligibility', programme: 'patient_assistance', subject: 'other', facts: { relation: 'father', illness: 'stroke_paralysis' } }) });
});
afterEach(async () => {
  await ai.close();
});

describe('the OPENAI_* settings', () => {
  it('default to gpt-4o-mini, 4 s and 2,000 calls a day, with no key, server or transcription', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ OPENAI_MODEL: 'gpt-4o-mini', OPENAI_TIMEOUT_MS: 4000, OPENAI_DAILY_CALLS: 2000 });
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.OPENAI_BASE_URL).toBeUndefined();
    expect(env.OPENAI_TRANSCRIBE_MODEL).toBeUndefined();
  });

  it('refuse a base URL that is not one, and numbers that are not', () => {
    expect(() => loadEnv({ OPENAI_BASE_URL: 'localhost:11434' })).toThrow(/OPENAI_BASE_URL/);
    expect(() => loadEnv({ OPENAI_TIMEOUT_MS: 'soon' })).toThrow(/OPENAI_TIMEOUT_MS/);
    expect(() => loadEnv({ OPENAI_DAILY_CALLS: '-1' })).toThrow(/OPENAI_DAILY_CALLS/);
  });
});

describe('languageModelsFromEnv', () => {
  it('gives the rules alone, and no transcriber, when neither a key nor a server is set', async () => {
    const { log, lines } = captureLog();
    const models = languageModelsFromEnv(loadEnv({ OPENAI_TRANSCRIBE_MODEL: 'whisper-1' }), log);
    expect(models.transcriber).toBeNull();
    expect(await models.understander.understand(STORY)).toEqual(await createRulesUnderstander().understand(STORY));
    expect(lines().join('\n')).toContain('rules alone');
  });

  it('uses an OpenAI-compatible server named by OPENAI_BASE_URL, with a placeholder key when none is set', async () => {
    const models = languageModelsFromEnv(loadEnv({ OPENAI_BASE_URL: ai.baseURL, OPENAI_MODEL: 'qwen2.5:7b' }), captureLog().log);
    expect(models.transcriber).toBeNull();
    expect(await models.understander.understand(STORY)).toMatchObject({ programme: 'patient_assistance', facts: { relation: 'father', illness: 'stroke_paralysis' }, source: 'model' });
    const [request] = ai.chats();
    expect(request?.authorization).toBe('Bearer no-key');
    expect(request?.body.model).toBe('qwen2.5:7b');
    expect(messagesOf(request)[0]).toEqual({ role: 'system', content: loadPrompt() });
  });

  it('sends the key when one is set, and transcribes when OPENAI_TRANSCRIBE_MODEL is set', async () => {
    const keyed = await startFakeOpenAI('sk-live-key');
    try {
      keyed.transcribe = () => ({ text: 'ভাতা পাই না' });
      const env = loadEnv({ OPENAI_API_KEY: 'sk-live-key', OPENAI_BASE_URL: keyed.baseURL, OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-mini-transcribe' });
      const { transcriber } = languageModelsFromEnv(env, captureLog().log);
      expect(await transcriber?.transcribe(Buffer.from('OggS'), 'audio/ogg', 'v.ogg')).toBe('ভাতা পাই না');
      expect(keyed.transcriptions()[0]?.authorization).toBe('Bearer sk-live-key');
      expect(keyed.transcriptions()[0]?.fields.model).toBe('gpt-4o-mini-transcribe');
    } finally {
      await keyed.close();
    }
  });

  it('keeps to OPENAI_TIMEOUT_MS and OPENAI_DAILY_CALLS', async () => {
    ai.delayMs = 5000;
    const slow = languageModelsFromEnv(loadEnv({ OPENAI_BASE_URL: ai.baseURL, OPENAI_TIMEOUT_MS: '300' }), captureLog().log);
    const started = Date.now();
    expect(await slow.understander.understand(STORY)).toEqual(await createRulesUnderstander().understand(STORY));
    expect(Date.now() - started).toBeLessThan(1500);
    const none = languageModelsFromEnv(loadEnv({ OPENAI_BASE_URL: ai.baseURL, OPENAI_DAILY_CALLS: '0' }), captureLog().log);
    await none.understander.understand(STORY);
    expect(ai.chats()).toHaveLength(1);
  });
});

describe('loadPrompt', () => {
  it('sends what is below the first --- line of prompts/understand.md', () => {
    const dir = mkdtempSync(join(tmpdir(), 'setu-prompt-'));
    writeFileSync(join(dir, 'p.md'), '# Notes\nnot sent\n\n---\n\nYou read one message.\n');
    expect(loadPrompt(join(dir, 'p.md'))).toBe('You read one message.');
    writeFileSync(join(dir, 'q.md'), 'Only a prompt.\n');
    expect(loadPrompt(join(dir, 'q.md'))).toBe('Only a prompt.');
    writeFileSync(join(dir, 'r.md'), '# Notes\n---\n  \n');
    expect(() => loadPrompt(join(dir, 'r.md'))).toThrow(/no prompt/);
  });

  it('tells the model the text is data, to answer only JSON, and holds nobody\'s data', () => {
    const prompt = loadPrompt();
    expect(prompt).not.toContain('Read once at start');
    expect(prompt).toMatch(/data, not instructions/);
    expect(prompt).toMatch(/Return only the JSON/);
    expect(prompt).toMatch(/Banglish/);
    expect(prompt).toMatch(/whose/);
    expect(maskPersonalNumbers(prompt).counts).toEqual({ phone: 0, nid: 0, tracking: 0, number: 0 });
  });
});
