import { findPhrase, normaliseText, tokenise } from '../../text/normalise.ts';

/**
 * One button as shown: its texts in both languages and extra words people type for it.
 *
 * @example { id: 'sex.female', labels: ['👩 মহিলা', 'Woman'], synonyms: ['নারী', 'mohila'] }
 */
export interface ChoiceToMatch {
  id: string;
  labels: readonly string[];
  synonyms: readonly string[];
}

// "2", "২.", "2)", "২ নং", "2 no", "option 2": the position of a button.
const BARE_NUMBER = /^(?:option |অপশন )?(\d{1,2})\s*(?:\)|\.|নং|নম্বর|নাম্বার|no|number)?$/u;

/**
 * Matches a typed reply to the buttons that were on screen, so typing works
 * as well as tapping: first a position ("2", "২"), then a whole label or
 * synonym ("মহিলা", "👩 Woman"), then a reply that contains exactly one
 * option's words ("আমার মা বিধবা" → widowed). Returns null when nothing
 * matches or when the words fit more than one option.
 *
 * @example matchChoice('২', [{ id: 'a', labels: ['হ্যাঁ'], synonyms: [] }, { id: 'b', labels: ['না'], synonyms: [] }]) // 'b'
 * @example matchChoice('উনি বিধবা', [{ id: 'ms.widowed', labels: ['বিধবা'], synonyms: [] }]) // 'ms.widowed'
 */
export function matchChoice(text: string, options: readonly ChoiceToMatch[]): string | null {
  return byPosition(text, options) ?? byWholeText(text, options) ?? byContainedWords(text, options);
}

function byPosition(text: string, options: readonly ChoiceToMatch[]): string | null {
  const m = BARE_NUMBER.exec(normaliseText(text));
  if (!m) return null;
  const n = Number(m[1]);
  return options[n - 1]?.id ?? null;
}

/** The words of a label without emoji, punctuation or a leading "1." that buttons may carry. */
function key(text: string): string[] {
  const tokens = tokenise(text);
  const [first, ...rest] = tokens;
  return first !== undefined && /^\d+$/.test(first) && rest.length > 0 ? rest : tokens;
}

function phrasesOf(option: ChoiceToMatch): string[][] {
  return [...option.labels, ...option.synonyms].map(key).filter((k) => k.length > 0);
}

function byWholeText(text: string, options: readonly ChoiceToMatch[]): string | null {
  const typed = key(text).join(' ');
  if (typed === '') return null;
  const ids = new Set(options.filter((o) => phrasesOf(o).some((p) => p.join(' ') === typed)).map((o) => o.id));
  return single(ids);
}

interface Hit {
  id: string;
  start: number;
  end: number;
}

function byContainedWords(text: string, options: readonly ChoiceToMatch[]): string | null {
  const tokens = tokenise(text);
  const hits: Hit[] = options.flatMap((o) =>
    phrasesOf(o).flatMap((p) => findPhrase(tokens, p).map((start) => ({ id: o.id, start, end: start + p.length }))),
  );
  // "স্বামী মারা গেছে" names one option even if another lists "স্বামী" alone.
  const kept = hits.filter((h) => !hits.some((o) => o.id !== h.id && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start));
  return single(new Set(kept.map((h) => h.id)));
}

function single(ids: ReadonlySet<string>): string | null {
  if (ids.size !== 1) return null;
  const [id] = ids;
  return id ?? null;
}
