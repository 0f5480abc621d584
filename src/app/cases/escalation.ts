import { OPEN_STATES } from '../../domain/cases/lifecycle.ts';
import { nextTier, officeFor, TIERS, type Tier } from '../../domain/cases/routing.ts';
import { addWorkingDays, type WorkCalendar } from '../../domain/cases/workingDays.ts';
import type { Clock } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import type { FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { acquireLease } from './jobLease.ts';
import { notifyFollowers } from './notices.ts';
import { every } from '../periodic.ts';

export interface EscalationDeps {
  db: DbClient;
  writes: WriteLock;
  translator: Translator;
  /** Seals the notices in the outbox. */
  cipher: FieldCipher;
  clock: Clock;
  log: Logger;
  calendar: WorkCalendar;
  deadlineDays: Record<Tier, number>;
  /** This process's name for the lease. */
  holder: string;
  onOutbox?: () => void;
}

const LEASE = 'escalation';
const BATCH = 200;

/**
 * Moves every open case past its deadline to the next tier (Union → Upazila →
 * District → DSS headquarters), with a new deadline, a timeline entry saying
 * why, and a notice to the citizen. Safe to run from several processes: the
 * lease keeps it to one at a time, and each move is conditional on the case
 * being as it was read, so a case is never escalated twice for one deadline.
 */
export async function escalateOverdue(deps: EscalationDeps, leaseMs = 60_000): Promise<string[]> {
  const now = deps.clock.now();
  if (!(await acquireLease(deps.db, LEASE, deps.holder, now, leaseMs))) return [];
  const overdue = await deps.db.case.findMany({
    where: { state: { in: [...OPEN_STATES] }, dueAt: { lt: now }, tier: { not: 'hq' } },
    orderBy: [{ urgent: 'desc' }, { dueAt: 'asc' }],
    take: BATCH,
  });
  const moved: string[] = [];
  for (const c of overdue) {
    const from = TIERS.find((t) => t === c.tier);
    const to = from ? nextTier(from) : null;
    if (!from || !to) continue;
    const office = officeFor(to, { upazilaCode: c.upazilaCode, districtCode: c.districtCode });
    const due = addWorkingDays(now, deps.deadlineDays[to], deps.calendar);
    const done = await deps.writes.run(() => deps.db.$transaction(async (tx) => {
      const claimed = await tx.case.updateMany({
        where: { id: c.id, tier: c.tier, dueAt: c.dueAt },
        data: { tier: to, officeCode: office, dueAt: due, state: 'forwarded', updatedAt: now },
      });
      if (claimed.count === 0) return false;
      await tx.caseEvent.create({
        data: { caseId: c.id, at: now, type: 'escalated', fromState: c.state, toState: 'forwarded', tier: to, officeCode: office, note: `deadline ${c.dueAt.toISOString()} passed at ${from}`, actor: 'system' },
      });
      const reply = { key: 'cases:notice.escalated', kind: 'text' as const, params: { number: c.trackingNumber, from, to, due: due.getTime() } };
      // A missed deadline is no news of progress for linked reporters.
      await notifyFollowers(tx, deps, c, reply, now, null);
      return true;
    }));
    if (done) {
      moved.push(c.trackingNumber);
      deps.log.info({ case: c.trackingNumber, from, to, office, urgent: c.urgent }, 'case escalated: deadline passed');
    }
  }
  if (moved.length > 0) deps.onOutbox?.();
  return moved;
}

/** Runs the escalation every `intervalMs` until stopped. */
export function startEscalationJob(deps: EscalationDeps, intervalMs: number): { stop(): Promise<void> } {
  return every(intervalMs, () => escalateOverdue(deps), (err) => deps.log.error({ err }, 'escalation pass failed'));
}
