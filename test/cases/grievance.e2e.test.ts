import { afterEach, describe, expect, it } from 'vitest';
import { transitionCase } from '../../src/app/cases/caseActions.ts';
import { addWorkingDays } from '../../src/domain/cases/workingDays.ts';
import { defaultCalendar } from '../../src/domain/cases/holidays.data.ts';
import { RecordingSender, say, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';
import { createTestDatabase } from '../db/targets.ts';
import { readOutbox } from '../support/outbox.ts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

const toBangla = (s: string): string => s.replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)] ?? d);

/** A Bangla conversation that lodges a "money not received" grievance; returns its tracking number. */
async function lodgeGrievance(app: TestApp, sender: RecordingSender, user: string): Promise<string> {
  await say(app, user, { type: 'start' });
  await say(app, user, { type: 'choice', choiceId: 'menu.grievance' });
  await say(app, user, { type: 'choice', choiceId: 'cat.not_received' });
  await say(app, user, { type: 'choice', choiceId: 'prog.old_age' });
  await say(app, user, 'টুঙ্গিপাড়া');
  expect(sender.delivered.at(-1)?.message.key).toBe('location:did_you_mean');
  expect(sender.delivered.at(-1)?.message.choices[0]?.label).toMatch(/পাড়া, গোপালগঞ্জ/);
  await say(app, user, '১'); // the upazila: its unions are offered next
  expect(sender.delivered.at(-1)?.message.key).toBe('location:browse.union');
  await say(app, user, '১');
  await say(app, user, 'তিন মাস ধরে মায়ের বয়স্ক ভাতার টাকা পাইনি।');
  await say(app, user, '০১৭১২-৩৪৫৬৭৮');
  // Until the case is lodged the phone lives in the session: sealed at rest like everything there.
  const session = await app.db.prisma.session.findUniqueOrThrow({ where: { contactId: `test:${user}` } });
  expect(session.state.startsWith('v1:')).toBe(true);
  expect(session.state).not.toContain('1712345678');
  expect(app.cipher.decrypt(session.state)).toContain('+8801712345678');
  await say(app, user, { type: 'choice', choiceId: 'id.private' });
  expect(sender.delivered.at(-1)?.message.key).toBe('grievance:ask.confirm');
  // An edit at the summary, then back to the summary.
  await say(app, user, { type: 'choice', choiceId: 'sum.edit.description' });
  await say(app, user, 'তিন মাস ধরে মায়ের বয়স্ক ভাতার টাকা পাইনি। মা না খেয়ে আছেন।');
  expect(sender.delivered.at(-1)?.message.key).toBe('grievance:ask.confirm');
  await say(app, user, { type: 'choice', choiceId: 'sum.submit' });
  const receipt = sender.delivered.find((d) => d.externalId === user && d.message.key === 'grievance:submitted');
  const number = receipt?.message.params?.number;
  if (typeof number !== 'string') throw new Error('no tracking number in the receipt');
  expect(receipt?.message.text).toContain(toBangla(`${number.slice(0, 3)}-${number.slice(3, 6)}-${number.slice(6)}`));
  return number;
}

describe('a grievance from lodging to escalation (SQLite)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('is lodged in Bangla, stored with a sealed phone, routed, tracked by Bangla digits, escalated when overdue, and closed with a note', async () => {
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender);
    const number = await lodgeGrievance(app, sender, 'rahima');

    const stored = await app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
    expect(stored).toMatchObject({ kind: 'grievance', category: 'not_received', programme: 'old_age', state: 'received', tier: 'upazila', urgent: true, language: 'bn', shareIdentity: false });
    expect(stored.officeCode).toBe(`upazila:${stored.upazilaCode}`);
    expect(JSON.parse(stored.urgentReasons)).toContain('no_food');
    expect(stored.phoneSealed).not.toContain('1712345678');
    expect(app.cipher.decrypt(stored.phoneSealed ?? '')).toBe('+8801712345678');
    expect(stored.dueAt.getTime()).toBe(addWorkingDays(stored.createdAt, 30, defaultCalendar()).getTime());
    expect(await app.db.prisma.caseEvent.count({ where: { caseId: stored.id, type: 'lodged' } })).toBe(1);

    // The same user asks by Bangla digits: the whole case. Someone else: only state and dates.
    await say(app, 'rahima', { type: 'choice', choiceId: 'menu.status' });
    await say(app, 'rahima', toBangla(number));
    expect(sender.delivered.at(-2)?.message).toMatchObject({ key: 'status:case', params: { state: 'received', tier: 'upazila' } });
    await say(app, 'karim', { type: 'start' });
    await say(app, 'karim', `${toBangla(number)} এর কী অবস্থা?`);
    const limited = sender.delivered.filter((d) => d.externalId === 'karim').at(-2)?.message;
    expect(limited?.key).toBe('status:case_limited');
    expect(limited?.text).not.toMatch(/বয়স্ক ভাতা|টুঙ্গিপাড়া/);

    // Nothing moves before the deadline; after it, one escalation and one notice in Bangla.
    expect(await app.escalate()).toEqual([]);
    app.clock.advance(stored.dueAt.getTime() - app.clock.now().getTime() + 60_000);
    expect(await app.escalate()).toEqual([number]);
    expect(await app.escalate()).toEqual([]);
    await app.worker.drain();
    const notice = sender.delivered.filter((d) => d.externalId === 'rahima').at(-1)?.message;
    expect(notice).toMatchObject({ key: 'cases:notice.escalated', lang: 'bn', params: { from: 'upazila', to: 'district' } });
    const escalated = await app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
    expect(escalated).toMatchObject({ tier: 'district', officeCode: `district:${stored.districtCode}`, state: 'forwarded' });
    expect(escalated.dueAt.getTime()).toBeGreaterThan(app.clock.now().getTime());

    // The officer closes it: a note is required, and it reaches the citizen.
    expect(await transitionCase(app.caseActions, { trackingNumber: number, to: 'resolved', actor: 'officer' })).toEqual({ ok: false, reason: 'note_required' });
    expect(await transitionCase(app.caseActions, { trackingNumber: number, to: 'resolved', note: 'বকেয়া তিন মাসের টাকা পাঠানো হয়েছে।', actor: 'officer' })).toMatchObject({ ok: true });
    await app.worker.drain();
    // The notice, then (a message of its own) the question how satisfied she is.
    const [closed, ask] = sender.delivered.filter((d) => d.externalId === 'rahima').slice(-2).map((d) => d.message);
    expect(closed).toMatchObject({ key: 'cases:notice.resolved', lang: 'bn' });
    expect(ask).toMatchObject({ key: 'cases:rating.ask', lang: 'bn' });
    expect(closed?.text).toContain('বকেয়া তিন মাসের টাকা পাঠানো হয়েছে।');
    await app.close();
  });

  it('explains an unknown number and a mistyped digit', async () => {
    const db = tempSqliteUrl();
    cleanups.push(db.cleanup);
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender);
    const number = await lodgeGrievance(app, sender, 'amena');
    await say(app, 'amena', { type: 'choice', choiceId: 'menu.status' });
    const typo = `${number.slice(0, 4)}${(Number(number[4]) + 1) % 10}${number.slice(5)}`;
    await say(app, 'amena', typo);
    expect(sender.delivered.at(-2)?.message.key).toBe('status:invalid.bad_check');
    await say(app, 'amena', '১২৩৪');
    expect(sender.delivered.at(-2)?.message.key).toBe('status:invalid.wrong_length');
    await app.close();
  });
});

describe('an appeal after a rejection (SQLite)', () => {
  it('takes the rejected case to the next tier with a new deadline, only for its own citizen', async () => {
    const db = tempSqliteUrl();
    const sender = new RecordingSender();
    const app = await startTestApp(db.url, sender);
    try {
      const number = await lodgeGrievance(app, sender, 'jamila');
      expect(await transitionCase(app.caseActions, { trackingNumber: number, to: 'rejected', note: 'তালিকায় নাম আছে, টাকা পাঠানো হয়েছে।', actor: 'officer' })).toMatchObject({ ok: true });
      await say(app, 'jamila', { type: 'choice', choiceId: 'menu.status' });
      await say(app, 'jamila', number);
      const offered = sender.delivered.filter((d) => d.externalId === 'jamila').at(-1)?.message;
      expect(offered?.choices.map((c) => c.id)).toContain(`appeal.${number}`);

      // Someone else who sends an appeal for it (a forged or copied button) changes nothing.
      await say(app, 'karim', { type: 'start' });
      await say(app, 'karim', number);
      await say(app, 'karim', { type: 'choice', choiceId: `appeal.${number}` });
      expect(sender.delivered.filter((d) => d.externalId === 'karim').map((d) => d.message.key)).not.toContain('status:appealed');
      expect(await app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } })).toMatchObject({ state: 'rejected' });

      await say(app, 'jamila', { type: 'choice', choiceId: `appeal.${number}` });
      expect(sender.delivered.filter((d) => d.externalId === 'jamila').at(-2)?.message).toMatchObject({ key: 'status:appealed', params: { tier: 'district' } });
      const appealed = await app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
      expect(appealed).toMatchObject({ state: 'received', tier: 'district', closedAt: null });
      expect(await app.db.prisma.caseEvent.count({ where: { caseId: appealed.id, type: 'appealed' } })).toBe(1);
    } finally {
      await app.close();
      db.cleanup();
    }
  });
});

describe('escalation with two app processes on PostgreSQL', () => {
  it('moves an overdue case once, with one timeline entry and one notice', async () => {
    const pgDb = await createTestDatabase('postgresql');
    const sender = new RecordingSender();
    const a = await startTestApp(pgDb.url, sender);
    const b = await startTestApp(pgDb.url, sender, a.clock);
    try {
      const number = await lodgeGrievance(a, sender, 'selina');
      const lodged = await a.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
      a.clock.advance(lodged.dueAt.getTime() - a.clock.now().getTime() + 60_000);
      const [byA, byB] = await Promise.all([a.escalate(), b.escalate()]);
      expect([...byA, ...byB]).toEqual([number]);
      expect(await a.db.prisma.caseEvent.count({ where: { caseId: lodged.id, type: 'escalated' } })).toBe(1);
      const notices = await readOutbox(a, { contactId: 'test:selina' });
      expect(notices.filter((n) => n.message.key === 'cases:notice.escalated')).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      await pgDb.drop();
    }
  });
});
