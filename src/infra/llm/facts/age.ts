import { approximate } from './grammar.ts';
import type { NumberSpan } from './numbers.ts';
import { phrases, wordSet } from './phrases.ts';
import type { Tok } from './tokens.ts';

/** A number said as someone's age, with how sure the words make it. */
export interface AgeSpan {
  value: number;
  start: number;
  end: number;
  /** Said with an age word ("বয়স ৭২", "68 years old"); a bare number after a name ("মা ৭২") is not. */
  cued: boolean;
}

const AGE_WORD = phrases(true, ['বয়স', 'বয়েস', 'বয়স', 'বইয়স', 'boyos', 'boyosh', 'boyoss', 'boyes', 'boiyos', 'boyash', 'boyesh', 'bayas', 'age', 'aged']);
// Exact, because "বছরে" is "per year" and "বছরের" "of years".
const YEARS = wordSet([
  'বছর', 'বছরের', 'বৎসর', 'বৎসরের', 'বয়সী', 'বয়সি', 'বছরর', 'bochor', 'bochorer', 'bocor', 'bocorer', 'bosor', 'bosorer', 'bochhor', 'bachor',
  'bachorer', 'bachhar', 'bochr',
  'years', 'year', 'yrs', 'yr', 'yo', 'y',
]);
// "৩ বছর ধরে", "5 years ago", "৫ বছর হলো": a duration, not an age. Banglish "age" is "ago".
const DURATION_AFTER = wordSet([
  'ধরে', 'যাবত', 'যাবৎ', 'আগে', 'আগের', 'হলো', 'হল', 'হয়ে', 'হইছে', 'পর', 'পরে', 'থেকে', 'dhore', 'jabot', 'age', 'ago', 'hoilo', 'holo', 'hoye',
  'theke', 'since', 'back', 'before', 'later', 'হয়', 'hoy', 'hoye', 'hoyeche', 'hoise',
]);
// "husband dead 10 yrs", "sami nai 10 bosor", "গত ১০ বছর": how long ago, not how old.
const DURATION_BEFORE = wordSet([
  'গত', 'last', 'past', 'for', 'dead', 'died', 'গেছে', 'গেছেন', 'gese', 'geche', 'gechen', 'away', 'মারা', 'within',
  'নাই', 'নেই', 'nai', 'nei', 'মৃত', 'mrito',
]);
const COPULA = wordSet(['im', 'am', 'is', 'was', 'hes', 'shes', 'turned']);
const BUILT_IN_PERSON = wordSet(['im', 'hes', 'shes']);
const OF_PERSON = wordSet(['woman', 'man', 'lady', 'widow', 'widower', 'person']);
// Between the age word and its number: "বয়স হলো ৬৮", "age is 68", "বয়স: ৬৮".
const AGE_FILLERS = wordSet(['হলো', 'হল', 'এখন', 'ekhon', 'now', 'is', 'of', 'ta', 'টা', 'টি', 'তার', 'উনার']);
const MAX_AGE = 120;

/**
 * Reads the numbers that are ages: after an age word ("বয়স ৭২", "boyosh
 * 68", "aged 70"), before a years word that is not a duration ("৭২ বছর",
 * "68 years old" but not "৩ বছর ধরে"), after "I am"/"she is", and a bare
 * number right after a person ("মা ৭২,"), for `namedBefore` to confirm.
 * Money, months, phones, dates and tracking numbers are never read: they
 * are not followed by a years word, and identifiers are not numbers here.
 *
 * @example ageSpans(toks, numberSpans(toks), () => false) // for "বয়স ৭২" → [{ value: 72, cued: true, … }]
 */
export function ageSpans(toks: readonly Tok[], spans: readonly NumberSpan[], namedBefore: (i: number) => boolean, general: ReadonlySet<number> = new Set()): AgeSpan[] {
  const ages: AgeSpan[] = [];
  for (const s of spans) {
    // "Is a 62 year old woman eligible?" asks about anyone.
    if (general.has(toks[s.start]?.clause ?? -1)) continue;
    const value = Math.floor(s.value);
    if (value < 1 || value > MAX_AGE) continue;
    if (approximate(toks, s.start, s.end)) continue;
    const clause = toks[s.start]?.clause;
    const at = (j: number): string => (toks[j]?.clause === clause ? (toks[j]?.text ?? '') : '');
    const after = at(s.end);
    // An age word first makes it an age whatever follows ("বয়স ৭০ বছর হয়").
    let b = s.start - 1;
    while (b >= 0 && AGE_FILLERS.has(at(b))) b -= 1;
    const ageWordBefore = b >= 0 && toks[b]?.clause === clause && AGE_WORD.at(toks, b)?.end === b + 1;
    if (ageWordBefore) {
      ages.push({ value, start: s.start, end: YEARS.has(after) ? s.end + 1 : s.end, cued: true });
      continue;
    }
    // "amar baba 75 boyosh": the age word after the number.
    const ageWordAfter = toks[s.end]?.clause === clause && AGE_WORD.at(toks, s.end) !== undefined;
    if (YEARS.has(after) || ageWordAfter) {
      if (DURATION_AFTER.has(at(s.end + 1)) || DURATION_BEFORE.has(at(s.start - 1))) continue;
      if (approximate(toks, s.start, s.end + 1)) continue;
      ages.push({ value, start: s.start, end: s.end + 1, cued: true });
      continue;
    }
    const before = at(s.start - 1);
    if (COPULA.has(before) && (BUILT_IN_PERSON.has(before) || namedBefore(s.start - 1))) {
      ages.push({ value, start: s.start, end: s.end, cued: true });
      continue;
    }
    if (before === 'of' && OF_PERSON.has(at(s.start - 2))) {
      ages.push({ value, start: s.start, end: s.end, cued: true });
      continue;
    }
    // "মা ৭২, বাবা নাই": a bare number closing the clause right after a person.
    if (!s.words && after === '' && namedBefore(s.start)) ages.push({ value, start: s.start, end: s.end, cued: false });
  }
  return ages;
}
