/*
 * The words that mark a grievance as urgent, as data so adding a spelling is
 * a one-line change. Each entry is a word or a phrase of consecutive words,
 * matched word by word with tokenise/findPhrase: Bangla entries also match
 * with case endings (হাসপাতাল → হাসপাতালে, মৃত্যু → মৃত্যুর), Banglish and
 * English ones of four letters or more with -s/-r/-er. A word never matches
 * inside another word, so "মারা" does not fire on "মারামারি".
 * Write entries as people type them; they are normalised on load.
 */

/**
 * Why a case needs a human to look at it first.
 *
 * @example const why: UrgencyReason = 'no_food'
 */
export type UrgencyReason =
  | 'no_food'
  | 'serious_illness'
  | 'death_in_family'
  | 'eviction'
  | 'bribe'
  | 'elderly_no_income'
  | 'disabled_no_income';

/**
 * Every reason, in the order {@link detectUrgency} reports them: the threats to
 * life first.
 *
 * @example URGENCY_REASONS[0] // 'no_food'
 */
export const URGENCY_REASONS: readonly UrgencyReason[] = [
  'no_food',
  'serious_illness',
  'death_in_family',
  'eviction',
  'bribe',
  'elderly_no_income',
  'disabled_no_income',
];

/**
 * The reasons found in the words of a message; the other two come from the profile.
 *
 * @example const why: TextUrgencyReason = 'eviction'
 */
export type TextUrgencyReason = Exclude<UrgencyReason, 'elderly_no_income' | 'disabled_no_income'>;

/**
 * Words and phrases per reason, in Bangla, English and Banglish.
 *
 * Left out on purpose: "ভর্তি" alone (also school admission, and the
 * disability stipend is for students: "হাসপাতালে ভর্তি" is caught by
 * হাসপাতাল); "বের করে দিয়েছে" alone (also "they sent me out of the office");
 * "টাকা নিয়েছে" (also the honest fee at a Union Digital Centre); "মৃত" alone
 * (mostly "মৃত ব্যক্তি ভাতা পাচ্ছে", a report that a dead person is still paid).
 *
 * @example URGENCY_KEYWORDS.bribe.includes('ঘুষ') // true
 */
export const URGENCY_KEYWORDS: Readonly<Record<TextUrgencyReason, readonly string[]>> = {
  no_food: [
    'না খেয়ে', 'না খাইয়া', 'খাবার নেই', 'খাবার নাই', 'খাওয়া নেই', 'খাওয়া নাই', 'খাবার কেনার টাকা নেই', 'খেতে পাই না',
    'খেতে পাচ্ছি না', 'অনাহার', 'উপোস', 'উপবাস', 'ভাত নেই', 'ভাত নাই',
    // Said of someone else, or of days gone by: "খেতে পাননি", "দুই দিন কিছু খাননি".
    'খেতে পাননি', 'খেতে পায়নি', 'খেতে পান না', 'খেতে পায় না', 'খেতে পাচ্ছেন না', 'খেতে পাচ্ছে না', 'খেতে পারিনি', 'খাইনি', 'খাননি', 'খায়নি',
    'has not eaten', "hasn't eaten", 'have not eaten', "haven't eaten", 'not eaten', 'nothing to feed', 'no food to eat',
    'khete payni', 'khete pay na', 'khete pan na', 'khaini', 'khay ni', 'khayni',
    'no food', 'starving', 'starve', 'hungry', 'hunger', 'nothing to eat',
    'khabar nai', 'khabar nei', 'khaowa nai', 'na kheye', 'na khaiya', 'khete pai na', 'khaite pai na', 'upos', 'vat nai', 'bhat nai',
  ],
  serious_illness: [
    'ক্যান্সার', 'ক্যানসার', 'স্ট্রোক', 'হাসপাতাল', 'হাসপাতালে ভর্তি', 'মরণাপন্ন', 'মৃত্যুশয্যায়', 'খুব অসুস্থ', 'অসুস্থ খুব',
    'গুরুতর অসুস্থ', 'মারা যাচ্ছে', 'মারা যাচ্ছেন', 'আইসিইউ', 'অপারেশন',
    'cancer', 'stroke', 'hospital', 'hospitalised', 'hospitalized', 'dying', 'serious illness', 'seriously ill', 'very sick',
    'very ill', 'icu', 'operation',
    'hasptal', 'haspatal', 'hashpatal', 'hospitale', 'khub osustho', 'khub asustha', 'mara jacche',
  ],
  death_in_family: [
    'মারা গেছে', 'মারা গেছেন', 'মারা গেল', 'মারা গেলেন', 'মারা গিয়েছে', 'মারা গিয়েছেন', 'মারা যান', 'মারা যায়', 'মৃত্যু',
    'ইন্তেকাল', 'ইন্তেকাল করেছেন', 'পরলোকগমন',
    'died', 'death', 'passed away', 'dead',
    'mara geche', 'mara gese', 'mara gechen', 'mara gelo', 'mara gesen', 'intekal', 'mrittu', 'mirttu',
  ],
  eviction: [
    'উচ্ছেদ', 'ঘর ভেঙে', 'ঘর ভেঙ্গে', 'ঘর ভেঙে দিয়েছে', 'বাড়ি থেকে বের করে দিয়েছে', 'বাড়ি থেকে বের করে দিছে', 'ঘর থেকে বের করে দিয়েছে',
    'থাকার জায়গা নেই', 'থাকার জায়গা নাই', 'মাথা গোঁজার ঠাঁই নেই', 'গৃহহীন',
    // The home lost to a river or a flood leaves a family as homeless as an eviction does.
    'ঘর ভেসে গেছে', 'বাড়ি ভেসে গেছে', 'বন্যায় ঘর', 'নদীভাঙন', 'নদী ভাঙন', 'নদীতে ঘর',
    'evicted', 'eviction', 'homeless', 'thrown out of the house', 'nowhere to live', 'nowhere to stay',
    'washed away', 'house washed', 'home washed', 'lost our house', 'lost the house', 'river took', 'flood took',
    'uchhed', 'uched', 'ucched', 'thakar jayga nai', 'thakar jaga nai', 'ghor venge', 'ghor bhenge', 'bari theke ber kore diyeche',
  ],
  bribe: [
    'ঘুষ', 'ঘুস', 'উৎকোচ', 'টাকা চেয়েছে', 'টাকা চেয়েছেন', 'টাকা চায়', 'টাকা চাইছে', 'টাকা চাচ্ছে', 'টাকা চাচ্ছেন',
    'টাকা চাইল', 'টাকা দাবি', 'টাকা দাবী', 'টাকা ছাড়া হবে না', 'টাকা না দিলে',
    'bribe', 'bribery', 'asked for money', 'asking for money', 'wants money', 'demanded money', 'money demanded', 'demanding money',
    'ghush', 'ghus', 'ghoosh', 'ghuss', 'taka chay', 'taka chaise', 'taka chacche', 'taka cheyeche', 'taka dabi', 'taka na dile',
    'taka chara hobe na',
  ],
};

/**
 * Phrases saying a death was long ago ("৫ বছর আগে মারা গেছেন"): a widow's
 * complaint almost always mentions her husband's death, which is the reason
 * she qualifies, not an emergency. With one of these in the message a death
 * does not count as urgent.
 *
 * @example LONG_AGO.includes('বছর আগে') // true
 */
export const LONG_AGO: readonly string[] = [
  'বছর আগে', 'বছর আগেই', 'বছর হলো', 'বছর হয়ে গেছে', 'বছর হইছে', 'বছর পূর্বে',
  'years ago', 'year ago', 'years back', 'long ago', 'long time ago',
  'bochor age', 'bochhor age', 'bosor age', 'bochor hoye geche', 'bochor holo',
];

/**
 * The grievance category (from the intake flow) that is urgent by itself.
 *
 * @example BRIBE_CATEGORY // 'bribe'
 */
export const BRIBE_CATEGORY = 'bribe';

/**
 * The age from which a person with no income at all is urgent. It is the old
 * age allowance threshold for men (DSS-GRS-REFERENCE.md §1.1); women qualify
 * for the allowance from 62, but the urgency rule is one age for everyone,
 * since being 65 with nothing is urgent whatever the programme rules say.
 *
 * @example ELDERLY_AGE // 65
 */
export const ELDERLY_AGE = 65;
