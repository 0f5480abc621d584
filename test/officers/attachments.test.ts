import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedAttachmentUrl, createAttachmentFetcher, META_CDN_HOSTS } from '../../src/app/officers/attachments.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.ts';
import { createOfficer, lodgeFromTerminal, signedIn, type FormClient } from '../support/workspace.ts';

/**
 * A case's photos and voice notes through the workspace: Setu fetches only
 * from Meta's CDN (here its stand-in, allowed by FB_ATTACHMENT_HOSTS) and the
 * Bot API root, follows no redirect, and serves only plain media inline.
 */

const TOKEN = '123456:TEST-attachments';
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let cdn: FakeGraph;
let elsewhere: FakeGraph;
let telegram: FakeTelegram;
let officer: FormClient;
let number: string;
let caseId: string;

beforeAll(async () => {
  cdn = await startFakeGraph('PAGE_TOKEN');
  elsewhere = await startFakeGraph('OTHER_TOKEN');
  telegram = await startFakeTelegram(TOKEN);
  db = tempSqliteUrl();
  const env = loadEnv({
    DATABASE_URL: db.url,
    PORT: '0',
    SETU_DATA_KEY: TEST_DATA_KEY,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    FB_ATTACHMENT_HOSTS: `*.fbcdn.net, ${cdn.root}`,
  });
  setu = await start(env, createLogger('silent'), { telegramSender: { perChatIntervalMs: 0 } });
  number = await lodgeFromTerminal(setu.app, 'josna', 'en', 'The money did not come.');
  const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
  caseId = c.id;
  await createOfficer(setu.app, { name: 'Tungipara Officer', username: 'tungipara', role: 'upazila', areaCode: c.upazilaCode, language: 'en' });
  officer = await signedIn(setu.url, 'tungipara');
});

afterAll(async () => {
  await setu.stop();
  await Promise.all([cdn.close(), elsewhere.close(), telegram.close()]);
  db.cleanup();
});

/** Stores a reference as the channels do and opens it as the officer would. */
async function open(kind: string, ref: string): Promise<{ status: number; text: string; headers: Headers }> {
  const a = await setu.app.db.prisma.caseAttachment.create({ data: { caseId, kind, ref, createdAt: new Date() } });
  return officer.get(`/officer/cases/${number}/attachments/${a.id}`);
}

describe('Messenger attachments are fetched from Meta\'s CDN only', () => {
  it('refuses a reference to Setu\'s own /health, and to any other host, without fetching it', async () => {
    const own = await open('image', `messenger:${setu.url}/health`);
    expect(own.status).toBe(502);
    expect(own.text).not.toContain('"ok"');

    const other = await open('image', `messenger:${elsewhere.serveFile('photo.jpg', { type: 'image/jpeg', body: 'JPEG' })}`);
    expect(other.status).toBe(502);
    expect(elsewhere.cdnRequests).toEqual([]);
  });

  it('does not follow a redirect, even from an allowed host', async () => {
    const target = elsewhere.serveFile('moved-here.jpg', { type: 'image/jpeg', body: 'JPEG' });
    const res = await open('image', `messenger:${cdn.serveFile('moved.jpg', { status: 302, headers: { location: target } })}`);
    expect(res.status).toBe(502);
    expect(cdn.cdnRequests).toContain('/cdn/moved.jpg');
    expect(elsewhere.cdnRequests).toEqual([]);
  });

  it('serves a photo inline, typed as it is and never sniffed', async () => {
    const res = await open('image', `messenger:${cdn.serveFile('photo.png', { type: 'image/png', body: 'PNG-BYTES' })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe('inline');
    expect(res.text).toBe('PNG-BYTES');
  });

  it.each([
    ['an HTML page', 'text/html; charset=utf-8', '<script>fetch("/officer/export.csv?reveal=1")</script>'],
    ['an SVG with a script', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
  ])('serves %s as a download of bytes, never as a page', async (_what, type, body) => {
    const res = await open('file', `messenger:${cdn.serveFile(`f-${type.length}`, { type, body })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="attachment-\d+"$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('Telegram files come from the Bot API root only', () => {
  it('serves a photo by its file id', async () => {
    const res = await open('image', 'telegram:AgACphoto');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.text).toBe('FILE:files/AgACphoto.bin');
  });

  it.each([`../../bot${TOKEN}/getMe`, 'https://evil.example/x.jpg', '//evil.example/x.jpg'])('refuses a file path %s from getFile, and asks nothing more', async (filePath) => {
    telegram.script('getFile', { result: { file_id: 'x', file_unique_id: 'ux', file_path: filePath } });
    const before = telegram.calls.length;
    expect((await open('image', 'telegram:AgACsneaky')).status).toBe(502);
    // The getFile call only (long polling goes on meanwhile): neither the file nor whatever the path pointed at.
    expect(telegram.calls.slice(before).map((c) => c.method).filter((m) => m !== 'getUpdates')).toEqual(['getFile']);
  });
});

describe('which Messenger URLs may be fetched at all', () => {
  it.each([
    'https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg?_nc_cat=1',
    'https://cdn.fbsbx.com/v/t59.3654-21/voice.mp4/audioclip.mp4',
    'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1&signature=abc',
  ])('allows Meta\'s CDN: %s', (url) => {
    expect(allowedAttachmentUrl(url, META_CDN_HOSTS)?.href).toBe(url);
  });

  it.each([
    'http://scontent.xx.fbcdn.net/v/photo.jpg',
    'https://scontent.xx.fbcdn.net:8443/v/photo.jpg',
    'https://fbcdn.net.evil.example/photo.jpg',
    'https://evilfbcdn.net/photo.jpg',
    'https://user:pass@scontent.xx.fbcdn.net/photo.jpg',
    'http://127.0.0.1:3000/health',
    'http://169.254.169.254/latest/meta-data/',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(allowedAttachmentUrl(url, META_CDN_HOSTS)).toBeNull();
  });

  it('allows a stand-in only by its whole origin, as a test names it', () => {
    expect(allowedAttachmentUrl('http://127.0.0.1:4010/cdn/a.jpg', ['http://127.0.0.1:4010'])).not.toBeNull();
    expect(allowedAttachmentUrl('http://127.0.0.1:4011/cdn/a.jpg', ['http://127.0.0.1:4010'])).toBeNull();
    expect(allowedAttachmentUrl('https://127.0.0.1:4010/cdn/a.jpg', ['http://127.0.0.1:4010'])).toBeNull();
  });

  it('drops a file over the size cap, whether or not its length was announced', async () => {
    const fetcher = createAttachmentFetcher({ messengerHosts: [cdn.root], maxBytes: 1024 });
    const big = 'x'.repeat(4096);
    expect(await fetcher.fetch(`messenger:${cdn.serveFile('big.jpg', { type: 'image/jpeg', body: big })}`, 'image')).toBeNull();
    expect(await fetcher.fetch(`messenger:${cdn.serveFile('big-chunked.jpg', { type: 'image/jpeg', body: big, headers: { 'transfer-encoding': 'chunked' } })}`, 'image')).toBeNull();
    expect(await fetcher.fetch(`messenger:${cdn.serveFile('small.jpg', { type: 'image/jpeg', body: 'x'.repeat(1024) })}`, 'image')).toMatchObject({ type: 'image/jpeg' });
  });
});
