import type { ProgrammeId } from '../../domain/programmes/schema.ts';
import { findPhrase, tokenise } from '../../text/normalise.ts';
import type { Intent } from '../../engine/session.ts';
import type { Understander, Understanding } from '../../engine/understanding.ts';
import {
  ADDRESS_TERMS,
  COMPLAINT_NOUNS,
  INTENT_KEYWORDS,
  OTHER_PERSON,
  POSSESSIVES,
  PROGRAMME_KEYWORDS,
  SELF,
  VAGUE_STATUS,
} from './intentKeywords.ts';

interface Entry<L> {
  label: L;
  words: readonly string[];
}

interface Hit<L> {
  label: L;
  phrase: string;
  start: number;
  end: number;
}

const entries = <L>(label: L, phrases: readonly string[]): Array<Entry<L>> =>
  phrases.map((p) => ({ label, words: tokenise(p) })).filter((e) => e.words.length > 0);

const INTENTS = INTENT_KEYWORDS.flatMap((k) => entries(k.intent, k.keywords));
const PRIORITY: readonly Intent[] = INTENT_KEYWORDS.map((k) => k.intent);
const PROGRAMMES = PROGRAMME_KEYWORDS.flatMap((k) => entries(k.programme, k.keywords));
const SUBJECTS = [
  ...entries<'other' | 'self'>('other', [...OTHER_PERSON, ...ADDRESS_TERMS]),
  ...entries<'other' | 'self'>('self', SELF),
];
const ADDRESS = new Set(ADDRESS_TERMS.flatMap((w) => tokenise(w)));
const POSSESSIVE = new Set(POSSESSIVES.flatMap((w) => tokenise(w)));
const COMPLAINT_NOUN = new Set(COMPLAINT_NOUNS.map((w) => tokenise(w).join(' ')));
const VAGUE = new Set(VAGUE_STATUS.map((w) => tokenise(w).join(' ')));
/** Intents a named programme does not override: "হ্যালো, বিধবা ভাতা" is still about the allowance. */
const ACTIONS: ReadonlySet<Intent> = new Set(['grievance', 'report', 'status', 'eligibility']);

function find<L>(tokens: readonly string[], table: ReadonlyArray<Entry<L>>): Array<Hit<L>> {
  const hits = table.flatMap((e) =>
    findPhrase(tokens, e.words).map((start) => ({ label: e.label, phrase: e.words.join(' '), start, end: start + e.words.length })),
  );
  // A longer phrase speaks for the words inside it: "চিকিৎসা সহায়তা" is not a request for help.
  // Hits are indexed by where they start, so each looks only a phrase's length back:
  // comparing every hit with every other was quadratic in a long run of keywords.
  const maxEnd = new Map<number, number>();
  let longest = 0;
  for (const o of hits) {
    maxEnd.set(o.start, Math.max(maxEnd.get(o.start) ?? 0, o.end));
    longest = Math.max(longest, o.end - o.start);
  }
  const insideLonger = (h: Hit<L>): boolean => {
    for (let start = h.start; start >= Math.max(0, h.start - longest); start--) {
      const end = maxEnd.get(start);
      if (end !== undefined && end >= h.end && (start < h.start || end > h.end)) return true;
    }
    return false;
  };
  return hits.filter((h) => !insideLonger(h));
}

function intentOf(tokens: readonly string[]): Intent | null {
  const hits = find(tokens, INTENTS);
  const of = (intent: Intent): Array<Hit<Intent>> => hits.filter((h) => h.label === intent);
  const found = new Set(hits.map((h) => h.label));
  // "অভিযোগের অবস্থা" asks after a complaint rather than making one.
  if (found.has('status') && of('grievance').every((h) => COMPLAINT_NOUN.has(h.phrase))) found.delete('grievance');
  if (found.has('eligibility') && of('status').every((h) => VAGUE.has(h.phrase))) found.delete('status');
  return PRIORITY.find((intent) => found.has(intent)) ?? null;
}

function programmeOf(tokens: readonly string[]): ProgrammeId | undefined {
  const found = new Set(find(tokens, PROGRAMMES).map((h) => h.label));
  // The stipend is for students with a disability; naming both means the stipend.
  if (found.has('disability_stipend')) found.delete('disability');
  if (found.size !== 1) return undefined;
  const [programme] = found;
  return programme;
}

function subjectOf(tokens: readonly string[]): 'self' | 'other' | undefined {
  const hits = find(tokens, SUBJECTS).filter((h) => {
    if (h.label !== 'other' || h.end - h.start !== 1) return true;
    const word = tokens[h.start] ?? '';
    if (!ADDRESS.has(word)) return true;
    // "আমার ভাই" is a brother; "ভাই, আমি ..." is a form of address.
    return POSSESSIVE.has(tokens[h.start - 1] ?? '');
  });
  if (hits.some((h) => h.label === 'other')) return 'other';
  if (hits.some((h) => h.label === 'self')) return 'self';
  return undefined;
}

/**
 * Reads what free text at the top level asks for by keywords in Bangla,
 * English and Banglish: the intent (by fixed priority grievance > report >
 * status > eligibility > help > language > greeting), the programme named,
 * and whether it is about the writer or someone else. Confidence is 1 for a
 * keyword hit and 0 otherwise; a model can replace this behind the same port.
 *
 * @example
 * await createRulesUnderstander().understand('আমার মা কি বয়স্ক ভাতা পাবে?')
 * // { intent: 'eligibility', confidence: 1, programme: 'old_age', subject: 'other' }
 */
export function createRulesUnderstander(): Understander {
  return {
    understand(text: string): Promise<Understanding> {
      return Promise.resolve(understandText(text));
    },
  };
}

function understandText(text: string): Understanding {
  const tokens = tokenise(text);
  const programme = programmeOf(tokens);
  const subject = subjectOf(tokens);
  let intent = intentOf(tokens);
  // A programme named with no request ("বিধবা ভাতা", "ক্যান্সার রোগী") asks whether one qualifies.
  if (programme !== undefined && (intent === null || !ACTIONS.has(intent))) intent = 'eligibility';
  return {
    intent,
    confidence: intent === null ? 0 : 1,
    ...(programme === undefined ? {} : { programme }),
    ...(subject === undefined ? {} : { subject }),
  };
}
