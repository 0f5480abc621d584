import { parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { isReportOutcome } from '../../domain/cases/reportOutcome.ts';
import { actWhere } from '../../domain/officers/jurisdiction.ts';
import type { Clock } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import type { SignedInOfficer } from './accounts.ts';
import { audit } from './audit.ts';

export type OutcomeResult = { ok: true } | { ok: false; reason: 'unknown_case' | 'not_a_report' | 'bad_outcome' };

/**
 * Records what came of a report the officer may act on: the case keeps it
 * (the report card counts enrolments from it), its history shows who said
 * so and when, and the audit log has it. It may be changed later, as when
 * a person "not found" is found.
 */
export async function recordReportOutcome(deps: { db: DbClient; clock: Clock; writes: WriteLock }, officer: SignedInOfficer, trackingNumber: string, outcome: string): Promise<OutcomeResult> {
  if (!isReportOutcome(outcome)) return { ok: false, reason: 'bad_outcome' };
  const parsed = parseTrackingNumber(trackingNumber);
  if (!parsed.ok) return { ok: false, reason: 'unknown_case' };
  const c = await deps.db.case.findFirst({ where: { trackingNumber: parsed.number, ...actWhere(officer) }, select: { id: true, kind: true, tier: true, officeCode: true, outcome: true } });
  if (!c) return { ok: false, reason: 'unknown_case' };
  if (c.kind !== 'report') return { ok: false, reason: 'not_a_report' };
  const now = deps.clock.now();
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await tx.case.update({ where: { id: c.id }, data: { outcome, updatedAt: now } });
      await tx.caseEvent.create({ data: { caseId: c.id, at: now, type: 'outcome', tier: c.tier, officeCode: c.officeCode, actor: 'officer', officerId: officer.id, toState: outcome } });
      await audit(tx, { at: now, actor: officer.id, action: 'case.outcome', caseId: c.id, detail: { from: c.outcome, to: outcome } });
    }),
  );
  return { ok: true };
}
