import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { childrenOf, placeByCode, searchPlaces } from '../../src/domain/geo/index.ts';
import { areasAbove, areasUnder, maySendNotices, noticeReaches, readNotice, NOTICE_TITLE_MAX } from '../../src/domain/officers/noticeReach.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { tempSqliteUrl, TEST_DATA_KEY } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.ts';
import { readOutbox } from '../support/outbox.ts';
import { until } from '../support/waiting.ts';
import { createOfficer, FormClient, signedIn } from '../support/workspace.ts';

/**
 * Notices from an office to the offices below it, over HTTP against a
 * temporary SQLite database, with a stand-in Bot API: who receives a notice
 * and who does not, read receipts, Telegram messages through the outbox,
 * refusals, and officers' words shown as text.
 */

const TOKEN = '123456:TEST-notices';
const PUBLIC_URL = 'https://setu.example.org';
const NOW = Date.parse('2026-12-07T04:00:00Z');
const MINUTE = 60_000;

let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
let telegram: FakeTelegram;
const clock = new FixedClock(NOW);

// Gopalganj district: two of its upazilas and a union of the first; Kaunia upazila of Rangpur district, elsewhere.
const district = searchPlaces('gopalganj', { levels: ['district'] })[0]?.place.code ?? '';
const [upazila1 = '', upazila2 = ''] = childrenOf(district).map((p) => p.code);
const union1 = childrenOf(upazila1)[0]?.code ?? '';
const union2 = childrenOf(upazila2)[0]?.code ?? '';
const kaunia = searchPlaces('kaunia', { levels: ['upazila'] })[0]?.place.code ?? '';
const kauniaUnion = childrenOf(kaunia)[0]?.code ?? '';
const UNION_CHAT = '7001';
const UPAZILA_CHAT = '7002';

type Who = 'district' | 'peer' | 'upazila1' | 'upazila2' | 'union1' | 'otherUpazila' | 'otherUnion' | 'admin';
const ids = {} as Record<Who | 'disabled', string>;
const clients = {} as Record<Who, FormClient>;

const csrfOf = async (client: FormClient) => FormClient.csrf((await client.get('/officer/notices')).text);
const noticeCount = () => setu.app.db.prisma.officeNotice.count();
/** Sends a notice through the form; returns the response and the new notice's id (from the redirect). */
async function send(who: Who, form: { kind?: string; title: string; body: string }) {
  const res = await clients[who].post('/officer/notices', { _csrf: await csrfOf(clients[who]), kind: form.kind ?? 'instruction', title: form.title, body: form.body });
  const id = res.headers.get('location')?.match(/^\/officer\/notices\/([^?]+)\?done=sent$/)?.[1] ?? '';
  return { ...res, id };
}
/** The list item of a notice on an officer's notices page, or '' when it is not there. */
const itemOf = (html: string, id: string) => html.match(new RegExp(`<li data-notice="${id}"[^>]*>[\\s\\S]*?</li>`))?.[0] ?? '';

beforeAll(async () => {
  expect([district, upazila1, upazila2, union1, union2, kaunia, kauniaUnion].every((c) => c !== '')).toBe(true);
  telegram = await startFakeTelegram(TOKEN);
  db = tempSqliteUrl();
  setu = await start(
    loadEnv({ DATABASE_URL: db.url, PORT: '0', SETU_DATA_KEY: TEST_DATA_KEY, TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL, TELEGRAM_WEBHOOK_SECRET: 'notices_secret', TELEGRAM_API_ROOT: telegram.apiRoot, LOG_LEVEL: 'silent' }),
    createLogger('silent'),
    { telegramSender: { perChatIntervalMs: 0 }, clock },
  );
  const add = (name: string, username: string, role: 'union' | 'upazila' | 'district' | 'admin', areaCode: string, language: 'bn' | 'en') =>
    createOfficer(setu.app, { name, username, role, areaCode, language });
  ids.district = await add('Dilruba District', 'district', 'district', district, 'en');
  ids.peer = await add('Parvez Peer', 'peer', 'district', district, 'en');
  ids.upazila1 = await add('Ujjal Upazila', 'upazila1', 'upazila', upazila1, 'en');
  ids.upazila2 = await add('Uma Upazila', 'upazila2', 'upazila', upazila2, 'en');
  ids.union1 = await add('নাসরিন ইউনিয়ন', 'union1', 'union', union1, 'bn');
  ids.otherUpazila = await add('Kamal Kaunia', 'otherupazila', 'upazila', kaunia, 'en');
  ids.otherUnion = await add('Karim Kaunia Union', 'otherunion', 'union', kauniaUnion, 'en');
  ids.admin = await add('Admin', 'admin', 'admin', 'BD', 'en');
  ids.disabled = await add('Gone Union', 'gone', 'union', union2, 'en');
  await setu.app.db.prisma.officer.update({ where: { id: ids.disabled }, data: { disabledAt: new Date(NOW) } });
  // Two have linked Telegram: the union officer of the district (Bangla), and the upazila officer of Kaunia.
  await setu.app.db.prisma.officer.update({ where: { id: ids.union1 }, data: { telegramChatId: UNION_CHAT } });
  await setu.app.db.prisma.officer.update({ where: { id: ids.otherUpazila }, data: { telegramChatId: UPAZILA_CHAT } });
  const usernames: Record<Who, string> = { district: 'district', peer: 'peer', upazila1: 'upazila1', upazila2: 'upazila2', union1: 'union1', otherUpazila: 'otherupazila', otherUnion: 'otherunion', admin: 'admin' };
  for (const [who, username] of Object.entries(usernames) as [Who, string][]) clients[who] = await signedIn(setu.url, username);
});

afterAll(async () => {
  await setu.stop();
  await telegram.close();
  db.cleanup();
});

describe('who a notice reaches (the rule)', () => {
  it('reaches every area strictly below the sending one, and no other', () => {
    expect(noticeReaches(district, upazila1)).toBe(true);
    expect(noticeReaches(district, union1)).toBe(true);
    expect(noticeReaches(upazila1, union1)).toBe(true);
    expect(noticeReaches(upazila1, union2)).toBe(false);
    expect(noticeReaches(district, district)).toBe(false);
    expect(noticeReaches(district, kaunia)).toBe(false);
    expect(noticeReaches(union1, upazila1)).toBe(false);
    expect(noticeReaches(district, 'BD')).toBe(false);
    expect(areasUnder(district)).toContain(union2);
    expect(areasUnder(district)).not.toContain(district);
    expect(areasAbove(union1)).toEqual([placeByCode(district)?.parent, district, upazila1]);
  });

  it('is sent by district and upazila offices only', () => {
    expect(maySendNotices({ role: 'district', areaCode: district })).toBe(true);
    expect(maySendNotices({ role: 'upazila', areaCode: upazila1 })).toBe(true);
    expect(maySendNotices({ role: 'union', areaCode: union1 })).toBe(false);
    expect(maySendNotices({ role: 'hq', areaCode: 'BD' })).toBe(false);
    expect(maySendNotices({ role: 'admin', areaCode: 'BD' })).toBe(false);
    // An area that does not fit the role (not possible through accounts, refused anyway).
    expect(maySendNotices({ role: 'district', areaCode: upazila1 })).toBe(false);
  });

  it('tidies what was typed and names every wrong field once', () => {
    expect(readNotice({ kind: 'good_practice', title: '  Ward\n lists  ', body: ' line one\r\nline two\u0007 ' })).toEqual({ ok: true, notice: { kind: 'good_practice', title: 'Ward lists', body: 'line one\nline two' } });
    expect(readNotice({ kind: 'memo', title: 'x'.repeat(NOTICE_TITLE_MAX + 1), body: ' \n ' })).toEqual({
      ok: false,
      problems: [
        { field: 'kind', reason: 'unknown' },
        { field: 'title', reason: 'too_long' },
        { field: 'body', reason: 'required' },
      ],
    });
  });
});

describe('a district officer sends an instruction', () => {
  const TITLE = 'Verify the widow allowance lists by Thursday';
  const BODY = 'Each union office checks its list against the NID server and reports the names that fail.\nSecret detail: only in the workspace.';
  let id = '';

  beforeAll(async () => {
    const res = await send('district', { title: TITLE, body: BODY });
    expect(res.status).toBe(303);
    id = res.id;
    expect(id).not.toBe('');
  });

  it('lands on its page, which says how many officers it reached', async () => {
    const page = await clients.district.get(`/officer/notices/${id}?done=sent`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('The notice was sent to 3 officers.');
    expect(page.text).toContain('Read by 0 of 3.');
  });

  it('two upazila officers and a union officer of the district see it unread; the other district and the sender\'s peer do not', async () => {
    for (const who of ['upazila1', 'upazila2', 'union1'] as const) {
      const page = await clients[who].get('/officer/notices');
      expect(page.status).toBe(200);
      const item = itemOf(page.text, id);
      expect(item, who).toContain(TITLE);
      expect(item, who).toContain('data-unread="true"');
    }
    expect(itemOf((await clients.upazila1.get('/officer/notices')).text, id)).toContain('Unread');
    expect(itemOf((await clients.union1.get('/officer/notices')).text, id)).toContain('নতুন');
    for (const who of ['otherUpazila', 'otherUnion', 'peer'] as const) {
      const page = await clients[who].get('/officer/notices');
      expect(page.status).toBe(200);
      expect(page.text, who).not.toContain(TITLE);
    }
  });

  it('is a 404 for an officer of another district, and for the sender\'s peer, and changes nothing', async () => {
    for (const who of ['otherUpazila', 'otherUnion', 'peer'] as const) {
      const page = await clients[who].get(`/officer/notices/${id}`);
      expect(page.status, who).toBe(404);
      expect(page.text).not.toContain(TITLE);
    }
    expect(await setu.app.db.prisma.officeNoticeRead.count({ where: { noticeId: id } })).toBe(0);
    expect((await clients.upazila1.get('/officer/notices/no-such-notice')).status).toBe(404);
  });

  it('is audited with its id and how many it reached, never its words', async () => {
    const entries = await setu.app.db.prisma.auditEntry.findMany({ where: { action: 'notice.send', actor: ids.district } });
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toEqual({ notice: id, recipients: 3 });
    expect(entries[0]?.detail).not.toContain('widow');
  });

  it('one opens it: the sender sees "read by 1 of 3", and who has read it and who not', async () => {
    clock.advance(MINUTE);
    const opened = await clients.upazila1.get(`/officer/notices/${id}`);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain(TITLE);
    expect(opened.text).toContain('Secret detail: only in the workspace.');
    expect(opened.text).toContain('From District Social Services Office, Gopalganj, Dilruba District');
    // A recipient sees no receipts.
    expect(opened.text).not.toContain('data-receipts');
    expect(itemOf((await clients.upazila1.get('/officer/notices')).text, id)).not.toContain('data-unread');

    const list = await clients.district.get('/officer/notices');
    expect(itemOf(list.text, id)).toContain('read by 1 of 3');
    const page = await clients.district.get(`/officer/notices/${id}`);
    expect(page.text).toContain('Read by 1 of 3.');
    const read = page.text.match(/<div data-list="read">([\s\S]*?)<\/div>/)?.[1] ?? '';
    const unread = page.text.match(/<div data-list="unread">([\s\S]*?)<\/div>/)?.[1] ?? '';
    expect(read).toContain('Ujjal Upazila');
    expect(read).toContain(placeByCode(upazila1)?.nameEn ?? '?');
    expect(unread).toContain('Uma Upazila');
    expect(unread).toContain(placeByCode(upazila2)?.nameEn ?? '?');
    expect(unread).toContain('নাসরিন ইউনিয়ন');
    expect(unread).toContain(placeByCode(union1)?.nameEn ?? '?');
    // Disabled officers are not counted, nor the peer, nor anyone outside the district.
    for (const name of ['Gone Union', 'Parvez Peer', 'Kamal Kaunia', 'Karim Kaunia Union', 'Dilruba District']) expect(read + unread).not.toContain(name);
    // The sender opening their own notice is no read.
    expect(await setu.app.db.prisma.officeNoticeRead.count({ where: { noticeId: id, officerId: ids.district } })).toBe(0);
  });

  it('reading it twice keeps the first time', async () => {
    const first = await setu.app.db.prisma.officeNoticeRead.findUniqueOrThrow({ where: { noticeId_officerId: { noticeId: id, officerId: ids.upazila1 } } });
    clock.advance(60 * MINUTE);
    const again = await clients.upazila1.get(`/officer/notices/${id}`);
    expect(again.status).toBe(200);
    const after = await setu.app.db.prisma.officeNoticeRead.findMany({ where: { noticeId: id, officerId: ids.upazila1 } });
    expect(after).toHaveLength(1);
    expect(after[0]?.readAt.getTime()).toBe(first.readAt.getTime());
    expect(again.text).toContain('You first read it on');
    expect(itemOf((await clients.district.get('/officer/notices')).text, id)).toContain('read by 1 of 3');
  });

  it('a linked union officer gets the Telegram message in Bangla, with the title and without the body', async () => {
    const toUnion = () => telegram.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === UNION_CHAT);
    await until(() => toUnion().length > 0);
    const text = String(toUnion()[0]?.body.text);
    expect(text).toBe(`নতুন নোটিশ: ${TITLE} — জেলা সমাজসেবা কার্যালয়, ${placeByCode(district)?.nameBn ?? '?'}. পড়ুন: ${PUBLIC_URL}/officer/notices/${id}`);
    expect(text).not.toContain('NID');
    expect(text).not.toContain('Secret detail');
    expect(toUnion()).toHaveLength(1);
    // Through the outbox, sent, in a lane of the officer's own; the officer's chat never became a citizen's conversation.
    const rows = await readOutbox(setu.app, { channel: 'telegram', externalId: UNION_CHAT });
    expect(rows.map((r) => [r.status, r.purpose, r.message.lang])).toEqual([['sent', 'notice', 'bn']]);
    expect(await setu.app.db.prisma.outboxMessage.count({ where: { contactId: `officer:${ids.union1}` } })).toBe(1);
    expect(await setu.app.db.prisma.contact.count({ where: { id: `telegram:${UNION_CHAT}` } })).toBe(0);
    // The officer of the other district, linked too, heard nothing.
    expect(telegram.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === UPAZILA_CHAT)).toHaveLength(0);
  });

  it('headquarters and admins read every notice, but have no form to send one', async () => {
    const page = await clients.admin.get('/officer/notices');
    expect(page.text).toContain('All notices');
    expect(itemOf(page.text, id)).toContain(TITLE);
    expect(page.text).toContain('Headquarters and admins can read every office');
    expect(page.text).not.toContain('name="title"');
    expect((await clients.admin.get(`/officer/notices/${id}`)).status).toBe(200);
    // Reading it records no read the sender counts.
    expect(itemOf((await clients.district.get('/officer/notices')).text, id)).toContain('read by 1 of 3');
  });
});

describe('an upazila officer\'s notice', () => {
  it('reaches only the unions of that upazila', async () => {
    const title = `Good practice from ${placeByCode(upazila1)?.nameEn ?? ''}`;
    const res = await send('upazila1', { kind: 'good_practice', title, body: 'Hold the ward meeting on a market day.' });
    expect(res.status).toBe(303);
    expect(itemOf((await clients.union1.get('/officer/notices')).text, res.id)).toContain(title);
    expect(itemOf((await clients.union1.get('/officer/notices')).text, res.id)).toContain('উত্তম চর্চা');
    for (const who of ['upazila2', 'district', 'peer', 'otherUnion', 'otherUpazila'] as const) {
      expect((await clients[who].get('/officer/notices')).text, who).not.toContain(title);
      expect((await clients[who].get(`/officer/notices/${res.id}`)).status, who).toBe(404);
    }
    expect(itemOf((await clients.upazila1.get('/officer/notices')).text, res.id)).toContain('read by 0 of 1');
  });
});

describe('refusals', () => {
  it('a union officer has no send form, and a forged POST is refused (403), nothing saved', async () => {
    const page = await clients.union1.get('/officer/notices');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('action="/officer/notices"');
    expect(page.text).not.toContain('name="title"');
    const before = await noticeCount();
    const res = await send('union1', { title: 'From a union', body: 'Should not go.' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('আপনার অফিস নোটিশ পাঠাতে পারে না।');
    const admin = await send('admin', { title: 'From the admin', body: 'Should not go.' });
    expect(admin.status).toBe(403);
    expect(await noticeCount()).toBe(before);
  });

  it('a POST without the form\'s token is refused', async () => {
    const before = await noticeCount();
    const res = await clients.district.post('/officer/notices', { kind: 'instruction', title: 'No token', body: 'No token.' });
    expect(res.status).toBe(403);
    expect(await noticeCount()).toBe(before);
  });

  it('a title too long, or empty, is refused with a clear message, what was typed kept, nothing saved', async () => {
    const before = await noticeCount();
    const outbox = await setu.app.db.prisma.outboxMessage.count();
    const long = await send('district', { title: 'ক'.repeat(NOTICE_TITLE_MAX + 1), body: 'The text stays.' });
    expect(long.status).toBe(400);
    expect(long.text).toContain('The notice was not sent.');
    expect(long.text).toContain('The title is too long: at most 120 characters.');
    expect(long.text).toContain('The text stays.');
    const empty = await send('district', { title: '   ', body: 'Body without a title.' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Write a title.');
    const noKind = await send('district', { kind: 'memo', title: 'A title', body: '' });
    expect(noKind.status).toBe(400);
    expect(noKind.text).toContain('Choose instruction or good practice.');
    expect(noKind.text).toContain('Write the text of the notice.');
    expect(await noticeCount()).toBe(before);
    expect(await setu.app.db.prisma.outboxMessage.count()).toBe(outbox);
    expect(await setu.app.db.prisma.auditEntry.count({ where: { action: 'notice.send' } })).toBe(2);
  });
});

describe('officers\' words are text', () => {
  it('shows HTML in the title and body as text, on every page', async () => {
    const title = '<img src=x onerror=alert(1)> Title';
    const body = '<script>alert("x")</script>\n<b>bold</b> & more';
    const res = await send('district', { title, body });
    expect(res.status).toBe(303);
    for (const [client, path] of [[clients.union1, `/officer/notices/${res.id}`], [clients.union1, '/officer/notices'], [clients.district, '/officer/notices'], [clients.district, `/officer/notices/${res.id}`]] as const) {
      const page = await client.get(path);
      expect(page.text, path).not.toContain('<script>alert');
      expect(page.text, path).not.toContain('<img src=x');
      expect(page.text, path).toContain('&lt;img src=x onerror=alert(1)&gt; Title');
    }
    const page = await clients.union1.get(`/officer/notices/${res.id}`);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n&lt;b&gt;bold&lt;/b&gt; &amp; more');
    // In Telegram, plain text as typed (no parse mode).
    await until(() => telegram.calls.some((c) => c.method === 'sendMessage' && String(c.body.text).includes(title)));
    const call = telegram.calls.find((c) => c.method === 'sendMessage' && String(c.body.text).includes(title));
    expect(call?.body.parse_mode).toBeUndefined();
  });

  it('the nav links to the notices on every page', async () => {
    expect((await clients.union1.get('/officer')).text).toContain('<a href="/officer/notices">নোটিশ</a>');
    expect((await clients.district.get('/officer/office')).text).toContain('<a href="/officer/notices">Notices</a>');
  });
});

describe('an officer who blocked the bot', () => {
  it('misses that one message, and every other message still goes', async () => {
    const calls = () => telegram.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === UNION_CHAT).length;
    const before = calls();
    telegram.script('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const blocked = await send('upazila1', { title: 'While blocked', body: 'Not delivered by Telegram.' });
    expect(blocked.status).toBe(303);
    await until(async () => (await setu.app.db.prisma.outboxMessage.findFirst({ where: { contactId: `officer:${ids.union1}` }, orderBy: { id: 'desc' } }))?.status === 'failed');
    // Unblocked again: the next notice arrives (the outbox did not stop at the refusal).
    const next = await send('district', { title: 'After unblocking', body: 'Delivered.' });
    expect(next.status).toBe(303);
    await until(() => telegram.calls.some((c) => c.method === 'sendMessage' && String(c.body.chat_id) === UNION_CHAT && String(c.body.text).includes('After unblocking')));
    expect(calls()).toBe(before + 2);
    // The notice itself is in the workspace all along.
    expect(itemOf((await clients.union1.get('/officer/notices')).text, blocked.id)).toContain('While blocked');
  });
});
