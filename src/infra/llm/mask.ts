import { isMobileNumber } from '../../domain/cases/phone.ts';
import { normaliseDigits } from '../../text/normalise.ts';

/** The text with personal numbers replaced, what was replaced (counted), and the tracking numbers seen (Latin digits). */
export interface Masked {
  text: string;
  trackingNumbers: string[];
  counts: Record<Kind, number>;
}

type Kind = 'phone' | 'nid' | 'tracking' | 'number';

const PLACEHOLDER: Record<Kind, string> = { phone: '[PHONE]', nid: '[NID]', tracking: '[TRACKING]', number: '[NUMBER]' };

/**
 * A number as people type one: digits with at most a space or a dash (spaced or
 * not) between them, "017-1234 5678", "১২৩ ৪৫৬ ৭৮৯", possibly after a "+". The
 * whole run is one number: cutting a phone out of a longer run would leave the
 * rest of its digits in clear.
 */
const RUN = /(?<!\d)\+?\d(?:(?:[ \u00A0]?[-\u2010-\u2013][ \u00A0]?|[ \u00A0])?\d)*/g;

/** Devanagari and full-width digits too, which normaliseDigits leaves: each is one UTF-16 unit, as its Latin digit is. */
function latinDigits(text: string): string {
  return normaliseDigits(text).replace(/[\u0966-\u096F\uFF10-\uFF19]/g, (d) => String((d.codePointAt(0) ?? 0) - (d >= '\uFF10' ? 0xff10 : 0x0966)));
}

function kindOf(digits: string): Kind | null {
  if (isMobileNumber(digits)) return 'phone';
  if (digits.length === 10 || digits.length === 13 || digits.length === 17) return 'nid';
  if (digits.length === 9) return 'tracking';
  // Any other long number (an NID mistyped, a bank account) is nobody's business abroad either.
  if (digits.length > 9) return 'number';
  return null;
}

/**
 * Replaces phone numbers, NIDs and tracking numbers with placeholders before
 * text leaves the machine for a model; Bangla digits count like Latin ones.
 * Ages, amounts and dates (fewer than 9 digits) stay: the model needs them.
 *
 * @example maskPersonalNumbers('আমার নম্বর ০১৭১২-৩৪৫৬৭৮').text // 'আমার নম্বর [PHONE]'
 */
export function maskPersonalNumbers(text: string): Masked {
  // normaliseDigits maps each Bangla or Arabic-Indic digit to one Latin digit, so offsets
  // found in the copy are offsets in the original, whose words go out exactly as written.
  const latin = latinDigits(text);
  const counts: Record<Kind, number> = { phone: 0, nid: 0, tracking: 0, number: 0 };
  const trackingNumbers: string[] = [];
  let out = '';
  let at = 0;
  for (const m of latin.matchAll(RUN)) {
    const digits = m[0].replace(/\D/g, '');
    const kind = kindOf(digits);
    if (kind === null) continue;
    out += text.slice(at, m.index) + PLACEHOLDER[kind];
    at = m.index + m[0].length;
    counts[kind] += 1;
    if (kind === 'tracking') trackingNumbers.push(digits);
  }
  return { text: out + text.slice(at), trackingNumbers, counts };
}
