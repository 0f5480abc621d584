import type { Clock } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { SendResult, Sender } from '../../infra/delivery/sender.ts';
import { createMemorySendPace, type SendPace } from '../../infra/db/sendPace.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { formatForMessenger, MESSENGER_TEXT_LIMIT } from './format.ts';
import { GraphError, GraphUnreachable, type Delivery, type GraphClient } from './graph.ts';
import { decideDelivery, STANDARD_WINDOW_MS } from './windowPolicy.ts';

/** Meta's rate limits lift within minutes; try again after one. */
const RATE_LIMIT_RETRY_MS = 60_000;
/** While the token is refused, messages wait; checked again this often. */
const STOPPED_RETRY_MS = 10 * 60_000;

/** Meta's rate-limiting doc (2026-03-23): the Send API takes 300 calls a second per Page for text. */
export const PAGE_SENDS_PER_SECOND = 300;

/** Graph codes that mean "too many calls" (app, user, page and Messenger-specific limits). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80006]);

export type GraphVerdict =
  | { kind: 'result'; result: Exclude<SendResult, { status: 'sent' | 'held' }> }
  /** Meta says the user's messaging window is closed: the window policy decides again. */
  | { kind: 'window_closed'; error: string }
  /** The Page access token is refused: nothing can be sent until it is replaced. */
  | { kind: 'token_invalid'; error: string };

/**
 * What a Graph error means for the message. Rate limits and server errors
 * retry; outside-window goes back to the window policy; a user who cannot
 * receive messages (551) is marked unreachable; a refused token (190) stops the channel.
 */
export function classifyGraphError(err: unknown): GraphVerdict {
  if (err instanceof GraphError) {
    const error = err.message;
    if (err.code === 190) return { kind: 'token_invalid', error };
    // Code 10 alone is a missing permission; only its 2018278 subcode means the window.
    if (err.code === 10 && err.subcode === 2018278) return { kind: 'window_closed', error };
    if (err.code === 551) return { kind: 'result', result: { status: 'failed', error, unreachable: true } };
    if (RATE_LIMIT_CODES.has(err.code) || err.httpStatus === 429) return { kind: 'result', result: { status: 'retry', error, retryAfterMs: RATE_LIMIT_RETRY_MS } };
    // 1 and 2: Graph's "unknown" and "temporary" errors; 5xx: Meta's side.
    if (err.code === 1 || err.code === 2 || err.httpStatus >= 500) return { kind: 'result', result: { status: 'retry', error } };
    return { kind: 'result', result: { status: 'failed', error } };
  }
  if (err instanceof GraphUnreachable) return { kind: 'result', result: { status: 'retry', error: err.message } };
  return { kind: 'result', result: { status: 'retry', error: err instanceof Error ? err.message : String(err) } };
}

export interface MessengerSender extends Sender {
  /** False once Meta refused the token: the channel sends nothing until restarted with a new one. */
  running(): boolean;
}

/**
 * Delivers rendered messages through the Send API, each under the window
 * policy: inside 24 hours of the user's last message as a response; after
 * that with a tag where one fits, else held for the user's next message.
 * Every decision is logged.
 */
export function createMessengerSender(deps: {
  graph: GraphClient;
  db: Pick<DbClient, 'contact'>;
  clock: Clock;
  log: Logger;
  humanAgent: boolean;
  /** The Page's pace, shared by every process of the deployment (PostgreSQL); one process keeps it in memory. */
  pace?: SendPace | null;
  sleep?: (ms: number) => Promise<void>;
}): MessengerSender {
  let stopped = false;
  const pace = deps.pace ?? createMemorySendPace();
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pageSlot = async (): Promise<void> => {
    const at = await pace.book('messenger/page', 1000 / PAGE_SENDS_PER_SECOND, Date.now());
    const wait = Math.round(at - Date.now());
    if (wait > 0) await sleep(wait);
  };

  const stop = (error: string): SendResult => {
    if (!stopped) deps.log.fatal({ error }, 'Messenger: the Page access token was refused (Graph code 190). The channel has stopped sending; set a valid FB_PAGE_ACCESS_TOKEN and restart.');
    stopped = true;
    return { status: 'retry', error, retryAfterMs: STOPPED_RETRY_MS };
  };

  return {
    joinLimit: MESSENGER_TEXT_LIMIT,
    running: () => !stopped,
    async send({ externalId, contactId, purpose, queuedAt, message }) {
      if (stopped) return { status: 'retry', error: 'messenger stopped: page access token refused', retryAfterMs: STOPPED_RETRY_MS };
      const now = deps.clock.now();
      // A reply was queued by the turn that read the user's message: its time is the user's, no lookup needed.
      // Anything else (or a reply delayed past the window) asks when the user last wrote.
      const fresh = purpose === 'reply' && now.getTime() - queuedAt.getTime() < STANDARD_WINDOW_MS;
      const lastUserMessageAt = fresh ? queuedAt : ((await deps.db.contact.findUnique({ where: { id: contactId }, select: { lastSeenAt: true } }))?.lastSeenAt ?? null);
      let decision = decideDelivery({ purpose, lastUserMessageAt, now, humanAgent: deps.humanAgent });
      deps.log.info({ contactId, purpose, key: message.key, decision }, 'messenger window decision');
      if (decision.action === 'hold') return { status: 'held', reason: decision.why };

      let delivery: Delivery = decision.delivery;
      const parts = formatForMessenger(message);
      if (parts.length === 0) return { status: 'failed', error: `message ${message.key} has no text` };
      for (const part of parts) {
        for (;;) {
          try {
            await pageSlot();
            await deps.graph.sendMessage(externalId, part, delivery);
            break;
          } catch (err) {
            const verdict = classifyGraphError(err);
            if (verdict.kind === 'token_invalid') return stop(verdict.error);
            if (verdict.kind === 'result') return verdict.result;
            if (delivery.messaging_type === 'MESSAGE_TAG') return { status: 'failed', error: verdict.error };
            // Meta's clock says the window closed before ours did: decide again as outside it.
            decision = decideDelivery({ purpose, lastUserMessageAt, now, humanAgent: deps.humanAgent, windowClosed: true });
            deps.log.info({ contactId, purpose, key: message.key, decision, graph: verdict.error }, 'messenger window decision after Graph said the window is closed');
            if (decision.action === 'hold') return { status: 'held', reason: decision.why };
            delivery = decision.delivery;
          }
        }
      }
      return { status: 'sent' };
    },
  };
}
