import { describe, expect, it } from 'vitest';
import { answerQuestionnaire, EngineConversation, type Step } from '../support/engineHarness.ts';

/**
 * Golden transcripts of people as they talk, in both languages: a story
 * first and the answer first, a correction after the read-back, a switch of
 * task mid-way, a wish for a person, and voice notes with and without a
 * transcriber. Recorded as keys (`golden/<name>.json`) and rendered words
 * (`.txt`); each also asserts what it exists to show.
 */

const keys = (replies: Awaited<ReturnType<EngineConversation['send']>>) => replies.map((r) => r.key);

async function snapshot(name: string, convo: EngineConversation): Promise<void> {
  await expect(JSON.stringify(convo.turns, null, 2) + '\n').toMatchFileSnapshot(`./golden/${name}.json`);
  const text = convo.rendered.map((t) => `> ${JSON.stringify(t.in)}\n${t.text.map((x) => `< ${x.replaceAll('\n', '\n  ')}`).join('\n')}`);
  await expect(text.join('\n\n') + '\n').toMatchFileSnapshot(`./golden/${name}.txt`);
}

const STORY = {
  bn: { story: 'আমার মা ৭২ বছর, বাবা মারা গেছেন, মা কোনো ভাতা পান না, আমরা গরিব', answers: { checks: 'কোনোটিই না', annualIncome: 'কোনো আয় নাই' } },
  en: { story: 'My mother is 75, my father died, she has no income', answers: { checks: 'none of these' } },
} as const;

describe('golden: people as they talk', () => {
  it.each(['bn', 'en'] as const)('%s-story-first: a story, the few questions it leaves, the read-back, and the answer first', async (lang) => {
    const convo = new EngineConversation();
    await convo.send(STORY[lang].story);
    await answerQuestionnaire(convo, STORY[lang].answers);
    // A story of four facts leaves two messages at most before the read-back.
    expect(convo.turns.length).toBeLessThanOrEqual(4);
    const result = convo.turns.at(-1)?.out ?? [];
    expect(result[0]?.key).toBe('eligibility:result.headline.other');
    expect(result[0]?.lines).toEqual([
      'eligibility:result.headline_programme.monthly {"id":"old_age","taka":650}',
      'eligibility:result.headline_programme.monthly {"id":"widow","taka":650}',
    ]);
    expect(convo.state?.lang).toBe(lang);
    await snapshot(`${lang}-story-first`, convo);
  });

  it.each([
    ['bn', 'amar boyosh 68, sami nai', 'কোনো আয় নাই', 'না, বয়স ৬৬'],
    ['en', 'I am a widow, 68 years old', 'no income', 'no, I am 66'],
  ] as const)('%s-correction-after-read-back: "no, 66" at the read-back changes the age, and the answer uses it', async (lang, story, income, correction) => {
    const convo = new EngineConversation();
    await convo.send(story);
    await answerQuestionnaire(convo, { checks: { choice: 'chk.none' }, annualIncome: income, sex: { choice: 'sex.female' } }, { stopAt: 'eligibility:readback.prompt' });
    const fixed = await convo.send(correction);
    expect(keys(fixed)).toContain('eligibility:note.corrected');
    expect(convo.state?.flow).toMatchObject({ profile: { age: 66 } });
    await answerQuestionnaire(convo, {});
    expect(convo.rendered.at(-1)?.text.join('\n')).toMatch(lang === 'bn' ? /বয়স ৬৬ বছর/ : /[Aa]ge 66/);
    await snapshot(`${lang}-correction-after-read-back`, convo);
  });

  it.each([
    ['bn', 'amar boyosh 68, sami nai', '৩ মাস ধরে ভাতার টাকা আসে নাই, অভিযোগ করতে চাই', 'হ্যাঁ'],
    ['en', 'I am a widow, 68 years old', 'I want to make a complaint, the member took my allowance money', 'yes'],
  ] as const)('%s-switch-mid-way: a complaint asked for mid-way is offered as a switch; yes opens the form with those words kept', async (lang, story, other, yes) => {
    const convo = new EngineConversation();
    await convo.send(story);
    expect(keys(await convo.send(other)).at(-1)).toBe('common:switch.prompt.grievance');
    // The kind of complaint and the words come along; the form asks what they did not say.
    expect(keys(await convo.send(yes))).toEqual(['grievance:intro', 'grievance:note.words_kept', 'grievance:ask.programme']);
    expect(convo.state?.flow).toMatchObject({ id: 'grievance', draft: { category: 'not_received', description: other } });
    await snapshot(`${lang}-switch-mid-way`, convo);
  });

  it.each([
    ['bn', 'আমার মা কি বয়স্ক ভাতা পাবে?', 'হ্যাঁ'],
    ['en', 'can my mother get the old age allowance?', 'yes'],
  ] as const)('%s-switch-from-complaint: in the complaint form, an eligibility question is offered as a switch, keeping who it is for', async (lang, question, yes) => {
    const convo = new EngineConversation(lang);
    for (const step of [{ start: true }, { choice: 'menu.grievance' }] as Step[]) await convo.send(step);
    expect(keys(await convo.send(question)).at(-1)).toBe('common:switch.prompt.eligibility');
    expect(keys(await convo.send(yes)).at(-1)).toBe('eligibility:ask.age.other');
    expect(convo.state?.flow).toMatchObject({ id: 'eligibility', focus: 'old_age' });
    await snapshot(`${lang}-switch-from-complaint`, convo);
  });

  it.each([
    ['bn', 'মানুষের সাথে কথা বলতে চাই', '৩৩৩'],
    ['en', 'I want to talk to a human', '333'],
  ] as const)('%s-talk-to-a-person: at the start and in the middle of the questions, 333 and the office, then the same place', async (lang, ask, helpline) => {
    const convo = new EngineConversation();
    const first = await convo.send(ask);
    expect(keys(first)).toContain('menu:human');
    expect(convo.rendered.at(-1)?.text.join('\n')).toContain(helpline);
    await convo.send({ choice: 'menu.eligibility' });
    const question = convo.lastQuestion();
    expect(keys(await convo.send(ask))).toEqual(['menu:human', question]);
    await snapshot(`${lang}-talk-to-a-person`, convo);
  });

  it.each([
    ['bn', 'তিন মাস ধরে বয়স্ক ভাতার টাকা পাই না', 'টুঙ্গিপাড়া', 'মেম্বার বলে তালিকায় নাম নেই, অথচ আগে টাকা পেতাম'],
    ['en', 'I have not received my old age allowance money for three months', 'tungipara gopalganj', 'The member says my name is not on the list, but I used to get the money'],
  ] as const)('%s-voice-transcribed: "heard: …" then on as typed; as the description, the note stays with the case', async (lang, opening, place, account) => {
    const convo = new EngineConversation(lang);
    const first = await convo.send({ voice: opening });
    expect(first[0]).toMatchObject({ key: 'common:voice.heard', params: { text: opening } });
    // Told in one breath: the kind, the allowance and the words are taken; the place is asked.
    expect(keys(first).slice(-2)).toEqual(['grievance:note.words_kept', 'location:ask']);
    expect(convo.state?.flow).toMatchObject({ draft: { category: 'not_received', programme: 'old_age', description: opening } });
    await convo.send(lang === 'bn' ? 'বাতিল' : 'cancel');
    for (const step of [{ choice: 'menu.grievance' }, { choice: 'cat.not_received' }, { choice: 'prog.old_age' }, place, '1', '1'] as Step[]) await convo.send(step);
    expect(convo.lastQuestion()).toBe('grievance:ask.description');
    const heard = await convo.send({ voice: account });
    expect(heard[0]).toMatchObject({ key: 'common:voice.heard' });
    for (const step of [{ choice: 'phone.skip' }, { choice: 'id.private' }, { choice: 'sum.submit' }] as Step[]) await convo.send(step);
    expect(convo.lodged[0]).toMatchObject({ description: account, attachments: [{ kind: 'audio', ref: 'test-voice', transcript: account }] });
    await snapshot(`${lang}-voice-transcribed`, convo);
  });

  it.each(['bn', 'en'] as const)('%s-voice-untranscribed: without a transcriber the note is acknowledged and a typed answer asked; in the description it is kept', async (lang) => {
    const convo = new EngineConversation(lang);
    const first = await convo.send({ attachment: 'audio' });
    expect(keys(first)).toContain('common:invalid.voice');
    await convo.send({ choice: 'menu.eligibility' });
    await convo.send({ choice: 'subj.self' });
    expect(keys(await convo.send({ attachment: 'audio' }))).toEqual(['common:invalid.voice', 'eligibility:ask.age.self']);
    await convo.send('menu');
    for (const step of [{ choice: 'menu.grievance' }, { choice: 'cat.not_received' }, { choice: 'prog.old_age' }, 'টুঙ্গিপাড়া', '1', '1'] as Step[]) await convo.send(step);
    expect(keys(await convo.send({ attachment: 'audio' }))).toContain('grievance:attachment_received');
    expect(convo.state?.flow).toMatchObject({ id: 'grievance', draft: { attachments: [{ kind: 'audio', ref: 'test-audio' }] } });
    await snapshot(`${lang}-voice-untranscribed`, convo);
  });
});
