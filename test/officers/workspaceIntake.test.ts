import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import { childrenOf, searchPlaces } from '../../src/domain/geo/index.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.ts';
import { createOfficer, FormClient, lodgeFromTerminal, signedIn } from '../support/workspace.ts';

/**
 * The rest of the workspace over HTTP: an admin adds officers on the web,
 * an officer enters a case received on paper, and opens a case's photo and
 * voice note (fetched from Telegram's and Messenger's stand-ins).
 */

const TOKEN = '123456:TEST-workspace';
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let telegram: FakeTelegram;
let cdn: Server;
let cdnUrl: string;
let admin: FormClient;
let kauniaOfficer: FormClient;
let tungiparaOfficer: FormClient;
const kaunia = searchPlaces('kaunia', { levels: ['upazila'] })[0]?.place;

beforeAll(async () => {
  telegram = await startFakeTelegram(TOKEN);
  cdn = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(Buffer.from(`JPEG:${req.url ?? ''}`));
  });
  await new Promise<void>((r) => cdn.listen(0, '127.0.0.1', r));
  cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
  db = tempSqliteUrl();
  // Telegram in polling mode against the stand-in: its token is what lets the workspace fetch files;
  // the CDN stand-in is allowed by name, as Meta's CDN is by default.
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, FB_ATTACHMENT_HOSTS: cdnUrl }), createLogger('silent'), {
    telegramSender: { perChatIntervalMs: 0 },
  });
  await createOfficer(setu.app, { name: 'Admin', username: 'admin', role: 'admin', areaCode: 'BD', language: 'en' });
  await createOfficer(setu.app, { name: 'Kaunia Officer', username: 'kaunia', role: 'upazila', areaCode: kaunia?.code ?? '', language: 'en' });
  admin = await signedIn(setu.url, 'admin');
  kauniaOfficer = await signedIn(setu.url, 'kaunia');
});

afterAll(async () => {
  await setu.stop();
  await telegram.close();
  await new Promise<void>((r) => cdn.close(() => r()));
  db.cleanup();
});

describe('an admin adds an officer on the web', () => {
  it('prints a one-time link that the new officer uses to set a password and sign in', async () => {
    const form = await admin.get('/officer/officers');
    expect(form.status).toBe(200);
    const number = await lodgeFromTerminal(setu.app, 'selina', 'en', 'No money for three months.');
    const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
    const res = await admin.post('/officer/officers', { _csrf: FormClient.csrf(form.text), name: 'Tungipara Officer', username: 'tungipara', role: 'upazila', area: c.upazilaCode, language: 'en' });
    expect(res.status).toBe(200);
    const link = res.text.match(/<code data-link[^>]*>([^<]+)<\/code>/)?.[1] ?? '';
    expect(link).toMatch(new RegExp(`^${setu.url}/officer/welcome/[\\w-]{43}$`));

    const newcomer = new FormClient(setu.url);
    const welcome = await newcomer.get(new URL(link).pathname);
    const set = await newcomer.post(new URL(link).pathname, { _csrf: FormClient.csrf(welcome.text), password: 'correct horse battery', again: 'correct horse battery' });
    expect(set.status).toBe(303);
    tungiparaOfficer = await signedIn(setu.url, 'tungipara');
    expect((await tungiparaOfficer.get('/officer')).text).toContain(`/officer/cases/${number}`);
  });

  it('refuses an area of the wrong level, and refuses non-admins', async () => {
    const form = await admin.get('/officer/officers');
    const union = childrenOf(kaunia?.code ?? '')[0]?.code ?? '';
    const res = await admin.post('/officer/officers', { _csrf: FormClient.csrf(form.text), name: 'Wrong', username: 'wrong', role: 'upazila', area: union, language: 'en' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('must be a upazila');
    expect((await kauniaOfficer.get('/officer/officers')).status).toBe(404);
    const csrf = FormClient.csrf((await kauniaOfficer.get('/officer')).text);
    expect((await kauniaOfficer.post('/officer/officers', { _csrf: csrf, name: 'Sneaky', username: 'sneaky', role: 'admin', area: 'BD' })).status).toBe(404);
    expect(await setu.app.db.prisma.officer.count({ where: { username: { in: ['wrong', 'sneaky'] } } })).toBe(0);
  });
});

describe('a case received on paper', () => {
  it('is entered for a union of the officer\'s area, routed and timed, and lands in their inbox only', async () => {
    const form = await kauniaOfficer.get('/officer/enter');
    const union = childrenOf(kaunia?.code ?? '')[0];
    const res = await kauniaOfficer.post('/officer/enter', {
      _csrf: FormClient.csrf(form.text),
      source: 'paper',
      category: 'not_received',
      programme: 'old_age',
      place: union?.code ?? '',
      description: 'Has not received the old age allowance since June; has no food at home.',
      phone: '০১৭১২-৩৪৫৬৭৮',
      share: '1',
      language: 'bn',
    });
    expect(res.status).toBe(303);
    const number = new URL(res.headers.get('location') ?? '', setu.url).searchParams.get('done') ?? '';
    const done = await kauniaOfficer.get(`/officer/enter?done=${number}`);
    expect(done.text).toContain(formatTrackingNumber(number, 'en'));
    const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
    expect(c).toMatchObject({ source: 'paper', channel: 'paper', placeCode: union?.code, upazilaCode: kaunia?.code, urgent: true, tier: 'upazila', state: 'received' });
    expect(setu.app.cipher.decrypt(c.phoneSealed ?? '')).toBe('+8801712345678');
    expect((await kauniaOfficer.get('/officer')).text).toContain(`/officer/cases/${number}`);
    expect((await tungiparaOfficer.get('/officer')).text).not.toContain(number);
    expect((await kauniaOfficer.get(`/officer/cases/${number}`)).text).toContain('+8801712345678');
  });

  it('refuses a place outside the officer\'s area', async () => {
    const form = await kauniaOfficer.get('/officer/enter');
    const tungipara = searchPlaces('tungipara', { levels: ['upazila'] })[0]?.place;
    const before = await setu.app.db.prisma.case.count();
    const res = await kauniaOfficer.post('/officer/enter', {
      _csrf: FormClient.csrf(form.text), source: 'box', category: 'bribe', programme: '', place: tungipara?.code ?? '', description: 'A bribe was asked.', phone: '', language: 'en',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose a place within your area.');
    expect(await setu.app.db.prisma.case.count()).toBe(before);
  });
});

describe('attachments', () => {
  it('shows a Telegram photo and a Messenger voice note through Setu, to the area\'s officer only', async () => {
    const number = await lodgeFromTerminal(setu.app, 'josna', 'en', 'The money did not come.');
    const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
    // As the Telegram and Messenger channels record them.
    const photo = await setu.app.db.prisma.caseAttachment.create({ data: { caseId: c.id, kind: 'image', ref: 'telegram:AgACphoto', createdAt: new Date() } });
    const voice = await setu.app.db.prisma.caseAttachment.create({ data: { caseId: c.id, kind: 'audio', ref: `messenger:${cdnUrl}/voice.mp4`, createdAt: new Date() } });

    const page = await tungiparaOfficer.get(`/officer/cases/${number}`);
    expect(page.text).toContain(`<img src="/officer/cases/${number}/attachments/${photo.id}"`);
    expect(page.text).toContain(`<audio controls="" preload="none" src="/officer/cases/${number}/attachments/${voice.id}"`);

    const img = await fetch(`${setu.url}/officer/cases/${number}/attachments/${photo.id}`, { headers: { cookie: [...tungiparaOfficer.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(await img.text()).toBe('FILE:files/AgACphoto.bin');
    const audio = await tungiparaOfficer.get(`/officer/cases/${number}/attachments/${voice.id}`);
    expect(audio.text).toBe('JPEG:/voice.mp4');

    expect((await kauniaOfficer.get(`/officer/cases/${number}/attachments/${photo.id}`)).status).toBe(404);
    const views = await setu.app.db.prisma.auditEntry.count({ where: { caseId: c.id, action: 'case.view', detail: { contains: 'attachment' } } });
    expect(views).toBe(2);
  });
});
