import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/createApp.ts';
import { loadEnv } from '../../src/config/env.ts';
import type { InboundBody } from '../../src/engine/types.ts';
import { isSealed } from '../../src/infra/crypto/fieldCipher.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { RecordingSender, TEST_DATA_KEY } from '../support/appHarness.ts';
import { createTestDatabase, type ProviderName, type TestDatabase } from '../db/targets.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.ts';

/**
 * A grievance described by a voice note keeps the note and its transcript,
 * sealed, on both databases (SQLite's prepared statements and PostgreSQL's
 * turn store write the row each their own way).
 */

const TOKEN = '123456:TEST-stored_voice';
const WORDS = 'ইউনিয়ন অফিসের লোক দুই হাজার টাকা চেয়েছে';

describe.each<ProviderName>(['sqlite', 'postgresql'])('a voice note\'s transcript on %s', (provider) => {
  let database: TestDatabase;
  let telegram: FakeTelegram;
  let ai: FakeOpenAI;
  let app: App;
  const sender = new RecordingSender();
  const clock = new FixedClock();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    telegram = await startFakeTelegram(TOKEN);
    ai = await startFakeOpenAI();
    ai.transcribe = () => ({ text: WORDS });
    const env = loadEnv({
      DATABASE_URL: database.url,
      OUTBOX_POLL_MS: '50',
      SETU_DATA_KEY: TEST_DATA_KEY,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      OPENAI_BASE_URL: ai.baseURL,
      OPENAI_API_KEY: ai.apiKey,
      OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-mini-transcribe',
    });
    app = await createApp({ env, log: createLogger('silent'), senders: new Map([['telegram', sender]]), clock });
  });

  afterAll(async () => {
    await app.close();
    await Promise.all([telegram.close(), ai.close()]);
    await database.drop();
  });

  it('is stored sealed beside the note, and opens to the words', async () => {
    telegram.serveFile('AwACAgUAAxkBAAIBstored', { bytes: Buffer.from('OggS-stored-voice-note') });
    const steps: InboundBody[] = [
      { type: 'start', payload: 'grievance' },
      { type: 'choice', choiceId: 'lang.bn' },
      { type: 'choice', choiceId: 'cat.bribe' },
      { type: 'choice', choiceId: 'prog.widow' },
      { type: 'text', text: 'টুঙ্গিপাড়া' },
      { type: 'text', text: '1' },
      { type: 'text', text: '1' },
      { type: 'attachment', kind: 'audio', ref: 'telegram:AwACAgUAAxkBAAIBstored' },
      { type: 'choice', choiceId: 'phone.skip' },
      { type: 'choice', choiceId: 'id.private' },
      { type: 'choice', choiceId: 'sum.submit' },
    ];
    let n = 0;
    for (const body of steps) {
      await app.pipeline.handle({ channel: 'telegram', userId: '77001', messageId: `u${++n}`, body, receivedAt: clock.now() });
      clock.advance(5_000);
    }
    expect(ai.transcriptions()).toHaveLength(1);
    const lodged = await app.db.prisma.case.findFirstOrThrow({ where: { contactId: 'telegram:77001' } });
    const [note] = await app.db.prisma.caseAttachment.findMany({ where: { caseId: lodged.id } });
    expect(note).toMatchObject({ kind: 'audio', ref: 'telegram:AwACAgUAAxkBAAIBstored' });
    expect(isSealed(note?.transcript ?? '')).toBe(true);
    expect(app.cipher.decrypt(note?.transcript ?? '')).toBe(WORDS);
  });
});
