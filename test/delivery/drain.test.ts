import { afterEach, describe, expect, it } from 'vitest';
import { RecordingSender, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';

/**
 * `drain` is what a test, a terminal chat and a graceful stop wait on: when it
 * returns, every reply that was due is delivered. The worker also runs rounds
 * of its own (a lane's end, a new reply), and a drain that returned while one
 * of those was between taking what a lane finished and claiming what follows
 * left the rest of the queue waiting for the next poll.
 */
describe('draining the outbox', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('leaves nothing due behind, however its rounds and the worker’s own interleave', async () => {
    const db = tempSqliteUrl();
    const sender = new RecordingSender();
    // A long poll, so that nothing but drain itself can deliver what a drain left behind before the check.
    const app = await startTestApp(db.url, sender, undefined, { CONTACT_RATE_BURST: '10000', CONTACT_RATE_PER_MINUTE: '10000', OUTBOX_POLL_MS: '60000' });
    cleanups.push(db.cleanup, () => app.close());
    let id = 0;
    for (let round = 0; round < 60; round++) {
      for (let i = 0; i < 12; i++) {
        id += 1;
        await app.pipeline.handle({ channel: 'test', userId: `u${i % 3}`, messageId: `m${id}`, body: { type: 'text', text: 'hello' }, receivedAt: app.clock.now() });
      }
      await app.worker.drain();
      const left = await app.db.prisma.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } });
      expect({ round, left }).toEqual({ round, left: 0 });
    }
    expect(sender.delivered.length).toBe(await app.db.prisma.outboxMessage.count());
  });
});
