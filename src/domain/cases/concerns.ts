import { findPhrase, tokenise } from '../../text/normalise.ts';
import { TIERS, type Category, type Tier } from './routing.ts';

/*
 * A complaint about local staff must not be handled, or even read, by the
 * office it is about. Bribes and misbehaviour are about the union level by
 * default (the Union Social Worker is who citizens meet); words that name an
 * office lift that to the office named. Like the urgency rules these lean
 * towards flagging: a case sent one office higher than needed costs a day,
 * one left with the person it accuses costs the complaint.
 *
 * Matched word by word (tokenise/findPhrase): Bangla entries also match with
 * case endings (অফিসার → অফিসারের), English and Banglish ones of four letters
 * or more with -s/-r/-er ("officers", "services").
 */

/** Categories about a person's conduct rather than a list or a payment. */
const ABOUT_STAFF: ReadonlySet<string> = new Set<Category>(['bribe', 'misbehaviour']);

/** Words that name an office or its officer, per tier. Write entries as people type them. */
export const OFFICE_WORDS: Readonly<Record<Exclude<Tier, 'hq'>, readonly string[]>> = {
  union: [
    'ইউনিয়ন সমাজকর্মী', 'ইউনিয়ন সমাজ কর্মী', 'সমাজকর্মী', 'সমাজ কর্মী',
    'union social worker', 'social worker',
    'somajkormi', 'shomajkormi', 'samajkormi', 'somaj kormi', 'shomaj kormi',
  ],
  upazila: [
    'উপজেলা সমাজসেবা', 'উপজেলা সমাজ সেবা', 'উপজেলা সমাজসেবা অফিসার', 'সমাজসেবা অফিসার', 'সমাজসেবা কর্মকর্তা', 'সমাজ সেবা অফিসার',
    'উপজেলা অফিসার', 'ইউএসএসও',
    'upazila social services officer', 'upazila social service office', 'social services officer', 'social service officer', 'usso', 'upazila officer',
    'upazila somajseba', 'upojela somajseba', 'upozila somajseba', 'upazila shomajsheba', 'upojela shomajsheba', 'upazila samajseba',
    'upazila somaj seba', 'upojela somaj seba', 'somajseba officer', 'shomajsheba officer', 'samajseba officer', 'somajseba kormokorta',
  ],
  district: [
    'জেলা সমাজসেবা', 'জেলা সমাজ সেবা', 'উপপরিচালক', 'উপ পরিচালক',
    'district social services', 'district social service', 'deputy director',
    'jela somajseba', 'zila somajseba', 'jela shomajsheba', 'zila samajseba', 'upoporichalok', 'upo porichalok',
  ],
};

const PHRASES: readonly { tier: Tier; words: readonly string[] }[] = (Object.keys(OFFICE_WORDS) as (keyof typeof OFFICE_WORDS)[]).flatMap((tier) =>
  OFFICE_WORDS[tier].map((p) => ({ tier, words: tokenise(p) })),
).filter((p) => p.words.length > 0);

const rank = (t: Tier): number => TIERS.indexOf(t);

/** The higher of two tiers (null counts as none). @example higherTier('union', 'district') // 'district' */
export function higherTier(a: Tier | null, b: Tier | null): Tier | null {
  if (a === null) return b;
  if (b === null) return a;
  return rank(a) >= rank(b) ? a : b;
}

/**
 * The highest tier a complaint is about: 'union' for a bribe or misbehaviour,
 * or the highest office its words name; null when it is about no office.
 *
 * @example concernsTier('bribe', 'কেরানি টাকা চেয়েছে') // 'union'
 * @example concernsTier('not_received', 'The upazila social services officer refused') // 'upazila'
 * @example concernsTier('exclusion', 'আমার নাম তালিকায় নেই') // null
 */
export function concernsTier(category: string, text: string): Tier | null {
  let found: Tier | null = ABOUT_STAFF.has(category) ? 'union' : null;
  const tokens = tokenise(text);
  for (const p of PHRASES) if (rank(p.tier) > (found === null ? -1 : rank(found)) && findPhrase(tokens, p.words).length > 0) found = p.tier;
  return found;
}
