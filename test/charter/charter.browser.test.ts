import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCharterRoutes } from '../../src/channels/openWeb/charterRoutes.tsx';
import { loadEnv } from '../../src/config/env.ts';
import { childrenOf, searchPlaces } from '../../src/domain/geo/index.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { launchChromium } from '../support/browser.ts';
import type { Doc } from '../support/dom.ts';
import { ROOT } from '../support/engineHarness.ts';
import { createOfficer, PASSWORD } from '../support/workspace.ts';

declare const document: Doc;

/**
 * The charter pages and the officer's form in real Chromium at 320 px (the
 * smallest phones people read them on) and 412 px: nothing wider than the
 * screen, in Bangla and English, with a long address and every programme.
 * Screenshots go to test-results/charter.
 */

const SHOTS = join(ROOT, 'test-results', 'charter');
const UPAZILA = searchPlaces('tungipara', { levels: ['upazila'] })[0]?.place;
const UNION = childrenOf(UPAZILA?.code ?? '')[0];
/** The /open site's own policy (openWeb.tsx): the pages must work under it. */
const OPEN_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let open: { url: string; server: Server };
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  db = tempSqliteUrl();
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, LOG_LEVEL: 'silent' }), createLogger('silent'));
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', OPEN_CSP);
  });
  registerCharterRoutes(app, { db: setu.app.db.prisma, translator: setu.app.translator, deadlineDays: setu.app.casePolicy.deadlineDays });
  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
  await createOfficer(setu.app, { name: 'Tungipara Officer', username: 'upazila', role: 'upazila', areaCode: UPAZILA?.code ?? '', language: 'bn' });
  ({ browser } = await launchChromium());
  context = await browser.newContext();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => open?.server.close(resolve));
  await setu?.stop();
  db?.cleanup();
});

async function fitsTheWidth(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && (r.left < -0.5 || r.right > width + 0.5);
      })
      .map((e) => `${e.tagName}.${e.className} ${e.textContent?.slice(0, 40) ?? ''}`);
    return { width, scroll: document.documentElement.scrollWidth, outside };
  });
  expect(found.outside).toEqual([]);
  expect(found.scroll).toBeLessThanOrEqual(found.width);
}

describe('at 320 and 412 px', () => {
  it('the officer fills in a long address on the form, and it fits', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${setu.url}/officer/signin`);
    await page.locator('input[name="username"]').fill('upazila');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${setu.url}/officer`), page.locator('form[action="/officer/signin"] button[type="submit"]').click()]);
    await page.goto(`${setu.url}/officer/office`);
    await page.locator('textarea[name="address"]').fill('উপজেলা পরিষদ কমপ্লেক্স, দ্বিতীয় তলা, কক্ষ নং ২১৪, টুংগীপাড়া-গোপালগঞ্জ মহাসড়কের পাশে, পুরাতন ডাকবাংলো সংলগ্ন, টুংগীপাড়া, গোপালগঞ্জ-৮১২০');
    await page.locator('input[name="hours"]').fill('রবিবার থেকে বৃহস্পতিবার, সকাল ৯টা থেকে বিকেল ৫টা (সরকারি ছুটির দিন বন্ধ)');
    await page.locator('input[name="phone"]').fill('০১৭১২-৩৪৫৬৭৮');
    await fitsTheWidth(page);
    await page.screenshot({ path: join(SHOTS, 'officer-form-320.png'), fullPage: true });
    await Promise.all([page.waitForURL(/done=saved/), page.locator('form[action="/officer/office"] button[type="submit"]').click()]);
    await fitsTheWidth(page);
    await page.close();
  });

  for (const width of [320, 412]) {
    for (const [name, path] of [
      ['list', '/open/charter'],
      ['districts', `/open/charter?area=${searchPlaces('gopalganj', { levels: ['district'] })[0]?.place.parent ?? ''}`],
      ['unions', `/open/charter?area=${UPAZILA?.code ?? ''}`],
      ['upazila', `/open/charter/${UPAZILA?.code ?? ''}`],
      ['upazila-en', `/open/charter/${UPAZILA?.code ?? ''}?lang=en`],
      ['union', `/open/charter/${UNION?.code ?? ''}`],
    ] as const) {
      it(`${name} fits ${width} px`, async () => {
        const page = await context.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        await page.setViewportSize({ width, height: 720 });
        const res = await page.goto(`${open.url}${path}`);
        expect(res?.status()).toBe(200);
        await fitsTheWidth(page);
        expect(violations).toEqual([]);
        if (name === 'upazila') expect(await page.locator('a[href="tel:+8801712345678"]').count()).toBeGreaterThan(1);
        await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: width === 320 && name.startsWith('upazila') });
        await page.close();
      });
    }
  }
});
