import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/config/env.ts';
import { createLogger } from '../src/infra/log/logger.ts';
import { start, type Running } from '../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from './support/appHarness.ts';
import { launchChromium } from './support/browser.ts';
import type { Doc, El, Store } from './support/dom.ts';
import { ROOT } from './support/engineHarness.ts';


// Browser globals, for the functions that run in the page.
declare const document: Doc;
declare const window: { __violations: string[] };
declare const innerWidth: number;
declare const innerHeight: number;
declare const sessionStorage: Store;

/**
 * Setu's light page (`/`, the default) in real Chromium at 320 and 412 px,
 * on Setu's own Direct Line: the bytes it costs before the first message
 * (the Bangla font included: this browser has no Bangla font of its own),
 * nothing wider than the screen, the newest message's top and the last
 * button in view above the input bar, a photo and a voice note sent through
 * /upload, a reload that keeps the conversation and an expired token that
 * starts a new one.
 */

const SHOTS = join(ROOT, 'test-results', 'weblight');

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let browser: Browser;
/** One context for every page: the packaged Chromium runs as one process, and closing a context can end it. */
let context: BrowserContext;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  db = tempSqliteUrl();
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, OUTBOX_POLL_MS: '20' }), createLogger('silent'));
  ({ browser } = await launchChromium({ systemBanglaFont: false, args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] }));
  context = await browser.newContext();
  await context.grantPermissions(['microphone'], { origin: setu.url });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await setu?.stop();
  db?.cleanup();
});

interface Sent {
  method: string;
  url: string;
  type: string;
}

/** A page that records its CSP violations and its requests; with `bytes`, what it received, uncached, through the DevTools protocol. */
async function openPage(width: number, height: number): Promise<{ page: Page; bytes: () => number; sent: Sent[]; violations: () => Promise<string[]> }> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  page.setDefaultTimeout(15_000);
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__violations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let received = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    received += e.encodedDataLength;
  });
  const sent: Sent[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') sent.push({ method: r.method(), url: r.url(), type: r.headers()['content-type'] ?? '' });
  });
  return { page, bytes: () => received, sent, violations: () => page.evaluate(() => window.__violations) };
}

const BOT = '.msg:not(.me)';

async function botSays(page: Page, text: string, after: number): Promise<void> {
  await expect.poll(async () => (await page.locator(BOT).allTextContents()).slice(after).some((t) => t.includes(text)), { timeout: 15_000 }).toBe(true);
}

async function tap(page: Page, label: string, answer: string): Promise<void> {
  const before = await page.locator(BOT).count();
  await page.locator('.choices button:not([disabled])').filter({ hasText: label }).last().click();
  await botSays(page, answer, before);
}

async function type(page: Page, text: string, answer: string): Promise<void> {
  const before = await page.locator(BOT).count();
  await page.locator('#q').fill(text);
  await page.keyboard.press('Enter');
  await botSays(page, answer, before);
}

/** Everything on the screen fits its width: no sideways scrolling, no element past either edge. */
async function fitsTheWidth(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && (r.left < -0.5 || r.right > width + 0.5);
      })
      .map((e) => `${e.tagName}#${e.id}.${e.className} ${e.textContent?.slice(0, 30) ?? ''}`);
    return { width, scroll: document.documentElement.scrollWidth, logScroll: (document.getElementById('log') as El).scrollWidth, outside };
  });
  expect(found.outside).toEqual([]);
  expect(found.scroll).toBeLessThanOrEqual(found.width);
  expect(found.logScroll).toBeLessThanOrEqual(found.width);
}

/**
 * The Send button whole on the screen; of Setu's replies to the last message
 * (from the `from`-th), the first one's top between the header and the input
 * bar, the newest one's too when the first leaves room, and when they all fit
 * their last button. Scrolled to the end, the last button sits above the input
 * bar, never under it.
 */
async function inView(page: Page, from: number): Promise<void> {
  const seen = await page.evaluate((from) => {
    const rect = (e: El | null | undefined) => (e ? e.getBoundingClientRect() : null);
    const log = document.getElementById('log') as El;
    const bots = [...document.querySelectorAll('.msg:not(.me)')].slice(from);
    const buttons = document.querySelectorAll('.choices button:not([disabled])');
    const lastButton = buttons[buttons.length - 1];
    const at = () => ({ first: rect(bots[0]), newest: rect(bots[bots.length - 1]), last: rect(lastButton) });
    const arrived = at();
    const all = { log: rect(log), dock: rect(document.getElementById('dock')), send: rect(document.getElementById('send')), vw: innerWidth, vh: innerHeight };
    const before = log.scrollTop;
    log.scrollTop = log.scrollHeight;
    const end = at();
    log.scrollTop = before;
    return { ...all, arrived, end };
  }, from);
  const { log, dock, send, arrived, end } = seen;
  if (!log || !dock || !send || !arrived.first || !arrived.newest) throw new Error('page parts missing');
  expect(send.left).toBeGreaterThanOrEqual(0);
  expect(send.right).toBeLessThanOrEqual(seen.vw);
  expect(send.bottom).toBeLessThanOrEqual(seen.vh);
  expect(arrived.first.top).toBeGreaterThanOrEqual(log.top - 1);
  expect(arrived.first.top).toBeLessThan(dock.top - 20);
  // The newest one too, unless the first is taller than the screen (a verdict): then it follows on scrolling.
  if (arrived.newest.top - arrived.first.top < log.height - 40) expect(arrived.newest.top).toBeLessThan(dock.top - 20);
  if (arrived.last && end.last) {
    const batch = arrived.last.bottom - arrived.first.top;
    if (batch <= log.height) expect(arrived.last.bottom).toBeLessThanOrEqual(dock.top + 1);
    expect(end.last.bottom).toBeLessThanOrEqual(dock.top + 1);
    expect(end.last.top).toBeGreaterThanOrEqual(log.top - 1);
  }
}

/** The smallest PNG there is: 1×1, one white pixel. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer): number => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (kind: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(kind, 'ascii'), data]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(body));
    return Buffer.concat([head, body, tail]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('the light page in Chromium', () => {
  it.each([
    [320, 568],
    [412, 869],
  ])('at %i px: under 60 KB before the first message, nothing off the screen, the last button above the input bar', async (width, height) => {
    const { page, bytes, sent, violations } = await openPage(width, height);
    await page.goto(`${setu.url}/`);
    await page.locator(BOT).first().waitFor();
    await page.locator('.choices button').first().waitFor();
    const firstMessage = bytes();
    console.log(`light page at ${width} px: ${firstMessage} bytes received before the first message`);
    expect(firstMessage).toBeLessThan(60 * 1024);
    // The served font drew the Bangla (there is no other here).
    await expect(page.evaluate(() => document.fonts.check('18px "Setu Bangla"', 'সেতু'))).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, `${width}-1-welcome.png`) });
    await fitsTheWidth(page);
    await inView(page, 0);

    let before = await page.locator(BOT).count();
    await tap(page, 'অভিযোগ করুন', 'কী নিয়ে অভিযোগ?');
    await fitsTheWidth(page);
    await inView(page, before);
    await page.screenshot({ path: join(SHOTS, `${width}-2-categories.png`) });
    before = await page.locator(BOT).count();
    await tap(page, 'ভাতার টাকা পাইনি বা কম পেয়েছি', 'কোন ভাতা নিয়ে?');
    await fitsTheWidth(page);
    await inView(page, before);
    await page.screenshot({ path: join(SHOTS, `${width}-3-allowances.png`) });
    // The attachment tray and the voice recorder fit too.
    await page.locator('#more').click();
    await fitsTheWidth(page);
    await page.screenshot({ path: join(SHOTS, `${width}-4-tray.png`) });
    await page.locator('#more').click();

    // Every POST is JSON (uploads aside, below).
    expect(sent.filter((s) => s.method === 'POST' && !/^application\/json/.test(s.type))).toEqual([]);
    expect(sent.map((s) => new URL(s.url).pathname)).toEqual(expect.arrayContaining(['/v3/directline/tokens/generate', '/v3/directline/conversations']));
    expect(await violations()).toEqual([]);
    await page.close();
  }, 90_000);

  it('is in English with ?lang=en, the welcome included', async () => {
    const { page } = await openPage(412, 869);
    await page.goto(`${setu.url}/?lang=en`);
    await botSays(page, 'Welcome to Setu', 0);
    await expect(page.locator('#send').textContent()).resolves.toBe('Send');
    await expect(page.locator('#q').getAttribute('placeholder')).resolves.toBe('Type here…');
    await page.screenshot({ path: join(SHOTS, '412-0-welcome-en.png') });
    await page.close();
  }, 60_000);

  it('checks eligibility to its verdict by buttons and Bangla digits, the verdict’s top in view', async () => {
    const { page, violations } = await openPage(412, 869);
    await page.goto(`${setu.url}/`);
    await botSays(page, 'আপনি কী করতে চান?', 0);
    await tap(page, 'ভাতা পাব কি না দেখুন', 'আপনি কার জন্য জানতে চান?');
    await tap(page, 'অন্য কারও জন্য', 'তাঁর বয়স কত বছর?');
    await type(page, '৬৭', 'তিনি কি পুরুষ, মহিলা, না হিজড়া?');
    await tap(page, 'মহিলা', 'তাঁর বৈবাহিক অবস্থা কী?');
    const checks = await page.locator(BOT).count();
    await tap(page, 'বিবাহিত', 'নিচের কোনোটি কি তাঁর বেলায় খাটে?');
    await inView(page, checks);
    await tap(page, 'কোনোটিই না', 'তাঁর আয় কত?');
    const before = await page.locator(BOT).count();
    await type(page, 'মাসে ৫০০', '✅ বয়স্ক ভাতা — সম্ভবত যোগ্য');
    await botSays(page, 'এরপর কী করবেন?', before);
    await page.waitForTimeout(300);
    // Several replies at once, taller than the screen: the top of the first of them is what shows.
    const top = await page.evaluate((n) => {
      const first = document.querySelectorAll('.msg:not(.me)')[n] as El;
      const log = (document.getElementById('log') as El).getBoundingClientRect();
      return { first: first.getBoundingClientRect().top, log: log.top, dock: (document.getElementById('dock') as El).getBoundingClientRect().top };
    }, before);
    expect(top.first).toBeGreaterThanOrEqual(top.log - 1);
    expect(top.first).toBeLessThan(top.dock);
    await page.screenshot({ path: join(SHOTS, '412-5-verdict.png') });
    // Scrolled to the end, the last button sits above the input bar.
    await inView(page, before);
    await page.screenshot({ path: join(SHOTS, '412-6-verdict-end.png') });
    await fitsTheWidth(page);
    expect(await violations()).toEqual([]);
    await page.close();
  }, 90_000);

  it('sends a photo and a voice note through /upload, keeps the conversation over a reload, and starts anew when the token is refused', async () => {
    const { page, sent, violations } = await openPage(360, 740);
    await page.goto(`${setu.url}/`);
    await botSays(page, 'আপনি কী করতে চান?', 0);
    await tap(page, 'অভিযোগ করুন', 'কী নিয়ে অভিযোগ?');
    await tap(page, 'ঘুষ বা অবৈধ টাকা চাওয়া হয়েছে', 'কোন ভাতা নিয়ে?');
    await tap(page, 'বয়স্ক ভাতা', 'কোন জায়গার ঘটনা?');
    await type(page, 'টুঙ্গিপাড়া', 'আপনি কি এর কোনোটি বোঝাচ্ছেন?');
    await type(page, '১', 'উপজেলার ইউনিয়ন বা পৌরসভা বেছে নিন');
    await type(page, '১', 'কী হয়েছে, নিজের ভাষায় লিখুন।');

    // A photo, from the file input the tray opens.
    let before = await page.locator(BOT).count();
    await page.locator('#more').click();
    const uploaded = page.waitForResponse((r) => r.url().includes('/upload') && r.request().method() === 'POST');
    await page.locator('#photo').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: tinyPng() });
    expect((await uploaded).status()).toBe(200);
    await expect.poll(() => page.locator(BOT).count(), { timeout: 15_000 }).toBeGreaterThan(before);
    await expect(page.locator('.msg.me').last().textContent()).resolves.toBe('ছবি');
    await expect(page.locator('.msg.me.pending, .msg.me.failed').count()).resolves.toBe(0);

    // A voice note, recorded from the (fake) microphone.
    before = await page.locator(BOT).count();
    await page.locator('#more').click();
    await page.locator('#voice').click();
    await page.locator('#recorder').waitFor();
    await page.screenshot({ path: join(SHOTS, '360-7-recording.png') });
    await page.waitForTimeout(1500);
    const voice = page.waitForResponse((r) => r.url().includes('/upload') && r.request().method() === 'POST');
    await page.locator('#stop').click();
    expect((await voice).status()).toBe(200);
    await expect.poll(() => page.locator(BOT).count(), { timeout: 15_000 }).toBeGreaterThan(before);
    await expect(page.locator('.msg.me').last().textContent()).resolves.toBe('ভয়েস মেসেজ');
    await page.screenshot({ path: join(SHOTS, '360-8-attachments.png') });
    const uploads = sent.filter((s) => new URL(s.url).pathname.endsWith('/upload'));
    expect(uploads.length).toBe(2);
    expect(uploads.every((u) => u.type.startsWith('multipart/form-data'))).toBe(true);
    expect(sent.filter((s) => s.method === 'POST' && !s.url.includes('/upload') && !/^application\/json/.test(s.type))).toEqual([]);

    // A reload: the same conversation, shown again from its start.
    const shown = await page.locator('.msg').count();
    await page.reload();
    await expect.poll(() => page.locator('.msg').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(shown);
    await expect(page.locator('.msg.me').allTextContents()).resolves.toEqual(expect.arrayContaining(['অভিযোগ করুন', 'ছবি', 'ভয়েস মেসেজ']));
    await type(page, 'টাকা চেয়েছে', 'মোবাইল নম্বর');

    // A token Setu refuses (a phone asleep past its expiry): a new conversation, welcomed.
    await page.evaluate(() => {
      const kept = JSON.parse(sessionStorage.getItem('setu.directline') ?? '{}') as Record<string, unknown>;
      sessionStorage.setItem('setu.directline', JSON.stringify({ ...kept, token: 'x.' + 'A'.repeat(43) }));
    });
    await page.reload();
    await botSays(page, 'সেতুতে স্বাগতম', 0);
    await expect(page.locator('.msg.me').count()).resolves.toBe(0);
    expect(await violations()).toEqual([]);
    await page.close();
  }, 120_000);
});
