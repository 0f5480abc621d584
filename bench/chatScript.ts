/**
 * What a bench's person types: a greeting (answered in Bangla, with the
 * menu), then an eligibility check to its result and back to the menu, over
 * and over. Every line gets an answer (checked with `npm run chat`); each
 * reply differs from the ones before and after it.
 */
export const OPENING: readonly string[] = ['হ্যালো'];
export const CYCLE: readonly string[] = ['১', '১', '৭০', 'মহিলা', 'বিধবা', 'না', 'না', 'না', 'মাসে ৫০০', 'না', 'না', 'হ্যাঁ', 'মেনু'];
