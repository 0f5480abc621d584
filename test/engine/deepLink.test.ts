import { describe, expect, it } from 'vitest';
import { EngineConversation } from '../support/engineHarness.ts';

/**
 * A deep link (t.me/…?start=grievance, m.me/…?ref=grievance) or a Messenger
 * persistent-menu entry names a flow: it opens that flow at once, for a new
 * user (no language question first) and for a user already in the middle of
 * something else.
 */
describe('deep links into a flow', () => {
  const choiceIds = (replies: Awaited<ReturnType<EngineConversation['send']>>) => replies.flatMap((r) => (r.choices ?? []).map((c) => c.id));

  it('a first contact through a grievance link is asked the language, then the grievance opens', async () => {
    const c = new EngineConversation();
    await c.send({ start: 'grievance' });
    const replies = await c.send({ choice: 'lang.en' });
    expect(choiceIds(replies)).toContain('cat.not_received');
  });

  it('in the middle of an eligibility check, the grievance link leaves it and opens the grievance', async () => {
    const c = new EngineConversation();
    for (const step of [{ start: true as const }, { choice: 'lang.en' }, { choice: 'menu.eligibility' }]) await c.send(step);
    expect(c.state?.flow?.id).toBe('eligibility');
    const replies = await c.send({ start: 'grievance' });
    expect(c.state?.flow?.id).toBe('grievance');
    expect(choiceIds(replies)).toContain('cat.bribe');
  });

  it('before the language is chosen, a status link goes on in Bangla and asks for the tracking number', async () => {
    const c = new EngineConversation();
    await c.send({ start: true });
    await c.send({ start: 'status' });
    expect(c.state?.lang).toBe('bn');
    expect(c.state?.flow?.id).toBe('status');
  });

  it('an unknown payload changes nothing: the user stays where they were', async () => {
    const c = new EngineConversation();
    for (const step of [{ start: true as const }, { choice: 'lang.en' }, { choice: 'menu.eligibility' }]) await c.send(step);
    const before = c.state?.flow;
    await c.send({ start: 'nonsense' });
    expect(c.state?.flow?.id).toBe(before?.id);
  });
});
