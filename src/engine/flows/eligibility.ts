import { questionsAhead } from '../../domain/programmes/index.ts';
import type { Profile, ProfileField } from '../../domain/programmes/profile.ts';
import { parseAge } from '../parse/parseAge.ts';
import { parseIncome } from '../parse/parseIncome.ts';
import { parseNumber } from '../parse/parseNumber.ts';
import { parseYesNo } from '../parse/parseYesNo.ts';
import { tokenise } from '../../text/normalise.ts';
import type { EligibilityFlow, Hints } from '../session.ts';
import type { Turn } from '../turn.ts';
import type { Said } from '../said.ts';
import { PERIOD_CHOICES, QUESTIONS, choicesFor, type Question } from './eligibilityQuestions.ts';
import { showEligibilityResult } from './eligibilityResult.ts';
import { situationFacts, type StatedFacts } from '../facts.ts';
import type { Understanding } from '../understanding.ts';
import { offerSwitch, sayWayToPerson } from './menu.ts';
import { complaintHints } from './grievance.ts';
import { answerChecklist, CHECKS, checklistFor, checklistQuestion, NONE_CHOICE, pendingTicked, readChecklistText, type CheckField } from './eligibilityChecks.ts';
import { applyStated, correctedBy, forgetStated, READ_BACK, READ_BACK_CHOICES, readBackLines } from './statedFacts.ts';

/**
 * Starts the questionnaire; "my mother…" in free text arrives as subject
 * "other", "বয়স্ক ভাতা" as the focus, and the facts of a story fill the
 * questions they answer (read back before the verdict).
 */
export function startEligibility(turn: Turn, hints: Hints = {}, known: { age?: number; sex?: 'male' | 'female' | 'hijra' } = {}, facts?: StatedFacts): void {
  const flow: EligibilityFlow = { id: 'eligibility', asking: null, sub: null, profile: {}, answered: [] };
  if (hints.subject) {
    flow.profile.subject = hints.subject;
    flow.answered.push('subject');
  }
  // Answers a report already holds are not asked again.
  if (known.age !== undefined) {
    flow.profile.age = known.age;
    flow.answered.push('age');
  }
  if (known.sex !== undefined) {
    flow.profile.sex = known.sex;
    flow.answered.push('sex');
  }
  if (hints.programme) flow.focus = hints.programme;
  if (facts) applyStated(flow, facts);
  turn.state.flow = flow;
  turn.say('eligibility:intro');
  askNext(turn, flow);
}

/**
 * Handles one answer to the question being asked. A sentence may answer it
 * and others still to come (they are skipped), or correct an earlier answer
 * ("না, বয়স ৬৮"), whatever is being asked.
 */
export function answerEligibility(turn: Turn, flow: EligibilityFlow, said: Said, understanding?: Understanding | null): void {
  if (flow.asking === READ_BACK) {
    answerReadBack(turn, flow, said, understanding ?? null);
    return;
  }
  if (flow.asking === null) {
    // The result is on screen; only its buttons (handled by the dispatcher) mean anything now.
    turn.error('common:invalid.choose_option');
    repeatQuestion(turn, flow);
    return;
  }
  const field = flow.asking as ProfileField;
  if (flow.sub?.kind === 'income_period') {
    answerIncomePeriod(turn, flow, flow.sub.amount, said);
    return;
  }
  if (flow.sub?.kind === 'income_days') {
    answerIncomeDays(turn, flow, flow.sub.amount, said);
    return;
  }
  if (said.kind === 'attachment') {
    turn.error(said.what === 'audio' ? 'common:invalid.voice' : 'common:invalid.attachment');
    repeatQuestion(turn, flow);
    return;
  }
  if (said.kind === 'empty') {
    turn.error('common:invalid.empty');
    repeatQuestion(turn, flow);
    return;
  }
  // Only typed text is understood; a typed answer may also have matched a button ("না, বয়স ৬৮" reads as "না").
  const facts = understanding?.facts;
  // A different value for an earlier answer (not the one being asked).
  const corrects = facts !== undefined && correctedBy(flow, facts).some((f) => f !== field);
  if (corrects && facts) {
    // "না, বয়স ৬৮": the sentence is about an earlier answer, not this question.
    applyStated(flow, facts);
    turn.say('eligibility:note.corrected');
    askNext(turn, flow);
    return;
  }
  // A sentence that asks for a person or for another task, and tells nothing of the situation, is not an answer here.
  const other = understanding?.intent;
  const aboutSituation = situationFacts(facts).length > 0;
  if (other === 'human' && !aboutSituation) {
    sayWayToPerson(turn);
    repeatQuestion(turn, flow);
    return;
  }
  if ((other === 'grievance' || other === 'status' || other === 'report') && !aboutSituation) {
    // The words that asked for a complaint are kept for it, if the answer is yes.
    offerSwitch(turn, other, other === 'grievance' && said.kind === 'text' ? complaintHints(said.text) : undefined);
    return;
  }
  if (flow.asking === CHECKS) {
    answerChecks(turn, flow, said, facts);
    return;
  }
  const question = QUESTIONS[field];
  const outcome = readAnswer(turn, question, said);
  if (!outcome.ok) {
    const { filled } = facts ? applyStated(flow, facts) : { filled: [] };
    if (filled.length > 0) {
      // The sentence answered other questions (and perhaps this one): go on from what is still missing.
      askNext(turn, flow);
      return;
    }
    turn.error(outcome.errorKey, outcome.params);
    repeatQuestion(turn, flow);
    return;
  }
  if (facts) {
    // This question takes the parser's reading; the sentence's other facts fill questions still to come.
    const rest: StatedFacts = { ...facts };
    delete rest[field as keyof StatedFacts];
    if (field === 'annualIncome') delete rest.income;
    applyStated(flow, rest);
  }
  if (outcome.follow !== undefined) {
    flow.sub = { kind: outcome.follow, amount: outcome.amount };
    repeatQuestion(turn, flow);
    return;
  }
  record(flow, field, outcome.value);
  askNext(turn, flow);
}

/**
 * Whether a typed answer should be read as a sentence (by the understander,
 * before the turn): a sentence of three words or more, or a short answer the
 * question's own parser cannot read. Plain answers ("৭০", "না", a button's
 * number) stay on the fast path.
 */
export function wantsSentenceReading(flow: EligibilityFlow, text: string): boolean {
  if (flow.sub !== null || flow.asking === null) return false;
  // "না, বয়স ৬৬" at the read-back is a correction, not a plain no.
  if (flow.asking === READ_BACK) return parseYesNo(text) === null || tokenise(text).length >= 2;
  if (flow.asking === CHECKS) return readChecklistText(text, flow.checks?.length ?? 0) === null;
  if (tokenise(text).length >= 3) return true;
  const question = QUESTIONS[flow.asking as ProfileField];
  switch (question.kind) {
    case 'age':
      return !parseAge(text).ok;
    case 'income':
      return !parseIncome(text).ok;
    case 'yesno':
      return parseYesNo(text) === null;
    case 'choice':
      return !/^\s*[0-9০-৯]+\s*$/.test(text);
  }
}

/** "back": undo the last answer and ask it again. */
export function backInEligibility(turn: Turn, flow: EligibilityFlow): boolean {
  if (flow.sub) {
    flow.sub = null;
    repeatQuestion(turn, flow);
    return true;
  }
  const last = flow.answered.pop() as ProfileField | undefined;
  if (last === undefined) return false;
  delete flow.profile[last];
  flow.asking = null;
  askField(turn, flow, last);
  return true;
}

export function repeatQuestion(turn: Turn, flow: EligibilityFlow): void {
  if (flow.sub?.kind === 'income_period') {
    turn.ask('eligibility:ask.income_period', PERIOD_CHOICES, { amount: flow.sub.amount });
  } else if (flow.sub?.kind === 'income_days') {
    turn.ask(`eligibility:ask.income_days.${flow.profile.subject === 'other' ? 'other' : 'self'}`, [], { amount: flow.sub.amount });
  } else if (flow.asking === READ_BACK) {
    askReadBack(turn, flow);
  } else if (flow.asking === CHECKS) {
    askChecks(turn, flow, (flow.checks ?? []) as CheckField[]);
  } else if (flow.asking !== null) {
    askField(turn, flow, flow.asking as ProfileField);
  } else {
    showEligibilityResult(turn, flow);
  }
}

type Outcome =
  | { ok: true; value: Profile[ProfileField]; follow?: undefined }
  /** An amount that needs one more question before it is a yearly income. */
  | { ok: true; follow: 'income_period' | 'income_days'; amount: number }
  | { ok: false; errorKey: string; params?: Record<string, number> };

function readAnswer(turn: Turn, question: Question, said: Exclude<Said, { kind: 'attachment' | 'empty' }>): Outcome {
  switch (question.kind) {
    case 'choice': {
      const option = said.kind === 'choice' ? question.options.find((o) => o.id === said.id) : undefined;
      return option ? { ok: true, value: option.value } : { ok: false, errorKey: 'common:invalid.choose_option' };
    }
    case 'yesno': {
      const yn = said.kind === 'choice' ? said.id : parseYesNo(said.text);
      if (yn === 'yes') return { ok: true, value: true };
      if (yn === 'no') return { ok: true, value: false };
      return { ok: false, errorKey: 'common:invalid.yes_no' };
    }
    case 'age':
      return said.kind === 'text' ? readAge(turn, said.text) : { ok: false, errorKey: 'eligibility:invalid.age' };
    case 'income':
      return said.kind === 'text' ? readIncome(said.text) : { ok: false, errorKey: 'eligibility:invalid.income' };
  }
}

function readAge(turn: Turn, text: string): Outcome {
  const age = parseAge(text);
  if (age.ok) return { ok: true, value: age.years };
  if (age.reason === 'looks_like_year') {
    const years = turn.deps.clock.now().getUTCFullYear() - age.year;
    if (years >= 0 && years <= 120) {
      turn.say('eligibility:note.age_from_year', { year: age.year, age: years });
      return { ok: true, value: years };
    }
  }
  if (age.reason === 'out_of_range') return { ok: false, errorKey: 'eligibility:invalid.age_range' };
  return { ok: false, errorKey: 'eligibility:invalid.age' };
}

function readIncome(text: string): Outcome {
  const income = parseIncome(text);
  if (!income.ok) return { ok: false, errorKey: 'eligibility:invalid.income' };
  const amount = Math.round(income.amount);
  if (amount === 0 || income.period === 'year') return { ok: true, value: amount };
  if (income.period === 'month') return { ok: true, value: amount * 12 };
  if (income.period === 'day') return { ok: true, follow: 'income_days', amount };
  return { ok: true, follow: 'income_period', amount };
}

/** A day's wage times the days of work in a month: day labourers rarely work every day, so we ask rather than assume 30. */
function answerIncomeDays(turn: Turn, flow: EligibilityFlow, wage: number, said: Said): void {
  const days = said.kind === 'text' ? parseNumber(said.text) : null;
  if (days === null || !Number.isInteger(days) || days < 0 || days > 31) {
    turn.error('eligibility:invalid.days');
    repeatQuestion(turn, flow);
    return;
  }
  flow.sub = null;
  record(flow, 'annualIncome', wage * days * 12);
  askNext(turn, flow);
}

function answerIncomePeriod(turn: Turn, flow: EligibilityFlow, amount: number, said: Said): void {
  const id = said.kind === 'choice' ? said.id : null;
  if (id !== 'period.month' && id !== 'period.year') {
    turn.error('common:invalid.choose_option');
    turn.ask('eligibility:ask.income_period', PERIOD_CHOICES, { amount });
    return;
  }
  flow.sub = null;
  record(flow, 'annualIncome', id === 'period.month' ? amount * 12 : amount);
  askNext(turn, flow);
}

function record(flow: EligibilityFlow, field: ProfileField, value: Profile[ProfileField]): void {
  Object.assign(flow.profile, { [field]: value });
  flow.answered.push(field);
  flow.asking = null;
}

function askNext(turn: Turn, flow: EligibilityFlow): void {
  // The programmes are checked once per question: the next field, the ticked items and the checklist all read it.
  const { next: field, open } = questionsAhead(flow.profile, turn.deps.catalogue);
  if (field === null) {
    if ((flow.stated ?? []).length > 0) {
      askReadBack(turn, flow);
      return;
    }
    flow.asking = null;
    showEligibilityResult(turn, flow);
    return;
  }
  // An item ticked on the checklist that needs its own question (which illness) comes before the rest of the list.
  const ticked = pendingTicked(flow, open);
  if (ticked !== null) {
    askField(turn, flow, ticked);
    return;
  }
  const group = checklistFor(flow, field, open);
  if (group.length > 0) askChecks(turn, flow, group);
  else askField(turn, flow, field);
}

function askChecks(turn: Turn, flow: EligibilityFlow, group: readonly CheckField[]): void {
  flow.asking = CHECKS;
  flow.checks = [...group];
  const { lines, choices } = checklistQuestion(flow, group);
  // After one item was ticked, the list comes again without it: "any of these as well?"
  const again = (flow.checked ?? []).length > 0 ? 'checks_more' : 'checks';
  turn.ask(`eligibility:ask.${again}.${flow.profile.subject === 'other' ? 'other' : 'self'}`, choices, undefined, lines);
}

/** A tap names one item (the rest come again, fewer); a typed list or "none" answers them all; a sentence's facts fill what they say. */
function answerChecks(turn: Turn, flow: EligibilityFlow, said: Exclude<Said, { kind: 'attachment' | 'empty' }>, facts: StatedFacts | undefined): void {
  const group = flow.checks ?? [];
  const tapped = said.kind === 'choice' ? said.id.replace(/^chk\./, '') : null;
  if (said.kind === 'choice' && said.id === NONE_CHOICE) answerChecklist(flow, [], 'usual');
  else if (tapped !== null && group.includes(tapped)) answerChecklist(flow, [tapped], 'ask_later');
  else {
    const typed = said.kind === 'text' ? readChecklistText(said.text, group.length) : null;
    if (Array.isArray(typed)) answerChecklist(flow, typed.flatMap((n) => group[n - 1] ?? []), 'usual');
    // "প্রতিবন্ধিতা নেই": what the sentence says is taken, and the rest asked again, rather than assumed.
    else if (facts && applyStated(flow, facts).filled.length > 0) delete flow.checks;
    else if (typed === 'none') answerChecklist(flow, [], 'usual');
    else {
      turn.error('eligibility:invalid.checks');
      askChecks(turn, flow, group as CheckField[]);
      return;
    }
  }
  askNext(turn, flow);
}

/** Before the verdict: what was taken from sentences, once, plainly, with "ঠিক আছে" / "বদলাতে চাই". */
function askReadBack(turn: Turn, flow: EligibilityFlow): void {
  flow.asking = READ_BACK;
  turn.say('eligibility:readback.intro', undefined, readBackLines(flow));
  turn.ask('eligibility:readback.prompt', READ_BACK_CHOICES);
}

function answerReadBack(turn: Turn, flow: EligibilityFlow, said: Said, understanding: Understanding | null): void {
  const facts = understanding?.facts;
  if (facts) {
    const { filled, corrected } = applyStated(flow, facts);
    if (filled.length + corrected.length > 0) {
      turn.say('eligibility:note.corrected');
      flow.asking = null;
      askNext(turn, flow);
      return;
    }
  }
  const answer = said.kind === 'choice' ? said.id : said.kind === 'text' ? parseYesNo(said.text) : null;
  if (answer === 'rb.ok' || answer === 'yes') {
    delete flow.stated;
    flow.asking = null;
    askNext(turn, flow);
    return;
  }
  if (answer === 'rb.change' || answer === 'no') {
    forgetStated(flow);
    turn.say('eligibility:readback.will_ask');
    flow.asking = null;
    askNext(turn, flow);
    return;
  }
  turn.error('common:invalid.choose_option');
  askReadBack(turn, flow);
}

function askField(turn: Turn, flow: EligibilityFlow, field: ProfileField): void {
  flow.asking = field;
  delete flow.checks;
  const who = field === 'subject' ? '' : flow.profile.subject === 'other' ? '.other' : '.self';
  turn.ask(`eligibility:ask.${field}${who}`, choicesFor(QUESTIONS[field]));
}
