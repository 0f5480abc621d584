import { fold, wordKey, words } from './phonetic.ts';
import type { PlaceLevel } from './places.ts';
import { hasBangla } from './transliterate.ts';

/**
 * What a user typed, reduced to the words that name places: words that only
 * say what kind of place it is ("জেলা", "upozila") become hints, small talk
 * ("আমার বাড়ি") goes, and each remaining word becomes a phonetic key.
 */

export interface Hint {
  level: PlaceLevel;
  kind?: 'union' | 'paurashava';
}

export const foldAll = (list: readonly string[]): string[] => list.map(fold);

// Words that say what kind of place follows or precedes; dropped from the
// name but kept as a preference. "Sadar" is not here: it is part of names.
const HINT_SPELLINGS: ReadonlyArray<readonly [Hint, readonly string[]]> = [
  [{ level: 'district' }, ['জেলা', 'জিলা', 'district', 'dist', 'zila', 'zilla', 'jila', 'jela', 'zela']],
  [{ level: 'upazila' }, ['উপজেলা', 'উপজিলা', 'থানা', 'upazila', 'upazilla', 'upojela', 'upzila', 'thana']],
  [{ level: 'union', kind: 'union' }, ['ইউনিয়ন', 'ইউপি', 'union']],
  [{ level: 'union', kind: 'paurashava' }, ['পৌরসভা', 'পৌরসভার', 'paurashava', 'pourasabha', 'poursobha', 'pourshava', 'porosova', 'municipality']],
  [{ level: 'division' }, ['বিভাগ', 'division', 'bibhag']],
];
const HINTS_BY_SPELLING = new Map(HINT_SPELLINGS.flatMap(([hint, list]) => list.map((w): [string, Hint] => [fold(w), hint])));
const HINTS_BY_KEY = new Map(HINT_SPELLINGS.flatMap(([hint, list]) => list.map((w): [string, Hint] => [wordKey(fold(w)), hint])));
/**
 * Shorter keys only count when spelt as listed: "thana" sounds like the
 * union Tona, while "poursobha" or "upozila" are unmistakable by key alone.
 */
const MIN_HINT_KEY = 5;

/** The kind of place a word like "জেলা" or "upozila" announces, if it is one. */
export function hintFor(word: string): Hint | undefined {
  const folded = fold(word);
  const key = wordKey(folded);
  return HINTS_BY_SPELLING.get(folded) ?? (key.length >= MIN_HINT_KEY ? HINTS_BY_KEY.get(key) : undefined);
}

// Small talk around a place name ("আমার বাড়ি টুঙ্গিপাড়া", "I live in Savar").
const FILLER = new Set(
  foldAll(['নং', 'আমার', 'আমি', 'বাড়ি', 'বাড়ী', 'বাড়িতে', 'থাকি', 'এলাকা', 'no', 'amar', 'ami', 'bari', 'thaki', 'my', 'i', 'live', 'in', 'at', 'from', 'the', 'of', 'home', 'area']),
);

// A place name with its district and upazila is at most this long; it also bounds the work per query.
const MAX_WORDS = 6;

export interface ParsedQuery {
  /** One phonetic key per remaining word, in order. */
  keys: string[];
  /** Bangla is then compared with Bangla names only, which are spelt more reliably than the English ones. */
  banglaOnly: boolean;
  hints: Hint[];
}

// The longest word of any place name has 18 letters, a name typed without its
// spaces perhaps twice that; a longer word names nothing, and comparing it with
// every place's keys costs time in proportion to its length (1,000 letters took 0.5 s).
const MAX_WORD_LETTERS = 40;
// Six words of at most forty letters, with room for small talk around them.
const MAX_QUERY = 300;

export function parseQuery(query: string): ParsedQuery {
  const all = words(query.slice(0, MAX_QUERY)).filter((w) => w.length <= MAX_WORD_LETTERS);
  const hints: Hint[] = [];
  const named = all.filter((w) => {
    const hint = hintFor(w);
    if (hint) hints.push(hint);
    return !hint;
  });
  const meaningful = named.some((w) => !FILLER.has(w)) ? named.filter((w) => !FILLER.has(w)) : named;
  const kept = meaningful.slice(0, MAX_WORDS);
  const keys = kept.map(wordKey).filter((k) => k.length > 0);
  const banglaOnly = kept.length > 0 && kept.every(hasBangla);
  return { keys, banglaOnly, hints };
}

