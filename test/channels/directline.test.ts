import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Running } from '../../src/main.ts';
import { tempSqliteUrl } from '../support/appHarness.ts';
import { DirectLineClient, startSetu, type DlActivity } from '../support/directLine.ts';
import { FixedClock } from '../support/engineHarness.ts';

/**
 * Setu's own Direct Line 3.0 over real HTTP: what Web Chat does (a token,
 * the conversation started with it, Setu's welcome without a word sent,
 * messages and button presses, activities read by watermark), and that a
 * conversation is read and written only with its own token.
 */

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

function place(): { url: string; dataDir: string } {
  const db = tempSqliteUrl();
  const dataDir = mkdtempSync(join(tmpdir(), 'setu-dl-data-'));
  stops.push(() => {
    db.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { url: db.url, dataDir };
}

async function boot(where: { url: string; dataDir: string }, clock?: FixedClock): Promise<Running> {
  const running = await startSetu(where.url, where.dataDir, clock ? { clock } : {});
  stops.push(() => running.stop());
  return running;
}

const ids = (activities: readonly DlActivity[]): string[] => activities.map((a) => a.id);

/** Old-age allowance for one's mother, in Bangla, to the verdict: each step's text or button, and what Setu asks next. */
const ELIGIBILITY: Array<{ say?: string; press?: string; expect: RegExp }> = [
  { say: 'আমার মা কি বয়স্ক ভাতা পাবে?', expect: /তাঁর বয়স কত বছর/ },
  { say: '৬৭ বছর', expect: /বৈবাহিক অবস্থা/ },
  { press: 'ms.married', expect: /বেলায় খাটে/ },
  { press: 'chk.none', expect: /তাঁর আয় কত/ },
  { say: 'মাসে ৫০০ টাকা', expect: /ঠিক আছে\?/ },
  { press: 'rb.ok', expect: /তিনি সম্ভবত পেতে পারেন/ },
];

describe('Direct Line: a whole conversation', () => {
  it('welcomes without a word sent, then takes a Bangla eligibility check to its verdict, polling by watermark', async () => {
    const setu = await boot(place());
    const dl = await DirectLineClient.generate(setu.url);
    expect(dl.conversationId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const started = await dl.start();
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ conversationId: dl.conversationId, expires_in: expect.any(Number) });
    expect(started.body.expires_in).toBeLessThanOrEqual(1800);
    expect(started.body.streamUrl).toMatch(new RegExp(`^ws://.+/v3/directline/conversations/${dl.conversationId}/stream\\?watermark=0&t=`));

    // The welcome, with nothing posted: Web Chat sends no join event.
    const welcome = await dl.replies();
    expect(welcome.every((a) => a.from.role === 'bot' && a.from.id === 'setu')).toBe(true);
    expect(welcome[0]?.text).toMatch(/সেতুতে স্বাগতম/);
    const menu = welcome.at(-1);
    expect(menu?.locale).toBe('bn-BD');
    expect(menu?.suggestedActions?.actions.map((a) => a.value)).toEqual(expect.arrayContaining(['menu.eligibility', 'lang.en']));
    // Web Chat throws on an imBack whose value is not a string.
    for (const a of menu?.suggestedActions?.actions ?? []) {
      expect(a.type).toBe('imBack');
      expect(typeof a.value).toBe('string');
    }
    // Starting again (a reload with the same token) does not welcome twice.
    expect((await dl.start()).status).toBe(201);

    let verdict: DlActivity[] = [];
    for (const step of ELIGIBILITY) {
      const posted = step.press ? await dl.press(step.press) : await dl.say(step.say ?? '');
      expect(posted.status).toBe(200);
      const got = await dl.replies();
      // The user's message comes back first (the echo Web Chat waits for), with the server's id, then Setu's answers to it.
      const echo = got[0];
      expect(echo).toMatchObject({ id: posted.id, type: 'message', channelId: 'directline', conversation: { id: dl.conversationId }, from: { role: 'user' } });
      expect(Date.parse(echo?.timestamp ?? '')).not.toBeNaN();
      const answers = got.slice(1);
      expect(answers.length).toBeGreaterThan(0);
      for (const a of answers) expect(a).toMatchObject({ from: { role: 'bot' }, replyToId: posted.id, channelId: 'directline', locale: 'bn-BD' });
      expect(DirectLineClient.botTexts(answers).join('\n')).toMatch(step.expect);
      // A pressed button is echoed with its label, not its id.
      if (step.press) expect(echo?.text).not.toBe(step.press);
      verdict = answers;
    }
    expect(DirectLineClient.botTexts(verdict).join('\n')).toMatch(/বয়স্ক ভাতা — মাসে ৬৫০ টাকা/);

    // Everything from the start, once each, in order; ids are `<conversation>|<n>` and the watermark is the last.
    const all = await dl.poll('0');
    expect(ids(all.activities)).toEqual(ids(dl.seen));
    expect(new Set(ids(all.activities)).size).toBe(all.activities.length);
    const numbers = all.activities.map((a) => Number(a.id.split('|')[1]));
    expect([...numbers].sort((x, y) => x - y)).toEqual(numbers);
    expect(all.watermark).toBe(String(numbers.at(-1)));
    // Polling past the end returns nothing and keeps the watermark.
    expect(await dl.poll(all.watermark)).toMatchObject({ activities: [], watermark: all.watermark });

    // The contact is the conversation, on channel 'directline'; what was said is sealed at rest.
    const contact = await setu.app.db.prisma.contact.findUniqueOrThrow({ where: { id: `directline:${dl.conversationId}` } });
    expect(contact.language).toBe('bn');
    const rows = await setu.app.db.prisma.directLineActivity.findMany({ where: { conversationId: dl.conversationId } });
    expect(rows.length).toBe(all.activities.length);
    for (const r of rows) {
      expect(r.activity).toMatch(/^v1:/);
      expect(r.activity).not.toContain('বয়স্ক');
    }
  });

  it('answers a message sent again (same clientActivityID) once, with the same echo', async () => {
    const setu = await boot(place());
    const dl = await DirectLineClient.generate(setu.url);
    await dl.start();
    await dl.replies();
    const body = { type: 'message', text: 'আমার মা কি বয়স্ক ভাতা পাবে?', channelData: { clientActivityID: 'resent-1' } };
    const post = () => fetch(dl.url('/activities'), { method: 'POST', headers: { ...dl.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const first = (await (await post()).json()) as { id: string };
    const again = (await (await post()).json()) as { id: string };
    expect(again.id).toBe(first.id);
    const got = await dl.replies();
    expect(got.filter((a) => a.from.role === 'user')).toHaveLength(1);
    expect(DirectLineClient.botTexts(got).filter((t) => /তাঁর বয়স কত বছর/.test(t))).toHaveLength(1);
  });

  it('takes a button given as a postBack value, types a label, and ignores an Adaptive Card submit', async () => {
    const setu = await boot(place());
    const dl = await DirectLineClient.generate(setu.url);
    await dl.start();
    await dl.replies();
    // A card's submit (an object value): stored as the user's message, nothing answered.
    const card = await dl.say('', { value: { anything: true, nested: { deep: 1 } } });
    expect(card.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const afterCard = await dl.poll();
    expect(afterCard.activities.map((a) => a.from.role)).toEqual(['user']);
    dl.watermark = afterCard.watermark;
    // A postBack: the value is the choice.
    await dl.say('', { value: 'menu.eligibility' });
    expect(DirectLineClient.botTexts(await dl.replies()).join('\n')).toMatch(/কার জন্য/);
    // A typed label works as the button (the engine matches labels).
    await dl.say('অন্য কারও জন্য');
    expect(DirectLineClient.botTexts(await dl.replies()).join('\n')).toMatch(/বয়স কত/);
  });
});

describe('Direct Line: a conversation is its token\'s only', () => {
  it('refuses another conversation\'s token (403), a forged one (403), none (401), and a gone conversation (404)', async () => {
    const setu = await boot(place());
    const a = await DirectLineClient.generate(setu.url);
    const b = await DirectLineClient.generate(setu.url);
    await a.start();
    await a.replies();
    const asB = new DirectLineClient(setu.url, a.conversationId, b.token);

    expect((await asB.poll('0')).status).toBe(403);
    expect((await asB.say('hello')).status).toBe(403);
    expect((await fetch(a.url(), { headers: asB.auth })).status).toBe(403);
    const upload = new FormData();
    upload.append('file', new Blob([Buffer.from('89504e470d0a1a0a', 'hex')], { type: 'image/png' }), 'x.png');
    expect((await fetch(a.url('/upload'), { method: 'POST', headers: asB.auth, body: upload })).status).toBe(403);
    // Nothing was added to A by B.
    expect((await a.poll('0')).activities.every((x) => x.from.role === 'bot')).toBe(true);

    // Forged: B's payload changed to name A's conversation, B's signature kept; a made-up token; a token signed by another key.
    const [payload = '', mac = ''] = b.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, c: a.conversationId })).toString('base64url')}.${mac}`;
    for (const token of [forged, 'not-a-token', `${payload}.${'A'.repeat(43)}`]) {
      const as = new DirectLineClient(setu.url, a.conversationId, token);
      expect((await as.poll('0')).status).toBe(403);
      expect((await as.say('hello')).status).toBe(403);
    }
    const other = place();
    const elsewhere = await startSetu(other.url, other.dataDir, { env: { SETU_DATA_KEY: 'b'.repeat(64) } });
    stops.push(() => elsewhere.stop());
    const foreign = await DirectLineClient.generate(elsewhere.url);
    expect((await new DirectLineClient(setu.url, foreign.conversationId, foreign.token).poll('0')).status).toBe(403);

    // No token at all.
    expect((await fetch(a.url('/activities'))).status).toBe(401);

    // A valid token whose conversation is gone.
    await setu.app.db.prisma.directLineConversation.delete({ where: { id: b.conversationId } });
    expect((await b.poll('0')).status).toBe(404);
    expect((await b.say('hello')).status).toBe(404);
  });

  it('refuses an expired token, and a refreshed one keeps the same conversation', async () => {
    const clock = new FixedClock(Date.now());
    const setu = await boot(place(), clock);
    const dl = await DirectLineClient.generate(setu.url);
    await dl.start();
    await dl.replies();
    const first = dl.token;

    clock.advance(20 * 60_000);
    const refreshed = await fetch(`${setu.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: dl.auth });
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as { conversationId: string; token: string; expires_in: number };
    expect(body.conversationId).toBe(dl.conversationId);
    expect(body.expires_in).toBe(1800);
    expect(body.token).not.toBe(first);

    // 31 minutes after it was made, the first token is refused; the refreshed one still works.
    clock.advance(11 * 60_000);
    const expired = new DirectLineClient(setu.url, dl.conversationId, first);
    expect((await expired.poll('0')).status).toBe(403);
    expect((await expired.say('hello')).status).toBe(403);
    expect((await fetch(`${setu.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: expired.auth })).status).toBe(403);
    dl.token = body.token;
    expect((await dl.poll('0')).status).toBe(200);
    expect((await dl.say('আমার মা কি বয়স্ক ভাতা পাবে?')).status).toBe(200);

    // And it too expires.
    clock.advance(31 * 60_000);
    expect((await dl.poll('0')).status).toBe(403);
  });

  it('never creates a conversation whose id a browser chose', async () => {
    const setu = await boot(place());
    const dl = await DirectLineClient.generate(setu.url);
    const chosen = 'my-own-conversation-id-1';
    // Asked for by name in the body: the token's conversation is started, not the named one.
    const started = await fetch(`${setu.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { ...dl.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: chosen, id: chosen, conversation: { id: chosen } }),
    });
    expect(((await started.json()) as { conversationId: string }).conversationId).toBe(dl.conversationId);
    // Used in the path with a valid token of another conversation, or with a token claiming it.
    const [payload = '', mac = ''] = dl.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const claiming = `${Buffer.from(JSON.stringify({ ...claims, c: chosen })).toString('base64url')}.${mac}`;
    for (const token of [dl.token, claiming]) {
      const as = new DirectLineClient(setu.url, chosen, token);
      expect((await as.say('hello')).status).toBe(403);
      expect((await as.poll('0')).status).toBe(403);
    }
    // Without a token: no conversation either.
    expect((await fetch(`${setu.url}/v3/directline/conversations`, { method: 'POST' })).status).toBe(401);
    const rows = await setu.app.db.prisma.directLineConversation.findMany();
    expect(rows.map((r) => r.id)).toEqual([dl.conversationId]);
    expect(await setu.app.db.prisma.directLineActivity.count({ where: { conversationId: chosen } })).toBe(0);
    expect(await setu.app.db.prisma.contact.count({ where: { id: `directline:${chosen}` } })).toBe(0);
  });

  it('limits new conversations per client address', async () => {
    const where = place();
    const setu = await startSetu(where.url, where.dataDir, { env: { DIRECTLINE_TOKENS_BURST: '3', DIRECTLINE_TOKENS_PER_MINUTE: '1' } });
    stops.push(() => setu.stop());
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await fetch(`${setu.url}/v3/directline/tokens/generate`, { method: 'POST' })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(await setu.app.db.prisma.directLineConversation.count()).toBe(3);
  });
});

describe('Direct Line: bad requests', () => {
  it('answers 415 to a body that is not JSON, 413 to a huge one, 400 to bad JSON or a non-Activity', async () => {
    const setu = await boot(place());
    const dl = await DirectLineClient.generate(setu.url);
    await dl.start();
    const post = (body: string | Uint8Array, type?: string) =>
      fetch(dl.url('/activities'), { method: 'POST', headers: { ...dl.auth, ...(type ? { 'content-type': type } : {}) }, body });
    expect((await post('text=hello', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post('{"type":"message","text":"hi"}', 'text/plain')).status).toBe(415);
    expect((await post('{"type":"message","text":"hi"}')).status).toBe(415);
    const huge = JSON.stringify({ type: 'message', text: 'ক'.repeat(100_000) });
    expect((await post(huge, 'application/json')).status).toBe(413);
    expect((await post('{not json', 'application/json')).status).toBe(400);
    expect((await post('[1,2,3]', 'application/json')).status).toBe(400);
    expect((await post('{"text":"no type"}', 'application/json')).status).toBe(400);
    expect((await post('{"type":"message","text":42}', 'application/json')).status).toBe(400);
    expect((await fetch(dl.url('/activities?watermark=abc'), { headers: dl.auth })).status).toBe(400);
    expect((await fetch(dl.url('/upload'), { method: 'POST', headers: { ...dl.auth, 'content-type': 'application/json' }, body: '{}' })).status).toBe(415);
    expect((await fetch(dl.url('/activities'), { method: 'DELETE', headers: dl.auth })).status).toBe(405);
    expect((await fetch(`${setu.url}/v3/directline/nothing`, { headers: dl.auth })).status).toBe(404);
    // Still answering after all that.
    expect((await dl.say('আমার মা কি বয়স্ক ভাতা পাবে?')).status).toBe(200);
  });
});

describe('Direct Line: nothing lost, nothing repeated', () => {
  it('reconnects from a watermark, and goes on after a restart on the same database', async () => {
    const where = place();
    let setu = await startSetu(where.url, where.dataDir);
    const dl = await DirectLineClient.generate(setu.url);
    await dl.start();
    await dl.replies();
    await dl.say(ELIGIBILITY[0]?.say ?? '');
    await dl.replies();
    const mark = dl.watermark;
    const before = [...dl.seen];

    // Reconnect (what Direct Line JS does when a stream drops): a fresh streamUrl from the watermark.
    const reconnect = await fetch(dl.url(`?watermark=${mark}`), { headers: dl.auth });
    expect(reconnect.status).toBe(200);
    const again = (await reconnect.json()) as { conversationId: string; token: string; streamUrl: string };
    expect(again.conversationId).toBe(dl.conversationId);
    expect(again.streamUrl).toContain(`watermark=${mark}&t=`);
    await dl.say(ELIGIBILITY[1]?.say ?? '');
    const after = await dl.replies();
    expect(after.map((a) => a.id).filter((id) => before.some((b) => b.id === id))).toEqual([]);

    // Setu stops mid-conversation and starts again on the same database: the token still opens it, the session goes on.
    const mark2 = dl.watermark;
    await setu.stop();
    setu = await startSetu(where.url, where.dataDir);
    stops.push(() => setu.stop());
    dl.base = setu.url;
    expect((await dl.poll(mark2)).activities).toEqual([]);
    await dl.press('ms.married');
    expect(DirectLineClient.botTexts(await dl.replies()).join('\n')).toMatch(/বেলায় খাটে/);

    // From the start: every activity once, those from before the restart unchanged.
    const all = await dl.poll('0');
    expect(ids(all.activities)).toEqual(ids(dl.seen));
    expect(all.activities.slice(0, before.length)).toEqual(before);
    expect(new Set(ids(all.activities)).size).toBe(all.activities.length);
  });
});

describe('Direct Line: the WebSocket stream', () => {
  /** Opens a streamUrl and keeps every frame. */
  async function openStream(url: string): Promise<{ ws: WebSocket; frames: Array<{ activities: DlActivity[]; watermark?: string }> }> {
    const ws = new WebSocket(url);
    const frames: Array<{ activities: DlActivity[]; watermark?: string }> = [];
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text) frames.push(JSON.parse(text) as { activities: DlActivity[]; watermark?: string });
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`stream refused: ${res.statusCode}`)));
    });
    stops.push(() => ws.close());
    return { ws, frames };
  }

  const messages = (frames: ReadonlyArray<{ activities: DlActivity[] }>): DlActivity[] => frames.flatMap((f) => f.activities).filter((a) => a.type === 'message');

  it('pushes the same activities, in the same order, with the same watermarks as polling', async () => {
    const setu = await boot(place());
    const dl = await DirectLineClient.generate(setu.url);
    const started = await dl.start();
    const { ws, frames } = await openStream(started.body.streamUrl);
    // The welcome was stored before the socket opened: it comes first, from watermark 0.
    await dl.replies();
    for (const step of ELIGIBILITY.slice(0, 3)) {
      if (step.press) await dl.press(step.press);
      else await dl.say(step.say ?? '');
      await dl.replies();
    }
    await expect.poll(() => messages(frames).length, { timeout: 5000 }).toBe(dl.seen.length);
    expect(messages(frames)).toEqual(dl.seen);
    // Each frame's watermark is its last activity's number; a typing activity came while Setu worked.
    for (const f of frames.filter((x) => x.watermark !== undefined)) expect(f.watermark).toBe(f.activities.at(-1)?.id.split('|')[1]?.replace(/^0+/, ''));
    expect(frames.flatMap((f) => f.activities).some((a) => a.type === 'typing' && a.from.role === 'bot')).toBe(true);
    ws.close();

    // A new stream from a watermark sends only what came after it.
    const mark = dl.seen[2]?.id.split('|')[1]?.replace(/^0+/, '') ?? '0';
    const reconnect = (await (await fetch(dl.url(`?watermark=${mark}`), { headers: dl.auth })).json()) as { streamUrl: string };
    const later = await openStream(reconnect.streamUrl);
    await expect.poll(() => messages(later.frames).length, { timeout: 5000 }).toBe(dl.seen.length - 3);
    expect(messages(later.frames)).toEqual(dl.seen.slice(3));
  });

  it('refuses a stream without its own token', async () => {
    const setu = await boot(place());
    const a = await DirectLineClient.generate(setu.url);
    const b = await DirectLineClient.generate(setu.url);
    const streamA = (await a.start()).body.streamUrl;
    const streamB = (await b.start()).body.streamUrl;
    const tokenOf = (url: string) => new URL(url).searchParams.get('t') ?? '';
    const refusal = (url: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => {
          ws.close();
          resolve(101);
        });
        ws.once('error', () => resolve(-1));
      });
    const pathA = streamA.split('?')[0];
    expect(await refusal(`${pathA}?watermark=0&t=${tokenOf(streamB)}`)).toBe(403);
    // The API token is not a stream token, nor the other way round.
    expect(await refusal(`${pathA}?watermark=0&t=${a.token}`)).toBe(403);
    expect((await new DirectLineClient(setu.url, a.conversationId, tokenOf(streamA)).poll('0')).status).toBe(403);
    expect(await refusal(`${pathA}?watermark=0`)).toBe(403);
    expect(await refusal(streamA)).toBe(101);
  });
});
