import type { Clock } from '../../engine/types.ts';
import type { FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import { parseOutboxPayload } from '../../infra/delivery/sender.ts';
import type { RenderedMessage } from '../../infra/i18n/createTranslator.ts';
import type { Logger } from '../../infra/log/logger.ts';

/** How long a turn waits for a reply the delivery worker had already picked up to reach it. */
const HANDOVER_MS = 5_000;
const POLL_MS = 10;

/** A message with the outbox row it came from, so the response keeps the outbox's order. */
interface Placed {
  id: number;
  message: RenderedMessage;
}

export interface ExpectReplies {
  /**
   * Called by the activity sender first: while a turn of this contact runs in
   * `expectReplies` mode, a message the delivery worker hands over goes into
   * the turn's HTTP response (true) instead of to the serviceUrl.
   */
  take(contactId: string, message: RenderedMessage, outboxId: number): boolean;
  /**
   * Runs the turn and returns every message of the contact that was waiting
   * when it ended, in order: the turn's replies and anything queued before
   * them. They are delivered by being in the response, so none is ever also
   * posted to the serviceUrl.
   */
  during(contactId: string, turn: () => Promise<unknown>): Promise<RenderedMessage[]>;
}

/**
 * `deliveryMode: "expectReplies"`: the replies of the turn come back in the
 * HTTP response. The pipeline puts them in the outbox like any reply (durable,
 * in order); the endpoint then takes them out of it itself, each with one
 * statement that marks it sent only if it is still pending, so the worker can
 * no longer claim it. A reply the worker claimed first (it is told of new
 * replies at once) reaches the sender, which hands it to the open turn
 * instead of posting it: the turn waits until no message of the contact is
 * still being sent. Either way the row ends as sent, and delivered once.
 * Turns of one contact do not overlap (the endpoint runs them one by one).
 */
export function createExpectReplies(deps: { db: DbClient; cipher: FieldCipher; clock: Clock; log: Logger }): ExpectReplies {
  const open = new Map<string, Placed[]>();

  const takeWaiting = async (contactId: string): Promise<Placed[]> => {
    const waiting = await deps.db.outboxMessage.findMany({ where: { contactId, status: 'pending' }, orderBy: { id: 'asc' }, select: { id: true, payload: true } });
    const taken: Placed[] = [];
    for (const row of waiting) {
      const now = deps.clock.now();
      const mine = await deps.db.outboxMessage.updateMany({
        where: { id: row.id, status: 'pending' },
        data: { status: 'sent', sentAt: now, attempts: { increment: 1 }, lastError: null },
      });
      if (mine.count === 0) continue; // the worker claimed it in between: it comes through the sender
      try {
        taken.push({ id: row.id, message: parseOutboxPayload(row.payload, deps.cipher) });
      } catch (err) {
        // Unreadable (a changed key): the worker would fail it too; recorded so, not shown.
        deps.log.error({ err, outboxId: row.id }, 'activity: an outbox message could not be read for an expectReplies response');
        await deps.db.outboxMessage.update({ where: { id: row.id }, data: { status: 'failed', lastError: 'unreadable payload' } });
      }
    }
    return taken;
  };

  const handedOver = async (contactId: string): Promise<void> => {
    for (const end = Date.now() + HANDOVER_MS; Date.now() < end; ) {
      if ((await deps.db.outboxMessage.count({ where: { contactId, status: 'sending' } })) === 0) return;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    deps.log.warn({ contactId }, 'activity: a message being sent did not reach the expectReplies response in time');
  };

  return {
    take(contactId, message, outboxId) {
      const handed = open.get(contactId);
      if (!handed) return false;
      handed.push({ id: outboxId, message });
      return true;
    },
    async during(contactId, turn) {
      const handed: Placed[] = [];
      open.set(contactId, handed);
      try {
        await turn();
        const taken = await takeWaiting(contactId);
        await handedOver(contactId);
        // Taken here and handed over by the worker interleave (each takes the oldest it can): the outbox order is the order.
        return [...handed, ...taken].sort((a, b) => a.id - b.id).map((p) => p.message);
      } finally {
        open.delete(contactId);
      }
    },
  };
}
