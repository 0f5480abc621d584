import { describe, expect, it } from 'vitest';
import { MAX_ACCOUNT } from '../../src/engine/flows/account.ts';
import { MAX_SHORT_ANSWER } from '../../src/engine/limits.ts';
import { normaliseText } from '../../src/text/normalise.ts';
import { parseAge } from '../../src/engine/parse/parseAge.ts';
import { parseIncome } from '../../src/engine/parse/parseIncome.ts';
import { parseYesNo } from '../../src/engine/parse/parseYesNo.ts';
import { searchPlaces } from '../../src/domain/geo/index.ts';
import { createRulesUnderstander } from '../../src/infra/llm/rulesUnderstander.ts';
import { EngineConversation, type Step } from '../support/engineHarness.ts';

/**
 * Long answers are read in time proportional to their length, and an answer
 * far longer than its question needs is sent back with the question, unread.
 * (Before, the age parser's months pattern was quadratic: 32,000 Bangla
 * letters took 22 s, inside the turn's transaction. Timings are in the
 * report and `bench/longInput.ts`, not asserted here; these would time out.)
 */
const LETTERS = 'ক'.repeat(32_000);

describe('the parsers on very long input', () => {
  it('the age parser reads 32,000 Bangla letters, Latin letters or digits as no age', () => {
    expect(parseAge(LETTERS)).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseAge('a'.repeat(32_000))).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseAge('১'.repeat(32_000))).toEqual({ ok: false, reason: 'not_a_number' });
    expect(parseAge(`${'ক'.repeat(32_000)} ৬ মাস`)).toEqual({ ok: true, years: 0 });
  });

  it('still reads months after years', () => {
    expect(parseAge('৬২ বছর ৬ মাস')).toEqual({ ok: true, years: 62 });
    expect(parseAge('বাষট্টি বছর ছয় মাস')).toEqual({ ok: true, years: 62 });
    expect(parseAge('১৮মাস')).toEqual({ ok: true, years: 1 });
  });

  it('trailing punctuation is trimmed without trying every position of a long run of marks', () => {
    expect(normaliseText(`${'?'.repeat(100_000)}a`)).toBe(`${'?'.repeat(100_000)}a`);
    expect(normaliseText(`৬৭${'।?! '.repeat(1000)}`)).toBe('67');
    expect(parseYesNo(`${'!'.repeat(50_000)}হ্যাঁ`)).toBe('yes');
    expect(parseIncome(`${'.'.repeat(50_000)}x`)).toEqual({ ok: false });
  });

  it('the understander reads a long run of keywords', async () => {
    const u = createRulesUnderstander();
    expect((await u.understand('অভিযোগ '.repeat(5000))).intent).toBe('grievance');
  });

  it('place search ignores words longer than any place name', () => {
    expect(searchPlaces(LETTERS)).toEqual([]);
    expect(searchPlaces(`${'ক'.repeat(100)} কাউনিয়া`, { levels: ['upazila'] })[0]?.place.nameEn).toMatch(/Kaunia/);
  });
});

describe('an answer far longer than its question needs', () => {
  async function atAge(): Promise<EngineConversation> {
    const c = new EngineConversation();
    await c.send({ start: true });
    await c.send({ choice: 'lang.bn' });
    await c.send('আমি কি বয়স্ক ভাতা পাব?');
    for (let i = 0; i < 6 && c.lastQuestion() !== 'eligibility:ask.age'; i++) {
      const q = c.lastQuestion();
      if (q?.startsWith('eligibility:ask.sex')) await c.send({ choice: 'sex.female' });
      else break;
    }
    expect(c.lastQuestion()).toMatch(/^eligibility:ask\.age/);
    return c;
  }

  it('at the age question: 32,000 letters get "too long" and the question again; the answer after it is read', async () => {
    const c = await atAge();
    const replies = await c.send(LETTERS);
    expect(replies.map((r) => r.key)).toEqual(['limits:too_long', expect.stringMatching(/^eligibility:ask\.age/)]);
    expect(replies[0]?.params).toEqual({ max: MAX_SHORT_ANSWER });
    const next = await c.send('৬৭');
    expect(next.map((r) => r.key)).not.toContain('limits:too_long');
    expect(c.lastQuestion()).not.toMatch(/^eligibility:ask\.age/);
  });

  it('a long text with a yes in it is not taken for the button', async () => {
    const c = await atAge();
    await c.send('৬৭');
    const replies = await c.send(`হ্যাঁ ${'অ'.repeat(MAX_SHORT_ANSWER)}`);
    expect(replies[0]?.key).toBe('limits:too_long');
  });

  it('a grievance account keeps its larger cap: cut at MAX_ACCOUNT, and the user told', async () => {
    const c = new EngineConversation();
    const steps: Step[] = [{ start: true }, { choice: 'lang.bn' }, { choice: 'menu.grievance' }, { choice: 'cat.not_received' }, { choice: 'prog.old_age' }, 'টুঙ্গিপাড়া', '1', '1'];
    for (const step of steps) {
      await c.send(step);
    }
    expect(c.state?.flow).toMatchObject({ id: 'grievance', step: 'description' });
    const replies = await c.send('ভাতা পাইনি '.repeat(2000));
    expect(replies.map((r) => r.key)).toContain('grievance:note.cut');
    const flow = c.state?.flow;
    expect(flow?.id === 'grievance' ? flow.draft.description?.length : 0).toBeLessThanOrEqual(MAX_ACCOUNT);
  });
});
