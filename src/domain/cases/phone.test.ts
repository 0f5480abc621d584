import { describe, expect, it } from 'vitest';
import { maskPhone, normalisePhone } from './phone.ts';

const GP = '+8801712345678';

describe('normalisePhone', () => {
  it.each([
    ['01712345678', GP],
    ['০১৭১২৩৪৫৬৭৮', GP],
    ['০১৭১২-৩৪৫৬৭৮', GP],
    ['01712-345678', GP],
    ['0171 234 5678', GP],
    ['017.1234.5678', GP],
    ['+8801712345678', GP],
    ['+880 1712 345678', GP],
    ['+880-1712-345678', GP],
    ['+৮৮০ ১৭১২ ৩৪৫৬৭৮', GP],
    ['8801712345678', GP],
    ['880 1712345678', GP],
    ['008801712345678', GP],
    ['00 880 1712 345678', GP],
    ['88 01712345678', GP],
    ['+88 01712-345678', GP],
    ['+880 (0)1712 345678', GP],
    ['+88001712345678', GP],
    ['(+880) 1712-345678', GP],
    ['আমার নম্বর ০১৭১২-৩৪৫৬৭৮', GP],
    ['my number is 01712345678.', GP],
    ['amar number 01712345678 e call den', GP],
    ['বয়স ৬৭ 01712345678', GP],
    ['01712345678, 01712345678', GP],
    ['01312345678', '+8801312345678'],
    ['01412345678', '+8801412345678'],
    ['01512345678', '+8801512345678'],
    ['01612345678', '+8801612345678'],
    ['01812345678', '+8801812345678'],
    ['01912345678', '+8801912345678'],
  ])('%j → %s', (text, e164) => {
    expect(normalisePhone(text)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'empty'],
    ['জানি না', 'no digits'],
    ['01112345678', '011 (Citycell, closed)'],
    ['01212345678', '012 is not a mobile range'],
    ['01012345678', '010 is not a mobile range'],
    ['0171234567', 'ten digits'],
    ['017123456789', 'twelve digits'],
    ['01712 345678 9', 'a digit too many, spaced'],
    ['1712345678', 'no trunk 0 and no country code'],
    ['+9101712345678', 'another country code'],
    ['+8811712345678', 'a wrong country code'],
    ['029123456', 'a Dhaka landline'],
    ['01712345678 or 01812345678', 'two different numbers'],
    ['01712345678/01812345678', 'two different numbers with a slash'],
    ['01712abc345678', 'letters inside'],
  ])('%j → not ok (%s)', (text) => {
    expect(normalisePhone(text)).toEqual({ ok: false });
  });
});

describe('maskPhone', () => {
  it.each([
    [GP, '+880 17••-•••678'],
    ['+8801912000321', '+880 19••-•••321'],
    ['+8801312345999', '+880 13••-•••999'],
  ])('%s → %s', (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });

  it('shows only the operator prefix and the last three digits', () => {
    const masked = maskPhone(GP);
    expect(masked.replace(/\D/g, '')).toBe('88017678');
    for (const hidden of ['12345', '2345']) expect(masked).not.toContain(hidden);
  });

  it.each(['', '01712345678', '+8801212345678', '+88017123456789', 'hello', '+880 1712 345678'])(
    'masks %j entirely because it is not a normalised number',
    (value) => {
      expect(maskPhone(value)).toBe('••••');
    },
  );

  it('masks every number normalisePhone gives', () => {
    for (const text of ['01712345678', '+880 1912-000321', '০১৮১২৩৪৫৬৭৮']) {
      const r = normalisePhone(text);
      expect(r.ok && maskPhone(r.e164)).toMatch(/^\+880 1[3-9]••-•••\d{3}$/);
    }
  });
});
