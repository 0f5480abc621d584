import { normaliseText } from '../../text/normalise.ts';
import { parseNumber } from './parseNumber.ts';

/**
 * An age read from a reply. A four-digit year is not rejected but handed back,
 * because elderly people often know the year they were born better than their
 * age; the caller, who knows today's date, turns it into an age.
 *
 * @example
 * const age = parseAge('১৯৫৫');
 * if (!age.ok && age.reason === 'looks_like_year') console.log(2026 - age.year); // 71
 */
export type AgeResult =
  | { ok: true; years: number }
  | { ok: false; reason: 'looks_like_year'; year: number }
  | { ok: false; reason: 'not_a_number' | 'out_of_range' };

const MAX_AGE = 120;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

// "৬২ বছর ৬ মাস": the months are detail, not a second number. The count
// starts only where a number or a word starts (the lookbehinds): tried from
// every letter of a long word it was quadratic (32,000 letters took 22 s).
const MONTHS_PART = /((?<![\d.])\d+(?:\.\d+)?|(?<![\p{L}\p{M}])[\p{L}\p{M}]+)\s*(?:মাস\S*|months?|mos?|mash|mas|maas)(?=\s|$|[,.;])/gu;
const YEARS_WORD = /বছর|বৎসর|সাল|year|yr|bochor|bosor|bochhor|boshor|\d\s*y\b/u;

/**
 * Reads an age in whole years from a reply such as "৬৭", "৭০ বছর", "age 62",
 * "বয়স পঁয়ষট্টি" or "৬২ বছর ৬ মাস" (62). Ages run 0-120; a number from
 * 1900 to 2100 is taken for a birth year; anything else numeric is out of
 * range, including negatives.
 *
 * @example parseAge('৭০ বছর') // { ok: true, years: 70 }
 * @example parseAge('১৯৫৫') // { ok: false, reason: 'looks_like_year', year: 1955 }
 * @example parseAge('250') // { ok: false, reason: 'out_of_range' }
 */
export function parseAge(text: string): AgeResult {
  const n = readNumber(text);
  if (n === null) return { ok: false, reason: 'not_a_number' };
  if (Number.isInteger(n) && n >= FIRST_YEAR && n <= LAST_YEAR) return { ok: false, reason: 'looks_like_year', year: n };
  if (n < 0 || n > MAX_AGE) return { ok: false, reason: 'out_of_range' };
  // "সাড়ে পঁয়ষট্টি" is still 65 on every form that asks for an age.
  return { ok: true, years: Math.floor(n) };
}

function readNumber(text: string): number | null {
  const normal = normaliseText(text);
  const months: number[] = [];
  const rest = normal.replace(MONTHS_PART, (part: string, count: string) => {
    const n = parseNumber(count);
    if (n === null) return part;
    months.push(n);
    return ' ';
  });
  if (months.length === 0) return parseNumber(normal);
  if (/\d/.test(rest) || YEARS_WORD.test(rest) || parseNumber(rest) !== null) return parseNumber(rest);
  // Only months were given ("৮ মাস"): a baby, in whole years.
  const [only] = months;
  if (months.length !== 1 || only === undefined) return null;
  return Math.floor(only / 12);
}
