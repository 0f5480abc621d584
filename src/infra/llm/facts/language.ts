import { wordSet } from './phrases.ts';
import type { Tok } from './tokens.ts';
import { BANGLISH, ENGLISH } from './words/languageWords.ts';

const BANGLA_SCRIPT = /[\u0980-\u09FF]/u;
const BN = wordSet(BANGLISH);
const EN = wordSet(ENGLISH);

/**
 * The language a message is written in. Any Bangla script is Bangla; in
 * Latin letters, Banglish words that outnumber (or tie with) English ones
 * make it Bangla too. With no letters at all it is Bangla, the language most
 * users write.
 *
 * @example languageOf('amar ma', tokeniseFacts('amar ma').toks) // 'bn'
 * @example languageOf('hello, I need help', tokeniseFacts('hello, I need help').toks) // 'en'
 */
export function languageOf(text: string, toks: readonly Tok[]): 'bn' | 'en' {
  if (BANGLA_SCRIPT.test(text)) return 'bn';
  let bn = 0;
  let en = 0;
  let letters = false;
  for (const t of toks) {
    if (t.kind !== 'word') continue;
    letters = true;
    if (BN.has(t.text)) bn += 1;
    else if (EN.has(t.text)) en += 1;
  }
  if (!letters) return /[A-Za-z]/.test(text) ? 'en' : 'bn';
  return bn > 0 && bn >= en ? 'bn' : 'en';
}
