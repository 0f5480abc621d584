import { describe, expect, it } from 'vitest';
import { EngineConversation, type Step } from '../support/engineHarness.ts';

/** Golden transcripts of a citizen journalist's report, both languages, with an edit, a duplicate and a refusal of consent. */

async function snapshot(name: string, convo: EngineConversation): Promise<void> {
  await expect(JSON.stringify({ turns: convo.turns, lodged: convo.lodged }, null, 2) + '\n').toMatchFileSnapshot(`./golden/${name}.json`);
  const text = convo.rendered.map((t) => `> ${JSON.stringify(t.in)}\n${t.text.map((x) => `< ${x.replaceAll('\n', '\n  ')}`).join('\n')}`);
  await expect(text.join('\n\n') + '\n').toMatchFileSnapshot(`./golden/${name}.txt`);
}

const OPEN: Record<'bn' | 'en', Step[]> = {
  bn: [{ start: true }, { choice: 'menu.report' }],
  en: [{ start: true }, { choice: 'lang.en' }, { choice: 'menu.report' }],
};

const WORDS = {
  bn: { name: 'রহিমা বেগম', age: 'আনুমানিক ৭২', place: 'টুঙ্গিপাড়া', situation: 'স্বামী মারা গেছেন, একা থাকেন, কোনো আয় নেই। তালিকায় নাম নেই।' },
  en: { name: 'Rahima Begum', age: 'about 72', place: 'tungipara gopalganj', situation: 'Her husband died, she lives alone with no income, and is not on the list.' },
};

async function report(convo: EngineConversation, lang: 'bn' | 'en', consent: string): Promise<void> {
  const w = WORDS[lang];
  for (const step of OPEN[lang]) await convo.send(step);
  await convo.send(w.name);
  await convo.send(w.age);
  await convo.send({ choice: 'sex.female' });
  await convo.send(w.place);
  await convo.send('1');
  await convo.send('1');
  await convo.send({ choice: 'prog.widow' });
  await convo.send({ attachment: 'image' });
  await convo.send(w.situation);
  await convo.send({ choice: consent });
  await convo.send({ choice: 'id.private' });
  expect(convo.lastQuestion()).toBe('grievance:ask.confirm');
}

describe('golden transcripts: reporting someone left out', () => {
  it.each(['bn', 'en'] as const)('%s: a report with an edit at the summary, and a second report of the same person linked to the first', async (lang) => {
    const convo = new EngineConversation();
    await report(convo, lang, 'consent.yes');
    await convo.send({ choice: 'sum.edit.age' });
    const back = await convo.send(lang === 'bn' ? '৭৫' : '75');
    expect(back.map((r) => r.key)).toEqual(['report:summary.title', 'grievance:ask.confirm']);
    await convo.send({ choice: 'sum.submit' });
    expect(convo.lodged[0]).toMatchObject({ kind: 'report', category: 'exclusion', programme: 'widow', tier: 'union', consent: 'yes', subject: { name: WORDS[lang].name, age: 75, sex: 'female' } });
    expect(convo.lodged[0]?.attachments).toHaveLength(1);

    // The same person, reported again: linked for officers; the reporter is told only that a report exists.
    await convo.send({ choice: 'menu' });
    await convo.send({ choice: 'menu.report' });
    for (const step of [WORDS[lang].name, WORDS[lang].age, { choice: 'sex.female' }, WORDS[lang].place, '1', '1', { choice: 'prog.widow' }, WORDS[lang].situation, { choice: 'consent.yes' }, { choice: 'id.share' }] as Step[]) {
      await convo.send(step);
    }
    const submitted = await convo.send({ choice: 'sum.submit' });
    expect(convo.lodged[1]).toMatchObject({ duplicateOf: convo.lodged[0]?.trackingNumber, shareIdentity: true });
    const told = submitted.find((r) => r.key === 'report:submitted');
    expect(told?.params).toEqual({ number: convo.lodged[1]?.trackingNumber });
    expect(told?.lines).toContainEqual({ key: 'report:next.duplicate' });
    expect(JSON.stringify(submitted)).not.toContain(convo.lodged[0]?.trackingNumber);
    await snapshot(`report-${lang}-edit-and-duplicate`, convo);
  });

  it('runs the eligibility questions for the person reported, attaches the result, and goes on with the report', async () => {
    const convo = new EngineConversation();
    for (const step of OPEN.bn) await convo.send(step);
    for (const step of ['রহিমা বেগম', '৭২', { choice: 'sex.female' }, 'টুঙ্গিপাড়া', '1', '1'] as Step[]) await convo.send(step);
    const started = await convo.send({ choice: 'prog.check' });
    // Age and sex are known from the report: the questions start after them.
    expect(started.map((r) => r.key)).toEqual(['eligibility:intro', 'eligibility:ask.maritalStatus.other']);
    // Widowed; none of the rare situations; no income.
    for (const step of [{ choice: 'ms.widowed' }, { choice: 'chk.none' }, '০'] as Step[]) await convo.send(step);
    const resumed = convo.turns.at(-1)?.out.map((r) => r.key) ?? [];
    expect(resumed.slice(-2)).toEqual(['report:eligibility_attached', 'report:ask.situation']);
    expect(convo.state?.flow).toMatchObject({ id: 'report', draft: { programme: 'old_age', eligibility: { likely: ['old_age', 'widow'] } } });
    for (const step of ['একা থাকেন, কোনো আয় নেই।', { choice: 'consent.could_not_ask' }, { choice: 'id.private' }, { choice: 'sum.submit' }] as Step[]) await convo.send(step);
    expect(convo.lodged[0]).toMatchObject({ kind: 'report', programme: 'old_age', consent: 'could_not_ask', eligibility: { likely: ['old_age', 'widow'], unclear: [] } });
    await snapshot('report-bn-with-eligibility-check', convo);
  });

  it('without the person\'s consent keeps only an anonymous account', async () => {
    const convo = new EngineConversation();
    await report(convo, 'bn', 'consent.no');
    await convo.send({ choice: 'sum.submit' });
    expect(convo.lodged[0]).toMatchObject({ consent: 'no', subject: { name: null, age: null, sex: null }, attachments: [] });
    expect(convo.lodged[0]?.description).toBe(WORDS.bn.situation);
    await snapshot('report-bn-no-consent', convo);
  });
});
