import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranscriber } from '../../src/infra/llm/transcriber.ts';
import { SERVER_ERROR, startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI.ts';
import { captureLog, clientFor } from './support.ts';

const VOICE = Buffer.from('OggS\u0000fake opus voice note bytes');
const SAID = 'আমার মা বয়স্ক ভাতা পায় না, ফোন ০১৭১২৩৪৫৬৭৮';

let ai: FakeOpenAI;
beforeEach(async () => {
  ai = await startFakeOpenAI();
});
afterEach(async () => {
  await ai.close();
});

describe('the transcriber', () => {
  it('sends the audio as a multipart upload in Bangla and returns the text', async () => {
    ai.transcribe = () => ({ text: `  ${SAID}\n` });
    const { log } = captureLog();
    const t = createTranscriber({ client: clientFor(ai), model: 'gpt-4o-mini-transcribe', timeoutMs: 2000, log });
    expect(await t.transcribe(VOICE, 'audio/ogg', 'voice.ogg')).toBe(SAID);
    const [request] = ai.transcriptions();
    expect(request?.authorization).toBe(`Bearer ${ai.apiKey}`);
    expect(request?.fields).toMatchObject({ model: 'gpt-4o-mini-transcribe', language: 'bn', response_format: 'json' });
    expect(request?.file).toMatchObject({ name: 'voice.ogg', type: 'audio/ogg' });
    expect(request?.file?.bytes.equals(VOICE)).toBe(true);
  });

  it.each([
    ['a server error', (fake: FakeOpenAI): void => void (fake.transcribe = () => SERVER_ERROR)],
    ['a dropped connection', (fake: FakeOpenAI): void => void (fake.transcribe = () => ({ hangUp: true }))],
    ['an empty text', (fake: FakeOpenAI): void => void (fake.transcribe = () => ({ text: '   ' }))],
  ])('returns null on %s', async (_what, script) => {
    script(ai);
    const t = createTranscriber({ client: clientFor(ai), model: 'whisper-1', timeoutMs: 2000, log: captureLog().log });
    expect(await t.transcribe(VOICE, 'audio/ogg', 'voice.ogg')).toBeNull();
  });

  it('returns null within about the timeout when the provider is slow', async () => {
    ai.transcribe = () => ({ text: SAID });
    ai.delayMs = 5000;
    const started = Date.now();
    const t = createTranscriber({ client: clientFor(ai, 300), model: 'whisper-1', timeoutMs: 300, log: captureLog().log });
    expect(await t.transcribe(VOICE, 'audio/ogg', 'voice.ogg')).toBeNull();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('sends nothing for empty or oversized audio', async () => {
    const t = createTranscriber({ client: clientFor(ai), model: 'whisper-1', timeoutMs: 2000, log: captureLog().log });
    expect(await t.transcribe(Buffer.alloc(0), 'audio/ogg', 'voice.ogg')).toBeNull();
    expect(await t.transcribe(Buffer.alloc(26 * 1024 * 1024), 'audio/ogg', 'voice.ogg')).toBeNull();
    expect(ai.requests).toHaveLength(0);
  });

  it('logs outcome, size and time, never the words', async () => {
    ai.transcribe = () => ({ text: SAID });
    const { log, lines, records } = captureLog();
    const t = createTranscriber({ client: clientFor(ai), model: 'whisper-1', timeoutMs: 2000, log });
    await t.transcribe(VOICE, 'audio/ogg', 'voice.ogg');
    ai.transcribe = () => SERVER_ERROR;
    await t.transcribe(VOICE, 'audio/ogg', 'voice.ogg');
    expect(records().map((r) => r.outcome)).toEqual(['ok', 'error']);
    expect(records()[0]).toMatchObject({ bytes: VOICE.length, chars: SAID.length });
    const all = lines().join('\n');
    for (const w of ['আমার', 'বয়স্ক', 'ভাতা', '০১৭১২৩৪৫৬৭৮', 'server had an error']) expect(all).not.toContain(w);
  });
});
