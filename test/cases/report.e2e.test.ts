import { afterEach, describe, expect, it } from 'vitest';
import { transitionCase } from '../../src/app/cases/caseActions.ts';
import { RecordingSender, say, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

async function reportRahima(app: TestApp, user: string): Promise<void> {
  await say(app, user, { type: 'start' });
  await say(app, user, '১');
  await say(app, user, { type: 'choice', choiceId: 'menu.report' });
  for (const step of ['রহিমা  বেগম', '৭২', 'মহিলা', 'টুঙ্গিপাড়া', '১', '১']) await say(app, user, step);
  await say(app, user, { type: 'choice', choiceId: 'prog.widow' });
  await say(app, user, 'স্বামী মারা গেছেন, কোনো আয় নেই, তালিকায় নাম নেই।');
  await say(app, user, { type: 'choice', choiceId: 'consent.yes' });
  await say(app, user, { type: 'choice', choiceId: 'id.share' });
  await say(app, user, { type: 'choice', choiceId: 'sum.submit' });
}

describe('reports by citizen journalists through the pipeline (SQLite)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('links a second report of the same person at the same place, and shows a reporter what their reports led to', async () => {
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender);
    await reportRahima(app, 'journalist1');
    await reportRahima(app, 'journalist2');

    const [first, second] = await app.db.prisma.case.findMany({ where: { kind: 'report' }, orderBy: { createdAt: 'asc' } });
    expect(first).toMatchObject({ subjectName: 'রহিমা  বেগম', subjectAge: 72, subjectSex: 'female', consent: 'yes', shareIdentity: true, duplicateOf: null, tier: 'union' });
    expect(second?.duplicateOf).toBe(first?.trackingNumber);
    const told = sender.delivered.filter((d) => d.externalId === 'journalist2' && d.message.key === 'report:submitted').at(-1);
    expect(told?.message.text).toMatch(/আগেই দেওয়া হয়েছে/);

    await transitionCase(app.caseActions, { trackingNumber: first?.trackingNumber ?? '', to: 'resolved', note: 'নাম তালিকায় তোলা হয়েছে।', actor: 'officer' });
    await app.worker.drain();
    // Both reporters hear of it: the second was promised news of the earlier case.
    for (const reporter of ['journalist1', 'journalist2']) {
      const notices = sender.delivered.filter((d) => d.externalId === reporter && d.message.key === 'cases:notice.resolved').map((d) => d.message);
      expect(notices.at(-1)).toMatchObject({ params: { number: first?.trackingNumber } });
    }
    await say(app, 'journalist1', { type: 'choice', choiceId: 'menu.status' });
    await say(app, 'journalist1', { type: 'choice', choiceId: 'status.mine' });
    const mine = sender.delivered.filter((d) => d.externalId === 'journalist1' && d.message.key === 'status:mine').at(-1);
    expect(mine?.message.text).toMatch(/১টি খবরের মধ্যে ১টিতে ব্যবস্থা নেওয়া হয়েছে/);
    await app.close();
  });
});
