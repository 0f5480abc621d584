import { describe, expect, it } from 'vitest';
import { EngineConversation, type Step } from '../support/engineHarness.ts';

/**
 * Follow-ups typed as people type them, where only buttons used to work:
 * the list of one's complaints, an appeal by its number, a tracking number
 * typed wrong at the menu, a bare digit after a closing notice, and a message
 * that names an allowance and nothing else.
 */

const keys = (replies: Awaited<ReturnType<EngineConversation['send']>>) => replies.map((r) => r.key);

async function lodged(): Promise<{ convo: EngineConversation; number: string }> {
  const convo = new EngineConversation();
  const steps: Step[] = [{ start: true }, { choice: 'menu.grievance' }, { choice: 'cat.not_received' }, { choice: 'prog.old_age' }, 'টুঙ্গিপাড়া', '1', '1', 'তিন মাস টাকা পাই না', { choice: 'phone.skip' }, { choice: 'id.private' }, { choice: 'sum.submit' }];
  for (const step of steps) await convo.send(step);
  const number = convo.lodged[0]?.trackingNumber;
  if (number === undefined) throw new Error('nothing lodged');
  return { convo, number };
}

describe('typed follow-ups', () => {
  it.each(['আমার অভিযোগগুলো', 'আমার অভিযোগের কী খবর', 'my complaints', 'amar ovijog gulo'])('"%s" right after lodging lists the case just lodged', async (text) => {
    const { convo } = await lodged();
    const out = await convo.send(text);
    expect(out[0]).toMatchObject({ key: 'status:mine', params: { count: 1 } });
  });

  it('the "my complaints" button typed at the status question lists them too', async () => {
    const { convo } = await lodged();
    await convo.send({ choice: 'menu.status' });
    const out = await convo.send('আমার অভিযোগগুলো');
    expect(out[0]).toMatchObject({ key: 'status:mine', params: { count: 1 } });
  });

  it('"আমার একটা অভিযোগ আছে" is still a new complaint', async () => {
    const { convo } = await lodged();
    expect(keys(await convo.send('আমার একটা অভিযোগ আছে'))).toContain('grievance:ask.category');
  });

  it('"1" typed under a rejected case appeals it, as the button does', async () => {
    const { convo, number } = await lodged();
    convo.officerDid[number] = { state: 'rejected' };
    const shown = await convo.send(number);
    expect(shown.at(-1)?.choices?.[0]?.id).toBe(`appeal.${number}`);
    const out = await convo.send('1');
    expect(keys(out)[0]).toBe('status:appealed');
  });

  it('a tracking number typed wrong at the menu is explained, and the number asked again', async () => {
    const { convo, number } = await lodged();
    await convo.send('menu');
    const wrong = number.slice(0, 8) + String((Number(number[8]) + 1) % 10);
    expect(keys(await convo.send(`আমার অভিযোগ ${wrong} এর খবর কি`))).toEqual(['status:invalid.bad_check', 'status:ask']);
    expect(keys(await convo.send(number))[0]).toBe('status:case');
  });

  it('a bare "৪" at the menu after a closing notice asks which was meant; either answer is taken', async () => {
    const { convo, number } = await lodged();
    await convo.send('menu');
    convo.clock.advance(60_000);
    convo.officerDid[number] = { state: 'resolved', closedAt: convo.clock.now().getTime() };
    convo.clock.advance(60_000);
    const asked = await convo.send('৪');
    expect(asked.at(-1)).toMatchObject({ key: 'cases:rating.which', params: { n: 4 } });
    expect(asked.at(-1)?.choices?.map((c) => c.id)).toEqual([`rate.${number}.4`, 'menu.status']);
    expect(keys(await convo.send('২'))).toEqual(['status:ask']);

    const again = await lodged();
    await again.convo.send('menu');
    again.convo.officerDid[again.number] = { state: 'resolved', closedAt: again.convo.clock.now().getTime() + 1 };
    again.convo.clock.advance(60_000);
    await again.convo.send('4');
    expect(keys(await again.convo.send({ choice: `rate.${again.number}.4` }))[0]).toBe('cases:rating.thanks');
  });
});

describe('a message that names an allowance and nothing else', () => {
  it.each(['বয়স্ক ভাতা', 'bhata'])('"%s" asks one short question: check the allowance, or complain', async (text) => {
    const convo = new EngineConversation();
    const out = await convo.send(text);
    expect(out.at(-1)).toMatchObject({ key: 'menu:which_task' });
    expect(out.at(-1)?.choices?.map((c) => c.id)).toEqual(['menu.eligibility', 'menu.grievance', 'menu.status']);
  });

  it('the answer keeps what was said: "বয়স্ক ভাতা" then "check" is answered about the old-age allowance first', async () => {
    const convo = new EngineConversation();
    await convo.send('বয়স্ক ভাতা');
    await convo.send({ choice: 'menu.eligibility' });
    expect(convo.state?.flow).toMatchObject({ id: 'eligibility', focus: 'old_age' });
  });

  it('"complain" opens the complaint form; a question ("বয়স্ক ভাতা পাব?") goes straight to the questions', async () => {
    const convo = new EngineConversation();
    await convo.send('বয়স্ক ভাতা');
    expect(keys(await convo.send('অভিযোগ করুন'))).toContain('grievance:ask.category');
    const asking = new EngineConversation();
    expect(keys(await asking.send('বয়স্ক ভাতা পাব?'))).toContain('eligibility:intro');
  });
});

describe('a complaint told in one message', () => {
  it('keeps its kind, its allowance and the words themselves; the form asks only the rest', async () => {
    const convo = new EngineConversation();
    const story = 'মেম্বার বয়স্ক ভাতার কার্ড করে দিতে ২০০০ টাকা ঘুষ চাইছে, আমরা গরিব মানুষ, কী করব';
    const out = await convo.send(story);
    expect(keys(out).slice(-2)).toEqual(['grievance:note.words_kept', 'location:ask']);
    expect(convo.state?.flow).toMatchObject({ id: 'grievance', draft: { category: 'bribe', programme: 'old_age', description: story } });
  });

  it('"অভিযোগ করতে চাই" tells nothing yet: the form starts at its first question', async () => {
    const convo = new EngineConversation();
    expect(keys(await convo.send('অভিযোগ করতে চাই')).at(-1)).toBe('grievance:ask.category');
  });
});

describe('a person, when the place is known', () => {
  it('after a complaint from Tungipara, "মানুষের সাথে কথা বলতে চাই" names that upazila\'s office beside 333', async () => {
    const { convo } = await lodged();
    const out = await convo.send('মানুষের সাথে কথা বলতে চাই');
    expect(keys(out).slice(0, 2)).toEqual(['menu:human', 'menu:human_office']);
    expect(convo.rendered.at(-1)?.text[1]).toContain('উপজেলা সমাজসেবা কার্যালয়, টুংগীপাড়া');
  });

  it('without a known place, only 333 and the way to write here', async () => {
    const convo = new EngineConversation();
    expect(keys(await convo.send('মানুষের সাথে কথা বলতে চাই'))).not.toContain('menu:human_office');
  });
});
