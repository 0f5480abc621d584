import { describe, expect, it } from 'vitest';
import { answerQuestionnaire, EngineConversation, type Step } from '../support/engineHarness.ts';

/**
 * People as they talk: a whole story in the first message, answers in their
 * own words, corrections, a wish for a person. Through the real engine and
 * the rules understander (no model).
 */

const keys = (replies: Awaited<ReturnType<EngineConversation['send']>>) => replies.map((r) => r.key);
const asked = (convo: EngineConversation) => convo.turns.flatMap((t) => t.out.map((o) => o.key)).filter((k) => k.startsWith('eligibility:ask.'));

const PLAIN: Record<string, Step> = {
  sex: { choice: 'sex.female' },
  maritalStatus: { choice: 'ms.married' },
  hasDisability: 'না',
  illness: { choice: 'ill.none' },
  community: { choice: 'com.none' },
  annualIncome: 'কোনো আয় নাই',
  govtServiceOrPension: 'না',
  receivesOtherAllowance: 'না',
  permanentResident: 'হ্যাঁ',
  // The rare situations, asked together.
  checks: 'কোনোটিই না',
};

/** Answers whatever is asked (these first, then plain answers) and agrees to the read-back, up to the result or `stopAt`. */
const answerUntilResult = (convo: EngineConversation, answers: Record<string, Step> = {}, stopAt?: string): Promise<void> =>
  answerQuestionnaire(convo, { ...PLAIN, ...answers }, stopAt ? { stopAt } : {});

describe('a story in the first message', () => {
  it('is not asked again: the mother’s age, sex and widowhood come from it, are read back once, and lead to the answer', async () => {
    const convo = new EngineConversation();
    await convo.send('আমার মা ৭২ বছর, বাবা মারা গেছেন, মা কোনো ভাতা পান না, আমরা গরিব');
    await answerUntilResult(convo, { hasDisability: 'না', illness: { choice: 'ill.none' }, community: { choice: 'com.none' }, annualIncome: 'কোনো আয় নাই', govtServiceOrPension: 'না', receivesOtherAllowance: 'না', permanentResident: 'হ্যাঁ' });
    expect(asked(convo)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^eligibility:ask\.(age|sex|maritalStatus|subject)/)]));
    const readBack = convo.turns.flatMap((t) => t.out).find((o) => o.key === 'eligibility:readback.intro');
    expect(readBack?.lines?.join('\n')).toMatch(/relation\.mother[\s\S]*readback\.age \{"age":72\}[\s\S]*marital\.widowed/);
    const headline = convo.turns.at(-1)?.out[0];
    expect(headline?.key).toBe('eligibility:result.headline.other');
    expect(headline?.lines?.join()).toContain('"id":"old_age"');
    expect(convo.state?.lang).toBe('bn');
  });

  it('never takes the son’s wage as the mother’s income, and says so in the read-back', async () => {
    const convo = new EngineConversation();
    await convo.send('আমার মায়ের বয়স ৭০। মায়ের নিজের কোনো আয় নাই, আমি দিনমজুর, মাসে ৬০০০ টাকা কামাই');
    await answerUntilResult(convo, { sex: 'মহিলা', maritalStatus: { choice: 'ms.married' }, hasDisability: 'না', illness: { choice: 'ill.none' }, community: { choice: 'com.none' }, govtServiceOrPension: 'না', receivesOtherAllowance: 'না', permanentResident: 'হ্যাঁ' });
    expect(convo.state?.flow).toMatchObject({ profile: { annualIncome: 0 } });
    const readBack = convo.turns.flatMap((t) => t.out).find((o) => o.key === 'eligibility:readback.intro');
    expect(readBack?.lines?.join('\n')).toMatch(/income\.none[\s\S]*other_income\.month \{"amount":6000\}/);
    expect(convo.turns.at(-1)?.out[0]?.lines?.join()).toContain('"id":"old_age"');
  });

  it('in Banglish with typos: age and widowhood taken, not asked', async () => {
    const convo = new EngineConversation();
    const first = await convo.send('amar boyosh 68, sami nai, kono bhata pai na');
    expect(keys(first)[1]).toBe('eligibility:intro');
    expect(convo.state?.flow).toMatchObject({ profile: { age: 68, maritalStatus: 'widowed' } });
  });

  it('a correction mid-way changes that answer, whatever is being asked', async () => {
    const convo = new EngineConversation();
    await convo.send('আমার বয়স ৬৬, আমি বিধবা');
    const fixed = await convo.send('না, বয়স ৬৮');
    expect(keys(fixed)).toContain('eligibility:note.corrected');
    expect(convo.state?.flow).toMatchObject({ profile: { age: 68 } });
  });

  it('"বদলাতে চাই" at the read-back asks those questions one by one', async () => {
    const convo = new EngineConversation();
    await convo.send('amar boyosh 68, sami nai');
    await answerUntilResult(convo, {}, 'eligibility:readback.prompt');
    expect(convo.turns.at(-1)?.out.at(-1)?.key).toBe('eligibility:readback.prompt');
    const again = await convo.send({ choice: 'rb.change' });
    expect(keys(again)).toContain('eligibility:readback.will_ask');
    expect(keys(again).at(-1)).toMatch(/^eligibility:ask\.(age|maritalStatus|sex|subject)/);
  });
});

describe('what people say besides their situation', () => {
  it.each([
    ['মানুষের সাথে কথা বলতে চাই', 'bn'],
    ['I want to talk to a human', 'en'],
  ] as const)('"%s" gets a real way to a person (333, the office, writing here), in that language', async (text, lang) => {
    const convo = new EngineConversation();
    const out = await convo.send(text);
    expect(keys(out)).toContain('menu:human');
    expect(convo.state?.lang).toBe(lang);
    expect(convo.rendered.at(-1)?.text.join('\n')).toMatch(lang === 'bn' ? /৩৩৩/ : /333/);
  });

  it.each(['ধন্যবাদ', 'thank you'])('"%s" gets a kind reply, not an error', async (text) => {
    const convo = new EngineConversation();
    await convo.send({ start: true });
    const out = await convo.send(text);
    expect(keys(out)).toContain('menu:thanks');
    expect(keys(out)).not.toContain('common:not_understood');
  });

  it.each(['hi', 'hello, I need help'])('an English first message "%s" is answered in English', async (text) => {
    const convo = new EngineConversation();
    await convo.send(text);
    expect(convo.state?.lang).toBe('en');
  });

  it('a Bangla or Banglish first message is answered in Bangla', async () => {
    for (const text of ['হ্যালো', 'amar ma ki bhata pabe']) {
      const convo = new EngineConversation();
      await convo.send(text);
      expect(convo.state?.lang).toBe('bn');
    }
  });
});

describe('a message for another task in the middle of the questions', () => {
  it('offers to switch, and "হ্যাঁ" opens the complaint form; "না" keeps the place', async () => {
    const convo = new EngineConversation();
    await convo.send('amar boyosh 68, sami nai');
    const question = convo.turns.at(-1)?.out.at(-1)?.key;
    const offer = await convo.send('৩ মাস ধরে ভাতার টাকা আসে নাই, অভিযোগ করতে চাই');
    expect(keys(offer).at(-1)).toBe('common:switch.prompt.grievance');
    const stay = await convo.send({ choice: 'switch.stay' });
    expect(keys(stay).at(-1)).toBe(question);
    await convo.send('আমার কার্ডের টাকা মেম্বার নিয়ে গেছে, অভিযোগ দিতে চাই');
    const go = await convo.send('হ্যাঁ');
    expect(keys(go)).toContain('grievance:intro');
    expect(convo.state?.flow?.id).toBe('grievance');
  });

  it('a wish for a person mid-way gets the way to one, and the same question again', async () => {
    const convo = new EngineConversation();
    await convo.send('amar boyosh 68, sami nai');
    const question = convo.turns.at(-1)?.out.at(-1)?.key;
    const out = await convo.send('মানুষের সাথে কথা বলতে চাই');
    expect(keys(out)).toEqual(['menu:human', question]);
  });
});

describe('the rare situations, asked together', () => {
  const toChecklist = async (): Promise<EngineConversation> => {
    const convo = new EngineConversation();
    const first = await convo.send('আমার মা ৭২ বছর, বাবা মারা গেছেন');
    expect(keys(first).at(-1)).toBe('eligibility:ask.checks.other');
    return convo;
  };

  it('"কোনোটিই না" answers all six at once: the income is the only question left before the read-back', async () => {
    const convo = await toChecklist();
    const next = await convo.send('কোনোটিই না');
    expect(keys(next)).toEqual(['eligibility:ask.annualIncome.other']);
    expect(convo.state?.flow).toMatchObject({
      profile: { hasDisability: false, illness: 'none', community: 'none', govtServiceOrPension: false, receivesOtherAllowance: false, permanentResident: true },
    });
  });

  it('typed numbers in either digits tick those items and no others; a ticked disability asks for the Suborno card next', async () => {
    const convo = await toChecklist();
    const next = await convo.send('১ আর 5');
    expect(keys(next)).toEqual(['eligibility:ask.hasSubornoCard.other']);
    expect(convo.state?.flow).toMatchObject({ profile: { hasDisability: true, receivesOtherAllowance: true, illness: 'none', permanentResident: true } });
  });

  it('one item tapped asks its own question first (which illness), then the rest of the list, shorter', async () => {
    const convo = await toChecklist();
    expect(keys(await convo.send({ choice: 'chk.illness' }))).toEqual(['eligibility:ask.illness.other']);
    const rest = await convo.send({ choice: 'ill.kidney' });
    expect(rest.at(-1)).toMatchObject({ key: 'eligibility:ask.checks_more.other' });
    expect(rest.at(-1)?.choices?.map((c) => c.id)).not.toContain('chk.illness');
    expect(convo.state?.flow).toMatchObject({ profile: { illness: 'kidney' } });
  });

  it('"প্রতিবন্ধিতা নেই" never ticks the disability: it is a no, and the rest are asked again', async () => {
    const convo = await toChecklist();
    const next = await convo.send('প্রতিবন্ধিতা নেই');
    expect(convo.state?.flow).toMatchObject({ profile: { hasDisability: false } });
    expect(next.at(-1)?.choices?.map((c) => c.id)).not.toContain('chk.hasDisability');
  });

  it('a word from an item ticks it ("বেদে"); nonsense gets a short note and the list again', async () => {
    const convo = await toChecklist();
    expect(keys(await convo.send('হ্যাঁ'))).toEqual(['eligibility:invalid.checks', 'eligibility:ask.checks.other']);
    expect(keys(await convo.send('বেদে'))).toEqual(['eligibility:ask.community.other']);
  });

  it('"ঠিক আছে" typed at the read-back is agreement (it once crashed the turn)', async () => {
    const convo = await toChecklist();
    await convo.send('না');
    await convo.send('কোনো আয় নাই');
    expect(convo.lastQuestion()).toBe('eligibility:readback.prompt');
    const out = await convo.send('ঠিক আছে');
    expect(keys(out)[0]).toBe('eligibility:result.headline.other');
  });
});

describe('a disabled person without a Suborno card', () => {
  it('hears what the card would open — the allowance, its monthly amount and income limit — and how to get the card, not "nothing fits"', async () => {
    const convo = new EngineConversation();
    await convo.send('ami protibondhi, boyos 19, suborno card nai');
    await answerUntilResult(convo, { sex: { choice: 'sex.male' } });
    const first = convo.turns.at(-1)?.out[0];
    expect(first?.key).toBe('eligibility:result.card_first.self');
    expect(first?.lines).toEqual([
      'eligibility:result.card_first_programme.at_most {"id":"disability","taka":900,"ceiling":36000}',
      'eligibility:result.card_first_how',
    ]);
    expect(convo.rendered.at(-1)?.text[0]).toMatch(/সুবর্ণ নাগরিক কার্ড[\s\S]*৯০০ টাকা[\s\S]*৩৬,০০০/);
  });
});
