import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import { placeByCode, searchPlaces } from '../../src/domain/geo/index.ts';
import { loadEnv } from '../../src/config/env.ts';
import { readOutbox } from '../support/outbox.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { createOfficer, FormClient, lodgeFromTerminal, signedIn } from '../support/workspace.ts';

/**
 * The officers' workspace over HTTP: a case lodged from the terminal chat
 * reaches the officers of its area and no one else, on every route.
 */

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let number: string;
let caseId: string;
let attachmentId: number;
const clients: Record<'upazila' | 'district' | 'union' | 'other' | 'otherDistrict' | 'admin', FormClient> = {} as never;

beforeAll(async () => {
  db = tempSqliteUrl();
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' }), createLogger('silent'));
  number = await lodgeFromTerminal(setu.app, 'amina', 'bn', 'ইউনিয়ন অফিসের কেরানি ২০০০ টাকা ঘুষ চেয়েছে।');
  const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
  caseId = c.id;
  // A photo, as the Telegram channel records one (the file itself is never fetched for an outsider).
  attachmentId = (await setu.app.db.prisma.caseAttachment.create({ data: { caseId, kind: 'image', ref: 'telegram:AgACphoto', createdAt: new Date() } })).id;
  const kaunia = searchPlaces('kaunia', { levels: ['upazila'] })[0]?.place;
  const rangpur = kaunia?.parent ?? '';
  const areas = {
    upazila: c.upazilaCode,
    district: c.districtCode,
    union: c.placeCode,
    other: kaunia?.code ?? '',
    otherDistrict: rangpur,
  };
  expect(placeByCode(c.placeCode)?.level).toBe('union');
  await createOfficer(setu.app, { name: 'Upazila Officer', username: 'upazila', role: 'upazila', areaCode: areas.upazila, language: 'en' });
  await createOfficer(setu.app, { name: 'District Officer', username: 'district', role: 'district', areaCode: areas.district, language: 'en' });
  await createOfficer(setu.app, { name: 'Union Worker', username: 'union', role: 'union', areaCode: areas.union, language: 'bn' });
  await createOfficer(setu.app, { name: 'Kaunia Officer', username: 'other', role: 'upazila', areaCode: areas.other, language: 'en' });
  await createOfficer(setu.app, { name: 'Rangpur Officer', username: 'otherdistrict', role: 'district', areaCode: areas.otherDistrict, language: 'en' });
  await createOfficer(setu.app, { name: 'Admin', username: 'admin', role: 'admin', areaCode: 'BD', language: 'en' });
  for (const [who, username] of [['upazila', 'upazila'], ['district', 'district'], ['union', 'union'], ['other', 'other'], ['otherDistrict', 'otherdistrict'], ['admin', 'admin']] as const) {
    clients[who] = await signedIn(setu.url, username);
  }
});

afterAll(async () => {
  await setu.stop();
  db.cleanup();
});

const state = async () => (await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).state;
const csrfOf = async (client: FormClient, path = '/officer') => FormClient.csrf((await client.get(path)).text);

describe('jurisdiction: an officer of another area gets nothing, on every route', () => {
  type Probe = { name: string; run(client: FormClient): Promise<{ status: number; text: string }>; outsideStatus: number };
  const pretty = () => formatTrackingNumber(number, 'en');
  const probes: Probe[] = [
    { name: 'inbox', run: (cl) => cl.get('/officer'), outsideStatus: 200 },
    { name: 'inbox, all states, filtered by the case\'s union', run: async (cl) => cl.get(`/officer?state=all&place=${(await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).placeCode}`), outsideStatus: 200 },
    { name: 'case page', run: (cl) => cl.get(`/officer/cases/${number}`), outsideStatus: 404 },
    { name: 'export', run: (cl) => cl.get('/officer/export.csv'), outsideStatus: 200 },
    { name: 'export with personal data', run: (cl) => cl.get('/officer/export.csv?reveal=1'), outsideStatus: 200 },
    { name: 'reply to the citizen', run: async (cl) => cl.post(`/officer/cases/${number}/reply`, { _csrf: await csrfOf(cl), text: 'probe' }), outsideStatus: 404 },
    { name: 'assign', run: async (cl) => cl.post(`/officer/cases/${number}/assign`, { _csrf: await csrfOf(cl), officer: 'nobody' }), outsideStatus: 404 },
    { name: 'acknowledge', run: async (cl) => cl.post(`/officer/cases/${number}/act`, { _csrf: await csrfOf(cl), action: 'acknowledge' }), outsideStatus: 404 },
    { name: 'attachment', run: (cl) => cl.get(`/officer/cases/${number}/attachments/${attachmentId}`), outsideStatus: 404 },
    ...(['start', 'forward', 'reject', 'resolve'] as const).map((action) => ({
      name: action,
      run: async (cl: FormClient) => cl.post(`/officer/cases/${number}/act`, { _csrf: await csrfOf(cl), action, note: 'probe' }),
      outsideStatus: 404,
    })),
  ];

  for (const outsider of ['other', 'otherDistrict'] as const) {
    for (const probe of probes) {
      it(`${outsider}: ${probe.name}`, async () => {
        const before = await state();
        const outbox = await setu.app.db.prisma.outboxMessage.count();
        const res = await probe.run(clients[outsider]);
        expect(res.status).toBe(probe.outsideStatus);
        expect(res.text).not.toContain(number);
        expect(res.text).not.toContain(pretty());
        expect(await state()).toBe(before);
        expect(await setu.app.db.prisma.outboxMessage.count()).toBe(outbox);
      });
    }
  }

  it('the statistics of another area count nothing of this case', async () => {
    const res = await clients.other.get('/officer/stats');
    expect(res.status).toBe(200);
    const mine = await clients.upazila.get('/officer/stats');
    expect(mine.text).not.toBe(res.text);
    const counts = await setu.app.db.prisma.case.count();
    expect(counts).toBe(1);
    const openFigure = (html: string) => html.match(/<dt>Open cases<\/dt>\s*<dd>([^<]*)<\/dd>/)?.[1];
    expect(openFigure(res.text)).toBe('0');
    expect(openFigure(mine.text)).toBe('1');
  });

  it('the officers of the case\'s union, upazila and district, and the admin, see it', async () => {
    for (const who of ['union', 'upazila', 'district', 'admin'] as const) {
      const inboxPage = await clients[who].get('/officer');
      expect(inboxPage.text).toContain(`/officer/cases/${number}`);
      expect((await clients[who].get(`/officer/cases/${number}`)).status).toBe(200);
      expect((await clients[who].get('/officer/export.csv')).text).toContain(number);
    }
  });

  it('the inbox points the area\'s officer to the new case (what officers without Telegram get instead of alerts); others see nothing to attend to', async () => {
    const mine = await clients.upazila.get('/officer');
    expect(mine.text).toContain('1 new, not yet seen');
    const theirs = await clients.other.get('/officer');
    expect(theirs.text).not.toContain('data-attention');
    expect(theirs.text).toContain('Open 0 · overdue 0 · urgent 0');
  });

  it('only an admin reads the audit log', async () => {
    expect((await clients.upazila.get('/officer/audit')).status).toBe(404);
    const log = await clients.admin.get('/officer/audit');
    expect(log.status).toBe(200);
    expect(log.text).toContain('case.view');
  });
});

describe('acting on a case', () => {
  it('refuses to resolve without a note, and changes nothing', async () => {
    const cl = clients.upazila;
    const res = await cl.post(`/officer/cases/${number}/act`, { _csrf: await csrfOf(cl), action: 'resolve', note: '  ' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Write a note for the citizen first.');
    expect(await state()).toBe('received');
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await clients.upazila.post(`/officer/cases/${number}/act`, { action: 'acknowledge' });
    expect(res.status).toBe(403);
    expect(await state()).toBe('received');
  });

  it('forwarding sends the case up to the district office with its deadline, and tells the citizen in Bangla', async () => {
    const cl = clients.upazila;
    const before = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    const res = await cl.post(`/officer/cases/${number}/act`, { _csrf: await csrfOf(cl), action: 'forward', note: 'The union clerk is involved; the district should look.' });
    expect(res.status).toBe(303);
    const after = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(after).toMatchObject({ state: 'forwarded', tier: 'district', officeCode: `district:${before.districtCode}` });
    // The district's own deadline (20 working days from now), not the upazila's.
    expect(after.dueAt.getTime()).not.toBe(before.dueAt.getTime());
    expect(after.dueAt.getTime()).toBeGreaterThan(Date.now() + 20 * 86_400_000);
    const [notice] = await readOutbox(setu.app, { contactId: 'console:amina' }, 'desc');
    expect(notice?.message.text).toMatch(/জেলা পর্যায়ে পাঠানো হয়েছে/);
    // The district's officer sees it as theirs now; the upazila's still sees it (it is in their upazila).
    expect((await clients.district.get(`/officer/cases/${number}`)).text).toContain('District');
    expect((await cl.get(`/officer/cases/${number}`)).status).toBe(200);
  });

  it('resolving with a note changes the state, writes the timeline and the audit log, and queues the citizen\'s notice in Bangla', async () => {
    const cl = clients.upazila;
    const outboxBefore = await setu.app.db.prisma.outboxMessage.findMany({ where: { contactId: 'console:amina' }, select: { id: true } });
    const note = 'কেরানিকে সতর্ক করা হয়েছে; টাকা ফেরত দেওয়া হয়েছে।';
    const res = await cl.post(`/officer/cases/${number}/act`, { _csrf: await csrfOf(cl), action: 'resolve', note });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/officer/cases/${number}?done=resolve`);
    expect(await state()).toBe('resolved');

    const events = await setu.app.db.prisma.caseEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
    expect(events.at(-1)).toMatchObject({ type: 'resolved', fromState: 'forwarded', toState: 'resolved' });
    // Sealed at rest like the citizen's own words.
    expect(events.at(-1)?.note).not.toContain('কেরানি');
    expect(setu.app.cipher.decrypt(events.at(-1)?.note ?? '')).toBe(note);
    const officer = await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'upazila' } });
    const audit = await setu.app.db.prisma.auditEntry.findMany({ where: { caseId, action: 'case.resolve' } });
    expect(audit.map((a) => a.actor)).toEqual([officer.id]);

    const seen = new Set(outboxBefore.map((o) => o.id));
    const notices = (await readOutbox(setu.app, { contactId: 'console:amina' })).filter((o) => !seen.has(o.id));
    // The notice, and the question how satisfied she is (a message of its own).
    expect(notices.map((n) => n.message.key)).toEqual(['cases:notice.resolved', 'cases:rating.ask']);
    const rendered = notices[0]?.message ?? { lang: '', text: '' };
    expect(rendered.lang).toBe('bn');
    expect(rendered.text).toContain('নিষ্পত্তি হয়েছে');
    expect(rendered.text).toContain(note);
    expect(notices[0]?.purpose).toBe('case_update');

    const page = await cl.get(`/officer/cases/${number}?done=resolve`);
    expect(page.text).toContain('Resolved. The citizen gets your note.');
    expect(page.text).toContain(note);
  });
});

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const client = new FormClient(setu.url);
    const form = await client.get('/officer/signin');
    const res = await fetch(`${setu.url}/officer/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: new URLSearchParams({ _csrf: FormClient.csrf(form.text), username: 'admin', password: 'correct horse battery' }).toString(),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('setu_officer='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('blocks a username after five wrong passwords, even with the right one after', async () => {
    const client = new FormClient(setu.url);
    const csrf = FormClient.csrf((await client.get('/officer/signin')).text);
    for (let i = 0; i < 5; i += 1) expect((await client.post('/officer/signin', { _csrf: csrf, username: 'union', password: `wrong-${i}` })).status).toBe(401);
    const blocked = await client.post('/officer/signin', { _csrf: csrf, username: 'union', password: 'correct horse battery' });
    expect(blocked.status).toBe(429);
    // The sign-in page speaks Bangla until the officer is known.
    expect(blocked.text).toContain('অনেকবার ভুল হয়েছে। ১৫ মিনিট পরে আবার চেষ্টা করুন।');
  });

  it('sign out everywhere ends the officer\'s other sessions', async () => {
    const laptop = await signedIn(setu.url, 'district');
    const phone = await signedIn(setu.url, 'district');
    expect((await phone.get('/officer')).status).toBe(200);
    await laptop.post('/officer/signout-everywhere', { _csrf: await csrfOf(laptop) });
    const after = await phone.get('/officer');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/officer/signin');
  });

  it('a sign-in link works once', async () => {
    const deps = { db: setu.app.db.prisma, writes: setu.app.db.writes, clock: setu.app.clock };
    const { addOfficer } = await import('../../src/app/officers/accounts.ts');
    const added = await addOfficer(deps, { name: 'New Officer', username: 'newbie', role: 'hq', areaCode: 'BD' }, 'test');
    if (!added.ok) throw new Error(added.problem);
    const client = new FormClient(setu.url);
    const page = await client.get(`/officer/welcome/${added.signInToken}`);
    expect(page.status).toBe(200);
    const csrf = FormClient.csrf(page.text);
    const short = await client.post(`/officer/welcome/${added.signInToken}`, { _csrf: csrf, password: 'short', again: 'short' });
    expect(short.status).toBe(400);
    const ok = await client.post(`/officer/welcome/${added.signInToken}`, { _csrf: csrf, password: 'a long enough secret', again: 'a long enough secret' });
    expect(ok.status).toBe(303);
    expect((await client.get(`/officer/welcome/${added.signInToken}`)).status).toBe(404);
  });
});
