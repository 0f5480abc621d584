import { findPhrase, normaliseText, tokenise } from '../../text/normalise.ts';

type Answer = 'yes' | 'no';

// Phrases are matched before single words so that "হবে না" is a no, not a yes and a no.
const PHRASES: ReadonlyArray<readonly [string, Answer]> = [
  ['জি হ্যাঁ', 'yes'], ['জি হ্যা', 'yes'], ['জ্বি হ্যাঁ', 'yes'], ['ঠিক আছে', 'yes'], ['অবশ্যই', 'yes'],
  ['ji ha', 'yes'], ['ji haa', 'yes'], ['thik ache', 'yes'], ['thik ase', 'yes'], ['of course', 'yes'],
  ['জি না', 'no'], ['জ্বি না', 'no'], ['জী না', 'no'], ['হবে না', 'no'], ['হয় না', 'no'], ['ঠিক না', 'no'], ['আছে না', 'no'],
  ['ji na', 'no'], ['jee na', 'no'], ['hobe na', 'no'], ['not really', 'no'],
];

const WORDS: ReadonlyArray<readonly [string, Answer]> = [
  ...['হ্যাঁ', 'হ্যা', 'হাঁ', 'হা', 'হুম', 'হুঁ', 'আছে', 'হবে', 'ঠিক', 'সঠিক', 'yes', 'y', 'yeah', 'yep', 'yup', 'ya', 'yah', 'ok', 'okay', 'sure', 'correct', 'true']
    .map((w) => [w, 'yes'] as const),
  ...['ha', 'haa', 'haan', 'han', 'hya', 'hyaa', 'hae', 'ache', 'ase', 'achhe', 'hobe', 'thik'].map((w) => [w, 'yes'] as const),
  ...['না', 'নাহ', 'নেই', 'নাই', 'নয়', 'নাহি', 'no', 'n', 'nope', 'nah', 'not', 'never', 'false'].map((w) => [w, 'no'] as const),
  ...['na', 'naa', 'nai', 'nei', 'noy', 'nahi'].map((w) => [w, 'no'] as const),
];

// Affirm nothing alone but may accompany an answer: "জি" alone is a polite yes.
const POLITE: ReadonlySet<string> = new Set([
  'জি', 'জ্বি', 'জী', 'ji', 'jee', 'jii', 'স্যার', 'sir', 'ভাই', 'bhai', 'আপা', 'apa', 'please', 'প্লিজ', 'thanks', 'thank', 'you', 'ধন্যবাদ',
]);
const ALONE_MEANS_YES: ReadonlySet<string> = new Set(['জি', 'জ্বি', 'জী', 'ji', 'jee', 'jii']);

// Words that only ever answer, unlike না and নেই which also negate verbs.
const INTERJECTIONS: ReadonlyMap<string, Answer> = new Map(
  (
    [
      ['হ্যাঁ', 'yes'], ['হ্যা', 'yes'], ['হাঁ', 'yes'], ['yes', 'yes'], ['yeah', 'yes'], ['yep', 'yes'],
      ['no', 'no'], ['nope', 'no'],
    ] as const
  ).map(([w, a]) => [normaliseText(w), a]),
);

const PHRASE_TABLE = PHRASES.map(([p, a]) => [tokenise(p), a] as const);
const WORD_TABLE: ReadonlyMap<string, Answer> = new Map(WORDS.map(([w, a]) => [normaliseText(w), a]));
const POLITE_WORDS: ReadonlySet<string> = new Set([...POLITE].map(normaliseText));
const POLITE_YES: ReadonlySet<string> = new Set([...ALONE_MEANS_YES].map(normaliseText));

/**
 * Reads a yes or no typed in Bangla, English or Banglish ("হ্যাঁ", "জি না",
 * "ache", "nope"). Only a reply made entirely of yes/no words counts, or a
 * first clause that is ("হ্যাঁ, কার্ড আছে"); "জানি না" is not a no and
 * "হ্যাঁ না" is neither, so null sends the question back with its buttons.
 *
 * @example parseYesNo('জি হ্যাঁ') // 'yes'
 * @example parseYesNo('না, নেই') // 'no'
 * @example parseYesNo('জানি না') // null
 */
export function parseYesNo(text: string): Answer | null {
  const normal = normaliseText(text);
  const clauses = normal.split(/[,।;!?.]/u).filter((c) => c.trim() !== '');
  const [first, ...rest] = clauses;
  if (first === undefined) return null;
  const whole = readClause(normal);
  if (whole !== null) return whole === 'mixed' ? null : whole;
  const answer = readClause(first);
  if (answer === null || answer === 'mixed') return null;
  // "না, মানে হ্যাঁ" takes it back; a later "নেই" ("হ্যাঁ, তবে কার্ড নেই") does not.
  const opposite = rest.some((clause) => {
    const pure = readClause(clause);
    if (pure !== null) return pure !== answer;
    return tokenise(clause).some((t) => INTERJECTIONS.get(t) !== undefined && INTERJECTIONS.get(t) !== answer);
  });
  return opposite ? null : answer;
}

/** A clause made only of yes/no words (and politeness): its answer; otherwise null. */
function readClause(clause: string): Answer | 'mixed' | null {
  const tokens = tokenise(clause);
  if (tokens.length === 0) return null;
  const answers = new Set<Answer>();
  const covered = new Array<boolean>(tokens.length).fill(false);
  for (const [phrase, answer] of PHRASE_TABLE) {
    for (const start of findPhrase(tokens, phrase)) {
      if (covered.slice(start, start + phrase.length).some(Boolean)) continue;
      covered.fill(true, start, start + phrase.length);
      answers.add(answer);
    }
  }
  let politeYes = false;
  for (const [i, token] of tokens.entries()) {
    if (covered[i] === true) continue;
    const answer = WORD_TABLE.get(token);
    if (answer !== undefined) answers.add(answer);
    else if (POLITE_YES.has(token)) politeYes = true;
    else if (!POLITE_WORDS.has(token)) return null;
  }
  if (answers.size === 0) return politeYes ? 'yes' : null;
  if (answers.size > 1) return 'mixed';
  const [only] = answers;
  return only ?? null;
}
