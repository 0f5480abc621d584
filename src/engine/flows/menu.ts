import type { Hints, Intent } from '../session.ts';
import type { Turn } from '../turn.ts';
import type { Choice } from '../types.ts';
import { startEligibility } from './eligibility.ts';
import { startGrievance } from './grievance.ts';
import { startStatus } from './status.ts';
import { startReport } from './report.ts';

export const MENU_CHOICES: Choice[] = [
  { id: 'menu.eligibility', key: 'menu:choice.eligibility' },
  { id: 'menu.grievance', key: 'menu:choice.grievance' },
  { id: 'menu.report', key: 'menu:choice.report' },
  { id: 'menu.status', key: 'menu:choice.status' },
  { id: 'menu.language', key: 'menu:choice.language' },
  { id: 'menu.help', key: 'menu:choice.help' },
];

const INTENT_BY_CHOICE: Record<string, Intent> = {
  'menu.eligibility': 'eligibility',
  'menu.grievance': 'grievance',
  'menu.report': 'report',
  'menu.status': 'status',
  'menu.language': 'language',
  'menu.help': 'help',
};

export function showMenu(turn: Turn): void {
  turn.state.flow = null;
  delete turn.state.parked;
  turn.ask('menu:prompt', MENU_CHOICES);
}

export function intentForMenuChoice(choiceId: string): Intent | null {
  return INTENT_BY_CHOICE[choiceId] ?? null;
}

/** Opens what the user asked for, from a menu button or from free text. */
export function startIntent(turn: Turn, intent: Intent, hints: Hints = {}): void {
  switch (intent) {
    case 'eligibility':
      startEligibility(turn, hints);
      return;
    case 'grievance':
      startGrievance(turn);
      return;
    case 'status':
      startStatus(turn);
      return;
    case 'report':
      startReport(turn);
      return;
    case 'help':
      turn.say('menu:help');
      showMenu(turn);
      return;
    case 'language':
      askLanguage(turn);
      return;
    case 'greeting':
      turn.say('menu:greeting');
      showMenu(turn);
      return;
  }
}

export const LANGUAGE_CHOICES: Choice[] = [
  { id: 'lang.bn', key: 'common:language.bn' },
  { id: 'lang.en', key: 'common:language.en' },
];

export function askLanguage(turn: Turn): void {
  turn.state.askedLanguage = true;
  turn.ask('common:language.prompt', LANGUAGE_CHOICES);
}
