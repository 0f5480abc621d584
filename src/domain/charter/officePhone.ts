import { normalisePhone } from '../cases/phone.ts';
import { normaliseDigits } from '../../text/normalise.ts';

/*
 * An office's phone as its officer types it: a mobile (01[3-9]…, checked by
 * the cases' own phone rules) or a landline (0 and an area code, 9 to 11
 * digits: Dhaka 02-…, 0431-…, IP phones 09…), in Bangla or Latin digits, with
 * +880/880/0088 in front or not, spaces, dashes, dots or brackets between.
 * Nothing else in the field: it is a number, not a sentence.
 */

// Only digits, an optional + and the separators people type between them.
const NUMBER_ONLY = /^\+?[\d\s\-.()\u2010-\u2015]+$/;
const SEPARATORS = /[\s\-.()\u2010-\u2015]/g;
const LANDLINE = /^0[2-9]\d{7,9}$/;
const MOBILE = /^01[3-9]\d{8}$/;

export type OfficePhone = { ok: true; stored: string } | { ok: false };

/**
 * Reads an office phone; `stored` is "+88" and the national number (with its 0).
 * @example parseOfficePhone('০১৭১২-৩৪৫৬৭৮') // { ok: true, stored: '+8801712345678' }
 * @example parseOfficePhone('02-9514567') // { ok: true, stored: '+88029514567' }
 * @example parseOfficePhone('+880 431 217345') // { ok: true, stored: '+880431217345' }
 * @example parseOfficePhone('12345') // { ok: false }
 */
export function parseOfficePhone(typed: string): OfficePhone {
  const text = normaliseDigits(typed.normalize('NFC')).trim();
  if (!NUMBER_ONLY.test(text)) return { ok: false };
  const mobile = normalisePhone(text);
  if (mobile.ok) return { ok: true, stored: mobile.e164 };
  const national = nationalNumber(text.replace(SEPARATORS, ''));
  if (national === null || MOBILE.test(national) || !LANDLINE.test(national)) return { ok: false };
  return { ok: true, stored: `+88${national}` };
}

/** The number after the country code (880, with or without +/00; "88" before the trunk 0 is the same), with its 0. */
function nationalNumber(digits: string): string | null {
  const international = digits.startsWith('+') || digits.startsWith('00');
  const rest = digits.replace(/^(?:\+|00)/, '');
  if (rest.startsWith('880')) return `0${rest.slice(3).replace(/^0/, '')}`;
  if (international) return null;
  return rest.startsWith('0') ? rest : null;
}

/**
 * A stored office phone as people dial it within the country: a mobile as 01712-345678, a landline as its digits;
 * in Bangla digits for Bangla readers.
 * @example showOfficePhone('+8801712345678', 'bn') // '০১৭১২-৩৪৫৬৭৮'
 */
export function showOfficePhone(stored: string, lang: 'bn' | 'en'): string {
  const national = stored.replace(/^\+88/, '');
  const grouped = MOBILE.test(national) ? `${national.slice(0, 5)}-${national.slice(5)}` : national;
  return lang === 'bn' ? grouped.replace(/\d/g, (d) => String.fromCodePoint(0x09e6 + Number(d))) : grouped;
}
