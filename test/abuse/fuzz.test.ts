import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.ts';
import { sign, TEST_PAGE_ID } from '../support/messengerWebhook.ts';
import { mulberry32 } from '../support/seeded.ts';

/**
 * The tester's fuzzing run, kept as a bounded regression: a seeded corpus of
 * malformed requests against every public route (web chat, both webhooks,
 * the officers' workspace, health), with odd ids, long texts and oversized
 * or broken bodies; then ordinary conversations on the web, Telegram and
 * Messenger must still be answered, nothing may be a 5xx, and no outbox row
 * may exist for an id no platform could have sent. Body limits are checked
 * one by one below it: 413 with a body (read by a client still sending), 400
 * for a malformed form.
 */
const TG_TOKEN = '123456:fuzz-token';
const TG_SECRET = 'fuzz-secret';
const FB_TOKEN = 'fuzz-page-token';
const FB_SECRET = 'fuzz-app-secret';
const ATTACKER = '203.0.113.66';

let tg: FakeTelegram;
let graph: FakeGraph;
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
const clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));

beforeAll(async () => {
  tg = await startFakeTelegram(TG_TOKEN);
  graph = await startFakeGraph(FB_TOKEN);
  db = tempSqliteUrl();
  const env = loadEnv({
    DATABASE_URL: db.url,
    PORT: '0',
    OUTBOX_POLL_MS: '20',
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    PUBLIC_URL: 'https://setu.example.org',
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_ROOT: tg.apiRoot,
    FB_PAGE_ACCESS_TOKEN: FB_TOKEN,
    FB_APP_SECRET: FB_SECRET,
    FB_VERIFY_TOKEN: 'fuzz-verify',
    FB_GRAPH_API_ROOT: graph.root,
    // The corpus comes from one address, the ordinary users from others (as behind a proxy).
    TRUSTED_PROXY: 'loopback',
  });
  setu = await start(env, createLogger('silent'), { telegramSender: { perChatIntervalMs: 0 }, clock });
});

afterAll(async () => {
  await setu.stop();
  await tg.close();
  await graph.close();
  db.cleanup();
});

interface Fuzz {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

const BANGLA_32K = 'ক'.repeat(32_000);
const ONE_MB_TEXT = 'অ'.repeat(350_000); // ~1 MB of UTF-8

function corpus(n: number, seed = 11): Fuzz[] {
  const r = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const oddIds: unknown[] = [1.5, 9_007_199_254_741_000, -0.5, '12', null, 1e308, -1, 0, 'abc', [], {}, 42, 7_000_000_123];
  const oddTexts: unknown[] = ['', ' ', 'hi', BANGLA_32K, '১'.repeat(5000), '?'.repeat(20_000) + 'a', 42, null, '\u0000\uFFFF', '/start x y z', '🙂'.repeat(3000)];
  const telegram = (): string => {
    const id = pick(oddIds);
    const shape = pick(['message', 'callback', 'garbage', 'edited']);
    const m = { message_id: pick(oddIds), date: 1_795_000_000, chat: { id, type: pick(['private', 'group', 'bogus']) }, from: { id, is_bot: false }, text: pick(oddTexts) };
    if (shape === 'callback') return JSON.stringify({ update_id: pick(oddIds), callback_query: { id: 'q', from: { id }, data: pick(oddTexts), message: m } });
    if (shape === 'garbage') return pick(['{', 'null', '[]', '{"update_id":"x"}', '"str"', '{"update_id":1,"message":5}']);
    return JSON.stringify({ update_id: pick(oddIds), [shape === 'edited' ? 'edited_message' : 'message']: m });
  };
  const messenger = (): string => {
    const psid = pick(['abc', '1.5', '', '１２３', '9'.repeat(40), '12345', '-7', pick(oddIds)]);
    const event = pick([
      { sender: { id: psid }, recipient: { id: TEST_PAGE_ID }, timestamp: 1, message: { mid: `m${r()}`, text: pick(oddTexts) } },
      { sender: { id: psid }, recipient: { id: TEST_PAGE_ID }, timestamp: 1, postback: { payload: pick(oddTexts) } },
      { sender: { id: psid }, timestamp: 'x' },
      { nothing: true },
    ]);
    return JSON.stringify(pick([{ object: 'page', entry: [{ id: TEST_PAGE_ID, time: 1, messaging: [event] }] }, { object: 'user' }, { object: 'page', entry: 'x' }, []]));
  };
  const web = (): string =>
    pick([
      JSON.stringify({ type: pick(['message', 'event', '', 7, null]), from: { id: pick(['user', '', 'y'.repeat(300), 5]) }, text: pick(oddTexts), value: pick([undefined, 'lang.bn', 'x'.repeat(100), {}]), channelData: { clientActivityID: pick(['c1', '', 'z'.repeat(300), 7]) } }),
      '{',
      'null',
      '[]',
    ]);
  // Direct Line ids and tokens no one was given: made up, too long, of another shape.
  const conversation = (): string => pick(['x'.repeat(24), 'abc', '%00', '..', 'A'.repeat(300)]);
  const bearer = (): Record<string, string> => pick<Record<string, string>>([{}, { authorization: 'Bearer x' }, { authorization: `Bearer ${'a'.repeat(600)}` }, { authorization: `Bearer ${'b'.repeat(40)}.${'c'.repeat(43)}` }, { authorization: 'Basic zz' }]);
  const officerForm = (): { type: string; body: string } =>
    pick([
      { type: 'multipart/form-data; boundary=zzz', body: '--zzz\r\nContent-Disposition: form-data; name="username"\r\n\r\nabc' },
      { type: 'multipart/form-data', body: 'garbage' },
      { type: 'application/x-www-form-urlencoded', body: `username=${'u'.repeat(20_000)}&password=x` },
      { type: 'application/x-www-form-urlencoded', body: '%%%=%%%&&&' },
      { type: 'application/json', body: '{"username":1}' },
    ]);
  const out: Fuzz[] = [];
  for (let i = 0; i < n; i++) {
    const headers: Record<string, string> = { 'x-forwarded-for': ATTACKER };
    const route = pick(['web', 'web', 'telegram', 'telegram', 'messenger', 'messenger', 'officer', 'health', 'page', 'other']);
    if (route === 'telegram') {
      if (r() < 0.8) headers['x-telegram-bot-api-secret-token'] = TG_SECRET;
      out.push({ method: pick(['POST', 'POST', 'GET']), path: '/telegram/webhook', headers: { ...headers, 'content-type': 'application/json' }, body: telegram() });
    } else if (route === 'messenger') {
      const body = messenger();
      if (r() < 0.8) headers['x-hub-signature-256'] = sign(body, r() < 0.9 ? FB_SECRET : 'wrong');
      out.push({ method: pick(['POST', 'POST', 'GET', 'PUT']), path: pick(['/messenger/webhook', '/messenger/webhook?hub.mode=subscribe&hub.challenge=x']), headers: { ...headers, 'content-type': 'application/json' }, body });
    } else if (route === 'web') {
      out.push(
        pick([
          { method: 'POST', path: `/v3/directline/conversations/${conversation()}/activities`, headers: { ...headers, ...bearer(), 'content-type': 'application/json' }, body: web() },
          { method: 'GET', path: `/v3/directline/conversations/${conversation()}/activities?watermark=${pick(['-1', 'x', '1e309', '0', ''])}`, headers: { ...headers, ...bearer() } },
          { method: 'POST', path: `/v3/directline/conversations/${conversation()}/upload`, headers: { ...headers, ...bearer(), 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc' },
          { method: 'POST', path: '/v3/directline/tokens/generate', headers: { ...headers, 'content-type': 'application/json' }, body: web() },
          { method: 'POST', path: '/v3/directline/tokens/refresh', headers: { ...headers, ...bearer() } },
          { method: 'DELETE', path: '/v3/directline/conversations', headers },
        ]),
      );
    } else if (route === 'officer') {
      const form = officerForm();
      out.push({
        method: pick(['POST', 'GET', 'POST']),
        path: pick(['/officer', '/officer/signin', '/officer/cases/000000000', '/officer/welcome/nope', '/officer/export.csv?reveal=1', '/officer/../etc/passwd']),
        headers: { ...headers, 'content-type': form.type },
        body: form.body,
      });
    } else if (route === 'health') out.push({ method: 'GET', path: '/health', headers });
    else if (route === 'page') out.push({ method: 'GET', path: pick(['/', '/?lang=en', '/?lang=%ff']), headers });
    else out.push({ method: pick(['GET', 'POST', 'OPTIONS']), path: pick(['/nope', '//', '/web', '/telegram']), headers, body: 'x' });
  }
  // The worst of the tester's findings, once each: 1 MB texts through both webhooks and the web chat.
  out.push({ method: 'POST', path: `/v3/directline/conversations/${'x'.repeat(24)}/activities`, headers: { 'content-type': 'application/json', 'x-forwarded-for': ATTACKER, authorization: 'Bearer x' }, body: JSON.stringify({ type: 'message', text: ONE_MB_TEXT }) });
  const tgBig = JSON.stringify({ update_id: 99, message: { message_id: 1, date: 1, chat: { id: 555, type: 'private' }, text: BANGLA_32K } });
  out.push({ method: 'POST', path: '/telegram/webhook', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET }, body: tgBig });
  const fbBig = JSON.stringify({ object: 'page', entry: [{ id: TEST_PAGE_ID, time: 1, messaging: [{ sender: { id: '777' }, recipient: { id: TEST_PAGE_ID }, timestamp: 1, message: { mid: 'big', text: 'অ'.repeat(300_000) } }] }] });
  out.push({ method: 'POST', path: '/messenger/webhook', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(fbBig, FB_SECRET) }, body: fbBig });
  return out;
}

/** One raw request; the status, or 'reset' when the connection broke. */
function send(f: Fuzz): Promise<number | 'reset'> {
  const url = new URL(setu.url);
  return new Promise((resolve) => {
    // With its length: Node's client sends a GET's body unframed otherwise, which is no HTTP at all.
    const length = f.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(f.body)) };
    const req = request({ host: url.hostname, port: url.port, method: f.method, path: f.path, headers: { ...f.headers, ...length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve('reset'));
    req.end(f.body);
  });
}

async function runAll(items: Fuzz[], concurrency: number): Promise<Array<number | 'reset'>> {
  const results: Array<number | 'reset'> = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        const item = items[i];
        if (item) results[i] = await send(item);
      }
    }),
  );
  return results;
}

const sentTo = (chatId: number) => tg.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === chatId);
const sentToPsid = (psid: string) => graph.calls.filter((c) => c.path === '/me/messages' && 'message' in c.body && (c.body.recipient as { id: string }).id === psid);

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a seeded fuzz corpus against every public route', () => {
  it('leaves no 5xx and no broken connections, no outbox rows for impossible ids, and ordinary conversations answered on all three channels', async () => {
    const items = corpus(900);
    const results = await runAll(items, 8);
    const bad = results.map((s, i) => ({ s, f: items[i], prev: items[i - 1], ps: results[i - 1] })).filter(({ s }) => s === 'reset' || (typeof s === 'number' && s >= 500));
    expect(bad.map(({ s, f, prev, ps }) => `${String(s)} ${f?.method} ${f?.path} AFTER ${String(ps)} ${prev?.method} ${prev?.path} ${String(prev?.body ?? '').slice(0, 80)}`)).toEqual([]);
    await setu.messenger?.idle();
    await setu.app.pipeline.idle();
    await setu.app.worker.drain();

    const contacts = await setu.app.db.prisma.outboxMessage.findMany({ distinct: ['contactId'], select: { contactId: true } });
    const impossible = contacts
      .map((c) => c.contactId)
      .filter((id) => {
        const [channel, ...rest] = id.split(':');
        const user = rest.join(':');
        if (channel === 'telegram') return !/^-?\d+$/.test(user) || !Number.isSafeInteger(Number(user));
        if (channel === 'messenger') return !/^\d{1,32}$/.test(user);
        // Direct Line conversations: only ids Setu made (18 random bytes, base64url).
        if (channel === 'directline') return !/^[A-Za-z0-9_-]{24}$/.test(user);
        return true;
      });
    expect(impossible).toEqual([]);

    // Telegram: a new private chat says hello and is welcomed.
    const chatId = 4_242_424_242;
    const update = { update_id: 50_000_001, message: { message_id: 1, date: 1_795_000_000, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, language_code: 'bn' }, text: '/start' } };
    expect(await send({ method: 'POST', path: '/telegram/webhook', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET }, body: JSON.stringify(update) })).toBe(200);
    await until(() => sentTo(chatId).length > 0, 'the Telegram welcome');

    // Messenger: Get Started, then the age question answered with 32,000 Bangla letters: the question comes back.
    const psid = '31415926535';
    let mid = 0;
    const fb = async (event: object): Promise<void> => {
      const raw = JSON.stringify({ object: 'page', entry: [{ id: TEST_PAGE_ID, time: 1, messaging: [{ sender: { id: psid }, recipient: { id: TEST_PAGE_ID }, timestamp: clock.now().getTime(), ...event }] }] });
      expect(await send({ method: 'POST', path: '/messenger/webhook', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw, FB_SECRET) }, body: raw })).toBe(200);
      await setu.messenger?.idle();
      await setu.app.worker.drain();
      clock.advance(5_000);
    };
    await fb({ postback: { mid: `p${++mid}`, title: 'Get Started', payload: 'GET_STARTED' } });
    expect(sentToPsid(psid).length).toBeGreaterThan(0);
    await fb({ message: { mid: `p${++mid}`, text: 'English' } });
    await fb({ message: { mid: `p${++mid}`, text: 'Will my mother get the old age allowance?' } });
    const beforeLong = sentToPsid(psid).length;
    await fb({ message: { mid: `p${++mid}`, text: BANGLA_32K } });
    const afterLong = sentToPsid(psid).slice(beforeLong).map((c) => JSON.stringify(c.body.message));
    expect(afterLong.join('\n')).toMatch(/too long/);
    expect(afterLong.join('\n')).toMatch(/How old/i);

    // The web chat (Direct Line), from another address than the corpus's.
    const visitor = { 'x-forwarded-for': '198.51.100.7' };
    const made = (await (await fetch(`${setu.url}/v3/directline/tokens/generate`, { method: 'POST', headers: visitor })).json()) as { conversationId: string; token: string };
    const started = await fetch(`${setu.url}/v3/directline/conversations`, { method: 'POST', headers: { ...visitor, authorization: `Bearer ${made.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(started.status).toBe(201);
    await until(async () => (await setu.app.db.prisma.outboxMessage.count({ where: { contactId: `directline:${made.conversationId}`, status: 'sent' } })) > 0, 'the web welcome');

    const health = await fetch(`${setu.url}/health`);
    expect(health.status).toBe(200);
  });
});

/** A body streamed in chunks by a client that keeps sending while the server answers. */
function streamed(path: string, bytes: number, headers: Record<string, string>, chunked = false): Promise<{ status: number | 'reset'; body: string }> {
  const url = new URL(setu.url);
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path, headers: chunked ? headers : { ...headers, 'content-length': String(bytes) } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve({ status: 'reset', body: '' }));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const write = (): void => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

describe('body limits on every route', () => {
  it.each([
    ['/v3/directline/tokens/generate', { 'content-type': 'application/json' }, 2 * 1024 * 1024],
    ['/telegram/webhook', { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET }, 2 * 1024 * 1024],
    ['/messenger/webhook', { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) }, 2 * 1024 * 1024],
    ['/officer/signin', { 'content-type': 'application/x-www-form-urlencoded' }, 20 * 1024 * 1024],
    ['/officer/cases/123456789/act', { 'content-type': 'application/x-www-form-urlencoded' }, 2 * 1024 * 1024],
  ])('%s: an oversized body gets 413 with a reason, streamed with or without a length', async (path, headers, bytes) => {
    for (const chunked of [false, true]) {
      const res = await streamed(path, bytes, headers, chunked);
      expect(`${chunked ? 'chunked' : 'length'} ${String(res.status)}`).toBe(`${chunked ? 'chunked' : 'length'} 413`);
      expect(res.body).toMatch(/too large/);
    }
  });

  it('an 8 MB username is refused before it is read, echoed or stored', async () => {
    const before = await setu.app.db.prisma.signInThrottle.count();
    const res = await fetch(`${setu.url}/officer/signin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=${'u'.repeat(8 * 1024 * 1024)}&password=x` });
    expect(res.status).toBe(413);
    expect((await res.text()).length).toBeLessThan(100);
    expect(await setu.app.db.prisma.signInThrottle.count()).toBe(before);
  });

  it('a malformed multipart form is a 400, not a 500', async () => {
    for (const path of ['/officer/signin', '/officer', '/officer/cases/123456789/act']) {
      const res = await fetch(`${setu.url}${path}`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nContent-Disposition: form-data; name="username"\r\n\r\nabc' });
      expect(res.status).toBe(400);
    }
  });

  it('the web chat (Direct Line): 429 with Retry-After for one address past its rate of messages, others unaffected', async () => {
    const open = async (ip: string) => {
      const made = (await (await fetch(`${setu.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'x-forwarded-for': ip } })).json()) as { conversationId: string; token: string };
      return { ip, ...made };
    };
    const post = (c: { ip: string; conversationId: string; token: string }, n: number) =>
      fetch(`${setu.url}/v3/directline/conversations/${c.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': c.ip, authorization: `Bearer ${c.token}` },
        body: JSON.stringify({ type: 'message', from: { id: 'user' }, text: 'hello', channelData: { clientActivityID: `r${n}` } }),
      });
    const busy = await open('192.0.2.9');
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await post(busy, i)).status);
    // WEB_RATE_BURST (30) at once; the clock stands still, so nothing more.
    expect(statuses.filter((s) => s === 200).length).toBe(30);
    const refused = await post(busy, 99);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await post(await open('192.0.2.10'), 1)).status).toBe(200);
  });
});

describe('ids checked at the doors', () => {
  const tgPost = (update: object) =>
    fetch(`${setu.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET }, body: JSON.stringify(update) });
  const fbPost = (body: object) => {
    const raw = JSON.stringify(body);
    return fetch(`${setu.url}/messenger/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw, FB_SECRET) }, body: raw });
  };

  it('a Telegram chat id that is not a safe integer is a 400, and nothing is queued for it', async () => {
    for (const id of [1.5, 9_007_199_254_741_000]) {
      const res = await tgPost({ update_id: 60_000_000 + Math.floor(id % 1000), message: { message_id: 1, date: 1, chat: { id, type: 'private' }, from: { id: 1, is_bot: false }, text: 'hi' } });
      expect(res.status).toBe(400);
    }
    await setu.app.pipeline.idle();
    expect(await setu.app.db.prisma.outboxMessage.count({ where: { contactId: { in: ['telegram:1.5', 'telegram:9007199254741000'] } } })).toBe(0);
  });

  it('a Messenger sender that is not a page-scoped id is a 400; a very long text is cut and answered', async () => {
    const event = (psid: string, text: string, mid: string) => ({ object: 'page', entry: [{ id: TEST_PAGE_ID, time: 1, messaging: [{ sender: { id: psid }, recipient: { id: TEST_PAGE_ID }, timestamp: clock.now().getTime(), message: { mid, text } }] }] });
    expect((await fbPost(event('abc', 'hi', 'door1'))).status).toBe(400);
    expect((await fbPost(event('1.5', 'hi', 'door2'))).status).toBe(400);
    expect((await fbPost(event('2718281828', 'অ'.repeat(200_000), 'door3'))).status).toBe(200);
    await setu.messenger?.idle();
    await setu.app.worker.drain();
    expect(sentToPsid('2718281828').length).toBeGreaterThan(0);
  });
});
