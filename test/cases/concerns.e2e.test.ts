import { afterEach, describe, expect, it } from 'vitest';
import { RecordingSender, say, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';

/** A complaint about local staff, lodged in the chat, is stored with the office it is about and held above it. */
describe('complaints about local staff through the pipeline (SQLite)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('a report naming the union social worker is held by the upazila, and the grievance naming the USSO by the district', async () => {
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender);
    try {
      await say(app, 'journalist', { type: 'start' });
      await say(app, 'journalist', { type: 'choice', choiceId: 'menu.report' });
      for (const step of ['রহিমা বেগম', '৭২', 'মহিলা', 'টুঙ্গিপাড়া', '১', '১']) await say(app, 'journalist', step);
      await say(app, 'journalist', { type: 'choice', choiceId: 'prog.widow' });
      await say(app, 'journalist', 'ইউনিয়ন সমাজকর্মী টাকা না পেয়ে তাঁর নাম তালিকা থেকে বাদ দিয়েছেন।');
      await say(app, 'journalist', { type: 'choice', choiceId: 'consent.yes' });
      await say(app, 'journalist', { type: 'choice', choiceId: 'id.share' });
      await say(app, 'journalist', { type: 'choice', choiceId: 'sum.submit' });
      const report = await app.db.prisma.case.findFirstOrThrow({ where: { kind: 'report' } });
      expect(report).toMatchObject({ concernsTier: 'union', tier: 'upazila', officeCode: `upazila:${report.upazilaCode}` });

      for (const body of [
        { type: 'start' as const, payload: 'grievance' }, 'English', { type: 'choice' as const, choiceId: 'cat.not_received' },
        { type: 'choice' as const, choiceId: 'prog.widow' },
      ]) await say(app, 'citizen', body);
      for (const text of ['tungipara gopalganj', '1', '1', 'The USSO keeps my allowance card and says come next month.']) await say(app, 'citizen', text);
      for (const id of ['phone.skip', 'id.private', 'sum.submit']) await say(app, 'citizen', { type: 'choice', choiceId: id });
      const grievance = await app.db.prisma.case.findFirstOrThrow({ where: { kind: 'grievance' } });
      expect(grievance).toMatchObject({ concernsTier: 'upazila', tier: 'district', officeCode: `district:${grievance.districtCode}` });
      const told = sender.delivered.filter((d) => d.externalId === 'citizen' && d.message.key === 'grievance:submitted').at(-1);
      expect(told?.message.text).toContain('Sent to: the District Social Services Office, Gopalganj');
    } finally {
      await app.close();
    }
  });
});
