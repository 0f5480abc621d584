import type { EngineDeps, TurnInput, TurnResult } from './deps.ts';
import { askAreaPlace, routeAreaFigures, startAreaFiguresFromWords } from './flows/areaFigures.ts';
import { routeCharter, startCharterFromWords } from './flows/charter.ts';
import { showEligibilityMore } from './flows/eligibilityResult.ts';
import { answerEligibility, backInEligibility, repeatQuestion, startEligibility, wantsSentenceReading } from './flows/eligibility.ts';
import { answerGrievance, askStep, backInGrievance, complaintHints, startGrievance } from './flows/grievance.ts';
import { intentForMenuChoice, startIntent } from './flows/intents.ts';
import { askLanguage, askWhichTask, offerSwitch, sayWayToPerson, showMenu, type SwitchTarget } from './flows/menu.ts';
import { parseRatingChoice, thankForRating } from './flows/rating.ts';
import { answerFollowUp, answersFollowUp, followUpReplyIn } from './flows/followUp.ts';
import { answerReport, askReportStep, backInReport, resumeReportAfterEligibility, startReport } from './flows/report.ts';
import { answerCaseQuestion, answerStatus, appealCase, refuseOverDailyCap, showCase, startStatus, typedRating } from './flows/status.ts';
import { MAX_SHORT_ANSWER } from './limits.ts';
import { matchCommand } from './parse/matchCommand.ts';
import { parseYesNo } from './parse/parseYesNo.ts';
import { matchLanguage } from './parse/matchLanguage.ts';
import { readSaid, type Said } from './said.ts';
import { ProgrammeIdSchema } from '../domain/programmes/schema.ts';
import { findTrackingNumber } from '../domain/cases/trackingNumber.ts';
import { tokenise } from '../text/normalise.ts';
import { newSessionState, type Hints, type Intent, type SessionState } from './session.ts';
import type { Understanding } from './understanding.ts';
import { Turn } from './turn.ts';
import type { Lang } from './types.ts';

type Command = NonNullable<ReturnType<typeof matchCommand>>;

/** Enough of a transcript to check it was heard right; the whole stays with the case. */
const MAX_HEARD_SHOWN = 500;

const RESUME_CHOICES = [
  { id: 'resume.continue', key: 'common:resume.continue' },
  { id: 'resume.restart', key: 'common:resume.restart' },
];

/**
 * One turn of conversation: pure, deterministic given its deps.
 * @example
 * const { state, events } = handleTurn(null, { inbound }, deps);
 * // events[0] → { type: 'reply', reply: { key: 'common:welcome', … } }
 */
export function handleTurn(previous: SessionState | null, input: TurnInput, deps: EngineDeps): TurnResult {
  const state: SessionState = structuredClone(previous ?? newSessionState());
  const turn = new Turn(state, deps);
  const now = deps.clock.now();
  const idle = state.lastActiveAt !== null && now.getTime() - Date.parse(state.lastActiveAt) > deps.idleMs;
  const lastActive = state.lastActiveAt === null ? null : Date.parse(state.lastActiveAt);
  state.lastActiveAt = now.toISOString();
  state.turns += 1;
  const body = input.inbound.body;
  // A voice note the host transcribed: say what was heard, so a mishearing can be put right, then take it as typed.
  if (body.type === 'text' && body.voice) turn.say('common:voice.heard', { text: body.text.trim().slice(0, MAX_HEARD_SHOWN) });

  if (previous === null) {
    welcome(turn, input);
    return { state, events: turn.events, ...(turn.needs ? { needs: turn.needs } : {}) };
  }
  dispatch(turn, input, idle, lastActive);
  if (turn.eligibilityOutcome) resumeReportAfterEligibility(turn, turn.eligibilityOutcome);
  return { state, events: turn.events, ...(turn.needs ? { needs: turn.needs } : {}) };
}

export { caseLookupFor } from './flows/status.ts';

/**
 * Whether this input would be read as free text at the top level, where the
 * host should run the (possibly slow) understander before the turn.
 */
export function wantsUnderstanding(state: SessionState | null, input: TurnInput): boolean {
  if (input.inbound.body.type !== 'text' || input.inbound.body.text.trim() === '') return false;
  // "ha pai" to a follow-up question is read here, not by the (possibly slow) understander.
  if (state !== null && answersFollowUp(state, input.inbound.body.text)) return false;
  if (state === null || (state.flow === null && !state.askedResume)) return true;
  // In a form, a sentence where a button is the answer may ask for another task.
  if (atChoiceStep(state) && tokenise(input.inbound.body.text).length >= SENTENCE) return true;
  // Inside the questionnaire a sentence may answer several questions at once, or correct one.
  return state.flow?.id === 'eligibility' && wantsSentenceReading(state.flow, input.inbound.body.text);
}

/** Words from which a typed reply is a sentence rather than a button's label. */
const SENTENCE = 3;

/** Below this, an allowance named with nothing else may be a question or a complaint: ask which. */
const SURE = 0.75;
function unsure(u: Understanding, intent: Intent): boolean {
  return intent === 'eligibility' && u.confidence < SURE;
}

/** A story of one's situation with no task named is an eligibility question ("আমার বয়স ৬৮, স্বামী নাই"). */
const PROFILE_FACTS = ['age', 'maritalStatus', 'income', 'hasDisability', 'illness', 'receivesOtherAllowance'] as const;
function intentOf(u: Understanding): Intent | null {
  if (u.intent !== null && u.intent !== 'greeting') return u.intent;
  const facts = u.facts ?? {};
  return PROFILE_FACTS.some((f) => facts[f] !== undefined) ? 'eligibility' : u.intent;
}

/**
 * The first message: answered in its own language (English words → English;
 * Bangla script or Banglish → Bangla), else the page's or platform's, else
 * Bangla; no question blocks the way — the menu carries a one-tap switch.
 * What the message asked for is started at once.
 */
function welcome(turn: Turn, input: TurnInput): void {
  const s = turn.state;
  const u = input.understanding ?? null;
  const body = input.inbound.body;
  const named = body.type === 'text' && body.text.length <= MAX_SHORT_ANSWER ? matchLanguage(body.text) : null;
  s.lang = named ?? (body.type === 'text' ? u?.language : undefined) ?? input.inbound.langHint ?? 'bn';
  s.askedLanguage = false;
  turn.events.push({ type: 'language_changed', lang: s.lang });
  turn.say('common:welcome');
  const link = body.type === 'start' && body.payload ? deepLinkIntent(body.payload) : null;
  if (link !== null) {
    startIntent(turn, link);
    return;
  }
  // "আমার এলাকার হিসাব", "gopalganj er hisab": the report card, read here rather than by the understander.
  if (body.type === 'text' && startAreaFiguresFromWords(turn, body.text, input)) return;
  if (body.type === 'text' && startCharterFromWords(turn, body.text, turn.deps)) return;
  // A voice note first, with no transcriber: said plainly, then the menu to tap.
  if (body.type === 'attachment' && body.kind === 'audio') turn.error('common:invalid.voice');
  const intent = u ? intentOf(u) : null;
  if (u !== null && intent !== null && unsure(u, intent)) {
    askWhichTask(turn, hintsOf(u));
    return;
  }
  if (u !== null && intent !== null && intent !== 'greeting' && intent !== 'help' && !(intent === 'language' && named !== null)) {
    startIntent(turn, intent, hintsOf(u, body.type === 'text' ? body.text : undefined), u.facts);
    return;
  }
  showMenu(turn);
}

function dispatch(turn: Turn, input: TurnInput, idle: boolean, lastActive: number | null): void {
  const s = turn.state;
  const said = readSaid(input.inbound.body, s, turn.deps);
  // A command or a language's name is a few words; a longer text is neither, and is not read for them.
  const text = said.kind === 'text' && said.text.length <= MAX_SHORT_ANSWER ? said.text : null;

  // A language named outright ("English", "বাংলা") switches at once, wherever we are.
  const lang = said.kind === 'choice' ? languageChoice(said.id) : text !== null ? matchLanguage(text) : null;
  if (lang !== null) {
    setLanguage(turn, lang);
    return;
  }
  const command = said.kind === 'choice' ? commandChoice(said.id) : text !== null ? matchCommand(text) : null;
  if (command !== null) {
    s.askedResume = false;
    runCommand(turn, command);
    return;
  }
  // A deep link or a persistent-menu entry names a flow: open it, wherever the user was.
  const deepLink = input.inbound.body.type === 'start' && input.inbound.body.payload ? deepLinkIntent(input.inbound.body.payload) : null;
  if (deepLink !== null) {
    s.askedResume = false;
    if (s.lang === null) {
      s.askedLanguage = false;
      s.lang = 'bn';
    }
    startIntent(turn, deepLink);
    return;
  }
  // The answer to a follow-up question ("does the allowance arrive in full?"), pressed or typed (flows/followUp.ts):
  // thanks, or a money-not-received complaint lodged at once; then back to where the user was.
  const followUp = followUpReplyIn(turn, input, said.kind === 'stale' ? { kind: 'empty' } : said, lastActive);
  if (followUp !== null) {
    if (s.lang === null) {
      s.askedLanguage = false;
      s.lang = 'bn';
    }
    if (followUp.kind === 'stale') turn.say('followup:stale');
    else if (answerFollowUp(turn, followUp.pending, followUp.answer)) return;
    if (s.flow !== null && (idle || s.askedResume)) {
      s.askedResume = true;
      turn.ask('common:resume.prompt', RESUME_CHOICES);
    } else repeat(turn);
    return;
  }
  // A rating pressed under a closing notice — or typed as a bare number when that notice is the last thing
  // the user was asked (a case closed since their last message): thanks, then back to where the user was.
  const pressed = said.kind === 'choice' ? parseRatingChoice(said.id) : null;
  const typed = pressed === null ? ratingTyped(input, lastActive) : null;
  // A bare "৪" that is also a button on screen (the menu's fourth) could be either: ask, once.
  if (typed !== null && said.kind === 'choice') {
    const onScreen = s.offered.find((c) => c.id === said.id);
    if (onScreen) {
      turn.ask('cases:rating.which', [{ id: `rate.${typed.trackingNumber}.${typed.rating}`, key: `cases:rating.choice.${typed.rating}` }, onScreen], { n: typed.rating, number: typed.trackingNumber });
      return;
    }
  }
  const rated = pressed ?? typed;
  if (rated !== null) {
    if (s.lang === null) {
      s.askedLanguage = false;
      s.lang = 'bn';
    }
    if (!thankForRating(turn, rated)) {
      if (s.askedResume) turn.ask('common:resume.prompt', RESUME_CHOICES);
      else repeat(turn);
    }
    return;
  }
  if (said.kind === 'stale') {
    turn.say('common:stale_choice');
    repeat(turn);
    return;
  }
  if (s.askedResume) {
    s.askedResume = false;
    if (said.kind === 'choice' && said.id === 'resume.restart') {
      showMenu(turn);
      return;
    }
    if (said.kind === 'choice' && said.id === 'resume.continue') {
      repeat(turn);
      return;
    }
  } else if (idle && s.flow !== null) {
    s.askedResume = true;
    turn.ask('common:resume.prompt', RESUME_CHOICES);
    return;
  }
  if (s.askedLanguage && s.lang === null) {
    // They answered something else: keep Bangla, the default, and go on.
    s.askedLanguage = false;
    s.lang = 'bn';
  }
  route(turn, input, said);
}

function route(turn: Turn, input: TurnInput, said: Said): void {
  const s = turn.state;
  if (answerSwitch(turn, said)) return;
  if (said.kind === 'choice' && refuseOverDailyCap(turn, said.id, input.cases)) return;
  if (said.kind === 'text' && said.text.length > MAX_SHORT_ANSWER && !takesAccount(s)) {
    turn.error('limits:too_long', { max: MAX_SHORT_ANSWER });
    repeat(turn);
    return;
  }
  if (otherTaskInForm(turn, said, input.understanding)) return;
  if (routeCharter(turn, said, turn.deps)) return;
  if (routeAreaFigures(turn, said, input)) return;
  if (s.flow?.id === 'grievance') {
    answerGrievance(turn, s.flow, said);
    return;
  }
  if (s.flow?.id === 'status') {
    answerStatus(turn, said, input.cases);
    return;
  }
  if (s.flow?.id === 'report') {
    answerReport(turn, s.flow, said, input.cases);
    return;
  }
  if (said.kind === 'choice' && said.id.startsWith('appeal.')) {
    appealCase(turn, said.id.slice('appeal.'.length), input.cases);
    return;
  }
  // A number in the words themselves (a case looked up for a button, like an appeal's, is not asked).
  const asked = said.kind === 'text' ? (findTrackingNumber(said.text) ?? undefined) : undefined;
  if (asked !== undefined) {
    showCase(turn, asked, input.cases);
    return;
  }
  if (said.kind === 'text' && s.flow === null && answerCaseQuestion(turn, said.text, input.cases)) return;
  if (s.flow?.id === 'eligibility') {
    if (said.kind === 'choice' && s.flow.asking === null) {
      if (said.id === 'elig.again') startEligibility(turn);
      else if (said.id === 'elig.more') showEligibilityMore(turn, s.flow);
      else showMenu(turn);
      return;
    }
    answerEligibility(turn, s.flow, said, input.understanding ?? null);
    return;
  }
  if (said.kind === 'choice') {
    const intent = intentForMenuChoice(said.id);
    if (intent !== null) {
      // After "which task?", what the message said (the programme, who for) goes with the answer.
      const hints = s.pendingHints ?? {};
      delete s.pendingHints;
      startIntent(turn, intent, hints);
      return;
    }
  }
  const understanding = input.understanding;
  const intent = understanding ? intentOf(understanding) : null;
  if (said.kind === 'text' && understanding && intent && unsure(understanding, intent)) {
    askWhichTask(turn, hintsOf(understanding));
    return;
  }
  if (said.kind === 'text' && understanding && intent) {
    startIntent(turn, intent, hintsOf(understanding, said.text), understanding.facts);
    return;
  }
  if (said.kind === 'attachment') turn.error(said.what === 'audio' ? 'common:invalid.voice' : 'common:invalid.attachment');
  else if (said.kind !== 'empty') turn.say('common:not_understood');
  showMenu(turn);
}

/** The answer to "start that other task instead?", pressed or typed as yes/no. */
function answerSwitch(turn: Turn, said: Said): boolean {
  const s = turn.state;
  if (!s.offered.some((c) => c.id === 'switch.stay')) return false;
  const yn = said.kind === 'text' ? parseYesNo(said.text) : null;
  const id = said.kind === 'choice' ? said.id : yn === 'yes' ? `switch.${s.pendingIntent ?? ''}` : yn === 'no' ? 'switch.stay' : null;
  if (id === null || !id.startsWith('switch.')) return false;
  const to = s.pendingIntent;
  const hints = s.pendingHints ?? {};
  s.pendingIntent = null;
  delete s.pendingHints;
  if (id === 'switch.stay' || to === null) repeat(turn);
  else startIntent(turn, to, hints);
  return true;
}

/**
 * The complaint and report forms at a step answered with buttons: a sentence
 * that clearly asks for another task is offered as a switch ("no" keeps the
 * place), and a wish for a person gets the way to one. True when handled.
 */
function otherTaskInForm(turn: Turn, said: Said, u: Understanding | null | undefined): boolean {
  const flow = turn.state.flow;
  if (said.kind !== 'text' || !u || flow === null || !atChoiceStep(turn.state)) return false;
  // Asked for in words, not read from facts: in a report, an age and a widowhood are the reported person's.
  const intent = u.intent;
  if (intent === 'human') {
    sayWayToPerson(turn);
    repeat(turn);
    return true;
  }
  const tasks: readonly SwitchTarget[] = flow.id === 'report' ? ['grievance', 'status'] : ['eligibility', 'report', 'status'];
  const to = tasks.find((t) => t === intent) ?? null;
  if (to === null || unsure(u, to)) return false;
  offerSwitch(turn, to, hintsOf(u, said.text));
  return true;
}

/** Steps of the forms whose answer is a button (or its words), where a sentence is never the answer. */
const CHOICE_STEPS: Record<'grievance' | 'report', readonly string[]> = {
  grievance: ['category', 'programme', 'identity', 'summary'],
  report: ['sex', 'programme', 'consent', 'identity', 'summary'],
};
function atChoiceStep(s: SessionState): boolean {
  const flow = s.flow;
  return (flow?.id === 'grievance' || flow?.id === 'report') && CHOICE_STEPS[flow.id].includes(flow.step);
}

/** Where a long text is expected: an account of what happened, or free text at the top level. */
function takesAccount(s: SessionState): boolean {
  if (s.flow === null) return true;
  if (s.flow.id === 'grievance') return s.flow.step === 'description';
  if (s.flow.id === 'report') return s.flow.step === 'situation';
  return false;
}

function runCommand(turn: Turn, command: Command): void {
  const s = turn.state;
  switch (command) {
    case 'menu':
      showMenu(turn);
      return;
    case 'help':
      turn.say('menu:help');
      repeat(turn);
      return;
    case 'language':
      askLanguage(turn);
      return;
    case 'back':
      if (s.flow?.id === 'eligibility' && backInEligibility(turn, s.flow)) return;
      if (s.flow?.id === 'grievance' && backInGrievance(turn, s.flow)) return;
      if (s.flow?.id === 'report' && backInReport(turn, s.flow)) return;
      showMenu(turn);
      return;
    case 'restart':
      if (s.flow?.id === 'eligibility') {
        turn.say('common:restarted');
        startEligibility(turn);
        return;
      }
      if (s.flow?.id === 'grievance') {
        turn.say('common:restarted');
        startGrievance(turn);
        return;
      }
      if (s.flow?.id === 'report') {
        turn.say('common:restarted');
        startReport(turn);
        return;
      }
      showMenu(turn);
      return;
    case 'cancel':
      if (s.flow !== null) turn.say('common:cancelled');
      showMenu(turn);
      return;
  }
}

function setLanguage(turn: Turn, lang: Lang): void {
  const s = turn.state;
  const first = s.lang === null;
  s.lang = lang;
  s.askedLanguage = false;
  turn.events.push({ type: 'language_changed', lang });
  turn.say('common:language.set');
  const pending = s.pendingIntent;
  const hints = s.pendingHints ?? {};
  s.pendingIntent = null;
  delete s.pendingHints;
  if (first && pending !== null) startIntent(turn, pending, hints);
  else repeat(turn);
}

/** Puts the current question again (after help, a language switch, a stale button…). */
function repeat(turn: Turn): void {
  const s = turn.state;
  if (s.flow?.id === 'eligibility') repeatQuestion(turn, s.flow);
  else if (s.flow?.id === 'grievance') askStep(turn, s.flow);
  else if (s.flow?.id === 'report') askReportStep(turn, s.flow);
  else if (s.flow?.id === 'status') startStatus(turn);
  else if (s.flow?.id === 'area') askAreaPlace(turn, s.flow);
  else showMenu(turn);
}

/**
 * Only what the engine can use: a programme id it knows, who the question is
 * for, and for a complaint its kind and the words that tell it.
 */
function hintsOf(u: Understanding, text?: string): Hints {
  const programme = ProgrammeIdSchema.safeParse(u.programme);
  return {
    ...(u.subject ? { subject: u.subject } : {}),
    ...(programme.success ? { programme: programme.data } : {}),
    ...(text !== undefined && u.intent === 'grievance' ? complaintHints(text) : {}),
  };
}

function ratingTyped(input: TurnInput, lastActive: number | null): { trackingNumber: string; rating: 1 | 2 | 3 | 4 | 5 } | null {
  const body = input.inbound.body;
  const rating = body.type === 'text' ? typedRating(body.text) : null;
  const latest = input.cases?.ratable?.[0];
  if (rating === null || latest === undefined || lastActive === null || latest.closedAt <= lastActive) return null;
  return { trackingNumber: latest.trackingNumber, rating };
}

function languageChoice(id: string): Lang | null {
  return id === 'lang.bn' ? 'bn' : id === 'lang.en' ? 'en' : null;
}

function commandChoice(id: string): Command | null {
  return id === 'menu' ? 'menu' : null;
}

function deepLinkIntent(payload: string): SessionState['pendingIntent'] {
  const known = ['eligibility', 'grievance', 'report', 'status'] as const;
  return known.find((k) => k === payload) ?? null;
}
