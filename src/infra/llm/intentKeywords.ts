import type { ProgrammeId } from '../../domain/programmes/schema.ts';
import type { Intent } from '../../engine/session.ts';

/*
 * The words the rules understander looks for, as data so that adding a
 * spelling is a one-line change. Each entry is a word or a phrase of
 * consecutive words; Bangla entries also match with case endings (ভাতা →
 * ভাতার, মা → মায়ের), Banglish ones with -r/-er/-ke (vata → vatar). Write
 * entries as people type them; they are normalised (NFC, lower case) on load.
 */

/**
 * The words that signal one intent.
 *
 * @example { intent: 'greeting', keywords: ['হ্যালো', 'hello', 'salam'] }
 */
export interface IntentKeywords {
  intent: Intent;
  keywords: readonly string[];
}

/**
 * Highest priority first: when a message hits several intents the first one
 * wins, so "ভাতা পাইনি, অভিযোগ" is a grievance and not an eligibility question.
 *
 * @example INTENT_KEYWORDS[0]?.intent // 'grievance'
 */
export const INTENT_KEYWORDS: readonly IntentKeywords[] = [
  {
    intent: 'grievance',
    keywords: [
      'অভিযোগ', 'অভিযোগ করতে', 'অভিযোগ করব', 'অভিযোগ দিতে', 'নালিশ', 'ঘুষ', 'দুর্নীতি', 'হয়রানি',
      'টাকা চায়', 'টাকা চাইছে', 'টাকা চেয়েছে', 'টাকা চাচ্ছে', 'টাকা নিয়েছে', 'টাকা দাবি', 'টাকা কেটে', 'কম দিয়েছে',
      'টাকা পাইনি', 'পাইনি', 'পাই নাই', 'পাইনাই', 'পাচ্ছি না', 'পাচ্ছে না', 'পাচ্ছেন না', 'পাই না', 'বন্ধ হয়ে গেছে', 'বন্ধ করে দিয়েছে',
      'complaint', 'complain', 'grievance', 'bribe', 'corruption', 'harassment', 'harassed', 'not received', 'did not get', 'didnt get',
      'not getting', 'asking for money', 'asked for money', 'wants money',
      'ovijog', 'obhijog', 'abhijog', 'ovijog korbo', 'nalish', 'ghush', 'ghus', 'ghoosh', 'taka pai nai', 'pai nai', 'paini', 'pai ni',
      'pacchi na', 'pachhi na', 'taka chay', 'taka chaise', 'taka chacche', 'durniti',
    ],
  },
  {
    intent: 'report',
    keywords: [
      'বাদ পড়েছে', 'বাদ পড়েছেন', 'বাদ পড়ে গেছে', 'বাদ পড়ে গেছেন', 'বাদ দিয়েছে', 'বাদ দিয়েছেন', 'তালিকায় নেই', 'তালিকায় নাই',
      'তালিকায় নাম নেই', 'তালিকায় নাম নাই', 'লিস্টে নাম নেই', 'লিস্টে নেই', 'রিপোর্ট', 'খবর দিতে', 'খবর দিন',
      'left out', 'excluded', 'report', 'not on the list', 'not in the list', 'missing from the list',
      'bad poreche', 'bad pore geche', 'bad diyeche', 'talikay nai', 'talikay nei', 'liste nai', 'liste nam nai', 'riport',
    ],
  },
  {
    intent: 'status',
    keywords: [
      'অবস্থা', 'স্ট্যাটাস', 'ট্র্যাকিং', 'ট্র্যাক', 'ট্রাকিং', 'কী হল', 'কি হল', 'কী হলো', 'কি হলো', 'কী হয়েছে', 'কি হয়েছে', 'কতদূর',
      'status', 'track', 'tracking', 'tracking number', 'what happened', 'update',
      'obostha', 'ki holo', 'ki hoilo', 'ki hoyeche', 'kotodur',
    ],
  },
  {
    intent: 'eligibility',
    keywords: [
      'ভাতা', 'পাবো', 'পাব', 'পাবে', 'পাবেন', 'পাবার', 'পাওয়ার', 'পাওয়া যাবে', 'পেতে', 'যোগ্য', 'যোগ্যতা', 'আবেদন', 'উপবৃত্তি',
      'চিকিৎসা সহায়তা', 'আর্থিক সহায়তা', 'সরকারি সাহায্য', 'সরকারি সহায়তা', 'কার্ড করতে',
      'allowance', 'eligible', 'eligibility', 'qualify', 'apply', 'application', 'benefit', 'stipend',
      'vata', 'bhata', 'vatta', 'bhatta', 'pabo', 'pabe', 'paben', 'pete', 'joggo', 'jogyo', 'abedon', 'aabedon', 'upobritti',
    ],
  },
  {
    intent: 'help',
    keywords: [
      'সাহায্য', 'সহায়তা', 'কী করতে পারেন', 'কি করতে পারেন', 'কী করতে পারো', 'কি করতে পারো', 'বুঝতে পারছি না', 'বুঝি না',
      'help', 'what can you do', 'how does this work', 'how to use', 'sahajjo', 'shahajjo', 'help chai', 'bujhi na', 'bujhte parchi na',
    ],
  },
  {
    intent: 'language',
    keywords: [
      'ভাষা', 'ইংরেজি', 'ইংরেজিতে', 'ইংলিশ', 'বাংলায়', 'বাংলাতে', 'language', 'english', 'in bangla', 'in bengali', 'bhasha', 'vasha',
    ],
  },
  {
    intent: 'greeting',
    keywords: [
      'হ্যালো', 'হাই', 'হেলো', 'আসসালামু আলাইকুম', 'আসসালামুআলাইকুম', 'সালাম', 'স্লামালেকুম', 'নমস্কার', 'আদাব', 'শুভ সকাল',
      'hi', 'hello', 'hey', 'helo', 'hlw', 'assalamualaikum', 'assalamu alaikum', 'asalamualaikum', 'as salamu alaikum', 'salam', 'slm',
      'namaskar', 'nomoskar', 'adab', 'good morning', 'good evening',
    ],
  },
];

/**
 * Words that name a complaint without making one. With a status word they ask
 * after a complaint already made: "অভিযোগের অবস্থা" (the menu's own label),
 * "what happened to my complaint".
 *
 * @example COMPLAINT_NOUNS.includes('complaint') // true
 */
export const COMPLAINT_NOUNS: readonly string[] = ['অভিযোগ', 'নালিশ', 'complaint', 'grievance', 'ovijog', 'obhijog', 'abhijog', 'nalish'];

/**
 * Status words too vague to outrank an eligibility question: "আমার অবস্থা খুব
 * খারাপ, ভাতা পাবো?" is about the allowance, not a status check.
 *
 * @example VAGUE_STATUS.includes('অবস্থা') // true
 */
export const VAGUE_STATUS: readonly string[] = ['অবস্থা', 'obostha', 'update', 'what happened', 'কী হয়েছে', 'কি হয়েছে', 'ki hoyeche'];

/**
 * The words that name one programme.
 *
 * @example { programme: 'widow', keywords: ['বিধবা', 'widow', 'bidhoba'] }
 */
export interface ProgrammeKeywords {
  programme: ProgrammeId;
  keywords: readonly string[];
}

/**
 * Every programme's names; when two unrelated programmes are named none is chosen.
 *
 * @example PROGRAMME_KEYWORDS.find((p) => p.programme === 'bede')?.keywords.includes('অনগ্রসর') // true
 */
export const PROGRAMME_KEYWORDS: readonly ProgrammeKeywords[] = [
  {
    programme: 'old_age',
    keywords: [
      'বয়স্ক', 'বয়স্ক ভাতা', 'বয়স্কভাতা', 'বৃদ্ধ', 'বৃদ্ধ ভাতা', 'বুড়ো', 'বুড়া', 'old age', 'elderly', 'senior citizen',
      'boyosko', 'boyoshko', 'boyosco', 'boiosko', 'boisko', 'boyska', 'briddho',
    ],
  },
  {
    programme: 'widow',
    keywords: [
      'বিধবা', 'বিধবা ভাতা', 'স্বামী পরিত্যক্তা', 'স্বামী নিগৃহীতা', 'স্বামী মারা গেছে', 'স্বামী মারা গেছেন', 'স্বামী মৃত',
      'widow', 'widowed', 'deserted', 'husband died', 'husband is dead', 'husband passed away', 'bidhoba', 'bidhoba vata', 'bidoba',
    ],
  },
  {
    programme: 'disability',
    keywords: [
      'প্রতিবন্ধী', 'প্রতিবন্ধি', 'প্রতিবন্ধিতা', 'প্রতিবন্ধী ভাতা', 'অটিজম', 'অটিস্টিক', 'সুবর্ণ কার্ড',
      'disability', 'disabled', 'handicapped', 'autism', 'autistic', 'protibondhi', 'protibondi', 'pratibandhi',
    ],
  },
  {
    programme: 'disability_stipend',
    keywords: ['উপবৃত্তি', 'শিক্ষা উপবৃত্তি', 'stipend', 'scholarship', 'upobritti', 'upobrritti', 'ubobritti'],
  },
  {
    programme: 'hijra',
    keywords: ['হিজড়া', 'হিজরা', 'তৃতীয় লিঙ্গ', 'hijra', 'hijda', 'third gender', 'transgender'],
  },
  {
    programme: 'bede',
    keywords: ['বেদে', 'অনগ্রসর', 'অনগ্রসর জনগোষ্ঠী', 'bede', 'bedey', 'onogroshor', 'backward community'],
  },
  {
    programme: 'patient_assistance',
    keywords: [
      'ক্যান্সার', 'ক্যানসার', 'কিডনি', 'কিডনী', 'লিভার সিরোসিস', 'সিরোসিস', 'স্ট্রোক', 'প্যারালাইসিস', 'থ্যালাসেমিয়া', 'হৃদরোগ',
      'রোগী', 'রোগি', 'চিকিৎসা সহায়তা', 'চিকিৎসা',
      'cancer', 'kidney', 'cirrhosis', 'stroke', 'paralysis', 'thalassemia', 'thalassaemia', 'patient', 'treatment',
      'rogi', 'chikitsa', 'chikitsha', 'kidni', 'kenser',
    ],
  },
];

/**
 * Someone other than the writer: relatives, neighbours, third-person pronouns.
 *
 * @example OTHER_PERSON.includes('মা') // true, and "মায়ের" matches it
 */
export const OTHER_PERSON: readonly string[] = [
  'মা', 'আম্মা', 'আম্মু', 'মাতা', 'বাবা', 'আব্বা', 'আব্বু', 'পিতা', 'দাদি', 'দাদী', 'নানি', 'নানী', 'দাদা', 'নানা', 'দাদু',
  'স্ত্রী', 'বউ', 'বৌ', 'স্বামী', 'ছেলে', 'মেয়ে', 'সন্তান', 'বোন', 'প্রতিবেশী', 'চাচা', 'চাচী', 'চাচি', 'খালা', 'খালু', 'মামা', 'মামী',
  'মামি', 'ফুফু', 'শ্বশুর', 'শাশুড়ি', 'শাশুড়ী', 'উনি', 'উনার', 'ওনার', 'তিনি', 'তার',
  'mother', 'mom', 'mum', 'father', 'dad', 'grandmother', 'grandfather', 'grandma', 'grandpa', 'wife', 'husband', 'son', 'daughter',
  'sister', 'neighbour', 'neighbor', 'aunt', 'uncle', 'he', 'she', 'him', 'his', 'her',
  'ma', 'amma', 'ammu', 'mayer', 'baba', 'abba', 'abbu', 'dadi', 'nani', 'dada', 'nana', 'bou', 'stri', 'shami', 'swami', 'chele', 'meye',
  'bon', 'protibeshi', 'chacha', 'khala', 'mama', 'uni', 'onar', 'unar',
];

/**
 * Relatives' words that are also how people address a stranger: "ভাই, আমি কি
 * ভাতা পাবো?" asks for the writer. They count only after a possessive
 * ("আমার ভাই") or with a case ending ("ভাইয়ের").
 *
 * @example ADDRESS_TERMS.includes('ভাই') // true
 */
export const ADDRESS_TERMS: readonly string[] = ['ভাই', 'ভাইয়া', 'bhai', 'vai', 'vaia', 'bhaiya', 'brother'];
/**
 * Words that make a following address term a relative.
 *
 * @example POSSESSIVES.includes('আমার') // true
 */
export const POSSESSIVES: readonly string[] = ['আমার', 'আমাদের', 'তার', 'ওনার', 'উনার', 'my', 'our', 'his', 'her', 'amar', 'amader'];

/**
 * The writer, including phrases about the writer's own circumstances that
 * mention a relative ("স্বামী মারা গেছে"); a relative named elsewhere still wins.
 *
 * @example SELF.includes('আমি') // true
 */
export const SELF: readonly string[] = [
  'আমি', 'আমার', 'আমাকে', 'নিজে', 'নিজের', 'i', 'me', 'my', 'myself', 'ami', 'amar', 'amake', 'nije', 'nijer',
  // The writer's own circumstances, though they name a relative.
  'ছেলে মেয়ে নেই', 'ছেলেমেয়ে নেই', 'স্বামী মারা গেছে', 'স্বামী মারা গেছেন', 'স্বামী মৃত', 'স্বামী নেই', 'স্বামী পরিত্যক্তা',
  'husband died', 'husband is dead', 'husband passed away', 'no children',
];
