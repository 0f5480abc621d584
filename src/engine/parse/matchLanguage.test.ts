import { describe, expect, it } from 'vitest';
import { matchLanguage } from './matchLanguage.ts';

describe('matchLanguage', () => {
  it.each([
    ['বাংলা', 'bn'],
    ['বাংলা।', 'bn'],
    ['Bangla', 'bn'],
    ['bengali', 'bn'],
    ['বাংলায়', 'bn'],
    ['বাংলায় বলুন', 'bn'],
    ['বাংলাতে লিখুন প্লিজ', 'bn'],
    ['in bangla please', 'bn'],
    ['বাং\u09B2া\u09DF', 'bn'],
    ['English', 'en'],
    ['ENGLISH!', 'en'],
    ['ইংরেজি', 'en'],
    ['ইংরেজী', 'en'],
    ['ইংলিশ', 'en'],
    ['ইংরেজিতে বলুন', 'en'],
    ['in english', 'en'],
    ['english please', 'en'],
    ['switch to English', 'en'],
    ['English language', 'en'],
  ] as const)('%j → %s', (text, lang) => {
    expect(matchLanguage(text)).toBe(lang);
  });

  it.each([
    // "language" alone is the command that offers the choice.
    'language',
    'ভাষা',
    'change language',
    // Both named, or named inside a sentence about something else.
    'bangla or english',
    'বাংলা না ইংরেজি',
    'আমি বাংলাদেশে থাকি',
    'I do not speak English',
    'আমার মা ইংরেজি জানে না',
    'asdfgh',
    '',
    '1',
  ])('%j → null', (text) => {
    expect(matchLanguage(text)).toBeNull();
  });
});
