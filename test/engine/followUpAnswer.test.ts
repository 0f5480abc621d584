import { describe, expect, it } from 'vitest';
import type { PendingFollowUp } from '../../src/engine/session.ts';
import { EngineConversation } from '../support/engineHarness.ts';

/**
 * The engine's side of the follow-up question: it knows of the question only
 * from the session (the host's job leaves it there), takes a typed answer
 * when the question is the last thing said or the words are about the money,
 * and never holds the person in it.
 */

const keys = (replies: Awaited<ReturnType<EngineConversation['send']>>) => replies.map((r) => r.key);
const MINUTE = 60_000;

/** A question about case 123-456-787 (old age allowance, a union of Tungipara), asked `at`. */
function pending(at: Date, over: Partial<PendingFollowUp> = {}): PendingFollowUp {
  return { followUpId: 7, caseTracking: '123456787', audience: 'citizen', programme: 'old_age', placeCode: placeOfTungipara(), round: 1, askedAt: at.toISOString(), ...over };
}

let tungipara = '';
function placeOfTungipara(): string {
  if (tungipara === '') throw new Error('place not known yet');
  return tungipara;
}

/** A conversation at the complaint form's first question, with the place of a union of Tungipara learned from a first complaint. */
async function inForm(): Promise<EngineConversation> {
  const convo = new EngineConversation();
  for (const step of [{ start: true }, { choice: 'menu.grievance' }, { choice: 'cat.not_received' }, { choice: 'prog.old_age' }, 'টুঙ্গিপাড়া', '1', '1', 'টাকা পাই না', { choice: 'phone.skip' }, { choice: 'id.private' }, { choice: 'sum.submit' }] as const) {
    await convo.send(step);
  }
  tungipara = convo.lodged[0]?.placeCode ?? '';
  await convo.send({ choice: 'menu' });
  await convo.send({ choice: 'menu.grievance' });
  return convo;
}

describe('a follow-up answered in the chat', () => {
  it('"না" typed in the middle of a form, when the question came after the last message, answers it: a complaint is lodged, and the form is asked again', async () => {
    const convo = await inForm();
    convo.clock.advance(MINUTE);
    convo.patch((s) => (s.followUps = [pending(convo.clock.now())]));
    convo.clock.advance(MINUTE);
    const out = await convo.send('না');
    expect(keys(out)).toEqual(['followup:sorry.no', 'followup:lodged.citizen', 'grievance:ask.category']);
    const complaint = convo.lodged[1];
    expect(complaint).toMatchObject({ category: 'not_received', programme: 'old_age', placeCode: tungipara, description: '', written: { key: 'followup:description.citizen.no', params: { number: '123456787', round: 1 } } });
    expect(out[1]?.params).toEqual({ number: complaint?.trackingNumber, original: '123456787' });
    expect(convo.state?.followUps).toBeUndefined();
    expect(convo.state?.flow?.id).toBe('grievance');
  });

  it('words about the money typed in a form after writing since the question are the form\'s answer, and the question still waits', async () => {
    const convo = await inForm();
    convo.patch((s) => (s.followUps = [pending(convo.clock.now())]));
    convo.clock.advance(MINUTE);
    await convo.send({ choice: 'cat.not_received' });
    await convo.send({ choice: 'prog.old_age' });
    await convo.send('টুঙ্গিপাড়া');
    await convo.send('1');
    await convo.send('1');
    expect(convo.lastQuestion()).toBe('grievance:ask.description');
    expect(keys(await convo.send('pai nai'))).toEqual(['grievance:ask.phone']);
    expect(convo.state?.followUps).toHaveLength(1);
    expect(convo.lodged).toHaveLength(1);
  });

  it('a "yes" long after a form was left is thanked, then "continue or start over?"', async () => {
    const convo = await inForm();
    convo.clock.advance(2 * 24 * 60 * MINUTE);
    convo.patch((s) => (s.followUps = [pending(convo.clock.now(), { round: 5 })]));
    convo.clock.advance(3 * 24 * 60 * MINUTE);
    const out = await convo.send('ha pai');
    expect(keys(out)).toEqual(['followup:thanks.citizen', 'common:resume.prompt']);
    expect(out[0]?.lines?.map((l) => l.key)).toEqual(['followup:thanks.last']);
    expect(convo.state?.followUps).toBeUndefined();
  });

  it('its buttons answer the question they came with; a button of a question no longer waiting is said to be answered', async () => {
    const convo = await inForm();
    await convo.send('মেনু');
    convo.patch((s) => (s.followUps = [pending(convo.clock.now(), { followUpId: 3, caseTracking: '111111111' }), pending(convo.clock.now(), { followUpId: 4, audience: 'reporter' })]));
    expect(keys(await convo.send({ choice: 'fu.3.yes' }))).toEqual(['followup:thanks.citizen', 'menu:prompt']);
    expect(convo.state?.followUps?.map((p) => p.followUpId)).toEqual([4]);
    expect(keys(await convo.send({ choice: 'fu.3.no' }))).toEqual(['followup:stale', 'menu:prompt']);
    const out = await convo.send({ choice: 'fu.4.partly' });
    expect(keys(out)).toEqual(['followup:sorry.partly', 'followup:lodged.reporter', 'grievance:after']);
    expect(convo.lodged.at(-1)?.written?.key).toBe('followup:description.reporter.partly');
  });

  it('a typed "2" is the question\'s second button when the question is the last thing said', async () => {
    const convo = await inForm();
    await convo.send('মেনু');
    convo.clock.advance(MINUTE);
    convo.patch((s) => (s.followUps = [pending(convo.clock.now())]));
    convo.clock.advance(MINUTE);
    expect(keys(await convo.send('২'))[0]).toBe('followup:sorry.partly');
  });
});
