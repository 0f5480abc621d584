import { describe, expect, it } from 'vitest';
import { matchChoice } from './matchChoice.ts';

const SEX = [
  { id: 'sex.male', labels: ['👨 পুরুষ', 'Man'], synonyms: ['ছেলে', 'man', 'm', 'purush', 'চাচা', 'দাদা', 'নানা'] },
  { id: 'sex.female', labels: ['👩 মহিলা', 'Woman'], synonyms: ['নারী', 'মেয়ে', 'woman', 'f', 'mohila', 'nari', 'খালা', 'দাদি', 'নানি'] },
  { id: 'sex.hijra', labels: ['হিজড়া', 'Hijra'], synonyms: ['হিজরা', 'তৃতীয় লিঙ্গ', 'third gender', 'transgender', 'hijra'] },
];

const MARITAL = [
  { id: 'ms.married', labels: ['১. বিবাহিত', '1. Married'], synonyms: ['বিবাহিতা', 'married'] },
  { id: 'ms.widowed', labels: ['২. বিধবা/বিপত্নীক', '2. Widowed'], synonyms: ['বিধবা', 'স্বামী মারা গেছে', 'widow'] },
  { id: 'ms.deserted', labels: ['৩. তালাকপ্রাপ্ত', '3. Divorced or deserted'], synonyms: ['তালাক', 'স্বামী নিগৃহীতা', 'divorced', 'separated'] },
  { id: 'ms.never', labels: ['৪. অবিবাহিত', '4. Never married'], synonyms: ['অবিবাহিতা', 'single', 'unmarried'] },
];

const YES_NO = [
  { id: 'yes', labels: ['হ্যাঁ', 'Yes'], synonyms: [] },
  { id: 'no', labels: ['না', 'No'], synonyms: [] },
];

describe('matchChoice: by position', () => {
  it.each([
    ['১', 'sex.male'],
    ['2', 'sex.female'],
    ['৩', 'sex.hijra'],
    ['3.', 'sex.hijra'],
    ['২)', 'sex.female'],
    [' ১ ', 'sex.male'],
    ['২ নং', 'sex.female'],
    ['2 no', 'sex.female'],
    ['option 3', 'sex.hijra'],
    ['٢', 'sex.female'],
  ])('%j → %s', (text, id) => {
    expect(matchChoice(text, SEX)).toBe(id);
  });

  it.each(['0', '৪', '4', '12', '১০০'])('%j is no button of three', (text) => {
    expect(matchChoice(text, SEX)).toBeNull();
  });
});

describe('matchChoice: the whole reply is a label or synonym', () => {
  it.each([
    ['পুরুষ', 'sex.male'],
    ['👨 পুরুষ', 'sex.male'],
    ['মহিলা', 'sex.female'],
    ['MAN', 'sex.male'],
    ['Woman!', 'sex.female'],
    ['m', 'sex.male'],
    ['F', 'sex.female'],
    ['mohila', 'sex.female'],
    ['হিজরা', 'sex.hijra'],
    ['Third Gender', 'sex.hijra'],
    ['হিজ\u09DCা', 'sex.hijra'],
  ])('%j → %s', (text, id) => {
    expect(matchChoice(text, SEX)).toBe(id);
  });

  it.each([
    ['বিবাহিত', 'ms.married'],
    ['১. বিবাহিত', 'ms.married'],
    ['Married', 'ms.married'],
    ['2. Widowed', 'ms.widowed'],
    ['বিধবা/বিপত্নীক', 'ms.widowed'],
    ['Divorced or deserted', 'ms.deserted'],
    ['অবিবাহিতা', 'ms.never'],
    ['হ্যাঁ', 'yes'],
    ['no', 'no'],
  ])('%j → %s', (text, id) => {
    const options = id === 'yes' || id === 'no' ? YES_NO : MARITAL;
    expect(matchChoice(text, options)).toBe(id);
  });
});

describe('matchChoice: the reply contains one option', () => {
  it.each([
    ['আমার মা মহিলা', SEX, 'sex.female'],
    ["I'm a woman", SEX, 'sex.female'],
    ['উনি পুরুষ মানুষ', SEX, 'sex.male'],
    ['তৃতীয় লিঙ্গের মানুষ', SEX, 'sex.hijra'],
    ['উনি বিধবা', MARITAL, 'ms.widowed'],
    ['বিধবার ভাতা', MARITAL, 'ms.widowed'],
    // The longer phrase wins over a shorter one inside it.
    ['আমার স্বামী মারা গেছে', MARITAL, 'ms.widowed'],
    ['she is a widow', MARITAL, 'ms.widowed'],
    ['জি হ্যাঁ', YES_NO, 'yes'],
  ] as const)('%j → %s', (text, options, id) => {
    expect(matchChoice(text, options)).toBe(id);
  });

  it.each([
    // Words for two options.
    ['নারী ও পুরুষ', SEX],
    ['ছেলের মেয়ে', SEX],
    ['হ্যাঁ না', YES_NO],
    // Words that only begin like an option's.
    ['মানুষ', SEX],
    ['নাম', YES_NO],
    ['mf', SEX],
    // Nothing at all.
    ['asdfgh', SEX],
    ['', SEX],
    ['😀', SEX],
    ['জানি না কী বলব', MARITAL],
  ] as const)('%j → null', (text, options) => {
    expect(matchChoice(text, options)).toBeNull();
  });
});

describe('matchChoice: order of the rules', () => {
  it('a bare number picks by position even when a label is a number', () => {
    const options = [
      { id: 'a', labels: ['2'], synonyms: [] },
      { id: 'b', labels: ['1'], synonyms: [] },
    ];
    expect(matchChoice('1', options)).toBe('a');
  });

  it('an exact label beats words contained in another option', () => {
    const options = [
      { id: 'short', labels: ['ভাতা'], synonyms: [] },
      { id: 'long', labels: ['বয়স্ক ভাতা'], synonyms: [] },
    ];
    expect(matchChoice('ভাতা', options)).toBe('short');
    expect(matchChoice('বয়স্ক ভাতা', options)).toBe('long');
  });
});
