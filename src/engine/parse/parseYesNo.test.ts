import { describe, expect, it } from 'vitest';
import { parseYesNo } from './parseYesNo.ts';

describe('parseYesNo', () => {
  it.each([
    'হ্যাঁ', 'হ্যা', 'হাঁ', 'হ্যাঁ।', 'জি', 'জ্বি', 'জি হ্যাঁ', 'জ্বি হ্যাঁ', 'আছে', 'হবে', 'ঠিক আছে', 'হুম', 'জি স্যার', 'হ্যাঁ হ্যাঁ',
    'yes', 'Yes!', 'Y', 'yeah', 'yep', 'ok', 'OK.', 'okay', 'Yes please', 'sure',
    'ha', 'haa', 'hya', 'ji', 'jee', 'ji ha', 'ache', 'hobe', 'thik ache',
    'হ্যাঁ, কার্ড আছে', 'হ্যাঁ, তবে কার্ড নেই', '👍 হ্যাঁ',
  ])('%j → yes', (text) => {
    expect(parseYesNo(text)).toBe('yes');
  });

  it.each([
    'না', 'নাহ', 'নেই', 'নাই', 'জি না', 'জ্বি না', 'নয়', 'না না', 'না, নেই', 'হবে না', 'না।',
    'no', 'No.', 'n', 'nope', 'no thanks', 'nah',
    'na', 'nai', 'nei', 'ji na', 'hobe na',
    'না, উনি কাজ করেন না',
  ])('%j → no', (text) => {
    expect(parseYesNo(text)).toBe('no');
  });

  it.each([
    // Both at once.
    'হ্যাঁ না',
    'হ্যাঁ, না',
    'yes no',
    'না, মানে হ্যাঁ',
    // A negated verb is not an answer: "I don't know", "I don't remember".
    'জানি না',
    'বুঝি না',
    'মনে নেই',
    "I don't know",
    'jani na',
    // Junk and empty.
    'asdfgh',
    '৫',
    '',
    '   ',
    '?',
    'কী?',
  ])('%j → null', (text) => {
    expect(parseYesNo(text)).toBeNull();
  });
});
