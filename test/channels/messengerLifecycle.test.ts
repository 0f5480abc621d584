import { describe, expect, it } from 'vitest';
import { replyToCitizen, transitionCase } from '../../src/app/cases/caseActions.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { createTestDatabase } from '../db/targets.ts';
import { TEST_DATA_KEY } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { startFakeGraph, type FakeGraph, type FakeGraphCall } from '../support/fakeGraph.ts';
import { bribeGrievance, deliverer, eventBuilders, sends, shown, trackingNumberIn } from '../support/messengerWebhook.ts';

/**
 * Messenger across its life: configuration at start, a refused token, a
 * restart with recorded events, and the window policy on both databases.
 */

const TOKEN = 'EAAlifecycleToken';
const APP_SECRET = 'lifecycle-secret';

const messengerEnv = (url: string, root: string, extra: Record<string, string> = {}) =>
  loadEnv({
    DATABASE_URL: url,
    PORT: '0',
    OUTBOX_POLL_MS: '20',
    SETU_DATA_KEY: TEST_DATA_KEY,
    FB_PAGE_ACCESS_TOKEN: TOKEN,
    FB_APP_SECRET: APP_SECRET,
    FB_VERIFY_TOKEN: 'verify',
    FB_GRAPH_API_ROOT: root,
    ...extra,
  });

async function withSetu(
  provider: 'sqlite' | 'postgresql',
  test: (ctx: { setu: () => Running; graph: FakeGraph; clock: FixedClock; url: string; restart(): Promise<void> }) => Promise<void>,
  extra: Record<string, string> = {},
): Promise<void> {
  const graph = await startFakeGraph(TOKEN);
  const db = await createTestDatabase(provider);
  const clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));
  const env = messengerEnv(db.url, graph.root, extra);
  let setu = await start(env, createLogger('silent'), { clock });
  try {
    await test({
      setu: () => setu,
      graph,
      clock,
      url: db.url,
      async restart() {
        await setu.stop();
        setu = await start(env, createLogger('silent'), { clock });
      },
    });
  } finally {
    await setu.stop();
    await graph.close();
    await db.drop();
  }
}

describe('Messenger configuration', () => {
  it('names the missing settings when only some are given', async () => {
    const env = loadEnv({ DATABASE_URL: 'file:/tmp/never-created.db', PORT: '0', FB_PAGE_ACCESS_TOKEN: TOKEN });
    await expect(start(env, createLogger('silent'))).rejects.toThrow(/missing: FB_APP_SECRET, FB_VERIFY_TOKEN/);
  });

  it('runs without Messenger when none is given: the webhook route does not exist', async () => {
    const db = await createTestDatabase('sqlite');
    const setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY }), createLogger('silent'));
    try {
      expect(setu.messenger).toBeNull();
      expect((await fetch(`${setu.url}/messenger/webhook?hub.mode=subscribe`)).status).toBe(404);
    } finally {
      await setu.stop();
      await db.drop();
    }
  });
});

describe('Messenger with a refused Page token (190)', () => {
  it('stops sending, says so on /health, and keeps the replies for when the token is fixed', async () => {
    await withSetu(
      'sqlite',
      async ({ setu, graph, clock }) => {
        const b = eventBuilders(clock);
        const deliver = deliverer({ setu, graph: () => graph, appSecret: APP_SECRET, clock });
        const first = await deliver(b.page(b.postback('6001', 'GET_STARTED')));
        expect(first.status).toBe(200);
        // The stand-in refused the token; the channel stopped after the first refusal.
        expect(graph.calls).toEqual([]);
        const health = (await (await fetch(`${setu().url}/health`)).json()) as { messenger?: string };
        expect(health.messenger).toMatch(/stopped/);

        const second = await deliver(b.page(b.text('6001', 'hello')));
        expect(second.status).toBe(200);
        const rows = await setu().app.db.prisma.outboxMessage.findMany({ where: { contactId: 'messenger:6001' } });
        expect(rows.length).toBeGreaterThan(1);
        expect(rows.every((r) => r.status === 'pending')).toBe(true);
        expect(rows.find((r) => r.lastError !== null)?.lastError).toMatch(/190/);
      },
      { FB_PAGE_ACCESS_TOKEN: 'EAAexpiredToken' },
    );
  });
});

describe('Messenger: events recorded before a crash', () => {
  it('are handled at the next start, and their replies go out', async () => {
    await withSetu('sqlite', async ({ setu, graph, clock, restart }) => {
      const app = setu().app;
      // What the webhook wrote before answering 200, had the process died right after.
      const body = { body: { type: 'start' }, receivedAt: clock.now().toISOString() };
      await app.db.prisma.webhookEvent.create({
        data: { channel: 'messenger', platformKey: 'm_before_crash', userId: '7001', bodySealed: app.cipher.encrypt(JSON.stringify(body)), receivedAt: clock.now() },
      });
      await restart();
      for (let i = 0; i < 100 && sends(graph.calls, '7001').length < 2; i += 1) {
        await setu().messenger?.idle();
        await setu().app.worker.drain();
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(sends(graph.calls, '7001').map(shown).join('\n')).toMatch(/আপনি কী করতে চান|What would you like to do/);
      expect(await setu().app.db.prisma.webhookEvent.count({ where: { handledAt: null } })).toBe(0);
    });
  });
});

describe.each(['sqlite', 'postgresql'] as const)('Messenger window policy on %s', (provider) => {
  it('a rejection 30 h later goes with ACCOUNT_UPDATE; with HUMAN_AGENT enabled the officer\'s reply goes too, after 8 days it waits', async () => {
    await withSetu(
      provider,
      async ({ setu, graph, clock }) => {
        const b = eventBuilders(clock);
        const deliver = deliverer({ setu, graph: () => graph, appSecret: APP_SECRET, clock });
        const out: FakeGraphCall[] = [];
        for (const step of bribeGrievance(b, '8001')) out.push(...sends((await deliver(b.page(step))).calls, '8001'));
        const number = trackingNumberIn(out);
        expect(number).toMatch(/^\d{9}$/);
        const actions = setu().app.caseActions;

        clock.advance(30 * 3_600_000);
        let before = graph.calls.length;
        await replyToCitizen(actions, { trackingNumber: number, text: 'We are looking into it.', actor: 'officer' });
        await transitionCase(actions, { trackingNumber: number, to: 'rejected', note: 'No bribe was found.', actor: 'officer' });
        await setu().app.worker.drain();
        const late = sends(graph.calls.slice(before), '8001');
        expect(late.map((c) => c.body.tag)).toEqual(['HUMAN_AGENT', 'ACCOUNT_UPDATE']);
        expect(await setu().app.db.prisma.outboxMessage.count({ where: { contactId: 'messenger:8001', status: 'held', purpose: 'notice' } })).toBe(1);
        expect(shown(late[1]!)).toMatch(/was rejected\. Reason: No bribe was found\./);

        clock.advance(7 * 24 * 3_600_000);
        before = graph.calls.length;
        await replyToCitizen(actions, { trackingNumber: number, text: 'You may appeal to the district.', actor: 'officer' });
        await setu().app.worker.drain();
        expect(sends(graph.calls.slice(before), '8001')).toEqual([]);

        const next = sends((await deliver(b.page(b.text('8001', 'menu')))).calls, '8001');
        // The rating question (no status change, so no tag) waited too, in order.
        expect(next.map(shown).slice(0, 3)).toEqual([
          'Updates for you while you were away (2):',
          expect.stringMatching(/^How satisfied are you/),
          expect.stringMatching(/You may appeal to the district\./),
        ]);
      },
      { FB_HUMAN_AGENT: 'true' },
    );
  });
});
