import { z } from 'zod';
import type { App } from '../../app/createApp.ts';
import { KeyedSerializer } from '../../app/keyedSerializer.ts';
import { MESSENGER_REQUIRED, type Env } from '../../config/env.ts';
import type { Clock, Inbound, InboundBody, Lang } from '../../engine/types.ts';
import { contactIdFor } from '../../infra/db/turnStore.ts';
import { sealOutboxPayload, type Sender } from '../../infra/delivery/sender.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { isTransientDbError } from '../../infra/db/transient.ts';
import { BEAT_LOST_MS, orphanedClaims } from '../../infra/delivery/claims.ts';
import { every } from '../../app/periodic.ts';
import { MAX_ATTEMPTS, retryDelayMs } from '../shared/attempts.ts';
import { messagingEvents, platformKeyOf, readEvent, type WebhookBody } from './events.ts';
import { createGraphClient, type GraphClient } from './graph.ts';
import { createMessengerSender, type MessengerSender } from './sender.ts';
import { createMessengerWebhook, verifySubscription } from './webhook.ts';

export interface MessengerChannel {
  graph: GraphClient;
  sender: MessengerSender;
  /** `GET /messenger/webhook` (subscription check). */
  verify(url: URL, res: import('node:http').ServerResponse): void;
  /** `POST /messenger/webhook`. */
  webhook: ReturnType<typeof createMessengerWebhook>;
  /** Handles the events recorded before a crash or restart (called once the HTTP server listens). */
  replay(): Promise<void>;
  /** Resolves when every recorded event has been handled (tests, shutdown). */
  idle(): Promise<void>;
  /** Takes no new turns; waits up to `graceMs` for the ones running. Unhandled events stay recorded for the next start. */
  stop(graceMs?: number): Promise<void>;
}

/** Meta retries a webhook for up to a day or so; handled events are remembered twice as long, then dropped. */
const KEEP_HANDLED_MS = 48 * 60 * 60 * 1000;
const FORGET_EVERY_MS = 10 * 60 * 1000;
/** How often events left by a process that is gone are looked for (besides at start). */
const ADOPT_EVERY_MS = 10_000;
/** Events of a holder that never beat (an older Setu) are taken over once this old. */
const ADOPT_STALE_MS = 5 * 60_000;

/** What is kept of an event between the 200 and its turn: the channel-neutral message. */
const StoredInbound = z.object({
  body: z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: z.string() }),
    z.object({ type: z.literal('choice'), choiceId: z.string() }),
    z.object({
      type: z.literal('attachment'),
      kind: z.enum(['image', 'audio', 'video', 'file', 'sticker', 'location', 'contact']),
      ref: z.string().optional(),
    }),
    z.object({ type: z.literal('start'), payload: z.string().optional() }),
  ]),
  receivedAt: z.string(),
});

function inboundOf(userId: string, messageId: string, sealed: string, decrypt: (s: string) => string): Inbound {
  const { body, receivedAt } = StoredInbound.parse(JSON.parse(decrypt(sealed)));
  const clean: InboundBody =
    body.type === 'attachment'
      ? { type: 'attachment', kind: body.kind, ...(body.ref !== undefined ? { ref: body.ref } : {}) }
      : body.type === 'start'
        ? body.payload !== undefined ? { type: 'start', payload: body.payload } : { type: 'start' }
        : body;
  return { channel: 'messenger', userId, messageId, body: clean, receivedAt: new Date(receivedAt) };
}

/** Names the Messenger settings that are missing, when some but not all are set. */
export function messengerConfigProblem(env: Env): string | null {
  const missing = MESSENGER_REQUIRED.filter((k) => !env[k]);
  if (missing.length === 0 || missing.length === MESSENGER_REQUIRED.length) return null;
  return `Messenger needs ${MESSENGER_REQUIRED.join(', ')}; missing: ${missing.join(', ')}`;
}

export function messengerConfigured(env: Env): boolean {
  return MESSENGER_REQUIRED.every((k) => env[k]);
}

/**
 * Setu on Messenger. A webhook call is answered once its events are recorded
 * (sealed, under their mid); the turns run after the answer, in order per
 * user, so Meta gets its 200 fast and a crash loses nothing: recorded events
 * are handled at the next start.
 */
export async function startMessenger(opts: { env: Env; app: App; log: Logger; clock: Clock; senders: Map<string, Sender> }): Promise<MessengerChannel> {
  const { env, app, log, clock } = opts;
  const { FB_PAGE_ACCESS_TOKEN: token, FB_APP_SECRET: appSecret, FB_VERIFY_TOKEN: verifyToken } = env;
  if (!token || !appSecret || !verifyToken) throw new Error(messengerConfigProblem(env) ?? 'Messenger is not configured');
  const prisma = app.db.prisma;
  const graph = createGraphClient({ root: env.FB_GRAPH_API_ROOT, version: env.FB_GRAPH_API_VERSION, token });
  const sender = createMessengerSender({ graph, db: prisma, clock, log, humanAgent: env.FB_HUMAN_AGENT, pace: app.db.pace });
  opts.senders.set('messenger', sender);
  const serializer = new KeyedSerializer();
  /** Per user, how many times in a row the database could not take their next event (the pause grows with it). */
  const outages = new Map<string, number>();
  /** Events recorded by this process whose first try is counted in the record itself (one statement less per event). */
  const firstTry = new Set<string>();
  /** Each user's recorded events not yet handled, oldest first: the table is the durable copy, this the working one. */
  const queues = new Map<string, Inbound[]>();
  let stopped = false;

  /** Messages held outside the window go out now, after a line saying how many, and before the reply. */
  const releaseHeld = async (inbound: Inbound): Promise<void> => {
    const contactId = contactIdFor('messenger', inbound.userId);
    // Almost always nothing is held: look without taking the write lock.
    if (!(await prisma.outboxMessage.findFirst({ where: { contactId, status: 'held' }, select: { id: true } }))) return;
    const released = await app.db.writes.run(() =>
      prisma.$transaction(async (tx) => {
        const held = await tx.outboxMessage.findMany({ where: { contactId, status: 'held' }, orderBy: { id: 'asc' } });
        if (held.length === 0) return 0;
        // The window is open again from this message; the sender must see that before the worker sends.
        const contact = await tx.contact.update({ where: { id: contactId }, data: { lastSeenAt: inbound.receivedAt }, select: { language: true } });
        const lang: Lang = contact.language === 'en' ? 'en' : 'bn';
        const now = clock.now();
        const row = (payload: string, purpose: string) => ({ contactId, channel: 'messenger', externalId: inbound.userId, payload, purpose, nextAttemptAt: now, createdAt: now });
        const header = app.translator.render({ key: 'messenger:held_updates', params: { count: held.length }, kind: 'text' }, lang);
        await tx.outboxMessage.create({ data: row(sealOutboxPayload(app.cipher, header), 'reply') });
        for (const h of held) await tx.outboxMessage.create({ data: row(h.payload, h.purpose) });
        await tx.outboxMessage.updateMany({ where: { id: { in: held.map((h) => h.id) } }, data: { status: 'released' } });
        return held.length;
      }),
    );
    if (released > 0) log.info({ contactId, released }, 'messenger: held messages released on the user\'s message');
  };

  const handleOne = async (inbound: Inbound): Promise<void> => {
    // "Typing…" while the turn runs; the reply ends it.
    if (sender.running()) void graph.senderAction(inbound.userId, 'typing_on').catch((err: unknown) => log.warn({ err }, 'typing_on failed'));
    await releaseHeld(inbound);
    await app.pipeline.handle(inbound);
  };

  let forgotAt = 0;
  /** Handled events are kept as long as Meta may re-deliver them, then dropped (at most every few minutes). */
  const forgetOld = async (): Promise<void> => {
    const now = clock.now().getTime();
    if (now - forgotAt < FORGET_EVERY_MS) return;
    forgotAt = now;
    await prisma.webhookEvent.deleteMany({ where: { channel: 'messenger', handledAt: { lt: new Date(now - KEEP_HANDLED_MS) } } });
  };

  const seal = (inbound: Inbound): string => app.cipher.encrypt(JSON.stringify({ body: inbound.body, receivedAt: inbound.receivedAt.toISOString() }));

  /** Counts a try of the event before it starts, so that one that hangs or crashes the process counts too. */
  const countAttempt = (platformKey: string): Promise<number> =>
    app.db.writes
      .run(() =>
        prisma.webhookEvent.update({
          where: { channel_platformKey: { channel: 'messenger', platformKey } },
          data: { attempts: { increment: 1 } },
          select: { attempts: true },
        }),
      )
      .then((row) => row.attempts);

  const uncount = (platformKey: string): Promise<void> =>
    app.db.events
      .uncount('messenger', platformKey)
      .then(
        () => undefined,
        (err: unknown) => log.warn({ err, platformKey }, 'messenger: could not take back a try count'),
      );

  const quarantine = (inbound: Inbound, error: string) =>
    app.db.writes.run(() =>
      prisma.quarantinedUpdate.upsert({
        where: { channel_platformKey: { channel: 'messenger', platformKey: inbound.messageId } },
        create: { channel: 'messenger', platformKey: inbound.messageId, body: seal(inbound), error, at: clock.now() },
        update: { error, at: clock.now() },
      }),
    );

  const retryLater = (userId: string, ms: number): void => {
    setTimeout(() => void drainUser(userId).catch((e: unknown) => log.error({ err: e, userId }, 'messenger drain failed')), ms).unref();
  };

  /**
   * Handles the user's queued events oldest first; one that fails holds back
   * the ones after it. A database that cannot write is waited out (retried
   * with growing pauses, never counted); any other failure counts a try, and
   * after MAX_ATTEMPTS the event is set aside. Handled events are marked so
   * in one statement; a crash before that re-handles them at the next start,
   * and the pipeline recognises each by its mid.
   */
  const drainUser = (userId: string): Promise<void> =>
    serializer.run(userId, async () => {
      const queue = queues.get(userId) ?? [];
      const done: string[] = [];
      try {
        while (queue.length > 0 && !stopped) {
          const inbound = queue[0] as Inbound;
          let attempts = 0;
          try {
            attempts = firstTry.delete(inbound.messageId) ? 1 : await countAttempt(inbound.messageId);
            if (attempts > MAX_ATTEMPTS) {
              log.error({ platformKey: inbound.messageId, attempts }, 'messenger event set aside: its earlier tries did not finish');
              await quarantine(inbound, `set aside after ${MAX_ATTEMPTS} tries that did not finish`);
            } else {
              await handleOne(inbound);
            }
          } catch (err) {
            if (isTransientDbError(err)) {
              app.health.failed(err);
              const outage = (outages.get(userId) ?? 0) + 1;
              outages.set(userId, outage);
              log.error({ err, platformKey: inbound.messageId, outage }, 'messenger event waits: the database cannot write');
              if (attempts > 0) await uncount(inbound.messageId);
              retryLater(userId, retryDelayMs(outage));
              return;
            }
            log.error({ err, platformKey: inbound.messageId, attempts }, 'messenger event failed');
            if (attempts < MAX_ATTEMPTS) {
              retryLater(userId, retryDelayMs(attempts));
              return;
            }
            try {
              await quarantine(inbound, String(err));
            } catch (e) {
              app.health.failed(e);
              retryLater(userId, retryDelayMs(1));
              return;
            }
          }
          outages.delete(userId);
          queue.shift();
          done.push(inbound.messageId);
        }
      } finally {
        if (queue.length === 0) queues.delete(userId);
        // If this cannot be written, the events are handled again at the next start and recognised there as duplicates.
        if (done.length > 0) {
          await app.db.events
            .handled('messenger', done, clock.now())
            .catch((err: unknown) => log.warn({ err }, 'messenger: could not mark events handled'));
        }
        await forgetOld().catch((err: unknown) => log.warn({ err }, 'messenger: could not drop old events'));
      }
    });

  const enqueue = (inbounds: Inbound[]): void => {
    for (const inbound of inbounds) {
      const queue = queues.get(inbound.userId) ?? [];
      queue.push(inbound);
      queues.set(inbound.userId, queue);
    }
    for (const userId of new Set(inbounds.map((t) => t.userId))) void drainUser(userId).catch((err: unknown) => log.error({ err, userId }, 'messenger drain failed'));
  };

  const onEvents = async (body: WebhookBody): Promise<void> => {
    const now = clock.now();
    const turns: Inbound[] = [];
    for (const event of messagingEvents(body)) {
      const reading = readEvent(event, now);
      if (reading.kind === 'turn') turns.push(reading.inbound);
      else log.debug({ key: platformKeyOf(event), why: reading.why }, 'messenger event ignored');
    }
    if (turns.length === 0) return;
    // Recorded with its first try counted: its turn starts next, in this process.
    const rows = turns.map((inbound) => ({
      channel: 'messenger',
      platformKey: inbound.messageId,
      userId: inbound.userId,
      bodySealed: seal(inbound),
      receivedAt: inbound.receivedAt,
      recordedBy: app.holder,
    }));
    // One short transaction of plain inserts: recording must stay fast under load. A re-delivery (of an event
    // waiting or handled in the last two days) clashes on (channel, platformKey) and is dropped here, before any work.
    const written = await app.db.events.record(rows);
    const fresh = turns.filter((t) => written.delete(t.messageId)); // once each, should a body hold one event twice
    for (const inbound of fresh) firstTry.add(inbound.messageId);
    enqueue(fresh);
  };
  /**
   * Takes over the events that a process which is gone recorded and did not
   * handle (a crash: same host and its pid is dead, or its heartbeat
   * stopped), and handles them in the order they came. Each is taken over
   * only from the holder it had, so two processes never both take it; a
   * live process's events are left to it.
   */
  const adopt = async (): Promise<number> => {
    const now = clock.now();
    const waiting = await prisma.webhookEvent.findMany({
      where: { channel: 'messenger', handledAt: null, OR: [{ recordedBy: null }, { recordedBy: { not: app.holder } }] },
      select: { id: true, recordedBy: true, receivedAt: true },
      orderBy: { id: 'asc' },
    });
    if (waiting.length === 0) return 0;
    const holders = [...new Set(waiting.flatMap((e) => (e.recordedBy === null ? [] : [e.recordedBy])))];
    const beats = new Map((await prisma.processBeat.findMany({ where: { holder: { in: holders } } })).map((b) => [b.holder, b.beatAt]));
    const gone = new Set(
      orphanedClaims(
        waiting.map((e) => ({ id: e.id, claimedBy: e.recordedBy, claimedAt: e.receivedAt })),
        { holder: app.holder, now, staleMs: ADOPT_STALE_MS, beats, beatLostMs: BEAT_LOST_MS },
      ),
    );
    const byHolder = new Map<string | null, number[]>();
    for (const e of waiting) if (gone.has(e.id)) byHolder.set(e.recordedBy, [...(byHolder.get(e.recordedBy) ?? []), e.id]);
    for (const [was, ids] of byHolder) {
      await app.db.writes.run(() => prisma.webhookEvent.updateMany({ where: { id: { in: ids }, handledAt: null, recordedBy: was }, data: { recordedBy: app.holder } }));
    }
    const ours = await prisma.webhookEvent.findMany({ where: { id: { in: [...gone] }, recordedBy: app.holder, handledAt: null }, orderBy: { id: 'asc' } });
    if (ours.length > 0) log.warn({ events: ours.length, from: [...byHolder.keys()] }, 'messenger: events left by a process that is gone are taken over');
    enqueue(ours.map((row) => inboundOf(row.userId, row.platformKey, row.bodySealed, (x) => app.cipher.decrypt(x))));
    return ours.length;
  };
  let adoption: { stop(): Promise<void> } | null = null;

  const onEventsObserved = (body: WebhookBody): Promise<void> =>
    onEvents(body).catch((err: unknown) => {
      app.health.failed(err);
      throw err;
    });

  return {
    graph,
    sender,
    verify: (url, res) => verifySubscription(url, verifyToken, res),
    webhook: createMessengerWebhook({ appSecret, onEvents: onEventsObserved }),
    async replay() {
      await adopt();
      adoption ??= every(ADOPT_EVERY_MS, adopt, (err) => log.warn({ err }, 'messenger: looking for events left by a stopped process failed'));
    },
    idle: () => serializer.idle(),
    async stop(graceMs = 2000) {
      stopped = true;
      await adoption?.stop();
      await Promise.race([serializer.idle(), new Promise((r) => setTimeout(r, graceMs).unref())]);
      // Recorded but never started: not a try.
      for (const platformKey of firstTry) await uncount(platformKey);
      // What is left goes back to the deployment: another process takes it at once.
      await app.db.writes
        .run(() => prisma.webhookEvent.updateMany({ where: { channel: 'messenger', recordedBy: app.holder, handledAt: null }, data: { recordedBy: null } }))
        .catch((err: unknown) => log.warn({ err }, 'messenger: could not hand back the events not handled'));
    },
  };
}
