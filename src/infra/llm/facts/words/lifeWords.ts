/*
 * What is said of a relative who is not the person asked about: dead,
 * alive, gone. "স্বামী মারা গেছেন" is the subject's circumstance (a widow),
 * not a question about the husband.
 */

/** How a relative mentioned beside the subject stands. */
export type LifeStatus = 'dead' | 'absent' | 'alive' | 'deserted' | 'neglect' | 'gives';

/** Said right after the relative ("স্বামী নাই", "স্ত্রী আছে", "ছেলে মেয়ে নেই"). */
export const RIGHT_AFTER: ReadonlyArray<readonly [string, LifeStatus]> = [
  ...['নাই', 'নেই', 'নাইরে', 'nai', 'nei', 'nay', 'naai', 'is no more'].map((w) => [w, 'absent'] as const),
  ...['আছে', 'আছেন', 'আছে কিন্তু', 'ache', 'ase', 'achhe', 'achen', 'asen'].map((w) => [w, 'alive'] as const),
];

/** Said a few words after the relative, in the same clause. */
export const LATER: ReadonlyArray<readonly [string, LifeStatus]> = [
  ...[
    'মারা', 'মইরা', 'মৃত', 'মৃত্যু', 'ইন্তেকাল', 'বেঁচে নেই', 'বেঁচে নাই', 'বেচে নেই', 'বেচে নাই', 'মরে গেছে', 'মরে গেছেন', 'গত হয়েছেন',
    'mara', 'mrito', 'mritto', 'mrittu', 'mirtto', 'intekal', 'beche nai', 'beche nei', 'bece nai',
    'died', 'dead', 'passed away', 'passed', 'expired', 'no more', 'deceased',
  ].map((w) => [w, 'dead'] as const),
  ...['বেঁচে আছেন', 'বেঁচে আছে', 'বেচে আছেন', 'beche ache', 'beche achen', 'alive', 'living with', 'still alive'].map((w) => [w, 'alive'] as const),
  ...[
    'ছেড়ে', 'ছেরে', 'তালাক', 'ডিভোর্স', 'আরেকটা বিয়ে', 'আরেক বিয়ে', 'আবার বিয়ে', 'চলে গেছে', 'খোঁজ নেয় না', 'খোজ নেয় না', 'খবর নেয় না',
    'পরিত্যক্তা', 'পরিত্যক্ত', 'নিগৃহীতা', 'chere', 'chhere', 'talak', 'divorce', 'arekta biye', 'arek biye', 'abar biye', 'chole gese', 'chole geche',
    'left', 'abandoned', 'divorced', 'deserted', 'remarried',
  ].map((w) => [w, 'deserted'] as const),
  ...[
    'দেখে না', 'দেখেনা', 'দেখাশোনা করে না', 'খোঁজ', 'খোজ', 'আলাদা', 'বিদেশে', 'বিদেশ',
    'dekhe na', 'dekhena', 'khoj', 'khoj ney na', 'alada', 'bidesh', 'bideshe',
    'dont look', 'do not look', 'doesnt look', 'look after', 'abroad', 'separately',
  ].map((w) => [w, 'neglect'] as const),
  ...['দেয়', 'দেন', 'পাঠায়', 'পাঠান', 'dey', 'den', 'pathay', 'gives', 'sends', 'give', 'send'].map((w) => [w, 'gives'] as const),
];

/** After a relative in the genitive: living at their place ("ছেলের সংসারে থাকি", "meyer basay thaki"). */
export const AT_THEIR_PLACE: readonly string[] = ['সংসারে', 'বাসায়', 'বাড়িতে', 'সাথে', 'কাছে', 'somsare', 'basay', 'bashay', 'barite', 'sathe', 'kache'];

/** Before the relative: "late husband", "মরহুম স্বামী", "no children". */
export const BEFORE: ReadonlyArray<readonly [string, LifeStatus]> = [
  ...['মৃত', 'মরহুম', 'স্বর্গীয়', 'প্রয়াত', 'late', 'deceased', 'marhum'].map((w) => [w, 'dead'] as const),
  ...['no', 'without'].map((w) => [w, 'absent'] as const),
];

/** Words that may sit between a relative and what is said of them ("স্বামী তো নাই", "husband is dead"). */
export const LIFE_FILLERS: readonly string[] = ['তো', 'ও', 'কেউ', 'এখন', 'আর', 'ই', 'to', 'o', 'keu', 'ekhon', 'ar', 'is', 'was', 'are', 'has', 'have', 'still', 'also', 'already', 'both'];
