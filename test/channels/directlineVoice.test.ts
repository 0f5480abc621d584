import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/main.ts';
import { tempSqliteUrl } from '../support/appHarness.ts';
import { DirectLineClient, startSetu } from '../support/directLine.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI.ts';

/**
 * A voice note recorded on the web page (uploaded through Setu's own Direct
 * Line) is heard like one sent on Telegram: with a transcriber configured,
 * "🎙️ শুনলাম: …" and on as typed; the file Setu keeps itself is what is sent.
 */

const OGG = Buffer.concat([Buffer.from('OggS'), Buffer.from([0, 2, 0, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('WEB-VOICE-NOTE')]);
const SAID = 'তিন মাস ধরে বয়স্ক ভাতার টাকা পাই না';

let setu: Running;
let ai: FakeOpenAI;
let db: ReturnType<typeof tempSqliteUrl>;
let dataDir: string;

beforeAll(async () => {
  ai = await startFakeOpenAI();
  ai.transcribe = (req) => ({ text: req.file?.bytes.includes(Buffer.from('WEB-VOICE-NOTE')) ? SAID : '' });
  db = tempSqliteUrl();
  dataDir = mkdtempSync(join(tmpdir(), 'setu-dl-voice-'));
  setu = await startSetu(db.url, dataDir, { env: { OPENAI_BASE_URL: ai.baseURL, OPENAI_API_KEY: ai.apiKey, OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-mini-transcribe' } });
});

afterAll(async () => {
  await setu.stop();
  await ai.close();
  db.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a voice note from the web page', () => {
  it('at the menu is heard, said back, and opens the complaint form as the typed words would', async () => {
    const dl = await DirectLineClient.generate(setu.url);
    await dl.start();
    await dl.replies();
    const form = new FormData();
    const activity = { type: 'message', from: { id: 'dl_user', role: 'user' }, channelData: { clientActivityID: 'voice-1' }, attachments: [{ contentType: 'audio/ogg', name: 'voice.ogg' }] };
    form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob([OGG], { type: 'audio/ogg' }), 'voice.ogg');
    const res = await fetch(dl.url('/upload?userId=dl_user'), { method: 'POST', headers: dl.auth, body: form });
    expect(res.status).toBe(200);
    const texts = DirectLineClient.botTexts(await dl.replies()).join('\n');
    expect(texts).toContain(`🎙️ শুনলাম: “${SAID}”`);
    expect(texts).toMatch(/কোথায় ঘটেছে|ইউনিয়ন বা উপজেলার নাম/);
    expect(ai.transcriptions().at(-1)?.file?.bytes.equals(OGG)).toBe(true);
  });
});
