import { keySimilarity, makeKey, type Key } from './phonetic.ts';
import { placeByCode, type Place, type PlaceLevel } from './places.ts';
import { parseQuery, type ParsedQuery } from './query.ts';
import { searchIndex, type Entry, type SearchIndex } from './searchIndex.ts';

/**
 * Finds places from what a user typed: Bangla, English or Banglish,
 * misspelt, possibly with the district or upazila after it ("টুঙ্গিপাড়া
 * গোপালগঞ্জ", "tungipara, gopalgonj"). The query's words (query.ts) are
 * compared, alone and in runs of up to four, with every place's phonetic keys
 * (searchIndex.ts); words left over earn a bonus when they name one of the
 * place's ancestors and cost points when they name nothing.
 */

/**
 * At or above this score the first match is worth offering as "did you mean
 * …?"; below it, ask again. Exact names and aliases score 1, a one-letter slip
 * in a longer name about 0.85-0.9, a name with an extra word that is not one
 * of its ancestors (the district in "tungipara gopalganj") 0.7. Measured on
 * one-letter typos of district names: 84% of correct first matches reach it,
 * against 0.1% of random letter strings (1% when searching every level).
 * When several results reach it, the name is ambiguous: ask which.
 */
export const GOOD_MATCH = 0.8;

export interface SearchOptions {
  levels?: PlaceLevel[];
  /** Only places below this place code. */
  within?: string;
  limit?: number;
}

export interface PlaceMatch {
  place: Place;
  score: number;
}

const MAX_SPAN = 4;
/** Below this a word is not taken to name an ancestor. */
const CONTEXT_MIN = 0.8;
/** Below this a place is not returned at all. */
const RESULT_MIN = 0.3;
/** Times the share of the query's letters that neither name the place nor its ancestors. */
const UNEXPLAINED_PENALTY = 0.6;
/** For words that name the place's ancestors: "tungipara gopalganj" beats the other Tungiparas. */
const CONTEXT_BONUS = 0.1;
/** For the level or kind the user named ("savar pourashava"). */
const HINT_BONUS = 0.05;
/**
 * Rangpur is a district and a division: "pirgonj rangpur" means the Pirgonj
 * in Rangpur district, not the Pirganj in Thakurgaon (Rangpur division).
 */
const DIVISION_CONTEXT = 0.95;
/**
 * "সদর" or "sadar" alone means the district's Sadar upazila once the district
 * is known (`within`), yet must not outrank a place that has the name whole.
 */
const PARTIAL_FACTOR = 0.9;
// Equal scores: a district or upazila is what people usually mean by a bare
// name, and a union rather than the paurashava of the same name, since
// "paurashava" (which would have earned a hint bonus) was not said.
const LEVEL_RANK: Record<PlaceLevel, number> = { district: 0, upazila: 1, division: 2, union: 3 };
const rank = (p: Place): number => LEVEL_RANK[p.level] + (p.kind === 'paurashava' ? 0.5 : 0);

interface Span {
  start: number;
  end: number;
  key: Key;
}

function spansOf(keys: readonly string[]): { spans: Span[]; at: (start: number, end: number) => number } {
  const spans: Span[] = [];
  const lookup = new Map<number, number>();
  for (let start = 0; start < keys.length; start++) {
    for (let end = start; end < Math.min(keys.length, start + MAX_SPAN); end++) {
      lookup.set(start * 16 + end, spans.length);
      spans.push({ start, end, key: makeKey(keys.slice(start, end + 1).join('')) });
    }
  }
  return { spans, at: (start, end) => lookup.get(start * 16 + end) ?? -1 };
}

interface SpanProbe {
  key: Key;
  /**
   * Several words run together are only compared with names that start with
   * the same sound: someone who splits "tungi para" rarely also gets its first
   * letter wrong, and this skips most of the work for long queries.
   */
  sameStart: boolean;
}

/** Memoised per span: a key shared by several places is compared once. */
function bestOf(ids: readonly number[], probe: SpanProbe, keys: readonly Key[], memo: Float32Array): number {
  let best = 0;
  for (const id of ids) {
    let sim = memo[id] ?? -1;
    if (sim < 0) {
      const key = keys[id];
      sim = !key || (probe.sameStart && key.full.charCodeAt(0) !== probe.key.full.charCodeAt(0)) ? 0 : keySimilarity(probe.key, key);
      memo[id] = sim;
    }
    if (sim > best) best = sim;
  }
  return best;
}

function similarityTo(entry: Entry, probe: SpanProbe, keys: readonly Key[], memo: Float32Array, banglaOnly: boolean): number {
  const bn = bestOf(entry.bn, probe, keys, memo);
  return banglaOnly ? bn : Math.max(bn, bestOf(entry.latin, probe, keys, memo));
}

/** One query against the index: span similarities, then a score per candidate. */
class QueryScorer {
  private readonly index: SearchIndex;
  private readonly parsed: ParsedQuery;
  private readonly spans: Span[];
  private readonly at: (start: number, end: number) => number;
  private readonly lengths: number[];
  private readonly total: number;
  /** sims[s][i]: how well span s names entry i; filled for candidates and possible ancestors. */
  private readonly sims: Float32Array[];
  /** The same for partial names, candidates only: they name a place, never its ancestor. */
  private readonly partialSims: Float32Array[];

  constructor(index: SearchIndex, parsed: ParsedQuery, candidates: readonly number[], needed: ReadonlySet<number>) {
    this.index = index;
    this.parsed = parsed;
    ({ spans: this.spans, at: this.at } = spansOf(parsed.keys));
    this.lengths = parsed.keys.map((k) => k.length);
    this.total = this.lengths.reduce((a, b) => a + b, 0);
    this.sims = [];
    this.partialSims = [];
    for (const span of this.spans) {
      const row = new Float32Array(index.entries.length);
      const partialRow = new Float32Array(index.entries.length);
      const memo = new Float32Array(index.keys.length).fill(-1);
      const probe: SpanProbe = { key: span.key, sameStart: span.end > span.start };
      for (const i of needed) {
        const entry = index.entries[i];
        if (entry) row[i] = similarityTo(entry, probe, index.keys, memo, parsed.banglaOnly);
      }
      for (const i of candidates) {
        const partial = index.entries[i]?.partial;
        if (partial?.length) partialRow[i] = PARTIAL_FACTOR * bestOf(partial, probe, index.keys, memo);
      }
      this.sims.push(row);
      this.partialSims.push(partialRow);
    }
  }

  /** Best over all ways of reading the query as "name + words about its ancestors". */
  score(i: number): number {
    const entry = this.index.entries[i];
    if (!entry) return 0;
    const last = this.parsed.keys.length - 1;
    let best = 0;
    this.spans.forEach((span, s) => {
      const base = Math.max(this.sims[s]?.[i] ?? 0, this.partialSims[s]?.[i] ?? 0);
      if (base < RESULT_MIN) return;
      const runs: Array<[number, number]> = [];
      if (span.start > 0) runs.push([0, span.start - 1]);
      if (span.end < last) runs.push([span.end + 1, last]);
      const rest = this.total - this.lengthOf(span.start, span.end);
      const { matched, weighted } = this.context(entry, runs);
      const penalty = (UNEXPLAINED_PENALTY * (rest - matched)) / this.total;
      const bonus = rest > 0 ? (CONTEXT_BONUS * weighted) / rest : 0;
      best = Math.max(best, base - penalty + bonus);
    });
    const place = entry.place;
    const hinted = this.parsed.hints.some((h) => h.level === place.level && (h.kind === undefined || h.kind === place.kind));
    return hinted ? best + HINT_BONUS : best;
  }

  private lengthOf(start: number, end: number): number {
    return this.lengths.slice(start, end + 1).reduce((a, b) => a + b, 0);
  }

  private ancestorSim(entry: Entry, start: number, end: number): number {
    const row = this.sims[this.at(start, end)];
    if (!row) return 0;
    let best = 0;
    for (const a of entry.ancestors) {
      const division = this.index.entries[a]?.place.level === 'division';
      best = Math.max(best, (row[a] ?? 0) * (division ? DIVISION_CONTEXT : 1));
    }
    return best;
  }

  /** Of the words outside the name, how many characters name an ancestor, and how well. */
  private context(entry: Entry, runs: ReadonlyArray<readonly [number, number]>): { matched: number; weighted: number } {
    let matched = 0;
    let weighted = 0;
    for (const [start, end] of runs) {
      // Word by word ("tungipara gopalganj dhaka"), or the run as one name ("… chapai nawabganj").
      let runMatched = 0;
      let runWeighted = 0;
      for (let t = start; t <= end; t++) {
        const sim = this.ancestorSim(entry, t, t);
        const length = this.lengths[t] ?? 0;
        if (sim >= CONTEXT_MIN) {
          runMatched += length;
          runWeighted += sim * length;
        }
      }
      const runLength = this.lengthOf(start, end);
      const whole = end > start && end - start < MAX_SPAN ? this.ancestorSim(entry, start, end) : 0;
      if (whole >= CONTEXT_MIN && whole * runLength > runWeighted) {
        runMatched = runLength;
        runWeighted = whole * runLength;
      }
      matched += runMatched;
      weighted += runWeighted;
    }
    return { matched, weighted };
  }
}

/** Best matches first, scores 0..1; see GOOD_MATCH for when to trust the first. */
export function searchPlaces(query: string, opts: SearchOptions = {}): PlaceMatch[] {
  const limit = opts.limit ?? 5;
  const parsed = parseQuery(query);
  if (parsed.keys.length === 0 || limit <= 0) return [];
  if (opts.within !== undefined && !placeByCode(opts.within)) return [];
  const index = searchIndex();

  const candidates: number[] = [];
  index.entries.forEach((e, i) => {
    if (opts.levels && !opts.levels.includes(e.place.level)) return;
    if (opts.within !== undefined && !e.ancestorCodes.has(opts.within)) return;
    candidates.push(i);
  });
  const needed = new Set([...candidates, ...(parsed.keys.length > 1 ? index.contextEntries : [])]);
  const scorer = new QueryScorer(index, parsed, candidates, needed);

  const results: Array<{ place: Place; raw: number }> = [];
  for (const i of candidates) {
    const place = index.entries[i]?.place;
    const raw = scorer.score(i);
    if (place && raw >= RESULT_MIN) results.push({ place, raw });
  }
  results.sort(
    (a, b) =>
      b.raw - a.raw ||
      rank(a.place) - rank(b.place) ||
      a.place.nameEn.localeCompare(b.place.nameEn, 'en'),
  );
  return results.slice(0, limit).map(({ place, raw }) => ({ place, score: Math.round(Math.min(1, raw) * 1000) / 1000 }));
}
