import { phrases, wordSet } from './phrases.ts';
import type { Tok } from './tokens.ts';
import { APPROXIMATE_AFTER, APPROXIMATE_BEFORE, NEGATION_AFTER, NEGATION_BEFORE, NEGATION_FILLERS } from './words/grammarWords.ts';
import { GENERIC_PEOPLE } from './words/relationWords.ts';

// Exact: "নি" negates, "নিয়ে" (about) does not.
const NEG_AFTER = phrases(true, NEGATION_AFTER, { exact: true });
const NEG_BEFORE = wordSet(NEGATION_BEFORE);
const FILLERS = wordSet(NEGATION_FILLERS);
const APPROX_BEFORE = wordSet(APPROXIMATE_BEFORE);
const APPROX_AFTER = phrases(true, APPROXIMATE_AFTER);
const GENERIC = wordSet(GENERIC_PEOPLE);
const GENITIVE = wordSet(['er', 'r', 'এর', 'ের']);
const FILLER_REACH = 2;

/**
 * Whether the words right after tokens [.., end) negate them: "প্রতিবন্ধী
 * না", "প্রতিবন্ধী তো নয়", "card nai". Only fillers may come between, so
 * "প্রতিবন্ধী, হাঁটতে পারে না" does not negate the disability.
 *
 * @example negatedAfter(tokeniseFacts('প্রতিবন্ধী না').toks, 1) // true
 */
export function negatedAfter(toks: readonly Tok[], end: number): boolean {
  const clause = toks[end - 1]?.clause;
  for (let j = end; j <= end + FILLER_REACH && toks[j]?.clause === clause; j++) {
    if (NEG_AFTER.at(toks, j) !== undefined) return true;
    if (!FILLERS.has(toks[j]?.text ?? '')) return false;
  }
  return false;
}

/** Whether English-style negation comes just before tokens [start, ..): "not disabled", "doesn't have a card". */
export function negatedBefore(toks: readonly Tok[], start: number): boolean {
  const clause = toks[start]?.clause;
  for (let j = start - 1; j >= start - 1 - FILLER_REACH - 1 && j >= 0 && toks[j]?.clause === clause; j--) {
    const t = toks[j]?.text ?? '';
    if (NEG_BEFORE.has(t)) return true;
    if (!FILLERS.has(t)) return false;
  }
  return false;
}

/** Whether a number at tokens [start, end) is hedged ("প্রায় ৭০", "90 er kachakachi", "about 75"). */
export function approximate(toks: readonly Tok[], start: number, end: number): boolean {
  const before = toks[start - 1];
  if (before !== undefined && before.clause === toks[start]?.clause && APPROX_BEFORE.has(before.text)) return true;
  for (let j = end; j <= end + 1; j++) if (toks[j]?.clause === toks[start]?.clause && APPROX_AFTER.at(toks, j) !== undefined) return true;
  return false;
}

/** Whether a fact word is itself plural and general ("students", "রোগীদের"), or followed by such a word. */
export function generic(toks: readonly Tok[], start: number, end: number): boolean {
  return GENERIC.has(toks[start]?.text ?? '') || genericAfter(toks, end);
}

/** Whether a fact at tokens [.., end) is said of people in general ("ক্যান্সার রোগীর সহায়তা", "disabled students"). */
export function genericAfter(toks: readonly Tok[], end: number): boolean {
  // "stroke er rogi": a genitive ending may stand between.
  const skip = GENITIVE.has(toks[end]?.text ?? '') ? 1 : 0;
  const next = toks[end + skip];
  return next !== undefined && next.clause === toks[end - 1]?.clause && GENERIC.has(next.text);
}

/**
 * The token range [start, end) of each token's clause, computed once so
 * that looking a clause up stays constant time in a long message.
 */
export function clauseBounds(toks: readonly Tok[]): (i: number) => readonly [number, number] {
  const starts = new Int32Array(toks.length);
  const ends = new Int32Array(toks.length);
  let from = 0;
  for (let i = 0; i <= toks.length; i++) {
    if (i < toks.length && toks[i]?.clause === toks[from]?.clause) continue;
    for (let k = from; k < i; k++) {
      starts[k] = from;
      ends[k] = i;
    }
    from = i;
  }
  return (i) => [starts[i] ?? 0, ends[i] ?? 0];
}
