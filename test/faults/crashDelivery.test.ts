import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, loadOrCreateKey } from '../../src/infra/crypto/fieldCipher.ts';
import { parseOutboxPayload } from '../../src/infra/delivery/sender.ts';
import { JOIN_SEPARATOR } from '../../src/infra/delivery/joinMessages.ts';
import { TEST_DATA_KEY } from '../support/appHarness.ts';
import { startChildSetu, type ChildSetu } from '../support/childSetu.ts';
import { startFakeTelegram } from '../support/fakeTelegram.ts';
import { until } from '../support/waiting.ts';

/**
 * Setu as a real process, killed outright while many chats have replies on
 * their way. Only what was in flight at the kill may reach a chat twice: at
 * most one message per chat.
 */

const TOKEN = '123456:TEST-token_abc';
const SECRET = 'setu_test_secret';
const CHATS = 12;
const WORDS = ['/start', 'হ্যালো', 'মেনু', 'সাহায্য', 'help', 'ধন্যবাদ'];

/**
 * How many of the messages a chat received repeat what it had already been
 * sent: each message is a run of the chat's outbox rows (joined when they
 * waited together); one that starts before the rows not yet delivered is a
 * re-send. A message that is no run of rows at all fails the test.
 */
function repeats(received: string[], rows: string[]): number {
  let next = 0;
  let again = 0;
  for (const text of received) {
    let matched = false;
    for (let from = next; from >= Math.max(0, next - 20) && !matched; from -= 1) {
      for (let to = from; to < rows.length && !matched; to += 1) {
        const run = rows.slice(from, to + 1).join(JOIN_SEPARATOR);
        if (run.length > text.length) break;
        if (run === text) {
          matched = true;
          if (from < next) again += 1;
          next = Math.max(next, to + 1);
        }
      }
    }
    if (!matched) throw new Error(`a message that is no run of outbox rows: ${text.slice(0, 80)}`);
  }
  return again;
}

describe('a crash while replies are on their way', () => {
  it('sends again at most one message per chat, and loses none', { timeout: 240_000 }, async () => {
    const tg = await startFakeTelegram(TOKEN);
    const dir = mkdtempSync(join(tmpdir(), 'setu-crash-'));
    const env = {
      DATABASE_URL: `file:${join(dir, 'setu.db')}`,
      SETU_DATA_DIR: dir,
      SETU_DATA_KEY: TEST_DATA_KEY,
      OUTBOX_POLL_MS: '20',
      CONTACT_RATE_BURST: '1000',
      TELEGRAM_BOT_TOKEN: TOKEN,
      PUBLIC_URL: 'https://setu.example.org',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: tg.apiRoot,
    };
    let setu: ChildSetu = await startChildSetu(env);
    let updateId = 0;
    const post = async (chat: number, text: string): Promise<void> => {
      const id = ++updateId;
      const body = JSON.stringify({ update_id: id, message: { message_id: id, date: 1_795_000_000, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, language_code: 'bn' }, text } });
      // As Telegram does: the update comes again until Setu answers 200 (through the kill and the restart).
      for (;;) {
        const status = await fetch(`${setu.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body })
          .then((r) => r.status)
          .catch(() => 0);
        if (status === 200) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const sentTo = (chat: number) => tg.calls.filter((c) => c.method === 'sendMessage' && Number(c.body.chat_id) === chat).map((c) => String(c.body.text));
    try {
      // Every chat writes on while its replies go out a second apart (Telegram's pace per chat).
      const chats = Array.from({ length: CHATS }, (_, i) => 900_001 + i);
      const talking = Promise.all(
        chats.map(async (chat) => {
          for (let round = 0; round < 3; round += 1) {
            for (const word of WORDS) {
              await post(chat, word);
              await new Promise((r) => setTimeout(r, 120));
            }
          }
        }),
      );
      await until(() => tg.calls.filter((c) => c.method === 'sendMessage').length >= CHATS * 2, 60_000);
      setu.child.kill('SIGKILL');
      await setu.exited;
      setu = await startChildSetu(env);
      await talking;

      const db = new Database(join(dir, 'setu.db'), { readonly: true, fileMustExist: true });
      const undelivered = () => (db.prepare(`SELECT count(*) AS n FROM "OutboxMessage" WHERE "status" IN ('pending', 'sending')`).get() as { n: number }).n;
      await until(() => undelivered() === 0, 120_000);
      const cipher = createFieldCipher(loadOrCreateKey({ envValue: TEST_DATA_KEY, file: '' }));
      const rowsOf = (chat: number) =>
        (db.prepare(`SELECT "payload", "status" FROM "OutboxMessage" WHERE "externalId" = ? ORDER BY "id"`).all(String(chat)) as Array<{ payload: string; status: string }>).map((r) => ({
          status: r.status,
          text: parseOutboxPayload(r.payload, cipher).text,
        }));
      const perChat = chats.map((chat) => {
        const rows = rowsOf(chat);
        return { chat, rows: rows.length, sent: rows.filter((r) => r.status === 'sent').length, again: repeats(sentTo(chat), rows.map((r) => r.text)) };
      });
      db.close();
      // Nothing lost: every reply of every turn went out.
      for (const c of perChat) expect(c.sent, `chat ${c.chat}`).toBe(c.rows);
      expect(perChat.every((c) => c.rows >= WORDS.length * 3)).toBe(true);
      // At most the one message in flight at the kill came twice.
      expect(Math.max(...perChat.map((c) => c.again))).toBeLessThanOrEqual(1);
    } finally {
      setu.child.kill('SIGTERM');
      await setu.exited;
      await tg.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
