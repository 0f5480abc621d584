import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/deps.ts';
import { handleTurn } from '../../src/engine/engine.ts';
import { parseRatingChoice, ratingChoices } from '../../src/engine/flows/rating.ts';
import type { SessionState } from '../../src/engine/session.ts';
import { EngineConversation, type Step } from '../support/engineHarness.ts';

/**
 * A rating pressed under a closing notice: the button came outside the
 * conversation, so it is never among the offered choices, yet it is not an
 * old keyboard either. The engine thanks, passes the rating on and carries on.
 */
const NUMBER = '482173908';
const keys = (replies: Awaited<ReturnType<EngineConversation['send']>>) => replies.map((r) => r.key);
const choiceIds = (replies: Awaited<ReturnType<EngineConversation['send']>>) => replies.flatMap((r) => (r.choices ?? []).map((c) => c.id));

async function at(steps: Step[]): Promise<EngineConversation> {
  const c = new EngineConversation();
  for (const step of steps) await c.send(step);
  return c;
}

/** The events of one pressed button, from the conversation's current state. */
function eventsOf(c: EngineConversation, choiceId: string): EngineEvent[] {
  const inbound = { channel: 'test' as const, userId: 'u1', messageId: 'x', body: { type: 'choice' as const, choiceId }, receivedAt: c.clock.now() };
  return handleTurn(c.state as SessionState, { inbound }, c.deps).events.filter((e) => e.type !== 'reply');
}

describe('rating choices', () => {
  it('are five buttons with the tracking number, from 1 to 5', () => {
    expect(ratingChoices(NUMBER).map((c) => [c.id, c.key])).toEqual([1, 2, 3, 4, 5].map((n) => [`rate.${NUMBER}.${n}`, `cases:rating.choice.${n}`]));
  });

  it('are read back only when well formed and the number checks', () => {
    expect(parseRatingChoice(`rate.${NUMBER}.4`)).toEqual({ trackingNumber: NUMBER, rating: 4 });
    expect(parseRatingChoice(`rate.${NUMBER}.0`)).toBeNull();
    expect(parseRatingChoice(`rate.${NUMBER}.6`)).toBeNull();
    expect(parseRatingChoice('rate.482173907.4')).toBeNull(); // bad check digit
    expect(parseRatingChoice(`rate.${NUMBER}`)).toBeNull();
    expect(parseRatingChoice(`appeal.${NUMBER}`)).toBeNull();
  });
});

describe('a rating pressed under a closing notice', () => {
  it('at the menu: is not stale, is passed on as case_rated, thanked, and the menu follows', async () => {
    const c = await at([{ start: true }, { choice: 'lang.en' }]);
    expect(eventsOf(c, `rate.${NUMBER}.4`)).toEqual([{ type: 'case_rated', trackingNumber: NUMBER, rating: 4 }]);
    const replies = await c.send({ choice: `rate.${NUMBER}.4` });
    expect(keys(replies)).toEqual(['cases:rating.thanks', 'menu:prompt']);
    expect(replies[0]?.params).toEqual({ number: NUMBER });
    expect(c.state?.flow).toBeNull();
  });

  it('low (1–2) at the menu: points to the status check, from where a rejected case can be appealed', async () => {
    const c = await at([{ start: true }, { choice: 'lang.bn' }]);
    expect(eventsOf(c, `rate.${NUMBER}.1`)).toEqual([{ type: 'case_rated', trackingNumber: NUMBER, rating: 1 }]);
    const replies = await c.send({ choice: `rate.${NUMBER}.2` });
    expect(keys(replies)).toEqual(['cases:rating.thanks', 'cases:rating.low']);
    expect(choiceIds(replies)).toEqual(['menu.status', 'menu']);
    expect(replies[1]?.choices?.map((ch) => ch.key)).toEqual(['menu:choice.status', 'menu:choice.menu']);
    // The offered status button then opens the status check.
    expect(keys(await c.send({ choice: 'menu.status' }))).toEqual(['status:ask']);
  });

  it('3 or more is only thanked', async () => {
    const c = await at([{ start: true }, { choice: 'lang.en' }]);
    expect(keys(await c.send({ choice: `rate.${NUMBER}.3` }))).toEqual(['cases:rating.thanks', 'menu:prompt']);
  });

  it('in the middle of a grievance: thanked, then the same question again; the flow is untouched', async () => {
    const c = await at([{ start: true }, { choice: 'lang.en' }, { choice: 'menu.grievance' }, { choice: 'cat.not_received' }]);
    const before = c.state?.flow;
    const question = c.turns.at(-1)?.out.at(-1);
    const replies = await c.send({ choice: `rate.${NUMBER}.5` });
    expect(keys(replies)).toEqual(['cases:rating.thanks', question?.key]);
    expect(c.state?.flow).toEqual(before);
    expect(choiceIds(replies)).toEqual(question?.choices);
  });

  it('low in the middle of a flow: the pointer is a plain line, and the flow question is put again', async () => {
    const c = await at([{ start: true }, { choice: 'lang.en' }, { choice: 'menu.eligibility' }]);
    const question = c.turns.at(-1)?.out.at(-1);
    const replies = await c.send({ choice: `rate.${NUMBER}.1` });
    expect(keys(replies)).toEqual(['cases:rating.thanks', 'cases:rating.low', question?.key]);
    expect(replies[1]?.choices).toBeUndefined();
    expect(c.state?.flow?.id).toBe('eligibility');
  });

  it('after a long pause in a flow: thanked and the question put again (the user has just seen it: no "continue?" next)', async () => {
    const c = await at([{ start: true }, { choice: 'lang.en' }, { choice: 'menu.grievance' }, { wait: 31 * 60_000 }]);
    expect(keys(await c.send({ choice: `rate.${NUMBER}.4` }))).toEqual(['cases:rating.thanks', 'grievance:ask.category']);
    expect(keys(await c.send({ choice: 'cat.not_received' }))).not.toContain('common:resume.prompt');
    expect(c.state?.flow).toMatchObject({ id: 'grievance', draft: { category: 'not_received' } });
  });

  it('while "continue or start over?" is waiting: thanked, and that question is put again', async () => {
    const c = await at([{ start: true }, { choice: 'lang.en' }, { choice: 'menu.grievance' }, { wait: 31 * 60_000 }, 'hello']);
    expect(c.turns.at(-1)?.out.map((r) => r.key)).toEqual(['common:resume.prompt']);
    const replies = await c.send({ choice: `rate.${NUMBER}.4` });
    expect(keys(replies)).toEqual(['cases:rating.thanks', 'common:resume.prompt']);
    expect(choiceIds(replies)).toEqual(['resume.continue', 'resume.restart']);
    expect(keys(await c.send({ choice: 'resume.continue' }))).toEqual(['grievance:ask.category']);
  });

  it('a malformed rating id is an old keyboard like any other', async () => {
    const c = await at([{ start: true }, { choice: 'lang.en' }]);
    expect(eventsOf(c, `rate.${NUMBER}.9`)).toEqual([]);
    expect(keys(await c.send({ choice: `rate.${NUMBER}.9` }))).toEqual(['common:stale_choice', 'menu:prompt']);
  });

  it('a typed digit is not read as a rating', async () => {
    const c = await at([{ start: true }, { choice: 'lang.en' }]);
    expect(eventsOf(c, 'rate')).toEqual([]);
    const inbound = { channel: 'test' as const, userId: 'u1', messageId: 'y', body: { type: 'text' as const, text: '4' }, receivedAt: c.clock.now() };
    expect(handleTurn(c.state as SessionState, { inbound }, c.deps).events.some((e) => e.type === 'case_rated')).toBe(false);
  });
});
