import type { Hints, Intent } from '../session.ts';
import { placeByCode } from '../../domain/geo/index.ts';
import { caseLocation, names } from './location.ts';
import type { Turn } from '../turn.ts';
import type { Choice } from '../types.ts';

/**
 * The menu and the language question as screens: what every flow may show
 * when it ends. Kept apart from the routing into the flows (intents.ts), so
 * that the flows, which return to the menu, do not import each other.
 */
export const MENU_CHOICES: Choice[] = [
  { id: 'menu.eligibility', key: 'menu:choice.eligibility' },
  { id: 'menu.grievance', key: 'menu:choice.grievance' },
  { id: 'menu.report', key: 'menu:choice.report' },
  { id: 'menu.status', key: 'menu:choice.status' },
  /** An area's public report card ("আমার এলাকার হিসাব"): areaFigures.ts. */
  { id: 'menu.area', key: 'menu:choice.area' },
  { id: 'menu.language', key: 'menu:choice.language' },
  { id: 'menu.help', key: 'menu:choice.help' },
];

export function showMenu(turn: Turn): void {
  turn.state.flow = null;
  delete turn.state.parked;
  // What an earlier message said is not carried into a task chosen from the menu later.
  delete turn.state.pendingHints;
  turn.ask('menu:prompt', menuChoices(turn.state.lang));
}

/** The menu with a one-tap switch to the other language in place of the language question. */
export function menuChoices(lang: 'bn' | 'en' | null): Choice[] {
  const other: Choice = lang === 'en' ? { id: 'lang.bn', key: 'menu:choice.switch_language' } : { id: 'lang.en', key: 'menu:choice.switch_language' };
  return MENU_CHOICES.map((c) => (c.id === 'menu.language' ? other : c));
}

export const LANGUAGE_CHOICES: Choice[] = [
  { id: 'lang.bn', key: 'common:language.bn' },
  { id: 'lang.en', key: 'common:language.en' },
];

export function askLanguage(turn: Turn): void {
  turn.state.askedLanguage = true;
  turn.ask('common:language.prompt', LANGUAGE_CHOICES);
}

/**
 * When a message names an allowance and nothing else ("বয়স্ক ভাতা"), it may
 * ask whether one qualifies or be about a payment: one short question, with
 * what was said (the programme, who for) kept for the answer.
 */
export function askWhichTask(turn: Turn, hints: Hints): void {
  turn.state.flow = null;
  turn.state.pendingHints = hints;
  turn.ask('menu:which_task', MENU_CHOICES.filter((c) => ['menu.eligibility', 'menu.grievance', 'menu.status'].includes(c.id)));
}

/**
 * "A person, please": 333, the office, or writing here; and when the place is
 * known (the form being filled, or the last case), that upazila's office by name.
 */
export function sayWayToPerson(turn: Turn): void {
  turn.say('menu:human');
  const flow = turn.state.flow;
  const code = (flow?.id === 'grievance' || flow?.id === 'report' ? flow.draft.placeCode : undefined) ?? turn.state.lastPlaceCode;
  const where = code ? caseLocation(code) : null;
  const upazila = where ? placeByCode(where.upazilaCode) : undefined;
  if (upazila) turn.say('menu:human_office', names(upazila));
}

/** Tasks a message in the middle of another may clearly ask for instead. */
export type SwitchTarget = Extract<Intent, 'eligibility' | 'grievance' | 'status' | 'report'>;

/** A sentence that asks for another task: offer it, keeping the place in this one if the answer is no. */
export function offerSwitch(turn: Turn, to: SwitchTarget, hints?: Hints): void {
  turn.state.pendingIntent = to;
  if (hints) turn.state.pendingHints = hints;
  turn.ask(`common:switch.prompt.${to}`, [
    { id: `switch.${to}`, key: `common:switch.go.${to}` },
    { id: 'switch.stay', key: 'common:switch.stay' },
  ]);
}
