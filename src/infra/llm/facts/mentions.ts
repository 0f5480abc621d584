import type { Sex } from '../../../domain/programmes/profile.ts';
import { PhraseTable, wordSet } from './phrases.ts';
import type { Tok, Tokenised } from './tokens.ts';
import { AT_THEIR_PLACE, BEFORE, LATER, LIFE_FILLERS, RIGHT_AFTER, type LifeStatus } from './words/lifeWords.ts';
import {
  ADDRESS_TERMS,
  GROUP_WORDS,
  INDEFINITES,
  POSSESSIVES,
  PRONOUNS,
  RELATIONS,
  SELF_COPULA,
  SELF_WORDS,
  STRANGER_NOUNS,
  WEAK_PRONOUNS,
  type RelationEntry,
} from './words/relationWords.ts';

/*
 * The people a message names, each with what is said of them: possessed
 * ("আমার মা"), in a chain ("বোনের স্বামী"), standing beside another
 * ("প্রতিবেশী এক চাচা"), dead, alive or gone ("স্বামী নাই").
 */

/** Who a fact said at some point of the message is about. */
export type Role = 'subject' | 'writer' | 'relative' | 'group';

export type Kind = 'relation' | 'self' | 'pronoun' | 'weak' | 'group' | 'stranger';

export interface Mention {
  kind: Kind;
  start: number;
  end: number;
  entry?: RelationEntry;
  sex?: Sex;
  /** A self or third-person word that possesses the relative after it ("আমার মা"). */
  possessive?: boolean;
  /** Who possesses this relative. */
  possessor?: 'self' | 'other';
  /** In a chain "বোনের স্বামী", the husband's index points at the sister. */
  chainOf?: number;
  /** "প্রতিবেশী এক চাচা": the uncle is the neighbour. */
  appositiveOf?: number;
  /** Where a stranger's indefinite stands ("এক" in "এক অন্ধ বৃদ্ধা"): what is between describes them. */
  article?: number;
  status?: LifeStatus;
  role?: Role;
}

const RELATION_TABLE = new PhraseTable(RELATIONS.flatMap((e) => e.words.map((w) => [w, e] as const)));
const STRANGER_TABLE = new PhraseTable(STRANGER_NOUNS.map(([w, sex]) => [w, sex ?? null] as const));
type StatusLabel = LifeStatus | 'none';
// "left out" is a list, not a husband who left.
const LATER_TABLE = new PhraseTable<StatusLabel>([...LATER, ['left out', 'none'], ['left out of', 'none']]);
const RIGHT_AFTER_TABLE = new PhraseTable(RIGHT_AFTER);
const BEFORE_TABLE = new PhraseTable(BEFORE);
const AT_PLACE = wordSet(AT_THEIR_PLACE);
const SELF = wordSet(SELF_WORDS);
const STRONG_PRONOUN = wordSet(PRONOUNS);
const WEAK_PRONOUN = wordSet(WEAK_PRONOUNS);
const GROUP = wordSet(GROUP_WORDS);
const POSSESSIVE = wordSet(POSSESSIVES);
const INDEFINITE = wordSet(INDEFINITES);
const COPULA = wordSet(SELF_COPULA);
const ADDRESS = wordSet(ADDRESS_TERMS);
const FILLER = wordSet(LIFE_FILLERS);
const COPULA_LINK = wordSet(['is', 'was', 'and', 'হলেন', 'হল']);
const LATIN_GENITIVE = wordSet(['er', 'r', 'ar', 's', 'এর', 'র']);
const STATUS_WINDOW = 7;
const STRANGER_REACH = 4;

/**
 * Every person named, in order, linked and with their state; and for each,
 * where the next relative or stranger is named (what is said of one stops there).
 *
 * @example readMentions(tokeniseFacts('আমার স্বামী নাই'), new Set()).mentions[1]?.status // 'absent'
 */
export function readMentions(t: Tokenised, covered: ReadonlySet<number>): { mentions: Mention[]; nextRelation: number[] } {
  const { toks } = t;
  const mentions = findMentions(toks, t.generalQuestions);
  linkMentions(toks, mentions);
  const nextRelation = new Array<number>(mentions.length);
  let upcoming = Infinity;
  for (let m = mentions.length - 1; m >= 0; m--) {
    nextRelation[m] = upcoming;
    if (mentions[m]?.kind === 'relation' || mentions[m]?.kind === 'stranger') upcoming = mentions[m]?.start ?? upcoming;
  }
  for (let m = mentions.length - 1; m >= 0; m--) setStatus(toks, mentions, m, covered, nextRelation[m] ?? Infinity);
  return { mentions, nextRelation };
}

function findMentions(toks: readonly Tok[], generalQuestions: ReadonlySet<number>): Mention[] {
  const mentions: Mention[] = [];
  const taken = new Set<number>();
  // Strangers first, so that "এক প্রতিবন্ধী ছেলে" is a boy and not a son.
  for (let i = 0; i < toks.length; i++) {
    if (!INDEFINITE.has(toks[i]?.text ?? '') || generalQuestions.has(toks[i]?.clause ?? -1)) continue;
    if (COPULA.has(toks[i - 1]?.text ?? '') || COPULA.has(toks[i - 2]?.text ?? '')) continue;
    for (let j = i + 1; j <= i + STRANGER_REACH && toks[j]?.clause === toks[i]?.clause; j++) {
      const hit = STRANGER_TABLE.at(toks, j);
      if (hit === undefined) continue;
      mentions.push({ kind: 'stranger', start: j, end: hit.end, article: i, ...(hit.label === null ? {} : { sex: hit.label }) });
      for (let t = j; t < hit.end; t++) taken.add(t);
      break;
    }
  }
  for (const hit of RELATION_TABLE.scan(toks)) {
    if (taken.has(hit.start)) continue;
    const tok = toks[hit.start]?.text ?? '';
    // "ভাই, আমি কি পাবো?" addresses the reader; "আমার ভাই", "ভাইয়ের" name a brother.
    if (ADDRESS.has(tok) && !possessedAt(toks, hit.start)) continue;
    mentions.push({ kind: 'relation', start: hit.start, end: hit.end, entry: hit.label });
    for (let t = hit.start; t < hit.end; t++) taken.add(t);
  }
  for (const [i, t] of toks.entries()) {
    if (taken.has(i)) continue;
    const kind: Kind | undefined = SELF.has(t.text)
      ? 'self'
      : STRONG_PRONOUN.has(t.text)
        ? 'pronoun'
        : WEAK_PRONOUN.has(t.text)
          ? 'weak'
          : GROUP.has(t.text)
            ? 'group'
            : undefined;
    if (kind !== undefined) mentions.push({ kind, start: i, end: i + 1 });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

function possessedAt(toks: readonly Tok[], i: number): boolean {
  const same = (j: number): boolean => toks[j]?.clause === toks[i]?.clause;
  return (same(i - 1) && POSSESSIVE.has(toks[i - 1]?.text ?? '')) || (same(i - 2) && POSSESSIVE.has(toks[i - 2]?.text ?? ''));
}

/** Possession, chains ("bon er sami") and appositions ("প্রতিবেশী এক চাচা"). */
function linkMentions(toks: readonly Tok[], mentions: Mention[]): void {
  for (let m = 0; m < mentions.length; m++) {
    const cur = mentions[m];
    if (cur === undefined || cur.kind !== 'relation') continue;
    const clause = toks[cur.start]?.clause;
    for (let p = m - 1; p >= 0; p--) {
      const prev = mentions[p];
      if (prev === undefined || cur.start - prev.end > 2 || toks[prev.start]?.clause !== clause || prev.kind === 'relation' || prev.kind === 'stranger') break;
      if ((prev.kind === 'self' || prev.kind === 'pronoun' || prev.kind === 'weak' || prev.kind === 'group') && POSSESSIVE.has(toks[prev.start]?.text ?? '')) {
        prev.possessive = true;
        cur.possessor = prev.kind === 'self' ? 'self' : 'other';
        break;
      }
    }
    const prev = mentions[m - 1];
    if (prev === undefined || toks[prev.start]?.clause !== clause) continue;
    if (prev.kind === 'relation' && isGenitive(toks, prev) && cur.start - prev.end <= 1) cur.chainOf = m - 1;
    // "তার স্বামী" is her husband, not her.
    else if (cur.possessor === undefined && appositive(prev) && cur.start - prev.end <= 2) cur.appositiveOf = m - 1;
  }
  for (let m = 0; m < mentions.length; m++) {
    const cur = mentions[m];
    if (cur?.kind !== 'stranger') continue;
    const prev = mentions[m - 1];
    if (prev === undefined || toks[prev.start]?.clause !== toks[cur.start]?.clause || prev.possessive === true) continue;
    // "প্রতিবেশী এক বিধবা", "my mother-in-law is … a widow": the same person again.
    if (appositive(prev) || COPULA_LINK.has(toks[(cur.article ?? cur.start) - 1]?.text ?? '') || prev.kind === 'relation') cur.appositiveOf = m - 1;
  }
}

const appositive = (m: Mention): boolean => m.kind === 'stranger' || m.kind === 'pronoun' || m.entry?.relation === 'neighbour';

/** "বোনের", "boner", "bon er", "sister's": a relative who has the next one. */
export function isGenitive(toks: readonly Tok[], m: Mention): boolean {
  const tok = toks[m.end - 1]?.text ?? '';
  const next = toks[m.end]?.text ?? '';
  if (LATIN_GENITIVE.has(next) && (next === 'er' || next === 'r' || next === 'এর')) return true;
  const words = m.entry?.words ?? [];
  return words.some((w) => tok !== w && tok.startsWith(w) && /(?:র|r|s)$/u.test(tok));
}

/** What is said of a relative: dead, alive, gone, neglecting, giving. Lists share it ("ছেলে মেয়ে নেই"). */
function setStatus(toks: readonly Tok[], mentions: Mention[], m: number, covered: ReadonlySet<number>, nextRelationStart: number): void {
  const cur = mentions[m];
  if (cur === undefined || cur.kind !== 'relation') return;
  const next = mentions[m + 1];
  // A relative who has the next one ("বোনের স্বামী") is not what the predicate is about.
  if (next?.chainOf === m) return;
  const clause = toks[cur.start]?.clause;
  let j = cur.end;
  while (FILLER.has(toks[j]?.text ?? '') && toks[j]?.clause === clause) j += 1;
  if (next !== undefined && next.kind === 'relation' && next.start === j && next.chainOf === undefined && toks[j]?.clause === clause) {
    if (next.status !== undefined) cur.status = next.status;
    return;
  }
  if (isGenitive(toks, cur) && AT_PLACE.has(toks[cur.end]?.text ?? '') && toks[cur.end]?.clause === clause) {
    cur.status = 'neglect';
    return;
  }
  const right = toks[j]?.clause === clause && !covered.has(j) ? RIGHT_AFTER_TABLE.at(toks, j) : undefined;
  if (right !== undefined) {
    cur.status = right.label;
    return;
  }
  const before = BEFORE_TABLE.at(toks, cur.start - 1);
  if (before !== undefined && before.end === cur.start && toks[cur.start - 1]?.clause === clause) {
    cur.status = before.label;
    return;
  }
  // "স্বামী আমাকে ছেড়ে চলে গেছে": an object in between does not end what is said of the husband.
  const stop = Math.min(cur.end + STATUS_WINDOW, nextRelationStart, toks.length);
  for (let k = cur.end; k < stop && toks[k]?.clause === clause; k++) {
    if (covered.has(k)) continue;
    const hit = LATER_TABLE.at(toks, k);
    if (hit === undefined) continue;
    if (hit.label !== 'none') cur.status = hit.label;
    return;
  }
}
