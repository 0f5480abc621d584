import type { Hints, Intent } from '../session.ts';
import type { Turn } from '../turn.ts';
import type { StatedFacts } from '../facts.ts';
import { startEligibility } from './eligibility.ts';
import { startGrievance } from './grievance.ts';
import { askLanguage, sayWayToPerson, showMenu } from './menu.ts';
import { startStatus } from './status.ts';
import { startReport } from './report.ts';

const INTENT_BY_CHOICE: Record<string, Intent> = {
  'menu.eligibility': 'eligibility',
  'menu.grievance': 'grievance',
  'menu.report': 'report',
  'menu.status': 'status',
  'menu.language': 'language',
  'menu.help': 'help',
};

export function intentForMenuChoice(choiceId: string): Intent | null {
  return INTENT_BY_CHOICE[choiceId] ?? null;
}

/**
 * What is answered with a few words and the menu. `human`: 333, the office,
 * or writing to an officer here — a real path in every wording of "a person, please".
 */
const SAY_THEN_MENU = { help: 'menu:help', greeting: 'menu:greeting', thanks: 'menu:thanks' } as const;

/** Opens what the user asked for, from a menu button or from free text. */
export function startIntent(turn: Turn, intent: Intent, hints: Hints = {}, facts?: StatedFacts): void {
  switch (intent) {
    case 'eligibility':
      startEligibility(turn, hints, {}, facts);
      return;
    case 'grievance':
      startGrievance(turn, {
        ...(hints.category ? { category: hints.category } : {}),
        ...(hints.programme ? { programme: hints.programme } : {}),
        ...(hints.account ? { account: hints.account } : {}),
      });
      return;
    case 'status':
      startStatus(turn);
      return;
    case 'report':
      startReport(turn);
      return;
    case 'language':
      askLanguage(turn);
      return;
    case 'human':
      sayWayToPerson(turn);
      showMenu(turn);
      return;
    case 'help':
    case 'greeting':
    case 'thanks':
      turn.say(SAY_THEN_MENU[intent]);
      showMenu(turn);
      return;
  }
}
