import type { Clock } from '../../engine/types.ts';
import type { FieldCipher } from '../crypto/fieldCipher.ts';
import type { DbClient } from '../db/client.ts';
import type { Logger } from '../log/logger.ts';
import { parseOutboxPayload, parsePurpose, type Sender, type SendResult } from './sender.ts';

export interface OutboxWorkerOptions {
  db: DbClient;
  senders: ReadonlyMap<string, Sender>;
  clock: Clock;
  log: Logger;
  pollMs: number;
  /** Opens the sealed payloads. */
  cipher: FieldCipher;
  /** Attempts before a message is given up on as failed. */
  maxAttempts?: number;
  batchSize?: number;
  /** Deliver only this contact's messages (the terminal chat speaks for one user; others wait for theirs). */
  onlyContactId?: string;
}

export interface OutboxWorker {
  start(): void;
  /** Ask for a pass now (a turn just committed replies). */
  kick(): void;
  /** One pass over due rows; resolves when they were tried. Returns how many were handled. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/** Exponential backoff from 1 s, capped at 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/**
 * Delivers outbox rows through their channel's sender, oldest first, in order
 * per contact: when one message of a contact fails, that contact's later
 * messages wait for it. Rows are only marked sent after the platform accepted
 * them, so a crash re-sends at worst the messages of the pass in flight (at-least-once).
 */
export function createOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const maxAttempts = opts.maxAttempts ?? 12;
  const batchSize = opts.batchSize ?? 100;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  const pass = async (): Promise<number> => {
    const now = opts.clock.now();
    const rows = await opts.db.outboxMessage.findMany({
      // Only channels this process can send on: a command-line tool that queued a notice leaves it for the app.
      where: {
        status: 'pending',
        nextAttemptAt: { lte: now },
        channel: { in: [...opts.senders.keys()] },
        ...(opts.onlyContactId ? { contactId: opts.onlyContactId } : {}),
      },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    if (rows.length === 0) return 0;
    // A contact whose earlier message waits for a retry keeps its later messages back too.
    const waiting = await opts.db.outboxMessage.groupBy({
      by: ['contactId'],
      where: { status: 'pending', nextAttemptAt: { gt: now }, contactId: { in: [...new Set(rows.map((r) => r.contactId))] } },
      _min: { id: true },
    });
    const firstWaiting = new Map(waiting.map((w) => [w.contactId, w._min.id ?? Number.MAX_SAFE_INTEGER]));
    const byContact = new Map<string, typeof rows>();
    for (const row of rows) {
      if (row.id > (firstWaiting.get(row.contactId) ?? Number.MAX_SAFE_INTEGER)) continue;
      byContact.set(row.contactId, [...(byContact.get(row.contactId) ?? []), row]);
    }
    let handled = 0;
    const sent: number[] = [];
    await Promise.all(
      [...byContact.values()].map(async (queue) => {
        for (const row of queue) {
          const result = await sendOne(row);
          handled += 1;
          if (result.status === 'sent') {
            sent.push(row.id);
            continue;
          }
          if (result.status === 'held') {
            // Set aside, not in the way: later messages that may go (a case update under a tag) still go.
            opts.log.info({ outboxId: row.id, contactId: row.contactId, reason: result.reason }, 'outbox message held until the user writes');
            await opts.db.outboxMessage.update({ where: { id: row.id }, data: { status: 'held', lastError: result.reason } });
            continue;
          }
          await record(row.id, row.contactId, row.attempts + 1, result);
          return;
        }
      }),
    );
    // One write for the whole pass: a crash before it re-sends this pass's messages (at-least-once).
    if (sent.length > 0) {
      await opts.db.outboxMessage.updateMany({ where: { id: { in: sent } }, data: { status: 'sent', sentAt: opts.clock.now(), attempts: { increment: 1 } } });
    }
    return handled;
  };

  const sendOne = async (row: { channel: string; externalId: string; contactId: string; purpose: string; payload: string; createdAt: Date }): Promise<SendResult> => {
    const sender = opts.senders.get(row.channel);
    if (!sender) return { status: 'retry', error: `no sender for channel ${row.channel}` };
    try {
      return await sender.send({ externalId: row.externalId, contactId: row.contactId, purpose: parsePurpose(row.purpose), queuedAt: row.createdAt, message: parseOutboxPayload(row.payload, opts.cipher) });
    } catch (err) {
      return { status: 'retry', error: err instanceof Error ? err.message : String(err) };
    }
  };

  const record = async (id: number, contactId: string, attempts: number, result: Extract<SendResult, { status: 'retry' | 'failed' }>): Promise<void> => {
    const now = opts.clock.now();
    if (result.status === 'failed' || attempts >= maxAttempts) {
      opts.log.error({ outboxId: id, error: result.error }, 'outbox message failed for good');
      await opts.db.outboxMessage.update({ where: { id }, data: { status: 'failed', attempts, lastError: result.error } });
      if (result.status === 'failed' && result.unreachable) {
        await opts.db.contact.update({ where: { id: contactId }, data: { unreachable: true } });
      }
      return;
    }
    const delay = result.retryAfterMs ?? backoffMs(attempts);
    opts.log.warn({ outboxId: id, attempts, delay, error: result.error }, 'outbox message will be retried');
    await opts.db.outboxMessage.update({
      where: { id },
      data: { attempts, lastError: result.error, nextAttemptAt: new Date(now.getTime() + delay) },
    });
  };

  const drain = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await pass();
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const tick = (): void => {
    if (stopped) return;
    drain()
      .catch((err: unknown) => opts.log.error({ err }, 'outbox pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.pollMs);
      });
  };

  return {
    start() {
      stopped = false;
      tick();
    },
    kick() {
      if (!stopped) void drain().catch((err: unknown) => opts.log.error({ err }, 'outbox pass failed'));
    },
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running.catch(() => undefined);
    },
  };
}
