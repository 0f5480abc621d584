import type { Category } from './routing.ts';
import { URGENCY_KEYWORDS } from './urgencyKeywords.ts';

/**
 * The words people use for each kind of complaint, as data: a one-line change
 * adds a spelling. Bangla entries match with case endings, as everywhere.
 * Checked in this order: a bribe named in a story about missing money is a
 * bribe complaint; rudeness beside a missing payment is about the rudeness.
 * `other` has no words: it is what is left.
 */
export const CATEGORY_WORDS: ReadonlyArray<readonly [Exclude<Category, 'other'>, readonly string[]]> = [
  ['bribe', URGENCY_KEYWORDS.bribe],
  [
    'misbehaviour',
    [
      'খারাপ ব্যবহার', 'দুর্ব্যবহার', 'গালি', 'গালিগালাজ', 'অপমান', 'ধমক', 'ধমকায়', 'তাড়িয়ে দিয়েছে', 'তাড়িয়ে দেয়', 'মারধর', 'হুমকি',
      'rude', 'misbehave', 'misbehaved', 'misbehaviour', 'misbehavior', 'insulted', 'shouted', 'abused', 'threatened', 'bad behaviour', 'bad behavior',
      'kharap bebohar', 'kharap byabohar', 'gali dise', 'gali diyeche', 'opoman', 'dhomok', 'tariye dise',
    ],
  ],
  [
    'exclusion',
    [
      'তালিকায় নাম নেই', 'তালিকায় নাম নাই', 'তালিকায় নেই', 'তালিকায় নাই', 'নাম ওঠেনি', 'নাম উঠেনি', 'নাম ওঠে নাই', 'নাম কেটে', 'নাম বাদ', 'বাদ দিয়েছে', 'বাদ পড়েছি', 'বাদ পড়েছে', 'কার্ড দেয় না', 'কার্ড দেয়নি', 'কার্ড করে দেয় না',
      'not on the list', 'left out', 'excluded', 'name removed', 'removed my name', 'not included', 'no card given',
      'talikay nam nai', 'talikay nai', 'nam othe nai', 'nam bad', 'bad diyeche', 'bad dise',
    ],
  ],
  [
    'inclusion',
    [
      'অযোগ্য লোক', 'অযোগ্য মানুষ', 'ধনী লোক', 'ধনী মানুষ', 'টাকাওয়ালা', 'স্বচ্ছল লোক', 'অবস্থাপন্ন', 'আত্মীয়দের দিয়েছে', 'নিজের লোককে', 'ভুয়া',
      'ineligible people', 'ineligible person', 'rich people', 'rich person', 'wrongly included', 'relatives of the member', 'fake beneficiary',
      'oyoggo lok', 'dhoni lok', 'takawala', 'nijer lok', 'bhuya', 'vuya',
    ],
  ],
  [
    'not_received',
    [
      'টাকা পাইনি', 'টাকা পাই নাই', 'টাকা পাই না', 'টাকা পাচ্ছি না', 'টাকা আসে নাই', 'টাকা আসেনি', 'টাকা আসছে না', 'টাকা আসে না', 'টাকা দেয় নাই', 'টাকা দেয়নি', 'টাকা দিচ্ছে না', 'টাকা বন্ধ', 'ভাতা বন্ধ', 'কিস্তি পাইনি', 'কিস্তি পাই নাই', 'ভাতা পাইনি', 'ভাতা পাচ্ছি না', 'ভাতা আসে নাই', 'ভাতা আসেনি',
      'not received', 'did not receive', "didn't receive", 'have not received', "haven't received", 'not getting the money', 'money not', 'payment not', 'no payment', 'stopped paying', 'money stopped', 'allowance stopped',
      'টাকা নিয়ে গেছে', 'টাকা তুলে নিয়েছে', 'took my money', 'took the money', 'took my allowance', 'taka niye geche', 'taka niye gese',
      'taka pai nai', 'taka painai', 'taka pai na', 'taka ase nai', 'taka asena', 'taka dey nai', 'bhata pai nai', 'vata pai nai', 'kisti pai nai', 'taka bondho',
    ],
  ],
];
