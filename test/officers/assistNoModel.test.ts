import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { readOutbox } from '../support/outbox.ts';
import { createOfficer, FormClient, lodgeFromTerminal, signedIn } from '../support/workspace.ts';

/**
 * Without OPENAI_API_KEY or OPENAI_BASE_URL the case assistant does not
 * exist: no CaseAssist row is written, the case page has no suggestion and
 * no translation, and an officer's English note reaches a Bangla citizen as
 * written.
 */

const WORDS = 'ইউনিয়ন অফিসের কেরানি বিধবা ভাতার কার্ড করে দিতে ২০০০ টাকা ঘুষ চেয়েছে।';
const NOTE = 'Your name is now on the widow allowance list.';

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let officer: FormClient;
let number: string;

beforeAll(async () => {
  db = tempSqliteUrl();
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' }), createLogger('silent'));
  number = await lodgeFromTerminal(setu.app, 'amina', 'bn', WORDS);
  const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
  await createOfficer(setu.app, { name: 'Upazila Officer', username: 'upazila', role: 'upazila', areaCode: c.upazilaCode, language: 'en' });
  officer = await signedIn(setu.url, 'upazila');
});

afterAll(async () => {
  await setu.stop();
  db.cleanup();
});

describe('with no model configured', () => {
  it('there is no assistant and no CaseAssist row is written', async () => {
    expect(setu.app.assistant).toBeNull();
    expect(await setu.app.assistCases()).toBe(0);
    expect(await setu.app.db.prisma.caseAssist.count()).toBe(0);
  });

  it('the case page shows the rules\' flag and the citizen\'s words, and no suggestion or translation', async () => {
    const page = await officer.get(`/officer/cases/${number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('class="urgent"');
    expect(page.text).toContain(WORDS);
    for (const absent of ['Suggestion (machine)', 'data-assist', 'machine-translated', 'machine translation']) expect(page.text).not.toContain(absent);
  });

  it('an English note reaches the Bangla citizen as written, with no machine marker', async () => {
    const csrf = FormClient.csrf((await officer.get(`/officer/cases/${number}`)).text);
    expect((await officer.post(`/officer/cases/${number}/act`, { _csrf: csrf, action: 'resolve', note: NOTE })).status).toBe(303);
    const notice = (await readOutbox(setu.app, { contactId: 'console:amina' }, 'desc')).find((m) => m.message.key === 'cases:notice.resolved');
    expect(notice?.message.text).toContain(NOTE);
    expect(notice?.message.text).not.toContain('যন্ত্রে অনুবাদ');
    const event = await setu.app.db.prisma.caseEvent.findFirstOrThrow({ where: { type: 'resolved' } });
    expect(event.noteTranslated).toBeNull();
    expect(await setu.app.db.prisma.caseAssist.count()).toBe(0);
  });
});
