import { findPhrase, matchesWord, tokenise } from '../../text/normalise.ts';

/**
 * "আমার এলাকার হিসাব", "amar elakar hisb", "area report", "report card",
 * "ইউনিয়নের হিসাব", "gopalganj er hisab", "টুঙ্গিপাড়ার হিসাব": asks for the
 * public report card of an area. Returns the words left once the asking is
 * taken away (the place, if one was named; '' when none), or null when the
 * text asks for something else. Money or a complaint in the words ("ভাতার
 * টাকার হিসাব পাইনি") is a grievance, not this.
 *
 * @example asksForAreaFigures('আমার এলাকার হিসাব') // { place: '' }
 * @example asksForAreaFigures('gopalgonj er hisab') // { place: 'gopalgonj' }
 * @example asksForAreaFigures('ভাতার টাকার হিসাব পাইনি') // null
 */
export function asksForAreaFigures(text: string): { place: string } | null {
  const tokens = tokenise(text);
  if (tokens.length === 0 || tokens.length > MAX_WORDS || /\d{5,}/.test(tokens.join(''))) return null;
  const strong = STRONG.some((p) => findLoose(tokens, p));
  const figures = tokens.some((t) => FIGURE_WORDS.some((w) => similar(t, w)));
  if (!strong && !figures) return null;
  if (!strong && tokens.some((t) => OTHER_MATTERS.some((w) => matchesWord(t, w)))) return null;
  const place = placeWordsOf(tokens);
  const area = tokens.some((t) => AREA_WORDS.some((w) => similar(t, w)));
  // "হিসাব" alone is too common a word: with an area or a place named beside it, it asks for the figures.
  if (!strong && !area && place === '') return null;
  return { place };
}

/**
 * The words of a typed answer that may name a place, without the asking
 * around them ("tungipara er hisab dekhao" → "tungipara"), so that a place
 * search is not thrown by them ("dekhao" sounds like Dhaka).
 */
export function placeWordsOf(input: string | readonly string[]): string {
  const tokens = typeof input === 'string' ? tokenise(input) : input;
  const dropped = new Set<number>();
  for (const phrase of STRONG) {
    for (const start of findPhrasesLoose(tokens, phrase)) phrase.forEach((_, j) => dropped.add(start + j));
  }
  return tokens
    .filter((t, i) => !dropped.has(i) && !FIGURE_WORDS.some((w) => similar(t, w)) && !ASKING.some((w) => similar(t, w, ASKING_SLIP)))
    .join(' ');
}

/** A place name with its district and upazila, and a few words of asking: more is a story, not this. */
const MAX_WORDS = 12;

const words = (list: readonly string[]): string[][] => list.map((w) => tokenise(w)).filter((w) => w.length > 0);

/** Said alone, these ask for the report card. */
const STRONG = words([
  'report card', 'reportcard', 'score card', 'scorecard', 'area report', 'area figures', 'area statistics', 'area stats', 'area data',
  'local figures', 'open data', 'union report', 'upazila report', 'district report',
  'রিপোর্ট কার্ড', 'রিপোর্টকার্ড', 'এলাকার রিপোর্ট', 'এলাকার পরিসংখ্যান', 'elakar report', 'alakar report',
]);

/** Words for figures: a Latin one may be typed a letter wrong ("hisb", "hisaab"). */
const FIGURE_WORDS: readonly string[] = [
  'হিসাব', 'হিসেব', 'হিসাবনিকাশ', 'পরিসংখ্যান', 'খতিয়ান',
  'hisab', 'hishab', 'hisaab', 'hishaab', 'hiseb', 'hisheb', 'hisab', 'porisonkhan', 'porishongkhan',
  'figures', 'statistics', 'stats',
].map((w) => w.normalize('NFC'));

/** Words that say the figures are of an area. */
const AREA_WORDS: readonly string[] = [
  'এলাকা', 'অঞ্চল', 'ইউনিয়ন', 'উপজেলা', 'জেলা', 'পৌরসভা', 'ওয়ার্ড', 'থানা',
  'elaka', 'alaka', 'elaqa', 'union', 'upazila', 'upojela', 'upozila', 'zila', 'zilla', 'jela', 'pourashava', 'thana',
  'area', 'locality', 'district', 'municipality', 'ward', 'region',
].map((w) => w.normalize('NFC'));

/** Words of asking and small talk around a place's name, dropped before the place is looked for. */
const ASKING: readonly string[] = [
  'আমার', 'আমাদের', 'আমি', 'এলাকা', 'অঞ্চল', 'এর', 'র', 'দেখাও', 'দেখান', 'দেখাবেন', 'দেখতে', 'দেখি', 'চাই', 'জানতে', 'জানাও', 'জানান',
  'বলো', 'বলুন', 'বলেন', 'কত', 'কেমন', 'কী', 'কি', 'কিছু', 'দিন', 'দাও', 'প্লিজ', 'দয়া', 'করে', 'সব', 'মোট', 'এখানে', 'এখানকার', 'সেতু',
  'amar', 'amader', 'ami', 'elaka', 'alaka', 'elakar', 'er', 'dekhao', 'dekhan', 'dekhte', 'dekhi', 'chai', 'jante', 'janao', 'janan', 'janate',
  'bolo', 'bolen', 'bolun', 'koto', 'kemon', 'ki', 'kichu', 'din', 'dao', 'plz', 'pls', 'please', 'ekhane', 'ekhankar', 'setu',
  'show', 'me', 'the', 'of', 'for', 'in', 'at', 'my', 'our', 'what', 'are', 'is', 'how', 'give', 'see', 'want', 'to', 'i', 'local', 'about',
  'area', 'report', 'card', 'data', 'open',
].map((w) => w.normalize('NFC'));

/** A complaint about money or an allowance is not a question about an area's figures. */
const OTHER_MATTERS: readonly string[] = [
  'টাকা', 'ভাতা', 'ঘুষ', 'পাইনি', 'পাচ্ছি', 'taka', 'vata', 'bhata', 'ghush', 'ghus', 'paini', 'allowance', 'money', 'bribe', 'payment',
].map((w) => w.normalize('NFC'));

const LATIN = /^[a-z]+$/;
/** Latin words at least this long may be typed a letter wrong. */
const SLIP = 4;
/** Longer for the words of asking, so that a place one letter from one ("Amair", "amar") is not taken for it. */
const ASKING_SLIP = 5;

/** One word is another, with its ending ("এলাকার", "elakar"), or for a long enough Latin word, one slip away ("hisb", "elakr"). */
function similar(token: string, word: string, slip = SLIP): boolean {
  if (matchesWord(token, word)) return true;
  if (!LATIN.test(token) || !LATIN.test(word) || word.length < slip || token.length < SLIP) return false;
  return [token, ...['er', 'r', 's'].filter((s) => token.endsWith(s) && token.length - s.length >= 4).map((s) => token.slice(0, -s.length))].some(
    (t) => withinOneEdit(t, word),
  );
}

function findLoose(tokens: readonly string[], phrase: readonly string[]): boolean {
  return findPhrasesLoose(tokens, phrase).length > 0;
}

function findPhrasesLoose(tokens: readonly string[], phrase: readonly string[]): number[] {
  const exact = findPhrase(tokens, phrase);
  if (exact.length > 0) return exact;
  const starts: number[] = [];
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((word, j) => similar(tokens[i + j] ?? '', word))) starts.push(i);
  }
  return starts;
}

/** Optimal string alignment distance at most 1: one letter added, dropped, changed, or two swapped. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
