import type { ProgrammeId } from '../../domain/programmes/schema.ts';
import { findPhrase, normaliseText, tokenise } from '../../text/normalise.ts';
import type { Intent } from '../../engine/session.ts';
import type { StatedFacts, Understander, Understanding } from '../../engine/understanding.ts';
import {
  ADDRESS_TERMS,
  COMPLAINED,
  COMPLAINT_NOUNS,
  INTENT_KEYWORDS,
  NEWS,
  NOT_RECEIVING,
  NOT_UNDERSTOOD,
  OTHER_PERSON,
  POSSESSIVES,
  PROGRAMME_KEYWORDS,
  SELF,
  THANKS_EMOJI,
  VAGUE_STATUS,
} from './intentKeywords.ts';
import { extractFacts } from './rulesFacts.ts';

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
const WEAK = new Set(NOT_RECEIVING.map((w) => tokenise(w).join(' ')));
const NEWS_WORDS = new Set(NEWS.map((w) => normaliseText(w)));
const COMPLAINED_WORDS = new Set(COMPLAINED.map((w) => normaliseText(w)));
const NOT_UNDERSTOOD_PHRASES = new Set(NOT_UNDERSTOOD.map((w) => tokenise(w).join(' ')));
/** Intents a named programme does not override: "হ্যালো, বিধবা ভাতা" is still about the allowance. */
const ACTIONS: ReadonlySet<Intent> = new Set(['grievance', 'report', 'status', 'eligibility', 'human']);
/** Intents a story of one's situation overrides: "হ্যালো, আমার বয়স ৭০, স্বামী নাই" asks whether one qualifies. */
const PASSING: ReadonlySet<Intent> = new Set(['greeting', 'help', 'thanks']);
/** Facts that tell a situation, as opposed to only who it is about. */
const STORY_FACTS: ReadonlyArray<keyof StatedFacts> = [
  'age', 'maritalStatus', 'hasDisability', 'illness', 'income', 'otherIncomes', 'isStudent', 'hasSubornoCard', 'receivesOtherAllowance', 'govtServiceOrPension',
];
// Payments and durations make "not receiving" a complaint: "৩ মাস ধরে ভাতার টাকা পাই না".
const PAYMENT = new Set(['টাকা', 'টাকার', 'taka', 'takar', 'money', 'payment', 'কিস্তি', 'কিস্তির', 'kisti', 'ধরে', 'যাবত', 'যাবৎ', 'dhore', 'jabot', 'since'].map((w) => normaliseText(w)));
/** How far before "পাই না" a payment word makes it about payments. */
const PAYMENT_REACH = 4;
const LIST_WORDS = ['তালিকা', 'লিস্ট', 'list', 'talika', 'liste', 'list e'].map((w) => normaliseText(w));
const ABSENT = new Set(['নেই', 'নাই', 'ওঠেনি', 'উঠেনি', 'ওঠে নাই', 'nai', 'nei', 'not', 'no', 'never'].map((w) => normaliseText(w)));
const FOR = new Set(['for', 'জন্য', 'jonno'].map((w) => normaliseText(w)));
const EMOJI = new RegExp(`[${THANKS_EMOJI.join('')}]`, 'u');

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

function intentOf(text: string, tokens: readonly string[], facts: StatedFacts, trackingNumber: string | undefined): Intent | null {
  // A tracking number in a question asks after that complaint.
  if (trackingNumber !== undefined) return 'status';
  let hits = find(tokens, INTENTS);
  const of = (intent: Intent): Array<Hit<Intent>> => hits.filter((h) => h.label === intent);
  const grievances = of('grievance');
  const weak = grievances.filter((h) => WEAK.has(h.phrase));
  const nouns = grievances.filter((h) => COMPLAINT_NOUN.has(h.phrase));
  const askingAfter = tokens.some((t) => NEWS_WORDS.has(t) || COMPLAINED_WORDS.has(t));
  // "Not receiving" said only weakly is dropped when it asks after a complaint
  // ("অভিযোগের কোনো খবর পাই নাই") or tells one's situation ("কোনো ভাতা পাই না").
  if (weak.length > 0 && weak.length + nouns.length === grievances.length) {
    if ((nouns.length > 0 && askingAfter) || (nouns.length === 0 && notReceivingIsCircumstance(tokens, weak, facts))) {
      hits = hits.filter((h) => !(h.label === 'grievance' && WEAK.has(h.phrase)));
    }
  }
  const found = new Set(hits.map((h) => h.label));
  const onlyNouns = of('grievance').every((h) => COMPLAINT_NOUN.has(h.phrase));
  // "অভিযোগের অবস্থা", "অভিযোগের কি খবর", "any update on my complaint?" ask after a complaint rather than make one.
  const afterComplaint = onlyNouns && found.has('grievance') && askingAfter;
  if (afterComplaint) found.add('status');
  if ((found.has('status') || found.has('human')) && onlyNouns) found.delete('grievance');
  if (found.has('eligibility') && !afterComplaint && of('status').every((h) => VAGUE.has(h.phrase))) found.delete('status');
  // "Thanks for the help" thanks; it does not ask for help.
  if (found.has('thanks') && of('help').every((h) => FOR.has(tokens[h.start - 1] ?? '') || FOR.has(tokens[h.start - 2] ?? '') || FOR.has(tokens[h.end] ?? ''))) {
    found.delete('help');
  }
  // "বাংলায় লেখেন, ইংরেজি বুঝি না" asks for a language, not for help.
  if (found.has('language') && of('help').every((h) => NOT_UNDERSTOOD_PHRASES.has(h.phrase))) found.delete('help');
  if (!found.has('report') && listMissing(text)) found.add('report');
  const intent = PRIORITY.find((i) => found.has(i)) ?? null;
  if (intent === null && EMOJI.test(text)) return 'thanks';
  return intent;
}

/**
 * "কোনো ভাতা পাই না" in a story of one's situation says there is no
 * allowance yet; about payments ("টাকা", "৩ মাস ধরে") it is a complaint.
 */
function notReceivingIsCircumstance(tokens: readonly string[], weak: ReadonlyArray<Hit<Intent>>, facts: StatedFacts): boolean {
  if (facts.receivesOtherAllowance === false) return true;
  const aboutPayment = weak.some((h) => tokens.slice(Math.max(0, h.start - PAYMENT_REACH), h.start).some((t) => PAYMENT.has(t)));
  return STORY_FACTS.some((k) => facts[k] !== undefined) && !aboutPayment;
}

/** "তালিকায় আমার মায়ের নাম নেই": a list and an absence in one clause. */
function listMissing(text: string): boolean {
  return normaliseText(text)
    .split(/[,।.;!?|]/u)
    .some((clause) => {
      const words = tokenise(clause);
      return words.some((w) => LIST_WORDS.some((l) => w.startsWith(l))) && words.some((w) => ABSENT.has(w));
    });
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
 * human > status > eligibility > help > language > thanks > greeting; a
 * tracking number makes it status, a story of one's situation
 * eligibility), the programme named, whether it is about the writer or
 * someone else, the facts stated ({@link extractFacts}), a tracking number
 * and the language. Confidence is 1 for a keyword hit and 0 otherwise; a
 * model can replace this behind the same port.
 *
 * @example
 * await createRulesUnderstander().understand('আমার মা কি বয়স্ক ভাতা পাবে?')
 * // { intent: 'eligibility', confidence: 1, programme: 'old_age', subject: 'other',
 * //   facts: { subject: 'other', relation: 'mother', sex: 'female' }, language: 'bn', source: 'rules' }
 */
export function createRulesUnderstander(): Understander {
  return {
    understand(text: string): Promise<Understanding> {
      return Promise.resolve(understandText(text));
    },
  };
}

/** "বয়স্ক ভাতা", "ভাতা", "আমার মায়ের ভাতা": an allowance named, nothing asked or told. */
const NAMED_ONLY = 0.5;
const ASKING = new Set(['?', '？', 'কি', 'কী', 'ki', 'can', 'how', 'কিভাবে', 'কীভাবে', 'kivabe'].map((w) => normaliseText(w)));
const BARE_ALLOWANCE = new Set(['ভাতা', 'vata', 'bhata', 'vatta', 'bhatta', 'allowance', 'benefit', 'stipend', 'উপবৃত্তি'].map((w) => tokenise(w).join(' ')));
const SHORT = 4;
function onlyNamesAnAllowance(text: string, tokens: readonly string[], intent: Intent, facts: StatedFacts): boolean {
  if (intent !== 'eligibility' || tokens.length > SHORT || /[?？]/u.test(text) || tokens.some((t) => ASKING.has(t))) return false;
  if (STORY_FACTS.some((k) => facts[k] !== undefined)) return false;
  const hits = find(tokens, INTENTS);
  return hits.length > 0 && hits.every((h) => h.label === 'eligibility' && BARE_ALLOWANCE.has(h.phrase));
}

function understandText(text: string): Understanding {
  const tokens = tokenise(text);
  const { facts, trackingNumber, language } = extractFacts(text);
  const programme = programmeOf(tokens);
  const subject = facts.subject ?? subjectOf(tokens);
  let intent = intentOf(text, tokens, facts, trackingNumber);
  // A programme named with no request ("বিধবা ভাতা", "ক্যান্সার রোগী") asks whether one qualifies.
  if (programme !== undefined && (intent === null || !ACTIONS.has(intent))) intent = 'eligibility';
  // So does a story of one's situation ("আমার বয়স ৬৮, স্বামী নাই").
  if ((intent === null || PASSING.has(intent)) && STORY_FACTS.some((k) => facts[k] !== undefined)) intent = 'eligibility';
  return {
    intent,
    confidence: intent === null ? 0 : onlyNamesAnAllowance(text, tokens, intent, facts) ? NAMED_ONLY : 1,
    ...(programme === undefined ? {} : { programme }),
    ...(subject === undefined ? {} : { subject }),
    facts,
    ...(trackingNumber === undefined ? {} : { trackingNumber }),
    language,
    source: 'rules',
  };
}
