import type { IncomingMessage, ServerResponse } from 'node:http';
import { activityZodSchema } from '@microsoft/agents-activity';
import { CloudAdapter, type Request, type TurnContext } from '@microsoft/agents-hosting';
import { z } from 'zod';
import type { App } from '../../app/createApp.ts';
import { KeyedSerializer } from '../../app/keyedSerializer.ts';
import type { Env } from '../../config/env.ts';
import type { Clock } from '../../engine/types.ts';
import { contactIdFor } from '../../infra/db/turnStore.ts';
import type { Sender } from '../../infra/delivery/sender.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { MAX_WEBHOOK_BODY, parseJson, readRawBody, replyTooLarge } from '../shared/readBody.ts';
import { SetuCloudAdapter, serviceHostsFor } from './adapter.ts';
import { activityMode, authConfigFor } from './config.ts';
import { saveConversation } from './conversations.ts';
import { createExpectReplies } from './expectReplies.ts';
import { externalIdOf, HANDLED_TYPES, InboundActivitySchema, readActivity, type InboundActivity } from './inbound.ts';
import { NodeWebResponse } from './nodeResponse.ts';
import { offeredChoices } from './offered.ts';
import { activityOf } from './outgoing.ts';
import { createActivitySender, type ActivitySender } from './sender.ts';

export interface ActivityChannel {
  /** Anonymous (this machine only) or with the Azure Bot's credentials. */
  mode: 'anonymous' | 'authenticated';
  sender: ActivitySender;
  /** `/api/messages`. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const TypeOnly = z.object({ type: z.string().min(1).max(64) });

/**
 * Setu as a Bot Framework bot: `POST /api/messages` through the Microsoft 365
 * Agents SDK (CloudAdapter on node:http). The SDK checks each call's token
 * (`authorizeJWT`; none asked in anonymous mode) and the serviceUrl; Setu
 * checks the Activity's shape, saves where the conversation's replies go,
 * and runs the turn through the pipeline before answering 200 (a failure is a
 * 500 or 503, and Bot Service sends the Activity again; a re-sent Activity is
 * recognised by its id). Replies go through the outbox and the `activity`
 * sender, or for `deliveryMode: "expectReplies"` in the response.
 * Returns null when the endpoint is off (neither credentials nor anonymous use).
 */
export function startActivity(opts: { env: Env; app: App; log: Logger; clock: Clock; senders: Map<string, Sender> }): ActivityChannel | null {
  const { env, app, clock } = opts;
  const log = opts.log.child({ channel: 'activity' });
  const mode = activityMode(env);
  if (mode.kind === 'off') return null;
  const hosts = serviceHostsFor(mode, env.ACTIVITY_SERVICE_HOSTS);
  const adapter = new SetuCloudAdapter(authConfigFor(mode), hosts, mode.kind === 'authenticated');
  const expectReplies = createExpectReplies({ db: app.db.prisma, cipher: app.cipher, clock, log });
  const sender = createActivitySender({
    adapter,
    identity: mode.kind === 'authenticated' ? CloudAdapter.createIdentity(mode.credentials.clientId) : {},
    hosts,
    db: app.db.prisma,
    cipher: app.cipher,
    log,
    expectReplies,
  });
  opts.senders.set('activity', sender);
  const serializer = new KeyedSerializer();

  const turn = async (context: TurnContext, activity: InboundActivity): Promise<void> => {
    const externalId = externalIdOf(activity);
    const contactId = contactIdFor('activity', externalId);
    await saveConversation(
      { db: app.db, cipher: app.cipher, clock },
      { contactId, channelId: activity.channelId, serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id, bot: activity.recipient, user: activity.from },
    );
    const offered = activity.type === 'message' && activity.text ? await offeredChoices(app.db.prisma, app.cipher, contactId) : new Set<string>();
    const reading = readActivity(activity, offered, clock.now());
    if (reading.kind === 'ignored') {
      log.debug({ why: reading.why }, 'activity ignored');
      return;
    }
    if (activity.deliveryMode !== 'expectReplies') {
      sender.typing(contactId);
      await app.pipeline.handle(reading.inbound);
      return;
    }
    const messages = await expectReplies.during(contactId, () => app.pipeline.handle(reading.inbound));
    if (messages.length > 0) await context.sendActivities(messages.map((m) => activityOf(m, activity.from.id)));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('method not allowed');
      return;
    }
    const raw = await readRawBody(req, MAX_WEBHOOK_BODY);
    if (raw === null) {
      replyTooLarge(res, MAX_WEBHOOK_BODY);
      return;
    }
    const request: Request = { method: 'POST', headers: req.headers };
    const response = new NodeWebResponse(res);
    let authorized = false;
    // The SDK's own check: a valid Bot Framework / Entra token for this bot, or (anonymous mode) none at all.
    await adapter.authorizeRequest(request, response, () => {
      authorized = true;
    });
    if (!authorized) return; // answered 401 by the SDK
    const json = parseJson(raw);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return bad(res, 'the body is not an Activity (a JSON object)');
    const head = TypeOnly.safeParse(json);
    if (!head.success) return bad(res, 'an Activity has a type');
    if (!HANDLED_TYPES.has(head.data.type)) {
      log.debug({ type: head.data.type }, 'activity type not handled; acknowledged');
      res.writeHead(200).end();
      return;
    }
    const parsed = InboundActivitySchema.safeParse(json);
    if (!parsed.success) return bad(res, 'not an Activity Setu can answer', parsed.error.issues.map((i) => i.path.join('.')));
    if (!activityZodSchema.passthrough().safeParse(json).success) return bad(res, 'not an Activity (the SDK\'s schema)');
    request.body = json as Record<string, unknown>;
    const contactId = contactIdFor('activity', externalIdOf(parsed.data));
    // One turn of a conversation at a time: an expectReplies answer holds exactly what was waiting for it.
    await serializer.run(contactId, () => adapter.process(request, response, (context) => turn(context, parsed.data)));
  };

  log.info({ mode: mode.kind }, 'Bot Framework Activity endpoint on /api/messages');
  return { mode: mode.kind, sender, handle };
}

function bad(res: ServerResponse, error: string, issues?: string[]): void {
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error, ...(issues ? { issues } : {}) }));
}
