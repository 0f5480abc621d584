import { randomBytes } from 'node:crypto';
import { parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { isReportOutcome } from '../../domain/cases/reportOutcome.ts';
import { actWhere } from '../../domain/officers/jurisdiction.ts';
import { certificateCode, newMilestones } from '../../domain/recognition/milestones.ts';
import type { Clock, Reply } from '../../engine/types.ts';
import type { FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import { noticeRow } from '../cases/notices.ts';
import { dropFollowUps, scheduleFollowUps } from '../cases/followUps.ts';
import type { SignedInOfficer } from './accounts.ts';
import { audit } from './audit.ts';

export type OutcomeResult = { ok: true } | { ok: false; reason: 'unknown_case' | 'not_a_report' | 'bad_outcome' };

export interface OutcomeDeps {
  db: DbClient;
  clock: Clock;
  writes: WriteLock;
  translator: Translator;
  cipher: FieldCipher;
  /** Where certificates are read, for the link in the thank-you message. */
  publicUrl(): string;
  /** Days from an enrolment to the first "does the person receive the allowance?" to the reporter (FOLLOW_UP_FIRST_DAYS). */
  followUpFirstDays?: number;
}

/**
 * Records what came of a report the officer may act on: the case keeps it
 * (the report card counts enrolments from it), its history shows who said
 * so and when, and the audit log has it. It may be changed later, as when a
 * person "not found" is found. The reporter hears it in their language, and
 * when an enrolment brings the people their reports helped to 1, 5, 10, 25,
 * 50 or 100, they are thanked with a certificate (a milestone once given
 * stays given).
 */
export async function recordReportOutcome(deps: OutcomeDeps, officer: SignedInOfficer, trackingNumber: string, outcome: string): Promise<OutcomeResult> {
  if (!isReportOutcome(outcome)) return { ok: false, reason: 'bad_outcome' };
  const parsed = parseTrackingNumber(trackingNumber);
  if (!parsed.ok) return { ok: false, reason: 'unknown_case' };
  const c = await deps.db.case.findFirst({
    where: { trackingNumber: parsed.number, ...actWhere(officer) },
    select: { id: true, kind: true, tier: true, officeCode: true, outcome: true, contactId: true, channel: true, language: true, trackingNumber: true, districtCode: true },
  });
  if (!c) return { ok: false, reason: 'unknown_case' };
  if (c.kind !== 'report') return { ok: false, reason: 'not_a_report' };
  const now = deps.clock.now();
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await tx.case.update({ where: { id: c.id }, data: { outcome, updatedAt: now } });
      await tx.caseEvent.create({ data: { caseId: c.id, at: now, type: 'outcome', tier: c.tier, officeCode: c.officeCode, actor: 'officer', officerId: officer.id, toState: outcome } });
      await audit(tx, { at: now, actor: officer.id, action: 'case.outcome', caseId: c.id, detail: { from: c.outcome, to: outcome } });
      if (c.outcome === outcome) return;
      // Enrolled: the reporter is asked later whether the person receives the allowance; no longer enrolled, not.
      if (outcome === 'enrolled') await scheduleFollowUps(tx, c, 'reporter', now, deps.followUpFirstDays);
      else if (c.outcome === 'enrolled') await dropFollowUps(tx, c.id, 'reporter');
      const contact = await tx.contact.findUnique({ where: { id: c.contactId }, select: { externalId: true, unreachable: true } });
      const tell = async (reply: Reply): Promise<void> => {
        if (contact && !contact.unreachable) await tx.outboxMessage.create({ data: noticeRow(deps, c, contact.externalId, reply, now, 'case_update') });
      };
      await tell({ key: `recognition:outcome.${outcome}`, kind: 'text', params: { number: c.trackingNumber } });
      if (outcome !== 'enrolled') return;
      const enrolled = await tx.case.count({ where: { contactId: c.contactId, kind: 'report', outcome: 'enrolled' } });
      const given = (await tx.recognition.findMany({ where: { contactId: c.contactId }, select: { milestone: true } })).map((r) => r.milestone);
      // Only the highest one reached now is said (a first record of many enrolments at once is one thank-you, not six).
      const reached = newMilestones(enrolled, given);
      for (const milestone of reached) {
        const code = certificateCode(randomBytes(8));
        await tx.recognition.create({ data: { code, contactId: c.contactId, milestone, districtCode: c.districtCode, language: c.language === 'en' ? 'en' : 'bn', createdAt: now } });
        if (milestone === reached.at(-1)) {
          const url = `${deps.publicUrl().replace(/\/+$/, '')}/open/certificate/${code}`;
          await tell({ key: milestone === 1 ? 'recognition:milestone_first' : 'recognition:milestone', kind: 'text', params: { count: milestone, url, code } });
        }
      }
    }),
  );
  return { ok: true };
}
