import { normaliseDigits } from '../../text/normalise.ts';

/*
 * Bangladesh mobile numbers (DSS-GRS-REFERENCE.md §5.2): 11 digits nationally,
 * 01[3-9]XXXXXXXX, country code +880. People type them with +880, 880, 0088
 * or 88 in front (all of them the "88" country code followed by the national
 * number with its 0), with spaces or dashes, in Bangla digits, and inside a
 * sentence. Landlines and the closed 011 range are not accepted: the number
 * is for SMS updates and mobile payments.
 */

// "+880 (0)1712…": the country code followed by the national number with its
// trunk 0 is a common way of writing it, and "+88001712…" can mean nothing else.
const MOBILE = /^(?:\+?880?|00880?)?(01[3-9]\d{8})$/;
// A number as typed: an optional "+", digits, and separators between them.
const NUMBER_RUN = /\+?\d(?:[\s\-.()\u2010-\u2015]{0,3}\d)*/g;
const SEPARATOR = /[\s\-.()\u2010-\u2015]/g;
const E164 = /^\+8801([3-9])\d{5}(\d{3})$/;

const mobileOf = (typed: string): string | undefined => {
  const national = MOBILE.exec(typed.replace(SEPARATOR, ''))?.[1];
  return national === undefined ? undefined : `+88${national}`;
};

/** Whether a run of digits (Latin, no separators) is a Bangladesh mobile number, with or without its country code. */
export function isMobileNumber(digits: string): boolean {
  return mobileOf(digits) !== undefined;
}

/**
 * The outcome of {@link normalisePhone}.
 *
 * @example const r: NormalisedPhone = { ok: true, e164: '+8801712345678' }
 */
export type NormalisedPhone = { ok: true; e164: string } | { ok: false };

/**
 * Reads a Bangladesh mobile number from what the user typed and gives it in
 * E.164 form, `+8801XXXXXXXXX`. Bangla digits, spaces, dashes, dots,
 * brackets, a country-code prefix and words around it are fine. When the text
 * holds two different valid numbers the answer is `{ ok: false }`: guessing
 * would send someone's updates to the wrong phone.
 *
 * @example normalisePhone('আমার নম্বর ০১৭১২-৩৪৫৬৭৮') // { ok: true, e164: '+8801712345678' }
 * @example normalisePhone('+880 1712 345678') // { ok: true, e164: '+8801712345678' }
 * @example normalisePhone('01212345678') // { ok: false }
 */
export function normalisePhone(text: string): NormalisedPhone {
  const runs = normaliseDigits(text.normalize('NFC')).match(NUMBER_RUN) ?? [];
  const found = new Set<string>();
  for (const run of runs) {
    const whole = mobileOf(run);
    if (whole !== undefined) {
      found.add(whole);
      continue;
    }
    // "বয়স ৬৭ 01712345678": an unbroken number next to another one. Only whole
    // space-separated parts are tried, so "01712 345678 9" is not cut short.
    for (const part of run.split(/\s+/)) {
      const alone = mobileOf(part);
      if (alone !== undefined) found.add(alone);
    }
  }
  const [only] = found;
  return found.size === 1 && only !== undefined ? { ok: true, e164: only } : { ok: false };
}

/**
 * Shows a stored number without revealing it: the operator prefix and the
 * last three digits, so a user can still recognise their own phone. Anything
 * that is not an E.164 Bangladesh mobile is masked entirely rather than
 * shown, since this is used in logs and messages.
 *
 * @example maskPhone('+8801712345678') // '+880 17••-•••678'
 * @example maskPhone('hello') // '••••'
 */
export function maskPhone(e164: string): string {
  const m = E164.exec(e164);
  if (m === null) return '••••';
  return `+880 1${m[1] ?? ''}••-•••${m[2] ?? ''}`;
}
