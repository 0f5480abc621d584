import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transitionCase } from '../../src/app/cases/caseActions.ts';
import { recordReportOutcome } from '../../src/app/officers/reportOutcome.ts';
import type { SignedInOfficer } from '../../src/app/officers/accounts.ts';
import { formatTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import { parseOutboxPayload } from '../../src/infra/delivery/sender.ts';
import { RecordingSender, say, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';

/**
 * "Does the allowance arrive in full?": asked through the real pipeline and
 * database, 45 days after a complaint of money not received is resolved (and
 * of a reporter when the person reported is enrolled), then every quarter;
 * a "no" lodges a money-not-received complaint at once, with its number told.
 */

type TestApp = Awaited<ReturnType<typeof startTestApp>>;
const DAY = 86_400_000;

/** A "money not received" complaint about the old age allowance in a union of Tungipara, in the citizen's language. */
async function lodge(app: TestApp, sender: RecordingSender, user: string, lang: 'bn' | 'en' = 'bn'): Promise<string> {
  await say(app, user, { type: 'start' });
  if (lang === 'en') await say(app, user, { type: 'choice', choiceId: 'lang.en' });
  await say(app, user, { type: 'choice', choiceId: 'menu.grievance' });
  await say(app, user, { type: 'choice', choiceId: 'cat.not_received' });
  await say(app, user, { type: 'choice', choiceId: 'prog.old_age' });
  await say(app, user, lang === 'bn' ? 'টুঙ্গিপাড়া' : 'tungipara gopalganj');
  await say(app, user, '১');
  await say(app, user, '১');
  await say(app, user, lang === 'bn' ? 'তিন মাস ধরে বয়স্ক ভাতার টাকা পাইনি।' : 'No old age allowance for three months.');
  await say(app, user, { type: 'choice', choiceId: 'phone.skip' });
  await say(app, user, { type: 'choice', choiceId: 'id.private' });
  await say(app, user, { type: 'choice', choiceId: 'sum.submit' });
  const number = sender.delivered.find((d) => d.externalId === user && d.message.key === 'grievance:submitted')?.message.params?.number;
  if (typeof number !== 'string') throw new Error('no tracking number in the receipt');
  return number;
}

const resolve = (app: TestApp, number: string) =>
  transitionCase(app.caseActions, { trackingNumber: number, to: 'resolved', note: 'ভাতা বই দেওয়া হয়েছে, টাকা আসবে।', actor: 'officer' });

describe('the question after "money will arrive" (SQLite)', () => {
  let app: TestApp;
  let sender: RecordingSender;
  let url = '';
  let cleanup: () => void = () => {};
  const others: TestApp[] = [];

  beforeEach(async () => {
    const db = tempSqliteUrl();
    url = db.url;
    cleanup = db.cleanup;
    sender = new RecordingSender();
    app = await startTestApp(db.url, sender);
  });

  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await app.close();
    cleanup();
  });

  const to = (user: string) => sender.delivered.filter((d) => d.externalId === user).map((d) => d.message);
  const asked = (user: string) => to(user).filter((m) => m.key.startsWith('followup:ask.'));
  /** What Setu said in answer to a follow-up (thanks, a complaint lodged…), not the questions. */
  const answeredTo = (user: string) => to(user).filter((m) => m.key.startsWith('followup:') && !m.key.startsWith('followup:ask.')).map((m) => m.key);
  const rowsOf = (caseId: string) => app.db.prisma.followUp.findMany({ where: { caseId }, orderBy: { round: 'asc' } });
  const caseOf = (number: string) => app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
  /** Moves the clock, runs one pass of the job and delivers what it queued. */
  const later = async (ms: number) => {
    app.clock.advance(ms);
    const report = await app.followUps();
    await app.worker.drain();
    return report;
  };

  it('asks 45 days after, not 44, once however often the job runs or in how many processes, in Bangla with three buttons; "হ্যাঁ, পাচ্ছি" is thanked and recorded, and the next round comes 91 days later', async () => {
    const number = await lodge(app, sender, 'amena');
    const kase = await caseOf(number);
    expect(await rowsOf(kase.id)).toHaveLength(0);
    expect(await resolve(app, number)).toMatchObject({ ok: true });
    const resolvedAt = app.clock.now().getTime();
    const rounds = await rowsOf(kase.id);
    expect(rounds.map((r) => [r.round, r.audience, r.contactId, (r.dueAt.getTime() - resolvedAt) / DAY])).toEqual([
      [1, 'citizen', 'test:amena', 45],
      [2, 'citizen', 'test:amena', 136],
      [3, 'citizen', 'test:amena', 227],
      [4, 'citizen', 'test:amena', 318],
      [5, 'citizen', 'test:amena', 409],
    ]);
    await app.worker.drain();

    expect(await later(44 * DAY)).toEqual({ asked: 0, dropped: 0 });
    expect(asked('amena')).toHaveLength(0);

    // A second Setu process on the same database runs its pass at the same moment: one question between them.
    const second = await startTestApp(url, sender, app.clock);
    others.push(second);
    app.clock.advance(DAY);
    const [a, b] = await Promise.all([app.followUps(), second.followUps()]);
    expect(a.asked + b.asked).toBe(1);
    expect(await app.followUps()).toEqual({ asked: 0, dropped: 0 });
    await app.worker.drain();
    const questions = asked('amena');
    expect(questions).toHaveLength(1);
    const question = questions[0];
    const first = (await rowsOf(kase.id))[0];
    expect(question).toMatchObject({ key: 'followup:ask.citizen', lang: 'bn', kind: 'question', params: { number, programme: 'old_age' } });
    expect(question?.text).toContain(formatTrackingNumber(number, 'bn'));
    expect(question?.text).toContain('বয়স্ক ভাতা');
    expect(question?.choices.map((c) => c.id)).toEqual([`fu.${first?.id}.yes`, `fu.${first?.id}.partly`, `fu.${first?.id}.no`]);
    expect(first).toMatchObject({ round: 1, sentAt: app.clock.now(), answer: null });
    // It went as a case's status update does (Messenger may send it late under ACCOUNT_UPDATE).
    const row = await app.db.prisma.outboxMessage.findMany({ where: { contactId: 'test:amena' }, orderBy: { id: 'desc' }, take: 1 });
    expect(row.map((r) => [parseOutboxPayload(r.payload, app.cipher).key, r.purpose])).toEqual([['followup:ask.citizen', 'case_update']]);

    await say(app, 'amena', 'হ্যাঁ, পাচ্ছি');
    expect(to('amena').at(-2)).toMatchObject({ key: 'followup:thanks.citizen', params: { number } });
    expect(to('amena').at(-2)?.text).toMatch(/কয়েক মাস পরে আবার/);
    const answered = await rowsOf(kase.id);
    expect(answered[0]).toMatchObject({ answer: 'yes', grievanceId: null });
    expect(answered[0]?.answeredAt).not.toBeNull();
    expect(await app.db.prisma.case.count({ where: { contactId: 'test:amena' } })).toBe(1);

    // The next round: a quarter after the first, not before.
    const sinceFirst = app.clock.now().getTime() - (first?.dueAt.getTime() ?? 0);
    expect((await later(91 * DAY - sinceFirst - 60_000)).asked).toBe(0);
    expect((await later(60_000)).asked).toBe(1);
    expect(asked('amena')).toHaveLength(2);
    expect((await rowsOf(kase.id)).filter((r) => r.sentAt !== null).map((r) => r.round)).toEqual([1, 2]);
  });

  it('"না" lodges a money-not-received complaint with the same programme and place, the first case\'s number in it, and tells its number; the follow-up keeps its id', async () => {
    const number = await lodge(app, sender, 'rahela');
    await resolve(app, number);
    await later(45 * DAY);
    const kase = await caseOf(number);
    expect(asked('rahela')).toHaveLength(1);

    await say(app, 'rahela', 'না');
    const lodged = await app.db.prisma.case.findMany({ where: { contactId: 'test:rahela', id: { not: kase.id } } });
    expect(lodged).toHaveLength(1);
    const complaint = lodged[0];
    expect(complaint).toMatchObject({ kind: 'grievance', category: 'not_received', programme: 'old_age', placeCode: kase.placeCode, upazilaCode: kase.upazilaCode, districtCode: kase.districtCode, state: 'received', language: 'bn', channel: 'test' });
    expect(app.cipher.decrypt(complaint?.description ?? '')).toContain(number);
    expect(complaint?.trackingNumber).not.toBe(number);
    const told = to('rahela').find((m) => m.key === 'followup:lodged.citizen');
    expect(told?.params).toMatchObject({ number: complaint?.trackingNumber, original: number });
    expect(told?.text).toContain(formatTrackingNumber(complaint?.trackingNumber ?? '', 'bn'));
    expect(to('rahela').at(-1)?.key).toBe('grievance:after');
    expect((await rowsOf(kase.id))[0]).toMatchObject({ answer: 'no', grievanceId: complaint?.id });
    // Its timeline starts like any complaint's; the officers see it in their office's list.
    expect(await app.db.prisma.caseEvent.count({ where: { caseId: complaint?.id ?? '', type: 'lodged' } })).toBe(1);

    // The same button pressed again, later: already answered, nothing more lodged.
    const first = (await rowsOf(kase.id))[0];
    await say(app, 'rahela', { type: 'choice', choiceId: `fu.${first?.id}.no` });
    expect(to('rahela').at(-2)?.key).toBe('followup:stale');
    expect(await app.db.prisma.case.count({ where: { contactId: 'test:rahela' } })).toBe(2);
  });

  it('in English for a citizen who chose English; "partly" by button opens the complaint too', async () => {
    const number = await lodge(app, sender, 'nasrin', 'en');
    await resolve(app, number);
    await later(45 * DAY);
    const question = asked('nasrin')[0];
    expect(question).toMatchObject({ key: 'followup:ask.citizen', lang: 'en' });
    expect(question?.text).toMatch(/Do you now get the full amount/);
    expect(question?.choices.map((c) => c.label)).toEqual(['✅ Yes, in full', '⚠️ Partly, not in full', '❌ No, it does not come']);
    await say(app, 'nasrin', { type: 'choice', choiceId: question?.choices[1]?.id ?? '' });
    const kase = await caseOf(number);
    const row = (await rowsOf(kase.id))[0];
    expect(row?.answer).toBe('partly');
    const complaint = await app.db.prisma.case.findUniqueOrThrow({ where: { id: row?.grievanceId ?? '' } });
    expect(complaint).toMatchObject({ category: 'not_received', language: 'en' });
    expect(app.cipher.decrypt(complaint.description)).toMatch(new RegExp(`complaint ${number} was resolved, the citizen says only part`));
    expect(to('nasrin').find((m) => m.key === 'followup:lodged.citizen')?.text).toMatch(/New tracking number: /);
  });

  it('takes Banglish answers ("ha pai", "pai nai"), a week later too; an unrelated message goes on as usual and leaves the question standing', async () => {
    const yes = await lodge(app, sender, 'salma');
    const no = await lodge(app, sender, 'jahanara');
    await resolve(app, yes);
    await resolve(app, no);
    await later(45 * DAY);
    expect(asked('salma')).toHaveLength(1);
    expect(asked('jahanara')).toHaveLength(1);

    await say(app, 'salma', 'ha pai');
    expect(to('salma').at(-2)?.key).toBe('followup:thanks.citizen');
    expect((await rowsOf((await caseOf(yes)).id))[0]?.answer).toBe('yes');

    // Jahanara first asks something else: she is answered as ever, and the question still waits.
    await say(app, 'jahanara', { type: 'choice', choiceId: 'menu' });
    expect(to('jahanara').at(-1)?.key).toBe('menu:prompt');
    await say(app, 'jahanara', 'বয়স্ক ভাতার জন্য কী কী কাগজ লাগে');
    expect(answeredTo('jahanara')).toEqual([]);
    // A bare "না" since then may mean anything: not taken as the answer.
    await say(app, 'jahanara', 'মেনু');
    await say(app, 'jahanara', 'না');
    expect(answeredTo('jahanara')).toEqual([]);
    expect((await rowsOf((await caseOf(no)).id))[0]?.answer).toBeNull();

    // A week later, words about the money are.
    app.clock.advance(7 * DAY);
    await say(app, 'jahanara', 'pai nai');
    const row = (await rowsOf((await caseOf(no)).id))[0];
    expect(row?.answer).toBe('no');
    expect(row?.grievanceId).not.toBeNull();
    expect(to('jahanara').some((m) => m.key === 'followup:lodged.citizen')).toBe(true);
  });

  it('skips a contact marked unreachable, and asks nothing about a complaint of another kind', async () => {
    const number = await lodge(app, sender, 'kohinoor');
    await resolve(app, number);
    await app.db.prisma.contact.update({ where: { id: 'test:kohinoor' }, data: { unreachable: true } });
    const bribe = await lodge(app, sender, 'shirin');
    await app.db.prisma.case.update({ where: { trackingNumber: bribe }, data: { category: 'bribe' } });
    await resolve(app, bribe);
    expect(await rowsOf((await caseOf(bribe)).id)).toHaveLength(0);
    const before = await app.db.prisma.outboxMessage.count();
    expect(await later(45 * DAY)).toEqual({ asked: 0, dropped: 1 });
    expect(await app.db.prisma.outboxMessage.count()).toBe(before);
    expect(asked('kohinoor')).toHaveLength(0);
  });

  it("asks the reporter about the person once the officer records them enrolled, and not if the outcome changes before the day", async () => {
    const report = async (user: string): Promise<string> => {
      await say(app, user, { type: 'start' });
      await say(app, user, { type: 'choice', choiceId: 'menu.report' });
      for (const step of ['রহিমা বেগম', '৭২', 'মহিলা', 'টুঙ্গিপাড়া', '১', '১']) await say(app, user, step);
      await say(app, user, { type: 'choice', choiceId: 'prog.widow' });
      await say(app, user, 'স্বামী মারা গেছেন, কোনো আয় নেই, তালিকায় নাম নেই।');
      await say(app, user, { type: 'choice', choiceId: 'consent.yes' });
      await say(app, user, { type: 'choice', choiceId: 'id.share' });
      await say(app, user, { type: 'choice', choiceId: 'sum.submit' });
      const number = sender.delivered.find((d) => d.externalId === user && d.message.key === 'report:submitted')?.message.params?.number;
      if (typeof number !== 'string') throw new Error('no report number');
      return number;
    };
    const officer: SignedInOfficer = { id: 'officer-hq', name: 'HQ Officer', username: 'hq', language: 'en', role: 'hq', areaCode: 'BD' };
    const deps = { ...app.caseActions, publicUrl: () => 'http://setu.test' };
    const kept = await report('journalist');
    const changed = await report('journalist2');
    expect(await recordReportOutcome(deps, officer, kept, 'enrolled')).toEqual({ ok: true });
    expect(await recordReportOutcome(deps, officer, changed, 'enrolled')).toEqual({ ok: true });
    const keptCase = await caseOf(kept);
    expect((await rowsOf(keptCase.id)).map((r) => [r.audience, r.round])).toEqual([1, 2, 3, 4, 5].map((n) => ['reporter', n]));
    app.clock.advance(DAY);
    expect(await recordReportOutcome(deps, officer, changed, 'not_found')).toEqual({ ok: true });
    expect(await rowsOf((await caseOf(changed)).id)).toHaveLength(0);

    expect((await later(44 * DAY)).asked).toBe(1);
    const question = asked('journalist')[0];
    expect(question).toMatchObject({ key: 'followup:ask.reporter', lang: 'bn', params: { number: kept, programme: 'widow' } });
    expect(question?.text).toMatch(/আপনি যাঁর কথা জানিয়েছিলেন/);
    expect(asked('journalist2')).toHaveLength(0);

    await say(app, 'journalist', 'পুরো টাকা পান না, অর্ধেক');
    const row = (await rowsOf(keptCase.id))[0];
    expect(row?.answer).toBe('partly');
    const complaint = await app.db.prisma.case.findUniqueOrThrow({ where: { id: row?.grievanceId ?? '' } });
    expect(complaint).toMatchObject({ kind: 'grievance', category: 'not_received', programme: 'widow', placeCode: keptCase.placeCode, contactId: 'test:journalist' });
    expect(app.cipher.decrypt(complaint.description)).toContain(kept);
    expect(to('journalist').find((m) => m.key === 'followup:lodged.reporter')?.params).toMatchObject({ number: complaint.trackingNumber });
  });
});
