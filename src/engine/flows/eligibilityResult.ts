import {
  amountMessages,
  disagreementMessage,
  evaluateEligibility,
  programmeInfo,
  reasonMessage,
  type Message,
  type Verdict,
} from '../../domain/programmes/index.ts';
import type { EligibilityFlow } from '../session.ts';
import type { Turn } from '../turn.ts';
import type { Choice, ReplyLine } from '../types.ts';

const RESULT_CHOICES: Choice[] = [
  { id: 'elig.more', key: 'eligibility:choice.more' },
  { id: 'elig.again', key: 'eligibility:choice.again' },
  { id: 'menu', key: 'menu:choice.menu' },
];
const AFTER_MORE: Choice[] = RESULT_CHOICES.filter((c) => c.id !== 'elig.more');

/** The committee's say, the allocation and "it is free" are the same for every programme: said once, under "More". */
const COMMON_DECISION_PREFIX = 'programmes:common.';

function verdictsOf(turn: Turn, flow: EligibilityFlow): Verdict[] {
  return evaluateEligibility(flow.profile, turn.deps.catalogue, { fiscalYear: turn.deps.fiscalYear });
}

/**
 * The answer first: one line naming the allowances the person may get and
 * their monthly amount, then for each what to bring and where to apply.
 * What does not apply, where sources disagree and the committee's say wait
 * behind "আরও জানুন" / "More" (`showEligibilityMore`).
 */
export function showEligibilityResult(turn: Turn, flow: EligibilityFlow): void {
  const verdicts = verdictsOf(turn, flow);
  const likely = verdicts.filter((v) => v.status === 'likely_eligible');
  const unclear = verdicts.filter((v) => v.status === 'cannot_tell');
  const who = flow.profile.subject === 'other' ? 'other' : 'self';
  // The programme they asked about is answered first, in full, whatever the answer.
  const focus = verdicts.find((v) => v.programmeId === flow.focus);
  const others = (list: Verdict[]): Verdict[] => list.filter((v) => v !== focus);

  const waiting = cardFirst(turn, flow, verdicts);
  if (likely.length > 0) turn.result(`eligibility:result.headline.${who}`, undefined, likely.map((v) => bullet(headlineOf(v))));
  else if (waiting.length > 0) turn.result(`eligibility:result.card_first.${who}`, undefined, [...waiting.map((v) => bullet(cardFirstLine(turn, v))), { key: 'eligibility:result.card_first_how' }]);
  else if (unclear.length > 0) turn.result(`eligibility:result.headline_unclear.${who}`, undefined, unclear.map((v) => bullet({ key: 'eligibility:result.ruled_out_programme', params: { id: v.programmeId } })));
  else turn.result(`eligibility:result.none.${who}`);
  // A programme the card would open was just named with its amount: its refusal is under "More".
  if (focus?.status === 'not_eligible' && !waiting.includes(focus)) turn.result('eligibility:result.programme.not_eligible', { id: focus.programmeId }, ruledOutReasons(focus));
  const detailed = focus && focus.status !== 'not_eligible' ? [focus, ...others(likely), ...others(unclear)] : [...likely, ...unclear];
  for (const v of detailed) turn.result(`eligibility:result.programme.${v.status}`, { id: v.programmeId }, detailLines(turn, v));
  if (turn.state.parked) {
    turn.eligibilityOutcome = { likely: likely.map((v) => v.programmeId), unclear: unclear.map((v) => v.programmeId) };
    return;
  }
  turn.ask('eligibility:result.next', RESULT_CHOICES);
}

/** "More": the programmes whose conditions are not met and why, where official sources disagree, and the committee's say. */
export function showEligibilityMore(turn: Turn, flow: EligibilityFlow): void {
  const verdicts = verdictsOf(turn, flow);
  const ruledOut = verdicts.filter((v) => v.status === 'not_eligible' && v.programmeId !== flow.focus);
  if (ruledOut.length > 0) turn.result('eligibility:result.ruled_out', undefined, ruledOutLines(ruledOut));
  const disagreements = unique(verdicts.flatMap((v) => v.disagreements));
  if (disagreements.length > 0) {
    turn.say('eligibility:result.disagreements', undefined, disagreements.map((c) => bullet(disagreementMessage(c, turn.deps.catalogue))));
  }
  turn.say('eligibility:result.decision', undefined, commonDecisionLines(turn, verdicts));
  turn.ask('eligibility:result.next', AFTER_MORE);
}

/**
 * Allowances missed only for want of a Suborno card: the card is the way in,
 * so the person hears what it would open (amount, income limit), not "nothing fits".
 */
function cardFirst(turn: Turn, flow: EligibilityFlow, verdicts: Verdict[]): Verdict[] {
  const noCard = verdicts.filter((v) => {
    const unmet = v.reasons.filter((r) => r.kind === 'unmet');
    return v.status === 'not_eligible' && unmet.length > 0 && unmet.every((r) => r.code === 'no_suborno_card');
  });
  if (noCard.length === 0) return [];
  // With the card, would it fit? Only the income and such plain checks may still be open (not "is a student").
  const withCard = evaluateEligibility({ ...flow.profile, hasSubornoCard: true }, turn.deps.catalogue, { fiscalYear: turn.deps.fiscalYear });
  return noCard.filter((v) => {
    const w = withCard.find((x) => x.programmeId === v.programmeId);
    return w !== undefined && (w.status === 'likely_eligible' || (w.status === 'cannot_tell' && w.missing.every((f) => OPEN_WITH_CARD.has(f))));
  });
}

const OPEN_WITH_CARD: ReadonlySet<string> = new Set(['annualIncome', 'permanentResident', 'govtServiceOrPension', 'receivesOtherAllowance']);

/** "অসচ্ছল প্রতিবন্ধী ভাতা — মাসে ৯০০ টাকা, বছরে আয় ৩৬,০০০ টাকা বা তার কম হলে". */
function cardFirstLine(turn: Turn, v: Verdict): Message {
  const income = turn.deps.catalogue.programmes.find((p) => p.id === v.programmeId)?.rules;
  const ceiling = income && 'income' in income ? income.income : undefined;
  const taka = v.amount.kind === 'monthly' ? v.amount.taka : undefined;
  if (taka === undefined || ceiling === undefined || ceiling.basis !== 'annual') return headlineOf(v);
  return { key: `eligibility:result.card_first_programme.${ceiling.comparison}`, params: { id: v.programmeId, taka, ceiling: ceiling.value } };
}

/** "বয়স্ক ভাতা — মাসে ৬৫০ টাকা": the name and, where it is a monthly sum, the amount. */
function headlineOf(v: Verdict): Message {
  return v.amount.kind === 'monthly'
    ? { key: 'eligibility:result.headline_programme.monthly', params: { id: v.programmeId, taka: v.amount.taka } }
    : { key: 'eligibility:result.headline_programme.plain', params: { id: v.programmeId } };
}

function detailLines(turn: Turn, v: Verdict): ReplyLine[] {
  const info = programmeInfo(v.programmeId, turn.deps.catalogue);
  const lines: ReplyLine[] = v.reasons.map((r) => bullet(reasonMessage(r)));
  lines.push(...amountMessages(v.amount).map(line));
  if (v.status === 'cannot_tell' && v.missing.length > 0) lines.push({ key: 'eligibility:result.ask_office' });
  section(lines, 'eligibility:result.documents', info.documents);
  section(lines, 'eligibility:result.apply', info.apply);
  section(lines, 'eligibility:result.priority', info.priority);
  lines.push(...info.decision.filter((k) => !k.startsWith(COMMON_DECISION_PREFIX)).map((key) => ({ key })));
  return lines;
}

function ruledOutLines(verdicts: Verdict[]): ReplyLine[] {
  return verdicts.flatMap((v) => [{ key: 'eligibility:result.ruled_out_programme', params: { id: v.programmeId } }, ...ruledOutReasons(v)]);
}

function ruledOutReasons(v: Verdict): ReplyLine[] {
  return v.reasons.filter((r) => r.kind === 'unmet').map((r) => bullet(reasonMessage(r)));
}

function commonDecisionLines(turn: Turn, verdicts: Verdict[]): ReplyLine[] {
  const keys = verdicts.flatMap((v) => programmeInfo(v.programmeId, turn.deps.catalogue).decision);
  return unique(keys.filter((k) => k.startsWith(COMMON_DECISION_PREFIX))).map((key) => bullet({ key }));
}

function section(lines: ReplyLine[], heading: string, keys: string[]): void {
  if (keys.length === 0) return;
  lines.push({ key: heading }, ...keys.map((key) => bullet({ key })));
}

const line = (m: Message): ReplyLine => (m.params ? { key: m.key, params: m.params } : { key: m.key });
const bullet = (m: Message): ReplyLine => ({ ...line(m), bullet: true });

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
