import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOfficer } from '../../src/app/officers/accounts.ts';
import { loadEnv } from '../../src/config/env.ts';
import { formatTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import { readOutbox } from '../support/outbox.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { ROOT } from '../support/engineHarness.ts';
import { launchChromium } from '../support/browser.ts';
import { lodgeFromTerminal } from '../support/workspace.ts';

/**
 * An officer in a real browser: the Chromium shipped inside an npm package
 * (or Debian's, where installed) driven by playwright-core; never a downloaded browser.
 */

const SHOTS = join(ROOT, 'test-results', 'screenshots');

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let browser: Browser;
let number: string;
let link: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  db = tempSqliteUrl();
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY }), createLogger('silent'));
  number = await lodgeFromTerminal(setu.app, 'rokeya', 'en', 'The union clerk asked me for a bribe of 2000 taka. We have no food at home.');
  const c = await setu.app.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber: number } });
  const added = await addOfficer(
    { db: setu.app.db.prisma, writes: setu.app.db.writes, clock: setu.app.clock },
    { name: 'Nasrin Akter', username: 'nasrin', role: 'upazila', areaCode: c.upazilaCode, language: 'en' },
    'test',
  );
  if (!added.ok) throw new Error(added.problem);
  link = `${setu.url}/officer/welcome/${added.signInToken}`;
  ({ browser } = await launchChromium());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await setu?.stop();
  db?.cleanup();
});

describe('an officer in Chromium', () => {
  it('sets a password, signs in, opens the urgent case, resolves it with a note, and sees the statistics', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(link);
    await page.fill('input[name=password]', 'a long enough secret');
    await page.fill('input[name=again]', 'a long enough secret');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/officer\/signin\?done=1/);
    await page.fill('input[name=username]', 'nasrin');
    await page.fill('input[name=password]', 'a long enough secret');
    await page.screenshot({ path: join(SHOTS, '1-signin.png'), fullPage: true });
    await page.click('button[type=submit]');
    await page.waitForURL(/\/officer$/);

    const row = page.locator(`tr[data-case="${number}"]`);
    await expect(row.locator('.urgent').textContent()).resolves.toBe('Urgent');
    await page.screenshot({ path: join(SHOTS, '2-inbox.png'), fullPage: true });

    await row.locator('a').click();
    await page.waitForURL(new RegExp(`/officer/cases/${number}$`));
    await expect(page.locator('h1').textContent()).resolves.toBe(`Case ${formatTrackingNumber(number, 'en')}`);
    await page.fill('textarea[name=note]', 'The clerk has been warned and the money returned to you.');
    await page.screenshot({ path: join(SHOTS, '3-case.png'), fullPage: true });
    await page.click('button[name=action][value=resolve]');
    await page.waitForURL(/done=resolve/);
    await expect(page.locator('[role=status]').first().textContent()).resolves.toBe('Resolved. The citizen gets your note.');
    await expect(page.locator('td[data-state]').textContent()).resolves.toBe('Resolved');
    await page.screenshot({ path: join(SHOTS, '4-resolved.png'), fullPage: true });

    const queued = (await readOutbox(setu.app, { contactId: 'console:rokeya' }, 'desc')).slice(0, 2);
    expect(queued.map((q) => q.message.text).join('\n')).toContain('The clerk has been warned and the money returned to you.');

    await page.click('a[href="/officer/stats"]');
    await page.waitForURL(/\/officer\/stats$/);
    expect(await page.locator('svg[role=img]').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(SHOTS, '5-stats.png'), fullPage: true });
    for (const shot of ['1-signin', '2-inbox', '3-case', '4-resolved', '5-stats']) expect(existsSync(join(SHOTS, `${shot}.png`))).toBe(true);
  }, 60_000);
});
