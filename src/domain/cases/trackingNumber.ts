import { createHash } from 'node:crypto';
import { normaliseDigits } from '../../text/normalise.ts';

/*
 * Grievance tracking numbers: nine digits, read aloud and typed by elderly
 * people on phones, often in Bangla digits. Digits only, because letters are
 * spelt differently in Bangla and English and some (O/0, I/1) are confused.
 * The last digit is a Damm check digit, which catches every single wrong
 * digit and every swap of two neighbouring digits, the two mistakes people
 * make most when copying numbers. The GRS practice of mobile number + serial
 * is avoided on purpose: it would read the complainant's phone number aloud
 * (DSS-GRS-REFERENCE.md §3.4, §7.4).
 */

// Damm's weakly totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004).
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

const BODY_LENGTH = 8;
const LENGTH = BODY_LENGTH + 1;
// Bodies run from 10000000 to 99999999 so the first digit is never 0.
const BODY_MIN = 10n ** BigInt(BODY_LENGTH - 1);
const BODY_RANGE = 10n ** BigInt(BODY_LENGTH) - BODY_MIN;
const BANGLA_ZERO = 0x09e6;

/**
 * The Damm check digit of a string of Latin digits: the digit that, appended,
 * makes the whole string check.
 *
 * @example dammCheckDigit('48217390') // 8
 */
export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]?.[Number(ch)] ?? Number.NaN;
  if (!Number.isInteger(interim)) throw new RangeError(`not a string of digits: ${JSON.stringify(digits)}`);
  return interim;
}

/**
 * Whether a string is one of our tracking numbers: nine Latin digits, first
 * not 0 (we never issue one), Damm check passes.
 *
 * @example isTrackingNumber('482173908') // true
 * @example isTrackingNumber('482173905') // false
 */
export function isTrackingNumber(canonical: string): boolean {
  return /^[1-9]\d{8}$/.test(canonical) && dammCheckDigit(canonical) === 0;
}

/**
 * Derives a tracking number from a case's id, so the same case always gets
 * the same number. Nine digits, no dashes. The body has 90 million values:
 * two cases can collide (by the birthday bound, even odds near 11,000 cases),
 * so store it under a unique constraint and, on a clash, retry with another
 * seed such as `${id}:1`.
 *
 * @example makeTrackingNumber('id-7') // '880160905', the same on every call
 */
export function makeTrackingNumber(seed: string): string {
  const hash = BigInt(`0x${createHash('sha256').update(seed, 'utf8').digest('hex')}`);
  const body = String(BODY_MIN + (hash % BODY_RANGE));
  return `${body}${dammCheckDigit(body)}`;
}

/**
 * Shows a tracking number in groups of three, in the user's digits, because
 * "৪৮২-১৭৩-৯০৮" is easier to read out over the phone than nine digits in a row.
 *
 * @example formatTrackingNumber('482173908', 'bn') // '৪৮২-১৭৩-৯০৮'
 * @example formatTrackingNumber('482173908', 'en') // '482-173-908'
 */
export function formatTrackingNumber(canonical: string, lang: 'bn' | 'en'): string {
  if (!/^\d{9}$/.test(canonical)) throw new RangeError(`not a canonical tracking number: ${JSON.stringify(canonical)}`);
  const grouped = `${canonical.slice(0, 3)}-${canonical.slice(3, 6)}-${canonical.slice(6)}`;
  return lang === 'bn' ? grouped.replace(/\d/g, (d) => String.fromCodePoint(BANGLA_ZERO + Number(d))) : grouped;
}

/**
 * Why a reply could not be read as a tracking number.
 *
 * @example const why: TrackingNumberProblem = 'bad_check' // a typo: ask them to look again
 */
export type TrackingNumberProblem = 'not_a_number' | 'wrong_length' | 'bad_check';

/**
 * The outcome of {@link parseTrackingNumber}.
 *
 * @example const r: ParsedTrackingNumber = { ok: true, number: '482173908' }
 */
export type ParsedTrackingNumber = { ok: true; number: string } | { ok: false; reason: TrackingNumberProblem };

// One run of digits with the separators people put between groups: spaces,
// dashes of any kind, dots, underscores, slashes; at most three in a row so
// numbers in different sentences stay apart.
const DIGIT_RUN = /\d(?:[\s.\-_/\u2010-\u2015]{0,3}\d)*/g;
const SEPARATORS = /[\s.\-_/\u2010-\u2015]+/;

/**
 * Every way of taking whole consecutive groups of one digit run that gives
 * nine digits. Whole groups only, so nine digits are never cut out of the
 * middle of a phone number, but an age typed just before ("৬৭ ৪৮২ ১৭৩ ৯০৮")
 * does not spoil the number after it.
 */
function nineDigitCandidates(text: string): { candidates: string[]; sawDigits: boolean } {
  const candidates: string[] = [];
  const runs = normaliseDigits(text.normalize('NFC')).match(DIGIT_RUN) ?? [];
  for (const run of runs) {
    const groups = run.split(SEPARATORS);
    for (let start = 0; start < groups.length; start++) {
      let joined = '';
      for (let end = start; end < groups.length && joined.length < LENGTH; end++) {
        joined += groups[end] ?? '';
        if (joined.length === LENGTH) candidates.push(joined);
      }
    }
  }
  return { candidates, sawDigits: runs.length > 0 };
}

/**
 * Reads a tracking number the user typed: Bangla or Latin digits, with any
 * spaces, dashes or dots, any prefix ("#", "SETU-", "সেতু") and words around
 * it. A nine-digit group that fails the check is `bad_check` (a typo: ask
 * them to look again); digits but no nine-digit group is `wrong_length`.
 * A number starting with 0 is `bad_check` as well, since none is issued.
 *
 * @example parseTrackingNumber('আমার ট্র্যাকিং নম্বর ৪৮২-১৭৩-৯০৮') // { ok: true, number: '482173908' }
 * @example parseTrackingNumber('482-173-905') // { ok: false, reason: 'bad_check' }
 */
export function parseTrackingNumber(text: string): ParsedTrackingNumber {
  const { candidates, sawDigits } = nineDigitCandidates(text);
  const found = candidates.find(isTrackingNumber);
  if (found !== undefined) return { ok: true, number: found };
  if (!sawDigits) return { ok: false, reason: 'not_a_number' };
  return { ok: false, reason: candidates.length > 0 ? 'bad_check' : 'wrong_length' };
}

/**
 * Whether the text holds what looks like a tracking number typed wrong: a run
 * of exactly nine digits (grouped or not) that fails the check, and no valid
 * number. A phone number or an NID (more digits) is not one.
 *
 * @example mistypedTrackingNumber('৪৮২ ১৭৩ ৯০৫') // true
 * @example mistypedTrackingNumber('01712345678') // false
 */
export function mistypedTrackingNumber(text: string): boolean {
  if (findTrackingNumber(text) !== null) return false;
  const runs = normaliseDigits(text.normalize('NFC')).match(DIGIT_RUN) ?? [];
  return runs.some((run) => run.replace(/\D/g, '').length === LENGTH);
}

/**
 * Finds a valid tracking number anywhere in free text ("my complaint
 * 482 173 908 is not solved"), or null. Only numbers that pass the check
 * count, so other nine-digit numbers are rarely mistaken for one.
 *
 * @example findTrackingNumber('অভিযোগ ৪৮২১৭৩৯০৮ এর কী হলো?') // '482173908'
 * @example findTrackingNumber('call 01712345678') // null
 */
export function findTrackingNumber(text: string): string | null {
  return nineDigitCandidates(text).candidates.find(isTrackingNumber) ?? null;
}
