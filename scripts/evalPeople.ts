/**
 * `npm run eval:people`: scripted people (eval/people.ts) played through the
 * real engine and the rules understander. Each writes their story first, then
 * answers what Setu asks from the truth of their situation, typing as such a
 * person would. Prints messages from the story to the answer and whether
 * the answer is right. See --help.
 */
import { parseArgs } from 'node:util';
import type { Profile, ProfileField } from '../src/domain/programmes/profile.ts';
import { QUESTIONS } from '../src/engine/flows/eligibilityQuestions.ts';
import type { Reply } from '../src/engine/types.ts';
import { EngineConversation, type Step } from '../test/support/engineHarness.ts';
import { PEOPLE, type EligibilityPerson, type Person, type TaskPerson } from '../eval/people.ts';

const HELP = `npm run eval:people -- [--verbose] [--json]

Plays every scripted person in eval/people.ts through the engine (rules only,
no model): their first message, then an answer to each question from the
truth of their situation. Prints, per person, the messages they typed or
tapped from the story to the answer and whether the answer was right, then
the median and the most. Targets (issue #12): every person right, median
at most 4 messages, none over 6. Exits 1 when a person got a wrong answer.
  --verbose   print each conversation's keys
  --json      print the figures as JSON`;

const { values } = parseArgs({ options: { verbose: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean' } } });
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}

const BN_DIGITS = '০১২৩৪৫৬৭৮৯';
const inLang = (n: number, lang: 'bn' | 'en'): string => (lang === 'bn' ? String(n).replace(/\d/g, (d) => BN_DIGITS[Number(d)] ?? d) : String(n));

/** How the person answers a question about one field of their situation. */
function answer(person: EligibilityPerson, field: ProfileField): Step {
  const value = (person.truth as Profile)[field];
  const bn = person.lang === 'bn';
  const question = QUESTIONS[field];
  switch (question.kind) {
    case 'age':
      return inLang(Number(value ?? 0), person.lang);
    case 'income':
      return value === 0 || value === undefined ? (bn ? 'কোনো আয় নাই' : 'no income') : bn ? `বছরে ${inLang(Number(value), 'bn')} টাকা` : `${String(value)} taka a year`;
    case 'yesno':
      return value === true ? (bn ? 'হ্যাঁ' : 'yes') : bn ? 'না' : 'no';
    case 'choice': {
      const option = question.options.find((o) => o.value === value) ?? question.options.at(-1);
      return { choice: option?.id ?? '' };
    }
  }
}

/** The checklist's items that apply to the person ("১ ৩"), or "none of these", from the buttons it showed. */
function answerChecks(person: EligibilityPerson, choices: readonly string[]): Step {
  const t = person.truth as Profile;
  const applies: Record<string, boolean> = {
    hasDisability: t.hasDisability === true,
    illness: t.illness !== undefined && t.illness !== 'none',
    community: t.community !== undefined && t.community !== 'none',
    govtServiceOrPension: t.govtServiceOrPension === true,
    receivesOtherAllowance: t.receivesOtherAllowance === true,
    permanentResident: t.permanentResident === false,
  };
  const items = choices.filter((c) => c !== 'chk.none').map((c) => c.replace(/^chk\./, ''));
  const numbers = items.flatMap((f, i) => (applies[f] ? [i + 1] : []));
  if (numbers.length === 0) return person.lang === 'bn' ? 'কোনোটিই না' : 'none of these';
  return numbers.map((n) => inLang(n, person.lang)).join(' ');
}

interface Outcome {
  name: string;
  messages: number;
  right: boolean;
  why: string;
}

const lastKey = (replies: Reply[]): string => replies.at(-1)?.key ?? '';

async function playEligibility(person: EligibilityPerson): Promise<Outcome> {
  const convo = new EngineConversation();
  let replies = await convo.send(person.story);
  let messages = 1;
  for (let guard = 0; guard < 30; guard += 1) {
    const key = lastKey(replies);
    let step: Step | null = null;
    if (key === 'eligibility:result.next') break;
    else if (key === 'common:language.prompt') step = { choice: `lang.${person.lang}` };
    else if (key === 'eligibility:readback.prompt') step = { choice: 'rb.ok' };
    else if (key === 'eligibility:ask.income_period') step = { choice: 'period.year' };
    else if (key === 'menu:prompt') step = { choice: 'menu.eligibility' };
    else if (key.startsWith('eligibility:ask.checks')) step = answerChecks(person, replies.at(-1)?.choices?.map((c) => c.id) ?? []);
    else {
      const field = /^eligibility:ask\.(\w+?)(\.self|\.other)?$/.exec(key)?.[1] as ProfileField | undefined;
      if (field === undefined || !(field in QUESTIONS)) return { name: person.name, messages, right: false, why: `stuck at ${key}` };
      step = answer(person, field);
    }
    replies = await convo.send(step);
    messages += 1;
  }
  if (values.verbose) process.stdout.write(`${person.name}:\n${convo.turns.map((t) => `  > ${JSON.stringify(t.in)}\n${t.out.map((o) => `    < ${o.key}`).join('\n')}`).join('\n')}\n`);
  const out = convo.turns.at(-1)?.out ?? [];
  const likely = out.filter((r) => r.key === 'eligibility:result.programme.likely_eligible').map((r) => String(r.params?.id));
  const right = likely.length === person.likely.length && person.likely.every((id) => likely.includes(id));
  return { name: person.name, messages, right, why: right ? '' : `likely ${JSON.stringify(likely)}, expected ${JSON.stringify(person.likely)}` };
}

const OPENS: Record<TaskPerson['opens'], RegExp> = {
  grievance: /^grievance:intro$/,
  status: /^status:/,
  human: /^menu:human$/,
  report: /^report:ask\./,
};

async function playTask(person: TaskPerson): Promise<Outcome> {
  const convo = new EngineConversation();
  let replies = await convo.send(person.story);
  let messages = 1;
  if (lastKey(replies) === 'common:language.prompt') {
    replies = await convo.send({ choice: `lang.${person.lang}` });
    messages += 1;
  }
  const right = replies.some((r) => OPENS[person.opens].test(r.key));
  return { name: person.name, messages, right, why: right ? '' : `got ${replies.map((r) => r.key).join(', ')}` };
}

const play = (p: Person): Promise<Outcome> => (p.kind === 'eligibility' ? playEligibility(p) : playTask(p));

const outcomes: Outcome[] = [];
for (const person of PEOPLE) outcomes.push(await play(person));
const eligibility = outcomes.filter((_, i) => PEOPLE[i]?.kind === 'eligibility').map((o) => o.messages).sort((a, b) => a - b);
const median = eligibility.length === 0 ? 0 : (eligibility[Math.floor((eligibility.length - 1) / 2)]! + eligibility[Math.ceil((eligibility.length - 1) / 2)]!) / 2;
const summary = {
  people: outcomes.length,
  right: outcomes.filter((o) => o.right).length,
  medianMessages: median,
  mostMessages: Math.max(0, ...eligibility),
};
if (values.json) process.stdout.write(`${JSON.stringify({ summary, outcomes }, null, 2)}\n`);
else {
  for (const o of outcomes) process.stdout.write(`${o.right ? '✓' : '✗'} ${String(o.messages).padStart(2)} messages  ${o.name}${o.why ? `  — ${o.why}` : ''}\n`);
  process.stdout.write(
    `\n${summary.right}/${summary.people} people got the right answer; eligibility: median ${summary.medianMessages} messages from the story to the answer, most ${summary.mostMessages} (targets: all right, median ≤ 4, none over 6)\n`,
  );
}
process.exit(summary.right === summary.people ? 0 : 1);
