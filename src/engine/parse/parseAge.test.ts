import { describe, expect, it } from 'vitest';
import { parseAge } from './parseAge.ts';

describe('parseAge: ages', () => {
  it.each([
    ['৬৭', 67],
    ['67', 67],
    ['৭০ বছর', 70],
    ['70 years', 70],
    ['বয়স ৬৫', 65],
    ['আমার বয়স ৬৫ বছর।', 65],
    ['65 yrs', 65],
    ['62y', 62],
    ['age 62', 62],
    ['৬২ বছর ৬ মাস', 62],
    ['62 years 6 months', 62],
    ['বাষট্টি বছর ছয় মাস', 62],
    ['সত্তর', 70],
    ['পঁয়ষট্টি বছর', 65],
    ['sixty five', 65],
    ['boyos 66', 66],
    ['৬৫.৫', 65],
    ['সাড়ে পঁয়ষট্টি', 65],
    ['৮ মাস', 0],
    ['১৮ মাস', 1],
    ['0', 0],
    ['120', 120],
  ])('%j → %i years', (text, years) => {
    expect(parseAge(text)).toEqual({ ok: true, years });
  });
});

describe('parseAge: birth years', () => {
  it.each([
    ['১৯৫৫', 1955],
    ['1958', 1958],
    ['১৯৫৫ সালে জন্ম', 1955],
    ['born in 1960', 1960],
    ['1900', 1900],
    ['2026', 2026],
    ['2100', 2100],
  ])('%j → year %i', (text, year) => {
    expect(parseAge(text)).toEqual({ ok: false, reason: 'looks_like_year', year });
  });

  it('types the year so the caller can subtract it', () => {
    const age = parseAge('১৯৫৫');
    const years = !age.ok && age.reason === 'looks_like_year' ? 2026 - age.year : null;
    expect(years).toBe(71);
  });
});

describe('parseAge: rejected', () => {
  it.each([
    ['121', 'out_of_range'],
    ['250', 'out_of_range'],
    ['999', 'out_of_range'],
    ['1000', 'out_of_range'],
    ['1899', 'out_of_range'],
    ['2101', 'out_of_range'],
    ['-5', 'out_of_range'],
    ['10k', 'out_of_range'],
    ['abc', 'not_a_number'],
    ['asdfgh', 'not_a_number'],
    ['বয়স জানি না', 'not_a_number'],
    ['মনে নেই', 'not_a_number'],
    ['', 'not_a_number'],
    ['65 or 70', 'not_a_number'],
    ['৬৫ বা ৬৬', 'not_a_number'],
  ] as const)('%j → %s', (text, reason) => {
    expect(parseAge(text)).toEqual({ ok: false, reason });
  });
});
