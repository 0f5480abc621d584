import { afterEach, describe, expect, it } from 'vitest';
import { makeTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import type { IdGenerator } from '../../src/engine/types.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { createApp } from '../../src/app/createApp.ts';
import { loadEnv } from '../../src/config/env.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { RecordingSender, say, TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';

/** Two different seeds that draw the same tracking number (found by search: the space is 90 million). */
function clashingSeeds(): [string, string] {
  const seen = new Map<string, string>();
  for (let i = 0; ; i += 1) {
    const seed = `seed-${i}`;
    const number = makeTrackingNumber(seed);
    const earlier = seen.get(number);
    if (earlier !== undefined) return [earlier, seed];
    seen.set(number, seed);
  }
}

describe('a tracking number drawn twice', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('is drawn again, and both complaints are lodged with different numbers', async () => {
    const [a, b] = clashingSeeds();
    expect(makeTrackingNumber(a)).toBe(makeTrackingNumber(b));
    const queue = [a, b, 'fresh-seed'];
    const ids: IdGenerator = { next: () => queue.shift() ?? 'spare' };
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const sender = new RecordingSender();
    const clock = new FixedClock();
    const env = loadEnv({ DATABASE_URL: db.url, OUTBOX_POLL_MS: '50', SETU_DATA_KEY: TEST_DATA_KEY });
    const app = Object.assign(await createApp({ env, log: createLogger('silent'), senders: new Map([['test', sender]]), clock, ids }), { clock });
    for (const user of ['u1', 'u2']) {
      await say(app, user, { type: 'start' });
      await say(app, user, { type: 'choice', choiceId: 'menu.grievance' });
      await say(app, user, { type: 'choice', choiceId: 'cat.other' });
      await say(app, user, { type: 'choice', choiceId: 'prog.unknown' });
      for (const text of ['টুঙ্গিপাড়া', '১', '১', 'রসিদ হারিয়ে গেছে।']) await say(app, user, text);
      await say(app, user, { type: 'choice', choiceId: 'phone.skip' });
      await say(app, user, { type: 'choice', choiceId: 'id.private' });
      await say(app, user, { type: 'choice', choiceId: 'sum.submit' });
    }
    const cases = await app.db.prisma.case.findMany({ orderBy: { createdAt: 'asc' } });
    expect(cases.map((c) => c.trackingNumber)).toEqual([makeTrackingNumber(a), makeTrackingNumber('fresh-seed')]);
    const receipts = sender.delivered.filter((d) => d.message.key === 'grievance:submitted').map((d) => d.message.params?.number);
    expect(receipts).toEqual(cases.map((c) => c.trackingNumber));
    await app.close();
  });
});
