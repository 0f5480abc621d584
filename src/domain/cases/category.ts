import { findPhrase, tokenise } from '../../text/normalise.ts';
import { CATEGORY_WORDS } from './categoryWords.ts';
import type { Category } from './routing.ts';

const ENTRIES = CATEGORY_WORDS.map(([category, phrases]) => ({ category, phrases: phrases.map((p) => tokenise(p)).filter((p) => p.length > 0) }));

/**
 * The kind of complaint a person's own words describe, or null when they do
 * not say: the form then asks. A suggestion for the form, shown in its summary
 * where the person can change it.
 *
 * @example categoryFromWords('৩ মাস ধরে বয়স্ক ভাতার টাকা আসে নাই') // 'not_received'
 * @example categoryFromWords('মেম্বার কার্ড করে দিতে ২০০০ টাকা ঘুষ চাইছে') // 'bribe'
 */
export function categoryFromWords(text: string): Exclude<Category, 'other'> | null {
  const tokens = tokenise(text);
  return ENTRIES.find((e) => e.phrases.some((p) => findPhrase(tokens, p).length > 0))?.category ?? null;
}
