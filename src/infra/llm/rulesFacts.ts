import type { StatedFacts, StatedIncome } from '../../engine/understanding.ts';
import { ageSpans, type AgeSpan } from './facts/age.ts';
import { findFlags, type FlagHit } from './facts/flags.ts';
import { incomeSpans } from './facts/income.ts';
import { languageOf } from './facts/language.ts';
import { numberSpans } from './facts/numbers.ts';
import { resolvePeople, type People, type Role } from './facts/people.ts';
import { tokeniseFacts, type Tok } from './facts/tokens.ts';

/** What {@link extractFacts} reads from one message. */
export interface ExtractedFacts {
  facts: StatedFacts;
  /** Nine digits in a group pattern, Latin digits; the engine checks the check digit. */
  trackingNumber?: string;
  language: 'bn' | 'en';
}

// Facts that describe a person (sex is left out: a widow word says it too); with no one named, two of them describe the writer
// ("বয়স ৭১, পুরুষ, বউ নাই"); one alone ("বিধবা") may only name a programme.
// The card is left out too: it implies the disability, so it would count twice.
const PERSONAL: ReadonlyArray<keyof StatedFacts> = ['age', 'maritalStatus', 'hasDisability', 'illness', 'isStudent', 'govtServiceOrPension'];
// Conditions whose phrases may contain words that also describe relatives ("chokhe dekhe na" is not "does not look after").
const SELF_BY_DEFAULT = 2;
const COVERING: ReadonlySet<FlagHit['field']> = new Set(['hasDisability', 'illness', 'isStudent', 'hasSubornoCard']);

/**
 * Reads the facts a message states about the person it asks about, in the
 * eligibility profile's terms, from Bangla script, Banglish or English:
 * who they are to the writer, age, sex, marital status, disability and the
 * Suborno card, study, illness, their own income (the writer's or the
 * household's kept apart), allowances and pensions already received; also
 * a tracking number and the language. Deterministic and linear in the
 * length of the text: every look-around is bounded and phrase tables are
 * indexed, so a 4,000-character message costs a few milliseconds.
 *
 * @example
 * extractFacts('মায়ের নিজের কোনো আয় নাই, আমি দিনমজুর, মাসে ৬০০০ টাকা কামাই').facts
 * // { subject: 'other', relation: 'mother', sex: 'female',
 * //   income: { amount: 0, period: 'month', whose: 'subject' },
 * //   otherIncomes: [{ amount: 6000, period: 'month', whose: 'writer' }] }
 */
export function extractFacts(text: string): ExtractedFacts {
  const tokenised = tokeniseFacts(text);
  const { toks } = tokenised;
  const spans = numberSpans(toks);
  const flags = findFlags(tokenised);
  const covered = new Set<number>();
  for (const h of flags) if (COVERING.has(h.field)) for (let i = h.start; i < h.end; i++) covered.add(i);
  const cues = new Set(flags.map((h) => h.start));
  // Ages need to know who is named ("I am 68"), and who is the subject needs the ages: two passes.
  let people = resolvePeople(tokenised, withAges(cues, ageSpans(toks, spans, () => false, tokenised.generalQuestions)), covered);
  const ages = ageSpans(toks, spans, people.namedBefore, tokenised.generalQuestions);
  people = resolvePeople(tokenised, withAges(cues, ages), covered);

  const facts: StatedFacts = {};
  if (people.subject !== undefined) facts.subject = people.subject;
  if (people.relation !== undefined) facts.relation = people.relation;
  if (people.sex !== undefined) facts.sex = people.sex;
  const own = (i: number): Role => people.ownerAt(i);

  const age = ages.find((a) => own(a.start) === 'subject');
  if (age !== undefined) facts.age = age.value;
  applyFlags(facts, flags, people);
  applyIncomes(facts, toks, spans, people, new Set(ages.map((a) => a.start)));

  if (facts.maritalStatus === undefined && people.maritalStatus !== undefined) facts.maritalStatus = people.maritalStatus;
  if (facts.sex === undefined && people.spouseSex !== undefined) facts.sex = people.spouseSex;
  // "স্বামী মারা গেছেন": a spouse named with no one else is the writer's.
  const ownSpouse = people.subject === undefined && people.maritalStatus !== undefined;
  if (facts.subject === undefined && (ownSpouse || PERSONAL.filter((k) => facts[k] !== undefined).length >= SELF_BY_DEFAULT)) {
    facts.subject = 'self';
    facts.relation = 'self';
  }
  return {
    facts,
    ...(tokenised.trackingNumber === undefined ? {} : { trackingNumber: tokenised.trackingNumber }),
    language: languageOf(text, toks),
  };
}

function withAges(cues: ReadonlySet<number>, ages: readonly AgeSpan[]): Set<number> {
  const all = new Set(cues);
  for (const a of ages) if (a.cued) all.add(a.start);
  return all;
}

/** The first statement of each fact that is about the subject wins. */
function applyFlags(facts: StatedFacts, flags: readonly FlagHit[], people: People): void {
  let markedSex: StatedFacts['sex'];
  for (const h of flags) {
    if (h.generic && !people.anyoneBefore(h.start) && people.roleAt(h.start) === undefined) continue;
    // "এক বিধবা মহিলা": the widow word is itself the person it speaks of.
    const role = people.roleAt(h.start) ?? people.ownerAt(h.start);
    const about = role === 'subject' || (role === 'group' && h.field === 'receivesOtherAllowance');
    if (!about) continue;
    switch (h.field) {
      case 'illness':
        facts.illness ??= h.value;
        break;
      case 'maritalStatus':
        facts.maritalStatus ??= h.value;
        markedSex ??= h.sex;
        break;
      case 'sex':
        facts.sex ??= h.value;
        break;
      default:
        facts[h.field] ??= h.value;
    }
  }
  if (facts.sex === undefined && markedSex !== undefined) facts.sex = markedSex;
}

function applyIncomes(facts: StatedFacts, toks: readonly Tok[], spans: ReturnType<typeof numberSpans>, people: People, ages: ReadonlySet<number>): void {
  const others: StatedIncome[] = [];
  for (const inc of incomeSpans(toks, spans, ages)) {
    let role: Role = inc.firstPerson ? (people.subject === 'other' ? 'writer' : 'subject') : people.ownerAt(inc.ownerFrom);
    // The writer speaking of themself: "স্বামী দিনমজুর, মাসে ৫০০০ টাকা কামায়" is the husband's.
    if (role === 'subject' && people.subject !== 'other' && inc.thirdPerson && people.relativeBefore(inc.start)) role = 'relative';
    // "দুজনেরই কোনো আয় নাই": nobody in the group earns, the subject included.
    if (inc.zero && role === 'group') role = 'subject';
    const whose: StatedIncome['whose'] = role === 'subject' ? 'subject' : role === 'writer' ? 'writer' : 'household';
    const income: StatedIncome = { amount: inc.amount, period: inc.period, whose };
    if (whose === 'subject') facts.income ??= income;
    else if (!others.some((o) => o.amount === income.amount && o.period === income.period && o.whose === income.whose)) others.push(income);
  }
  if (others.length > 0) facts.otherIncomes = others;
}
