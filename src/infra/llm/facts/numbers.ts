import { parseNumber } from '../../../engine/parse/parseNumber.ts';
import { wordSet } from './phrases.ts';
import type { Tok } from './tokens.ts';

/** A number said in one or more tokens: "৬০০০", "৬ হাজার", "seventy two", "বাহাত্তর". */
export interface NumberSpan {
  value: number;
  start: number;
  end: number;
  /** Whether it was said with number words ("সত্তর") rather than digits. */
  words: boolean;
}

// Banglish number words people use for ages; parseNumber reads Bangla script and English only.
const BANGLISH_NUMBERS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    chollish: 40, ponchash: 50, poncash: 50, panchash: 50, shat: 60, shaat: 60,
    bashotti: 62, teshotti: 63, chowshotti: 64, choushotti: 64, poyshotti: 65, poishotti: 65, chheshotti: 66, cheshotti: 66,
    satshotti: 67, atshotti: 68, unosottor: 69, sottor: 70, shottor: 70, ekattor: 71, bahattor: 72, bahator: 72,
    tiyattor: 73, chuyattor: 74, pochattor: 75, pochator: 75, chhiyattor: 76, satattor: 77, atattor: 78, unashi: 79,
    ashi: 80, nobboi: 90, nobbui: 90,
  }),
);
// Words that parseNumber reads but that mostly mean something else here: নয় is "is not".
const NOT_NUMBERS = wordSet(['নয়', 'noy', 'one', 'এক']);
// Parts of a number that are not numbers alone: "৬ k", "পাঁচ শো", "সাড়ে তিন".
const NUMBER_PARTS = wordSet(['k', 'শো', 'শ', 'শত', 'সাড়ে', 'সোয়া', 'পৌনে', 'hajar', 'hazar', 'lakh', 'lac', 'hundred', 'thousand']);
const UNIT_AFTER_NOT = wordSet(['বছর', 'বছরের', 'হাজার', 'টাকা', 'মাস', 'year', 'years', 'taka', 'bochor']);
const MAX_PART_LENGTH = 12;

function wordValue(text: string, memo: Map<string, number | null>): number | null {
  const banglish = BANGLISH_NUMBERS.get(text);
  if (banglish !== undefined) return banglish;
  // Number words are short; a long word is never one, and parseNumber is not run on it.
  if (text.length > MAX_PART_LENGTH) return null;
  const seen = memo.get(text);
  if (seen !== undefined) return seen;
  const value = parseNumber(text);
  memo.set(text, value);
  return value;
}

/**
 * Every number in the tokens, skipping identifiers (phones, dates, tracking
 * numbers). Adjacent number tokens are read together ("১ লাখ ২০ হাজার");
 * when together they are not one number ("৬৫ ৭০") each digit token stands alone.
 *
 * @example numberSpans(tokeniseFacts('মাসে ৬ হাজার টাকা').toks) // [{ value: 6000, start: 1, end: 3, words: false }]
 */
export function numberSpans(toks: readonly Tok[]): NumberSpan[] {
  const memo = new Map<string, number | null>();
  const numeric = (i: number): boolean => {
    const t = toks[i];
    if (t === undefined || t.id === true) return false;
    if (t.kind === 'num') return true;
    if (NUMBER_PARTS.has(t.text)) return true;
    if (NOT_NUMBERS.has(t.text)) return UNIT_AFTER_NOT.has(toks[i + 1]?.text ?? '') || toks[i + 1]?.kind === 'num';
    return wordValue(t.text, memo) !== null;
  };
  const spans: NumberSpan[] = [];
  for (let i = 0; i < toks.length; ) {
    if (!numeric(i)) {
      i += 1;
      continue;
    }
    let end = i + 1;
    const clause = toks[i]?.clause;
    while (end < toks.length && toks[end]?.clause === clause && numeric(end)) end += 1;
    const part = toks.slice(i, end);
    const text = part.map((t) => (t.kind === 'num' ? t.text : (BANGLISH_NUMBERS.get(t.text)?.toString() ?? t.text))).join(' ');
    const value = part.length === 1 && part[0]?.kind === 'num' ? (part[0].value ?? null) : parseNumber(text);
    if (value !== null) spans.push({ value, start: i, end, words: part.some((t) => t.kind === 'word') });
    else {
      for (let k = i; k < end; k++) {
        const t = toks[k];
        if (t?.kind === 'num' && t.value !== undefined) spans.push({ value: t.value, start: k, end: k + 1, words: false });
      }
    }
    i = end;
  }
  return spans;
}
