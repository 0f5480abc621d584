import type { StatedIncome } from '../../../engine/understanding.ts';
import { clauseBounds, negatedAfter, negatedBefore } from './grammar.ts';
import type { NumberSpan } from './numbers.ts';
import { PhraseTable, phrases, wordSet } from './phrases.ts';
import type { Tok } from './tokens.ts';
import { FIRST_PERSON_VERBS, THIRD_PERSON_VERBS, GIVE_WORDS, INCOME_NOUNS, NOT_EVEN, NOT_INCOME, PERIODS, TAKA, WORK_WORDS } from './words/moneyWords.ts';

/** An income said in the text, before it is known whose it is. */
export interface IncomeSpan {
  amount: number;
  period: StatedIncome['period'];
  start: number;
  end: number;
  /** "কোনো আয় নাই", "no income". */
  zero: boolean;
  /** A first-person verb follows ("কামাই করি", "pai"): the writer's own money. */
  firstPerson: boolean;
  /** A third-person verb follows ("কামায়", "pay", "earns"): someone else's, when the writer is the subject. */
  thirdPerson: boolean;
  /** Where to look back from for whose it is: before "send him" in "I send him 2000 taka". */
  ownerFrom: number;
}

const TAKA_WORDS = wordSet(TAKA);
// Exact: "বছরের" (of years) is an age, "বছরে" (a year) a period.
const PERIOD_TABLE = new PhraseTable(PERIODS, { exact: true });
const INCOME_TABLE = phrases(true, INCOME_NOUNS);
const CUES = phrases(true, [...INCOME_NOUNS, ...WORK_WORDS, ...GIVE_WORDS]);
const EXCLUDE = phrases(true, NOT_INCOME);
const EVEN = wordSet(NOT_EVEN);
const FIRST_PERSON = wordSet(FIRST_PERSON_VERBS);
const THIRD_PERSON = wordSet(THIRD_PERSON_VERBS);
const GIVE = wordSet(GIVE_WORDS);
const OBJECTS = wordSet(['him', 'her', 'me', 'us', 'them', 'তাকে', 'আমাকে', 'take', 'amake', 'ওনাকে', 'onake']);
const MULTIPLIERS = wordSet(['হাজার', 'লাখ', 'লক্ষ', 'k', 'hajar', 'hazar', 'lakh', 'lac', 'thousand']);
const ZERO_SKIP = wordSet(['কোনো', 'কোন', 'কোনও', 'রোজগার', 'কিছু', 'কিছুই', 'করে', 'করেন', 'করি', 'kono', 'kichu', 'rojgar', 'উৎস', 'source', 'of', 'her', 'his', 'own', 'at', 'all', 'any']);
const NOTHING = wordSet(['nothing', 'none', 'zero', 'শূন্য', '0']);
const PERIOD_REACH = 4;
const ZERO_REACH = 3;

/**
 * Reads amounts that are incomes ("মাসে ৬০০০ টাকা কামাই", "dine 400",
 * "6000 taka a month", "বছরে ৩০ হাজার") and statements of no income
 * ("কোনো আয় নাই", "no income"). An amount counts only in a clause that
 * speaks of earning, work or a period, and never in one about a bribe, a
 * cost, a loan or the allowance itself. The period is the nearest one in the
 * clause; without one, a month.
 *
 * @example incomeSpans(toks, numberSpans(toks)) // for "মাসে ৬০০০ টাকা কামাই" → [{ amount: 6000, period: 'month', … }]
 */
export function incomeSpans(toks: readonly Tok[], spans: readonly NumberSpan[], ages: ReadonlySet<number> = new Set()): IncomeSpan[] {
  const bounds = clauseBounds(toks);
  // Which clauses speak of earning, and which of bribes or costs: found once, not per amount.
  const excluded = new Set(EXCLUDE.scan(toks).map((h) => toks[h.start]?.clause));
  const cued = new Set(CUES.scan(toks).map((h) => toks[h.start]?.clause));
  const incomes: IncomeSpan[] = [];
  const notEvenClauses = new Set<number>();
  for (const s of spans) {
    if (ages.has(s.start)) continue;
    const clause = toks[s.start]?.clause;
    const at = (j: number): string => (toks[j]?.clause === clause ? (toks[j]?.text ?? '') : '');
    const [from, to] = bounds(s.start);
    const periodNear = nearestPeriod(toks, s, from, to);
    const money =
      TAKA_WORDS.has(at(s.end)) ||
      TAKA_WORDS.has(at(s.start - 1)) ||
      toks.slice(s.start, s.end).some((t) => MULTIPLIERS.has(t.text)) ||
      (periodNear !== undefined && periodNear.distance <= 1) ||
      INCOME_TABLE.at(toks, s.end) !== undefined ||
      (s.start > 0 && INCOME_TABLE.at(toks, s.start - 1)?.end === s.start);
    if (!money || s.value <= 0 || s.value > 1e8) continue;
    const afterTaka = TAKA_WORDS.has(at(s.end)) ? s.end + 1 : s.end;
    if (EVEN.has(at(afterTaka))) {
      if (clause !== undefined) notEvenClauses.add(clause);
      continue;
    }
    if (excluded.has(clause)) continue;
    if (periodNear === undefined && !cued.has(clause)) continue;
    let firstPerson = false;
    let thirdPerson = false;
    for (let j = s.end; j < Math.min(s.end + PERIOD_REACH + 1, to); j++) {
      firstPerson ||= FIRST_PERSON.has(toks[j]?.text ?? '');
      thirdPerson ||= THIRD_PERSON.has(toks[j]?.text ?? '');
    }
    // "I send him 2000 taka": "him" receives; the money is the sender's.
    const objectGiven = OBJECTS.has(at(s.start - 1)) && GIVE.has(at(s.start - 2));
    const ownerFrom = objectGiven ? s.start - 2 : s.start;
    incomes.push({ amount: Math.round(s.value), period: periodNear?.period ?? 'month', start: s.start, end: s.end, zero: false, firstPerson, thirdPerson, ownerFrom });
  }
  for (const h of INCOME_TABLE.scan(toks)) {
    const clause = toks[h.start]?.clause;
    if (clause === undefined || notEvenClauses.has(clause)) continue;
    if (!saysNone(toks, h.start, h.end)) continue;
    const [from, to] = bounds(h.start);
    const near = nearestPeriod(toks, { start: h.start, end: h.end }, from, to);
    incomes.push({ amount: 0, period: near?.period === 'year' ? 'year' : 'month', start: h.start, end: h.end, zero: true, firstPerson: false, thirdPerson: false, ownerFrom: h.start });
  }
  return incomes.sort((a, b) => a.start - b.start);
}

/** "আয় নাই", "কোনো আয় রোজগার নেই", "no income", "earns nothing", "doesn't earn". */
function saysNone(toks: readonly Tok[], start: number, end: number): boolean {
  if (negatedBefore(toks, start)) return true;
  const clause = toks[start]?.clause;
  for (let j = end; j < end + ZERO_REACH && toks[j]?.clause === clause; j++) {
    const text = toks[j]?.text ?? '';
    if (NOTHING.has(text) || negatedAfter(toks, j)) return true;
    if (!ZERO_SKIP.has(text) && INCOME_TABLE.at(toks, j) === undefined) return false;
  }
  return false;
}

function nearestPeriod(
  toks: readonly Tok[],
  s: { start: number; end: number },
  from: number,
  to: number,
): { period: StatedIncome['period']; distance: number } | undefined {
  let best: { period: StatedIncome['period']; distance: number } | undefined;
  for (let j = Math.max(from, s.start - PERIOD_REACH); j < Math.min(to, s.end + PERIOD_REACH); j++) {
    const hit = PERIOD_TABLE.at(toks, j);
    if (hit === undefined) continue;
    const distance = hit.end <= s.start ? s.start - hit.end : j >= s.end ? j - s.end : 0;
    if (best === undefined || distance < best.distance) best = { period: hit.label, distance };
  }
  return best;
}
