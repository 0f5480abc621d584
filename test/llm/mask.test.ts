import { describe, expect, it } from 'vitest';
import { maskPersonalNumbers } from '../../src/infra/llm/mask.ts';

const mask = (s: string): string => maskPersonalNumbers(s).text;

describe('maskPersonalNumbers', () => {
  it.each([
    ['01712345678', '[PHONE]'],
    ['০১৭১২৩৪৫৬৭৮', '[PHONE]'],
    ['+8801712345678', '[PHONE]'],
    ['+৮৮০১৭১২৩৪৫৬৭৮', '[PHONE]'],
    ['8801912345678', '[PHONE]'],
    ['008801312345678', '[PHONE]'],
    ['+880 1712-345678', '[PHONE]'],
    ['01712-345678', '[PHONE]'],
    ['০১৭১২ ৩৪৫ ৬৭৮', '[PHONE]'],
    ['0171 - 234 - 5678', '[PHONE]'],
  ])('masks the phone number %s', (number, masked) => {
    expect(mask(`আমার নম্বর ${number}, ফোন দিবেন`)).toBe(`আমার নম্বর ${masked}, ফোন দিবেন`);
  });

  it.each([
    ['1234567890', '10 digits'],
    ['১২৩৪৫৬৭৮৯০', '10 Bangla digits'],
    ['1990123456789', '13 digits'],
    ['১৯৯০১২৩৪৫৬৭৮৯', '13 Bangla digits'],
    ['19901234567890123', '17 digits'],
    ['1990 1234 5678 9012 3', '17 digits in groups'],
    ['123-456-7890', '10 digits with dashes'],
  ])('masks the NID %s (%s)', (number) => {
    expect(mask(`NID ${number} দিলাম`)).toBe('NID [NID] দিলাম');
  });

  it.each(['123456789', '১২৩৪৫৬৭৮৯', '123-456-789', '123 456 789', '১২৩-৪৫৬-৭৮৯', '١٢٣٤٥٦٧٨٩', '१२३४५६७८९', '１２３４５６７８９'])(
    'masks the tracking number %s and keeps its digits here',
    (number) => {
      const masked = maskPersonalNumbers(`অভিযোগ ${number} এর খবর কি?`);
      expect(masked.text).toBe('অভিযোগ [TRACKING] এর খবর কি?');
      expect(masked.trackingNumbers).toEqual(['123456789']);
    },
  );

  it('masks any other run of more than 9 digits too', () => {
    expect(mask('account 12345678901234 no')).toBe('account [NUMBER] no');
    expect(mask('০১২৩৪৫৬৭৮৯০১')).toBe('[NUMBER]');
  });

  it('keeps ages, amounts, dates and short numbers as written', () => {
    const text = 'আমার মায়ের বয়স ৬৭, আয় মাসে ৩০০০ টাকা, ১,০০,০০০ টাকা ঋণ, জন্ম 01-01-1958, ঘর নং 12';
    expect(mask(text)).toBe(text);
    expect(maskPersonalNumbers(text).counts).toEqual({ phone: 0, nid: 0, tracking: 0, number: 0 });
  });

  it('masks every number in a message and counts them, leaving the words in between', () => {
    const masked = maskPersonalNumbers('ফোন 01812345678, NID ৯৯৮৮৭৭৬৬৫৫, tracking 111222333 আর 444555666; বয়স 70');
    expect(masked.text).toBe('ফোন [PHONE], NID [NID], tracking [TRACKING] আর [TRACKING]; বয়স 70');
    expect(masked.counts).toEqual({ phone: 1, nid: 1, tracking: 2, number: 0 });
    expect(masked.trackingNumbers).toEqual(['111222333', '444555666']);
  });

  it('takes a run of digits as one number, so no part of it goes out in clear', () => {
    // An age typed against a phone number: over-masked rather than half sent.
    expect(mask('বয়স 67 01712345678')).toBe('বয়স [NID]');
    expect(mask('017123456789')).toBe('[NUMBER]');
    expect(mask('01712345678')).not.toContain('1');
  });

  it('leaves text without numbers alone', () => {
    expect(mask('আমার মা কি বয়স্ক ভাতা পাবে?')).toBe('আমার মা কি বয়স্ক ভাতা পাবে?');
    expect(mask('')).toBe('');
  });
});
