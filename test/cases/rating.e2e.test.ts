import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transitionCase } from '../../src/app/cases/caseActions.ts';
import { RecordingSender, say, startTestApp, tempSqliteUrl } from '../support/appHarness.ts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** A Bangla conversation that lodges a "money not received" grievance; returns its tracking number. */
async function lodgeGrievance(app: TestApp, sender: RecordingSender, user: string): Promise<string> {
  await say(app, user, { type: 'start' });
  await say(app, user, { type: 'choice', choiceId: 'menu.grievance' });
  await say(app, user, { type: 'choice', choiceId: 'cat.not_received' });
  await say(app, user, { type: 'choice', choiceId: 'prog.old_age' });
  await say(app, user, 'টুঙ্গিপাড়া');
  await say(app, user, '১');
  await say(app, user, '১');
  await say(app, user, 'তিন মাস ধরে মায়ের বয়স্ক ভাতার টাকা পাইনি।');
  await say(app, user, '০১৭১২-৩৪৫৬৭৮');
  await say(app, user, { type: 'choice', choiceId: 'id.private' });
  expect(sender.delivered.at(-1)?.message.key).toBe('grievance:ask.confirm');
  await say(app, user, { type: 'choice', choiceId: 'sum.submit' });
  const receipt = sender.delivered.find((d) => d.externalId === user && d.message.key === 'grievance:submitted');
  const number = receipt?.message.params?.number;
  if (typeof number !== 'string') throw new Error('no tracking number in the receipt');
  return number;
}

const rate = (number: string, n: number) => ({ type: 'choice' as const, choiceId: `rate.${number}.${n}` });

describe('rating a closed case (SQLite)', () => {
  let app: TestApp;
  let sender: RecordingSender;
  let cleanup: () => void = () => {};

  beforeEach(async () => {
    const db = tempSqliteUrl();
    cleanup = db.cleanup;
    sender = new RecordingSender();
    app = await startTestApp(db.url, sender);
  });

  afterEach(async () => {
    await app.close();
    cleanup();
  });

  const lastTo = (user: string) => sender.delivered.filter((d) => d.externalId === user).at(-1)?.message;
  const stored = (number: string) => app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });

  it('takes a bare number typed after the closing notice as the rating (the terminal has no buttons), but not once the user has written since', async () => {
    const number = await lodgeGrievance(app, sender, 'jahanara');
    app.clock.advance(60_000);
    expect(await transitionCase(app.caseActions, { trackingNumber: number, to: 'resolved', note: 'টাকা পাঠানো হয়েছে।', actor: 'officer' })).toMatchObject({ ok: true });
    await app.worker.drain();
    expect(lastTo('jahanara')?.choices.map((c) => c.id)).toContain(`rate.${number}.4`);
    await say(app, 'jahanara', '৪');
    expect(await stored(number)).toMatchObject({ rating: 4 });
    expect(sender.delivered.filter((d) => d.externalId === 'jahanara').map((d) => d.message.key)).toContain('cases:rating.thanks');

    // Another citizen's case closes, but she writes something else first: her later "2" answers what she was asked then.
    const second = await lodgeGrievance(app, sender, 'rokeya');
    app.clock.advance(60_000);
    await transitionCase(app.caseActions, { trackingNumber: second, to: 'rejected', note: 'তালিকায় নাম আছে।', actor: 'officer' });
    await app.worker.drain();
    await say(app, 'rokeya', { type: 'choice', choiceId: 'menu' });
    await say(app, 'rokeya', '২');
    expect(await stored(second)).toMatchObject({ rating: null });
    expect(lastTo('rokeya')?.key).not.toBe('cases:rating.thanks');
  });

  it('asks the citizen with the closing notice, stores their first rating, and counts no later one', async () => {
    const number = await lodgeGrievance(app, sender, 'rahima');

    // Before the case is closed a rating (a forged or copied button) is thanked but not stored.
    await say(app, 'rahima', rate(number, 5));
    expect(sender.delivered.filter((d) => d.externalId === 'rahima').at(-2)?.message.key).toBe('cases:rating.thanks');
    expect(await stored(number)).toMatchObject({ rating: null, ratedAt: null });

    // A notice before closing asks nothing.
    expect(await transitionCase(app.caseActions, { trackingNumber: number, to: 'in_progress', actor: 'officer' })).toMatchObject({ ok: true });
    await app.worker.drain();
    expect(lastTo('rahima')).toMatchObject({ key: 'cases:notice.in_progress', choices: [] });

    expect(await transitionCase(app.caseActions, { trackingNumber: number, to: 'resolved', note: 'বকেয়া তিন মাসের টাকা পাঠানো হয়েছে।', actor: 'officer' })).toMatchObject({ ok: true });
    await app.worker.drain();
    // The notice, then the rating question as a message of its own (on Messenger it must not ride a status tag).
    const [notice, ask] = sender.delivered.filter((d) => d.externalId === 'rahima').slice(-2).map((d) => d.message);
    expect(notice).toMatchObject({ key: 'cases:notice.resolved', lang: 'bn', choices: [] });
    expect(notice?.text).toContain('বকেয়া তিন মাসের টাকা পাঠানো হয়েছে।');
    expect(ask).toMatchObject({ key: 'cases:rating.ask', lang: 'bn' });
    expect(ask?.text).toContain('কতটা সন্তুষ্ট');
    expect(ask?.choices.map((c) => c.id)).toEqual([1, 2, 3, 4, 5].map((n) => `rate.${number}.${n}`));
    expect(ask?.choices.at(-1)?.label).toBe('৫ ⭐ খুব ভালো');

    // Someone else pressing a rating for it (a copied button) changes nothing.
    await say(app, 'karim', { type: 'start' });
    await say(app, 'karim', rate(number, 1));
    expect(await stored(number)).toMatchObject({ rating: null, ratedAt: null });

    const pressedAt = app.clock.now();
    await say(app, 'rahima', rate(number, 4));
    const rated = await stored(number);
    expect(rated.rating).toBe(4);
    expect(rated.ratedAt?.getTime()).toBe(pressedAt.getTime());
    const thanks = sender.delivered.filter((d) => d.externalId === 'rahima').at(-2)?.message;
    expect(thanks).toMatchObject({ key: 'cases:rating.thanks', lang: 'bn' });
    expect(lastTo('rahima')?.key).toBe('menu:prompt');

    // A second press is thanked, but the first rating counts.
    await say(app, 'rahima', rate(number, 1));
    expect(sender.delivered.filter((d) => d.externalId === 'rahima').slice(-2).map((d) => d.message.key)).toEqual(['cases:rating.thanks', 'cases:rating.low']);
    expect(await stored(number)).toMatchObject({ rating: 4, ratedAt: pressedAt });
  });

  it('after a rejection: a low rating points to the status check, and the case can still be appealed', async () => {
    const number = await lodgeGrievance(app, sender, 'jamila');
    // A reporter whose later report was linked to this case hears of it, but is not asked to rate it.
    await say(app, 'selina', { type: 'start' });
    const lodged = await stored(number);
    await app.db.prisma.case.create({
      data: {
        ...{ kind: 'report', category: 'exclusion', placeCode: lodged.placeCode, upazilaCode: lodged.upazilaCode, districtCode: lodged.districtCode },
        ...{ id: 'linked-report', trackingNumber: '482173908', description: '—', state: 'received', tier: lodged.tier, officeCode: lodged.officeCode },
        ...{ dueAt: lodged.dueAt, contactId: 'test:selina', channel: 'test', language: 'bn', duplicateOf: number, createdAt: lodged.createdAt, updatedAt: lodged.createdAt },
      },
    });

    expect(await transitionCase(app.caseActions, { trackingNumber: number, to: 'rejected', note: 'তালিকায় নাম আছে।', actor: 'officer' })).toMatchObject({ ok: true });
    await app.worker.drain();
    expect(lastTo('jamila')?.choices.map((c) => c.id)).toContain(`rate.${number}.1`);
    // A linked reporter hears only that the case was closed, about their own report: not the reason, not the number.
    expect(lastTo('selina')).toMatchObject({ key: 'report:linked.closed', params: { number: '482173908' }, choices: [] });
    expect(lastTo('selina')?.text).not.toContain('কতটা সন্তুষ্ট');
    expect(lastTo('selina')?.text).not.toContain('তালিকায় নাম আছে');
    // Nor is their rating of it stored.
    await say(app, 'selina', rate(number, 2));
    expect(await stored(number)).toMatchObject({ rating: null });

    await say(app, 'jamila', rate(number, 1));
    const low = lastTo('jamila');
    expect(low?.key).toBe('cases:rating.low');
    expect(low?.choices.map((c) => c.id)).toEqual(['menu.status', 'menu']);
    expect(await stored(number)).toMatchObject({ rating: 1, state: 'rejected' });

    await say(app, 'jamila', { type: 'choice', choiceId: 'menu.status' });
    await say(app, 'jamila', number);
    expect(lastTo('jamila')?.choices.map((c) => c.id)).toContain(`appeal.${number}`);
    await say(app, 'jamila', { type: 'choice', choiceId: `appeal.${number}` });
    // The appeal reopens the case; the rating given for the rejection stays.
    expect(await stored(number)).toMatchObject({ state: 'received', tier: 'district', rating: 1 });
  });
});
