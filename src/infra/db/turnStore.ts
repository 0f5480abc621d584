import type { DbClient } from './prismaClient.ts';
import type { Channel, Inbound, Lang } from '../../engine/types.ts';
import { isFollowUpAnswer } from '../../domain/cases/followUps.ts';

/** A message to send, rendered in the user's language, waiting in the outbox. */
export interface OutboxDraft {
  payload: string;
}

export interface TurnWork {
  contactId: string;
  /** The persisted state JSON, or null for a first contact. */
  stateJson: string | null;
  language: Lang | null;
}

/** A case lodged in this turn, as stored: the phone already sealed. */
export interface CaseDraft {
  id: string;
  trackingNumber: string;
  kind: string;
  category: string;
  programme: string | null;
  placeCode: string;
  upazilaCode: string;
  districtCode: string;
  description: string;
  tier: string;
  officeCode: string;
  urgentReasons: string[];
  dueAt: Date;
  createdAt: Date;
  language: string;
  phoneSealed: string | null;
  shareIdentity: boolean;
  /** `transcript`: a voice note's words, already sealed; null when none was heard. */
  attachments: Array<{ kind: string; ref: string; transcript: string | null }>;
  subjectName: string | null;
  subjectAge: number | null;
  subjectSex: string | null;
  consent: string | null;
  duplicateOf: string | null;
  /** JSON, reports only. */
  eligibility: string | null;
  /** The highest tier the complaint is about: hidden from that tier and below (concerns.ts). */
  concernsTier: string | null;
}

export interface TurnOutcome {
  stateJson: string;
  language: Lang | null;
  outbox: OutboxDraft[];
  /** Cases lodged by this turn: stored with it, or not at all. */
  cases?: CaseDraft[];
  /** Rejected cases this turn takes to the next tier. */
  appeals?: AppealDraft[];
  /**
   * Ratings (1–5) of closed cases. Stored only for a case of this contact that
   * is resolved or rejected and not yet rated: the first rating counts.
   */
  ratings?: RatingDraft[];
  /**
   * Answers to follow-up questions ("does the allowance arrive in full?").
   * Recorded only on a follow-up of this contact that was asked and is not yet
   * answered: the first answer counts. The complaint a "no" opened is among
   * `cases`, stored before these.
   */
  followUpAnswers?: FollowUpAnswerDraft[];
}

export interface FollowUpAnswerDraft {
  followUpId: number;
  /** yes | partly | no; anything else is never stored. */
  answer: string;
  /** The id of the complaint lodged from the answer in this turn, if any. */
  grievanceId: string | null;
}

export interface RatingDraft {
  trackingNumber: string;
  rating: number;
}

export interface AppealDraft {
  trackingNumber: string;
  tier: string;
  officeCode: string;
  dueAt: Date;
  at: Date;
}

export type TurnRecord = { status: 'done'; outboxCount: number } | { status: 'duplicate' };

/** `decide` computes the new state and replies from what is stored; it runs inside the transaction, so it must be quick and synchronous. */
export type Decide = (work: TurnWork) => TurnOutcome;

/**
 * Where durable turns are kept. Two implementations with one contract (the
 * repository tests run both): Prisma's interactive transaction, used on
 * PostgreSQL, and prepared statements on SQLite, where a Prisma transaction
 * costs about a millisecond of serialized time and would cap Setu far below
 * its throughput goal (../shared/design/PERFORMANCE.md).
 */
export interface TurnStore {
  run(inbound: Inbound, decide: Decide): Promise<TurnRecord>;
  close(): Promise<void>;
}

/** Thrown inside `runTurn`'s callback to roll the whole turn back (nothing recorded). */
export class AbortTurn extends Error {}

/** A whole number from 1 to 5: anything else is never stored, whoever sent it. */
export function isRating(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

/** yes, partly or no: anything else is never stored, whoever sent it. */
export function isStoredFollowUpAnswer(a: string): boolean {
  return isFollowUpAnswer(a);
}

export function contactIdFor(channel: Channel, userId: string): string {
  return `${channel}:${userId}`;
}

/**
 * The durable turn, in one transaction: record the inbound message under its
 * platform key, without its text (a re-delivery is reported as duplicate and changes nothing),
 * load the session, let `decide` compute the new state and replies, then save
 * the state and put the replies in the outbox.
 */
export function createPrismaTurnStore(db: DbClient): TurnStore {
  return { run: (inbound, decide) => runTurn(db, inbound, decide), close: async () => {} };
}

/**
 * Prisma gives up on a transaction that waited 2 s for a pooled connection. A
 * burst of users must queue, not lose their turns, so the wait is generous;
 * the turn itself stays short.
 */
const TX_OPTIONS = { maxWait: 30_000, timeout: 10_000 };

async function runTurn(db: DbClient, inbound: Inbound, decide: Decide): Promise<TurnRecord> {
  const contactId = contactIdFor(inbound.channel, inbound.userId);
  const now = inbound.receivedAt;
  return db.$transaction(async (tx) => {
    const seen = await tx.inboundMessage.findUnique({
      where: { channel_platformKey: { channel: inbound.channel, platformKey: inbound.messageId } },
      select: { id: true },
    });
    if (seen) return { status: 'duplicate' } as const;
    const contact = await tx.contact.upsert({
      where: { id: contactId },
      create: { id: contactId, channel: inbound.channel, externalId: inbound.userId, createdAt: now, lastSeenAt: now },
      update: { lastSeenAt: now },
      select: { language: true },
    });
    await tx.inboundMessage.create({
      data: {
        id: `${contactId}:${inbound.messageId}`,
        channel: inbound.channel,
        platformKey: inbound.messageId,
        contactId,
        receivedAt: now,
      },
    });
    const session = await tx.session.findUnique({ where: { contactId }, select: { state: true, version: true } });
    const outcome = decide({
      contactId,
      stateJson: session?.state ?? null,
      language: contact.language === 'bn' || contact.language === 'en' ? contact.language : null,
    });
    await tx.session.upsert({
      where: { contactId },
      create: { contactId, state: outcome.stateJson, version: 1, updatedAt: now },
      update: { state: outcome.stateJson, version: (session?.version ?? 0) + 1, updatedAt: now },
    });
    if (outcome.language !== contact.language) {
      await tx.contact.update({ where: { id: contactId }, data: { language: outcome.language } });
    }
    for (const c of outcome.cases ?? []) {
      const { attachments, urgentReasons, ...row } = c;
      await tx.case.create({
        data: { ...row, urgent: urgentReasons.length > 0, urgentReasons: JSON.stringify(urgentReasons), state: 'received', contactId, channel: inbound.channel, updatedAt: row.createdAt },
      });
      await tx.caseEvent.create({ data: { caseId: c.id, at: c.createdAt, type: 'lodged', toState: 'received', tier: c.tier, officeCode: c.officeCode, actor: 'citizen' } });
      if (attachments.length > 0) await tx.caseAttachment.createMany({ data: attachments.map((a) => ({ caseId: c.id, kind: a.kind, ref: a.ref, transcript: a.transcript, createdAt: c.createdAt })) });
    }
    for (const a of outcome.appeals ?? []) {
      const c = await tx.case.findFirst({ where: { trackingNumber: a.trackingNumber, contactId, state: 'rejected' }, select: { id: true } });
      if (!c) continue;
      await tx.case.update({ where: { id: c.id }, data: { tier: a.tier, officeCode: a.officeCode, dueAt: a.dueAt, state: 'received', updatedAt: a.at, closedAt: null } });
      await tx.caseEvent.create({ data: { caseId: c.id, at: a.at, type: 'appealed', fromState: 'rejected', toState: 'received', tier: a.tier, officeCode: a.officeCode, actor: 'citizen' } });
      // A case open again no longer ends in the money: its follow-up questions not yet asked are dropped.
      await tx.followUp.deleteMany({ where: { caseId: c.id, sentAt: null } });
    }
    for (const r of outcome.ratings ?? []) {
      if (!isRating(r.rating)) continue;
      await tx.case.updateMany({
        where: { trackingNumber: r.trackingNumber, contactId, state: { in: ['resolved', 'rejected'] }, rating: null },
        data: { rating: r.rating, ratedAt: now },
      });
    }
    for (const f of outcome.followUpAnswers ?? []) {
      if (!isStoredFollowUpAnswer(f.answer)) continue;
      await tx.followUp.updateMany({
        where: { id: f.followUpId, contactId, sentAt: { not: null }, answer: null },
        data: { answer: f.answer, answeredAt: now, grievanceId: f.grievanceId },
      });
    }
    if (outcome.outbox.length > 0) {
      await tx.outboxMessage.createMany({
        data: outcome.outbox.map((o) => ({
          contactId,
          channel: inbound.channel,
          externalId: inbound.userId,
          payload: o.payload,
          nextAttemptAt: now,
          createdAt: now,
        })),
      });
    }
    return { status: 'done', outboxCount: outcome.outbox.length } as const;
  }, TX_OPTIONS);
}
