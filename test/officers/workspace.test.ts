import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import { placeByCode, searchPlaces } from '../../src/domain/geo/index.ts';
import { loadEnv } from '../../src/config/env.ts';
import type { InboundBody } from '../../src/engine/types.ts';
import { readOutbox } from '../support/outbox.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { createOfficer, FormClient, lodgeFromTerminal, signedIn } from '../support/workspace.ts';

/**
 * The officers' workspace over HTTP: a case lodged from the terminal chat
 * reaches the officers of its area and no one else, on every route; a
 * complaint about local staff never reaches the office it is about; an
 * officer acts only on cases held by their office or one below it.
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

describe('jurisdiction: an officer of another area, or of the office a bribe complaint is about, gets nothing, on every route', () => {
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

  // The union worker is of the case's own union, but a bribe complaint is about the union level: it is invisible to them.
  for (const outsider of ['other', 'otherDistrict', 'union'] as const) {
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
    const union = await clients.union.get('/officer/stats');
    expect(union.text.match(/<dt>চলমান অভিযোগ<\/dt>\s*<dd>([^<]*)<\/dd>/)?.[1]).toBe('০');
  });

  it('the officers of the case\'s upazila and district, and the admin, see it; the union worker does not', async () => {
    expect((await setu.app.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).concernsTier).toBe('union');
    for (const who of ['upazila', 'district', 'admin'] as const) {
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
    const union = await clients.union.get('/officer');
    expect(union.text).not.toContain('data-attention');
    expect(union.text).toContain('খোলা ০ · সময় পেরিয়েছে ০ · জরুরি ০');
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
    // The district's officer sees it as theirs now; the upazila's still sees it (it is in their upazila), read only.
    expect((await clients.district.get(`/officer/cases/${number}`)).text).toContain('District');
    const page = await cl.get(`/officer/cases/${number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('A higher office holds this case now');
    expect(page.text).not.toContain(`action="/officer/cases/${number}/act"`);
    const refused = await cl.post(`/officer/cases/${number}/act`, { _csrf: await csrfOf(cl), action: 'resolve', note: 'Settled by me after all.' });
    expect(refused.status).toBe(404);
    expect(await state()).toBe('forwarded');
  });

  it('resolving with a note changes the state, writes the timeline and the audit log, and queues the citizen\'s notice in Bangla', async () => {
    const cl = clients.district;
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
    const officer = await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'district' } });
    expect(events.at(-1)?.officerId).toBe(officer.id);
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

describe('integrity: the office complained about, forwards and appeals', () => {
  const prisma = () => setu.app.db.prisma;
  const caseOf = (n: string) => prisma().case.findUniqueOrThrow({ where: { trackingNumber: n } });
  const officerId = async (username: string) => (await prisma().officer.findUniqueOrThrow({ where: { username } })).id;
  const act = async (cl: FormClient, n: string, action: string, note = 'A note for the citizen.') =>
    cl.post(`/officer/cases/${n}/act`, { _csrf: await csrfOf(cl), action, note });
  /** Every action an officer can post on a case, each refused: nothing about the case changes and nothing is queued. */
  const allRefused = async (cl: FormClient, n: string) => {
    const before = await caseOf(n);
    const events = await prisma().caseEvent.count({ where: { caseId: before.id } });
    const outbox = await prisma().outboxMessage.count();
    const posts = [
      ...(['acknowledge', 'start', 'forward', 'resolve', 'reject'] as const).map((a) => () => act(cl, n, a)),
      async () => cl.post(`/officer/cases/${n}/reply`, { _csrf: await csrfOf(cl), text: 'probe' }),
      async () => cl.post(`/officer/cases/${n}/assign`, { _csrf: await csrfOf(cl), officer: await officerId('union') }),
    ];
    for (const post of posts) expect((await post()).status).toBe(404);
    const after = await caseOf(n);
    expect({ state: after.state, tier: after.tier, officeCode: after.officeCode, assignedTo: after.assignedTo, dueAt: after.dueAt }).toEqual({
      state: before.state, tier: before.tier, officeCode: before.officeCode, assignedTo: before.assignedTo, dueAt: before.dueAt,
    });
    expect(await prisma().caseEvent.count({ where: { caseId: before.id } })).toBe(events);
    expect(await prisma().outboxMessage.count()).toBe(outbox);
  };

  it('a case naming the upazila office goes to the district, and is invisible to the union and the upazila', async () => {
    const n = await lodgeFromTerminal(setu.app, 'rokeya', 'bn', 'উপজেলা সমাজসেবা অফিসার ভাতার কার্ড দিতে ৫০০০ টাকা চেয়েছেন।');
    const c = await caseOf(n);
    expect(c).toMatchObject({ tier: 'district', officeCode: `district:${c.districtCode}`, concernsTier: 'upazila' });
    // She is told where it went: the district office.
    const told = await readOutbox(setu.app, { contactId: 'console:rokeya' });
    expect(told.map((o) => o.message.text).join('\n')).toContain('যাবে: জেলা সমাজসেবা কার্যালয়');
    for (const who of ['union', 'upazila'] as const) {
      expect((await clients[who].get('/officer?state=all')).text).not.toContain(n);
      expect((await clients[who].get(`/officer/cases/${n}`)).status).toBe(404);
      expect((await clients[who].get('/officer/export.csv?reveal=1')).text).not.toContain(n);
      await allRefused(clients[who], n);
    }
    expect((await clients.district.get('/officer')).text).toContain(`/officer/cases/${n}`);
    expect((await act(clients.district, n, 'acknowledge')).status).toBe(303);
    expect((await caseOf(n)).state).toBe('acknowledged');
  });

  it('after a forward union → upazila the union worker reads the case only, and cannot forward it again', async () => {
    const n = await lodgeFromTerminal(setu.app, 'salma', 'en', 'My mother is a widow and her name is not on the list.', 'exclusion');
    const union = clients.union;
    expect(await caseOf(n)).toMatchObject({ tier: 'union', concernsTier: null });
    expect((await act(union, n, 'acknowledge')).status).toBe(303);
    expect((await act(union, n, 'forward', 'The list is kept at the upazila.')).status).toBe(303);
    expect(await caseOf(n)).toMatchObject({ state: 'forwarded', tier: 'upazila' });

    const page = await union.get(`/officer/cases/${n}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('এই অভিযোগ এখন উপরের দপ্তরের হাতে');
    expect(page.text).not.toContain(`action="/officer/cases/${n}/act"`);
    expect(page.text).not.toContain(`action="/officer/cases/${n}/reply"`);
    expect((await union.get('/officer')).text).toContain('শুধু পড়ার জন্য');
    await allRefused(union, n); // among them a second forward, to the district
    expect((await caseOf(n)).tier).toBe('upazila');

    // The upazila officer holds it now and acts.
    expect((await act(clients.upazila, n, 'start')).status).toBe(303);
    expect((await caseOf(n)).state).toBe('in_progress');
  });

  it('the timeline and the audit log say which officer did each step', async () => {
    const n = (await prisma().case.findFirstOrThrow({ where: { contactId: 'console:salma' } })).trackingNumber;
    const c = await caseOf(n);
    const events = await prisma().caseEvent.findMany({ where: { caseId: c.id }, orderBy: { id: 'asc' } });
    const [unionId, upazilaId] = [await officerId('union'), await officerId('upazila')];
    expect(events.map((e) => [e.type, e.officerId])).toEqual([['lodged', null], ['acknowledged', unionId], ['forwarded', unionId], ['started', upazilaId]]);
    const page = await clients.upazila.get(`/officer/cases/${n}`);
    expect(page.text).toMatch(/Acknowledged \(Union Worker\)/);
    expect(page.text).toMatch(/Forwarded \(Union Worker\)/);
    expect(page.text).toMatch(/Work started \(Upazila Officer\)/);
    expect(page.text).toMatch(/Lodged \(citizen\)/);
    const audit = await prisma().auditEntry.findMany({ where: { caseId: c.id, action: { in: ['case.acknowledge', 'case.forward', 'case.start'] } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['case.acknowledge', unionId], ['case.forward', unionId], ['case.start', upazilaId]]);
  });

  /** The citizen asks for the case's status, and presses the appeal button offered under it. */
  const appeal = async (user: string, n: string) => {
    const bodies: InboundBody[] = [{ type: 'choice', choiceId: 'menu.status' }, { type: 'text', text: n }, { type: 'choice', choiceId: `appeal.${n}` }];
    for (const [i, body] of bodies.entries()) {
      await setu.app.pipeline.handle({ channel: 'console', userId: user, messageId: `${user}-appeal-${n}-${i}`, body, receivedAt: setu.app.clock.now() });
    }
  };

  it('an appeal after the upazila officer\'s rejection goes to the district; the upazila officer cannot decide it, the district officer can', async () => {
    const n = await lodgeFromTerminal(setu.app, 'jahanara', 'en', 'The widow allowance has not come for three months.', 'not_received');
    expect(await caseOf(n)).toMatchObject({ tier: 'upazila' });
    expect((await act(clients.upazila, n, 'reject', 'The payment went to your account in June.')).status).toBe(303);
    expect(await caseOf(n)).toMatchObject({ state: 'rejected', decidedTier: 'upazila' });
    await appeal('jahanara', n);
    const c = await caseOf(n);
    expect(c).toMatchObject({ state: 'received', tier: 'district', officeCode: `district:${c.districtCode}` });
    expect((await clients.upazila.get(`/officer/cases/${n}`)).text).toContain('A higher office holds this case now');
    await allRefused(clients.upazila, n);
    expect((await act(clients.district, n, 'reject', 'The bank statement shows the payment.')).status).toBe(303);
    expect(await caseOf(n)).toMatchObject({ state: 'rejected', decidedTier: 'district' });
  });

  it('a district officer who rejects a case the upazila holds is read-only on its appeal, which goes to headquarters', async () => {
    const n = await lodgeFromTerminal(setu.app, 'morium', 'en', 'The allowance stopped after my husband died.', 'not_received');
    expect(await caseOf(n)).toMatchObject({ tier: 'upazila' });
    expect((await act(clients.district, n, 'reject', 'Not eligible after the review.')).status).toBe(303);
    expect(await caseOf(n)).toMatchObject({ state: 'rejected', tier: 'upazila', decidedTier: 'district' });
    await appeal('morium', n);
    expect(await caseOf(n)).toMatchObject({ state: 'received', tier: 'hq', officeCode: 'hq' });
    await allRefused(clients.district, n);
    expect((await act(clients.admin, n, 'acknowledge')).status).toBe(303);
  });

  it('a bribe case entered by the union worker goes to the upazila and leaves the union worker\'s view', async () => {
    const union = clients.union;
    const form = await union.get('/officer/enter');
    const place = (await caseOf(number)).placeCode;
    const res = await union.post('/officer/enter', {
      _csrf: FormClient.csrf(form.text), source: 'paper', category: 'bribe', programme: '', place, description: 'The clerk asked for 1000 taka to add my name.', phone: '', language: 'bn',
    });
    expect(res.status).toBe(303);
    const n = new URL(res.headers.get('location') ?? '', setu.url).searchParams.get('done') ?? '';
    expect(await caseOf(n)).toMatchObject({ tier: 'upazila', concernsTier: 'union', enteredBy: await officerId('union') });
    expect((await union.get('/officer?state=all')).text).not.toContain(`/officer/cases/${n}`);
    expect((await union.get(`/officer/cases/${n}`)).status).toBe(404);
    expect((await clients.upazila.get('/officer')).text).toContain(`/officer/cases/${n}`);
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

  // Rate limits, links, the password policy and the form cookie: signin.test.ts.

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
