import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBCHAT_STRING_KEYS } from '../../src/channels/web/webchatStrings.ts';
import { loadEnv } from '../../src/config/env.ts';
import { flattenKeys, loadLocales } from '../../src/infra/i18n/loadLocales.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';
import { ROOT } from '../support/engineHarness.ts';

/**
 * The two web pages over HTTP: their security headers, no inline script,
 * Web Chat's bundle and the Bangla font served by Setu from node_modules,
 * their sizes, and Web Chat's strings in both languages.
 */

const WEBCHAT_DIST = join(ROOT, 'node_modules', 'botframework-webchat', 'dist');
const FONT = join(ROOT, 'node_modules', '@fontsource', 'noto-sans-bengali', 'files', 'noto-sans-bengali-bengali-400-normal.woff2');

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes on the wire (compressed when the server compressed them). */
  wire: Buffer;
  /** The content, decompressed. */
  body: Buffer;
}

/** A GET counting the bytes as sent (fetch would decompress them unseen). */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const enc = res.headers['content-encoding'];
        const body = enc === 'br' ? brotliDecompressSync(wire) : enc === 'gzip' ? gunzipSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const header = (r: Raw, name: string): string => String(r.headers[name] ?? '');

/** CSP directives by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

/** No inline script of any kind: every script element has a src and no body, no event-handler attributes, no javascript: URLs. */
function expectNoInlineScript(html: string): void {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attrs = '', body = ''] of scripts) {
    expect(attrs).toMatch(/\ssrc="\/[^"]+"/);
    expect(body.trim()).toBe('');
  }
  expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:/i);
}

/** Web Chat's en-US strings, read out of the bundle Setu serves: the keys of the object holding its "Type your message". */
function bundleStringKeys(bundle: string): string[] {
  const at = bundle.indexOf('TEXT_INPUT_PLACEHOLDER:"Type your message"');
  expect(at).toBeGreaterThan(0);
  let depth = 0;
  let open = at;
  for (; open > 0; open -= 1) {
    const c = bundle[open];
    if (c === '}') depth += 1;
    else if (c === '{') {
      if (depth === 0) break;
      depth -= 1;
    }
  }
  let close = open;
  for (depth = 0; close < bundle.length; close += 1) {
    const c = bundle[close];
    if (c === '{') depth += 1;
    else if (c === '}' && --depth === 0) break;
  }
  const object = bundle.slice(open, close + 1);
  return [...object.matchAll(/[{,]"?([A-Z_][A-Z0-9_]*)"?:/g)].map((m) => m[1] ?? '').filter((k) => !k.startsWith('_'));
}

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;

beforeAll(async () => {
  db = tempSqliteUrl();
  setu = await start(loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY }), createLogger('silent'));
});

afterAll(async () => {
  await setu?.stop();
  db?.cleanup();
});

describe('the light page (/)', () => {
  it('is Bangla by default, English with ?lang=en, and carries a strict CSP with no inline script', async () => {
    const page = await get(setu.url, '/');
    expect(page.status).toBe(200);
    expect(header(page, 'content-type')).toBe('text/html; charset=utf-8');
    const html = page.body.toString('utf8');
    expect(html).toContain('<html lang="bn">');
    expect(html).toContain('পাঠান');
    expectNoInlineScript(html);

    const csp = directives(header(page, 'content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('font-src')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'", 'https://*.gov.bd']);
    // The one style element, by its hash: no 'unsafe-inline' anywhere.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(csp.get('style-src')).toEqual([`'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`]);
    expect(header(page, 'content-security-policy')).not.toMatch(/unsafe-(inline|eval)/);
    expect(header(page, 'x-content-type-options')).toBe('nosniff');
    expect(header(page, 'cache-control')).toBe('no-store');

    const en = (await get(setu.url, '/?lang=en')).body.toString('utf8');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('>Send<');
  });

  it('is under 60 KB on the wire before the first message, the Bangla font included', async () => {
    const accept = { 'accept-encoding': 'br, gzip' };
    const page = await get(setu.url, '/', accept);
    const html = page.body.toString('utf8');
    const script = /<script src="([^"]+)"/.exec(html)?.[1] ?? '';
    const font = /url\((\/webchat\/fonts\/[^)]+)\)/.exec(html)?.[1] ?? '';
    expect(script).toMatch(/^\/web\/light\.js\?v=[0-9a-f]{12}$/);
    expect(font).toMatch(/^\/webchat\/fonts\/noto-sans-bengali-bengali-400-normal\.woff2\?v=[0-9a-f]{12}$/);
    const js = await get(setu.url, script, accept);
    const woff2 = await get(setu.url, font, accept);
    expect(header(js, 'content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.body).toEqual(readFileSync(join(ROOT, 'src', 'channels', 'web', 'static', 'light.js')));
    const sizes = { html: page.wire.length, script: js.wire.length, font: woff2.wire.length };
    const total = sizes.html + sizes.script + sizes.font;
    console.log(`light page on the wire: ${JSON.stringify(sizes)}, ${total} bytes in all`);
    expect(total).toBeLessThan(60 * 1024);
  });
});

describe('the Web Chat page (/webchat)', () => {
  it('loads Web Chat from Setu, with a fresh nonce for its styles and no inline script', async () => {
    const one = await get(setu.url, '/webchat');
    const two = await get(setu.url, '/webchat');
    expect(one.status).toBe(200);
    const html = one.body.toString('utf8');
    expectNoInlineScript(html);
    expect(html).toMatch(/<script src="\/webchat\/webchat\.js\?v=[0-9a-f]{12}" defer><\/script>/);
    expect(html).toMatch(/<script src="\/webchat\/setu-webchat\.js\?v=[0-9a-f]{12}" nonce="[^"]+" defer><\/script>/);
    const csp = directives(header(one, 'content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(header(one, 'content-security-policy')).not.toMatch(/unsafe-(inline|eval)/);
    const nonce = /nonce-([^']+)'/.exec(csp.get('style-src')?.join(' ') ?? '')?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('frame-ancestors')).toEqual(["'self'", 'https://*.gov.bd']);
    expect(header(two, 'content-security-policy')).not.toContain(nonce ?? '-');
  });

  it('gives Web Chat every one of its strings in Bangla, or in English with ?lang=en', async () => {
    const config = async (path: string): Promise<{ locale: string; strings: Record<string, string> }> => {
      const html = (await get(setu.url, path)).body.toString('utf8');
      const attr = /data-config="([^"]*)"/.exec(html)?.[1] ?? '';
      const decoded = attr.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      return JSON.parse(decoded) as { locale: string; strings: Record<string, string> };
    };
    const bn = await config('/webchat');
    const en = await config('/webchat?lang=en');
    expect(bn.locale).toBe('bn-BD');
    expect(en.locale).toBe('en-US');
    expect(Object.keys(bn.strings).sort()).toEqual([...WEBCHAT_STRING_KEYS].sort());
    expect(Object.keys(en.strings).sort()).toEqual([...WEBCHAT_STRING_KEYS].sort());
    expect(bn.strings.TEXT_INPUT_SEND_BUTTON_ALT).toBe('পাঠান');
    expect(en.strings.TEXT_INPUT_SEND_BUTTON_ALT).toBe('Send');
    // Bangla in every string but the keyboard shortcuts and a bare file name.
    const latinOnly = Object.entries(bn.strings).filter(([, v]) => !/[\u0980-\u09ff]/.test(v)).map(([k]) => k);
    expect(latinOnly.sort()).toEqual(['ACCESS_KEY_ALT', 'ACCESS_KEY_FOR_MAC_ALT', 'FILE_CONTENT_ALT']);
  });
});

describe('Web Chat strings (locales/{bn,en}/webchat.json)', () => {
  const resources = loadLocales(join(ROOT, 'locales'));
  const bn = flattenKeys({ webchat: resources.bn.webchat ?? {} });
  const en = flattenKeys({ webchat: resources.en.webchat ?? {} });

  it('are every string of the Web Chat bundle Setu serves, in both languages', () => {
    const inBundle = bundleStringKeys(readFileSync(join(WEBCHAT_DIST, 'webchat-minimal.js'), 'utf8'));
    expect(inBundle.length).toBeGreaterThan(100);
    expect([...WEBCHAT_STRING_KEYS].sort()).toEqual([...new Set(inBundle)].sort());
    const missing = WEBCHAT_STRING_KEYS.filter((k) => !bn.has(`webchat:${k}`) || !en.has(`webchat:${k}`));
    expect(missing).toEqual([]);
    expect(bn.size).toBe(WEBCHAT_STRING_KEYS.length);
    expect(en.size).toBe(WEBCHAT_STRING_KEYS.length);
  });

  it('keep Web Chat’s $1 placeholders and its [RETRY] link in both languages', () => {
    const marks = (s: string): string => [...s.matchAll(/\$\d|\[RETRY\]/g)].map((m) => m[0]).sort().join(',');
    const differing = WEBCHAT_STRING_KEYS.filter((k) => marks(bn.get(`webchat:${k}`) ?? '') !== marks(en.get(`webchat:${k}`) ?? ''));
    expect(differing).toEqual([]);
    expect(bn.get('webchat:ACTIVITY_STATUS_SEND_FAILED_RETRY')).toContain('][RETRY]');
  });
});

describe('the static files', () => {
  it('serve Web Chat’s own bundle from node_modules, compressed, cached a year under its hash', async () => {
    const html = (await get(setu.url, '/webchat')).body.toString('utf8');
    const href = /<script src="(\/webchat\/webchat\.js\?v=[0-9a-f]{12})"/.exec(html)?.[1] ?? '';
    const original = readFileSync(join(WEBCHAT_DIST, 'webchat-minimal.js'));
    const plain = await get(setu.url, href);
    expect(plain.status).toBe(200);
    expect(header(plain, 'content-type')).toBe('text/javascript; charset=utf-8');
    expect(header(plain, 'cache-control')).toBe('public, max-age=31536000, immutable');
    expect(header(plain, 'x-content-type-options')).toBe('nosniff');
    expect(plain.body.equals(original)).toBe(true);
    const zipped = await get(setu.url, href, { 'accept-encoding': 'gzip' });
    expect(header(zipped, 'content-encoding')).toBe('gzip');
    expect(zipped.body.equals(original)).toBe(true);
    expect(zipped.wire.length).toBeLessThan(original.length / 3);
    // Revalidation: the same ETag is a 304 with no body.
    const again = await get(setu.url, href, { 'if-none-match': header(plain, 'etag') });
    expect(again.status).toBe(304);
    expect(again.wire.length).toBe(0);
    // Without its hash (an old page) only an hour.
    expect(header(await get(setu.url, '/webchat/webchat.js'), 'cache-control')).toBe('public, max-age=3600');
    console.log(`Web Chat bundle: ${original.length} bytes, ${zipped.wire.length} as gzip`);
  });

  it('serve the Bangla font from @fontsource as font/woff2, the start script and the embed script', async () => {
    const font = await get(setu.url, '/webchat/fonts/noto-sans-bengali-bengali-400-normal.woff2', { 'accept-encoding': 'br, gzip' });
    expect(font.status).toBe(200);
    expect(header(font, 'content-type')).toBe('font/woff2');
    expect(header(font, 'content-encoding')).toBe('');
    expect(font.body.equals(readFileSync(FONT))).toBe(true);
    expect(font.body.length).toBeLessThan(48 * 1024);

    const starter = await get(setu.url, '/webchat/setu-webchat.js');
    expect(header(starter, 'content-type')).toBe('text/javascript; charset=utf-8');
    expect(starter.body.toString()).toContain('overrideLocalizedStrings');

    const embed = await get(setu.url, '/webchat/embed.js');
    expect(header(embed, 'content-type')).toBe('text/javascript; charset=utf-8');
    // Loaded by other sites' pages.
    expect(header(embed, 'cross-origin-resource-policy')).toBe('cross-origin');
    const text = embed.body.toString();
    expect(text).not.toContain('__SETU_WORDS__');
    expect(text).toContain('সেতুর সাথে কথা বলুন');
    expect(text).toContain('Talk to Setu');
    expect(header(starter, 'cross-origin-resource-policy')).toBe('same-origin');
  });

  it('answer 405 to anything but GET and HEAD', async () => {
    const res = await fetch(`${setu.url}/webchat/webchat.js`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
  });
});

describe('WEBCHAT_FRAME_ANCESTORS', () => {
  it('names the sites that may frame the pages, and a wrong value stops the start', async () => {
    expect(loadEnv({ WEBCHAT_FRAME_ANCESTORS: 'self, https://dss.gov.bd https://*.portal.gov.bd' }).WEBCHAT_FRAME_ANCESTORS).toEqual([
      "'self'",
      'https://dss.gov.bd',
      'https://*.portal.gov.bd',
    ]);
    expect(loadEnv({ WEBCHAT_FRAME_ANCESTORS: "'none'" }).WEBCHAT_FRAME_ANCESTORS).toEqual(["'none'"]);
    expect(() => loadEnv({ WEBCHAT_FRAME_ANCESTORS: 'https://dss.gov.bd; script-src *' })).toThrow(/WEBCHAT_FRAME_ANCESTORS/);
    expect(() => loadEnv({ WEBCHAT_FRAME_ANCESTORS: 'none https://dss.gov.bd' })).toThrow(/WEBCHAT_FRAME_ANCESTORS/);
    expect(() => loadEnv({ WEBCHAT_FRAME_ANCESTORS: 'http://evil.example' })).toThrow(/WEBCHAT_FRAME_ANCESTORS/);

    const other = tempSqliteUrl();
    const framed = await start(
      loadEnv({ DATABASE_URL: other.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, WEBCHAT_FRAME_ANCESTORS: 'https://dss.gov.bd' }),
      createLogger('silent'),
    );
    try {
      for (const path of ['/', '/webchat']) {
        const csp = directives(header(await get(framed.url, path), 'content-security-policy'));
        expect(csp.get('frame-ancestors')).toEqual(['https://dss.gov.bd']);
      }
    } finally {
      await framed.stop();
      other.cleanup();
    }
  });
});
