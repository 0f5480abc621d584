import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { PUBLISHED_MEASURES } from '../../src/domain/openData/measures.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { launchChromium } from '../support/browser.ts';
import { FixedClock, ROOT } from '../support/engineHarness.ts';
import { generateCases, insertCases } from '../support/openDataSet.ts';

/**
 * The public report card as anyone reaches it: Setu's real server, a year of
 * generated cases, every page and open-data file read over HTTP and checked
 * for anything personal, the tracking-number box, and the pages in Chromium
 * at 320 px, with screenshots.
 */
const NOW = Date.parse('2026-11-22T09:00:00Z');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const toBangla = (s: string): string => s.replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)] as string);

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let data: ReturnType<typeof generateCases>;

/** Words, names and numbers of the generated cases that must appear nowhere public. */
function personal(text: string): string[] {
  const found: string[] = [];
  for (const word of ['Rahima', 'Karim', '01712345678', '1712345678', 'secret-words']) if (text.includes(word)) found.push(word);
  for (const c of data.cases.slice(0, 2_000)) {
    if (text.includes(c.trackingNumber) || text.includes(toBangla(c.trackingNumber))) found.push(c.trackingNumber);
  }
  return found;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  db = tempSqliteUrl();
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, PUBLIC_URL: 'https://setu.example.gov.bd' }), createLogger('silent'), {
    clock: new FixedClock(NOW),
  });
  data = generateCases(new Date(NOW), 20_000);
  insertCases(db.url, data);
}, 120_000);

afterAll(async () => {
  await setu?.stop();
  db?.cleanup();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${setu.url}${path}`, { headers });

describe('the public report card over HTTP', () => {
  it('opens in Bangla for the country, in English on asking, and says so when an area does not exist', async () => {
    const bn = await get('/open');
    expect(bn.status).toBe(200);
    const html = await bn.text();
    expect(html).toContain('<html lang="bn"');
    expect(html).toContain('অভিযোগের নিষ্পত্তির হিসাব: বাংলাদেশ');
    const lodged = data.cases.filter((c) => c.kind === 'grievance' && c.createdAt.getTime() >= Date.parse('2025-12-01T00:00:00+06:00')).length;
    expect(html).toContain(new Intl.NumberFormat('bn-BD').format(lodged));
    expect(html).toContain('<svg');
    const en = await (await get('/open?lang=en')).text();
    expect(en).toContain('How grievances are handled: Bangladesh');
    expect(en).toContain('Dhaka');
    expect((await get('/open/area/ds99999')).status).toBe(404);
  });

  it('serves every listed area, and no page, file or picture holds a name, a phone, a tracking number or a word of a grievance', async () => {
    const json = (await (await get('/open/data.json')).json()) as { schema: string; licence: string; areas: Array<{ code: string; level: string; figures: Record<string, unknown> | null }> };
    expect(json.schema).toBe('setu-report-card/1');
    expect(json.licence).toBe('CC-BY-4.0');
    expect(json.areas.length).toBeGreaterThan(200);
    const leaks: string[] = [];
    for (const area of json.areas) {
      // Every page in Bangla; in English and as a picture down to the upazilas (a union's are the same figures, drawn the same way).
      const lowest = area.level === 'union' || area.level === 'no_union';
      const paths = [`/open/area/${area.code}`, ...(lowest ? [] : [`/open/area/${area.code}?lang=en`, `/open/card/${area.code}.svg`])];
      for (const path of paths) {
        const res = await get(path);
        if (res.status !== 200) leaks.push(`${path}: ${res.status}`);
        const found = personal(await res.text());
        if (found.length > 0) leaks.push(`${path}: ${found.join(', ')}`);
      }
    }
    const csv = await (await get('/open/data.csv')).text();
    leaks.push(...personal(csv).map((w) => `csv: ${w}`), ...personal(JSON.stringify(json)).map((w) => `json: ${w}`));
    expect(leaks).toEqual([]);
  }, 120_000);

  it('publishes CSV and JSON with the documented columns, and no count below 5 in either', async () => {
    const res = await get('/open/data.csv?area=BD');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    const header = (lines[0] as string).split(',');
    expect(header.slice(0, 7)).toEqual(['area_code', 'area_level', 'parent_code', 'area_name_en', 'area_name_bn', 'month', 'programme']);
    expect(header).toEqual(expect.arrayContaining([...PUBLISHED_MEASURES, 'median_working_days', 'share_resolved_in_time', 'share_overdue_now', 'average_rating']));
    const schema = await (await get('/open/schema?lang=en')).text();
    for (const column of header) expect(schema).toContain(`<code>${column}</code>`);
    const small: string[] = [];
    const counts = PUBLISHED_MEASURES.map((m) => header.indexOf(m));
    for (const line of lines.slice(1)) {
      // Names have no commas in this data; quoted cells would be read the same by any CSV reader.
      const cells = line.split(',');
      for (const i of counts) {
        const v = cells[i] ?? '';
        if (/^\d+$/.test(v) && Number(v) < 5) small.push(`${cells[0]} ${cells[5]} ${cells[6]} ${header[i]}=${v}`);
        if (!/^(\d+|<5|\*|)$/.test(v)) small.push(`${cells[0]} ${header[i]}: ${v}`);
      }
    }
    expect(small.slice(0, 5)).toEqual([]);
    expect(lines.length).toBeGreaterThan(5_000);
    const district = data.cases[0]?.districtCode as string;
    const part = (await (await get(`/open/data.csv?area=${district}`)).text()).trim().split('\r\n');
    expect(part.length).toBeLessThan(lines.length);
    expect(part.slice(1).every((l) => !l.startsWith('BD,'))).toBe(true);
  });

  it('looks a tracking number up, typed in Bangla digits, and tells where the case stands and nothing more', async () => {
    const c = data.cases.find((x) => x.closedAt === null && x.kind === 'grievance');
    if (!c) throw new Error('no open case');
    const html = await (await get(`/open/status?n=${encodeURIComponent(toBangla(c.trackingNumber))}`, { 'x-forwarded-for': '198.51.100.1' })).text();
    expect(html).toContain('সময়সীমা');
    expect(html).toMatch(/ইউনিয়ন|উপজেলা|জেলা|সদর দফতর/);
    expect(html).not.toContain('Rahima');
    const en = await (await get(`/open/status?n=${c.trackingNumber}&lang=en`)).text();
    expect(en).toContain('Deadline');
    expect(await (await get('/open/status?n=12345&lang=en')).text()).toContain('That is not a tracking number');
    const unknown = '100000004';
    expect(await (await get(`/open/status?n=${unknown}&lang=en`)).text()).toMatch(/No grievance has the number|not a tracking number/);
  });

  it('draws a picture card for an area and month', async () => {
    const district = data.cases[0]?.districtCode as string;
    const res = await get(`/open/card/${district}.svg?month=2026-10`);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(svg).toContain('viewBox="0 0 1200 630"');
    expect(svg).toContain('অক্টোবর');
    expect(svg).toContain('https://setu.example.gov.bd/open/area/');
    expect((await get(`/open/card/${district}.svg?month=1999-01`)).status).toBe(404);
  });
});

describe('the public report card in Chromium at 320 px', () => {
  let browser: Browser;
  beforeAll(async () => {
    ({ browser } = await launchChromium());
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('fits the screen, goes down from the country to a union, and answers the tracking-number box', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${setu.url}/open`);
    const overflow = () => page.evaluate<number>('document.documentElement.scrollWidth');
    expect(await overflow()).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(SHOTS, 'open-320-country.png'), fullPage: true });
    await page.click('table a:text-is("ঢাকা")'); // Gopalganj is in Dhaka division
    await page.click('table a:text-is("গোপালগঞ্জ")');
    expect(await page.textContent('h1')).toContain('গোপালগঞ্জ');
    expect(await overflow()).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(SHOTS, 'open-320-district.png'), fullPage: true });
    await page.click('table a >> nth=0'); // an upazila
    await page.click('table a >> nth=0'); // one of its unions
    expect(await page.locator('nav.path a').count()).toBeGreaterThanOrEqual(3);
    expect(await overflow()).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(SHOTS, 'open-320-union.png'), fullPage: true });
    const c = data.cases.find((x) => x.closedAt === null && x.kind === 'grievance' && x.id > 'gen-001000') ?? data.cases[0];
    await page.fill('input[name=n]', toBangla(c?.trackingNumber ?? ''));
    await page.click('#status button');
    await page.waitForSelector('.result');
    expect(await page.textContent('.result')).toMatch(/অভিযোগ .+অফিসে/);
    await page.screenshot({ path: join(SHOTS, 'open-320-status.png'), fullPage: true });
    await page.click('header a[lang=en]');
    expect(await page.textContent('h2')).toContain('Follow a grievance');
    await page.close();
  }, 60_000);
});

// Last: it spends this address's look-ups for the minute.
describe('the tracking-number box under a sweep', () => {
  it('stops a sweep of tracking numbers from one address after 10 look-ups a minute', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 14; i++) {
      const n = data.cases[100 + i]?.trackingNumber as string;
      answers.push(await (await get(`/open/status?n=${n}&lang=en`)).text());
    }
    // The address had a few look-ups before (the tests above): of these 14, at least 4 are refused.
    expect(answers.filter((a) => a.includes('Too many look-ups')).length).toBeGreaterThanOrEqual(4);
  });
});
