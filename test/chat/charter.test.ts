import { afterEach, describe, expect, it } from 'vitest';
import { asksForCharter } from '../../src/engine/flows/charter.ts';
import { RecordingSender, say, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * "নাগরিক সনদ" in the chat, on the real pipeline: what every office
 * promises (free, the working days a complaint has, 333), then a programme's
 * papers and where to apply, in the citizen's language, with the link to the
 * office pages when Setu has a public address.
 */
describe('the Citizen Charter in the chat', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  async function boot(env: Record<string, string> = {}): Promise<{ app: TestApp; sender: RecordingSender }> {
    const db = tempSqliteUrl();
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender, undefined, env);
    cleanups.push(db.cleanup, () => app.close());
    return { app, sender };
  }
  const textsTo = (sender: RecordingSender, user: string) => sender.delivered.filter((d) => d.externalId === user).map((d) => d.message);

  it('answers "নাগরিক সনদ" as a first message in Bangla: free, the days at each office, 333; then a programme\'s papers', async () => {
    const { app, sender } = await boot({ CASE_DEADLINE_DAYS: 'upazila:25' });
    await say(app, 'rahela', 'নাগরিক সনদ');
    const [summary, which] = textsTo(sender, 'rahela').slice(-2);
    expect(summary?.text).toContain('বিনামূল্যে');
    expect(summary?.text).toContain('কেউ টাকা চাইলে অভিযোগ করুন');
    expect(summary?.text).toContain('উপজেলায় ২৫');
    expect(summary?.text).toContain('ইউনিয়নে ৩০');
    expect(summary?.text).toContain('৩৩৩');
    expect(summary?.text).not.toContain('http');
    expect(which?.choices.map((c) => c.id)).toContain('charter.p.old_age');
    await say(app, 'rahela', { type: 'choice', choiceId: 'charter.p.old_age' });
    const programme = textsTo(sender, 'rahela').at(-2)?.text ?? '';
    expect(programme).toContain('নাগরিক সনদ: বয়স্ক ভাতা');
    expect(programme).toMatch(/জাতীয় পরিচয়পত্র/);
    expect(programme).toContain('mis.bhata.gov.bd');
    expect(programme).toContain('কেউ টাকা চাইলে অভিযোগ করুন');
    expect(textsTo(sender, 'rahela').at(-1)?.choices.map((c) => c.id)).toEqual(['charter.again', 'menu']);
  });

  it('takes Banglish with another spelling in an English conversation, and links to the office pages', async () => {
    const { app, sender } = await boot({ PUBLIC_URL: 'https://setu.example.gov.bd/' });
    await say(app, 'karim', { type: 'start' });
    await say(app, 'karim', 'English');
    await say(app, 'karim', 'nagorik shonod');
    const summary = textsTo(sender, 'karim').at(-2)?.text ?? '';
    expect(summary).toContain('every service of the social services offices is free');
    expect(summary).toContain('If anyone asks you for money, lodge a complaint.');
    expect(summary).toContain('https://setu.example.gov.bd/open/charter');
    await say(app, 'karim', { type: 'choice', choiceId: 'charter.p.widow' });
    expect(textsTo(sender, 'karim').at(-2)?.text).toContain('Citizen Charter: Widow allowance');
  });

  it('is not taken for a birth or disability certificate (সনদ alone)', () => {
    for (const yes of ['নাগরিক সনদ', 'নাগরিক সনদ দেখাও', 'citizen charter', "citizen's charter please", 'nagorik sonod', 'nagrik shonod', 'সিটিজেন চার্টার']) expect(asksForCharter(yes)).toBe(true);
    for (const no of ['জন্ম সনদ লাগবে', 'প্রতিবন্ধী সনদ', 'sonod nai', 'my card', 'chart']) expect(asksForCharter(no)).toBe(false);
  });
});
