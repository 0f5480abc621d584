import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.ts';
import { createOfficer, FormClient, lodgeFromTerminal, signedIn } from '../support/workspace.ts';

/**
 * An officer links Telegram from the workspace and acknowledges a case with
 * the button of an alert, through the real webhook route and a stand-in Bot API.
 */

const TOKEN = '123456:TEST-officer-link';
const SECRET = 'officer_link_secret';
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let telegram: FakeTelegram;
let updateId = 5000;

beforeAll(async () => {
  telegram = await startFakeTelegram(TOKEN);
  db = tempSqliteUrl();
  setu = await start(
    loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://setu.example.org', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: telegram.apiRoot }),
    createLogger('silent'),
    { telegramSender: { perChatIntervalMs: 0 } },
  );
});

afterAll(async () => {
  await setu.stop();
  await telegram.close();
  db.cleanup();
});

const update = (body: object) =>
  fetch(`${setu.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify({ update_id: ++updateId, ...body }) });
const chat = (id: number) => ({ id, type: 'private' });

describe('an officer on Telegram', () => {
  it('links a chat with a one-time code from the workspace, then acknowledges a case of their area with a button, and not one elsewhere', async () => {
    const number = await lodgeFromTerminal(setu.app, 'parul', 'en', 'The money has not come for four months.');
    const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
    await createOfficer(setu.app, { name: 'Shirin', username: 'shirin', role: 'upazila', areaCode: c.upazilaCode, language: 'en' });
    await createOfficer(setu.app, { name: 'Kamal', username: 'kamal', role: 'upazila', areaCode: 'up446', language: 'en' });

    const codeOf = async (username: string): Promise<string> => {
      const client = await signedIn(setu.url, username);
      const page = await client.get('/officer/telegram');
      expect(page.text).toContain('Telegram is not linked yet.');
      const made = await client.post('/officer/telegram', { _csrf: FormClient.csrf(page.text) });
      expect(made.text).toContain('@setu_test_bot');
      return made.text.match(/data-code="([A-Z0-9]{8})"/)?.[1] ?? '';
    };
    const code = await codeOf('shirin');
    expect(code).toMatch(/^[A-Z2-9]{8}$/);

    expect((await update({ message: { message_id: 1, date: 1, chat: chat(9001), from: { id: 9001, is_bot: false, language_code: 'en' }, text: `/link ${code}` } })).status).toBe(200);
    const linked = telegram.calls.filter((x) => x.method === 'sendMessage' && String(x.body.chat_id) === "9001");
    expect(String(linked.at(-1)?.body.text)).toMatch(/^Linked, Shirin\./);
    expect((await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'shirin' } })).telegramChatId).toBe('9001');
    // The code is spent.
    await update({ message: { message_id: 2, date: 1, chat: chat(9003), from: { id: 9003, is_bot: false, language_code: 'en' }, text: `/link ${code}` } });
    expect(String(telegram.calls.filter((x) => x.method === 'sendMessage' && String(x.body.chat_id) === "9003").at(-1)?.body.text)).toMatch(/wrong, used or expired/);

    // Kamal links too, and presses the button of a case outside his area.
    const other = await codeOf('kamal');
    await update({ message: { message_id: 3, date: 1, chat: chat(9002), from: { id: 9002, is_bot: false, language_code: 'en' }, text: `/link ${other}` } });
    await update({ callback_query: { id: 'cb-out', from: { id: 9002, is_bot: false }, data: `oack.${number}`, message: { message_id: 10, date: 1, chat: chat(9002), text: 'alert' } } });
    expect((await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).state).toBe('received');
    expect(telegram.calls.find((x) => x.method === 'answerCallbackQuery' && x.body.callback_query_id === 'cb-out')?.body.text).toBe('This complaint is not in your area.');

    await update({ callback_query: { id: 'cb-in', from: { id: 9001, is_bot: false }, data: `oack.${number}`, message: { message_id: 11, date: 1, chat: chat(9001), text: 'alert' } } });
    expect((await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).state).toBe('acknowledged');
    expect(String(telegram.calls.find((x) => x.method === 'answerCallbackQuery' && x.body.callback_query_id === 'cb-in')?.body.text)).toMatch(/is acknowledged/);
    // The officer's chat never became a citizen's conversation.
    expect(await setu.app.db.prisma.contact.count({ where: { id: { in: ['telegram:9001', 'telegram:9002'] } } })).toBe(0);
  });
});
