import type { MaritalStatus, Sex } from '../../../domain/programmes/profile.ts';
import type { Relation } from '../../../engine/understanding.ts';
import { readMentions, type Kind, type Mention, type Role } from './mentions.ts';
import { wordSet } from './phrases.ts';
import type { Tok, Tokenised } from './tokens.ts';
import type { LifeStatus } from './words/lifeWords.ts';

export type { Role } from './mentions.ts';

/** The person asked about, and how to attribute a fact at a token. */
export interface People {
  subject?: 'self' | 'other';
  relation?: Relation;
  sex?: Sex;
  /** What the subject's spouse's state says ("স্বামী মারা গেছেন" → widowed). */
  maritalStatus?: MaritalStatus;
  /** The subject's sex as the spouse implies it (a husband → female). */
  spouseSex?: Sex;
  /** Whose a fact said at token i is: the nearest person named before it, else the subject. */
  ownerAt(i: number): Role;
  /** Whether a person was named just before token i ("মা ৭২", "ma 61"). */
  namedBefore(i: number): boolean;
  /** The role of a person named starting at token i ("বিধবা" in "এক বিধবা মহিলা"), if one is. */
  roleAt(i: number): Role | undefined;
  /** Whether a relative other than the subject is named before token i. */
  relativeBefore(i: number): boolean;
  /** Whether any person is named before token i. */
  anyoneBefore(i: number): boolean;
}

const PRONOUN_SEX: ReadonlyMap<string, Sex> = new Map([
  ['she', 'female'], ['her', 'female'], ['hers', 'female'], ['shes', 'female'], ['he', 'male'], ['him', 'male'], ['his', 'male'], ['hes', 'male'],
]);

/**
 * Finds the people a message names and decides whom it asks about: the
 * first relative named who is not merely a circumstance ("স্বামী মারা
 * গেছেন" makes the writer a widow), or the writer when they describe
 * themself first ("আমার বয়স ৬৮"). `cues` are the token positions of personal
 * facts (an age, "বিধবা", "প্রতিবন্ধী"), which make "আমি …" a self-description.
 *
 * @example resolvePeople(tokeniseFacts('আমার মায়ের বয়স ৭২'), new Set([3]), new Set()).relation // 'mother'
 */
export function resolvePeople(t: Tokenised, cues: ReadonlySet<number>, covered: ReadonlySet<number>): People {
  const { toks } = t;
  const { mentions, nextRelation } = readMentions(t, covered);

  const choice = askedAbout(toks, mentions, t.questions) ?? chooseSubject(toks, mentions, cues, nextRelation);
  assignRoles(mentions, choice);
  const spouse = spouseState(mentions, choice);
  // English says the sex in its pronouns: "my neighbour … she".
  if (choice.subject === 'other' && choice.sex === undefined) {
    const said = mentions.find((m) => m.kind === 'pronoun' && m.role === 'subject' && PRONOUN_SEX.has(toks[m.start]?.text ?? ''));
    const sex = said === undefined ? undefined : PRONOUN_SEX.get(toks[said.start]?.text ?? '');
    if (sex !== undefined) choice.sex = sex;
  }

  // A relative owns what is said in their own clause ("ছেলে দিনমজুর দিনে ৩০০ টাকা পায়");
  // after it, the text is about the subject again.
  const lastRelative = lastBefore(toks.length, mentions.filter((m) => m.role === 'relative'));
  const lastOther = lastBefore(toks.length, mentions.filter((m) => m.role !== undefined && m.role !== 'relative'));
  const ownerAt = (i: number): Role => {
    const at = Math.min(Math.max(i, 0), toks.length);
    const rel = lastRelative[at];
    const other = lastOther[at];
    if (rel !== undefined && (other === undefined || rel.start > other.start) && toks[rel.start]?.clause === toks[at]?.clause) return 'relative';
    return other?.role ?? 'subject';
  };
  const ends = new Set(mentions.map((m) => m.end));
  // Facts inside a stranger's phrase ("এক অন্ধ বৃদ্ধা", "এক বিধবা মহিলা") are the stranger's.
  const startRoles = new Map<number, Role>();
  for (const m of mentions) {
    if (m.kind !== 'stranger' || m.role === undefined) continue;
    for (let i = (m.article ?? m.start - 1) + 1; i < m.end; i++) startRoles.set(i, m.role);
  }
  const firstEnd = mentions.reduce((min, m) => Math.min(min, m.end), Infinity);
  return {
    ...(choice.subject === undefined ? {} : { subject: choice.subject }),
    ...(choice.relation === undefined ? {} : { relation: choice.relation }),
    ...(choice.sex === undefined ? {} : { sex: choice.sex }),
    ...(spouse?.status === undefined ? {} : { maritalStatus: spouse.status }),
    ...(spouse?.sex === undefined ? {} : { spouseSex: spouse.sex }),
    ownerAt,
    roleAt: (i) => startRoles.get(i),
    relativeBefore: (i) => lastRelative[Math.min(Math.max(i, 0), toks.length)] !== undefined,
    namedBefore: (i) => ends.has(i),
    anyoneBefore: (i) => firstEnd <= i,
  };
}

/** For each token position, the last of the mentions that ends at or before it. */
function lastBefore(length: number, list: readonly Mention[]): Array<Mention | undefined> {
  const out = new Array<Mention | undefined>(length + 1);
  let k = 0;
  let last: Mention | undefined;
  for (let i = 0; i <= length; i++) {
    while (k < list.length && (list[k]?.end ?? Infinity) <= i) {
      last = list[k];
      k += 1;
    }
    out[i] = last;
  }
  return out;
}

/** Whom the message is about, as decided. */
interface Choice {
  subject?: 'self' | 'other';
  relation?: Relation;
  sex?: Sex;
  /** The mention the subject was found at. */
  anchor?: number;
  /** The relation entries that name the subject ("মা" and, later, "মায়ের" are one person). */
  ids: ReadonlySet<string>;
  /** A neighbour or a stranger: strangers named later ("a 70 year old widow") are them again. */
  strangerLike: boolean;
}

const ASK_VERBS = wordSet([
  'পাবে', 'পাবেন', 'পাবো', 'পাব', 'পামু', 'পাইবো', 'পারবে', 'পারবেন', 'যোগ্য', 'pabe', 'paben', 'pabo', 'pab', 'parbe', 'parben', 'joggo',
  'get', 'apply', 'eligible', 'qualify', 'receive',
]);
// Bangla asks with কি; English questions are known by their opening word (tokens.ts).
const ASKING = wordSet(['কি', 'কী', 'ki', 'naki', 'নাকি']);

/**
 * The person a question asks about: "মা কি ভাতা পাবে?", "Can she also get
 * the old age allowance?" (she: the woman named before). It wins over the
 * first person named, who may only be context ("my father gets a pension;
 * my mother is 64, can she get…").
 */
function askedAbout(toks: readonly Tok[], mentions: readonly Mention[], questions: ReadonlySet<number>): Choice | undefined {
  const askVerb = new Set<number>();
  const asking = new Set(questions);
  for (const t of toks) {
    if (ASK_VERBS.has(t.text)) askVerb.add(t.clause);
    if (ASKING.has(t.text)) asking.add(t.clause);
  }
  for (const [m, cur] of mentions.entries()) {
    const clause = toks[cur.start]?.clause ?? -1;
    if (!askVerb.has(clause) || !asking.has(clause)) continue;
    if (cur.appositiveOf !== undefined || cur.possessive === true) continue;
    if (cur.kind === 'self') return { subject: 'self', relation: 'self', ids: new Set(), strangerLike: false };
    if (cur.kind === 'relation' && cur.status === undefined && cur.chainOf === undefined && mentions[m + 1]?.chainOf !== m) return relativeChoice(mentions, m);
    if (cur.kind === 'pronoun') {
      for (let p = m - 1; p >= 0; p--) {
        const prev = mentions[p];
        if (prev === undefined) continue;
        const head = prev.appositiveOf === undefined ? p : prev.appositiveOf;
        const h = mentions[head];
        if (h?.kind === 'stranger') return { subject: 'other', relation: 'other', ...(h.sex ? { sex: h.sex } : {}), anchor: head, ids: new Set(), strangerLike: true };
        if (h?.kind === 'relation' && h.status === undefined && h.chainOf === undefined && mentions[head + 1]?.chainOf !== head) return relativeChoice(mentions, head);
      }
      return undefined;
    }
  }
  return undefined;
}

function chooseSubject(toks: readonly Tok[], mentions: readonly Mention[], cues: ReadonlySet<number>, nextRelation: readonly number[]): Choice {
  for (const [m, cur] of mentions.entries()) {
    if (cur.appositiveOf !== undefined) continue;
    if (cur.kind === 'self' && !cur.possessive) {
      if (describesSelf(toks, cur.start, nextRelation[m] ?? Infinity, cues)) return { subject: 'self', relation: 'self', ids: new Set(), strangerLike: false };
      continue;
    }
    if (cur.kind === 'stranger') {
      return { subject: 'other', relation: 'other', ...(cur.sex ? { sex: cur.sex } : {}), anchor: m, ids: new Set(), strangerLike: true };
    }
    if (cur.kind !== 'relation' || cur.entry === undefined) continue;
    const next = mentions[m + 1];
    if (next?.chainOf === m) {
      // "বোনের স্বামী মারা গেছে" is about the sister; "বোনের ছেলে প্রতিবন্ধী" about her son, a relative.
      if (next.status !== undefined) return relativeChoice(mentions, m);
      const sex = next.entry?.sex;
      return { subject: 'other', relation: 'relative', ...(sex ? { sex } : {}), anchor: m + 1, ids: new Set([next.entry?.id ?? '']), strangerLike: false };
    }
    if (cur.chainOf !== undefined || cur.status !== undefined) continue;
    return relativeChoice(mentions, m);
  }
  const has = (kind: Kind): boolean => mentions.some((m) => m.kind === kind);
  if (has('pronoun')) return { subject: 'other', ids: new Set(), strangerLike: true };
  if (has('self')) return { subject: 'self', relation: 'self', ids: new Set(), strangerLike: false };
  if (has('weak')) return { subject: 'other', ids: new Set(), strangerLike: true };
  return { ids: new Set(), strangerLike: false };
}

/**
 * "আমার বয়স ৬৮", "ami bidhoba", "I am 68": a fact in the writer's own
 * clause with no one else named before it. "I want to report a widow" is not.
 */
function describesSelf(toks: readonly Tok[], start: number, nextOther: number, cues: ReadonlySet<number>): boolean {
  const clause = toks[start]?.clause;
  for (let i = start; i < toks.length && toks[i]?.clause === clause && i < nextOther; i++) if (cues.has(i)) return true;
  return false;
}

function relativeChoice(mentions: readonly Mention[], m: number): Choice {
  const cur = mentions[m];
  const entry = cur?.entry;
  if (entry === undefined) return { ids: new Set(), strangerLike: false };
  const ids = new Set([entry.id]);
  let sex = entry.sex;
  // "প্রতিবেশী এক চাচা": the neighbour is a man.
  for (const other of mentions) {
    if (other.appositiveOf !== m) continue;
    if (other.entry !== undefined) ids.add(other.entry.id);
    sex ??= other.entry?.sex ?? other.sex;
  }
  return { subject: 'other', relation: entry.relation, ...(sex ? { sex } : {}), anchor: m, ids, strangerLike: entry.relation === 'neighbour' };
}

function assignRoles(mentions: Mention[], choice: Choice): void {
  const other = choice.subject === 'other';
  let lastRole: Role | undefined;
  for (const [m, cur] of mentions.entries()) {
    const head = cur.appositiveOf === undefined ? cur : mentions[cur.appositiveOf];
    const isSubject = other && (m === choice.anchor || cur.appositiveOf === choice.anchor || (head?.kind === 'relation' && choice.ids.has(head.entry?.id ?? '') && cur.chainOf === undefined && mentions[m + 1]?.chainOf !== m));
    switch (cur.kind) {
      case 'self':
        if (!cur.possessive) cur.role = other ? 'writer' : 'subject';
        break;
      case 'pronoun':
      case 'weak':
        if (!cur.possessive || other) cur.role = other ? 'subject' : 'relative';
        break;
      case 'group':
        cur.role = 'group';
        break;
      case 'stranger': {
        // "my grandfather is 91, a widower": a stranger after someone is them again.
        cur.role = isSubject || (other && choice.strangerLike) ? 'subject' : (lastRole ?? 'subject');
        break;
      }
      case 'relation':
        // A relative who is dead or not there ("স্বামী নাই") is said nothing more of.
        if (isSubject) cur.role = 'subject';
        else if (cur.status !== 'dead' && cur.status !== 'absent') cur.role = 'relative';
        break;
    }
    lastRole = cur.role ?? lastRole;
  }
  // "প্রতিবেশী এক চাচা", "she is a widow": an apposition is whoever it stands beside.
  for (const cur of mentions) {
    if (cur.appositiveOf !== undefined) cur.role = mentions[cur.appositiveOf]?.role ?? cur.role;
  }
  // A chain whose end is the subject ("বোনের ছেলে") attributes to that end; its head names someone else.
  if (other && choice.anchor !== undefined) {
    const anchor = mentions[choice.anchor];
    if (anchor !== undefined) anchor.role = 'subject';
  }
}

/** The subject's spouse, if named, and what their state says about the subject. */
function spouseState(mentions: readonly Mention[], choice: Choice): { status?: MaritalStatus; sex?: Sex } | undefined {
  const anchor = choice.anchor === undefined ? undefined : mentions[choice.anchor];
  const subjectEntry = anchor?.entry;
  if (subjectEntry?.spouse === true) return { status: 'married' };
  const couples = new Map<string, Sex | undefined>();
  if (subjectEntry?.couple !== undefined) couples.set(subjectEntry.couple, subjectEntry.sex);
  for (const m of mentions) {
    if (m.appositiveOf === choice.anchor && choice.anchor !== undefined && m.entry?.couple !== undefined) couples.set(m.entry.couple, m.entry.sex);
  }
  let explicit: MaritalStatus | undefined;
  let mentioned = false;
  let spouseSex: Sex | undefined;
  for (const [i, m] of mentions.entries()) {
    const entry = m.entry;
    if (m.kind !== 'relation' || entry === undefined || i === choice.anchor || m.appositiveOf !== undefined) continue;
    const chainHead = m.chainOf === undefined ? undefined : mentions[m.chainOf];
    let partner = false;
    if (entry.couple !== undefined && couples.has(entry.couple) && couples.get(entry.couple) !== entry.sex) partner = true;
    if (entry.spouse === true) {
      if (chainHead !== undefined) partner = chainHead.role === 'subject' || m.chainOf === choice.anchor;
      else if (choice.subject !== 'other') partner = m.possessor !== 'other';
      else partner = m.possessor !== 'self';
    }
    if (!partner) continue;
    mentioned = true;
    if (entry.spouse === true && entry.sex !== undefined) spouseSex = entry.sex === 'male' ? 'female' : 'male';
    const status = maritalOf(m.status, entry.spouse === true);
    if (status === 'widowed' || status === 'deserted') explicit = explicit === 'widowed' ? explicit : status;
    else if (status === 'married') explicit ??= 'married';
  }
  if (!mentioned) return undefined;
  return { status: explicit ?? 'married', ...(spouseSex ? { sex: spouseSex } : {}) };
}

function maritalOf(status: LifeStatus | undefined, isSpouseWord: boolean): MaritalStatus | undefined {
  switch (status) {
    case 'dead':
    case 'absent':
      return 'widowed';
    case 'deserted':
      return 'deserted';
    case 'neglect':
      return isSpouseWord ? 'deserted' : undefined;
    case 'alive':
    case 'gives':
      return 'married';
    default:
      return undefined;
  }
}
