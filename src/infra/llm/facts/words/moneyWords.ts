import type { StatedIncome } from '../../../../engine/understanding.ts';

/*
 * Money as people mention it: amounts, periods, and the words that say
 * whether an amount is an income at all (a bribe, a hospital bill or the
 * allowance itself is not).
 */

export const TAKA: readonly string[] = ['টাকা', 'টাকার', 'টাকাও', 'টাকায়', '৳', 'taka', 'takar', 'tk', 'tka', 'bdt', 'tak'];

export const PERIODS: ReadonlyArray<readonly [string, StatedIncome['period']]> = [
  ...['দিনে', 'দৈনিক', 'রোজ', 'প্রতিদিন', 'দিনপ্রতি', 'হাজিরা', 'dine', 'din e', 'roj', 'roz', 'doinik', 'protidin', 'hajira', 'daily', 'a day', 'per day', 'every day', 'each day'].map(
    (w) => [w, 'day'] as const,
  ),
  ...['সপ্তাহে', 'সাপ্তাহিক', 'saptahe', 'shoptahe', 'weekly', 'a week', 'per week', 'every week'].map((w) => [w, 'week'] as const),
  ...[
    'মাসে', 'মাসিক', 'প্রতি মাসে', 'প্রতিমাসে', 'মাসপ্রতি', 'mase', 'mashe', 'maase', 'protimase', 'protimashe', 'masik', 'mashik',
    'monthly', 'a month', 'per month', 'every month', 'each month',
  ].map((w) => [w, 'month'] as const),
  ...['বছরে', 'বাৎসরিক', 'বার্ষিক', 'প্রতি বছর', 'bochore', 'bochhore', 'bosore', 'boshore', 'yearly', 'annually', 'annual', 'a year', 'per year', 'every year'].map(
    (w) => [w, 'year'] as const,
  ),
];

/** Earning, in any form; with an amount it is an income, with a negation it is none. */
export const INCOME_NOUNS: readonly string[] = [
  'আয়', 'আয়ের', 'রোজগার', 'রুজি', 'ইনকাম', 'উপার্জন', 'কামাই', 'কামায়', 'কামাই করি', 'বেতন', 'মজুরি', 'হাজিরা', 'সেলারি',
  'aay', 'ay', 'aai', 'income', 'inkam', 'rojgar', 'rozgar', 'kamai', 'kamay', 'beton', 'mojuri', 'salary', 'wage', 'wages',
  'earn', 'earns', 'earning', 'earnings', 'make', 'makes',
];

/** A person's work, which with a period and an amount is a wage. */
export const WORK_WORDS: readonly string[] = [
  'দিনমজুর', 'দিনমজুরি', 'কাজ করি', 'কাজ করে', 'কাজ করেন', 'রিকশা', 'ভিক্ষা', 'চালাই', 'চালায়', 'বিক্রি',
  'din mojur', 'dinmojur', 'dinmojuri', 'kaj kori', 'kaj kore', 'rickshaw', 'riksha', 'chalai', 'bikri', 'vikkha',
  'work', 'works', 'working', 'labourer', 'laborer', 'selling', 'drive', 'drives', 'job',
];

/** An amount in a clause with these is not an income. */
export const NOT_INCOME: readonly string[] = [
  'ঘুষ', 'চায়', 'চাইছে', 'চেয়েছে', 'চাচ্ছে', 'চাইল', 'দাবি', 'নিয়েছে', 'নিয়ে', 'নিছে', 'দিলে', 'দিতে', 'খরচ', 'লাগবে', 'লাগে', 'চিকিৎসা',
  'চিকিৎসায়', 'অপারেশন', 'ওষুধ', 'ঋণ', 'ধার', 'লোন', 'কিস্তি', 'ভাড়া', 'ভাতা', 'ভাতার', 'পেনশন', 'কম', 'কেটে', 'দাম', 'জরিমানা',
  'ghush', 'ghus', 'chay', 'chaise', 'chacche', 'dabi', 'niye', 'nise', 'dile', 'dite', 'khoroch', 'lagbe', 'lage', 'operation', 'oshudh',
  'rin', 'dhar', 'loan', 'kisti', 'vara', 'vata', 'bhata', 'vatar', 'bhatar', 'pension', 'kom',
  'bribe', 'asked', 'demand', 'demanding', 'took', 'cost', 'costs', 'need', 'needs', 'treatment', 'medicine', 'rent', 'allowance',
  'instalment', 'installment', 'jaygay',
];

/** "mase 1000 taka o income nai": not even that much. */
export const NOT_EVEN: readonly string[] = ['ও', 'o', 'even'];

/** A hand-out between relatives ("ছেলে মাসে ১০০০ টাকা দেয়"): the household's money. */
export const GIVE_WORDS: readonly string[] = ['দেয়', 'দেন', 'পাঠায়', 'পাঠান', 'পাঠাই', 'dey', 'den', 'pathay', 'gives', 'sends', 'send', 'get', 'gets'];

/** Verbs whose person is the writer ("কামাই করি", "pai"): the amount before them is the writer's. */
export const FIRST_PERSON_VERBS: readonly string[] = ['করি', 'পাই', 'চালাই', 'করতাম', 'পাচ্ছি', 'kori', 'pai', 'chalai', 'kortam', 'pacchi'];

/** Verbs of a third person ("কামায়", "pay", "earns"): not the writer's own money. */
export const THIRD_PERSON_VERBS: readonly string[] = [
  'কামায়', 'পায়', 'পান', 'করে', 'করেন', 'দেয়', 'দেন', 'kamay', 'pay', 'pan', 'kore', 'koren', 'dey', 'earns', 'gets', 'makes', 'gives', 'sends',
];
