import {
  DEFAULT_FIRST_DAYS,
  followUpAudience,
  followUpRounds,
  type FollowUpAudience,
} from '../../domain/cases/followUps.ts';
import { followUpChoices } from '../../engine/flows/followUpChoices.ts';
import { newSessionState, parseSessionState, type PendingFollowUp, type SessionState } from '../../engine/session.ts';
import type { Clock, Reply } from '../../engine/types.ts';
import { openStored, type FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { every } from '../periodic.ts';
import { acquireLease } from './jobLease.ts';
import { noticeRow } from './notices.ts';

/*
 * The question after enrolment, "does the allowance arrive in full?"
 * (src/domain/cases/followUps.ts says when and of whom).
 *
 * Its rounds are written when the case ends in the money, in the same
 * transaction as that change (transitionCase, recordReportOutcome), and
 * dropped, those not yet asked, when it no longer does (a report's outcome
 * changed, a case open again). This job asks each round on its day, through
 * the outbox like a case's notices.
 *
 * How the engine learns of the question: the job also leaves it in the
 * contact's session (Session.state `followUps`: the row's id, the case's
 * number, programme and place), in the same transaction as the outbox row.
 * The engine never reads the database, and a turn's input could only carry
 * the question if the host looked it up before every turn — a query each
 * message for what is asked a few times a year. In the session it costs
 * nothing until answered, and lets a "না" a week later be told from any other
 * "না": the engine takes typed words as the answer only when the question is
 * the last thing said, or when they are about the money. The answer and the
 * complaint it may open are written by the turn store in the turn's own
 * transaction (TurnOutcome.followUpAnswers, as ratings are).
 *
 * A session is written by turns too: the job's write is conditional on the
 * version it read (turns bump it; the PostgreSQL turn store locks the row it
 * reads), and is tried again from the start when a turn came in between.
 */

type Tx = Pick<DbClient, 'followUp' | 'contact'>;

/** Whether the case now ends in the money for this audience, and so has follow-ups. */
const stillOwed = (c: { kind: string; category: string; state: string; outcome: string | null }, audience: string): boolean => followUpAudience(c) === audience;

/**
 * Writes the rounds still to ask when a case ends in enrolment or "money
 * will arrive", in the caller's transaction: the first `firstDays` from now,
 * then quarterly up to round 5. A case that ends so again goes on after the
 * rounds already asked. Nothing is written for a case whose citizen has no
 * chat to be asked in (a case an officer entered from paper or the phone).
 */
export async function scheduleFollowUps(
  tx: Tx,
  c: { id: string; contactId: string },
  audience: FollowUpAudience,
  now: Date,
  firstDays = DEFAULT_FIRST_DAYS,
): Promise<number> {
  const contact = await tx.contact.findUnique({ where: { id: c.contactId }, select: { id: true } });
  if (!contact) return 0;
  await tx.followUp.deleteMany({ where: { caseId: c.id, audience, sentAt: null } });
  const asked = await tx.followUp.findFirst({ where: { caseId: c.id, audience }, orderBy: { round: 'desc' }, select: { round: true } });
  const rounds = followUpRounds(now, firstDays, asked?.round ?? 0);
  for (const r of rounds) await tx.followUp.create({ data: { caseId: c.id, audience, contactId: c.contactId, round: r.round, dueAt: r.dueAt } });
  return rounds.length;
}

/** Drops the rounds not yet asked: the case no longer ends in the money (an outcome changed, the case is open again). */
export async function dropFollowUps(tx: Pick<DbClient, 'followUp'>, caseId: string, audience?: FollowUpAudience): Promise<number> {
  return (await tx.followUp.deleteMany({ where: { caseId, sentAt: null, ...(audience ? { audience } : {}) } })).count;
}

export interface FollowUpDeps {
  db: DbClient;
  writes: WriteLock;
  translator: Translator;
  /** Seals the question in the outbox, and the session it is left in. */
  cipher: FieldCipher;
  clock: Clock;
  log: Logger;
  /** This process's name for the lease. */
  holder: string;
  onOutbox?: (contactId?: string) => void;
}

const LEASE = 'follow_ups';
const BATCH = 200;
/** Questions a session keeps waiting at once (a citizen with several cases); the oldest goes first. */
const MAX_PENDING = 3;
/** A session written by a turn meanwhile: the question is put again from the start this many times. */
const SESSION_TRIES = 3;

/** A turn wrote the session between the job's read and its write. */
class SessionMoved extends Error {}

export interface FollowUpReport {
  /** Questions queued. */
  asked: number;
  /** Rounds dropped: the case no longer ends in the money, or its contact cannot be reached. */
  dropped: number;
}

/**
 * One pass: every round due and not yet asked is asked, once, in the
 * contact's language, with its three buttons, through the outbox (purpose
 * case_update, as the case's status notices: on Messenger it may go outside
 * the 24-hour window under the ACCOUNT_UPDATE tag). When several rounds of a
 * case are due at once (Setu was stopped for months), only the latest is
 * asked. A contact marked unreachable is skipped, and so is a case that no
 * longer ends in the money. Safe with several processes: a lease keeps it to
 * one at a time, and each round is claimed by a conditional write.
 */
export async function askDueFollowUps(deps: FollowUpDeps, leaseMs = 60_000): Promise<FollowUpReport> {
  const now = deps.clock.now();
  const report: FollowUpReport = { asked: 0, dropped: 0 };
  if (!(await acquireLease(deps.db, LEASE, deps.holder, now, leaseMs))) return report;
  const due = await deps.db.followUp.findMany({ where: { sentAt: null, dueAt: { lte: now } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: BATCH });
  // The latest round due of each case and audience; the earlier ones were missed, and go unasked.
  const latest = new Map<string, (typeof due)[number]>();
  for (const f of due) {
    const key = `${f.caseId}|${f.audience}`;
    const seen = latest.get(key);
    if (!seen || seen.round < f.round) latest.set(key, f);
  }
  const contacts = new Set<string>();
  for (const f of latest.values()) {
    const outcome = await askOne(deps, f, now);
    if (outcome === 'asked') {
      report.asked += 1;
      contacts.add(f.contactId);
    } else if (outcome === 'dropped') report.dropped += 1;
  }
  for (const contactId of contacts) deps.onOutbox?.(contactId);
  if (report.asked + report.dropped > 0) deps.log.info({ followUps: report }, 'follow-up questions asked');
  return report;
}

type Row = { id: number; caseId: string; audience: string; contactId: string; round: number };

async function askOne(deps: FollowUpDeps, f: Row, now: Date): Promise<'asked' | 'dropped' | 'taken'> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await deps.writes.run(() => deps.db.$transaction((tx) => askInTx(deps, tx, f, now)));
    } catch (err) {
      if (!(err instanceof SessionMoved) || tries >= SESSION_TRIES) throw err;
    }
  }
}

type FullTx = Pick<DbClient, 'case' | 'followUp' | 'contact' | 'outboxMessage' | 'session'>;

async function askInTx(deps: FollowUpDeps, tx: FullTx, f: Row, now: Date): Promise<'asked' | 'dropped' | 'taken'> {
  const c = await tx.case.findUnique({
    where: { id: f.caseId },
    select: { trackingNumber: true, kind: true, category: true, state: true, outcome: true, programme: true, placeCode: true, language: true },
  });
  const audience = f.audience === 'reporter' ? 'reporter' : 'citizen';
  if (!c || !stillOwed(c, audience)) {
    const dropped = (await tx.followUp.deleteMany({ where: { caseId: f.caseId, audience: f.audience, sentAt: null } })).count;
    deps.log.info({ case: c?.trackingNumber ?? f.caseId, audience }, 'follow-up dropped: the case no longer ends in enrolment');
    return dropped > 0 ? 'dropped' : 'taken';
  }
  // Rounds of this case due before this one were missed (Setu was stopped): asked once, as this one.
  await tx.followUp.deleteMany({ where: { caseId: f.caseId, audience: f.audience, sentAt: null, round: { lt: f.round } } });
  const contact = await tx.contact.findUnique({ where: { id: f.contactId }, select: { externalId: true, channel: true, language: true, unreachable: true } });
  if (!contact || contact.unreachable) {
    await tx.followUp.deleteMany({ where: { id: f.id, sentAt: null } });
    return 'dropped';
  }
  const claimed = await tx.followUp.updateMany({ where: { id: f.id, sentAt: null }, data: { sentAt: now } });
  if (claimed.count === 0) return 'taken';
  const language = contact.language === 'en' || contact.language === 'bn' ? contact.language : c.language;
  const ask: Reply = {
    key: `followup:ask.${audience}${c.programme ? '' : '_any'}`,
    kind: 'question',
    params: { number: c.trackingNumber, ...(c.programme ? { programme: c.programme } : {}) },
    choices: followUpChoices(f.id),
  };
  await tx.outboxMessage.create({ data: noticeRow(deps, { contactId: f.contactId, channel: contact.channel, language }, contact.externalId, ask, now, 'case_update') });
  const pending: PendingFollowUp = {
    followUpId: f.id,
    caseTracking: c.trackingNumber,
    audience,
    programme: c.programme,
    placeCode: c.placeCode,
    round: f.round,
    askedAt: now.toISOString(),
  };
  await leaveInSession(deps, tx, f.contactId, language === 'en' ? 'en' : 'bn', pending, now);
  return 'asked';
}

/** Puts the question in the contact's session, replacing an earlier round's of the same case, on the version read. */
async function leaveInSession(deps: FollowUpDeps, tx: FullTx, contactId: string, lang: 'bn' | 'en', pending: PendingFollowUp, now: Date): Promise<void> {
  const row = await tx.session.findUnique({ where: { contactId }, select: { state: true, version: true } });
  const state = row ? readState(deps, row.state) : { ...newSessionState(), lang };
  const others = (state.followUps ?? []).filter((p) => !(p.caseTracking === pending.caseTracking && p.audience === pending.audience));
  state.followUps = [...others, pending].slice(-MAX_PENDING);
  const sealed = deps.cipher.encrypt(JSON.stringify(state));
  if (!row) {
    await tx.session.create({ data: { contactId, state: sealed, version: 1, updatedAt: now } });
    return;
  }
  const written = await tx.session.updateMany({ where: { contactId, version: row.version }, data: { state: sealed, version: row.version + 1, updatedAt: now } });
  if (written.count === 0) throw new SessionMoved('the session was written meanwhile');
}

/** The session as the pipeline reads it: sealed or (from older versions) plain; unreadable, a fresh one, as a turn would start. */
function readState(deps: FollowUpDeps, stored: string): SessionState {
  try {
    return parseSessionState(openStored(deps.cipher, stored)).state;
  } catch (err) {
    deps.log.warn({ err }, 'session state could not be unsealed for a follow-up; starting it afresh');
    return newSessionState();
  }
}

/** Runs the follow-up pass every `intervalMs` until stopped. */
export function startFollowUpJob(deps: FollowUpDeps, intervalMs: number): { stop(): Promise<void> } {
  return every(intervalMs, () => askDueFollowUps(deps), (err) => deps.log.error({ err }, 'follow-up pass failed'));
}
