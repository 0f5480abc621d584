import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttachmentFetcher } from '../../src/app/officers/attachments.ts';
import { serviceUrlsOfAttachment } from '../../src/channels/activity/conversations.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { start, type Running } from '../../src/main.ts';
import { TEST_DATA_KEY, tempSqliteUrl } from '../support/appHarness.ts';
import { FixedClock } from '../support/engineHarness.ts';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../support/fakeConnector.ts';
import { readOutbox } from '../support/outbox.ts';

/**
 * The Bot Framework Activity endpoint over real HTTP, anonymous (local use),
 * with a local stand-in Bot Connector as every Activity's serviceUrl: what
 * Setu posts there is what a channel would show.
 */

const BOT = { id: 'setu-bot', name: 'Setu' };
let connector: FakeConnector;
let setu: Running;
let db: ReturnType<typeof tempSqliteUrl>;
const clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));

beforeAll(async () => {
  connector = await startFakeConnector();
  db = tempSqliteUrl();
  const env = loadEnv({ DATABASE_URL: db.url, PORT: '0', OUTBOX_POLL_MS: '20', SETU_DATA_KEY: TEST_DATA_KEY, ACTIVITY_ALLOW_ANONYMOUS: 'true' });
  setu = await start(env, createLogger('silent'), { clock });
});

afterAll(async () => {
  await setu.stop();
  await connector.close();
  db.cleanup();
});

type Activity = Record<string, unknown>;
let seq = 0;
/** Activities as Web Chat sends them through Bot Service, in one conversation. */
function conversation(id: string, extra: Activity = {}) {
  const user = { id: `user-${id}`, name: 'Rahima' };
  const base = (more: Activity): Activity => ({
    type: 'message',
    id: `${id}|${String(++seq).padStart(7, '0')}`,
    channelId: 'webchat',
    serviceUrl: connector.url,
    conversation: { id },
    from: user,
    recipient: BOT,
    timestamp: clock.now().toISOString(),
    locale: 'bn-BD',
    ...extra,
    ...more,
  });
  return {
    id,
    user,
    contactId: `activity:webchat:${id}`,
    text: (text: string) => base({ text }),
    /** A suggested action clicked: imBack posts its value as the message text. */
    click: (choiceId: string) => base({ text: choiceId }),
    value: (value: unknown) => base({ value }),
    joined: () => base({ type: 'conversationUpdate', membersAdded: [user, BOT] }),
    botJoined: () => base({ type: 'conversationUpdate', membersAdded: [BOT] }),
    image: (url: string) => base({ attachments: [{ contentType: 'image/jpeg', contentUrl: url, name: 'photo.jpg' }] }),
  };
}

/** Posts one Activity (or raw text) and waits until its replies reached the stand-in connector. */
async function post(body: Activity | string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; calls: ConnectorCall[] }> {
  const before = connector.calls.length;
  const res = await fetch(`${setu.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  await setu.app.worker.drain();
  // The typing indicator goes outside the outbox: give it a moment to arrive too.
  await new Promise((r) => setTimeout(r, 20));
  clock.advance(5_000);
  return { status: res.status, json: text === '' ? null : (JSON.parse(text) as unknown), calls: connector.calls.slice(before) };
}

const messagesIn = (calls: ConnectorCall[], conversationId: string) => calls.filter((c) => c.activity.type === 'message' && c.status < 300 && c.conversationId === conversationId);
const textOf = (calls: ConnectorCall[]) => calls.map((c) => c.activity.text ?? '').join('\n');
const actionsOf = (call: ConnectorCall | undefined) => call?.activity.suggestedActions?.actions ?? [];

describe('/api/messages fixtures (anonymous)', () => {
  const a = conversation('conv-fixtures');
  type Fixture = { name: string; body: () => Activity | string; status: number; check(calls: ConnectorCall[], json: unknown): void };
  const fixtures: Fixture[] = [
    { name: 'conversationUpdate with only the bot added: nothing', body: () => a.botJoined(), status: 200, check: (calls) => expect(calls).toEqual([]) },
    { name: 'conversationUpdate with the user added: the welcome and the menu in Bangla', body: () => a.joined(), status: 200, check: (calls) => {
      const out = messagesIn(calls, a.id);
      expect(textOf(out)).toMatch(/সেতু/);
      const actions = actionsOf(out.at(-1));
      expect(actions.map((x) => x.value)).toEqual(['menu.eligibility', 'menu.grievance', 'menu.report', 'menu.status', 'menu.area', 'lang.en', 'menu.help']);
      for (const x of actions) {
        expect(x.type).toBe('imBack');
        expect(typeof x.value).toBe('string');
        expect(x.title.length).toBeGreaterThan(0);
      }
      expect(out.at(-1)?.activity.suggestedActions?.to).toEqual([a.user.id]);
      // From the bot to the user, in the conversation, as plain text, posted to the conversation itself.
      expect(out[0]?.activity).toMatchObject({ from: BOT, recipient: a.user, conversation: { id: a.id }, channelId: 'webchat', textFormat: 'plain', locale: 'bn-BD' });
      expect(out[0]?.replyToId).toBeUndefined();
    } },
    { name: 'imBack of a suggested action: the choice id as the text is the choice', body: () => a.click('lang.en'), status: 200, check: (calls) => {
      const out = messagesIn(calls, a.id);
      expect(textOf(out)).toMatch(/English/);
      expect(out.at(-1)?.activity.locale).toBe('en-US');
      // "Typing…" at the start of the turn.
      expect(calls.some((c) => c.activity.type === 'typing' && c.conversationId === a.id)).toBe(true);
    } },
    { name: 'messageBack with a value: its choice id is the choice', body: () => a.value({ choiceId: 'menu.status' }), status: 200, check: (calls) => {
      expect(textOf(messagesIn(calls, a.id))).toMatch(/tracking number/i);
    } },
    { name: 'typed text that is not an offered choice id stays text', body: () => a.text('menu'), status: 200, check: (calls) => {
      expect(messagesIn(calls, a.id).length).toBeGreaterThan(0);
    } },
    { name: 'an image attachment where the flow takes none: a clear answer', body: () => a.image(connector.serveFile('p.jpg', 'image/jpeg', 'JPEG')), status: 200, check: (calls) => {
      expect(messagesIn(calls, a.id).length).toBeGreaterThan(0);
    } },
    { name: 'bad JSON: 400, nothing', body: () => '{"type":"message","text":', status: 400, check: (calls) => expect(calls).toEqual([]) },
    { name: 'JSON that is not an Activity (no conversation): 400', body: () => ({ type: 'message', text: 'হ্যালো', channelId: 'webchat', serviceUrl: connector.url, from: a.user, recipient: BOT }), status: 400, check: (calls) => expect(calls).toEqual([]) },
    { name: 'no serviceUrl: 400 (nowhere to answer)', body: () => ({ ...a.text('হ্যালো'), serviceUrl: undefined }), status: 400, check: (calls) => expect(calls).toEqual([]) },
    { name: 'a serviceUrl off this machine, anonymously: 400 by the SDK\'s host policy', body: () => ({ ...a.text('হ্যালো'), serviceUrl: 'https://attacker.example/' }), status: 400, check: (calls) => expect(calls).toEqual([]) },
    { name: 'an unknown Activity type: 200, ignored', body: () => ({ ...a.text('x'), type: 'messageReaction' }), status: 200, check: (calls) => expect(calls).toEqual([]) },
    { name: 'an event: 200, ignored', body: () => ({ ...a.text('x'), type: 'event', name: 'webchat/join' }), status: 200, check: (calls) => expect(calls).toEqual([]) },
    { name: 'a typing Activity from the user: 200, ignored', body: () => ({ ...a.text('x'), type: 'typing' }), status: 200, check: (calls) => expect(calls).toEqual([]) },
  ];
  for (const f of fixtures) {
    it(f.name, async () => {
      const { status, calls, json } = await post(f.body());
      expect(status).toBe(f.status);
      f.check(calls, json);
    });
  }

  it('GET is a 405; the same Activity sent twice is answered once', async () => {
    expect((await fetch(`${setu.url}/api/messages`)).status).toBe(405);
    const again = a.text('হ্যালো');
    const first = await post(again);
    const second = await post(again);
    expect(messagesIn(first.calls, a.id).length).toBeGreaterThan(0);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(messagesIn(second.calls, a.id)).toEqual([]);
  });

  it('saved where the conversation\'s replies go, the name sealed', async () => {
    const row = await setu.app.db.prisma.activityConversation.findUnique({ where: { contactId: a.contactId } });
    expect(row).toMatchObject({ channelId: 'webchat', serviceUrl: connector.url, conversationId: a.id, botId: BOT.id, botName: BOT.name, userId: a.user.id });
    expect(row?.userName).not.toBe('Rahima');
    expect(setu.app.cipher.decrypt(row?.userName ?? '')).toBe('Rahima');
  });
});

/** The Bangla eligibility check of the Messenger tests, as Activities. */
const ELIGIBILITY_BN = (c: ReturnType<typeof conversation>) => [
  c.joined(),
  c.click('lang.bn'),
  c.click('menu.eligibility'),
  c.click('subj.self'),
  c.text('৭০'),
  c.click('sex.female'),
  c.click('ms.widowed'),
  c.click('chk.none'),
  c.text('মাসে ৫০০'),
];
const VERDICT_BN = '✅ বয়স্ক ভাতা — সম্ভবত যোগ্য';

describe('a Bangla eligibility check over Activities', () => {
  it('reaches its verdict, every reply posted to the serviceUrl in order, with string suggested actions', async () => {
    const c = conversation('conv-eligibility');
    const out: ConnectorCall[] = [];
    for (const step of ELIGIBILITY_BN(c)) {
      const { status, calls } = await post(step);
      expect(status).toBe(200);
      out.push(...messagesIn(calls, c.id));
    }
    expect(out.some((m) => (m.activity.text ?? '').startsWith(VERDICT_BN))).toBe(true);
    // Every question offered its choices as imBack actions with string values: the ids Setu gave them.
    const rows = await readOutbox(setu.app, { contactId: c.contactId });
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(out.map((m) => m.activity.text)).toEqual(rows.map((r) => r.message.text));
    for (const [i, m] of out.entries()) {
      expect(actionsOf(m).map((x) => x.value)).toEqual(rows[i]?.message.choices.map((ch) => ch.id));
      expect(actionsOf(m).map((x) => x.title)).toEqual(rows[i]?.message.choices.map((ch) => ch.label));
      for (const x of actionsOf(m)) expect(typeof x.value).toBe('string');
    }
  });

  it('with deliveryMode expectReplies: the replies come in the response, and none is posted to the serviceUrl', async () => {
    const c = conversation('conv-expect', { deliveryMode: 'expectReplies' });
    const answered: Array<{ text?: string; type: string; channelId?: string; replyToId?: string; suggestedActions?: { actions: Array<{ value: unknown }> } }> = [];
    for (const step of ELIGIBILITY_BN(c)) {
      const { status, json, calls } = await post(step);
      expect(status).toBe(200);
      expect(messagesIn(calls, c.id)).toEqual([]);
      const activities = (json as { activities: typeof answered }).activities;
      expect(Array.isArray(activities)).toBe(true);
      for (const act of activities) {
        // The wire form: channelId, and a reply to the message that asked (the SDK sets none for Web Chat's conversationUpdate).
        expect(act).toMatchObject({ type: 'message', channelId: 'webchat', ...(step.type === 'message' ? { replyToId: step.id } : {}) });
        expect(act).not.toHaveProperty('_channelId');
      }
      answered.push(...activities);
    }
    expect(answered.some((m) => (m.text ?? '').startsWith(VERDICT_BN))).toBe(true);
    for (const m of answered) for (const x of m.suggestedActions?.actions ?? []) expect(typeof x.value).toBe('string');
    // Every reply is recorded as delivered, once, in the order the turns gave them.
    const rows = await readOutbox(setu.app, { contactId: c.contactId });
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'sent'));
    expect(answered.map((m) => m.text)).toEqual(rows.map((r) => r.message.text));
    await setu.app.worker.drain();
    expect(connector.messages(c.id)).toEqual([]);
  });
});

describe('delivery to the connector', () => {
  it('a 500 is tried again later, and the replies arrive in order', async () => {
    const c = conversation('conv-retry');
    connector.script({ status: 500 });
    const first = await post(c.joined());
    expect(first.calls.filter((x) => x.activity.type === 'message').map((x) => x.status)).toEqual([500]);
    const pending = await readOutbox(setu.app, { contactId: c.contactId });
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0]?.status).toBe('pending');
    clock.advance(2_000);
    await setu.app.worker.drain();
    const delivered = connector.messages(c.id);
    const rows = await readOutbox(setu.app, { contactId: c.contactId });
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(delivered.map((m) => m.activity.text)).toEqual(rows.map((r) => r.message.text));
    expect(first.calls.find((x) => x.status === 500)?.activity.text).toBe(rows[0]?.message.text);
  });

  it('a 429 waits for its Retry-After; a 404 (the conversation is gone) is final and marks the contact unreachable', async () => {
    const c = conversation('conv-429');
    connector.script({ status: 429, headers: { 'retry-after': '30' } });
    await post(c.joined());
    const [row] = await setu.app.db.prisma.outboxMessage.findMany({ where: { contactId: c.contactId }, orderBy: { id: 'asc' } });
    expect(row?.status).toBe('pending');
    expect(row?.nextAttemptAt.getTime()).toBe(clock.now().getTime() - 5_000 + 30_000);

    const gone = conversation('conv-gone');
    connector.script({ status: 404 });
    await post(gone.joined());
    const rows = await setu.app.db.prisma.outboxMessage.findMany({ where: { contactId: gone.contactId }, orderBy: { id: 'asc' } });
    expect(rows[0]?.status).toBe('failed');
    expect((await setu.app.db.prisma.contact.findUnique({ where: { id: gone.contactId } }))?.unreachable).toBe(true);
  });
});

describe('attachments', () => {
  it('a photo in a report is kept as activity:<url>, and officers fetch it only from the conversation\'s own serviceUrl host or an allowed host', async () => {
    const c = conversation('conv-report');
    const photo = connector.serveFile('rahima.jpg', 'image/jpeg', 'JPEGDATA');
    const steps = [
      c.joined(),
      c.click('lang.bn'),
      c.click('menu.report'),
      ...['রহিমা বেগম', '৭২', 'মহিলা', 'টুঙ্গিপাড়া', '১', '১'].map((t) => c.text(t)),
      c.click('prog.widow'),
      c.image(photo),
      c.text('স্বামী মারা গেছেন, কোনো আয় নেই, তালিকায় নাম নেই।'),
      c.click('consent.yes'),
      c.click('id.share'),
      c.click('sum.submit'),
    ];
    for (const step of steps) expect((await post(step)).status).toBe(200);
    const report = await setu.app.db.prisma.case.findFirst({ where: { contactId: c.contactId, kind: 'report' } });
    expect(report).toMatchObject({ subjectName: 'রহিমা বেগম', channel: 'activity' });
    const refs = (await setu.app.db.prisma.caseAttachment.findMany({ where: { caseId: report?.id ?? '' } })).map((x) => x.ref);
    expect(refs).toEqual([`activity:${photo}`]);

    const files = createAttachmentFetcher({ activity: { hosts: [], serviceUrlsOf: (ref) => serviceUrlsOfAttachment(setu.app.db.prisma, ref) } });
    const got = await files.fetch(`activity:${photo}`, 'image');
    expect(got && Buffer.from(got.bytes).toString()).toBe('JPEGDATA');
    // The same host, but a reference on no case of this conversation: refused without a request.
    const asked = connector.fileRequests.length;
    expect(await files.fetch(`activity:${connector.serveFile('other.jpg', 'image/jpeg', 'X')}`, 'image')).toBeNull();
    expect(await files.fetch('activity:https://files.example/a.jpg', 'image')).toBeNull();
    expect(connector.fileRequests.length).toBe(asked);
    // An allowed origin is fetched whatever the conversation.
    const allowed = createAttachmentFetcher({ activity: { hosts: [connector.url], serviceUrlsOf: async () => [] } });
    expect(await allowed.fetch(`activity:${connector.serveFile('other2.jpg', 'image/jpeg', 'Y')}`, 'image')).not.toBeNull();
  });
});
