import type { Profile, ProfileField } from '../../domain/programmes/profile.ts';
import { normaliseText, tokenise } from '../../text/normalise.ts';
import type { EligibilityFlow } from '../session.ts';
import type { Choice, ReplyLine } from '../types.ts';

/**
 * The checklist: situations most people do not have (a disability, a grave
 * illness, a Bede or backward community, a government pension, another
 * allowance, living elsewhere) asked as one question, so "কোনোটিই না" answers
 * six questions in one tap. An item that applies is then asked on its own
 * where it needs more (which illness, which community, the Suborno card).
 */
export const CHECKS = 'checks';

export const CHECK_FIELDS = ['hasDisability', 'illness', 'community', 'govtServiceOrPension', 'receivesOtherAllowance', 'permanentResident'] as const;
export type CheckField = (typeof CHECK_FIELDS)[number];

const isCheck = (field: string): field is CheckField => (CHECK_FIELDS as readonly string[]).includes(field);

/** What "none of these" means for each item. */
const USUAL: { [F in CheckField]: NonNullable<Profile[F]> } = {
  hasDisability: false,
  illness: 'none',
  community: 'none',
  govtServiceOrPension: false,
  receivesOtherAllowance: false,
  permanentResident: true,
};

/** What "this one applies" means; undefined: it needs its own question (which illness, which community). */
const UNUSUAL: { [F in CheckField]: Profile[F] } = {
  hasDisability: true,
  illness: undefined,
  community: undefined,
  govtServiceOrPension: true,
  receivesOtherAllowance: true,
  permanentResident: false,
};

export const NONE_CHOICE = 'chk.none';

/** "None of these" as people type it. */
const NONE_WORDS: readonly string[] = ['কোনোটিই না', 'কোনটিই না', 'কোনোটাই না', 'কোনটাই না', 'কোনোটি না', 'কিছুই না', 'কোনোটা না', 'none', 'none of these', 'none of them', 'nothing', 'no one', 'konotai na', 'kono tai na', 'konotii na', 'kichui na'];

/** Words people type for an item (its button label always matches too). */
export const CHECK_SYNONYMS: Record<string, readonly string[]> = {
  'chk.hasDisability': ['প্রতিবন্ধী', 'প্রতিবন্ধিতা', 'প্রতিবন্ধি', 'disabled', 'disability', 'protibondhi', 'pratibandhi'],
  'chk.illness': ['ক্যান্সার', 'কিডনি', 'কিডনী', 'লিভার', 'সিরোসিস', 'স্ট্রোক', 'প্যারালাইসিস', 'হৃদরোগ', 'থ্যালাসেমিয়া', 'cancer', 'kidney', 'liver', 'stroke', 'paralysis', 'thalassaemia', 'thalassemia', 'rog'],
  'chk.community': ['বেদে', 'অনগ্রসর', 'দলিত', 'হরিজন', 'bede', 'dalit', 'harijan'],
  'chk.govtServiceOrPension': ['পেনশন', 'সরকারি চাকরি', 'pension', 'government job', 'govt job'],
  'chk.receivesOtherAllowance': ['অন্য ভাতা', 'ভিজিডি', 'vgd', 'another allowance', 'other allowance'],
  'chk.permanentResident': ['স্থায়ী বাসিন্দা নই', 'বাসিন্দা নই', 'not a resident', 'not resident'],
  [NONE_CHOICE]: NONE_WORDS,
};

/**
 * A typed reply with a "no" in it is never read as one item's button:
 * "প্রতিবন্ধিতা নেই" must not tick the disability. The flow reads it as a sentence.
 */
export function checklistWantsText(text: string): boolean {
  const tokens = tokenise(text);
  return tokens.some((t) => NEGATIONS.has(t)) && !NONE_WORDS.includes(tokens.join(' '));
}

const NONE_TOKENS: ReadonlySet<string> = new Set(['কোনোটিই', 'কোনটিই', 'কোনোটাই', 'কোনটাই', 'কোনোটি', 'কোনটি', 'কিছুই', 'কোনো', 'একটাও', 'জি', 'জ্বি', 'none', 'of', 'these', 'them', 'nothing', 'kono', 'konotai', 'ji', 'sir', 'স্যার']);
const NEGATIONS: ReadonlySet<string> = new Set(['না', 'নেই', 'নাই', 'নয়', 'নই', 'no', 'not', 'na', 'nai', 'nei', 'noy', 'never', "don't", 'dont', 'nope']);

/**
 * The items to ask together, when the next question is one of them: those still
 * open (`open`, from `questionsAhead`), not yet on a checklist. Fewer than two: asked as a plain question.
 */
export function checklistFor(flow: EligibilityFlow, next: ProfileField, open: readonly ProfileField[]): CheckField[] {
  if (!isCheck(next)) return [];
  const done = new Set(flow.checked ?? []);
  const group = open.filter((f): f is CheckField => isCheck(f) && !done.has(f));
  return group.length >= 2 ? group : [];
}

/** A ticked item still waiting for its own question (which illness, which community), if it still matters. */
export function pendingTicked(flow: EligibilityFlow, open: readonly ProfileField[]): ProfileField | null {
  return (flow.checked ?? []).find((f): f is CheckField => isCheck(f) && flow.profile[f] === undefined && open.includes(f)) ?? null;
}

export function checklistQuestion(flow: EligibilityFlow, group: readonly CheckField[]): { lines: ReplyLine[]; choices: Choice[] } {
  const who = flow.profile.subject === 'other' ? 'other' : 'self';
  return {
    lines: group.map((f, i) => ({ key: `eligibility:checks.${f}.${who}`, params: { n: i + 1 } })),
    choices: [...group.map((f) => ({ id: `chk.${f}`, key: `eligibility:choice.chk.${f}` })), { id: NONE_CHOICE, key: 'eligibility:choice.chk.none' }],
  };
}

/** A typed reply to the checklist: the items' numbers ("১ ৩", "2 and 4"), or none of them; null when it is neither. */
export function readChecklistText(text: string, count: number): number[] | 'none' | null {
  const tokens = tokenise(normaliseText(text));
  const joiners = new Set(['ও', 'আর', 'এবং', 'and', 'ar', 'o', 'নং', 'নম্বর', 'no']);
  const numbers = tokens.filter((t) => /^\d+$/.test(t)).map(Number);
  if (numbers.length > 0 && tokens.every((t) => /^\d+$/.test(t) || joiners.has(t))) {
    return numbers.every((n) => n >= 1 && n <= count) ? [...new Set(numbers)] : null;
  }
  // Only a reply made of "no" words: "না, বয়স ৬৮" is a correction, not "none of these".
  if (NONE_WORDS.includes(tokens.join(' ')) || (tokens.length > 0 && tokens.every((t) => NONE_TOKENS.has(t) || NEGATIONS.has(t)))) return 'none';
  return null;
}


/**
 * Takes an answer to the checklist: `chosen` items apply, and when `rest` is
 * 'usual' every other item is taken as not applying (a typed list, or "none");
 * a single tap leaves the others for a shorter checklist later.
 */
export function answerChecklist(flow: EligibilityFlow, chosen: readonly string[], rest: 'usual' | 'ask_later'): void {
  const group = (flow.checks ?? []).filter(isCheck);
  const picked = new Set(chosen);
  for (const field of group) {
    if (!picked.has(field) && rest === 'ask_later') continue;
    const value = picked.has(field) ? UNUSUAL[field] : USUAL[field];
    flow.checked = [...new Set([...(flow.checked ?? []), field])];
    if (value === undefined) continue;
    Object.assign(flow.profile, { [field]: value });
    if (!flow.answered.includes(field)) flow.answered.push(field);
  }
  delete flow.checks;
}
