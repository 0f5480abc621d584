import type { Sex } from '../../../../domain/programmes/profile.ts';
import type { Relation } from '../../../../engine/understanding.ts';

/*
 * Who people write about. Entries are matched with the Bangla and Banglish
 * endings (মা → মায়ের, baba → babar), so list the bare word. Write them as
 * people type them, misspellings included.
 */

/**
 * One way of naming a relative. `couple` pairs spouses: the mother's
 * partner is the father, so "বাবা মারা গেছেন" makes a mother a widow.
 *
 * @example { words: ['মা', 'ma'], relation: 'mother', sex: 'female', couple: 'parent' }
 */
export interface RelationEntry {
  /** A stable name for the person named, so "মা" and "মায়ের" are one person. */
  id: string;
  words: readonly string[];
  relation: Relation;
  sex?: Sex;
  couple?: string;
  /** A husband or wife: the spouse of whoever they belong to. */
  spouse?: boolean;
}

export const RELATIONS: readonly RelationEntry[] = [
  { id: 'mother', relation: 'mother', sex: 'female', couple: 'parent', words: ['মা', 'আম্মা', 'আম্মু', 'মাতা', 'জননী', 'ma', 'maa', 'mar', 'amma', 'ammu', 'ammi', 'mayer', 'mother', 'mom', 'moms', 'mum', 'mums', 'mommy', 'mummy'] },
  { id: 'father', relation: 'father', sex: 'male', couple: 'parent', words: ['বাবা', 'আব্বা', 'আব্বু', 'পিতা', 'বাপ', 'baba', 'abba', 'abbu', 'father', 'dad', 'dads', 'daddy', 'papa'] },
  { id: 'husband', relation: 'husband', sex: 'male', spouse: true, words: ['স্বামী', 'স্বামি', 'সামী', 'সামি', 'সোয়ামি', 'সোয়ামী', 'husband', 'sami', 'shami', 'swami', 'shamee', 'samee', 'husbend'] },
  { id: 'wife', relation: 'wife', sex: 'female', spouse: true, words: ['স্ত্রী', 'স্ত্রি', 'বউ', 'বৌ', 'বিবি', 'wife', 'bou', 'stri', 'istri', 'bibi'] },
  { id: 'son', relation: 'son', sex: 'male', words: ['ছেলে', 'ছেলেরা', 'পুত্র', 'chele', 'sele', 'cheley', 'son'] },
  { id: 'daughter', relation: 'daughter', sex: 'female', words: ['মেয়ে', 'মেয়েরা', 'কন্যা', 'meye', 'maye', 'meyer', 'daughter'] },
  { id: 'grandmother', relation: 'grandmother', sex: 'female', couple: 'grand', words: ['নানী', 'নানি', 'নানু', 'দাদী', 'দাদি', 'nani', 'nanu', 'dadi', 'grandmother', 'grandma', 'granny'] },
  { id: 'grandfather', relation: 'grandfather', sex: 'male', couple: 'grand', words: ['নানা', 'দাদা', 'দাদু', 'nana', 'dada', 'dadu', 'grandfather', 'grandpa'] },
  { id: 'sister', relation: 'sister', sex: 'female', words: ['বোন', 'দিদি', 'bon', 'boner', 'didi', 'sister'] },
  { id: 'brother', relation: 'brother', sex: 'male', words: ['ভাই', 'ভাইয়া', 'দাদাভাই', 'bhai', 'vai', 'bhaiya', 'vaiya', 'brother'] },
  { id: 'neighbour', relation: 'neighbour', words: ['প্রতিবেশী', 'প্রতিবেশি', 'পাশের বাড়ির', 'পাশের বাড়ি', 'পাশের বাসার', 'protibeshi', 'protibesi', 'pasher barir', 'pasher bari', 'neighbour', 'neighbor'] },
  { id: 'chacha', relation: 'relative', sex: 'male', couple: 'chacha', words: ['চাচা', 'কাকা', 'chacha', 'kaka', 'uncle'] },
  { id: 'chachi', relation: 'relative', sex: 'female', couple: 'chacha', words: ['চাচী', 'চাচি', 'কাকী', 'কাকি', 'chachi', 'kaki', 'aunt', 'auntie'] },
  { id: 'khala', relation: 'relative', sex: 'female', couple: 'khala', words: ['খালা', 'khala'] },
  { id: 'khalu', relation: 'relative', sex: 'male', couple: 'khala', words: ['খালু', 'khalu'] },
  { id: 'mama', relation: 'relative', sex: 'male', couple: 'mama', words: ['মামা', 'mama'] },
  { id: 'mami', relation: 'relative', sex: 'female', couple: 'mama', words: ['মামী', 'মামি', 'mami'] },
  { id: 'fufu', relation: 'relative', sex: 'female', couple: 'fufu', words: ['ফুফু', 'ফুপু', 'পিসি', 'fufu', 'phupu', 'fupu', 'phuphu'] },
  { id: 'fufa', relation: 'relative', sex: 'male', couple: 'fufu', words: ['ফুফা', 'fufa', 'phupha'] },
  { id: 'shoshur', relation: 'relative', sex: 'male', couple: 'inlaw', words: ['শ্বশুর', 'শশুর', 'শ্বসুর', 'shoshur', 'sosur', 'shosur', 'father in law'] },
  { id: 'shashuri', relation: 'relative', sex: 'female', couple: 'inlaw', words: ['শাশুড়ি', 'শাশুড়ী', 'শ্বাশুড়ি', 'শাশুরি', 'shashuri', 'shashurir', 'sasuri', 'shashudi', 'mother in law'] },
  { id: 'bhabi', relation: 'relative', sex: 'female', words: ['ভাবি', 'ভাবী', 'bhabi', 'vabi'] },
  { id: 'jamai', relation: 'relative', sex: 'male', words: ['জামাই', 'jamai'] },
  { id: 'nati', relation: 'relative', sex: 'male', words: ['নাতি', 'nati', 'grandson'] },
  { id: 'natni', relation: 'relative', sex: 'female', words: ['নাতনি', 'নাতনী', 'natni', 'granddaughter'] },
  { id: 'cousin', relation: 'relative', sex: 'male', words: ['চাচাতো ভাই', 'খালাতো ভাই', 'মামাতো ভাই', 'ফুফাতো ভাই', 'chachato bhai', 'khalato bhai', 'mamato bhai', 'brother in law', 'dulabhai', 'দুলাভাই'] },
  { id: 'cousinf', relation: 'relative', sex: 'female', words: ['চাচাতো বোন', 'খালাতো বোন', 'মামাতো বোন', 'ফুফাতো বোন', 'chachato bon', 'khalato bon', 'sister in law', 'ননদ', 'ননাস'] },
  { id: 'relative', relation: 'relative', words: ['আত্মীয়', 'ভাগ্নে', 'ভাগ্নি', 'ভাতিজা', 'ভাতিজি', 'atmiyo', 'relative', 'nephew', 'niece', 'cousin'] },
];

/**
 * Relatives' words that are also how one addresses a stranger ("ভাই, আমি
 * কি পাবো?"): they name a relative only after a possessive or with an ending.
 */
export const ADDRESS_TERMS: readonly string[] = ['ভাই', 'ভাইয়া', 'আপা', 'bhai', 'vai', 'bhaiya', 'vaiya', 'apa', 'brother', 'bro'];

/** The writer. "আমার" before a relative is a possessive ("আমার মা"), not the writer as subject. */
export const SELF_WORDS: readonly string[] = ['আমি', 'আমার', 'আমাকে', 'আমারে', 'আমারও', 'মুই', 'মোর', 'মোরে', 'ami', 'amar', 'amr', 'amake', 'amare', 'i', 'im', 'me', 'my', 'myself', 'mine'];

/** Possessives that make a following relative word a relative ("আমার ভাই", "তার স্বামী"). */
export const POSSESSIVES: readonly string[] = ['আমার', 'আমাদের', 'তার', 'তাঁর', 'ওনার', 'উনার', 'ওর', 'amar', 'amr', 'amader', 'tar', 'onar', 'unar', 'my', 'our', 'his', 'her'];

/**
 * Third persons. `weak` ones ("তার", "its") also mean a thing, so they make a
 * subject only when nothing better is said.
 */
export const PRONOUNS: readonly string[] = ['উনি', 'তিনি', 'ওনার', 'উনার', 'তাঁর', 'সে', 'uni', 'tini', 'onar', 'unar', 'she', 'he', 'her', 'his', 'him', 'shes', 'hes'];
export const WEAK_PRONOUNS: readonly string[] = ['তার', 'তাকে', 'tar', 'take'];

/** Several people together: their "no income" is the subject's too, their wage is the household's. */
export const GROUP_WORDS: readonly string[] = [
  'আমরা', 'আমাদের', 'তাদের', 'তারা', 'দুজন', 'দুজনেই', 'দুজনের', 'দুজনেরই', 'দুইজন', 'দুইজনই', 'সংসার', 'পরিবার',
  'amra', 'amader', 'tader', 'tara', 'dujon', 'dujonei', 'we', 'our', 'us', 'their', 'they', 'family', 'household', 'somsar', 'poribar',
];

/** "এক"/"a" before a person noun: someone not related to the writer ("এক বিধবা মহিলা", "an old man"). */
export const INDEFINITES: readonly string[] = ['এক', 'একজন', 'ek', 'ekjon', 'a', 'an', 'one'];

/** Person nouns after an indefinite; `chele`/`meye` there are a boy and a girl, not a son and a daughter. */
export const STRANGER_NOUNS: ReadonlyArray<readonly [string, Sex | undefined]> = [
  ['মহিলা', 'female'], ['নারী', 'female'], ['বৃদ্ধা', 'female'], ['বিধবা', 'female'], ['মেয়ে', 'female'], ['বুড়ি', 'female'],
  ['mohila', 'female'], ['nari', 'female'], ['briddha', 'female'], ['bidhoba', 'female'], ['meye', 'female'], ['woman', 'female'],
  ['lady', 'female'], ['widow', 'female'], ['girl', 'female'],
  ['লোক', 'male'], ['পুরুষ', 'male'], ['বৃদ্ধ', 'male'], ['ছেলে', 'male'], ['বুড়া', 'male'], ['বুড়ো', 'male'],
  ['lok', 'male'], ['briddho', 'male'], ['chele', 'male'], ['man', 'male'], ['widower', 'male'], ['boy', 'male'],
  ['মানুষ', undefined], ['ব্যক্তি', undefined], ['manush', undefined],
];

/** What follows "আমি"/"I" when the writer describes themself, so "আমি একজন বিধবা" is not a stranger. */
export const SELF_COPULA: readonly string[] = ['আমি', 'ami', 'i', 'im', 'am'];

/**
 * Words right after a fact that make it general rather than about anyone
 * ("ক্যান্সার রোগীর সহায়তা", "disabled students", "পঙ্গু লোকদের জন্য").
 */
export const GENERIC_PEOPLE: readonly string[] = [
  'রোগী', 'রোগীর', 'রোগীদের', 'রোগি', 'রোগির', 'লোক', 'লোকদের', 'লোকের', 'মানুষ', 'মানুষদের', 'মানুষের', 'মহিলারা', 'মহিলাদের', 'ছাত্রদের',
  'জন্য', 'jonno', 'rogi', 'rogir', 'rogider', 'lokder', 'manusher', 'people', 'persons', 'person', 'patients', 'patient', 'students', 'women', 'men', 'children',
];
