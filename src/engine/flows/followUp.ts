import { LAST_ROUND, type FollowUpAnswer } from '../../domain/cases/followUps.ts';
import { firstTier, officeFor } from '../../domain/cases/routing.ts';
import { makeTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { addWorkingDays } from '../../domain/cases/workingDays.ts';
import { placeByCode } from '../../domain/geo/index.ts';
import { normaliseText, tokenise } from '../../text/normalise.ts';
import type { NewCase, TurnInput } from '../deps.ts';
import { parseFollowUpAnswer } from '../parse/parseFollowUpAnswer.ts';
import type { Said } from '../said.ts';
import type { PendingFollowUp, SessionState } from '../session.ts';
import type { Turn } from '../turn.ts';
import type { Choice, ReplyLine } from '../types.ts';
import { followUpChoices, parseFollowUpChoice } from './followUpChoices.ts';
import { caseLocation, names } from './location.ts';

/**
 * "Does the allowance arrive in full?": asked by the host's follow-up job
 * after a case ended in enrolment or "money will arrive", outside the
 * conversation (so its buttons are never among the offered choices). The job
 * leaves the question in the session (`followUps`); here it is answered.
 * "Yes" is thanked; "partly" or "no" lodges a money-not-received complaint at
 * once, from the case asked about (its programme and place, its number in the
 * description), with nothing more to fill in. Anything that is no answer goes
 * on as usual: the question never holds anyone.
 */

export type FollowUpReply = { kind: 'answer'; pending: PendingFollowUp; answer: FollowUpAnswer } | { kind: 'stale' };

/**
 * Words that speak of the money are taken even after the person has written
 * since the question, but only this short and outside a form: a longer
 * message there is something else they are telling.
 */
const LATE_ANSWER_WORDS = 6;

/**
 * Whether this message answers a follow-up question waiting in the session:
 * - one of its buttons (an answered or replaced question's button is stale);
 * - typed, when the question is the last thing Setu said (nothing written
 *   since it was asked, however long ago): a button's number or label, or
 *   any yes / partly / no in words ("হ্যাঁ", "ordhek", "pai nai");
 * - typed later, at the top level: only words about the money ("ha pai",
 *   "pai nai", "অর্ধেক পাই"), never a bare "না" that may mean anything.
 * The latest question is the one a typed answer answers.
 */
export function followUpReplyIn(turn: Turn, input: TurnInput, said: Said, lastActive: number | null): FollowUpReply | null {
  const s = turn.state;
  const pending = s.followUps ?? [];
  if (said.kind === 'choice') {
    const pressed = parseFollowUpChoice(said.id);
    if (pressed !== null) {
      const asked = pending.find((p) => p.followUpId === pressed.followUpId);
      return asked ? { kind: 'answer', pending: asked, answer: pressed.answer } : { kind: 'stale' };
    }
  }
  const latest = pending.at(-1);
  const body = input.inbound.body;
  if (latest === undefined || body.type !== 'text') return null;
  const lastSaid = lastActive === null || Date.parse(latest.askedAt) > lastActive;
  if (lastSaid) {
    const answer = parseFollowUpAnswer(body.text)?.answer ?? typedButton(turn, latest.followUpId, body.text);
    return answer === null ? null : { kind: 'answer', pending: latest, answer };
  }
  const reading = parseFollowUpAnswer(body.text);
  if (reading === null || !reading.aboutMoney || s.flow !== null || said.kind !== 'text' || tokenise(body.text).length > LATE_ANSWER_WORDS) return null;
  return { kind: 'answer', pending: latest, answer: reading.answer };
}

/**
 * A button of the question typed rather than pressed: its number ("২") or
 * its whole label. Not a label's words within a sentence: "না" is in one
 * label, and "জানি না" is no answer.
 */
function typedButton(turn: Turn, followUpId: number, text: string): FollowUpAnswer | null {
  const choices = followUpChoices(followUpId);
  const position = /^(\d)\s*[.)]?$/.exec(normaliseText(text));
  const typed = tokenise(text).join(' ');
  const chosen = position
    ? choices[Number(position[1]) - 1]
    : choices.find((c) => turn.deps.labels(c).some((label) => tokenise(label).join(' ') === typed));
  return chosen ? (parseFollowUpChoice(chosen.id)?.answer ?? null) : null;
}

/** Whether a text would be taken as a follow-up's answer (then the understander need not read it first). */
export function answersFollowUp(state: SessionState, text: string): boolean {
  const latest = state.followUps?.at(-1);
  if (latest === undefined) return false;
  const reading = parseFollowUpAnswer(text);
  if (reading === null) return false;
  const lastSaid = state.lastActiveAt === null || Date.parse(latest.askedAt) > Date.parse(state.lastActiveAt);
  return lastSaid || (reading.aboutMoney && state.flow === null && tokenise(text).length <= LATE_ANSWER_WORDS);
}

const AFTER_CHOICES: Choice[] = [
  { id: 'menu.status', key: 'menu:choice.status' },
  { id: 'menu', key: 'menu:choice.menu' },
];

/**
 * Records the answer and thanks, or lodges the complaint and tells its
 * number. Returns true when it asked the turn's question itself (what next,
 * after a complaint outside a flow); otherwise the caller puts the question
 * the person was at again.
 */
export function answerFollowUp(turn: Turn, pending: PendingFollowUp, answer: FollowUpAnswer): boolean {
  const s = turn.state;
  const left = (s.followUps ?? []).filter((p) => p.followUpId !== pending.followUpId);
  if (left.length > 0) s.followUps = left;
  else delete s.followUps;
  const answered = (grievanceId: string | null) => turn.events.push({ type: 'follow_up_answered', followUpId: pending.followUpId, answer, grievanceId });
  const number = pending.caseTracking;
  if (answer === 'yes') {
    answered(null);
    turn.say(`followup:thanks.${pending.audience}`, { number }, [{ key: pending.round < LAST_ROUND ? 'followup:thanks.again' : 'followup:thanks.last' }]);
    return false;
  }
  const where = caseLocation(pending.placeCode);
  if (where === null) {
    // The place is no longer known (the list of places changed): the answer counts, and the way to complain is shown.
    answered(null);
    turn.say('followup:no_place', { number });
    return false;
  }
  const now = turn.deps.clock.now();
  const tier = firstTier('not_received', where);
  const due = addWorkingDays(now, turn.deps.deadlineDays[tier], turn.deps.calendar);
  const id = turn.deps.ids.next();
  const lodged: NewCase = {
    id,
    trackingNumber: makeTrackingNumber(id),
    kind: 'grievance',
    category: 'not_received',
    programme: pending.programme,
    placeCode: pending.placeCode,
    upazilaCode: where.upazilaCode,
    districtCode: where.districtCode,
    description: '',
    written: { key: `followup:description.${pending.audience}.${answer}`, params: { number, round: pending.round } },
    tier,
    officeCode: officeFor(tier, where),
    concernsTier: null,
    urgentReasons: [],
    dueAt: due.toISOString(),
    createdAt: now.toISOString(),
    language: s.lang ?? 'bn',
    phone: null,
    shareIdentity: false,
    attachments: [],
  };
  turn.events.push({ type: 'case_lodged', case: lodged });
  answered(lodged.id);
  s.lastPlaceCode = pending.placeCode;
  const office = placeByCode(tier === 'union' && where.unionCode ? where.unionCode : tier === 'district' ? where.districtCode : where.upazilaCode);
  const lines: ReplyLine[] = [
    { key: `grievance:next.office.${tier}`, params: office ? names(office) : { bn: '', en: '' } },
    { key: 'grievance:next.deadline', params: { due: due.getTime() } },
    { key: 'grievance:next.status' },
  ];
  turn.say(`followup:sorry.${answer}`);
  turn.result(`followup:lodged.${pending.audience}`, { number: lodged.trackingNumber, original: number }, lines);
  if (s.flow !== null) return false;
  turn.ask('grievance:after', AFTER_CHOICES);
  return true;
}
