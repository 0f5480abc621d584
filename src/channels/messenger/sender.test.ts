import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRAPH_ERRORS, startFakeGraph, type FakeGraph } from '../../../test/support/fakeGraph.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { OutboxPurpose } from '../../infra/delivery/sender.ts';
import type { RenderedMessage } from '../../infra/i18n/createTranslator.ts';
import { createLogger } from '../../infra/log/logger.ts';
import { createGraphClient, GraphError, GraphUnreachable } from './graph.ts';
import { classifyGraphError, createMessengerSender } from './sender.ts';

const TOKEN = 'PAGE_TOKEN_test';
const NOW = new Date('2025-03-10T12:00:00Z');
const HOUR = 3_600_000;
const PSID = '7700112233';

const graphError = (e: (typeof GRAPH_ERRORS)[keyof typeof GRAPH_ERRORS]): GraphError =>
  new GraphError(e.status, e.error.code, 'error_subcode' in e.error ? e.error.error_subcode : undefined, e.error.message);

describe('classifyGraphError', () => {
  it('stops the channel when the token is refused (190)', () => {
    expect(classifyGraphError(graphError(GRAPH_ERRORS.invalidToken))).toMatchObject({ kind: 'token_invalid' });
  });

  it('sends an outside-window error (10/2018278) back to the window policy', () => {
    expect(classifyGraphError(graphError(GRAPH_ERRORS.outsideWindow))).toMatchObject({ kind: 'window_closed' });
  });

  it('fails a bare permission error (10 without the window subcode) instead of holding the message', () => {
    expect(classifyGraphError(new GraphError(403, 10, undefined, '(#10) Application does not have permission for this action'))).toMatchObject({
      kind: 'result',
      result: { status: 'failed' },
    });
  });

  it('marks a user who cannot receive messages (551) unreachable', () => {
    expect(classifyGraphError(graphError(GRAPH_ERRORS.userUnavailable))).toEqual({
      kind: 'result',
      result: { status: 'failed', unreachable: true, error: expect.stringContaining('551') },
    });
  });

  it.each([
    ['613', new GraphError(400, 613, undefined, 'rate limit')],
    ['4', new GraphError(400, 4, undefined, 'app rate limit')],
    ['HTTP 429', new GraphError(429, 9999, undefined, 'too many')],
  ])('retries a rate limit (%s) after a delay', (_name, err) => {
    const verdict = classifyGraphError(err);
    expect(verdict).toMatchObject({ kind: 'result', result: { status: 'retry', retryAfterMs: expect.any(Number) } });
    if (verdict.kind === 'result' && verdict.result.status === 'retry') expect(verdict.result.retryAfterMs).toBeGreaterThan(0);
  });

  it.each([
    ['code 2', graphError(GRAPH_ERRORS.serverError)],
    ['HTTP 500', new GraphError(500, 9999, undefined, 'internal')],
    ['HTTP 503 code 1', new GraphError(503, 1, undefined, 'unknown')],
  ])('retries a server error (%s)', (_name, err) => {
    expect(classifyGraphError(err)).toMatchObject({ kind: 'result', result: { status: 'retry' } });
  });

  it('fails a bad request (100) without blaming the user', () => {
    const verdict = classifyGraphError(new GraphError(400, 100, undefined, '(#100) Invalid parameter'));
    expect(verdict).toEqual({ kind: 'result', result: { status: 'failed', error: expect.stringContaining('Invalid parameter') } });
  });

  it('retries when Graph could not be reached', () => {
    expect(classifyGraphError(new GraphUnreachable('graph unreachable: ECONNRESET'))).toEqual({
      kind: 'result',
      result: { status: 'retry', error: 'graph unreachable: ECONNRESET' },
    });
  });
});

describe('the Messenger sender', () => {
  let fake: FakeGraph;
  let lastSeenAt: Date | null;
  const lookups: string[] = [];

  beforeEach(async () => {
    fake = await startFakeGraph(TOKEN);
    lastSeenAt = null;
    lookups.length = 0;
  });
  afterEach(async () => {
    await fake.close();
  });

  function sender(opts: { token?: string; humanAgent?: boolean } = {}) {
    // The sender reads only contact.findUnique({ select: { lastSeenAt } }); Prisma's delegate has dozens
    // of other members, so this stand-in is cast to the Pick the sender asks for.
    const db = {
      contact: {
        findUnique: async (args: { where: { id: string } }) => {
          lookups.push(args.where.id);
          return { lastSeenAt };
        },
      },
    } as unknown as Pick<DbClient, 'contact'>;
    return createMessengerSender({
      graph: createGraphClient({ root: fake.root, version: 'v25.0', token: opts.token ?? TOKEN }),
      db,
      clock: { now: () => NOW },
      log: createLogger('silent'),
      humanAgent: opts.humanAgent ?? false,
    });
  }

  const message: RenderedMessage = { key: 'case:status', lang: 'bn', text: 'আপনার অভিযোগের অবস্থা বদলেছে।', choices: [] };
  const send = (s: ReturnType<typeof sender>, purpose: OutboxPurpose, hoursSince: number) => {
    lastSeenAt = new Date(NOW.getTime() - hoursSince * HOUR);
    // Queued when the user wrote, as a turn's reply is.
    return s.send({ externalId: PSID, contactId: 'contact-1', purpose, queuedAt: lastSeenAt, message });
  };

  it('sends a reply 1 h after the user’s last message as a response', async () => {
    expect(await send(sender(), 'reply', 1)).toEqual({ status: 'sent' });
    // A fresh reply's own queue time says when the user wrote: no lookup.
    expect(lookups).toEqual([]);
    expect(fake.messages().map((c) => c.body)).toEqual([
      { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: message.text } },
    ]);
  });

  it('sends a case update 30 h after tagged ACCOUNT_UPDATE', async () => {
    expect(await send(sender(), 'case_update', 30)).toEqual({ status: 'sent' });
    expect(fake.messages().map((c) => c.body)).toEqual([
      { recipient: { id: PSID }, messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE', message: { text: message.text } },
    ]);
  });

  it('holds a reply 30 h after without calling Graph', async () => {
    expect(await send(sender(), 'reply', 30)).toEqual({ status: 'held', reason: expect.stringContaining('30.0 h') });
    expect(fake.calls).toEqual([]);
  });

  it('holds a reply 23 h after when Meta says the window is closed', async () => {
    fake.script('/me/messages', GRAPH_ERRORS.outsideWindow);
    expect(await send(sender(), 'reply', 23)).toEqual({ status: 'held', reason: expect.any(String) });
    expect(fake.messages().map((c) => c.body.messaging_type)).toEqual(['RESPONSE']);
  });

  it('sends a case update 23 h after again tagged ACCOUNT_UPDATE when Meta says the window is closed', async () => {
    fake.script('/me/messages', GRAPH_ERRORS.outsideWindow);
    expect(await send(sender(), 'case_update', 23)).toEqual({ status: 'sent' });
    const bodies = fake.messages().map((c) => c.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({ messaging_type: 'RESPONSE' });
    expect(bodies[0]).not.toHaveProperty('tag');
    expect(bodies[1]).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE', message: { text: message.text } });
  });

  it('stops sending once the token is refused', async () => {
    fake.script('/me/messages', GRAPH_ERRORS.invalidToken);
    const s = sender();
    expect(s.running()).toBe(true);
    expect(await send(s, 'reply', 1)).toMatchObject({ status: 'retry', retryAfterMs: expect.any(Number) });
    expect(s.running()).toBe(false);
    const callsBefore = fake.calls.length;
    expect(await send(s, 'reply', 1)).toMatchObject({ status: 'retry' });
    expect(fake.calls.length).toBe(callsBefore);
  });

  it('marks a user who is not available unreachable', async () => {
    fake.script('/me/messages', GRAPH_ERRORS.userUnavailable);
    expect(await send(sender(), 'reply', 1)).toEqual({ status: 'failed', unreachable: true, error: expect.stringContaining('551') });
  });

  it('retries after a delay when rate limited', async () => {
    fake.script('/me/messages', GRAPH_ERRORS.rateLimited);
    const s = sender();
    expect(await send(s, 'reply', 1)).toMatchObject({ status: 'retry', retryAfterMs: expect.any(Number) });
    expect(s.running()).toBe(true);
  });

  it('retries on a server error', async () => {
    fake.script('/me/messages', GRAPH_ERRORS.serverError);
    const s = sender();
    expect(await send(s, 'reply', 1)).toMatchObject({ status: 'retry' });
    expect(s.running()).toBe(true);
  });

  it('stops when the configured token is wrong', async () => {
    const s = sender({ token: 'WRONG_TOKEN' });
    expect(await send(s, 'reply', 1)).toMatchObject({ status: 'retry', error: expect.stringContaining('190') });
    expect(s.running()).toBe(false);
    expect(fake.calls).toEqual([]);
  });
});
