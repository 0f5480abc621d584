import { describe, expect, it } from 'vitest';
import { categoryFromWords } from './category.ts';

describe('categoryFromWords', () => {
  it.each([
    ['৩ মাস ধরে বয়স্ক ভাতার টাকা আসে নাই', 'not_received'],
    ['I have not received my old age allowance money for three months', 'not_received'],
    ['taka pai nai tin mash', 'not_received'],
    ['মেম্বার ভাতার কার্ড করে দিতে ২০০০ টাকা ঘুষ চাইছে, টাকা পাই না', 'bribe'],
    ['আমাদের গ্রামের এক বৃদ্ধা ভাতা পান না, তালিকায় নাম নেই', 'exclusion'],
    ['চেয়ারম্যানের আত্মীয়দের দিয়েছে, ধনী লোক ভাতা পায়', 'inclusion'],
    ['অফিসে গেলে খারাপ ব্যবহার করে, টাকা পাইনি', 'misbehaviour'],
  ] as const)('"%s" is %s', (text, category) => {
    expect(categoryFromWords(text)).toBe(category);
  });

  it.each(['অভিযোগ করতে চাই', 'I want to make a complaint', 'আমার বয়স ৬৮'])('"%s" does not say: the form asks', (text) => {
    expect(categoryFromWords(text)).toBeNull();
  });
});
