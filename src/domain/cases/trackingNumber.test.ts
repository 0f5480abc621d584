import { describe, expect, it } from 'vitest';
import {
  dammCheckDigit,
  findTrackingNumber,
  formatTrackingNumber,
  isTrackingNumber,
  makeTrackingNumber,
  parseTrackingNumber,
} from './trackingNumber.ts';

const seeds = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

// A valid number used throughout: body 48217390, Damm check digit 8.
const VALID = '482173908';

describe('dammCheckDigit', () => {
  it.each([
    // Damm's published example: 572 → check digit 4.
    ['572', 4],
    ['5724', 0],
    ['', 0],
    ['0', 0],
    ['48217390', 8],
  ])('%j → %i', (digits, check) => {
    expect(dammCheckDigit(digits)).toBe(check);
  });

  it('rejects anything but Latin digits', () => {
    expect(() => dammCheckDigit('12a')).toThrow(RangeError);
    expect(() => dammCheckDigit('১২')).toThrow(RangeError);
  });
});

describe('makeTrackingNumber', () => {
  it('is deterministic: the same seed gives the same number', () => {
    expect(makeTrackingNumber('id-7')).toBe('880160905');
    expect(makeTrackingNumber('id-7')).toBe(makeTrackingNumber('id-7'));
  });

  it('gives nine digits, first never 0, check digit valid, for 1,000 seeds', () => {
    for (const seed of seeds(1000, 'case')) {
      const n = makeTrackingNumber(seed);
      expect(n, seed).toMatch(/^[1-9]\d{8}$/);
      expect(isTrackingNumber(n), seed).toBe(true);
    }
  });

  it('spreads different seeds over different numbers', () => {
    const made = new Set(seeds(1000, 'spread').map(makeTrackingNumber));
    // 1,000 draws from 90 million: a clash is possible but should be rare.
    expect(made.size).toBeGreaterThanOrEqual(998);
  });

  it('accepts any seed text, including UUIDs, Bangla and the empty string', () => {
    for (const seed of ['3f1c2b7e-8a1d-4e0f-9b7a-2c4d6e8f0a1b', 'অভিযোগ-১', '']) {
      expect(isTrackingNumber(makeTrackingNumber(seed))).toBe(true);
    }
  });
});

describe('round trip', () => {
  it.each(['en', 'bn'] as const)('make → format(%s) → parse gives the number back, for 1,000 seeds', (lang) => {
    for (const seed of seeds(1000, `rt-${lang}`)) {
      const n = makeTrackingNumber(seed);
      expect(parseTrackingNumber(formatTrackingNumber(n, lang)), seed).toEqual({ ok: true, number: n });
      expect(findTrackingNumber(`my number is ${formatTrackingNumber(n, lang)}, please check`), seed).toBe(n);
    }
  });
});

describe('error detection', () => {
  const numbers = seeds(200, 'err').map(makeTrackingNumber);

  it('rejects EVERY single-digit substitution in every position of 200 numbers', () => {
    let tried = 0;
    for (const n of numbers) {
      for (let pos = 0; pos < n.length; pos++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === n[pos]) continue;
          const typo = `${n.slice(0, pos)}${d}${n.slice(pos + 1)}`;
          expect(isTrackingNumber(typo), `${n} → ${typo}`).toBe(false);
          expect(parseTrackingNumber(typo)).toEqual({ ok: false, reason: 'bad_check' });
          tried++;
        }
      }
    }
    expect(tried).toBe(200 * 9 * 9);
  });

  it('rejects EVERY adjacent transposition of different digits in 200 numbers', () => {
    let tried = 0;
    for (const n of numbers) {
      for (let pos = 0; pos + 1 < n.length; pos++) {
        const [a, b] = [n[pos], n[pos + 1]];
        if (a === b) continue;
        const swapped = `${n.slice(0, pos)}${b}${a}${n.slice(pos + 2)}`;
        expect(isTrackingNumber(swapped), `${n} → ${swapped}`).toBe(false);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(1000);
  });

  it('the check alone catches every substitution and transposition, not just the leading-zero rule', () => {
    // Exhaustive over a short body: the Damm property holds for any digits.
    for (let body = 0; body < 1000; body++) {
      const s = String(body).padStart(3, '0');
      const full = `${s}${dammCheckDigit(s)}`;
      for (let pos = 0; pos < full.length; pos++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === full[pos]) continue;
          expect(dammCheckDigit(`${full.slice(0, pos)}${d}${full.slice(pos + 1)}`)).not.toBe(0);
        }
        const [a, b] = [full[pos], full[pos + 1]];
        if (b !== undefined && a !== b) {
          expect(dammCheckDigit(`${full.slice(0, pos)}${b}${a}${full.slice(pos + 2)}`)).not.toBe(0);
        }
      }
    }
  });
});

describe('formatTrackingNumber', () => {
  it.each([
    [VALID, 'en', '482-173-908'],
    [VALID, 'bn', '৪৮২-১৭৩-৯০৮'],
    ['100000006', 'bn', '১০০-০০০-০০৬'],
  ] as const)('%s (%s) → %s', (n, lang, shown) => {
    expect(formatTrackingNumber(n, lang)).toBe(shown);
  });

  it('refuses a value that is not nine Latin digits', () => {
    expect(() => formatTrackingNumber('482-173-908', 'en')).toThrow(RangeError);
    expect(() => formatTrackingNumber('48217390', 'en')).toThrow(RangeError);
  });
});

describe('parseTrackingNumber', () => {
  it.each([
    ['482173908'],
    ['482-173-908'],
    ['482 173 908'],
    ['482.173.908'],
    ['482 - 173 - 908'],
    ['482–173–908'],
    ['  482173908  '],
    ['৪৮২-১৭৩-৯০৮'],
    ['৪৮২১৭৩৯০৮'],
    ['৪৮২-173-৯০৮'],
    ['#482-173-908'],
    ['# 482173908'],
    ['SETU482173908'],
    ['SETU-482-173-908'],
    ['setu-482173908'],
    ['Setu 482 173 908'],
    ['sEtU#482173908'],
    ['সেতু-৪৮২-১৭৩-৯০৮'],
    ['সেতু ৪৮২১৭৩৯০৮'],
    ['আমার ট্র্যাকিং নম্বর ৪৮২-১৭৩-৯০৮'],
    ['আমার ট্র্যাকিং নম্বর ৪৮২-১৭৩-৯০৮।'],
    ['my tracking number is 482-173-908.'],
    ['amar number 482173908 ki holo?'],
    ['বয়স ৬৭, নম্বর ৪৮২ ১৭৩ ৯০৮'],
    ['৬৭ ৪৮২ ১৭৩ ৯০৮'],
  ])('%j → ok', (text) => {
    expect(parseTrackingNumber(text)).toEqual({ ok: true, number: VALID });
  });

  it.each([
    ['', 'not_a_number'],
    ['জানি না', 'not_a_number'],
    ['SETU', 'not_a_number'],
    ['I lost it', 'not_a_number'],
    ['48217390', 'wrong_length'],
    ['৪৮২-১৭৩-৯০', 'wrong_length'],
    ['4821739080', 'wrong_length'],
    ['01712345678', 'wrong_length'],
    ['482-173-905', 'bad_check'],
    ['৪৮২-১৭৩-৯০৫', 'bad_check'],
    ['428-173-908', 'bad_check'],
    // Passes the check but begins with 0: we never issue such a number.
    [`01111111${dammCheckDigit('01111111')}`, 'bad_check'],
  ] as const)('%j → %s', (text, reason) => {
    expect(parseTrackingNumber(text)).toEqual({ ok: false, reason });
  });

  it('says bad_check rather than wrong_length when a nine-digit group is among other numbers', () => {
    expect(parseTrackingNumber('বয়স ৬৭ নম্বর ৪৮২-১৭৩-৯০৫')).toEqual({ ok: false, reason: 'bad_check' });
  });
});

describe('findTrackingNumber', () => {
  it.each([
    ['অভিযোগ ৪৮২১৭৩৯০৮ এর কী হলো?', VALID],
    ['my complaint 482 173 908 is not solved', VALID],
    ['SETU-482-173-908', VALID],
    ['phone 01712345678, case ৪৮২-১৭৩-৯০৮', VALID],
    ['call 01712345678', null],
    ['017 1234 5678', null],
    ['+880 1712 345 678', null],
    ['482-173-905', null],
    ['ভাতা পাইনি', null],
    ['', null],
    ['48217390 8', VALID],
  ])('%j → %j', (text, expected) => {
    expect(findTrackingNumber(text)).toBe(expected);
  });

  it('never cuts nine digits out of the middle of a longer unbroken number', () => {
    // 1482173908 contains the valid 482173908, but as one ten-digit group.
    expect(findTrackingNumber('1482173908')).toBeNull();
    expect(findTrackingNumber('4821739081')).toBeNull();
  });
});
