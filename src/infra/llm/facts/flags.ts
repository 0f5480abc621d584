import type { Illness, MaritalStatus, Sex } from '../../../domain/programmes/profile.ts';
import { generic, genericAfter, negatedAfter, negatedBefore } from './grammar.ts';
import { PhraseTable, phrases, wordSet } from './phrases.ts';
import type { Tok, Tokenised } from './tokens.ts';
import { ALLOWANCE_NOUNS, NOTHING_RECEIVED, PENSION, PENSION_HELD, RECEIVE_LATER, RECEIVE_NOT, RECEIVE_NOW } from './words/benefitWords.ts';
import { CLASS_WORDS, DISABILITY, ILLNESSES, NO_LIMB, NOT_STUDENT, PROGRAMME_NOUNS, STUDENT, STUDY_VERBS, SUBORNO } from './words/healthWords.ts';
import { TAKA } from './words/moneyWords.ts';
import { MARITAL_WORDS, SEX_WORDS, type MaritalWord } from './words/personWords.ts';

/** One fact a phrase states, before it is known whom it is about. */
export type FlagHit = { start: number; end: number; generic: boolean } & (
  | { field: 'hasDisability' | 'hasSubornoCard' | 'isStudent' | 'receivesOtherAllowance' | 'govtServiceOrPension'; value: boolean }
  | { field: 'illness'; value: Illness }
  | { field: 'maritalStatus'; value: MaritalStatus; sex?: Sex }
  | { field: 'sex'; value: Sex }
);

const DISABILITY_TABLE = phrases(true, DISABILITY);
const NO_LIMB_TABLE = phrases(true, NO_LIMB, { exact: true });
const SUBORNO_TABLE = phrases(true, SUBORNO);
const STUDENT_TABLE = new PhraseTable([...STUDENT.map((w) => [w, true] as const), ...NOT_STUDENT.map((w) => [w, false] as const)]);
const ILLNESS_TABLE = new PhraseTable(ILLNESSES);
const MARITAL_TABLE = new PhraseTable<MaritalWord>(MARITAL_WORDS);
const SEX_TABLE = new PhraseTable(SEX_WORDS);
const PROGRAMME = phrases(true, PROGRAMME_NOUNS);
const ALLOWANCE = phrases(true, ALLOWANCE_NOUNS);
const NOW = wordSet(RECEIVE_NOW);
const NOT_NOW = wordSet(RECEIVE_NOT);
const LATER = wordSet(RECEIVE_LATER);
const NOTHING = phrases(true, NOTHING_RECEIVED);
const PENSION_TABLE = phrases(true, PENSION);
const HELD = wordSet(PENSION_HELD);
const CLASS = wordSet(CLASS_WORDS);
const STUDY = wordSet(STUDY_VERBS);
const TAKA_WORDS = wordSet([...TAKA, 'money', 'payment', 'paid', 'কিস্তি', 'কিস্তির', 'kisti']);
const DURATION = wordSet(['ধরে', 'যাবত', 'যাবৎ', 'হলো', 'dhore', 'jabot', 'since', 'for']);
const QUESTION_WORDS = wordSet(['কি', 'কী', 'কারা', 'কে', 'কিভাবে', 'কীভাবে', 'কেন', 'ki', 'kara', 'ke', 'kivabe', 'who', 'which']);
const MODALS = wordSet(['can', 'could', 'will', 'would', 'should', 'may', 'to', 'how']);
const PRESENT = wordSet(['আছে', 'আছেন', 'পেয়েছি', 'পেয়েছে', 'পেয়েছেন', 'হয়েছে', 'করা আছে', 'ache', 'ase', 'achhe', 'peyeche', 'has', 'have', 'got', 'with']);
const PAST_NOT = wordSet(['পাইনি', 'পায়নি', 'পাননি', 'পাইনাই', 'paini', 'payni', 'painai']);
const PAST_NEGATION = wordSet(['নাই', 'নি', 'nai', 'ni']);
const ANY = wordSet(['কোনো', 'কোন', 'কোনও', 'kono', 'any', 'no']);
const CARD_REACH = 4;
const VERB_REACH = 3;

/**
 * Every flag-like fact the text states: disability, the Suborno card,
 * study, illness, marital status and sex said outright, an allowance or a
 * pension already received. Programme names ("প্রতিবন্ধী ভাতা", "widow
 * allowance") state nothing unless received now ("বিধবা ভাতা পান").
 *
 * @example findFlags(tokeniseFacts('আমি প্রতিবন্ধী না')).map((h) => [h.field, h.value]) // [['hasDisability', false]]
 */
export function findFlags(t: Tokenised): FlagHit[] {
  const { toks } = t;
  const hits: FlagHit[] = [];
  const push = (h: FlagHit): void => {
    hits.push(h);
  };
  for (const h of DISABILITY_TABLE.scan(toks)) {
    const named = programmeNamed(toks, h.end);
    if (named === 'name') continue;
    const value = named === 'received' || !(negatedAfter(toks, h.end) || negatedBefore(toks, h.start));
    push({ field: 'hasDisability', value, start: h.start, end: h.end, generic: generic(toks, h.start, h.end) });
  }
  for (const h of NO_LIMB_TABLE.scan(toks)) push({ field: 'hasDisability', value: true, start: h.start, end: h.end, generic: false });
  for (const h of SUBORNO_TABLE.scan(toks)) {
    const value = cardHeld(toks, h.start, h.end);
    if (value === undefined) continue;
    push({ field: 'hasSubornoCard', value, start: h.start, end: h.end, generic: false });
    if (value) push({ field: 'hasDisability', value: true, start: h.start, end: h.end, generic: false });
  }
  for (const h of STUDENT_TABLE.scan(toks)) {
    // "প্রতিবন্ধী ছাত্রের উপবৃত্তি" names the stipend.
    if (programmeNamed(toks, h.end) === 'name') continue;
    const value = h.label && !(negatedAfter(toks, h.end) || negatedBefore(toks, h.start));
    push({ field: 'isStudent', value, start: h.start, end: h.end, generic: generic(toks, h.start, h.end) });
  }
  for (const [i, tok] of toks.entries()) {
    if (!CLASS.has(tok.text)) continue;
    for (let j = i + 1; j <= i + VERB_REACH && toks[j]?.clause === tok.clause; j++) {
      if (!STUDY.has(toks[j]?.text ?? '')) continue;
      push({ field: 'isStudent', value: !negatedAfter(toks, j + 1), start: i, end: j + 1, generic: false });
      break;
    }
  }
  for (const h of ILLNESS_TABLE.scan(toks)) {
    if (negatedAfter(toks, h.end) || negatedBefore(toks, h.start)) continue;
    push({ field: 'illness', value: h.label, start: h.start, end: h.end, generic: generic(toks, h.start, h.end) });
  }
  for (const h of MARITAL_TABLE.scan(toks)) {
    const named = programmeNamed(toks, h.end);
    if (named === 'name' || (named === undefined && negatedAfter(toks, h.end))) continue;
    push({ field: 'maritalStatus', value: h.label.status, ...(h.label.sex ? { sex: h.label.sex } : {}), start: h.start, end: h.end, generic: generic(toks, h.start, h.end) });
  }
  for (const h of SEX_TABLE.scan(toks)) {
    if (programmeNamed(toks, h.end) === 'name') continue;
    push({ field: 'sex', value: h.label, start: h.start, end: h.end, generic: generic(toks, h.start, h.end) });
  }
  allowances(t, push);
  // "does a widow under 50 get…": about anyone, nobody's fact.
  for (const h of hits) {
    const clause = toks[h.start]?.clause ?? -1;
    if (t.generalQuestions.has(clause)) h.generic = true;
  }
  for (const h of PENSION_TABLE.scan(toks)) {
    const value = pensionHeld(toks, h.start, h.end);
    if (value !== undefined) push({ field: 'govtServiceOrPension', value, start: h.start, end: h.end, generic: false });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * After a condition, a programme's name: "প্রতিবন্ধী ভাতা" names the
 * programme ('name'), "বিধবা ভাতা পান" says it is received ('received').
 */
function programmeNamed(toks: readonly Tok[], end: number): 'name' | 'received' | undefined {
  const p = PROGRAMME.at(toks, end);
  if (p === undefined || toks[end]?.clause !== toks[end - 1]?.clause) return undefined;
  if (receivedAt(toks, p.end) || receivedBefore(toks, end - 1)) return 'received';
  return 'name';
}

function receivedAt(toks: readonly Tok[], j: number): boolean {
  const t = toks[j];
  return t !== undefined && t.clause === toks[j - 1]?.clause && NOW.has(t.text) && !negatedAfter(toks, j + 1);
}

/** English puts the verb first: "already gets the widow allowance". */
function receivedBefore(toks: readonly Tok[], i: number): boolean {
  for (let j = i - 1; j >= i - VERB_REACH && j >= 0 && toks[j]?.clause === toks[i]?.clause; j--) {
    if (NOW.has(toks[j]?.text ?? '')) return !negatedBefore(toks, j) && !MODALS.has(toks[j - 1]?.text ?? '');
  }
  return false;
}

/** "সুবর্ণ কার্ড আছে" / "নাই" / "has a Suborno card" / "doesn't have one": held, not held, or not said. */
function cardHeld(toks: readonly Tok[], start: number, end: number): boolean | undefined {
  const clause = toks[start]?.clause;
  for (let j = end; j < end + CARD_REACH && toks[j]?.clause === clause; j++) {
    if (negatedAfter(toks, j) || NOT_NOW.has(toks[j]?.text ?? '')) return false;
    if (PRESENT.has(toks[j]?.text ?? '')) return !negatedAfter(toks, j + 1);
  }
  for (let j = start - 1; j >= start - CARD_REACH && j >= 0 && toks[j]?.clause === clause; j--) {
    const text = toks[j]?.text ?? '';
    if (PRESENT.has(text)) return !negatedBefore(toks, j);
    if (text === 'no' || text === 'without') return false;
  }
  return undefined;
}

function pensionHeld(toks: readonly Tok[], start: number, end: number): boolean | undefined {
  const clause = toks[start]?.clause;
  if (negatedBefore(toks, start)) return false;
  for (let j = end; j < end + VERB_REACH && toks[j]?.clause === clause; j++) {
    const text = toks[j]?.text ?? '';
    if (negatedAfter(toks, j) || NOT_NOW.has(text)) return false;
    if (HELD.has(text)) return !negatedAfter(toks, j + 1);
  }
  for (let j = start - 1; j >= start - VERB_REACH && j >= 0 && toks[j]?.clause === clause; j--) {
    if (HELD.has(toks[j]?.text ?? '')) return !negatedBefore(toks, j);
  }
  return undefined;
}

/**
 * An allowance received now or not at all. Not receiving for a while, or
 * not receiving the money of an allowance one has ("৩ মাস ধরে টাকা পাই
 * না"), is a complaint about payment, not a fact about eligibility.
 */
function allowances(t: Tokenised, push: (h: FlagHit) => void): void {
  const { toks, questions } = t;
  // Clause by clause, once: which speak of money or a duration, which ask.
  const paymentClauses = new Set<number>();
  const askingClauses = new Set<number>(questions);
  for (const x of toks) {
    if (TAKA_WORDS.has(x.text) || DURATION.has(x.text)) paymentClauses.add(x.clause);
    if (QUESTION_WORDS.has(x.text)) askingClauses.add(x.clause);
  }
  const payment = (clause: number | undefined): boolean => clause !== undefined && paymentClauses.has(clause);
  const asks = (clause: number | undefined): boolean => clause !== undefined && askingClauses.has(clause);
  const say = (value: boolean, start: number, end: number): void => {
    const clause = toks[start]?.clause;
    if (!value && payment(clause)) return;
    if (value && asks(clause)) return;
    push({ field: 'receivesOtherAllowance', value, start, end, generic: genericAfter(toks, end) });
  };
  for (const h of NOTHING.scan(toks)) say(false, h.start, h.end);
  for (const h of ALLOWANCE.scan(toks)) {
    const clause = toks[h.start]?.clause;
    let said = false;
    for (let j = h.end; j < h.end + VERB_REACH && toks[j]?.clause === clause; j++) {
      const text = toks[j]?.text ?? '';
      if (LATER.has(text)) break;
      // "ভাতা পাইনি" (did not get) is about a payment; "কোনো ভাতা পাইনি" (never got any) is not.
      const pastNot = PAST_NOT.has(text) || (NOW.has(text) && PAST_NEGATION.has(toks[j + 1]?.text ?? ''));
      if (pastNot && !ANY.has(toks[h.start - 1]?.text ?? '')) {
        said = true;
        break;
      }
      if (NOT_NOW.has(text)) {
        say(false, h.start, j + 1);
        said = true;
        break;
      }
      if (NOW.has(text)) {
        say(!negatedAfter(toks, j + 1), h.start, j + 1);
        said = true;
        break;
      }
      if (j === h.end && negatedAfter(toks, h.end)) {
        say(false, h.start, h.end);
        said = true;
        break;
      }
    }
    if (said) continue;
    // English: "gets no allowance", "does not get any allowance", "no allowance".
    for (let j = h.start - 1; j >= h.start - VERB_REACH - 1 && j >= 0 && toks[j]?.clause === clause; j--) {
      const text = toks[j]?.text ?? '';
      if (NOW.has(text)) {
        if (MODALS.has(toks[j - 1]?.text ?? '')) break;
        const between = toks.slice(j + 1, h.start).some((x) => x.text === 'no');
        say(!(between || negatedBefore(toks, j)), j, h.end);
        said = true;
        break;
      }
    }
    if (!said && toks[h.start - 1]?.text === 'no' && toks[h.start - 1]?.clause === clause) say(false, h.start - 1, h.end);
  }
}
