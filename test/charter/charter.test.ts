import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCharterRoutes } from '../../src/channels/openWeb/charterRoutes.tsx';
import { loadEnv } from '../../src/config/env.ts';
import { childrenOf, placeByCode, searchPlaces } from '../../src/domain/geo/index.ts';
import { catalogue, programmeInfo } from '../../src/domain/programmes/index.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { ROOT } from '../support/engineHarness.ts';
import { createOfficer, FormClient, signedIn } from '../support/workspace.ts';

/**
 * The Citizen Charter (নাগরিক সনদ) as people meet it: an officer keeps their
 * office's address, hours and phone in the workspace, and anyone reads the
 * office's charter page (every programme, its papers, free of charge, the
 * complaint deadline of the office's tier, 333) in Bangla or English, having
 * found the office from its division down.
 *
 * The public pages are Setu's /open site's: until openWeb.tsx registers them,
 * they are served here by the same routes, on the running Setu's database,
 * translator and deadlines.
 */

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let open: { url: string; server: Server };
const clients: Record<'upazila' | 'other' | 'union' | 'admin', FormClient> = {} as never;

const tungipara = searchPlaces('tungipara', { levels: ['upazila'] })[0]?.place;
const kaunia = searchPlaces('kaunia', { levels: ['upazila'] })[0]?.place;
const UPAZILA = tungipara?.code ?? '';
const DISTRICT = tungipara?.parent ?? '';
const OTHER = kaunia?.code ?? '';
const DIVISION = placeByCode(DISTRICT)?.parent ?? '';

/** Setu's own /open site serves the charter once the lead has registered it there. */
const wired = readFileSync(join(ROOT, 'src/channels/openWeb/openWeb.tsx'), 'utf8').includes('registerCharterRoutes(');

beforeAll(async () => {
  db = tempSqliteUrl();
  // An upazila's grievance officer gets 25 working days here, to see the setting reach the page.
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent', CASE_DEADLINE_DAYS: 'upazila:25' }), createLogger('silent'));
  const app = new Hono();
  registerCharterRoutes(app, { db: setu.app.db.prisma, translator: setu.app.translator, deadlineDays: setu.app.casePolicy.deadlineDays });
  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };

  const union = childrenOf(UPAZILA)[0]?.code ?? '';
  await createOfficer(setu.app, { name: 'Tungipara Officer', username: 'upazila', role: 'upazila', areaCode: UPAZILA, language: 'bn' });
  await createOfficer(setu.app, { name: 'Kaunia Officer', username: 'other', role: 'upazila', areaCode: OTHER, language: 'en' });
  await createOfficer(setu.app, { name: 'Union Worker', username: 'union', role: 'union', areaCode: union, language: 'bn' });
  await createOfficer(setu.app, { name: 'Admin', username: 'admin', role: 'admin', areaCode: 'BD', language: 'en' });
  for (const who of ['upazila', 'other', 'union', 'admin'] as const) clients[who] = await signedIn(setu.url, who);
});

afterAll(async () => {
  await new Promise((resolve) => open?.server.close(resolve));
  await setu?.stop();
  db?.cleanup();
});

const get = async (path: string) => {
  const res = await fetch(`${open.url}${path}`, { redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
};
const officeRow = (code: string) => setu.app.db.prisma.officeInfo.findUnique({ where: { officeCode: code } });
const csrf = async (client: FormClient) => FormClient.csrf((await client.get('/officer/office')).text);
const t = (key: string, lang: 'bn' | 'en', params?: Record<string, string | number>) => setu.app.translator.t(key, lang, params);
/** Text as the page has it: Hono escapes &, <, >, " and ' in text. */
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('an officer keeps their office\'s details, and the charter page shows them', () => {
  it('an upazila officer sets the address, hours and phone (typed in Bangla digits); the page shows them in Bangla and in English', async () => {
    const form = await clients.upazila.get('/officer/office');
    expect(form.status).toBe(200);
    expect(form.text).toContain(html(t('charter:office_name.upazila', 'bn', { name: tungipara?.nameBn ?? '' })));
    expect(form.text).toContain('href="/officer/office"');

    const saved = await clients.upazila.post('/officer/office', {
      _csrf: FormClient.csrf(form.text),
      address: 'উপজেলা পরিষদ কমপ্লেক্স,\n  টুংগীপাড়া, গোপালগঞ্জ',
      hours: 'রবি–বৃহস্পতি, সকাল ৯টা – বিকেল ৫টা',
      phone: '০১৭১২-৩৪৫৬৭৮',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/officer/office?done=saved');
    expect((await clients.upazila.get('/officer/office?done=saved')).text).toContain(t('charter:office.saved', 'bn'));
    expect(await officeRow(UPAZILA)).toMatchObject({ address: 'উপজেলা পরিষদ কমপ্লেক্স, টুংগীপাড়া, গোপালগঞ্জ', hours: 'রবি–বৃহস্পতি, সকাল ৯টা – বিকেল ৫টা', phone: '+8801712345678' });

    const bn = await get(`/open/charter/${UPAZILA}`);
    expect(bn.status).toBe(200);
    expect(bn.text).toContain('<html lang="bn">');
    expect(bn.text).toContain(html(t('charter:office_name.upazila', 'bn', { name: 'টুংগীপাড়া' })));
    expect(bn.text).toContain('উপজেলা পরিষদ কমপ্লেক্স, টুংগীপাড়া, গোপালগঞ্জ');
    expect(bn.text).toContain('রবি–বৃহস্পতি, সকাল ৯টা – বিকেল ৫টা');
    expect(bn.text).toContain('href="tel:+8801712345678"');
    expect(bn.text).toContain('০১৭১২-৩৪৫৬৭৮');

    const en = await get(`/open/charter/${UPAZILA}?lang=en`);
    expect(en.status).toBe(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Upazila Social Services Office, Tungipara');
    expect(en.text).toContain('উপজেলা পরিষদ কমপ্লেক্স'); // kept as the office wrote it
    expect(en.text).toContain('01712-345678');
    expect(en.text).not.toContain('০১৭১২');
  });

  it('the audit log has the change: who, which office and which fields, never the values', async () => {
    const entries = await setu.app.db.prisma.auditEntry.findMany({ where: { action: 'office.update' } });
    const officer = await setu.app.db.prisma.officer.findUniqueOrThrow({ where: { username: 'upazila' } });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor).toBe(officer.id);
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toEqual({ office: UPAZILA, changed: 'address,hours,phone' });
    expect(entries[0]?.detail).not.toMatch(/কমপ্লেক্স|1712|১৭১২/);
    expect((await officeRow(UPAZILA))?.updatedBy).toBe(officer.id);
    // The admin's audit page lists it.
    expect((await clients.admin.get('/officer/audit')).text).toContain('office.update');
  });

  it('only the fields that changed are audited, and a save that changes nothing writes nothing', async () => {
    const before = await officeRow(UPAZILA);
    const same = await clients.upazila.post('/officer/office', { _csrf: await csrf(clients.upazila), address: before?.address ?? '', hours: before?.hours ?? '', phone: '01712 345678' });
    expect(same.headers.get('location')).toBe('/officer/office?done=unchanged');
    expect(await setu.app.db.prisma.auditEntry.count({ where: { action: 'office.update' } })).toBe(1);
    expect((await officeRow(UPAZILA))?.updatedAt).toEqual(before?.updatedAt);

    await clients.upazila.post('/officer/office', { _csrf: await csrf(clients.upazila), address: before?.address ?? '', hours: 'রবি–বৃহস্পতি, সকাল ৯টা – বিকেল ৪টা', phone: '01712345678' });
    const last = await setu.app.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'office.update' }, orderBy: { id: 'desc' } });
    expect(JSON.parse(last.detail)).toEqual({ office: UPAZILA, changed: 'hours' });
  });

  it('a bad phone number is refused with a clear message, what was typed stays in the form, and nothing is saved', async () => {
    const before = await officeRow(UPAZILA);
    const audits = await setu.app.db.prisma.auditEntry.count();
    for (const phone of ['12345', '০১২১২৩৪৫৬৭৮', 'call 01712345678', '01712345678 01812345678', '+44 20 7946 0958']) {
      const res = await clients.upazila.post('/officer/office', { _csrf: await csrf(clients.upazila), address: 'নতুন ঠিকানা', hours: '', phone });
      expect(res.status, phone).toBe(400);
      expect(res.text).toContain(html(t('charter:office.problem.phone_not_a_phone', 'bn')));
      expect(res.text).toContain(html(t('charter:office.not_saved', 'bn')));
      expect(res.text).toContain('নতুন ঠিকানা');
      expect(res.text).toContain(`value="${html(phone)}"`);
    }
    expect(await officeRow(UPAZILA)).toEqual(before);
    expect(await setu.app.db.prisma.auditEntry.count()).toBe(audits);
    expect((await get(`/open/charter/${UPAZILA}`)).text).not.toContain('নতুন ঠিকানা');
  });

  it('an address or hours too long are refused, saying how long they may be', async () => {
    const before = await officeRow(UPAZILA);
    const res = await clients.other.post('/officer/office', { _csrf: await csrf(clients.other), address: 'ক'.repeat(301), hours: 'x'.repeat(121), phone: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain(t('charter:office.problem.address_too_long', 'en', { max: 300 }));
    expect(res.text).toContain(t('charter:office.problem.hours_too_long', 'en', { max: 120 }));
    expect(await officeRow(OTHER)).toBeNull();
    expect(await officeRow(UPAZILA)).toEqual(before);
    // At the limit it is fine; an empty phone is "not given".
    const ok = await clients.other.post('/officer/office', { _csrf: await csrf(clients.other), address: 'ক'.repeat(300), hours: '', phone: '' });
    expect(ok.status).toBe(303);
    expect(await officeRow(OTHER)).toMatchObject({ address: 'ক'.repeat(300), hours: null, phone: null });
  });

  it('another officer cannot change an office that is not theirs: whatever the form says, a save goes to their own office', async () => {
    const before = await officeRow(UPAZILA);
    const res = await clients.other.post('/officer/office', { _csrf: await csrf(clients.other), office: UPAZILA, officeCode: UPAZILA, area: UPAZILA, address: 'Kaunia Upazila Parishad', hours: 'Sun–Thu 9–5', phone: '02-9514567' });
    expect(res.status).toBe(303);
    expect(await officeRow(UPAZILA)).toEqual(before);
    expect(await officeRow(OTHER)).toMatchObject({ address: 'Kaunia Upazila Parishad', phone: '+88029514567' });
    expect((await get(`/open/charter/${UPAZILA}?lang=en`)).text).not.toContain('Kaunia Upazila Parishad');
    expect((await get(`/open/charter/${OTHER}?lang=en`)).text).toContain('029514567');
    // The union worker of a Tungipara union keeps the union's office, not the upazila's.
    const union = await clients.union.post('/officer/office', { _csrf: await csrf(clients.union), address: 'ইউনিয়ন পরিষদ ভবন', hours: '', phone: '' });
    expect(union.status).toBe(303);
    expect(await officeRow(UPAZILA)).toEqual(before);
  });

  it('without the form\'s token, or signed out, nothing is saved', async () => {
    const before = await officeRow(UPAZILA);
    expect((await clients.upazila.post('/officer/office', { _csrf: 'forged', address: 'x', hours: '', phone: '' })).status).toBe(403);
    expect((await new FormClient(setu.url).post('/officer/office', { address: 'x', hours: '', phone: '' })).status).toBe(401);
    expect((await new FormClient(setu.url).get('/officer/office')).status).toBe(303);
    expect(await officeRow(UPAZILA)).toEqual(before);
  });

  it('headquarters and admins are told they have no office of their own, and cannot save one', async () => {
    const page = await clients.admin.get('/officer/office');
    expect(page.status).toBe(200);
    expect(page.text).toContain(html(t('charter:office.no_office', 'en')));
    expect(page.text).not.toContain('name="address"');
    const count = await setu.app.db.prisma.officeInfo.count();
    const res = await clients.admin.post('/officer/office', { _csrf: FormClient.csrf(page.text), address: 'HQ', hours: '', phone: '' });
    expect(res.status).toBe(403);
    expect(await setu.app.db.prisma.officeInfo.count()).toBe(count);
    expect(await setu.app.db.prisma.officeInfo.findUnique({ where: { officeCode: 'BD' } })).toBeNull();
  });
});

describe('the charter page of an office', () => {
  const programmes = catalogue.programmes.map((p) => p.id);

  it('lists every programme with its documents, says it is free, and gives 333 and the tier\'s deadline in working days, in Bangla digits in Bangla', async () => {
    const bn = await get(`/open/charter/${UPAZILA}`);
    const en = await get(`/open/charter/${UPAZILA}?lang=en`);
    for (const [page, lang] of [[bn, 'bn'], [en, 'en']] as const) {
      for (const id of programmes) {
        const info = programmeInfo(id);
        expect(page.text, `${id} ${lang}`).toContain(html(t(info.name, lang)));
        for (const key of [...info.documents, ...info.apply]) expect(page.text, key).toContain(html(t(key, lang)));
      }
      expect(page.text).toContain('href="tel:333"');
    }
    expect(bn.text).toContain('কেউ টাকা চাইলে অভিযোগ করুন');
    expect(bn.text).toContain('বিনামূল্যে');
    expect(bn.text).toContain('৩৩৩');
    // CASE_DEADLINE_DAYS=upazila:25 for this Setu; the district above keeps its 20.
    expect(bn.text).toContain('২৫ কর্মদিবস');
    expect(bn.text).not.toContain('25 কর্মদিবস');
    expect(bn.text).toContain(html(t('charter:complaint.above', 'bn', { office: t('charter:office_name.district', 'bn', { name: 'গোপালগঞ্জ' }), days: 20 })));
    expect(bn.text).toContain(`href="/open/charter/${DISTRICT}"`);
    expect(en.text).toContain('If anyone asks you for money, lodge a complaint');
    expect(en.text).toContain('Free.');
    expect(en.text).toContain('within 25 working days');
    expect(en.text).toContain('333');
    // Every programme's card once, in the catalogue's order.
    const order = programmes.map((id) => en.text.indexOf(`id="${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('says who can get each programme, with the catalogue\'s own ages and income ceilings', async () => {
    const bn = await get(`/open/charter/${UPAZILA}`);
    const en = await get(`/open/charter/${UPAZILA}?lang=en`);
    expect(en.text).toContain('Age: men 65 or over, women 62 or over.');
    expect(en.text).toContain('Yearly income below Tk 10,000.');
    expect(bn.text).toContain('পুরুষের ৬৫ বছর বা তার বেশি, নারীর ৬২ বছর বা তার বেশি');
    expect(bn.text).toContain('বছরে আয় ১০,০০০ টাকার কম।');
    for (const id of programmes) expect(en.text).toContain(html(t(`charter:who.${id}`, 'en', { years: 2 })));
  });

  it('of each tier names the office and its officer, and gives that tier\'s deadline', async () => {
    const union = childrenOf(UPAZILA)[0];
    const pages = [
      { code: union?.code ?? '', kind: 'union', days: '৩০', name: union?.nameBn ?? '', above: t('charter:office_name.upazila', 'bn', { name: 'টুংগীপাড়া' }), aboveDays: 25 },
      { code: DISTRICT, kind: 'district', days: '২০', name: 'গোপালগঞ্জ', above: t('charter:office_name.hq', 'bn'), aboveDays: 20 },
    ] as const;
    for (const p of pages) {
      const page = await get(`/open/charter/${p.code}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(html(t(`charter:office_name.${p.kind}`, 'bn', { name: p.name })));
      expect(page.text).toContain(html(t(`charter:focal.${p.kind}`, 'bn')));
      expect(page.text).toContain(`${p.days} কর্মদিবস`);
      expect(page.text).toContain(html(t('charter:complaint.above', 'bn', { office: p.above, days: p.aboveDays })));
    }
    // The union worker saved only an address: hours and phone are "not given yet".
    const unionPage = await get(`/open/charter/${union?.code ?? ''}`);
    expect(unionPage.text).toContain('ইউনিয়ন পরিষদ ভবন');
    expect(unionPage.text).toContain(t('charter:page.not_given', 'bn'));
  });

  it('of an office that has given nothing yet says so, and still gives everything else', async () => {
    const fresh = searchPlaces('kotalipara', { levels: ['upazila'] })[0]?.place?.code ?? '';
    const page = await get(`/open/charter/${fresh}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(t('charter:page.never_updated', 'en'));
    expect(page.text.match(/not given yet/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page.text).toContain('tel:333');
  });

  it('for an unknown office code is a 404', async () => {
    for (const code of ['up999999', DIVISION, 'BD', 'xyz', '%3Cscript%3E']) {
      const page = await get(`/open/charter/${code}`);
      expect(page.status, code).toBe(404);
      expect(page.text).toContain(t('charter:page.not_found', 'bn'));
      expect(page.text).not.toContain('<script>');
    }
    expect((await get('/open/charter?area=nowhere')).status).toBe(404);
  });
});

describe('finding your office', () => {
  const links = (text: string) => [...text.matchAll(/href="(\/open\/charter[^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));

  it('the office list navigates from a division down to a union, one level a page, and keeps the language', async () => {
    const start = await get('/open/charter?lang=en');
    expect(start.status).toBe(200);
    expect(start.text).toContain('Choose your division');
    const division = links(start.text).find((l) => l.includes(`area=${DIVISION}&`));
    expect(division).toBe(`/open/charter?area=${DIVISION}&lang=en`);

    const districts = await get(division ?? '');
    expect(districts.text).toContain('Choose your district');
    const district = links(districts.text).find((l) => l.includes(`area=${DISTRICT}`));
    expect(district).toBeDefined();

    const upazilas = await get(district ?? '');
    expect(upazilas.text).toContain('Choose your upazila');
    expect(links(upazilas.text)).toContain(`/open/charter/${DISTRICT}?lang=en`); // the district's own office
    const upazila = links(upazilas.text).find((l) => l.includes(`area=${UPAZILA}`));

    const unions = await get(upazila ?? '');
    expect(unions.text).toContain('Choose your union or paurashava');
    expect(links(unions.text)).toContain(`/open/charter/${UPAZILA}?lang=en`);
    const union = links(unions.text).find((l) => /^\/open\/charter\/un\d+\?lang=en$/.test(l));
    expect(union).toBeDefined();

    const office = await get(union ?? '');
    expect(office.status).toBe(200);
    expect(office.text).toContain("Union Social Worker&#39;s office");
    // The way back up, to the union's upazila's list.
    expect(links(office.text)).toContain(`/open/charter?area=${UPAZILA}&lang=en`);
  });

  it('in Bangla by default, with the place names in Bangla', async () => {
    const page = await get(`/open/charter?area=${DISTRICT}`);
    expect(page.text).toContain('<html lang="bn">');
    expect(page.text).toContain('টুংগীপাড়া');
    expect(page.text).toContain(t('charter:list.choose.upazila', 'bn'));
    // A union's list is its office's charter.
    const unionCode = childrenOf(UPAZILA)[0]?.code ?? '';
    const redirect = await get(`/open/charter?area=${unionCode}`);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe(`/open/charter/${unionCode}`);
  });
});

describe.skipIf(!wired)('on Setu\'s own /open site', () => {
  it('serves the same pages', async () => {
    const res = await fetch(`${setu.url}/open/charter/${UPAZILA}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toContain('২৫ কর্মদিবস');
    expect((await fetch(`${setu.url}/open/charter/${DIVISION}`)).status).toBe(404);
  });
});
