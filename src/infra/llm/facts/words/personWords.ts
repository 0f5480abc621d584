import type { MaritalStatus, Sex } from '../../../../domain/programmes/profile.ts';

/*
 * Marital status and sex said outright ("আমি বিধবা", "ami purush"). A
 * widow word says the sex too. Spellings as typed: বিধোবা, bidoba.
 */

export interface MaritalWord {
  status: MaritalStatus;
  sex?: Sex;
}

export const MARITAL_WORDS: ReadonlyArray<readonly [string, MaritalWord]> = [
  ...['বিধবা', 'বিধোবা', 'বিদবা', 'বিধাবা', 'বিধবাা', 'bidhoba', 'bidoba', 'bidhba', 'bidhoba', 'bidhuba', 'widow'].map(
    (w) => [w, { status: 'widowed', sex: 'female' }] as const,
  ),
  ...['বিপত্নীক', 'widower', 'biptnik'].map((w) => [w, { status: 'widowed', sex: 'male' }] as const),
  ...['widowed'].map((w) => [w, { status: 'widowed' }] as const),
  ...['তালাকপ্রাপ্তা', 'স্বামী পরিত্যক্তা', 'স্বামী পরিত্যাক্তা', 'স্বামী নিগৃহীতা', 'স্বামী পরিত্যক্ত'].map(
    (w) => [w, { status: 'deserted', sex: 'female' }] as const,
  ),
  ...['তালাকপ্রাপ্ত', 'তালাক প্রাপ্ত', 'তালাকপ্রাপ্তা', 'ডিভোর্সি', 'ডিভোর্সড', 'talak prapto', 'talakprapto', 'talak prapta', 'divorced', 'divorcee', 'deserted', 'separated'].map(
    (w) => [w, { status: 'deserted' }] as const,
  ),
  ...['বিবাহিত', 'বিবাহিতা', 'বিয়ে হয়েছে', 'বিয়ে হইছে', 'married', 'biye hoyeche', 'biye hoise', 'bibahito'].map(
    (w) => [w, { status: 'married' }] as const,
  ),
  ...[
    'অবিবাহিত', 'অবিবাহিতা', 'বিয়ে হয়নি', 'বিয়ে হয় নাই', 'বিয়ে হয় নি', 'বিয়ে করেনি', 'বিয়ে করে নাই', 'বিয়ে করেন নাই', 'বিয়ে দেইনি',
    'obibahito', 'obibahita', 'biye hoy nai', 'biye hoyni', 'biye koreni', 'biye kore nai',
    'unmarried', 'never married', 'not married', 'never been married', 'single',
  ].map((w) => [w, { status: 'never_married' }] as const),
];

export const SEX_WORDS: ReadonlyArray<readonly [string, Sex]> = [
  ...['মহিলা', 'নারী', 'বৃদ্ধা', 'বুড়ি', 'ছাত্রী', 'female', 'woman', 'lady', 'mohila', 'nari', 'briddha', 'chatri', 'girl'].map(
    (w) => [w, 'female'] as const,
  ),
  ...['পুরুষ', 'বৃদ্ধ', 'বুড়া', 'বুড়ো', 'ছাত্র', 'male', 'man', 'purush', 'briddho', 'chatro', 'boy'].map((w) => [w, 'male'] as const),
  ...['হিজড়া', 'হিজরা', 'তৃতীয় লিঙ্গ', 'hijra', 'hijda', 'hizra', 'third gender', 'transgender'].map((w) => [w, 'hijra'] as const),
];
