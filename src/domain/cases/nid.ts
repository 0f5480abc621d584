import { normaliseDigits } from '../../text/normalise.ts';

/*
 * National ID numbers (DSS-GRS-REFERENCE.md §5.1) come in three lengths:
 * 10 digits (smart card, first digit never 0), 13 digits (old card) and 17
 * digits (the old number with the 4-digit birth year in front). The smart
 * card's check digit is not public and the rules reported for its digits
 * ("no digit four times") are second-hand, so only length, the leading digit
 * and a 19xx/20xx birth year are checked: a stricter rule that turned out
 * wrong would shut real people out.
 */

// Separators people put inside long numbers; at most three in a row so two
// numbers in different parts of a sentence stay apart.
const DIGIT_RUN = /\d(?:[\s\-.\u2010-\u2015]{0,3}\d)*/g;
const SEPARATOR = /[\s\-.\u2010-\u2015]/g;

/**
 * Why a reply could not be read as an NID number.
 *
 * @example const why: NidProblem = 'leading_zero' // a 10-digit number never starts with 0
 */
export type NidProblem = 'not_a_number' | 'wrong_length' | 'leading_zero' | 'bad_birth_year' | 'several_numbers';

/**
 * The outcome of {@link normaliseNid}.
 *
 * @example const r: NormalisedNid = { ok: true, nid: '1234567890' }
 */
export type NormalisedNid = { ok: true; nid: string } | { ok: false; reason: NidProblem };

type Check = { ok: true; nid: string } | { ok: false; reason: Exclude<NidProblem, 'several_numbers' | 'not_a_number'> };

function check(digits: string): Check {
  if (digits.length === 10) return digits.startsWith('0') ? { ok: false, reason: 'leading_zero' } : { ok: true, nid: digits };
  if (digits.length === 13) return { ok: true, nid: digits };
  if (digits.length === 17) return /^(?:19|20)/.test(digits) ? { ok: true, nid: digits } : { ok: false, reason: 'bad_birth_year' };
  return { ok: false, reason: 'wrong_length' };
}

/**
 * Reads an NID number from what the user typed: Bangla or Latin digits,
 * spaces, dashes or dots inside, words around it. Gives the digits only.
 * Two different valid numbers in one message are `several_numbers`; a
 * 17-digit number must start with a birth year 19xx or 20xx.
 *
 * @example normaliseNid('আমার এনআইডি ১২৩ ৪৫৬ ৭৮৯০') // { ok: true, nid: '1234567890' }
 * @example normaliseNid('0123456789') // { ok: false, reason: 'leading_zero' }
 * @example normaliseNid('12345') // { ok: false, reason: 'wrong_length' }
 */
export function normaliseNid(text: string): NormalisedNid {
  const runs = normaliseDigits(text.normalize('NFC')).match(DIGIT_RUN) ?? [];
  if (runs.length === 0) return { ok: false, reason: 'not_a_number' };
  const valid = new Set<string>();
  const problems: Check[] = [];
  for (const run of runs) {
    const whole = check(run.replace(SEPARATOR, ''));
    if (whole.ok) {
      valid.add(whole.nid);
      continue;
    }
    problems.push(whole);
    // An age or a count typed just before the number: try each spaced part.
    for (const part of run.split(/\s+/)) {
      const alone = check(part.replace(SEPARATOR, ''));
      if (alone.ok) valid.add(alone.nid);
      else problems.push(alone);
    }
  }
  const [only, ...more] = valid;
  if (only !== undefined) return more.length === 0 ? { ok: true, nid: only } : { ok: false, reason: 'several_numbers' };
  // The most specific problem wins: a near miss says more than a wrong length.
  for (const reason of ['leading_zero', 'bad_birth_year'] as const) {
    if (problems.some((p) => !p.ok && p.reason === reason)) return { ok: false, reason };
  }
  return { ok: false, reason: 'wrong_length' };
}

/**
 * Shows an NID number with all but the last three digits hidden, keeping its
 * length so the user can tell which card it is. Anything that is not a 10,
 * 13 or 17 digit number is masked entirely, since this is used in logs.
 *
 * @example maskNid('1234567890') // '•••••••890'
 * @example maskNid('৪৫৬') // '••••'
 */
export function maskNid(nid: string): string {
  const digits = normaliseDigits(nid).replace(SEPARATOR, '');
  if (!/^\d+$/.test(digits) || ![10, 13, 17].includes(digits.length)) return '••••';
  return `${'•'.repeat(digits.length - 3)}${digits.slice(-3)}`;
}
