import { describe, expect, it } from 'vitest';
import {
  answerQuestionnaire,
  EngineConversation,
  type Answers,
  type ReplyRecord,
  type Step,
} from '../support/engineHarness.ts';

/**
 * Golden transcripts: whole conversations through the pure engine, recorded as
 * i18n keys and params (never rendered words) in `golden/<name>.json`, with a
 * rendered copy in `golden/<name>.txt` for people to read. Each path also
 * asserts the verdict it exists to show, so a changed snapshot alone cannot
 * hide a wrong answer.
 */

const yes: Step = { choice: 'yes' };
const no: Step = { choice: 'no' };

/** Opening: first contact, language chosen, eligibility opened from the menu. */
const OPEN: Record<'bn' | 'en', Step[]> = {
  bn: [{ start: true }, { choice: 'menu.eligibility' }],
  en: [{ start: true }, { choice: 'lang.en' }, { choice: 'menu.eligibility' }],
};

/**
 * One person's path to a verdict. Answers are typed or pressed as such a
 * person would (Bangla words, English words, digits of either kind); each
 * path runs in both languages, since labels and words are matched in both.
 */
interface Path {
  name: string;
  answers: Answers;
  expect: Partial<Record<string, 'likely_eligible' | 'cannot_tell' | 'not_eligible'>>;
  /** An opening of its own, in its own language, instead of the menu. */
  opening?: { lang: 'bn' | 'en'; steps: Step[] };
}

const PATHS: Path[] = [
  {
    name: 'old-age-mother-by-free-text',
    opening: { lang: 'bn', steps: [{ start: true }, 'আমার মা কি বয়স্ক ভাতা পাবে?'] },
    answers: {
      // The rare situations, asked together.
      checks: { choice: 'chk.none' },
      subject: { choice: 'subj.other' },
      age: '৬৭ বছর',
      sex: 'মহিলা',
      maritalStatus: { choice: 'ms.married' },
      hasDisability: 'না',
      annualIncome: 'মাসে ৫০০ টাকা',
      govtServiceOrPension: 'না',
      receivesOtherAllowance: 'না',
      permanentResident: 'হ্যাঁ',
      illness: { choice: 'ill.none' },
      community: { choice: 'com.none' },
    },
    expect: { old_age: 'likely_eligible', widow: 'not_eligible', disability: 'not_eligible' },
  },
  {
    name: 'old-age-man-64-too-young',
    answers: {
      // The rare situations, asked together.
      checks: 'none',
      subject: { choice: 'subj.self' },
      age: '64 years',
      sex: 'man',
      maritalStatus: { choice: 'ms.married' },
      hasDisability: no,
      annualIncome: '6000 a year',
      govtServiceOrPension: no,
      receivesOtherAllowance: no,
      permanentResident: yes,
      illness: { choice: 'ill.none' },
      community: { choice: 'com.none' },
    },
    expect: { old_age: 'not_eligible' },
  },
  {
    name: 'widow',
    answers: {
      // The rare situations, asked together.
      checks: 'না',
      subject: { choice: 'subj.self' },
      age: '৪৫',
      sex: { choice: 'sex.female' },
      maritalStatus: 'বিধবা',
      hasDisability: no,
      annualIncome: 'বছরে ৮০০০',
      govtServiceOrPension: no,
      receivesOtherAllowance: no,
      permanentResident: yes,
      illness: { choice: 'ill.none' },
      community: { choice: 'com.none' },
    },
    expect: { widow: 'likely_eligible', old_age: 'not_eligible' },
  },
  {
    name: 'disability-with-suborno-card',
    answers: {
      // The rare situations, asked together.
      checks: [{ choice: 'chk.hasDisability' }, 'none of these'],
      subject: { choice: 'subj.other' },
      age: '30',
      sex: { choice: 'sex.male' },
      maritalStatus: { choice: 'ms.never' },
      hasDisability: 'yes',
      hasSubornoCard: 'yes',
      isStudent: no,
      annualIncome: '1500 per month',
      govtServiceOrPension: no,
      receivesOtherAllowance: no,
      permanentResident: yes,
      illness: { choice: 'ill.none' },
      community: { choice: 'com.none' },
    },
    expect: { disability: 'likely_eligible', disability_stipend: 'not_eligible' },
  },
  {
    name: 'disability-without-card',
    answers: {
      // The rare situations, asked together.
      checks: ['১', 'কোনোটিই না'],
      subject: { choice: 'subj.self' },
      age: '৪০',
      sex: { choice: 'sex.male' },
      maritalStatus: { choice: 'ms.married' },
      hasDisability: 'হ্যাঁ',
      hasSubornoCard: 'না',
      isStudent: 'না',
      annualIncome: '০',
      govtServiceOrPension: no,
      receivesOtherAllowance: no,
      permanentResident: yes,
      illness: { choice: 'ill.none' },
      community: { choice: 'com.none' },
    },
    expect: { disability: 'not_eligible' },
  },
  {
    name: 'stipend-student-with-disability',
    answers: {
      // The rare situations, asked together.
      checks: [{ choice: 'chk.hasDisability' }, { choice: 'chk.none' }],
      subject: { choice: 'subj.other' },
      age: '১৪',
      sex: { choice: 'sex.female' },
      maritalStatus: { choice: 'ms.never' },
      hasDisability: yes,
      hasSubornoCard: yes,
      isStudent: yes,
      educationLevel: 'মাধ্যমিক',
      annualIncome: 'মাসে ২০০০',
      govtServiceOrPension: no,
      receivesOtherAllowance: no,
      permanentResident: yes,
      illness: { choice: 'ill.none' },
      community: { choice: 'com.none' },
    },
    expect: { disability_stipend: 'likely_eligible' },
  },
  {
    name: 'hijra-55',
    answers: {
      // The rare situations, asked together.
      checks: { choice: 'chk.none' },
      subject: { choice: 'subj.self' },
      age: '55',
      sex: 'hijra',
      maritalStatus: { choice: 'ms.never' },
      hasDisability: no,
      annualIncome: '0',
      govtServiceOrPension: no,
      receivesOtherAllowance: no,
      permanentResident: yes,
      illness: { choice: 'ill.none' },
      community: { choice: 'com.none' },
    },
    expect: { hijra: 'likely_eligible', old_age: 'not_eligible' },
  },
  {
    name: 'bede-community',
    answers: {
      // The rare situations, asked together.
      checks: ['বেদে', 'none'],
      subject: { choice: 'subj.other' },
      age: '৭০',
      sex: { choice: 'sex.male' },
      maritalStatus: { choice: 'ms.married' },
      hasDisability: no,
      illness: { choice: 'ill.none' },
      community: 'বেদে',
      annualIncome: 'মাসে ৪০০',
      govtServiceOrPension: no,
      receivesOtherAllowance: no,
      permanentResident: yes,
    },
    expect: { bede: 'cannot_tell', old_age: 'likely_eligible' },
  },
  {
    name: 'cancer-patient',
    answers: {
      // The rare situations, asked together.
      checks: ['2', 'না'],
      subject: { choice: 'subj.other' },
      age: '52',
      sex: { choice: 'sex.female' },
      maritalStatus: { choice: 'ms.married' },
      hasDisability: no,
      illness: 'cancer',
      community: { choice: 'com.none' },
      annualIncome: '2k a month',
      govtServiceOrPension: no,
      receivesOtherAllowance: no,
      permanentResident: yes,
    },
    expect: { patient_assistance: 'likely_eligible', old_age: 'not_eligible' },
  },
  {
    name: 'government-pensioner',
    answers: {
      // The rare situations, asked together.
      checks: ['৪', { choice: 'chk.none' }],
      subject: { choice: 'subj.self' },
      age: '৭২',
      sex: { choice: 'sex.male' },
      maritalStatus: { choice: 'ms.married' },
      hasDisability: no,
      illness: { choice: 'ill.none' },
      community: { choice: 'com.none' },
      annualIncome: 'বছরে ৯০০০',
      govtServiceOrPension: 'হ্যাঁ',
      receivesOtherAllowance: no,
      permanentResident: yes,
    },
    expect: { old_age: 'not_eligible' },
  },
];

/** programme id → the status its result line shows. */
function verdictsShown(out: ReplyRecord[]): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const r of out) {
    const status = r.key.match(/^eligibility:result\.programme\.(\w+)$/)?.[1];
    if (status && typeof r.params?.id === 'string') shown[r.params.id] = status;
    if (r.key === 'eligibility:result.ruled_out') {
      for (const line of r.lines ?? []) {
        const id = line.match(/^eligibility:result\.ruled_out_programme \{"id":"(\w+)"\}/)?.[1];
        if (id) shown[id] = 'not_eligible';
      }
    }
  }
  return shown;
}

async function snapshot(name: string, convo: EngineConversation): Promise<void> {
  await expect(JSON.stringify(convo.turns, null, 2) + '\n').toMatchFileSnapshot(`./golden/${name}.json`);
  const text = convo.rendered.map((t) => `> ${JSON.stringify(t.in)}\n${t.text.map((x) => `< ${x.replaceAll('\n', '\n  ')}`).join('\n')}`);
  await expect(text.join('\n\n') + '\n').toMatchFileSnapshot(`./golden/${name}.txt`);
}

describe('golden transcripts: every programme path, both languages', () => {
  const runs = PATHS.flatMap((path) => (['bn', 'en'] as const).map((lang) => ({ ...path, lang, title: `${lang}-${path.name}` })));
  it.each(runs)('$title', async (path) => {
    const convo = new EngineConversation();
    const opening = path.opening?.lang === path.lang ? path.opening.steps : OPEN[path.lang];
    for (const step of opening) await convo.send(step);
    await answerQuestionnaire(convo, path.answers);

    expect(convo.state?.lang).toBe(path.lang);
    const result = convo.turns.at(-1)?.out ?? [];
    // The answer first: what the person may get (or that nothing fits) leads, with "More" for the rest.
    expect(result[0]?.key).toMatch(/^eligibility:result\.(headline|headline_unclear|card_first|none)\./);
    expect(result.at(-1)).toMatchObject({ key: 'eligibility:result.next', choices: ['elig.more', 'elig.again', 'menu'] });
    const likely = Object.entries(path.expect).filter(([, status]) => status === 'likely_eligible').map(([id]) => id);
    const headline = result[0]?.lines?.join('\n') ?? '';
    for (const id of likely) expect(headline).toContain(`"id":"${id}"`);
    await convo.send({ choice: 'elig.more' });
    const more = convo.turns.at(-1)?.out ?? [];
    const shown = verdictsShown([...result, ...more]);
    expect(shown).toMatchObject(path.expect);
    // Every programme is accounted for in the answer and its "More", whatever its status.
    expect(Object.keys(shown).sort()).toEqual(['bede', 'disability', 'disability_stipend', 'hijra', 'old_age', 'patient_assistance', 'widow']);
    expect(more.at(-1)).toMatchObject({ key: 'eligibility:result.next', choices: ['elig.again', 'menu'] });
    await snapshot(path.title, convo);
  });
});

describe('golden transcripts: the awkward turns', () => {
  it('bad input gets a short note and the same question again (bn)', async () => {
    const convo = new EngineConversation();
    for (const step of [...OPEN.bn, { choice: 'subj.self' }] as Step[]) await convo.send(step);
    const steps: Array<[Step, string]> = [
      ['abc', 'eligibility:invalid.age'],
      ['২৫০', 'eligibility:invalid.age_range'],
      ['', 'common:invalid.empty'],
      [{ attachment: 'sticker' }, 'common:invalid.attachment'],
    ];
    for (const [step, error] of steps) {
      const out = (await convo.send(step)).map((r) => r.key);
      expect(out).toEqual([error, 'eligibility:ask.age.self']);
    }
    const year = await convo.send('১৯৫৫');
    expect(year[0]).toMatchObject({ key: 'eligibility:note.age_from_year', params: { year: 1955, age: 71 } });
    expect(convo.state?.flow).toMatchObject({ profile: { age: 71 } });
    await snapshot('bn-bad-input', convo);
  });

  it('an income without "a month" or "a year" asks which', async () => {
    const convo = new EngineConversation();
    for (const step of [...OPEN.en, { choice: 'subj.self' }, '68', { choice: 'sex.female' }, { choice: 'ms.married' }, 'no'] as Step[]) {
      await convo.send(step);
    }
    for (let i = 0; i < 5 && convo.lastQuestion() !== 'eligibility:ask.annualIncome.self'; i += 1) {
      // The rare situations come as one checklist: none of them.
      await convo.send({ choice: 'chk.none' });
    }
    const asked = await convo.send('১০,০০০');
    expect(asked.at(-1)).toMatchObject({ key: 'eligibility:ask.income_period', params: { amount: 10000 } });
    await convo.send({ choice: 'period.month' });
    expect(convo.state?.flow).toMatchObject({ profile: { annualIncome: 120000 } });
    await snapshot('en-income-period', convo);
  });

  it('a day\'s wage asks how many days of work a month, and turns it into a yearly income', async () => {
    const convo = new EngineConversation();
    for (const step of [...OPEN.bn, { choice: 'subj.other' }, '৬৬', 'পুরুষ', { choice: 'ms.married' }, 'না'] as Step[]) await convo.send(step);
    for (let i = 0; i < 5 && convo.lastQuestion() !== 'eligibility:ask.annualIncome.other'; i += 1) {
      // The rare situations come as one checklist: none of them.
      await convo.send({ choice: 'chk.none' });
    }
    expect((await convo.send('দিনে ৩০০ টাকা')).map((r) => [r.key, r.params])).toEqual([['eligibility:ask.income_days.other', { amount: 300 }]]);
    expect((await convo.send('চল্লিশ')).map((r) => r.key)).toEqual(['eligibility:invalid.days', 'eligibility:ask.income_days.other']);
    await convo.send('২০');
    expect(convo.state?.flow).toMatchObject({ sub: null, profile: { annualIncome: 300 * 20 * 12 } });
    await snapshot('bn-day-wage', convo);
  });

  it('a first message asking about a programme is answered at once, in Bangla for Banglish, with no language question first', async () => {
    const convo = new EngineConversation();
    const first = await convo.send('amar baba ki boyosko vata pabe?');
    // Subject "other" came from "amar baba": the questionnaire starts at the age.
    expect(first.map((r) => r.key)).toEqual(['common:welcome', 'eligibility:intro', 'eligibility:ask.age.other']);
    expect(convo.state?.lang).toBe('bn');
    await answerQuestionnaire(convo, {
      age: '৬০',
      sex: 'পুরুষ',
      maritalStatus: { choice: 'ms.married' },
      hasDisability: 'না',
      illness: { choice: 'ill.none' },
      community: { choice: 'com.none' },
      checks: 'কোনোটাই না',
      annualIncome: '০',
      govtServiceOrPension: 'না',
      receivesOtherAllowance: 'না',
      permanentResident: 'হ্যাঁ',
    });
    const result = convo.turns.at(-1)?.out ?? [];
    // Right after the summary: the old age allowance, not eligible, and why (age 60 < 65).
    expect(result[1]).toMatchObject({ key: 'eligibility:result.programme.not_eligible', params: { id: 'old_age' } });
    expect(result[1]?.lines?.[0]).toMatch(/^programmes:reason\.age_at_least_unmet/);
    await convo.send({ choice: 'elig.more' });
    const more = convo.turns.at(-1)?.out ?? [];
    expect(more.find((r) => r.key === 'eligibility:result.ruled_out')?.lines?.join()).not.toContain('"old_age"');
    await snapshot('bn-first-message-focus', convo);
  });

  it('back, help and a language switch keep the place (bn → en)', async () => {
    const convo = new EngineConversation();
    for (const step of [...OPEN.bn, { choice: 'subj.self' }, '৬৬'] as Step[]) await convo.send(step);
    expect(convo.lastQuestion()).toBe('eligibility:ask.sex.self');

    expect((await convo.send('পিছনে')).map((r) => r.key)).toEqual(['eligibility:ask.age.self']);
    expect(convo.state?.flow).toMatchObject({ profile: { subject: 'self' } });
    await convo.send('৬৬');
    expect((await convo.send('সাহায্য')).map((r) => r.key)).toEqual(['menu:help', 'eligibility:ask.sex.self']);
    const switched = await convo.send('English');
    expect(switched.map((r) => r.key)).toEqual(['common:language.set', 'eligibility:ask.sex.self']);
    expect(convo.state?.lang).toBe('en');
    expect(convo.rendered.at(-1)?.text.at(-1)).toMatch(/man, a woman/);
    await snapshot('bn-back-help-language', convo);
  });

  it('an old button is answered gently, and a long pause asks continue or start over', async () => {
    const convo = new EngineConversation();
    for (const step of [...OPEN.bn, { choice: 'subj.other' }, '৭০'] as Step[]) await convo.send(step);
    expect((await convo.send({ choice: 'subj.self' })).map((r) => r.key)).toEqual(['common:stale_choice', 'eligibility:ask.sex.other']);

    await convo.send({ wait: 31 * 60_000 });
    const resume = await convo.send('মহিলা');
    expect(resume.map((r) => r.key)).toEqual(['common:resume.prompt']);
    expect((await convo.send('১')).map((r) => r.key)).toEqual(['eligibility:ask.sex.other']);
    await convo.send('মহিলা');
    expect(convo.state?.flow).toMatchObject({ profile: { subject: 'other', age: 70, sex: 'female' } });

    await convo.send({ wait: 45 * 60_000 });
    await convo.send('হ্যালো');
    expect((await convo.send({ choice: 'resume.restart' })).map((r) => r.key)).toEqual(['menu:prompt']);
    expect(convo.state?.flow).toBeNull();
    await snapshot('bn-stale-and-resume', convo);
  });

  it('menu, restart and cancel work in the middle of the questions, in Banglish too', async () => {
    const convo = new EngineConversation();
    for (const step of [...OPEN.bn, { choice: 'subj.self' }, '৬৬'] as Step[]) await convo.send(step);
    expect((await convo.send('abar shuru')).map((r) => r.key)).toEqual(['common:restarted', 'eligibility:intro', 'eligibility:ask.subject']);
    expect((await convo.send('batil')).map((r) => r.key)).toEqual(['common:cancelled', 'menu:prompt']);
    expect(convo.state?.flow).toBeNull();
    await convo.send({ choice: 'menu.eligibility' });
    expect((await convo.send('মেনু')).map((r) => r.key)).toEqual(['menu:prompt']);
    await snapshot('bn-menu-restart-cancel', convo);
  });

  it('free text opens a grievance, and the menu opens a report', async () => {
    const convo = new EngineConversation();
    for (const step of [{ start: true }, { choice: 'lang.en' }] as Step[]) await convo.send(step);
    expect((await convo.send('I want to make a complaint')).map((r) => r.key)).toEqual(['grievance:intro', 'grievance:ask.category']);
    await convo.send('menu');
    expect((await convo.send({ choice: 'menu.report' })).map((r) => r.key)).toEqual(['report:intro', 'report:ask.name']);
  });
});
