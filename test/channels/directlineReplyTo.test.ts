import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityId } from '../../src/channels/directline/activity.ts';
import { createDirectLineSender } from '../../src/channels/directline/sender.ts';
import { createDirectLineStore } from '../../src/channels/directline/store.ts';
import { createFieldCipher } from '../../src/infra/crypto/fieldCipher.ts';
import { createDb, type Db } from '../../src/infra/db/client.ts';
import { applyPendingMigrations } from '../../src/infra/db/migrations.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';

/**
 * A reply on Direct Line names the message it answers (Web Chat groups them
 * by it), also when the person wrote many more while Setu's replies waited:
 * the answered message then lies far behind the newest activity. Real store
 * on a real SQLite database.
 */

const cipher = createFieldCipher(Buffer.from(TEST_DATA_KEY, 'hex'));
const CONVERSATION = 'AbCdEfGhIjKlMnOpQrStUvWx';
let file: ReturnType<typeof tempSqliteUrl>;
let db: Db;

beforeAll(async () => {
  file = tempSqliteUrl();
  await applyPendingMigrations(file.url);
  db = await createDb(file.url);
});

afterAll(async () => {
  await db.close();
  file.cleanup();
});

describe('Direct Line replies after a backlog', () => {
  it('ties each late reply to the message whose turn queued it, 150 messages back', async () => {
    const clock = new FixedClock(Date.parse('2026-12-05T10:00:00Z'));
    const store = createDirectLineStore({ db: db.prisma, writes: db.writes, cipher, clock });
    await store.create(CONVERSATION);
    const written: Array<{ rowId: number; at: Date }> = [];
    for (let i = 0; i < 200; i++) {
      clock.advance(1000);
      const at = clock.now();
      const rowId = await store.append(CONVERSATION, { activity: { type: 'message', timestamp: at.toISOString(), from: { id: 'u1', role: 'user' }, text: `বার্তা ${i}` } });
      if (rowId === null) throw new Error('conversation gone');
      written.push({ rowId, at });
    }
    const sender = createDirectLineSender({ store, clock, onAppended: () => undefined });
    const message = { key: 'menu.prompt', lang: 'bn' as const, text: 'উত্তর', choices: [] };
    for (const i of [199, 120, 49, 0]) {
      const asked = written[i];
      if (!asked) throw new Error('no message');
      const result = await sender.send({ externalId: CONVERSATION, contactId: `directline:${CONVERSATION}`, purpose: 'reply', queuedAt: asked.at, message });
      expect(result).toEqual({ status: 'sent' });
      const [reply] = await store.recent(CONVERSATION, 1);
      expect(reply?.row.activity.from.role).toBe('bot');
      expect(reply?.row.activity.replyToId).toBe(activityId(CONVERSATION, asked.rowId));
    }
  });
});
