import { describe, expect, it } from 'vitest';
import { maskNid, normaliseNid } from './nid.ts';

describe('normaliseNid', () => {
  it.each([
    ['1234567890', '1234567890'],
    ['১২৩৪৫৬৭৮৯০', '1234567890'],
    ['১২৩ ৪৫৬ ৭৮৯০', '1234567890'],
    ['123-456-7890', '1234567890'],
    ['১২৩-456-৭৮৯০', '1234567890'],
    ['2612345678901', '2612345678901'],
    ['২৬১২৩৪৫৬৭৮৯০১', '2612345678901'],
    ['0112345678901', '0112345678901'],
    ['19582612345678901', '19582612345678901'],
    ['১৯৫৮ ২৬১ ২৩৪৫৬৭৮৯০১', '19582612345678901'],
    ['20012612345678901', '20012612345678901'],
    ['আমার এনআইডি ১২৩ ৪৫৬ ৭৮৯০', '1234567890'],
    ['NID: 1234567890.', '1234567890'],
    ['nid number holo 1234567890', '1234567890'],
    ['বয়স ৬৭ ১২৩৪৫৬৭৮৯০', '1234567890'],
    ['1234567890, again 1234567890', '1234567890'],
  ])('%j → %s', (text, nid) => {
    expect(normaliseNid(text)).toEqual({ ok: true, nid });
  });

  it.each([
    ['', 'not_a_number'],
    ['জানি না', 'not_a_number'],
    ['NID', 'not_a_number'],
    ['0123456789', 'leading_zero'],
    ['০১২৩৪৫৬৭৮৯', 'leading_zero'],
    ['12345', 'wrong_length'],
    ['123456789', 'wrong_length'],
    ['12345678901', 'wrong_length'],
    ['01712345678', 'wrong_length'],
    ['123456789012', 'wrong_length'],
    ['12345678901234', 'wrong_length'],
    ['1234567890123456', 'wrong_length'],
    ['123456789012345678', 'wrong_length'],
    ['12342612345678901', 'bad_birth_year'],
    ['1234567890 and 9876543210', 'several_numbers'],
  ] as const)('%j → %s', (text, reason) => {
    expect(normaliseNid(text)).toEqual({ ok: false, reason });
  });
});

describe('maskNid', () => {
  it.each([
    ['1234567890', '•••••••890'],
    ['2612345678901', '••••••••••901'],
    ['19582612345678901', '••••••••••••••901'],
    ['১২৩৪৫৬৭৮৯০', '•••••••890'],
    ['123 456 7890', '•••••••890'],
  ])('%s → %s', (nid, masked) => {
    expect(maskNid(nid)).toBe(masked);
  });

  it.each(['', '৪৫৬', '12345', 'abc', '12345678901', 'NID 1234567890'])('masks %j entirely', (value) => {
    expect(maskNid(value)).toBe('••••');
  });

  it('never shows more than the last three digits', () => {
    for (const nid of ['1234567890', '2612345678901', '19582612345678901']) {
      expect(maskNid(nid).replace(/•/g, '')).toBe(nid.slice(-3));
    }
  });
});
