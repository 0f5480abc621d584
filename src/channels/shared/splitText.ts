/** Telegram's message limit, in UTF-16 code units after entity parsing; our text is plain. The default here: Telegram came first. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** How good a break is: a higher rank is preferred. */
const Rank = { Space: 1, Sentence: 2, Line: 3, Paragraph: 4 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];

// '।' (dari) and '॥' end Bangla sentences; closing quotes or brackets may follow the mark.
const SENTENCE_END = /[.!?।॥…][)\]"'”’»]*$/u;
// A piece must never begin with something that only makes sense attached to the letter before it.
const ATTACHES_BACKWARD = /^[\p{M}\u200c\u200d]/u;
// Hasanta (virama) and the joiners glue a Bangla conjunct; cutting after them splits a letter.
const JOINS_FORWARD = /^[\u09cd\u200c\u200d]$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

interface Cut {
  /** End of this piece. */
  end: number;
  /** Start of the rest: whitespace between end and next is dropped. */
  next: number;
}

/**
 * Splits text into pieces a platform accepts (Telegram 4096, Messenger 2000), each at most `max` code units.
 * Prefers paragraph, then line, then sentence, then word breaks, and only cuts
 * inside a word at a grapheme boundary so Bangla conjuncts and vowel signs stay whole.
 * The whitespace at a break is dropped; nothing else is lost.
 * @example splitText('এক।\n\nদুই।', 5) // ['এক।', 'দুই।']
 */
export function splitText(text: string, max = TELEGRAM_TEXT_LIMIT): string[] {
  if (max < 1) throw new RangeError(`splitText: max must be at least 1, got ${max}`);
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = breakAtWhitespace(rest, max) ?? hardCut(rest, max);
    pieces.push(rest.slice(0, cut.end));
    rest = rest.slice(cut.next);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

function breakAtWhitespace(text: string, max: number): Cut | undefined {
  // A high-rank break close to the start would leave a needlessly short piece,
  // so the best rank is chosen among breaks in the second half first.
  const half = Math.floor(max / 2);
  let bestLate: (Cut & { rank: Rank }) | undefined;
  let latest: (Cut & { rank: Rank }) | undefined;
  const runs = /\s+/gu;
  for (let m = runs.exec(text); m !== null && m.index <= max; m = runs.exec(text)) {
    const end = m.index;
    const next = end + m[0].length;
    if (end === 0 || next >= text.length || ATTACHES_BACKWARD.test(text.slice(next, next + 1))) continue;
    const candidate = { end, next, rank: rankOf(m[0], text.slice(Math.max(0, end - 8), end)) };
    latest = candidate;
    if (end >= half && (bestLate === undefined || candidate.rank >= bestLate.rank)) bestLate = candidate;
  }
  return bestLate ?? latest;
}

function rankOf(whitespace: string, before: string): Rank {
  if (/\n[^\S\n]*\n/u.test(whitespace)) return Rank.Paragraph;
  if (whitespace.includes('\n')) return Rank.Line;
  if (SENTENCE_END.test(before)) return Rank.Sentence;
  return Rank.Space;
}

function hardCut(text: string, max: number): Cut {
  // Segmenting a little past the limit gives the boundary at `max` its real right-hand context.
  const window = text.slice(0, max + 32);
  let end = 0;
  for (const { index } of graphemes.segment(window)) {
    if (index > max) break;
    if (index > 0 && !JOINS_FORWARD.test(text.charAt(index - 1))) end = index;
  }
  if (end === 0) end = codePointCut(text, max);
  return { end, next: end };
}

/** A single grapheme longer than the limit: keep surrogate pairs whole at least. */
function codePointCut(text: string, max: number): number {
  const code = text.charCodeAt(max - 1);
  const highSurrogate = code >= 0xd800 && code <= 0xdbff;
  return highSurrogate && max > 1 ? max - 1 : max;
}
