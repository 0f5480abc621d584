import { normaliseText } from '../../../text/normalise.ts';
import { isTrackingNumber } from '../../../domain/cases/trackingNumber.ts';

/**
 * One word or number of a message, with the clause it sits in. Clauses
 * (split at "।", ",", "but", …) bound every look-around, because "স্বামী নাই,
 * কোনো ভাতা পাই না" negates two different things.
 */
export interface Tok {
  /** Normalised (NFC, lower case, Latin digits). */
  text: string;
  kind: 'word' | 'num';
  /** A number token's value (grouped "10,000" and decimal "1.5" already read). */
  value?: number;
  clause: number;
  /** Digits that are an identifier (phone, date, tracking number, range): never an age or amount. */
  id?: boolean;
}

export interface Tokenised {
  toks: Tok[];
  /** A 9-digit tracking number written anywhere, in whole groups; a valid check digit is preferred. */
  trackingNumber?: string;
  /** Clauses that ask ("ভাতা পায়?", "can she get…"): they do not tell. */
  questions: ReadonlySet<number>;
  /** Questions about anyone ("does a widow get…", "can a disabled person…"): what they name is nobody's fact. */
  generalQuestions: ReadonlySet<number>;
}

interface Atom {
  text: string;
  type: 'digits' | 'letters' | 'mark';
  start: number;
  end: number;
}

// Letters with their combining marks, a run of digits, or one other character.
const ATOM = /\d+|[\p{L}\p{M}]+|\S/gu;
const CLAUSE_MARKS: ReadonlySet<string> = new Set(['।', '॥', '.', '!', '?', ';', ',', '|', '—', '–', '？', '！', '؟', '،', '…']);
// An English clause opening like this asks; with "a"/"an" next it asks about anyone.
const QUESTION_OPENERS: ReadonlySet<string> = new Set(['does', 'do', 'did', 'can', 'could', 'is', 'are', 'will', 'would', 'should', 'may', 'how', 'what', 'who', 'which', 'where', 'when']);
const INDEFINITE: ReadonlySet<string> = new Set(['a', 'an', 'any']);
const QUESTION_MARKS: ReadonlySet<string> = new Set(['?', '？', '؟']);
const CLAUSE_WORDS: ReadonlySet<string> = new Set(['কিন্তু', 'তবে', 'but', 'however', 'kintu', 'tobe'].map((w) => normaliseText(w)));
// "tk. 500" and "no. 482…" are abbreviations, not the end of a clause.
const ABBREVIATIONS: ReadonlySet<string> = new Set(['tk', 'no', 'rs', 'mr', 'mrs', 'dr', 'nong', 'নং']);
const GROUP_GAP = /^[\s\-_/.\u2010-\u2015]{0,3}$/u;
const TRACKING_LENGTH = 9;

/**
 * Splits a message into the tokens the fact rules read. Newlines end a
 * clause; apostrophes inside English words are dropped ("doesn't" → "doesnt").
 *
 * @example tokeniseFacts('বয়স ৭২, স্বামী নাই').toks.map((t) => t.clause) // [0, 0, 1, 1]
 */
export function tokeniseFacts(text: string): Tokenised {
  const normal = normaliseText(text.replace(/[\r\n]+/g, ' । ')).replace(/([a-z])['’]([a-z])/g, '$1$2');
  const atoms: Atom[] = [];
  for (const m of normal.matchAll(ATOM)) {
    const t = m[0];
    const start = m.index;
    const type = /^\d/.test(t) ? 'digits' : /^[\p{L}\p{M}]/u.test(t) ? 'letters' : 'mark';
    atoms.push({ text: t, type, start, end: start + t.length });
  }
  const { idAtoms, trackingNumber } = identifiers(atoms, normal);
  const toks: Tok[] = [];
  const questions = new Set<number>();
  let clause = 0;
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    if (a === undefined) continue;
    if (a.type === 'mark') {
      if (a.text === '৳') toks.push({ text: '৳', kind: 'word', clause });
      else if (CLAUSE_MARKS.has(a.text) && !(a.text === '.' && ABBREVIATIONS.has(toks.at(-1)?.text ?? ''))) {
        if (QUESTION_MARKS.has(a.text)) questions.add(clause);
        clause += 1;
      }
      continue;
    }
    if (a.type === 'letters') {
      if (CLAUSE_WORDS.has(a.text)) clause += 1;
      else toks.push({ text: a.text, kind: 'word', clause });
      continue;
    }
    if (idAtoms.has(i)) {
      toks.push({ text: a.text, kind: 'num', value: Number(a.text), clause, id: true });
      continue;
    }
    const read = readNumber(atoms, i);
    toks.push({ text: read.text, kind: 'num', value: read.value, clause });
    i = read.last;
  }
  // normaliseText drops the final "?", so it is looked for in the text as typed.
  if (/[?？؟]\s*$/u.test(text)) questions.add(clause);
  const generalQuestions = new Set<number>();
  for (const [i, t] of toks.entries()) {
    if (i > 0 && toks[i - 1]?.clause === t.clause) continue;
    if (!QUESTION_OPENERS.has(t.text)) continue;
    questions.add(t.clause);
    if (INDEFINITE.has(toks[i + 1]?.text ?? '') && toks[i + 1]?.clause === t.clause) generalQuestions.add(t.clause);
  }
  return { toks, questions, generalQuestions, ...(trackingNumber === undefined ? {} : { trackingNumber }) };
}

/** "10,000", "1,00,000" and "1.5" are one number; "65,70" is a list. */
function readNumber(atoms: readonly Atom[], i: number): { text: string; value: number; last: number } {
  const first = atoms[i];
  if (first === undefined) return { text: '', value: 0, last: i };
  const adjacent = (a: Atom | undefined, b: Atom | undefined): boolean => a !== undefined && b !== undefined && a.end === b.start;
  let digits = first.text;
  let last = i;
  // Thousands: groups of two or three after the first, the final one of three.
  let j = i;
  const groups: string[] = [];
  while (atoms[j + 1]?.text === ',' && atoms[j + 2]?.type === 'digits' && adjacent(atoms[j], atoms[j + 1]) && adjacent(atoms[j + 1], atoms[j + 2])) {
    const g = atoms[j + 2]?.text ?? '';
    if (g.length < 2 || g.length > 3) break;
    groups.push(g);
    j += 2;
  }
  while (groups.length > 0 && groups.at(-1)?.length !== 3) {
    groups.pop();
    j -= 2;
  }
  if (groups.length > 0 && first.text.length <= 3) {
    digits += groups.join('');
    last = j;
    return { text: digits, value: Number(digits), last };
  }
  const dot = atoms[i + 1];
  const fraction = atoms[i + 2];
  if (dot?.text === '.' && fraction?.type === 'digits' && adjacent(first, dot) && adjacent(dot, fraction) && fraction.text.length <= 2) {
    const text = `${first.text}.${fraction.text}`;
    return { text, value: Number(text), last: i + 2 };
  }
  return { text: digits, value: Number(digits), last };
}

/**
 * Finds the digit runs that are identifiers rather than quantities: a
 * tracking number (nine digits in whole groups), a phone number, a date, a
 * range ("৬৫-৭০"), or any run of ten digits or more. Groups are runs joined
 * by at most three spaces, dashes, dots or slashes, as in trackingNumber.ts.
 */
function identifiers(atoms: readonly Atom[], normal: string): { idAtoms: Set<number>; trackingNumber?: string } {
  const idAtoms = new Set<number>();
  let tracking: string | undefined;
  let fallback: string | undefined;
  let i = 0;
  while (i < atoms.length) {
    if (atoms[i]?.type !== 'digits') {
      i += 1;
      continue;
    }
    // Collect one cluster of digit atoms.
    const members: number[] = [i];
    const gaps: string[] = [];
    let k = i + 1;
    let lastDigit = i;
    while (k < atoms.length) {
      const a = atoms[k];
      if (a === undefined) break;
      if (a.type === 'letters') break;
      if (a.type === 'digits') {
        const gap = normal.slice(atoms[lastDigit]?.end ?? 0, a.start);
        if (!GROUP_GAP.test(gap)) break;
        members.push(k);
        gaps.push(gap);
        lastDigit = k;
      } else if (!/^[\-_/.\u2010-\u2015]$/u.test(a.text)) break;
      k += 1;
    }
    i = lastDigit + 1;
    const groups = members.map((m) => atoms[m]?.text ?? '');
    const all = groups.join('');
    if (groups.length === 1) {
      if (all.length === TRACKING_LENGTH) {
        if (tracking === undefined && isTrackingNumber(all)) tracking = all;
        fallback ??= all;
      }
      if (all.length >= TRACKING_LENGTH) idAtoms.add(i - 1);
      continue;
    }
    if (groups.length === 2 && gaps[0] === '.' && (groups[1]?.length ?? 0) <= 2) continue;
    const phone = (all.startsWith('01') && all.length === 11) || (all.startsWith('8801') && all.length === 13);
    if (phone) {
      for (const m of members) idAtoms.add(m);
      continue;
    }
    // Whole consecutive groups that make nine digits, each of at least three,
    // so an age typed just before ("৬৭ ৪৮২ ১৭৩ ৯০৮") stays an age.
    for (let s = 0; s < groups.length; s++) {
      let joined = '';
      for (let e = s; e < groups.length && joined.length < TRACKING_LENGTH; e++) {
        const g = groups[e] ?? '';
        if (g.length < 3) break;
        joined += g;
        if (joined.length !== TRACKING_LENGTH) continue;
        for (let m = s; m <= e; m++) idAtoms.add(members[m] ?? -1);
        if (tracking === undefined && isTrackingNumber(joined)) tracking = joined;
        fallback ??= joined;
      }
    }
    // Digits joined tightly by a dash, slash or dot are a date, a range or a code.
    if (gaps.some((g) => g !== '' && !/\s/.test(g))) for (const m of members) idAtoms.add(m);
  }
  const found = tracking ?? fallback;
  return found === undefined ? { idAtoms } : { idAtoms, trackingNumber: found };
}
