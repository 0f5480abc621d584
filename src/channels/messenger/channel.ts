import { z } from 'zod';
import type { App } from '../../app/createApp.ts';
import { KeyedSerializer } from '../../app/keyedSerializer.ts';
import { MESSENGER_REQUIRED, type Env } from '../../config/env.ts';
import type { Clock, Inbound, InboundBody, Lang } from '../../engine/types.ts';
import { contactIdFor } from '../../infra/db/turnStore.ts';
import type { Sender } from '../../infra/delivery/sender.ts';
import type { Logger } from '../../infra/log/logger.ts';
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
  /** Resolves when every recorded event has been handled (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** After this many failures an event is set aside (quarantined) so the user's later messages go on. */
const MAX_FAILURES = 3;

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
  const sender = createMessengerSender({ graph, db: prisma, clock, log, humanAgent: env.FB_HUMAN_AGENT });
  opts.senders.set('messenger', sender);
  const serializer = new KeyedSerializer();
  const failures = new Map<number, number>();
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
        await tx.outboxMessage.create({ data: row(JSON.stringify(header), 'reply') });
        for (const h of held) await tx.outboxMessage.create({ data: row(h.payload, h.purpose) });
        await tx.outboxMessage.updateMany({ where: { id: { in: held.map((h) => h.id) } }, data: { status: 'released' } });
        return held.length;
      }),
    );
    if (released > 0) log.info({ contactId, released }, 'messenger: held messages released on the user\'s message');
  };

  const handleOne = async (inbound: Inbound): Promise<void> => {
    const seen = await prisma.inboundMessage.findUnique({ where: { channel_platformKey: { channel: 'messenger', platformKey: inbound.messageId } }, select: { id: true } });
    if (seen) return;
    if (sender.running()) void graph.senderAction(inbound.userId, 'typing_on').catch((err: unknown) => log.warn({ err }, 'typing_on failed'));
    await releaseHeld(inbound);
    await app.pipeline.handle(inbound);
  };

  /** Handles the user's recorded events oldest first; one that fails holds back the ones after it. */
  const drainUser = (userId: string): Promise<void> =>
    serializer.run(userId, async () => {
      const rows = await prisma.webhookEvent.findMany({ where: { channel: 'messenger', userId }, orderBy: { id: 'asc' } });
      for (const row of rows) {
        if (stopped) return;
        try {
          await handleOne(inboundOf(userId, row.platformKey, row.bodySealed, (s) => app.cipher.decrypt(s)));
        } catch (err) {
          const count = (failures.get(row.id) ?? 0) + 1;
          failures.set(row.id, count);
          log.error({ err, platformKey: row.platformKey, count }, 'messenger event failed');
          if (count < MAX_FAILURES) {
            setTimeout(() => void drainUser(userId), 500 * count).unref();
            return;
          }
          await prisma.quarantinedUpdate.upsert({
            where: { channel_platformKey: { channel: 'messenger', platformKey: row.platformKey } },
            create: { channel: 'messenger', platformKey: row.platformKey, body: row.bodySealed, error: String(err), at: clock.now() },
            update: { error: String(err), at: clock.now() },
          });
        }
        failures.delete(row.id);
        await prisma.webhookEvent.delete({ where: { id: row.id } });
      }
    });

  const onEvents = async (body: WebhookBody): Promise<void> => {
    const now = clock.now();
    const turns: Inbound[] = [];
    for (const event of messagingEvents(body)) {
      const reading = readEvent(event, now);
      if (reading.kind === 'turn') turns.push(reading.inbound);
      else log.debug({ key: platformKeyOf(event), why: reading.why }, 'messenger event ignored');
    }
    if (turns.length === 0) return;
    await app.db.writes.run(() =>
      prisma.$transaction(async (tx) => {
        for (const inbound of turns) {
          const bodySealed = app.cipher.encrypt(JSON.stringify({ body: inbound.body, receivedAt: inbound.receivedAt.toISOString() }));
          // A re-delivery finds its row (still waiting) or its InboundMessage (handled): either way it is not handled twice.
          await tx.webhookEvent.upsert({
            where: { channel_platformKey: { channel: 'messenger', platformKey: inbound.messageId } },
            create: { channel: 'messenger', platformKey: inbound.messageId, userId: inbound.userId, bodySealed, receivedAt: inbound.receivedAt },
            update: {},
          });
        }
      }),
    );
    for (const userId of new Set(turns.map((t) => t.userId))) void drainUser(userId).catch((err: unknown) => log.error({ err, userId }, 'messenger drain failed'));
  };

  // Events recorded before a crash or restart are handled now.
  const pending = await prisma.webhookEvent.findMany({ where: { channel: 'messenger' }, distinct: ['userId'], select: { userId: true } });
  for (const { userId } of pending) void drainUser(userId).catch((err: unknown) => log.error({ err, userId }, 'messenger drain failed'));

  return {
    graph,
    sender,
    verify: (url, res) => verifySubscription(url, verifyToken, res),
    webhook: createMessengerWebhook({ appSecret, onEvents }),
    idle: () => serializer.idle(),
    async stop() {
      stopped = true;
      await Promise.race([serializer.idle(), new Promise((r) => setTimeout(r, 2000))]);
    },
  };
}
