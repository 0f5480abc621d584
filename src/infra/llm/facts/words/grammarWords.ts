/*
 * Negation, hedges and the small words between a fact and its negation.
 * Bangla negates after ("প্রতিবন্ধী না"), English before ("not disabled").
 */

export const NEGATION_AFTER: readonly string[] = [
  'না', 'নাই', 'নেই', 'নয়', 'নই', 'নন', 'নি', 'নাহ', 'নাইরে', 'নাতো', 'নাকি', 'নাও', 'নেইও', 'হয়নি', 'হয় নাই', 'হয়নাই', 'করা হয়নি', 'করা হয় নাই', 'করি নাই', 'করিনি', 'করেনি', 'পাইনি', 'পাই নাই',
  'na', 'nai', 'nei', 'noy', 'noi', 'non', 'ni', 'hoyni', 'hoy nai', 'hoini', 'kori nai', 'korini', 'paini',
];

export const NEGATION_BEFORE: readonly string[] = [
  'not', 'no', 'never', 'without', 'isnt', 'doesnt', 'dont', 'didnt', 'hasnt', 'havent', 'wasnt', 'arent', 'cannot', 'non', 'nor', 'none',
];

/** Words that may stand between a fact and its negation ("প্রতিবন্ধী তো না", "not a student", "doesn't have a card"). */
export const NEGATION_FILLERS: readonly string[] = [
  'তো', 'ও', 'কিন্তু', 'এখনো', 'এখনও', 'হয়', 'to', 'o', 'ekhono', 'hoy', 'a', 'an', 'any', 'the', 'is', 'have', 'has', 'got', 'been',
  'yet', 'get', 'receive', 'really', 'at', 'all', 'do', 'does', 'he', 'she', 'i', 'her', 'his', 'my',
];

/** Hedges that make a number approximate: an approximate age is not recorded. */
export const APPROXIMATE_BEFORE: readonly string[] = [
  'প্রায়', 'আনুমানিক', 'আনুমানিক', 'আন্দাজ', 'about', 'around', 'approximately', 'approx', 'almost', 'nearly', 'roughly', 'over', 'above',
  'praay', 'pray', 'prai', 'anumanik', 'more',
];
export const APPROXIMATE_AFTER: readonly string[] = [
  'এর কাছাকাছি', 'এর মতো', 'এর উপরে', 'এর বেশি', 'এর উপর', 'er kachakachi', 'er moto', 'er upore', 'er beshi', 'plus', 'or so', 'something',
];
