import { afterEach, describe, expect, it } from 'vitest';
import { transitionCase } from '../../src/app/cases/caseActions.ts';
import { formatTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import { normaliseDigits } from '../../src/text/normalise.ts';
import { RecordingSender, say, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

async function reportRahima(app: TestApp, user: string): Promise<void> {
  await say(app, user, { type: 'start' });
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

  it('links a second report of the same person for officers only: its reporter gets their own number and plain status changes, never the earlier case', async () => {
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender);
    await reportRahima(app, 'journalist1');
    await reportRahima(app, 'journalist2');

    const [first, second] = await app.db.prisma.case.findMany({ where: { kind: 'report' }, orderBy: { createdAt: 'asc' } });
    const earlier = first?.trackingNumber ?? '';
    const own = second?.trackingNumber ?? '';
    expect(first).toMatchObject({ subjectName: 'রহিমা  বেগম', subjectAge: 72, subjectSex: 'female', consent: 'yes', shareIdentity: true, duplicateOf: null, tier: 'union' });
    expect(second?.duplicateOf).toBe(earlier);
    expect(own).not.toBe(earlier);
    const told = sender.delivered.filter((d) => d.externalId === 'journalist2' && d.message.key === 'report:submitted').at(-1);
    // Their own number, and only that a report of this person exists.
    expect(told?.message.params).toEqual({ number: own });
    expect(told?.message.text).toContain(formatTrackingNumber(own, 'bn'));
    expect(told?.message.text).toMatch(/আগেই একটি খবর দেওয়া হয়েছে; কর্মকর্তারা আপনার খবরটি সেটির সঙ্গে একসঙ্গে দেখবেন/);

    const toJournalist2 = () => sender.delivered.filter((d) => d.externalId === 'journalist2').map((d) => d.message);
    const before = toJournalist2().length;
    const note = 'রহিমা বেগমের নাম তালিকায় তোলা হয়েছে, ভাতা বই ইউনিয়ন পরিষদে।';
    for (const [to, withNote] of [['acknowledged', undefined], ['in_progress', undefined], ['resolved', note]] as const) {
      await transitionCase(app.caseActions, { trackingNumber: earlier, to, ...(withNote ? { note: withNote } : {}), actor: 'officer' });
      await app.worker.drain();
    }

    // The one who lodged the case hears everything, the note too, and is asked to rate it.
    const toJournalist1 = sender.delivered.filter((d) => d.externalId === 'journalist1').map((d) => d.message);
    expect(toJournalist1.filter((m) => m.key.startsWith('cases:notice.')).map((m) => m.key)).toEqual(['cases:notice.acknowledged', 'cases:notice.in_progress', 'cases:notice.resolved']);
    expect(toJournalist1.find((m) => m.key === 'cases:notice.resolved')?.text).toContain(note);
    expect(toJournalist1.filter((m) => m.key === 'cases:rating.ask')).toHaveLength(1);

    // The linked reporter: "being looked into", then "closed", about their own report; one step between open states is no news.
    const later = toJournalist2().slice(before);
    expect(later.map((m) => m.key)).toEqual(['report:linked.looked_into', 'report:linked.closed']);
    expect(later.map((m) => m.params)).toEqual([{ number: own }, { number: own }]);
    expect(later[1]?.text).toMatch(/যে মানুষটির খবর দিয়েছেন, তাঁর বিষয়টি বন্ধ করা হয়েছে/);
    for (const m of toJournalist2()) {
      expect(normaliseDigits(m.text).replaceAll('-', '')).not.toContain(earlier);
      expect(m.text).not.toContain('ভাতা বই');
    }
    expect(toJournalist2().filter((m) => m.key === 'cases:rating.ask')).toHaveLength(0);

    await say(app, 'journalist1', { type: 'choice', choiceId: 'menu.status' });
    await say(app, 'journalist1', { type: 'choice', choiceId: 'status.mine' });
    const mine = sender.delivered.filter((d) => d.externalId === 'journalist1' && d.message.key === 'status:mine').at(-1);
    expect(mine?.message.text).toMatch(/১টি খবরের মধ্যে ১টিতে ব্যবস্থা নেওয়া হয়েছে/);
    await app.close();
  });

  it('tells a linked reporter nothing when the earlier case only escalates past its deadline', async () => {
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender);
    await reportRahima(app, 'journalist1');
    await reportRahima(app, 'journalist2');
    const [first, second] = await app.db.prisma.case.findMany({ where: { kind: 'report' }, orderBy: { createdAt: 'asc' } });
    const before = sender.delivered.filter((d) => d.externalId === 'journalist2').length;
    app.clock.advance(60 * 86_400_000);
    expect(await app.escalate()).toHaveLength(2);
    await app.worker.drain();
    expect(sender.delivered.filter((d) => d.externalId === 'journalist1').at(-1)?.message).toMatchObject({ key: 'cases:notice.escalated', params: { number: first?.trackingNumber } });
    // Their own report escalates too, and they hear of that, but nothing of the earlier one.
    const later = sender.delivered.filter((d) => d.externalId === 'journalist2').slice(before).map((d) => d.message);
    expect(later.map((m) => [m.key, m.params?.number])).toEqual([['cases:notice.escalated', second?.trackingNumber]]);
    await app.close();
  });
});
