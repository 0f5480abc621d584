import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/createApp.ts';
import { SetuCloudAdapter, serviceHostsFor } from '../../src/channels/activity/adapter.ts';
import { authConfigFor } from '../../src/channels/activity/config.ts';
import { saveConversation } from '../../src/channels/activity/conversations.ts';
import { createExpectReplies } from '../../src/channels/activity/expectReplies.ts';
import { createActivitySender } from '../../src/channels/activity/sender.ts';
import { loadEnv } from '../../src/config/env.ts';
import type { Inbound } from '../../src/engine/types.ts';
import type { Sender } from '../../src/infra/delivery/sender.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector.ts';
import { readOutbox } from '../support/outbox.ts';

/**
 * The expectReplies handover, the path the endpoint's test cannot force: the
 * delivery worker claims a turn's replies before the endpoint takes them out
 * of the outbox. The real worker, pipeline and activity sender run; the
 * worker is made to deliver inside the turn.
 */

const mode = { kind: 'anonymous' } as const;
const clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));
let connector: FakeConnector;
let db: ReturnType<typeof tempSqliteUrl>;
let app: App;
const senders = new Map<string, Sender>();
const log = createLogger('silent');

beforeAll(async () => {
  connector = await startFakeConnector();
  db = tempSqliteUrl();
  app = await createApp({ env: loadEnv({ DATABASE_URL: db.url, SETU_DATA_KEY: TEST_DATA_KEY, ACTIVITY_ALLOW_ANONYMOUS: 'true' }), log, senders, clock });
});

afterAll(async () => {
  await app.close();
  await connector.close();
  db.cleanup();
});

describe('expectReplies with the worker first', () => {
  it('hands the replies the worker claimed to the response, then the ones still waiting, in order, none posted', async () => {
    const hosts = serviceHostsFor(mode);
    const adapter = new SetuCloudAdapter(authConfigFor(mode), hosts, false);
    const expectReplies = createExpectReplies({ db: app.db.prisma, cipher: app.cipher, clock, log });
    senders.set('activity', createActivitySender({ adapter, identity: {}, hosts, db: app.db.prisma, cipher: app.cipher, log, expectReplies }));
    const contactId = 'activity:webchat:conv-handover';
    await saveConversation({ db: app.db, cipher: app.cipher, clock }, { contactId, channelId: 'webchat', serviceUrl: connector.url, conversationId: 'conv-handover', bot: { id: 'bot' }, user: { id: 'user' } });
    const inbound = (messageId: string, body: Inbound['body']): Inbound => ({ channel: 'activity', userId: 'webchat:conv-handover', messageId, body, receivedAt: clock.now() });

    const messages = await expectReplies.during(contactId, async () => {
      await app.pipeline.handle(inbound('m1', { type: 'start' }));
      // The worker takes these first: through the sender, into the open turn.
      await app.worker.drain();
      expect(await app.db.prisma.outboxMessage.count({ where: { contactId, status: 'pending' } })).toBe(0);
      // These wait in the outbox when the turn ends: the endpoint takes them itself.
      await app.pipeline.handle(inbound('m2', { type: 'choice', choiceId: 'lang.en' }));
    });

    const rows = await readOutbox(app, { contactId });
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'sent'));
    expect(messages.map((m) => m.text)).toEqual(rows.map((r) => r.message.text));
    expect(messages.at(-1)?.lang).toBe('en');
    await app.worker.drain();
    expect(connector.calls).toEqual([]);

    // With the turn over, the sender posts again.
    await app.pipeline.handle(inbound('m3', { type: 'choice', choiceId: 'menu.status' }));
    await app.worker.drain();
    expect(connector.messages('conv-handover').map((c) => c.activity.text).join('\n')).toMatch(/tracking number/i);
  });
});
