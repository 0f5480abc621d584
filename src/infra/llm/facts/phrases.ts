import { matchesWord, normaliseText, tokenise } from '../../../text/normalise.ts';
import type { Tok } from './tokens.ts';

/** Where one phrase of a table was found: tokens [start, end). */
export interface PhraseHit<L> {
  label: L;
  start: number;
  end: number;
}

interface Entry<L> {
  label: L;
  words: readonly string[];
}

/**
 * A table of phrases (word lists as people type them) matched word by word
 * with the Bangla/Banglish endings {@link matchesWord} allows, inside one
 * clause. Entries are indexed by their first letter, because matchesWord
 * needs the token to start with the word: a scan looks at a handful of
 * entries per token instead of the whole table, so it stays linear.
 *
 * @example new PhraseTable([['স্বামী মারা', 'dead']]).scan(tokeniseFacts('স্বামী মারা গেছে').toks)
 */
export class PhraseTable<L> {
  private readonly byFirst = new Map<string, Array<Entry<L>>>();
  private readonly exact: boolean;

  /** `exact`: no endings allowed, for words an ending changes ("বছর" years, "বছরের" of years). */
  constructor(entries: ReadonlyArray<readonly [phrase: string, label: L]>, opts: { exact?: boolean } = {}) {
    this.exact = opts.exact === true;
    for (const [phrase, label] of entries) {
      const words = tokenise(phrase);
      const first = words[0]?.charAt(0);
      if (first === undefined) continue;
      const list = this.byFirst.get(first) ?? [];
      list.push({ label, words });
      this.byFirst.set(first, list);
    }
    // Longest first, so the first match at a position is the longest one ("widower" before "widow").
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length || b.words.join(' ').length - a.words.join(' ').length);
  }

  /** The longest entry matching at token i, if any. */
  at(toks: readonly Tok[], i: number): PhraseHit<L> | undefined {
    const tok = toks[i];
    if (tok === undefined) return undefined;
    for (const e of this.byFirst.get(tok.text.charAt(0)) ?? []) {
      if (e.words.every((w, j) => {
        const t = toks[i + j];
        return t !== undefined && t.clause === tok.clause && (this.exact ? t.text === w : matchesWord(t.text, w));
      })) return { label: e.label, start: i, end: i + e.words.length };
    }
    return undefined;
  }

  /** Leftmost-longest, non-overlapping matches over the whole message. */
  scan(toks: readonly Tok[]): Array<PhraseHit<L>> {
    const hits: Array<PhraseHit<L>> = [];
    for (let i = 0; i < toks.length; ) {
      const hit = this.at(toks, i);
      if (hit === undefined) i += 1;
      else {
        hits.push(hit);
        i = hit.end;
      }
    }
    return hits;
  }
}

/**
 * A set of exact words, normalised as tokens are; for closed lists where an
 * ending would change the meaning ("বছর" is years, "বছরে" is per year).
 *
 * @example wordSet(['বছর']).has('বছর') // true
 */
export function wordSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map((w) => normaliseText(w)));
}

/** A phrase table whose entries all carry the same label. */
export function phrases<L>(label: L, list: readonly string[], opts: { exact?: boolean } = {}): PhraseTable<L> {
  return new PhraseTable(list.map((p) => [p, label] as const), opts);
}
