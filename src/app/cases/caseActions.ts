import { canMove, needsNote, type CaseState } from '../../domain/cases/lifecycle.ts';
import { parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import type { Clock, Reply, ReplyParams } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import type { CaseWhere } from '../../domain/officers/jurisdiction.ts';
import { higherTier } from '../../domain/cases/concerns.ts';
import type { FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import { ratingChoices } from '../../engine/flows/rating.ts';
import { linkedNews, noticeRow, notifyFollowers } from './notices.ts';
import { scheduleFollowUps } from './followUps.ts';
import { followUpAudience } from '../../domain/cases/followUps.ts';
import { translateNote, type NoteForCitizen } from './assist.ts';
import type { CaseAssistant } from '../../infra/llm/caseAssistant.ts';
import { nextTier, officeFor, TIERS, type Tier } from '../../domain/cases/routing.ts';
import { addWorkingDays, type WorkCalendar } from '../../domain/cases/workingDays.ts';

/** Which cases an actor may touch (`actWhere` of an officer); none for the command line, an admin's tool. */
export type CaseScope = CaseWhere;

/** Who acts: an officer's id and tier, for the timeline and for whom an appeal goes above; absent for the command line. */
export interface Acting {
  officerId?: string;
  actingTier?: Tier;
}

export type TransitionResult =
  | { ok: true; from: CaseState; to: CaseState }
  | { ok: false; reason: 'unknown_case' | 'not_allowed' | 'note_required' | 'changed_meanwhile' };

const EVENT_TYPE: Record<CaseState, string> = {
  received: 'received',
  acknowledged: 'acknowledged',
  in_progress: 'started',
  forwarded: 'forwarded',
  resolved: 'resolved',
  rejected: 'rejected',
};


const tierOf = (t: string): Tier | null => TIERS.find((x) => x === t) ?? null;

type CaseTx = Pick<DbClient, 'case' | 'caseEvent' | 'contact' | 'outboxMessage' | 'followUp'>;
type CaseRow = NonNullable<Awaited<ReturnType<DbClient['case']['findFirst']>>>;
type Deps = {
  db: DbClient;
  writes: WriteLock;
  translator: Translator;
  cipher: FieldCipher;
  clock: Clock;
  /** With a model configured: notes in the other language reach the citizen machine-translated, with the original. */
  assistant?: CaseAssistant | null;
  /** Days from a resolved complaint of being left out or of money not received to the first "does the money arrive?" (FOLLOW_UP_FIRST_DAYS). */
  followUpFirstDays?: number;
};

/**
 * The note as the citizen will get it, worked out before the transaction (a
 * model call must never hold the write lock): translated into the case's
 * language when it is written in the other one and `worth(case)` says the
 * notice will carry it. Slow or failing, the model gives nothing and the
 * original goes alone.
 */
async function noteForCitizen(deps: Deps, input: { trackingNumber: string; scope?: CaseScope }, note: string, worth: (c: { state: string }) => boolean): Promise<NoteForCitizen> {
  const parsed = parseTrackingNumber(input.trackingNumber);
  if (!deps.assistant || note === '' || !parsed.ok) return { note, translated: null };
  const c = await deps.db.case.findFirst({ where: { trackingNumber: parsed.number, ...input.scope }, select: { language: true, state: true } });
  return c && worth(c) ? translateNote(deps.assistant, note, c.language) : { note, translated: null };
}

/** The note param of a notice: the translation first, marked as a machine's, then the officer's own words; or the note alone. */
function noteParam(deps: Deps, c: { language: string }, n: NoteForCitizen): string {
  if (n.translated === null) return n.note;
  return deps.translator.t('cases:assist.note', c.language === 'en' ? 'en' : 'bn', { translation: n.translated, original: n.note });
}

/**
 * Runs `act` in one transaction on the case with this tracking number —
 * within `scope` when an officer acts, so a case outside their area is
 * simply not found.
 */
async function onCase<T>(deps: Deps, input: { trackingNumber: string; scope?: CaseScope }, act: (tx: CaseTx, c: CaseRow) => Promise<T>): Promise<T | { ok: false; reason: 'unknown_case' }> {
  const parsed = parseTrackingNumber(input.trackingNumber);
  if (!parsed.ok) return { ok: false, reason: 'unknown_case' };
  return deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      const c = await tx.case.findFirst({ where: { trackingNumber: parsed.number, ...input.scope } });
      return c ? act(tx, c) : ({ ok: false, reason: 'unknown_case' } as const);
    }),
  );
}

/**
 * An officer moves a case on. The move, its timeline entry and the citizen's
 * notice (in their language, through the outbox) are one transaction.
 */
export async function transitionCase(
  deps: Deps,
  input: { trackingNumber: string; to: CaseState; note?: string; actor: string; scope?: CaseScope } & Acting,
): Promise<TransitionResult> {
  const now = deps.clock.now();
  const closingTo = input.to === 'resolved' || input.to === 'rejected';
  // Only the closing notices carry the note to the citizen.
  const told = await noteForCitizen(deps, input, input.note?.trim() ?? '', (c) => closingTo && canMove(c.state as CaseState, input.to));
  return onCase(deps, input, async (tx, c) => {
    const from = c.state as CaseState;
    if (!canMove(from, input.to)) return { ok: false, reason: 'not_allowed' } as const;
    const note = input.note?.trim() ?? '';
    if (needsNote(input.to) && note === '') return { ok: false, reason: 'note_required' } as const;
    const closing = input.to === 'resolved' || input.to === 'rejected';
    // Whoever closes decides at their own tier (a district officer may close a case an upazila holds): an appeal goes above it.
    const decidedTier = closing ? (higherTier(tierOf(c.tier), input.actingTier ?? null) ?? c.tier) : undefined;
    const moved = await tx.case.updateMany({
      where: { id: c.id, state: c.state, tier: c.tier },
      data: { state: input.to, updatedAt: now, ...(closing ? { closedAt: now, decidedTier } : {}) },
    });
    if (moved.count === 0) return { ok: false, reason: 'changed_meanwhile' } as const;
    await tx.caseEvent.create({
      data: {
        caseId: c.id,
        at: now,
        type: EVENT_TYPE[input.to],
        fromState: from,
        toState: input.to,
        tier: c.tier,
        officeCode: c.officeCode,
        note: note ? deps.cipher.encrypt(note) : null,
        noteTranslated: note && told.translated !== null ? deps.cipher.encrypt(told.translated) : null,
        actor: 'officer',
        officerId: input.officerId ?? null,
      },
    });
    const params: ReplyParams = note ? { number: c.trackingNumber, note: noteParam(deps, c, told) } : { number: c.trackingNumber };
    const notice: Reply = { key: `cases:notice.${input.to}`, kind: 'text', params };
    await notifyFollowers(tx, deps, c, notice, now, linkedNews(from, input.to));
    if (closing) {
      // Only the citizen who lodged the case is asked to rate it, in a message of its own: a survey is no status
      // change, so on Messenger it waits for the citizen's next message rather than ride the ACCOUNT_UPDATE tag.
      const contact = await tx.contact.findUnique({ where: { id: c.contactId }, select: { externalId: true, unreachable: true } });
      const ask: Reply = { key: 'cases:rating.ask', kind: 'question', choices: ratingChoices(c.trackingNumber) };
      if (contact && !contact.unreachable) await tx.outboxMessage.create({ data: noticeRow(deps, c, contact.externalId, ask, now, 'notice') });
    }
    // Resolved, a complaint of being left out or of money not received means the money will come: asked after later.
    if (followUpAudience({ ...c, state: input.to }) === 'citizen') await scheduleFollowUps(tx, c, 'citizen', now, deps.followUpFirstDays);
    return { ok: true, from, to: input.to } as const;
  });
}

export type ReplyResult = { ok: true } | { ok: false; reason: 'unknown_case' | 'note_required' | 'unreachable' };

/**
 * An officer writes to the citizen who lodged the case. It goes on the
 * timeline and, as the officer's own reply, through the outbox on the
 * citizen's channel (on Messenger, late only under the HUMAN_AGENT rule).
 */
export async function replyToCitizen(
  deps: Deps,
  input: { trackingNumber: string; text: string; actor: string; scope?: CaseScope } & Acting,
): Promise<ReplyResult> {
  const text = input.text.trim();
  if (text === '') return { ok: false, reason: parseTrackingNumber(input.trackingNumber).ok ? 'note_required' : 'unknown_case' };
  const now = deps.clock.now();
  const told = await noteForCitizen(deps, input, text, () => true);
  return onCase(deps, input, async (tx, c) => {
    const contact = await tx.contact.findUnique({ where: { id: c.contactId }, select: { externalId: true, unreachable: true } });
    if (!contact || contact.unreachable) return { ok: false, reason: 'unreachable' } as const;
    const noteTranslated = told.translated === null ? null : deps.cipher.encrypt(told.translated);
    await tx.caseEvent.create({ data: { caseId: c.id, at: now, type: 'replied', tier: c.tier, officeCode: c.officeCode, note: deps.cipher.encrypt(text), noteTranslated, actor: 'officer', officerId: input.officerId ?? null } });
    const reply = { key: 'cases:notice.reply', kind: 'text' as const, params: { number: c.trackingNumber, note: noteParam(deps, c, told) } };
    await tx.outboxMessage.create({ data: noticeRow(deps, c, contact.externalId, reply, now, 'officer_reply') });
    return { ok: true } as const;
  });
}

/**
 * An officer sends a case up to the next office (Union → Upazila → District
 * → headquarters), with that office's deadline; the citizen is told where it
 * went and by when.
 */
export async function forwardCase(
  deps: Deps & { calendar: WorkCalendar; deadlineDays: Record<Tier, number> },
  input: { trackingNumber: string; note?: string; actor: string; scope?: CaseScope } & Acting,
): Promise<TransitionResult> {
  const now = deps.clock.now();
  return onCase(deps, input, async (tx, c) => {
    const from = c.state as CaseState;
    const tier = TIERS.find((t) => t === c.tier);
    const to = tier ? nextTier(tier) : null;
    if (!canMove(from, 'forwarded') || !to) return { ok: false, reason: 'not_allowed' } as const;
    const office = officeFor(to, { upazilaCode: c.upazilaCode, districtCode: c.districtCode });
    const due = addWorkingDays(now, deps.deadlineDays[to], deps.calendar);
    const moved = await tx.case.updateMany({ where: { id: c.id, state: c.state, tier: c.tier }, data: { state: 'forwarded', tier: to, officeCode: office, dueAt: due, updatedAt: now } });
    if (moved.count === 0) return { ok: false, reason: 'changed_meanwhile' } as const;
    const note = input.note?.trim() ?? '';
    await tx.caseEvent.create({ data: { caseId: c.id, at: now, type: 'forwarded', fromState: from, toState: 'forwarded', tier: to, officeCode: office, note: note ? deps.cipher.encrypt(note) : null, actor: 'officer', officerId: input.officerId ?? null } });
    await notifyFollowers(tx, deps, c, { key: 'cases:notice.forwarded_to', kind: 'text', params: { number: c.trackingNumber, to, due: due.getTime() } }, now, linkedNews(from, 'forwarded'));
    return { ok: true, from, to: 'forwarded' } as const;
  });
}
