/**
 * The text normalisation every parser in this folder shares: digits, Unicode
 * form, case, spacing, and splitting into words that Bangla suffixes do not
 * hide. Kept in one place so that "৬৭", "67" and "٦٧" are the same answer
 * everywhere.
 */

const BANGLA_ZERO = 0x09e6;
const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/**
 * Maps Bangla (০-৯) and Arabic-Indic (٠-٩, ۰-۹) digits to 0-9, because phone
 * keyboards give people all three and every number must read the same.
 *
 * @example normaliseDigits('বয়স ৬৭') // 'বয়স 67'
 */
export function normaliseDigits(s: string): string {
  return s.replace(/[\u09E6-\u09EF\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const cp = d.codePointAt(0) ?? BANGLA_ZERO;
    const zero = cp >= BANGLA_ZERO ? BANGLA_ZERO : cp >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String(cp - zero);
  });
}

// Dari, question and exclamation marks in every script people type them in.
const TRAILING_PUNCTUATION = /[\s।॥৷?？؟!！.,，;:…'"“”‘’)\]]/u;

/**
 * Drops trailing punctuation by walking back from the end: the pattern
 * `[…]+$` would be tried from every position of a long run of marks that is
 * not at the end ("??…?a"), which is quadratic.
 */
function trimTrailingPunctuation(s: string): string {
  let end = s.length;
  // Every mark in the set is one UTF-16 unit, so stepping by units is safe.
  while (end > 0 && TRAILING_PUNCTUATION.test(s.charAt(end - 1))) end -= 1;
  return end === s.length ? s : s.slice(0, end);
}

/**
 * Puts free text into the one form all matching is done on: NFC, lower case,
 * single spaces, Latin digits, no trailing "।", "?", "!" or ".".
 * Zero-width joiners are dropped because keyboards insert them unpredictably
 * inside Bangla conjuncts, and the old "ত্‍" spelling becomes "ৎ".
 *
 * @example normaliseText('  আমার বয়স  ৬৭।  ') // 'আমার বয়স 67'
 */
export function normaliseText(s: string): string {
  return trimTrailingPunctuation(normaliseDigits(
    s
      .normalize('NFC')
      .replace(/\u09A4\u09CD\u200D/g, '\u09CE')
      .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
      .toLowerCase(),
  )
    .replace(/\s+/g, ' ')
    .trim());
}

// Emoji and keycap parts ("1️⃣") would otherwise cling to words as marks.
const EMOJI = /[\p{Extended_Pictographic}\uFE00-\uFE0F\u20E3]/gu;

/**
 * Splits text into normalised words on spaces, punctuation and emoji, so that
 * Bangla, which has no usable `\b`, can be matched word by word.
 *
 * @example tokenise('হ্যাঁ, আছে! 👍') // ['হ্যাঁ', 'আছে']
 */
export function tokenise(s: string): string[] {
  return normaliseText(s)
    .replace(EMOJI, ' ')
    // "i'm" is one word, or its "m" would read as the button for "male".
    .replace(/([a-z])['’]([a-z])/g, '$1$2')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((t) => t !== '');
}

// Case endings and classifiers that follow a Bangla noun without changing what
// it names: মায়ের, ভাতার, ছেলেকে, তালিকায়, বিধবাদের. A closed list rather than
// every prefix, so that "মা" never matches "মাসে" or "মারা" and "না" never
// matches "নাম"; plain "রা"/"রে" are left out for that reason.
const BANGLA_SUFFIXES: ReadonlySet<string> = new Set(
  [
    'ের', 'এর', 'র', 'য়ের', 'য়', 'য়ে', 'কে', 'ে', 'তে', 'টা', 'টি', 'টার', 'টির', 'টাকে', 'টিকে',
    'গুলো', 'গুলি', 'গুলোর', 'দের', 'েরা', 'এরা', 'ও', 'ই', 'টাও', 'কেও', 'েও',
  ].map((x) => x.normalize('NFC')),
);

// Banglish inflects the same way ("vatar", "babake"); English adds a plural.
const LATIN_SUFFIXES: ReadonlySet<string> = new Set(['s', 'r', 'er', 'ke', 'der', 'ra']);

const BANGLA_SCRIPT = /[\u0980-\u09FF]/;

/**
 * Whether one typed word is the given word, allowing the common Bangla and
 * Banglish endings ("ভাতার" is "ভাতা", "babar" is "baba"). Both arguments must
 * already be normalised words, as from {@link tokenise}. Latin words shorter
 * than four letters must match exactly, so "ma" is not "mas".
 *
 * @example matchesWord('মায়ের', 'মা') // true
 * @example matchesWord('মাসে', 'মা') // false
 */
export function matchesWord(token: string, word: string): boolean {
  if (token === word) return true;
  if (!token.startsWith(word)) return false;
  const rest = token.slice(word.length);
  if (BANGLA_SCRIPT.test(word)) return BANGLA_SUFFIXES.has(rest);
  return word.length >= 4 && LATIN_SUFFIXES.has(rest);
}

/**
 * Where a phrase (already tokenised) occurs in a list of words, as runs of
 * consecutive words, each allowed its ending by {@link matchesWord}. Returns
 * the start index of every occurrence.
 *
 * @example findPhrase(tokenise('আমার স্বামী মারা গেছে'), ['স্বামী', 'মারা']) // [1]
 */
export function findPhrase(tokens: readonly string[], phrase: readonly string[]): number[] {
  const starts: number[] = [];
  if (phrase.length === 0) return starts;
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((word, j) => matchesWord(tokens[i + j] ?? '', word))) starts.push(i);
  }
  return starts;
}
