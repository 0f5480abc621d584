import type { Clock } from '../engine/types.ts';
import type { FieldCipher } from '../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../infra/db/client.ts';
import type { WriteLock } from '../infra/db/writeLock.ts';
import type { Logger } from '../infra/log/logger.ts';
import { acquireLease } from './cases/jobLease.ts';
import { every } from './periodic.ts';

/*
 * What Setu keeps only for a while. Cases, their timelines and sessions stay
 * (officers and statistics need them; their personal fields are sealed);
 * what only served the moment of a message goes:
 * - inbound message records: they hold no text, only the platform's id so a
 *   re-delivery is dropped; platforms re-deliver within hours, not weeks;
 * - quarantined updates (sealed): kept for someone to look into, not forever;
 * - delivered, failed and released outbox rows (sealed): the web chat shows a
 *   conversation from them, the Messenger window and statistics do not need them
 *   (the window reads the contact's last message, statistics read cases);
 *   held and pending rows are never touched;
 * - Direct Line conversations (Web Chat, the light page) not seen for as long
 *   as the outbox keeps its rows, with their activities (sealed): the page
 *   shows a conversation from them, and a visitor gone that long will not
 *   reconnect; files uploaded there stay while a case refers to them;
 * - audit detail (filters of an export, the length of a note): blanked, while
 *   who did what to which case, and when, stay for good.
 * The same pass seals what an older version stored in clear.
 */

export interface RetentionDays {
  inbound: number;
  outbox: number;
  auditDetail: number;
}

export interface RetentionDeps {
  db: DbClient;
  writes: WriteLock;
  clock: Clock;
  log: Logger;
  days: RetentionDays;
  /** Seals what older versions stored in clear. */
  cipher: FieldCipher;
  /** This process's name for the lease. */
  holder: string;
}

export interface RetentionReport {
  inbound: number;
  quarantined: number;
  outbox: number;
  /** Direct Line conversations gone quiet, with their activities. */
  directLine: number;
  auditDetail: number;
  /** Paces of chats that went quiet (PostgreSQL's shared SendPace). */
  paces: number;
  /** Rows an older version wrote in clear, sealed now. */
  sealed: number;
}

const LEASE = 'retention';
const LEASE_MS = 10 * 60_000;
/** Rows deleted per statement: the write lock is held briefly, so turns go on between batches. */
const BATCH = 1000;
const DAY_MS = 86_400_000;
export const RETENTION_INTERVAL_MS = 60 * 60_000;

const EMPTY_DETAIL = '{}';

/**
 * One retention pass: deletes or blanks what is older than its setting. Safe
 * with several processes (a lease keeps it to one at a time). Returns what it
 * did, or null when another process holds the lease.
 */
export async function applyRetention(deps: RetentionDeps): Promise<RetentionReport | null> {
  const now = deps.clock.now();
  if (!(await acquireLease(deps.db, LEASE, deps.holder, now, LEASE_MS))) return null;
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const inboundCutoff = before(deps.days.inbound);
  const outboxCutoff = before(deps.days.outbox);

  const inbound = await inBatches(deps, async () => {
    const ids = await deps.db.inboundMessage.findMany({ where: { receivedAt: { lt: inboundCutoff } }, select: { id: true }, take: BATCH });
    return ids.length === 0 ? 0 : (await deps.db.inboundMessage.deleteMany({ where: { id: { in: ids.map((r) => r.id) } } })).count;
  });
  const outbox = await inBatches(deps, async () => {
    const ids = await deps.db.outboxMessage.findMany({
      where: { status: { in: ['sent', 'failed', 'released'] }, nextAttemptAt: { lt: outboxCutoff } },
      select: { id: true },
      take: BATCH,
    });
    return ids.length === 0 ? 0 : (await deps.db.outboxMessage.deleteMany({ where: { id: { in: ids.map((r) => r.id) } } })).count;
  });
  const quarantined = (await deps.writes.run(() => deps.db.quarantinedUpdate.deleteMany({ where: { at: { lt: inboundCutoff } } }))).count;
  const directLine = await inBatches(deps, async () => {
    const ids = (await deps.db.directLineConversation.findMany({ where: { lastSeenAt: { lt: outboxCutoff } }, select: { id: true }, take: BATCH })).map((c) => c.id);
    if (ids.length === 0) return 0;
    await deps.db.directLineActivity.deleteMany({ where: { conversationId: { in: ids } } });
    return (await deps.db.directLineConversation.deleteMany({ where: { id: { in: ids } } })).count;
  });
  const auditDetail = (
    await deps.writes.run(() =>
      deps.db.auditEntry.updateMany({ where: { at: { lt: before(deps.days.auditDetail) }, detail: { not: EMPTY_DETAIL } }, data: { detail: EMPTY_DETAIL } }),
    )
  ).count;
  // A chat's pace (PostgreSQL) is of no use once its moment has passed; an hour leaves every process's bookings alone.
  const paces = (await deps.writes.run(() => deps.db.sendPace.deleteMany({ where: { nextAt: { lt: BigInt(now.getTime() - 3_600_000) * 1000n } } }))).count;
  const sealed = await sealLeftovers(deps);
  const report = { inbound, quarantined, outbox, directLine, auditDetail, paces, sealed };
  if (inbound + quarantined + outbox + directLine + auditDetail + paces + sealed > 0) deps.log.info({ retention: report, days: deps.days }, 'retention: old messages deleted, audit detail blanked');
  return report;
}

const SEALED_PREFIX = 'v1:';

/**
 * Case descriptions, officers' notes, outbox payloads and quarantined updates
 * that an older version stored in clear are sealed in place, a batch at a time,
 * each row only if it is still as read.
 */
async function sealLeftovers(deps: RetentionDeps): Promise<number> {
  const { db, cipher } = deps;
  const notSealed = { not: { startsWith: SEALED_PREFIX } };
  const cases = await inBatches(deps, async () => {
    const rows = await db.case.findMany({ where: { description: notSealed }, select: { id: true, description: true }, take: BATCH });
    for (const r of rows) await db.case.updateMany({ where: { id: r.id, description: r.description }, data: { description: cipher.encrypt(r.description) } });
    return rows.length;
  });
  const notes = await inBatches(deps, async () => {
    const rows = await db.caseEvent.findMany({ where: { actor: 'officer', note: notSealed }, select: { id: true, note: true }, take: BATCH });
    for (const r of rows) if (r.note !== null) await db.caseEvent.updateMany({ where: { id: r.id, note: r.note }, data: { note: cipher.encrypt(r.note) } });
    return rows.length;
  });
  const outbox = await inBatches(deps, async () => {
    const rows = await db.outboxMessage.findMany({ where: { payload: notSealed }, select: { id: true, payload: true }, take: BATCH });
    for (const r of rows) await db.outboxMessage.updateMany({ where: { id: r.id, payload: r.payload }, data: { payload: cipher.encrypt(r.payload) } });
    return rows.length;
  });
  const quarantined = await inBatches(deps, async () => {
    const rows = await db.quarantinedUpdate.findMany({ where: { body: notSealed }, select: { id: true, body: true }, take: BATCH });
    for (const r of rows) await db.quarantinedUpdate.updateMany({ where: { id: r.id, body: r.body }, data: { body: cipher.encrypt(r.body) } });
    return rows.length;
  });
  return cases + notes + outbox + quarantined;
}

async function inBatches(deps: RetentionDeps, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await deps.writes.run(batch);
    total += n;
    if (n < BATCH) return total;
  }
}

/** A pass at start, then every hour until stopped. */
export function startRetentionJob(deps: RetentionDeps, intervalMs = RETENTION_INTERVAL_MS): { stop(): Promise<void> } {
  const onError = (err: unknown) => deps.log.error({ err }, 'retention pass failed');
  const first = applyRetention(deps).catch(onError);
  const job = every(intervalMs, () => applyRetention(deps), onError);
  return {
    async stop() {
      await first;
      await job.stop();
    },
  };
}
