import { findPhrase, tokenise } from '../../text/normalise.ts';
import {
  BRIBE_CATEGORY,
  ELDERLY_AGE,
  LONG_AGO,
  URGENCY_KEYWORDS,
  URGENCY_REASONS,
  type TextUrgencyReason,
  type UrgencyReason,
} from './urgencyKeywords.ts';

export type { UrgencyReason } from './urgencyKeywords.ts';

/*
 * Flags put a case at the top of an officer's list; they decide nothing by
 * themselves. So the rules lean towards flagging: a false flag costs an
 * officer a glance, a missed one may leave someone hungry.
 *
 * Known limitations, kept on purpose and pinned by the tests:
 * - Negation is not understood. "ঘুষ চায়নি" (did not ask for a bribe) and
 *   "no one asked for money" still flag `bribe`; "খাবারের অভাব নেই" does not
 *   flag, but only because "খাবার নেই" is not in it word for word.
 * - A mention is enough; who and when are not checked, except that a death
 *   with "N বছর আগে" / "years ago" in the message is not urgent (see LONG_AGO).
 * - "dying of hunger" is both `no_food` and `serious_illness`.
 */

interface Entry {
  reason: TextUrgencyReason;
  words: readonly string[];
}

const TEXT_REASONS = URGENCY_REASONS.filter((r): r is TextUrgencyReason => r in URGENCY_KEYWORDS);
const ENTRIES: readonly Entry[] = TEXT_REASONS.flatMap((reason) =>
  URGENCY_KEYWORDS[reason].map((phrase) => ({ reason, words: tokenise(phrase) })),
).filter((e) => e.words.length > 0);
const LONG_AGO_WORDS: readonly (readonly string[])[] = LONG_AGO.map((p) => tokenise(p)).filter((w) => w.length > 0);

/**
 * What is known about a case when it is filed. `annualIncome` is in taka;
 * absent means not asked, which is not the same as 0.
 *
 * @example { text: 'তিন দিন না খেয়ে আছি', age: 70, annualIncome: 0 }
 */
export interface UrgencyInput {
  text: string;
  age?: number;
  hasDisability?: boolean;
  annualIncome?: number;
  category?: string;
}

/** The reasons the words of a message give, before the profile rules. */
function reasonsInText(text: string): Set<TextUrgencyReason> {
  const tokens = tokenise(text);
  const found = new Set<TextUrgencyReason>();
  for (const e of ENTRIES) if (!found.has(e.reason) && findPhrase(tokens, e.words).length > 0) found.add(e.reason);
  if (found.has('death_in_family') && LONG_AGO_WORDS.some((w) => findPhrase(tokens, w).length > 0)) {
    found.delete('death_in_family');
  }
  return found;
}

/**
 * Why a case is urgent, in the fixed order of {@link URGENCY_REASONS}; empty
 * when it is not. From the text (Bangla, English or Banglish): no food,
 * serious illness, a death in the family, eviction, a bribe demand. From the
 * category: 'bribe' (any case). From the profile, precisely:
 * `elderly_no_income` when age ≥ 65 and annualIncome === 0;
 * `disabled_no_income` when hasDisability === true and annualIncome === 0.
 * An income not given is not taken as 0.
 *
 * @example detectUrgency({ text: 'ইউনিয়ন অফিসে ঘুষ চেয়েছে' }) // ['bribe']
 * @example detectUrgency({ text: 'ভাতা পাইনি', age: 70, annualIncome: 0 }) // ['elderly_no_income']
 */
export function detectUrgency(input: UrgencyInput): UrgencyReason[] {
  const found = new Set<UrgencyReason>(reasonsInText(input.text));
  if (input.category?.trim().toLowerCase() === BRIBE_CATEGORY) found.add('bribe');
  const noIncome = input.annualIncome === 0;
  if (noIncome && input.age !== undefined && input.age >= ELDERLY_AGE) found.add('elderly_no_income');
  if (noIncome && input.hasDisability === true) found.add('disabled_no_income');
  return URGENCY_REASONS.filter((r) => found.has(r));
}
