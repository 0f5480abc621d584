import { hasBangla, transliterate } from './transliterate.ts';

/**
 * Text → comparable keys. A key is a place name (or part of a query) reduced
 * to how it sounds in Latin letters, so that "Gopalganj", "gopalgonj" and
 * গোপালগঞ্জ all become "gapalganj", and a skeleton of its consonants
 * ("gplgnj") that survives vowel guesses made by the transliterator.
 */

/** NFC, lower case, apostrophes gone ("cox's" → "coxs"), other punctuation a space. */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u200B-\u200F\uFEFF]/g, '')
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function words(text: string): string[] {
  const folded = fold(text);
  return folded ? folded.split(' ') : [];
}

// Order matters: digraphs first, then single letters, "oo" before o → a.
const REDUCTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  // A y or w between vowels is only a glide, written or not: গোয়ালন্দ "goyalondo" = Goalanda, Dewanganj = দেওয়ানগঞ্জ.
  [/([aeiou])[yw](?=[aeiou])/g, '$1'],
  [/chh|ch/g, 'C'],
  [/sh/g, 's'],
  [/ph/g, 'f'],
  [/bh/g, 'b'],
  [/kh/g, 'k'],
  [/gh/g, 'g'],
  [/jh/g, 'j'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/rh/g, 'r'],
  [/ck|c|q/g, 'k'],
  [/C/g, 'c'],
  [/x/g, 'ks'],
  [/z/g, 'j'],
  [/v/g, 'b'],
  [/w/g, 'u'],
  [/ee|y/g, 'i'],
  [/oo/g, 'u'],
  [/o/g, 'a'],
  [/(.)\1+/g, '$1'],
];

/** A Latin word (or several, run together) reduced to its sound. */
export function phoneticKey(latin: string): string {
  let key = latin.toLowerCase().replace(/[^a-z]/g, '');
  for (const [pattern, replacement] of REDUCTIONS) key = key.replace(pattern, replacement);
  return key;
}

/** One word in either script → its key. */
export function wordKey(word: string): string {
  return phoneticKey(hasBangla(word) ? transliterate(word) : word);
}

export function skeleton(key: string): string {
  return key.charAt(0) + key.slice(1).replace(/[aeiu]/g, '');
}

export interface Key {
  full: string;
  skel: string;
  /** Letter counts a..z, for a cheap lower bound on edit distance. */
  bag: Uint8Array;
}

export function makeKey(full: string): Key {
  const bag = new Uint8Array(26);
  for (let i = 0; i < full.length; i++) {
    const slot = full.charCodeAt(i) - 97;
    if (slot >= 0 && slot < 26) bag[slot] = Math.min(255, (bag[slot] ?? 0) + 1);
  }
  return { full, skel: skeleton(full), bag };
}

/** Each edit changes the letter counts by at most 2, so half this is a lower bound on the distance. */
function bagDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < 26; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum;
}

const MAX_KEY = 64;
const rows = [new Int32Array(MAX_KEY + 1), new Int32Array(MAX_KEY + 1), new Int32Array(MAX_KEY + 1)] as const;

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours,
 * the commonest slip on a phone keyboard). Only cells within `max` of the
 * diagonal are computed, and it gives up (returning `max + 1`) as soon as the
 * answer must exceed `max`: that keeps a scan of every place cheap.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const la = Math.min(a.length, MAX_KEY);
  const lb = Math.min(b.length, MAX_KEY);
  const over = max + 1;
  if (Math.abs(la - lb) > max) return over;
  let [prevPrev, prev, cur] = rows;
  for (let j = 0; j <= lb; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(lb, i + max);
    cur[0] = i <= max ? i : over;
    cur[lo - 1] = lo === 1 ? cur[0] ?? over : over;
    if (hi < lb) cur[hi + 1] = over;
    let rowMin = lo === 1 ? (cur[0] ?? over) : over;
    const ca = a.charCodeAt(i - 1);
    const caBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    // left = cur[j - 1], diagonal = prev[j - 1], carried along instead of re-read.
    let left = cur[lo - 1] ?? over;
    let diagonal = prev[lo - 1] ?? over;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      const up = prev[j] ?? over;
      let d = ca === cb ? diagonal : diagonal + 1;
      if (up + 1 < d) d = up + 1;
      if (left + 1 < d) d = left + 1;
      if (j > 1 && ca === b.charCodeAt(j - 2) && caBefore === cb) {
        const swap = (prevPrev[j - 2] ?? over) + 1;
        if (swap < d) d = swap;
      }
      cur[j] = d;
      left = d;
      diagonal = up;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return over;
    const spare = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = spare;
  }
  return Math.min(prev[lb] ?? over, over);
}

/** 1 for equal strings, falling with edit distance; 0 below `floor`. */
function editSimilarity(a: string, b: string, floor: number): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  const max = Math.floor(longest * (1 - floor));
  const d = boundedDistance(a, b, max);
  return d > max ? 0 : 1 - d / longest;
}

// Bangla case endings typed onto a name: ঢাকার, গোপালগঞ্জে, ঢাকায়, খুলনাতে.
const ENDINGS = new Set(['e', 'r', 'er', 'ar', 'i', 'te', 'ta']);
/** Keys further apart than this (as a share of the longer) are not compared in detail. */
const FLOOR = 0.65;

/** How well a query key matches a name key, 0..1. */
export function keySimilarity(query: Key, name: Key): number {
  const q = query.full;
  const n = name.full;
  if (q === n) return 1;
  if (n.length >= 3 && q.startsWith(n) && ENDINGS.has(q.slice(n.length))) return 0.97;
  // Typing stops early on a phone: "tungi" for Tungipara.
  const prefix = q.length >= 3 && n.startsWith(q) ? 0.5 + (0.4 * q.length) / n.length : 0;
  const longest = Math.max(q.length, n.length);
  const max = Math.floor(longest * (1 - FLOOR));
  if (Math.abs(q.length - n.length) > max || bagDifference(query.bag, name.bag) > 2 * max) return prefix;
  const d = boundedDistance(q, n, max);
  if (d > max) return prefix;
  const full = 1 - d / longest;
  return Math.max(prefix, 0.7 * full + 0.3 * editSimilarity(query.skel, name.skel, 0));
}
