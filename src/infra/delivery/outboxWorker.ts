import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../engine/types.ts';
import type { FieldCipher } from '../crypto/fieldCipher.ts';
import type { DbClient } from '../db/client.ts';
import type { OutboxClaims } from '../db/outboxClaims.ts';
import type { RenderedMessage } from '../i18n/createTranslator.ts';
import type { Logger } from '../log/logger.ts';
import { joinableCount, joinMessages } from './joinMessages.ts';
import { BEAT_LOST_MS, holdClaims, orphanedClaims } from './claims.ts';
import { parseOutboxPayload, parsePurpose, type Sender, type SendResult } from './sender.ts';

export interface OutboxWorkerOptions {
  db: DbClient;
  /** Claims the heads of contacts' queues, one statement (row locks on PostgreSQL). */
  claims: Pick<OutboxClaims, 'claimHeads' | 'followers'>;
  senders: ReadonlyMap<string, Sender>;
  clock: Clock;
  log: Logger;
  pollMs: number;
  /** Opens the sealed payloads. */
  cipher: FieldCipher;
  /** Who claims rows: host:pid:instance, so a later start can tell a dead claimant's rows. */
  holder?: string;
  /** Attempts before a message is given up on as failed. */
  maxAttempts?: number;
  /** Contacts served at once; the platform's bot-wide limit is the sender's to keep. */
  lanes?: number;
  /** Deliver only this contact's messages (the terminal chat speaks for one user; others wait for theirs). */
  onlyContactId?: string;
  /** A claim older than this is taken back even from a process that may live (on another host). */
  staleClaimMs?: number;
  /** The least time between two rounds of claims and marks (see `schedule`). */
  roundGapMs?: number;
}

export interface OutboxWorker {
  start(): void;
  /**
   * Ask for a pass now (a turn just committed replies). Given the contact: not
   * while this process is sending to it, since its new messages wait behind
   * that send, and the send's end asks for a pass anyway. (A paced chat
   * writing on would otherwise make every turn look for heads in vain.)
   */
  kick(contactId?: string): void;
  /** Delivers until nothing due is left; resolves with how many messages were handled. */
  drain(): Promise<number>;
  /** Stops claiming, lets sends in flight finish, records them, and hands back what is still claimed. */
  stop(): Promise<void>;
}

/** Exponential backoff from 1 s, capped at 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

interface Row {
  id: number;
  contactId: string;
  channel: string;
  externalId: string;
  purpose: string;
  payload: string;
  attempts: number;
  createdAt: Date;
  /** The payload opened, once: while deciding what joins, then for sending. */
  message?: RenderedMessage;
}

interface Finished {
  rows: Row[];
  result: SendResult;
}

/** At most this many messages behind a head are looked at to join it (a joined message holds only so many). */
const JOIN_LOOKAHEAD = 8;
/** How often claims left by dead processes are looked for, besides at start. */
const ORPHAN_SWEEP_MS = 10_000;

/**
 * Delivers outbox rows through their channel's sender. Each contact is a
 * lane: its messages go one after another, oldest first, and a message
 * waiting for a retry holds back the contact's later ones; lanes of
 * different contacts run side by side (the sender paces each chat and the
 * whole bot to the platform's limits).
 *
 * A row is claimed (status `sending`) before it is sent and marked right
 * after the platform took it, so a crash re-sends only what was in flight:
 * at most one message per contact. Marks and claims of many lanes share one
 * round of writes when they come together.
 */
export function createOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const maxAttempts = opts.maxAttempts ?? 12;
  const laneCount = opts.lanes ?? 64;
  const holder = opts.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const staleClaimMs = opts.staleClaimMs ?? 5 * 60_000;
  const roundGapMs = opts.roundGapMs ?? 10;
  const lanes = new Map<string, Promise<void>>();
  const finished: Finished[] = [];
  let timer: NodeJS.Timeout | null = null;
  let cycling: Promise<number> | null = null;
  let again = false;
  let stopped = false;
  let lastSweep = 0;
  let release: (() => void) | null = holdClaims(holder);

  const recordAll = async (items: Finished[]): Promise<void> => {
    const now = opts.clock.now();
    const sent = items.filter((f) => f.result.status === 'sent').flatMap((f) => f.rows.map((r) => r.id));
    if (sent.length > 0) {
      await opts.db.outboxMessage.updateMany({
        where: { id: { in: sent } },
        data: { status: 'sent', sentAt: now, attempts: { increment: 1 }, claimedBy: null, claimedAt: null },
      });
    }
    for (const { rows, result } of items) {
      if (result.status === 'sent') continue;
      const ids = rows.map((r) => r.id);
      const first = rows[0];
      if (!first) continue;
      if (result.status === 'held') {
        // Set aside, not in the way: later messages that may go (a case update under a tag) still go.
        opts.log.info({ outboxIds: ids, contactId: first.contactId, reason: result.reason }, 'outbox message held until the user writes');
        await opts.db.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { status: 'held', lastError: result.reason, claimedBy: null, claimedAt: null } });
        continue;
      }
      const attempts = first.attempts + 1;
      if (result.status === 'failed' || attempts >= maxAttempts) {
        opts.log.error({ outboxIds: ids, error: result.error }, 'outbox message failed for good');
        await opts.db.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { status: 'failed', attempts, lastError: result.error, claimedBy: null, claimedAt: null } });
        // updateMany: an officer's Telegram lane (a notice) has no Contact row, and a missing row must not stop every later round.
        if (result.status === 'failed' && result.unreachable) await opts.db.contact.updateMany({ where: { id: first.contactId }, data: { unreachable: true } });
        continue;
      }
      const delay = result.retryAfterMs ?? backoffMs(attempts);
      opts.log.warn({ outboxIds: ids, attempts, delay, error: result.error }, 'outbox message will be retried');
      await opts.db.outboxMessage.updateMany({
        where: { id: { in: ids } },
        data: { status: 'pending', attempts, lastError: result.error, nextAttemptAt: new Date(now.getTime() + delay), claimedBy: null, claimedAt: null },
      });
    }
  };

  /**
   * The heads of free contacts' queues, claimed in one statement (see
   * outboxClaims.ts), each with the messages after it that may go out joined
   * to it. While a head is claimed no other process can claim the contact's
   * later messages, so they are claimed here after it.
   */
  const claim = async (): Promise<Row[][]> => {
    const room = laneCount - lanes.size;
    if (room <= 0) return [];
    const now = opts.clock.now();
    const heads = await opts.claims.claimHeads({
      // Only channels this process can send on: a command-line tool that queued a notice leaves it for the app.
      // (Channels register their senders after the app is made: read the map each time.)
      channels: [...opts.senders.keys()],
      holder,
      now,
      limit: room,
      ...(opts.onlyContactId ? { onlyContactId: opts.onlyContactId } : {}),
    });
    const joining = heads.filter((h) => opts.senders.get(h.channel)?.joinLimit !== undefined);
    const after = joining.length === 0 ? [] : await opts.claims.followers(joining.map((h) => h.contactId), now, JOIN_LOOKAHEAD);
    const runs: Row[][] = [];
    const extra: number[] = [];
    for (const head of heads) {
      const queue = [head, ...after.filter((r) => r.contactId === head.contactId && r.id > head.id)];
      // Only an unbroken run of the same kind joins: a message of another purpose in between keeps its place.
      const other = queue.findIndex((r) => r.purpose !== head.purpose || r.channel !== head.channel);
      const run = joinable(other === -1 ? queue : queue.slice(0, other));
      runs.push(run);
      extra.push(...run.slice(1).map((r) => r.id));
    }
    if (extra.length === 0) return runs;
    const taken = await opts.db.outboxMessage.updateMany({ where: { id: { in: extra }, status: 'pending' }, data: { status: 'sending', claimedBy: holder, claimedAt: now } });
    if (taken.count === extra.length) return runs;
    // Changed under us (a row set aside meanwhile): each head goes alone, and what was claimed with it goes back.
    await opts.db.outboxMessage.updateMany({ where: { id: { in: extra }, claimedBy: holder }, data: { status: 'pending', claimedBy: null, claimedAt: null } });
    return runs.map((run) => run.slice(0, 1));
  };

  /** The head of a contact's queue and the messages after it that go out with it, when its sender joins. */
  const joinable = (queue: Row[]): Row[] => {
    const head = queue[0];
    const limit = head ? opts.senders.get(head.channel)?.joinLimit : undefined;
    if (!head || limit === undefined || queue.length === 1) return head ? [head] : [];
    const messages: RenderedMessage[] = [];
    for (const row of queue) {
      try {
        messages.push(parseOutboxPayload(row.payload, opts.cipher));
      } catch {
        break; // an unreadable row goes alone and fails on its own
      }
    }
    const run = queue.slice(0, messages.length === 0 ? 1 : joinableCount(messages, limit));
    run.forEach((row, i) => (row.message = messages[i]));
    return run;
  };

  const send = async (rows: Row[]): Promise<SendResult> => {
    const head = rows[0];
    if (!head) return { status: 'failed', error: 'nothing to send' };
    const sender = opts.senders.get(head.channel);
    if (!sender) return { status: 'retry', error: `no sender for channel ${head.channel}` };
    try {
      const message = joinMessages(rows.map((r) => r.message ?? parseOutboxPayload(r.payload, opts.cipher)));
      return await sender.send({ externalId: head.externalId, contactId: head.contactId, purpose: parsePurpose(head.purpose), queuedAt: head.createdAt, message, outboxIds: rows.map((r) => r.id) });
    } catch (err) {
      return { status: 'retry', error: err instanceof Error ? err.message : String(err) };
    }
  };

  const startLane = (rows: Row[]): void => {
    const contactId = rows[0]?.contactId;
    if (contactId === undefined) return;
    const lane = send(rows).then((result) => {
      finished.push({ rows, result });
      lanes.delete(contactId);
      schedule();
    });
    lanes.set(contactId, lane);
  };

  /**
   * Beats (this process is alive, for processes on other hosts), then gives
   * back claims whose process is gone (a crash), so their messages go again:
   * at most one per contact.
   */
  const sweep = async (): Promise<void> => {
    const now = opts.clock.now();
    lastSweep = now.getTime();
    await opts.db.processBeat.upsert({ where: { holder }, create: { holder, beatAt: now }, update: { beatAt: now } });
    const claimed = await opts.db.outboxMessage.findMany({
      where: { status: 'sending', claimedBy: { not: holder } },
      select: { id: true, claimedBy: true, claimedAt: true },
    });
    if (claimed.length === 0) return;
    const holders = [...new Set(claimed.flatMap((c) => (c.claimedBy === null ? [] : [c.claimedBy])))];
    const beats = new Map((await opts.db.processBeat.findMany({ where: { holder: { in: holders } } })).map((b) => [b.holder, b.beatAt]));
    const ids = orphanedClaims(claimed, { holder, now, staleMs: staleClaimMs, beats, beatLostMs: BEAT_LOST_MS });
    if (ids.length === 0) return;
    opts.log.warn({ count: ids.length }, 'outbox: messages claimed by a process that is gone are sent again');
    await opts.db.outboxMessage.updateMany({ where: { id: { in: ids }, status: 'sending' }, data: { status: 'pending', claimedBy: null, claimedAt: null } });
    // Beats of processes long gone are of no more use.
    await opts.db.processBeat.deleteMany({ where: { beatAt: { lt: new Date(now.getTime() - 10 * BEAT_LOST_MS) } } });
  };

  /** One round: record what finished, then claim and start what may go. Returns how many were recorded. */
  const round = async (): Promise<number> => {
    const done = finished.splice(0);
    try {
      await recordAll(done);
    } catch (err) {
      finished.unshift(...done); // recorded by id: trying again later is safe
      throw err;
    }
    const recorded = done.reduce((n, f) => n + f.rows.length, 0);
    if (stopped) return recorded;
    if (opts.clock.now().getTime() - lastSweep >= ORPHAN_SWEEP_MS) await sweep();
    for (const run of await claim()) startLane(run);
    return recorded;
  };

  /** Rounds never overlap; a request during one runs another right after. */
  const cycle = (): Promise<number> => {
    if (cycling) {
      again = true;
      return cycling;
    }
    cycling = (async () => {
      let total = 0;
      do {
        again = false;
        total += await round();
      } while (again);
      return total;
    })().finally(() => {
      cycling = null;
      // Asked for between the last round's end and here (a lane that ended at once): not lost.
      if (again && !stopped) {
        again = false;
        schedule();
      }
    });
    return cycling;
  };

  /**
   * A lane's end or a new reply asks for a round. Rounds closer together than
   * `roundGapMs` wait for the gap, so that under load one round records and
   * claims for many lanes (each round is a few statements); when quiet a round runs at once.
   */
  let lastRound = 0;
  let soon: NodeJS.Timeout | null = null;
  const schedule = (): void => {
    if (cycling) {
      again = true;
      return;
    }
    const wait = lastRound + roundGapMs - Date.now();
    if (wait > 0) {
      soon ??= setTimeout(() => {
        soon = null;
        schedule();
      }, wait);
      return;
    }
    lastRound = Date.now();
    void cycle().catch((err: unknown) => opts.log.error({ err }, 'outbox round failed'));
  };

  const drain = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      // A round waiting for the gap between rounds is run here, now: a drain does not return before it.
      if (soon) {
        clearTimeout(soon);
        soon = null;
      }
      total += await cycle();
      // A lane that ends meanwhile starts a round of its own, which takes what it finished before claiming what follows:
      // only when no round runs or waits is nothing left in between.
      if (cycling) await cycling;
      if (lanes.size === 0 && finished.length === 0 && cycling === null && !again && soon === null) return total;
      if (lanes.size > 0) await Promise.race(lanes.values());
    }
  };

  const tick = (): void => {
    if (stopped) return;
    cycle()
      .catch((err: unknown) => opts.log.error({ err }, 'outbox round failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.pollMs);
      });
  };

  return {
    start() {
      stopped = false;
      lastSweep = 0;
      release ??= holdClaims(holder);
      tick();
    },
    kick(contactId) {
      if (stopped || (contactId !== undefined && lanes.has(contactId))) return;
      schedule();
    },
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (soon) clearTimeout(soon);
      await Promise.all(lanes.values());
      if (cycling) await cycling.catch(() => undefined);
      await cycle().catch((err: unknown) => opts.log.error({ err }, 'outbox: recording the last sends failed'));
      // Claims without a finished send (none unless a send outlived the wait) go back for the next start.
      await opts.db.outboxMessage
        .updateMany({ where: { status: 'sending', claimedBy: holder }, data: { status: 'pending', claimedBy: null, claimedAt: null } })
        .catch((err: unknown) => opts.log.error({ err }, 'outbox: handing back claims failed'));
      await opts.db.processBeat.deleteMany({ where: { holder } }).catch((err: unknown) => opts.log.error({ err }, 'outbox: removing the heartbeat failed'));
      release?.();
      release = null;
    },
  };
}
