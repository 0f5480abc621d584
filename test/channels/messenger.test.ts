import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyToCitizen, transitionCase } from '../../src/app/cases/caseActions.ts';
import { loadEnv } from '../../src/config/env.ts';
import { formatTrackingNumber } from '../../src/domain/cases/trackingNumber.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { startFakeGraph, type FakeGraph, type FakeGraphCall } from '../support/fakeGraph.ts';
import { bribeGrievance, deliverer, eventBuilders, quickReplies, sends, shown, TEST_PAGE_ID as PAGE, trackingNumberIn, type Event } from '../support/messengerWebhook.ts';

/**
 * Messenger over the real HTTP webhook route, signed as Meta signs it,
 * against a local stand-in Graph API that checks the token and answers in
 * Graph's own success and error shapes.
 */

const TOKEN = 'EAAtestPageToken';
const APP_SECRET = 'test-app-secret';
const VERIFY = 'setu-verify-token';

let graph: FakeGraph;
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
const clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));

beforeAll(async () => {
  graph = await startFakeGraph(TOKEN);
  db = tempSqliteUrl();
  const env = loadEnv({
    DATABASE_URL: db.url,
    PORT: '0',
    OUTBOX_POLL_MS: '20',
    SETU_DATA_KEY: TEST_DATA_KEY,
    FB_PAGE_ACCESS_TOKEN: TOKEN,
    FB_APP_SECRET: APP_SECRET,
    FB_VERIFY_TOKEN: VERIFY,
    FB_GRAPH_API_ROOT: graph.root,
  });
  setu = await start(env, createLogger('silent'), { clock });
});

afterAll(async () => {
  await setu.stop();
  await graph.close();
  db.cleanup();
});

const b = eventBuilders(clock);
const { page, base, text, quick, postback, attachment } = b;
const deliver = deliverer({ setu: () => setu, graph: () => graph, appSecret: APP_SECRET, clock });
const transcript: string[] = [];

describe('Messenger webhook verification (GET)', () => {
  it('echoes hub.challenge for the right verify token and refuses a wrong one', async () => {
    const ok = await fetch(`${setu.url}/messenger/webhook?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${setu.url}/messenger/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1`);
    expect(wrong.status).toBe(403);
    const noMode = await fetch(`${setu.url}/messenger/webhook?hub.verify_token=${VERIFY}&hub.challenge=1`);
    expect(noMode.status).toBe(403);
  });
});

describe('Messenger webhook fixtures (POST)', () => {
  const WELCOME_BN = /সেতু/;
  type Fixture = { name: string; body: () => object | string; signature?: 'valid' | 'wrong' | 'missing'; status: number; check(calls: FakeGraphCall[]): void };
  const fixtures: Fixture[] = [
    { name: 'text from a new user: the welcome and the menu in Bangla, with a one-tap switch to English', body: () => page(text('2001', 'হ্যালো')), status: 200, check: (calls) => {
      const out = sends(calls, '2001');
      expect(out.map(shown).join('\n')).toMatch(WELCOME_BN);
      expect(quickReplies(out.at(-1)).map((q) => q.payload)).toEqual(['menu.eligibility', 'menu.grievance', 'menu.report', 'menu.status', 'menu.area', 'lang.en', 'menu.help']);
      expect(calls.some((c) => c.body.sender_action === 'typing_on')).toBe(true);
    } },
    { name: 'quick reply: the payload is the answer', body: () => page(quick('2001', 'lang.en', 'English')), status: 200, check: (calls) => {
      expect(shown(sends(calls, '2001')[0]!)).toMatch(/English/);
    } },
    { name: 'postback of a button: the payload is the answer', body: () => page(postback('2001', 'menu.status')), status: 200, check: (calls) => {
      expect(sends(calls, '2001').map(shown).join('\n')).toMatch(/tracking number/i);
    } },
    { name: 'Get Started: the welcome', body: () => page(postback('2002', 'GET_STARTED')), status: 200, check: (calls) => {
      expect(sends(calls, '2002').map(shown).join('\n')).toMatch(WELCOME_BN);
    } },
    { name: 'referral from m.me/<page>?ref=grievance: the grievance flow opens', body: () => page({ ...base('2002'), referral: { ref: 'grievance', source: 'SHORTLINK', type: 'OPEN_THREAD' } }), status: 200, check: (calls) => {
      expect(quickReplies(sends(calls, '2002').at(-1)).map((q) => q.payload)).toContain('cat.not_received');
    } },
    { name: 'image attachment where the flow takes none: a clear answer', body: () => page(attachment('2003', 'image', 'https://cdn.example/p.jpg')), status: 200, check: (calls) => {
      expect(sends(calls, '2003').length).toBeGreaterThan(0);
    } },
    { name: 'echo of our own message: nothing sent', body: () => page({ ...base(PAGE), recipient: { id: '2001' }, message: { mid: b.nextMid(), is_echo: true, text: 'x' } }), status: 200, check: (calls) => {
      expect(calls).toEqual([]);
    } },
    { name: 'read receipt: nothing sent', body: () => page({ ...base('2001'), read: { watermark: 1 } }), status: 200, check: (calls) => expect(calls).toEqual([]) },
    { name: 'delivery receipt: nothing sent', body: () => page({ ...base('2001'), delivery: { mids: ['m_1'], watermark: 1 } }), status: 200, check: (calls) => expect(calls).toEqual([]) },
    { name: 'batched entries and events: all handled, in order per user', body: () => ({
      object: 'page',
      entry: [
        { id: PAGE, time: 1, messaging: [text('2004', 'hello'), text('2005', 'হ্যালো')] },
        { id: PAGE, time: 2, messaging: [quick('2004', 'lang.bn', 'বাংলা')] },
      ],
    }), status: 200, check: (calls) => {
      const a = sends(calls, '2004').map(shown);
      // "hello" is answered in English, with a one-tap switch to Bangla, which the next event presses.
      expect(a[0]).toMatch(/Welcome to Setu/);
      expect(a.some((t) => /বাংলায় কথা বলব/.test(t))).toBe(true);
      expect(sends(calls, '2005').length).toBeGreaterThan(0);
    } },
    { name: 'a re-delivered mid: acknowledged, not answered again', body: () => page(text('2006', 'হ্যালো', 'm_dup')), status: 200, check: (calls) => {
      expect(sends(calls, '2006').length).toBeGreaterThan(0);
    } },
    // Dropped when it is recorded: not even a typing indicator goes out.
    { name: '… and the same mid once more', body: () => page(text('2006', 'হ্যালো', 'm_dup')), status: 200, check: (calls) => expect(calls).toEqual([]) },
    { name: 'wrong signature: 403, nothing handled', body: () => page(text('2007', 'হ্যালো')), signature: 'wrong', status: 403, check: (calls) => expect(calls).toEqual([]) },
    { name: 'missing signature: 401', body: () => page(text('2007', 'হ্যালো')), signature: 'missing', status: 401, check: (calls) => expect(calls).toEqual([]) },
    { name: 'malformed JSON (signed): 400', body: () => '{"object":"page","entry":[', status: 400, check: (calls) => expect(calls).toEqual([]) },
    { name: 'an object other than page: 400', body: () => ({ object: 'instagram', entry: [] }), status: 400, check: (calls) => expect(calls).toEqual([]) },
  ];

  for (const f of fixtures) {
    it(f.name, async () => {
      const { status, calls } = await deliver(f.body(), f.signature);
      expect(status).toBe(f.status);
      f.check(calls);
    });
  }

  it('recorded nothing for the refused calls and left no event unhandled', async () => {
    expect(await setu.app.db.prisma.contact.count({ where: { id: 'messenger:2007' } })).toBe(0);
    expect(await setu.app.db.prisma.webhookEvent.count({ where: { handledAt: null } })).toBe(0);
  });
});

describe('Messenger conversations', () => {
  const ELIGIBILITY = {
    bn: { id: '3001', age: '৭০', income: 'মাসে ৫০০', verdict: '✅ বয়স্ক ভাতা — সম্ভবত যোগ্য' },
    en: { id: '3002', age: '70', income: '500 a month', verdict: '✅ Old Age Allowance — likely eligible' },
  } as const;

  it.each(['bn', 'en'] as const)('%s: an eligibility check to its result, with every choice a quick reply or button that fits', async (lang) => {
    const e = ELIGIBILITY[lang];
    const steps: Event[] = [
      postback(e.id, 'GET_STARTED'),
      quick(e.id, `lang.${lang}`),
      quick(e.id, 'menu.eligibility'),
      quick(e.id, 'subj.self'),
      text(e.id, e.age),
      // The rare situations come as one checklist: none of them.
      ...['sex.female', 'ms.widowed', 'chk.none'].map((p) => quick(e.id, p)),
      text(e.id, e.income),
    ];
    const out: FakeGraphCall[] = [];
    for (const step of steps) {
      const { calls } = await deliver(page(step));
      out.push(...sends(calls, e.id));
      const said = 'postback' in step ? `[${(step.postback as { payload: string }).payload}]` : (step.message as { quick_reply?: { payload: string }; text?: string }).quick_reply ? `[${(step.message as { quick_reply: { payload: string } }).quick_reply.payload}]` : String((step.message as { text: string }).text);
      transcript.push(`${lang} user ${e.id} > ${said}`, ...sends(calls, e.id).map((c) => `  setu < ${shown(c).replaceAll('\n', ' ⏎ ')}${quickReplies(c).length ? `  [${quickReplies(c).map((q) => q.title).join(' | ')}]` : ''}`));
    }
    expect(out.map(shown).flatMap((t) => t.split('\n\n')).some((t) => t.startsWith(e.verdict))).toBe(true);
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const c of out) {
      expect(c.body.messaging_type).toBe('RESPONSE');
      const m = c.body.message as { quick_replies?: { title: string }[]; attachment?: { payload: { buttons: { title: string }[] } } };
      for (const title of [...(m.quick_replies ?? []), ...(m.attachment?.payload.buttons ?? [])].map((q) => q.title)) {
        expect([...segmenter.segment(title)].length).toBeLessThanOrEqual(20);
      }
      expect(shown(c).length).toBeLessThanOrEqual(2000);
    }
  });

  const GRIEVANCE = {
    bn: { id: '3101', place: 'টুঙ্গিপাড়া', one: '১', text: 'তিন মাস টাকা পাইনি।', receipt: /ট্র্যাকিং নম্বর: ([০-৯]{3}-[০-৯]{3}-[০-৯]{3})/u, status: /জমা হয়েছে, দেখা হয়নি/ },
    en: { id: '3102', place: 'tungipara gopalganj', one: '1', text: 'No money for three months.', receipt: /Tracking number: (\d{3}-\d{3}-\d{3})/, status: /received, not yet seen/ },
  } as const;

  it.each(['bn', 'en'] as const)('%s: a grievance from the persistent menu to its tracking number, with a voice note, then its status', async (lang) => {
    const g = GRIEVANCE[lang];
    const steps: Event[] = [
      postback(g.id, 'GET_STARTED'),
      quick(g.id, `lang.${lang}`),
      postback(g.id, 'START:grievance'),
      quick(g.id, 'cat.not_received'),
      quick(g.id, 'prog.old_age'),
      text(g.id, g.place),
      text(g.id, g.one),
      text(g.id, g.one),
      attachment(g.id, 'audio', `https://cdn.example/voice-${lang}.mp4`),
      text(g.id, g.text),
      quick(g.id, 'phone.skip'),
      quick(g.id, 'id.private'),
      quick(g.id, 'sum.submit'),
    ];
    const out: FakeGraphCall[] = [];
    for (const step of steps) out.push(...sends((await deliver(page(step))).calls, g.id));
    const number = out.map(shown).find((t) => g.receipt.test(t))?.match(g.receipt)?.[1] ?? '';
    expect(number).not.toBe('');
    const refs = (await setu.app.db.prisma.caseAttachment.findMany()).map((a) => a.ref);
    expect(refs).toContain(`messenger:https://cdn.example/voice-${lang}.mp4`);

    await deliver(page(postback(g.id, 'START:status')));
    const { calls } = await deliver(page(text(g.id, number)));
    expect(sends(calls, g.id).map(shown).join('\n')).toMatch(g.status);
  });
});

describe('Messenger: a citizen journalist', () => {
  it('reports someone left out, with a photo, from an m.me link, in Bangla', async () => {
    const psid = '3201';
    const steps: Event[] = [
      { ...base(psid), postback: { mid: 'm_ref_report', title: 'Get Started', payload: 'GET_STARTED', referral: { ref: 'report', source: 'SHORTLINK', type: 'OPEN_THREAD' } } },
      quick(psid, 'lang.bn'),
      ...['রহিমা বেগম', '৭২', 'মহিলা', 'টুঙ্গিপাড়া', '১', '১'].map((t) => text(psid, t)),
      quick(psid, 'prog.widow'),
      attachment(psid, 'image', 'https://cdn.example/rahima.jpg'),
      text(psid, 'স্বামী মারা গেছেন, কোনো আয় নেই, তালিকায় নাম নেই।'),
      quick(psid, 'consent.yes'),
      quick(psid, 'id.share'),
      quick(psid, 'sum.submit'),
    ];
    const out: FakeGraphCall[] = [];
    for (const step of steps) out.push(...sends((await deliver(page(step))).calls, psid));
    const report = await setu.app.db.prisma.case.findFirst({ where: { contactId: `messenger:${psid}`, kind: 'report' } });
    expect(report).toMatchObject({ subjectName: 'রহিমা বেগম', subjectAge: 72, consent: 'yes', channel: 'messenger', language: 'bn' });
    expect(out.map(shown).join('\n')).toContain(formatTrackingNumber(report?.trackingNumber ?? '', 'bn'));
    const photos = await setu.app.db.prisma.caseAttachment.findMany({ where: { caseId: report?.id ?? '' } });
    expect(photos.map((p) => p.ref)).toEqual(['messenger:https://cdn.example/rahima.jpg']);
  });
});

describe('Messenger 24-hour window', () => {
  async function lodge(psid: string): Promise<string> {
    const out: FakeGraphCall[] = [];
    for (const step of bribeGrievance(b, psid)) out.push(...sends((await deliver(page(step))).calls, psid));
    return trackingNumberIn(out);
  }

  it('a status change 30 hours later goes with ACCOUNT_UPDATE; an officer\'s reply waits and comes with the user\'s next message', async () => {
    const psid = '4001';
    const number = await lodge(psid);
    expect(number).toMatch(/^\d{9}$/);
    clock.advance(30 * 3_600_000);

    const before = graph.calls.length;
    expect(await transitionCase(setu.app.caseActions, { trackingNumber: number, to: 'acknowledged', actor: 'officer' })).toMatchObject({ ok: true });
    expect(await replyToCitizen(setu.app.caseActions, { trackingNumber: number, text: 'Please come to the Union office on Sunday.', actor: 'officer' })).toEqual({ ok: true });
    await setu.app.worker.drain();
    const late = sends(graph.calls.slice(before), psid);
    expect(late).toHaveLength(1);
    expect(late[0]?.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' });
    expect(shown(late[0]!)).toMatch(/has been seen by the officer/);
    const held = await setu.app.db.prisma.outboxMessage.findMany({ where: { contactId: `messenger:${psid}`, status: 'held' } });
    expect(held.map((h) => h.purpose)).toEqual(['officer_reply']);

    const { calls } = await deliver(page(text(psid, 'hello')));
    const next = sends(calls, psid);
    expect(shown(next[0]!)).toBe('Updates for you while you were away (1):');
    expect(shown(next[1]!)).toMatch(/the officer writes: Please come to the Union office on Sunday\./);
    expect(next.slice(2).length).toBeGreaterThan(0);
    for (const c of next) expect(c.body.messaging_type).toBe('RESPONSE');
    expect(await setu.app.db.prisma.outboxMessage.count({ where: { contactId: `messenger:${psid}`, status: 'held' } })).toBe(0);
    transcript.push(`window: 30 h later → ${JSON.stringify({ messaging_type: late[0]?.body.messaging_type, tag: late[0]?.body.tag })} "${shown(late[0]!)}"`, ...next.map((c) => `  next message < ${shown(c).replaceAll('\n', ' ⏎ ')}`));
  });

  it('the follow-up question 45 days after a money complaint is resolved goes as a status change does, with ACCOUNT_UPDATE and its three buttons; "no" pressed lodges the complaint', async () => {
    const psid = '4002';
    const steps = bribeGrievance(b, psid).map((e) => {
      const reply = (e.message as { quick_reply?: { payload: string } } | undefined)?.quick_reply;
      if (reply?.payload === 'cat.bribe') return quick(psid, 'cat.not_received');
      const m = e.message as { text?: string } | undefined;
      return m?.text === 'The union clerk asked for 2000 taka.' ? text(psid, 'No widow allowance for three months.') : e;
    });
    const out: FakeGraphCall[] = [];
    for (const step of steps) out.push(...sends((await deliver(page(step))).calls, psid));
    const number = trackingNumberIn(out);
    expect(number).toMatch(/^\d{9}$/);
    clock.advance(30 * 3_600_000);
    expect(await transitionCase(setu.app.caseActions, { trackingNumber: number, to: 'resolved', note: 'The allowance book is ready; the money will come.', actor: 'officer' })).toMatchObject({ ok: true });
    await setu.app.worker.drain();

    clock.advance(45 * 86_400_000);
    const before = graph.calls.length;
    expect(await setu.app.followUps()).toMatchObject({ asked: 1 });
    await setu.app.worker.drain();
    const late = sends(graph.calls.slice(before), psid);
    expect(late).toHaveLength(1);
    expect(late[0]?.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' });
    expect(shown(late[0]!)).toMatch(/Do you now get the full amount, on time\?/);
    const buttons = quickReplies(late[0]);
    expect(buttons.map((q) => q.payload)).toEqual([expect.stringMatching(/^fu\.\d+\.yes$/), expect.stringMatching(/^fu\.\d+\.partly$/), expect.stringMatching(/^fu\.\d+\.no$/)]);
    for (const q of buttons) expect([...q.title].length).toBeLessThanOrEqual(20);

    const { calls } = await deliver(page(quick(psid, buttons[2]?.payload ?? '', buttons[2]?.title)));
    expect(sends(calls, psid).map(shown).join('\n')).toMatch(/New tracking number: \d{3}-\d{3}-\d{3}/);
    const complaint = await setu.app.db.prisma.case.findFirst({ where: { contactId: `messenger:${psid}`, trackingNumber: { not: number } } });
    expect(complaint).toMatchObject({ category: 'not_received', programme: 'widow', channel: 'messenger' });
    transcript.push(`follow-up: 45 days after resolving → ${JSON.stringify({ messaging_type: late[0]?.body.messaging_type, tag: late[0]?.body.tag })} "${shown(late[0]!).replaceAll('\n', ' ⏎ ')}" [${buttons.map((q) => q.title).join(' | ')}]`);
  });
});

describe('Messenger Graph errors', () => {
  it('a rate limit (613) delays the reply, which then goes out', async () => {
    graph.script('/me/messages', { status: 400, error: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613 } });
    await deliver(page(postback('5001', 'GET_STARTED')));
    const row = await setu.app.db.prisma.outboxMessage.findFirst({ where: { contactId: 'messenger:5001' }, orderBy: { id: 'asc' } });
    expect(row?.status).toBe('pending');
    expect(row?.lastError).toMatch(/613/);
    clock.advance(61_000);
    await setu.app.worker.drain();
    expect(await setu.app.db.prisma.outboxMessage.count({ where: { contactId: 'messenger:5001', status: { not: 'sent' } } })).toBe(0);
  });

  it('a user who cannot be reached (551) is marked unreachable', async () => {
    await deliver(page(postback('5002', 'GET_STARTED')));
    graph.script('/me/messages', { status: 400, error: { message: "(#551) This person isn't available right now.", type: 'OAuthException', code: 551, error_subcode: 1545041 } });
    await deliver(page(quick('5002', 'lang.bn')));
    const contact = await setu.app.db.prisma.contact.findUnique({ where: { id: 'messenger:5002' } });
    expect(contact?.unreachable).toBe(true);
  });
});

afterAll(() => {
  if (process.env.SETU_TRANSCRIPT) process.stdout.write(`\n${transcript.join('\n')}\n`);
});
