import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadEnv, type Env } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { TEST_DATA_KEY } from '../support/appHarness.ts';
import { createTestDatabase } from '../db/targets.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.ts';
import { healthOf, until } from '../support/waiting.ts';
import { mountTinyDisk, tinyDiskAvailable } from '../support/tinyDisk.ts';

/**
 * A database Setu cannot write: refused at start with a clear message (and
 * nothing left behind that would break the start after it is fixed); at run
 * time /health says so and no message is lost.
 */

const TOKEN = '123456:TEST-token_abc';
const SECRET = 'setu_test_secret';
const silent = createLogger('silent');

const telegramEnv = (url: string, fake: FakeTelegram): Env =>
  loadEnv({
    DATABASE_URL: url,
    PORT: '0',
    OUTBOX_POLL_MS: '20',
    SETU_DATA_KEY: TEST_DATA_KEY,
    TELEGRAM_BOT_TOKEN: TOKEN,
    PUBLIC_URL: 'https://setu.example.org',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });

let id = 9000;
const update = (chatId: number) => ({
  update_id: ++id,
  message: { message_id: id, date: 1_795_000_000, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, language_code: 'en' }, text: '/start' },
});
const post = (setu: Running, u: object) =>
  fetch(`${setu.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(u),
  });
describe.skipIf(!tinyDiskAvailable)('a read-only SQLite database at start', () => {
  it('is refused with a message naming it, leaves no -wal/-shm behind, and Setu starts once it is writable again', async () => {
    const disk = mountTinyDisk(16);
    const fake = await startFakeTelegram(TOKEN);
    const file = join(disk.dir, 'setu.db');
    const env = telegramEnv(`file:${file}`, fake);
    try {
      let setu = await start(env, silent, { telegramSender: { perChatIntervalMs: 0 } });
      expect((await post(setu, update(901))).status).toBe(200);
      await setu.app.worker.drain();
      await setu.stop();
      expect(existsSync(`${file}-wal`)).toBe(false);

      disk.readOnly(true);
      await expect(start(env, silent, { telegramSender: { perChatIntervalMs: 0 } })).rejects.toThrow(/^the SQLite directory .* cannot be written \(EROFS\); make it writable/);
      expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);

      disk.readOnly(false);
      setu = await start(env, silent, { telegramSender: { perChatIntervalMs: 0 } });
      try {
        expect((await healthOf(setu)).status).toBe(200);
        expect((await post(setu, update(902))).status).toBe(200);
        await setu.app.worker.drain();
        expect(fake.calls.some((c) => c.method === 'sendMessage' && c.body.chat_id === 902)).toBe(true);
      } finally {
        await setu.stop();
      }
    } finally {
      await fake.close();
      disk.cleanup();
    }
  });
});

describe('PostgreSQL turned read-only, its connections cut, under a running Setu', () => {
  it('answers no update 200 while it cannot write, sets none aside, says so on /health, and answers all once it can', async () => {
    const db = await createTestDatabase('postgresql');
    const fake = await startFakeTelegram(TOKEN);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const name = new URL(db.url).pathname.slice(1);
    const cut = () => admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
    const setu = await start(telegramEnv(db.url, fake), silent, { telegramSender: { perChatIntervalMs: 0 } });
    const answered = (chatId: number) => fake.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === chatId).length;
    try {
      expect((await post(setu, update(951))).status).toBe(200);
      await setu.app.worker.drain();
      expect(answered(951)).toBeGreaterThan(0);

      await admin.query(`ALTER DATABASE "${name}" SET default_transaction_read_only = on`);
      await cut();
      const waiting = [update(952), update(953)];
      for (let round = 0; round < 5; round += 1) {
        for (const u of waiting) expect((await post(setu, u)).status).not.toBe(200);
      }
      await until(async () => (await healthOf(setu)).status === 503);
      expect((await healthOf(setu)).body.problem).toMatch(/25006|read-only/);

      await admin.query(`ALTER DATABASE "${name}" RESET default_transaction_read_only`);
      await cut();
      for (const u of waiting) await until(async () => (await post(setu, u)).status === 200);
      // The welcome and the menu go as one message.
      await until(() => answered(952) >= 1 && answered(953) >= 1);
      expect(await setu.app.db.prisma.quarantinedUpdate.count()).toBe(0);
      await until(async () => (await healthOf(setu)).status === 200);
    } finally {
      await setu.stop();
      await admin.end();
      await fake.close();
      await db.drop();
    }
  });
});
