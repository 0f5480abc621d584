import type { Activity } from '@microsoft/agents-activity';
import { HttpError, type CloudAdapter, type ConnectorClient, type OutboundUrlPolicy } from '@microsoft/agents-hosting';
import type { FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { SendResult, Sender } from '../../infra/delivery/sender.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { loadConversation, referenceOf, type ConversationPlace } from './conversations.ts';
import type { ExpectReplies } from './expectReplies.ts';
import { activityOf, typingActivity } from './outgoing.ts';

/** The identity a proactive turn runs as (the SDK's JwtPayload: `aud` is the bot's app id). */
export type BotIdentity = Exclude<Parameters<CloudAdapter['continueConversation']>[0], string>;

/** A connector that has not answered by then is given up on (the message is tried again). */
const SEND_TIMEOUT_MS = 20_000;
/** Bot Service refusing Setu's own token: a configuration matter, tried again this much later. */
const REFUSED_TOKEN_RETRY_MS = 10 * 60_000;

/**
 * What a connector's answer means for the message: throttling (429, with its
 * Retry-After) and the service's own trouble (5xx, 408) are tried again; the
 * conversation gone or the bot removed from it (403, 404, 410) is final and
 * the contact unreachable; any other 4xx is final for this message. A 401 is
 * Setu's token refused (wrong secret, another tenant): retried much later,
 * not failed, so a fixed configuration still delivers. Anything that is not
 * an HTTP answer (network, token service, timeout) is tried again.
 */
export function classifyConnectorError(err: unknown, now = Date.now()): Exclude<SendResult, { status: 'sent' | 'held' }> {
  if (!(err instanceof HttpError)) return { status: 'retry', error: `connector unreachable: ${err instanceof Error ? err.message : String(err)}` };
  const status = err.status;
  const error = `connector ${status}: ${err.message}`.slice(0, 500);
  if (status === 429) {
    const after = retryAfterMs(err.response.headers.get('retry-after'), now);
    return after === undefined ? { status: 'retry', error } : { status: 'retry', error, retryAfterMs: after };
  }
  if (status >= 500 || status === 408) return { status: 'retry', error };
  if (status === 401) return { status: 'retry', error, retryAfterMs: REFUSED_TOKEN_RETRY_MS };
  if (status === 403 || status === 404 || status === 410) return { status: 'failed', error, unreachable: true };
  return { status: 'failed', error };
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface ActivitySender extends Sender {
  /** "Typing…" to the contact's conversation, at once and outside the outbox (nothing is lost if it does not arrive). */
  typing(contactId: string): void;
}

/**
 * Delivers outbox messages of the `activity` channel as the SDK does a
 * proactive message: `adapter.continueConversation` with the reference
 * stored for the contact's conversation, which gives a connector client with
 * the SDK's own outbound token when credentials are configured (none in
 * anonymous mode), then `POST {serviceUrl}/v3/conversations/{id}/activities`.
 * A message of a turn that asked for `expectReplies` goes into that turn's
 * HTTP response instead.
 */
export function createActivitySender(deps: {
  adapter: CloudAdapter;
  /** Whose token: the bot's app id (`aud`), or none for anonymous mode. */
  identity: BotIdentity;
  /** Where a serviceUrl may point (the same policy the endpoint applies to inbound Activities). */
  hosts: OutboundUrlPolicy;
  db: DbClient;
  cipher: FieldCipher;
  log: Logger;
  expectReplies: ExpectReplies;
  timeoutMs?: number;
}): ActivitySender {
  const timeoutMs = deps.timeoutMs ?? SEND_TIMEOUT_MS;

  const post = (place: ConversationPlace, activity: Activity): Promise<void> => {
    const reference = referenceOf(place);
    const work = deps.adapter.continueConversation(deps.identity, reference, async (context) => {
      const connector = context.turnState.get<ConnectorClient>(deps.adapter.ConnectorClientKey);
      // From the bot to the user of the stored conversation; no replyToId: the conversation itself.
      await connector.sendToConversation(place.conversationId, activity.applyConversationReference(reference));
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  };

  const placeFor = async (contactId: string): Promise<ConversationPlace | SendResult> => {
    const place = await loadConversation(deps.db, deps.cipher, contactId);
    if (!place) return { status: 'failed', error: 'no conversation reference stored for this contact' };
    if (!deps.hosts.isAllowed(place.serviceUrl)) return { status: 'failed', error: 'the conversation\'s serviceUrl is not an allowed host (ACTIVITY_SERVICE_HOSTS)' };
    return place;
  };

  return {
    async send({ contactId, message, outboxIds }) {
      if (deps.expectReplies.take(contactId, message, outboxIds?.[0] ?? 0)) return { status: 'sent' };
      const place = await placeFor(contactId);
      if ('status' in place) return place;
      try {
        await post(place, activityOf(message, place.user.id));
        return { status: 'sent' };
      } catch (err) {
        const result = classifyConnectorError(err);
        if (err instanceof HttpError && err.status === 401) deps.log.error({ contactId, result }, 'activity: the connector refused Setu\'s token (check clientId, tenantId and the secret or certificate)');
        else deps.log.warn({ contactId, result }, 'activity: the connector did not take a message');
        return result;
      }
    },
    typing(contactId) {
      void placeFor(contactId)
        .then((place) => ('status' in place ? undefined : post(place, typingActivity())))
        .catch((err: unknown) => deps.log.debug({ err, contactId }, 'activity: typing indicator not sent'));
    },
  };
}
