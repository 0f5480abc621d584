import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/config/env.ts';
import { parseTrackingNumber } from '../src/domain/cases/trackingNumber.ts';
import { createLogger } from '../src/infra/log/logger.ts';
import { start, type Running } from '../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from './support/appHarness.ts';
import { launchChromium } from './support/browser.ts';
import type { Doc, El } from './support/dom.ts';
import { ROOT } from './support/engineHarness.ts';


// Browser globals, for the functions that run in the page.
declare const document: Doc;
declare const window: { __violations: Violation[] };

/**
 * Web Chat (botframework-webchat's own prebuilt bundle, served by Setu) in
 * real Chromium against Setu's own Direct Line: a Bangla eligibility check
 * and a grievance, clicking Setu's buttons and typing Bangla digits; Bangla
 * drawn with the font Setu serves (this browser has no Bangla font of its
 * own); the page's CSP watched; and the embed script on another site.
 */

const SHOTS = join(ROOT, 'test-results', 'webchat');

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let browser: Browser;
/** One context for every page: the packaged Chromium runs as one process, and closing a context can end it. */
let context: BrowserContext;
/** A DSS website of its own origin, allowed to embed Setu, and one that is not. */
let site: Server;
let otherSite: Server;
let siteUrl: string;
let otherSiteUrl: string;

function hostPage(setuUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Upazila portal</title></head><body><h1>Kaunia Upazila</h1><script src="${setuUrl}/webchat/embed.js" data-lang="bn" async></script></body></html>`;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://localhost:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  let setuUrl = '';
  const serveHost = (_req: unknown, res: import('node:http').ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(setuUrl));
  };
  site = createServer(serveHost);
  otherSite = createServer(serveHost);
  siteUrl = await listen(site);
  otherSiteUrl = await listen(otherSite);
  db = tempSqliteUrl();
  setu = await start(
    loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, OUTBOX_POLL_MS: '20', WEBCHAT_FRAME_ANCESTORS: `self ${siteUrl}` }),
    createLogger('silent'),
  );
  setuUrl = setu.url;
  // No Bangla font on this machine: what shows is what Setu serves.
  ({ browser } = await launchChromium({ systemBanglaFont: false }));
  context = await browser.newContext();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await setu?.stop();
  await new Promise((r) => site?.close(r));
  await new Promise((r) => otherSite?.close(r));
  db?.cleanup();
});

interface Violation {
  directive: string;
  source: string;
}

/** A page that records every CSP violation it meets. */
async function openPage(viewport = { width: 412, height: 860 }): Promise<{ page: Page; violations: () => Promise<Violation[]> }> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(15_000);
  await page.addInitScript(() => {
    const seen: Array<{ directive: string; source: string }> = [];
    Object.defineProperty(window, '__violations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push({ directive: e.effectiveDirective, source: e.sourceFile }));
  });
  return { page, violations: () => page.evaluate(() => window.__violations) };
}

const BOT = '.webchat__bubble:not(.webchat__bubble--from-user)';

/** Waits for Setu to say something containing `text` (after the `after`-th of its messages). */
async function botSays(page: Page, text: string | RegExp, after = 0): Promise<string> {
  const matching = page.locator(BOT).filter({ hasText: text });
  await expect
    .poll(async () => (await page.locator(BOT).allTextContents()).slice(after).some((t) => (typeof text === 'string' ? t.includes(text) : text.test(t))), { timeout: 15_000 })
    .toBe(true);
  return (await matching.last().textContent()) ?? '';
}

const botCount = (page: Page): Promise<number> => page.locator(BOT).count();

/** Clicks one of Setu's buttons (Web Chat's suggested actions) and waits for the answer. */
async function tap(page: Page, label: string, answer: string | RegExp): Promise<string> {
  const before = await botCount(page);
  await page.locator('.webchat__suggested-action').filter({ hasText: label }).first().click();
  return botSays(page, answer, before);
}

/** Types into Web Chat's send box, sends with Enter, waits for the answer. */
async function type(page: Page, text: string, answer: string | RegExp): Promise<string> {
  const before = await botCount(page);
  await page.locator('[data-id="webchat-sendbox-input"]').fill(text);
  await page.keyboard.press('Enter');
  return botSays(page, answer, before);
}

/** The one rule Web Chat 4.18.1 writes without its nonce (react-scroll-to-bottom's), restated in Setu's own style. */
function onlyKnownViolations(violations: Violation[]): void {
  const unexpected = violations.filter((v) => !(v.directive === 'style-src-elem' && /\/webchat\/webchat\.js/.test(v.source)));
  expect(unexpected).toEqual([]);
  expect(violations.length).toBeLessThanOrEqual(1);
}

describe('Web Chat against Setu, in Chromium', () => {
  it('checks a mother’s old age allowance in Bangla to its verdict, by buttons and Bangla digits', async () => {
    const { page, violations } = await openPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let received = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      received += e.encodedDataLength;
    });
    await page.goto(`${setu.url}/webchat`);
    await botSays(page, 'সেতুতে স্বাগতম');
    console.log(`Web Chat page: ${received} bytes received before the welcome`);
    await page.locator('.webchat__suggested-action').first().waitFor();
    // Web Chat's own words are Setu's Bangla.
    await expect(page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')).resolves.toBe('এখানে লিখুন…');
    await expect(page.locator('[data-id="webchat-sendbox-input"]').getAttribute('aria-label')).resolves.toBe('বার্তা লেখার ঘর');
    await page.screenshot({ path: join(SHOTS, '1-welcome-bn.png') });

    await tap(page, 'ভাতা পাব কি না দেখুন', 'আপনি কার জন্য জানতে চান?');
    await tap(page, 'অন্য কারও জন্য', 'তাঁর বয়স কত বছর?');
    await type(page, '৬৭', 'তিনি কি পুরুষ, মহিলা, না হিজড়া?');
    await tap(page, 'মহিলা', 'তাঁর বৈবাহিক অবস্থা কী?');
    await tap(page, 'বিবাহিত', 'নিচের কোনোটি কি তাঁর বেলায় খাটে?');
    await tap(page, 'কোনোটিই না', 'তাঁর আয় কত?');
    await page.screenshot({ path: join(SHOTS, '2-questions-bn.png') });
    const verdict = await type(page, 'মাসে ৫০০', '✅ বয়স্ক ভাতা — সম্ভবত যোগ্য');
    expect(verdict).toContain('মাসে ৬৫০ টাকা');
    await botSays(page, 'এরপর কী করবেন?');
    await page.locator('.webchat__suggested-action').filter({ hasText: 'প্রধান মেনু' }).waitFor();
    await page.screenshot({ path: join(SHOTS, '3-verdict-bn.png') });

    // The buttons pressed show as their words, not as Setu's ids.
    const mine = await page.locator('.webchat__bubble--from-user').allTextContents();
    expect(mine.map((t) => t.trim())).toEqual(expect.arrayContaining(['অন্য কারও জন্য', '৬৭', 'মহিলা', 'মাসে ৫০০']));
    expect(mine.join(' ')).not.toMatch(/subj\.|sex\.|ms\.|chk\./);
    // The transcript scrolls (its scroll view's rule is Setu's, as Web Chat's was refused): the verdict is taller than the window.
    const scroll = await page.locator('.webchat__basic-transcript__scrollable').evaluate((e: El) => ({ height: e.scrollHeight, view: e.clientHeight, top: e.scrollTop }));
    expect(scroll.height).toBeGreaterThan(scroll.view);
    expect(scroll.top).toBeGreaterThan(0);
    onlyKnownViolations(await violations());
    await page.close();
  }, 120_000);

  it('lodges a grievance to its tracking number, then finds it by that number typed in Bangla digits', async () => {
    const { page, violations } = await openPage();
    await page.goto(`${setu.url}/webchat`);
    await botSays(page, 'আপনি কী করতে চান?');
    await tap(page, 'অভিযোগ করুন', 'কী নিয়ে অভিযোগ?');
    await tap(page, 'ভাতার টাকা পাইনি বা কম পেয়েছি', 'কোন ভাতা নিয়ে?');
    await tap(page, 'বয়স্ক ভাতা', 'কোন জায়গার ঘটনা?');
    await type(page, 'টুঙ্গিপাড়া', 'আপনি কি এর কোনোটি বোঝাচ্ছেন?');
    await type(page, '১', 'উপজেলার ইউনিয়ন বা পৌরসভা বেছে নিন');
    await tap(page, 'বর্ণি, গোপালগঞ্জ', 'কী হয়েছে, নিজের ভাষায় লিখুন।');
    await type(page, 'তিন মাস ধরে টাকা পাইনি। ঘরে খাবার নেই।', 'আপনার মোবাইল নম্বর দিন');
    await type(page, '০১৭১২ ৩৪৫৬৭৮', 'কর্মকর্তা কি আপনার নাম ও মোবাইল নম্বর দেখতে পারবেন?');
    await tap(page, 'না, গোপন রাখুন', 'সব ঠিক থাকলে জমা দিন');
    await page.screenshot({ path: join(SHOTS, '4-grievance-summary-bn.png') });
    const lodged = await tap(page, 'জমা দিন', 'আপনার অভিযোগ জমা হয়েছে');
    const shown = /ট্র্যাকিং নম্বর: ([০-৯]{3}-[০-৯]{3}-[০-৯]{3})/.exec(lodged)?.[1];
    expect(shown).toBeDefined();
    await page.screenshot({ path: join(SHOTS, '5-grievance-lodged-bn.png') });

    const parsed = parseTrackingNumber(shown ?? '');
    expect(parsed.ok).toBe(true);
    const number = parsed.ok ? parsed.number : '';
    const stored = await setu.app.db.prisma.case.findUnique({ where: { trackingNumber: number } });
    expect(stored?.category).toBe('not_received');

    // Typed back with its Bangla digits and no dashes, it is found.
    const status = await type(page, shown?.replaceAll('-', '') ?? '', shown ?? 'x');
    expect(status).toMatch(/অবস্থা|জমা/);
    await page.screenshot({ path: join(SHOTS, '6-grievance-status-bn.png') });
    onlyKnownViolations(await violations());
    await page.close();
  }, 120_000);

  it('is in English with ?lang=en, the welcome included', async () => {
    const { page } = await openPage();
    await page.goto(`${setu.url}/webchat?lang=en`);
    await botSays(page, 'Welcome to Setu');
    await expect(page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')).resolves.toBe('Type here…');
    await page.screenshot({ path: join(SHOTS, '7-welcome-en.png') });
    await page.close();
  }, 60_000);

  it('draws Bangla with the font Setu serves: with that font blocked, only boxes', async () => {
    /** Widths of Bangla words in the page's own font stack; of distinct letters; the font's state. */
    const measure = (page: Page) =>
      page.evaluate(async () => {
        await document.fonts.ready;
        const width = (text: string): number => {
          const span = document.createElement('span');
          span.style.font = '24px "Setu Bangla", system-ui, sans-serif';
          span.style.whiteSpace = 'nowrap';
          span.style.position = 'absolute';
          span.style.visibility = 'hidden';
          span.textContent = text;
          document.body.appendChild(span);
          const w = span.getBoundingClientRect().width;
          span.remove();
          return w;
        };
        // Refused when the font cannot be fetched: its state says so.
        await document.fonts.load('24px "Setu Bangla"', 'সেতু').catch(() => []);
        const face = [...document.fonts].find((f) => f.family.replace(/"/g, '') === 'Setu Bangla');
        return { word: width('সামাজিক নিরাপত্তা'), letters: ['ককককক', 'ঙঙঙঙঙ', 'িিিিি', 'ঋঋঋঋঋ'].map(width), status: face?.status ?? 'none' };
      });

    const served = await openPage();
    await served.page.goto(`${setu.url}/webchat`);
    await botSays(served.page, 'সেতুতে স্বাগতম');
    const withFont = await measure(served.page);
    await served.page.screenshot({ path: join(SHOTS, '8-font-served.png') });
    await served.page.close();

    const blocked = await openPage();
    await blocked.page.route('**/*.woff2*', (route) => route.abort());
    await blocked.page.goto(`${setu.url}/webchat`);
    await botSays(blocked.page, 'সেতুতে স্বাগতম');
    const withoutFont = await measure(blocked.page);
    await blocked.page.screenshot({ path: join(SHOTS, '9-font-blocked-boxes.png') });
    await blocked.page.close();

    console.log(`Bangla widths: served ${JSON.stringify(withFont)}, blocked ${JSON.stringify(withoutFont)}`);
    expect(withFont.status).toBe('loaded');
    expect(withoutFont.status).toBe('error');
    // Boxes are all one width, whatever the letter; real glyphs are not.
    expect(new Set(withoutFont.letters.map((w) => w.toFixed(1))).size).toBe(1);
    expect(new Set(withFont.letters.map((w) => w.toFixed(1))).size).toBeGreaterThan(2);
    expect(Math.abs(withFont.word - withoutFont.word)).toBeGreaterThan(5);
  }, 90_000);
});

describe('the embed script on a DSS website', () => {
  it('adds a button that opens Setu’s Web Chat in a frame, on a site WEBCHAT_FRAME_ANCESTORS allows', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(siteUrl);
    const button = page.locator('#setu-webchat-button');
    await expect(button.textContent()).resolves.toBe('সেতুর সাথে কথা বলুন');
    // Nothing of Web Chat is loaded until the button is pressed.
    expect(page.frames().length).toBe(1);
    await button.click();
    const frame = page.frameLocator('#setu-webchat-frame');
    await expect.poll(async () => (await frame.locator(BOT).allTextContents()).join(' '), { timeout: 20_000 }).toContain('সেতুতে স্বাগতম');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(button.textContent()).resolves.toBe('চ্যাট বন্ধ করুন');
    const box = await page.locator('#setu-webchat-frame').boundingBox();
    expect(box && box.width <= 380 && box.x + box.width <= 1024 && box.y + box.height <= 768).toBe(true);
    await page.screenshot({ path: join(SHOTS, '10-embedded.png') });
    await button.click();
    await expect(page.locator('#setu-webchat-frame').isVisible()).resolves.toBe(false);
    await page.close();
  }, 60_000);

  it('is refused in a frame on a site not in the list', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(otherSiteUrl);
    await page.locator('#setu-webchat-button').click();
    await page.locator('#setu-webchat-frame').waitFor();
    await page.waitForTimeout(2000);
    const framed = page.frames().find((f) => f !== page.mainFrame());
    // Chromium shows its own error page instead of Setu's.
    expect(framed ? await framed.locator(BOT).count() : 0).toBe(0);
    expect(framed?.url() ?? '').not.toMatch(/\/webchat$/);
    await page.close();
  }, 60_000);
});
