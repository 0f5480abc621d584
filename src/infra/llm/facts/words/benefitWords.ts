/*
 * Benefits a person already gets: an allowance (any programme, a VGD card,
 * an NGO grant) and a government job or pension. Present tense says a fact
 * ("ভাতা পাই"); the future asks a question ("ভাতা পাবো?") and says none.
 */

export const ALLOWANCE_NOUNS: readonly string[] = [
  'ভাতা', 'ভাতাও', 'সাহায্য', 'সহায়তা', 'সুবিধা', 'ভিজিডি', 'ভিজিএফ', 'ভিজিডি কার্ড',
  'bhata', 'vata', 'bhatta', 'vatta', 'sahajjo', 'shahajjo', 'sahajo', 'vgd', 'vgf', 'allowance', 'allowances', 'benefit', 'benefits',
];

/** Receiving now ("পাই", "pay", "gets"). */
export const RECEIVE_NOW: readonly string[] = [
  'পাই', 'পান', 'পায়', 'পাচ্ছি', 'পাচ্ছেন', 'পাচ্ছে', 'পাইতেছি', 'নেন', 'তোলেন',
  'pai', 'pay', 'pan', 'paen', 'pacchi', 'pachhi', 'pacche', 'paccen',
  'get', 'gets', 'getting', 'receive', 'receives', 'receiving',
];

/** Receiving with the negation fused on ("পাইনা", "paini"). */
export const RECEIVE_NOT: readonly string[] = [
  'পাইনা', 'পায়না', 'পাননা', 'পাইনি', 'পায়নি', 'পাননি', 'পাইনাই', 'পাইনাই', 'paina', 'payna', 'paini', 'payni', 'panna', 'painai',
];

/** Future or wish: a question about the allowance, which says nothing about now. */
export const RECEIVE_LATER: readonly string[] = [
  'পাবো', 'পাব', 'পাবে', 'পাবেন', 'পেতে', 'পাওয়া', 'পাওয়ার', 'পেয়েছি', 'পেতাম', 'পেতেন', 'pabo', 'pab', 'pabe', 'paben', 'pete', 'pawa', 'petam',
];

/** "gets nothing from the govt", "কিছুই পাই না". */
export const NOTHING_RECEIVED: readonly string[] = [
  'get nothing', 'gets nothing', 'getting nothing', 'receive nothing', 'receives nothing', 'nothing from the govt', 'nothing from the government',
  'কিছুই পাই না', 'কিছুই পান না', 'কিছুই পায় না', 'kichui pai na', 'kisui pai na',
];

export const PENSION: readonly string[] = [
  'পেনশন', 'পেনসন', 'সরকারি চাকরি', 'সরকারী চাকরি', 'সরকারি চাকুরী', 'সরকারি চাকুরি', 'অবসরপ্রাপ্ত সরকারি', 'সরকারি কর্মচারী',
  'pension', 'penson', 'sorkari chakri', 'sarkari chakri', 'sorkari chakuri', 'government pension', 'govt pension',
  'government employee', 'govt employee', 'government job', 'govt job', 'government service', 'civil servant', 'retired government',
];

/** Said of a pension or a government job: it is held ("পেনশন পাই", "চাকরি করতাম", "অবসর নিয়েছি"). */
export const PENSION_HELD: readonly string[] = [
  'পাই', 'পান', 'পায়', 'করি', 'করেন', 'করে', 'করতাম', 'করতেন', 'ছিলাম', 'ছিলেন', 'থেকে', 'অবসর', 'আছে',
  'pai', 'pay', 'pan', 'kori', 'koren', 'kore', 'kortam', 'korten', 'chilam', 'chilen', 'theke', 'ache', 'ase',
  'get', 'gets', 'receive', 'receives', 'with', 'retired', 'was', 'a', 'employee',
];
