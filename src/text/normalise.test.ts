import { describe, expect, it } from 'vitest';
import { findPhrase, matchesWord, normaliseDigits, normaliseText, tokenise } from './normalise.ts';

describe('normaliseDigits', () => {
  it.each([
    ['০১২৩৪৫৬৭৮৯', '0123456789'],
    ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['বয়স ৬৭', 'বয়স 67'],
    ['৬7', '67'],
    ['১০,০০০ টাকা', '10,000 টাকা'],
    ['no digits', 'no digits'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseDigits(input)).toBe(expected);
  });
});

describe('normaliseText', () => {
  it.each([
    ['  আমার বয়স  ৬৭।  ', 'আমার বয়স 67'],
    ['YES!', 'yes'],
    ['হ্যাঁ?', 'হ্যাঁ'],
    ['ঠিক আছে।।', 'ঠিক আছে'],
    ['Main\tMenu\n', 'main menu'],
    ['কি হলো???', 'কি হলো'],
    ['1)', '1'],
    ['২.', '2'],
    ['1.5', '1.5'],
    ['এটা কী?!…', 'এটা কী'],
    ['...', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it('makes the precomposed and decomposed spellings of য় the same', () => {
    expect(normaliseText('\u09DF')).toBe(normaliseText('\u09AF\u09BC'));
    expect(normaliseText('বয়স')).toBe(normaliseText('ব\u09AF\u09BCস'));
  });

  it('drops zero-width joiners keyboards put inside conjuncts', () => {
    expect(normaliseText('হ\u200D্যাঁ')).toBe('হ্যাঁ');
    expect(normaliseText('মা\u200Cসে')).toBe('মাসে');
  });

  it('reads the old ত্‍ spelling as ৎ', () => {
    expect(normaliseText('বা\u09A4\u09CD\u200Dসরিক')).toBe('বাৎসরিক');
  });
});

describe('tokenise', () => {
  it.each([
    ['হ্যাঁ, আছে! 👍', ['হ্যাঁ', 'আছে']],
    ['1️⃣ হ্যাঁ', ['1', 'হ্যাঁ']],
    ['👵 বয়স্ক ভাতা', ['বয়স্ক', 'ভাতা']],
    ['15000/month', ['15000', 'month']],
    ["I'm a woman", ['im', 'a', 'woman']],
    ['আমার মা—কি পাবে?', ['আমার', 'মা', 'কি', 'পাবে']],
    ['   ', []],
  ])('%j', (input, expected) => {
    expect(tokenise(input)).toEqual(expected);
  });
});

describe('matchesWord', () => {
  it.each([
    ['ভাতা', 'ভাতা', true],
    ['ভাতার', 'ভাতা', true],
    ['ভাতাটা', 'ভাতা', true],
    ['মায়ের', 'মা', true],
    ['মাকে', 'মা', true],
    ['বিধবাদের', 'বিধবা', true],
    ['তালিকায়', 'তালিকা', true],
    // Bangla words that merely begin like a keyword are other words.
    ['মাসে', 'মা', false],
    ['মারা', 'মা', false],
    ['মানুষ', 'মা', false],
    ['নাম', 'না', false],
    ['লক্ষ্য', 'লক্ষ', false],
    // Banglish and English endings, on words of four letters or more.
    ['vatar', 'vata', true],
    ['babake', 'baba', true],
    ['allowances', 'allowance', true],
    ['mas', 'ma', false],
    ['mar', 'ma', false],
    ['vata', 'vatar', false],
  ])('%j is %j: %s', (token, word, expected) => {
    expect(matchesWord(token, word)).toBe(expected);
  });
});

describe('findPhrase', () => {
  it('finds consecutive words, each with its ending', () => {
    expect(findPhrase(tokenise('আমার স্বামী মারা গেছে'), ['স্বামী', 'মারা'])).toEqual([1]);
    expect(findPhrase(tokenise('বয়স্কদের ভাতা চাই'), tokenise('বয়স্ক ভাতা'))).toEqual([0]);
  });

  it('does not join words that are apart', () => {
    expect(findPhrase(tokenise('টাকা আমি চায়'), ['টাকা', 'চায়'])).toEqual([]);
  });

  it('finds every occurrence, and nothing for an empty phrase', () => {
    expect(findPhrase(['na', 'na'], ['na'])).toEqual([0, 1]);
    expect(findPhrase(['na'], [])).toEqual([]);
  });
});
