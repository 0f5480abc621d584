import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../../src/domain/cases/routing.ts';
import { parseTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import { EngineConversation, type Step } from '../support/engineHarness.ts';

/**
 * Golden transcripts of lodging a grievance: every category in both
 * languages, with the case the engine hands to the host checked field by
 * field. Keys and params go to `golden/grievance-*.json`, rendered text to
 * `.txt`.
 */

const OPEN: Record<'bn' | 'en', Step[]> = {
  bn: [{ start: true }, { choice: 'menu.grievance' }],
  en: [{ start: true }, { choice: 'lang.en' }, { choice: 'menu.grievance' }],
};

const TEXT: Record<Category, Record<'bn' | 'en', string>> = {
  exclusion: { bn: 'মায়ের বয়স ৭০, তবু তালিকায় নাম ওঠেনি।', en: 'My mother is 70 and still not on the list.' },
  inclusion: { bn: 'পাশের বাড়ির সচ্ছল লোক বয়স্ক ভাতা পাচ্ছেন।', en: 'A well-off neighbour gets the old age allowance.' },
  not_received: { bn: 'তিন মাস ধরে টাকা পাইনি। ঘরে খাবার নেই।', en: 'No money for three months. There is no food at home.' },
  bribe: { bn: 'মেম্বার নাম তোলার জন্য ৫০০০ টাকা ঘুষ চেয়েছে।', en: 'The member asked for a Tk 5000 bribe to add the name.' },
  misbehaviour: { bn: 'অফিসে গেলে খারাপ ব্যবহার করে তাড়িয়ে দেয়।', en: 'They were rude at the office and sent me away.' },
  other: { bn: 'আবেদনের রসিদ হারিয়ে গেছে।', en: 'I lost the application receipt.' },
};

async function snapshot(name: string, convo: EngineConversation): Promise<void> {
  await expect(JSON.stringify({ turns: convo.turns, lodged: convo.lodged }, null, 2) + '\n').toMatchFileSnapshot(`./golden/${name}.json`);
  const text = convo.rendered.map((t) => `> ${JSON.stringify(t.in)}\n${t.text.map((x) => `< ${x.replaceAll('\n', '\n  ')}`).join('\n')}`);
  await expect(text.join('\n\n') + '\n').toMatchFileSnapshot(`./golden/${name}.txt`);
}

const runs = CATEGORIES.flatMap((category) => (['bn', 'en'] as const).map((lang) => ({ category, lang, title: `grievance-${lang}-${category}` })));

describe('golden transcripts: lodging each category of grievance, both languages', () => {
  it.each(runs)('$title', async ({ category, lang }) => {
    const convo = new EngineConversation();
    for (const step of OPEN[lang]) await convo.send(step);
    await convo.send({ choice: `cat.${category}` });
    await convo.send({ choice: 'prog.old_age' });
    await convo.send(lang === 'bn' ? 'টুঙ্গিপাড়া' : 'tungipara gopalganj');
    expect(convo.lastQuestion()).toBe('location:did_you_mean');
    await convo.send('1');
    expect(convo.lastQuestion()).toBe('location:browse.union');
    await convo.send('1');
    await convo.send(TEXT[category][lang]);
    await convo.send(category === 'other' ? { choice: 'phone.skip' } : '01712 345678');
    await convo.send({ choice: category === 'exclusion' ? 'id.share' : 'id.private' });
    expect(convo.lastQuestion()).toBe('grievance:ask.confirm');
    await convo.send({ choice: 'sum.submit' });

    expect(convo.lodged).toHaveLength(1);
    const lodged = convo.lodged[0];
    expect(lodged).toMatchObject({ kind: 'grievance', category, programme: 'old_age', language: lang, shareIdentity: category === 'exclusion' });
    expect(lodged?.tier).toBe(['exclusion', 'inclusion', 'other'].includes(category) ? 'union' : 'upazila');
    expect(lodged?.phone).toBe(category === 'other' ? null : '+8801712345678');
    expect(parseTrackingNumber(lodged?.trackingNumber ?? '')).toMatchObject({ ok: true });
    if (category === 'not_received') expect(lodged?.urgentReasons).toContain('no_food');
    if (category === 'bribe') expect(lodged?.urgentReasons).toContain('bribe');
    const receipt = convo.turns.at(-1)?.out.find((r) => r.key === 'grievance:submitted');
    expect(receipt?.params).toEqual({ number: lodged?.trackingNumber });
    expect(convo.state?.flow).toBeNull();
    await snapshot(`grievance-${lang}-${category}`, convo);
  });
});

describe("golden transcripts: the grievance's awkward turns", () => {
  it('edits at the summary, browsing for the place, photos and a voice note, a bad phone, then status by Bangla digits', async () => {
    const convo = new EngineConversation();
    for (const step of OPEN.bn) await convo.send(step);
    await convo.send({ choice: 'cat.exclusion' });
    await convo.send({ choice: 'prog.widow' });
    await convo.send({ choice: 'loc.browse' });
    expect(convo.lastQuestion()).toBe('location:browse.division');
    await convo.send('ঢাকা');
    expect(convo.lastQuestion()).toBe('location:browse.district');
    await convo.send('গোপালগঞ্জ');
    expect(convo.lastQuestion()).toBe('location:browse.upazila');
    await convo.send('টুঙ্গিপাড়া');
    await convo.send({ choice: 'loc.here' });
    expect(convo.lastQuestion()).toBe('grievance:ask.description');
    await convo.send({ attachment: 'image' });
    await convo.send({ attachment: 'sticker' });
    await convo.send('বিধবা হওয়ার পর দুই বছর ধরে আবেদন করছি, নাম ওঠেনি।');
    expect((await convo.send('12345')).map((r) => r.key)).toEqual(['grievance:invalid.phone', 'grievance:ask.phone']);
    await convo.send({ choice: 'phone.skip' });
    await convo.send({ choice: 'id.private' });
    // Change the category at the summary: back to the summary, nothing else asked again.
    await convo.send({ choice: 'sum.edit.category' });
    const back = await convo.send({ choice: 'cat.other' });
    expect(back.map((r) => r.key)).toEqual(['grievance:summary.title', 'grievance:ask.confirm']);
    await convo.send({ choice: 'sum.submit' });
    const lodged = convo.lodged[0];
    expect(lodged).toMatchObject({ category: 'other', programme: 'widow', tier: 'upazila', phone: null, attachments: [{ kind: 'image', ref: 'test-image' }] });

    await convo.send({ choice: 'menu.status' });
    const digits = (lodged?.trackingNumber ?? '').replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)] ?? d);
    const shown = await convo.send(`${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`);
    expect(shown[0]).toMatchObject({ key: 'status:case', params: { number: lodged?.trackingNumber, state: 'received', tier: 'upazila' } });
    await snapshot('grievance-bn-edit-browse-attachments-status', convo);
  });

  it('cuts an over-long account with a notice, never silently', async () => {
    const convo = new EngineConversation();
    for (const step of [...OPEN.bn, { choice: 'cat.other' }, { choice: 'prog.unknown' }, 'টুঙ্গিপাড়া', '1', '1'] as Step[]) await convo.send(step);
    const long = 'অনেক কথা। '.repeat(300);
    const out = await convo.send(long);
    expect(out.map((r) => r.key)).toEqual(['grievance:note.cut', 'grievance:ask.phone']);
    expect(out[0]?.params).toEqual({ max: 2000 });
    expect(convo.state?.flow).toMatchObject({ draft: { description: long.slice(0, 2000) } });
  });

  it('a tracking number typed at the menu is a status question; a wrong check digit is explained', async () => {
    const convo = new EngineConversation();
    for (const step of [{ start: true }, { choice: 'lang.en' }] as Step[]) await convo.send(step);
    // Typed wrong at the menu: explained at once, and the number asked again.
    expect((await convo.send('what about 123-456-789?')).map((r) => r.key)).toEqual(['status:invalid.bad_check', 'status:ask']);
    const bad = await convo.send('123-456-789');
    expect(bad.map((r) => r.key)[0]).toMatch(/^status:(invalid\.bad_check|unknown)$/);
    await snapshot('status-en-bad-number', convo);
  });
});
