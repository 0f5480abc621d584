import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/createApp.ts';
import { loadEnv } from '../../src/config/env.ts';
import { createFieldCipher } from '../../src/infra/crypto/fieldCipher.ts';
import { dhakaDate } from '../../src/domain/cases/workingDays.ts';
import { createLogger } from '../../src/infra/log/logger.ts';
import { startChildSetu, type ChildSetu } from '../support/childSetu.ts';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram.ts';
import { createOfficer, lodgeFromTerminal } from '../support/workspace.ts';
import { createTestDatabase, type TestDatabase } from '../db/targets.ts';
import { chatsOf, orderViolations, repeatsIn, type Delivery } from './deliveries.ts';

/**
 * Three Setu processes (`npm start`'s own way) on one PostgreSQL database,
 * behind one "address": every webhook call goes to the next process in turn,
 * and a call refused or cut off goes to the next, as a load balancer and the
 * platform's retries do. Simulated Telegram and Messenger users each write a
 * message, wait for its answer, read it and write the next. Mid-way one
 * process is killed outright (SIGKILL) and stays down; later another is
 * stopped (SIGTERM). Meanwhile an overdue case waits to be escalated and an
 * officer waits for the morning digest; all three processes run those jobs.
 */
const DATA_KEY = 'c'.repeat(64);
const TOKEN = '123456:scale';
const TG_SECRET = 'scale-secret';
const FB_TOKEN = 'EAAscale';
const FB_SECRET = 'scale-app-secret';
const PAGE_ID = '1000000009';
const OFFICER_CHAT = 4_900_000_001;
/** Deliberately low bot-wide limit, so that three processes would break it if each kept it alone. */
const BOT_PER_SECOND = 6;
const USERS = 8;
const MESSAGES = 12;
/** A person's lines (each reply differs from the one before and after it). */
const SCRIPT = ['হ্যালো', '১', '১', '৭০', 'মহিলা', 'বিধবা', 'না', 'না', 'না', 'মাসে ৫০০', 'না', 'না', 'হ্যাঁ', 'মেনু'];
const REPLY_TIMEOUT_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type ChannelName = 'telegram' | 'messenger';

interface Tally {
  acknowledged: number;
  unanswered: number;
  refusals: number;
}

describe('three Setu processes on one PostgreSQL database, one killed and one stopped under load', () => {
  let target: TestDatabase;
  let telegram: FakeTelegram;
  let graph: FakeGraph;
  const procs: Array<ChildSetu | null> = [];
  const down = new Set<number>();
  const dirs: string[] = [];
  let trackingNumber = '';
  // Before 08:00 in Dhaka the digest waits for the morning: the processes run twelve hours on then.
  const offsetDays = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Dhaka', hour: 'numeric', hourCycle: 'h23' }).format(new Date())) < 8 ? 0.5 : 0;

  beforeAll(async () => {
    target = await createTestDatabase('postgresql');
    telegram = await startFakeTelegram(TOKEN);
    graph = await startFakeGraph(FB_TOKEN);
    // An officer with a linked chat, and a case of their area already past its deadline.
    const seedDir = mkdtempSync(join(tmpdir(), 'setu-scale-seed-'));
    dirs.push(seedDir);
    const seeder: App = await createApp({
      env: loadEnv({ DATABASE_URL: target.url, SETU_DATA_KEY: DATA_KEY, SETU_DATA_DIR: seedDir, SETU_CLOCK_OFFSET_DAYS: String(offsetDays) }),
      log: createLogger('silent'),
      senders: new Map(),
    });
    trackingNumber = await lodgeFromTerminal(seeder, 'seed', 'bn', 'ইউনিয়ন অফিসে টাকা চাওয়া হয়েছে');
    const lodged = await seeder.db.prisma.case.findUniqueOrThrow({ where: { trackingNumber } });
    const officerId = await createOfficer(seeder, { name: 'উপজেলা কর্মকর্তা', username: 'upazila', role: 'upazila', areaCode: lodged.upazilaCode, language: 'bn' });
    await seeder.db.prisma.officer.update({ where: { id: officerId }, data: { telegramChatId: String(OFFICER_CHAT) } });
    await seeder.db.prisma.case.update({ where: { trackingNumber }, data: { dueAt: new Date(seeder.clock.now().getTime() - 86_400_000) } });
    await seeder.close();

    for (let i = 0; i < 3; i += 1) {
      const dir = mkdtempSync(join(tmpdir(), `setu-scale-${i}-`));
      dirs.push(dir);
      procs.push(
        await startChildSetu({
          DATABASE_URL: target.url,
          SETU_DATA_KEY: DATA_KEY,
          SETU_DATA_DIR: dir,
          SETU_CLOCK_OFFSET_DAYS: String(offsetDays),
          TELEGRAM_BOT_TOKEN: TOKEN,
          TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          TELEGRAM_SENDS_PER_SECOND: String(BOT_PER_SECOND),
          PUBLIC_URL: 'http://127.0.0.1:9',
          FB_PAGE_ACCESS_TOKEN: FB_TOKEN,
          FB_APP_SECRET: FB_SECRET,
          FB_VERIFY_TOKEN: 'scale-verify',
          FB_GRAPH_API_ROOT: graph.root,
          ESCALATION_INTERVAL_MS: '700',
          OFFICER_ALERTS_INTERVAL_MS: '700',
          OUTBOX_POLL_MS: '100',
          CONTACT_RATE_BURST: '1000',
          SHUTDOWN_GRACE_MS: '8000',
        }),
      );
    }
  }, 240_000);

  afterAll(async () => {
    for (const p of procs) {
      if (p && p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await Promise.race([p.exited, sleep(10_000)]);
        p.child.kill('SIGKILL');
      }
    }
    await telegram?.close();
    await graph?.close();
    await target?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  /** One webhook call, to the next process up; refused or cut off, to the one after (at most 2 minutes in all). */
  let turn = 0;
  const post = async (tally: Tally, path: string, headers: Record<string, string>, body: string): Promise<void> => {
    const giveUp = Date.now() + 120_000;
    while (Date.now() < giveUp) {
      const i = turn++ % 3;
      const p = procs[i];
      if (!p || down.has(i)) continue;
      try {
        const res = await fetch(`${p.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (res.status === 200) {
          tally.acknowledged += 1;
          return;
        }
      } catch {
        // cut off by the kill, or refused while stopping: the next process gets it
      }
      tally.refusals += 1;
      await sleep(100);
    }
    throw new Error(`no process acknowledged ${path}`);
  };

  const deliveries = (channel: ChannelName): Delivery[] =>
    channel === 'telegram'
      ? telegram.calls.filter((c) => c.method === 'sendMessage').map((c) => ({ chat: String(c.body.chat_id), text: String(c.body.text), buttons: JSON.stringify(c.body.reply_markup ?? ''), at: c.at }))
      : graph.messages().map((c) => {
          const m = c.body.message as { text?: string; quick_replies?: unknown; attachment?: { payload?: { text?: string; buttons?: unknown } } };
          return { chat: String((c.body.recipient as { id: string }).id), text: String(m.text ?? m.attachment?.payload?.text ?? ''), buttons: JSON.stringify(m.quick_replies ?? m.attachment?.payload?.buttons ?? ''), at: c.at };
        });

  const chatId = (channel: ChannelName, u: number): string => (channel === 'telegram' ? String(5_100_001 + u) : String(7_300_000_000_000_000 + u));

  let updateId = 1;
  const say = (tally: Tally, channel: ChannelName, u: number, step: number): Promise<void> => {
    const text = SCRIPT[step % SCRIPT.length] as string;
    const chat = chatId(channel, u);
    if (channel === 'telegram') {
      const id = Number(chat);
      const update = { update_id: updateId++, message: { message_id: step + 1, date: Math.floor(Date.now() / 1000), chat: { id, type: 'private', first_name: 'Scale' }, from: { id, is_bot: false, first_name: 'Scale', language_code: 'bn' }, text } };
      return post(tally, '/telegram/webhook', { 'x-telegram-bot-api-secret-token': TG_SECRET }, JSON.stringify(update));
    }
    const now = Date.now();
    const body = JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, time: now, messaging: [{ sender: { id: chat }, recipient: { id: PAGE_ID }, timestamp: now, message: { mid: `m_scale.${chat}.${step}`, text } }] }] });
    return post(tally, '/messenger/webhook', { 'x-hub-signature-256': `sha256=${createHmac('sha256', FB_SECRET).update(body).digest('hex')}` }, body);
  };

  /** A person: writes, waits for the answer, reads until the chat is quiet, writes the next. */
  const person = async (tally: Tally, channel: ChannelName, u: number): Promise<void> => {
    const chat = chatId(channel, u);
    const count = (): number => deliveries(channel).filter((d) => d.chat === chat).length;
    for (let step = 0; step < MESSAGES; step += 1) {
      const before = count();
      await say(tally, channel, u, step);
      const deadline = Date.now() + REPLY_TIMEOUT_MS;
      while (count() === before && Date.now() < deadline) await sleep(50);
      if (count() === before) {
        tally.unanswered += 1;
        continue;
      }
      // Read to the end of the answer: nothing new for a while (Telegram paces a chat a second apart).
      let seen = count();
      let quietSince = Date.now();
      while (Date.now() - quietSince < (channel === 'telegram' ? 1300 : 500)) {
        await sleep(50);
        if (count() !== seen) {
          seen = count();
          quietSince = Date.now();
        }
      }
    }
  };

  it('runs one person’s turns one at a time when their messages reach three processes at once', async () => {
    const tally: Tally = { acknowledged: 0, unanswered: 0, refusals: 0 };
    const people = [900, 901, 902];
    const burst = 6;
    // A person tapping fast: six updates at once, spread over the three processes (Telegram sends a bot's updates on several connections).
    await Promise.all(people.flatMap((u) => Array.from({ length: burst }, (_, step) => say(tally, 'telegram', u, step))));
    expect(tally.acknowledged).toBe(people.length * burst);
    const watch = new pg.Pool({ connectionString: target.url, max: 1 });
    try {
      const rows = await watch.query<{ contactId: string; version: number }>(`SELECT "contactId", "version" FROM "Session" WHERE "contactId" = ANY($1)`, [people.map((u) => `telegram:${chatId('telegram', u)}`)]);
      // Each turn read the state the one before it wrote: no turn's write was lost to another running beside it.
      expect(rows.rows.map((r) => r.version)).toEqual(people.map(() => burst));
    } finally {
      await watch.end();
    }
  }, 60_000);

  it('acknowledges every message once, answers all of them in order, sends none twice but what was in flight at the kill, and runs each job once', async () => {
    const tallies: Record<ChannelName, Tally> = { telegram: { acknowledged: 0, unanswered: 0, refusals: 0 }, messenger: { acknowledged: 0, unanswered: 0, refusals: 0 } };
    const started = Date.now();
    const watch = new pg.Pool({ connectionString: target.url, max: 1 });
    const inFlight = async (pid: number | undefined): Promise<number> =>
      Number((await watch.query<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMessage" WHERE "status" = 'sending' AND "claimedBy" LIKE $1`, [`%:${pid}:%`])).rows[0]?.n ?? 0);
    const chaos = (async () => {
      await sleep(5000);
      // Killed while it has replies on their way (or after 8 s more, whatever it has then).
      const latest = Date.now() + 8000;
      while (Date.now() < latest && (await inFlight(procs[0]?.child.pid)) === 0) await sleep(10);
      down.add(0);
      procs[0]?.child.kill('SIGKILL');
      const killedAt = Date.now();
      await procs[0]?.exited;
      const claimedAtKill = await inFlight(procs[0]?.child.pid);
      await sleep(6000);
      down.add(1);
      procs[1]?.child.kill('SIGTERM');
      const stoppedCode = await procs[1]?.exited;
      return { killedAt, stoppedCode, claimedAtKill };
    })();
    await Promise.all((['telegram', 'messenger'] as const).flatMap((channel) => Array.from({ length: USERS }, (_, u) => person(tallies[channel], channel, u))));
    const { killedAt, stoppedCode, claimedAtKill } = await chaos;
    await watch.end();
    expect(killedAt - started).toBeLessThan(Date.now() - started); // the kill came while people were chatting

    const { PrismaClient } = await import('../../src/generated/postgres/client.ts');
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
    try {
      // Everything left by the killed process is taken back and sent by the one still up.
      const deadline = Date.now() + 60_000;
      const open = () => db.outboxMessage.count({ where: { channel: { in: ['telegram', 'messenger'] }, status: { in: ['pending', 'sending'] } } });
      while ((await open()) > 0 && Date.now() < deadline) await sleep(250);

      const cipher = createFieldCipher(Buffer.from(DATA_KEY, 'hex'));
      const figures: Record<string, unknown> = { offsetDays, stoppedCode, killedAfterMs: killedAt - started, claimedAtKill };
      for (const channel of ['telegram', 'messenger'] as const) {
        const tally = tallies[channel];
        const contacts = Array.from({ length: USERS }, (_, u) => `${channel}:${chatId(channel, u)}`);
        const inbound = await db.inboundMessage.count({ where: { contactId: { in: contacts } } });
        const rows = await db.outboxMessage.findMany({ where: { contactId: { in: contacts } }, orderBy: { id: 'asc' } });
        const byStatus = Object.fromEntries(['pending', 'sending', 'sent', 'failed', 'held'].map((s) => [s, rows.filter((r) => r.status === s).length]));
        const people = new Set(Array.from({ length: USERS }, (_, u) => chatId(channel, u)));
        // The burst of the test before has its own people.
        const delivered = chatsOf(deliveries(channel).filter((d) => people.has(d.chat)));
        const expected = new Map<string, string[]>();
        for (const r of rows) expected.set(r.externalId, [...(expected.get(r.externalId) ?? []), (JSON.parse(cipher.decrypt(r.payload)) as { text: string }).text]);
        let duplicates = 0;
        let worstChat = 0;
        let violations = 0;
        for (const [chat, list] of delivered) {
          const dup = repeatsIn(list, expected.get(chat) ?? []);
          const count = dup.filter(Boolean).length;
          duplicates += count;
          worstChat = Math.max(worstChat, count);
          if (count > 1) process.stdout.write(`repeated in ${channel} chat ${chat}: ${JSON.stringify(list.map((d, j) => `${dup[j] ? 'DUP ' : ''}${d.at - started} ${d.text.split('\n')[0]}`), null, 1)}\n`);
          const v = orderViolations(list, dup, expected.get(chat) ?? []);
          violations += v;
          if (v > 0) process.stdout.write(`out of order in ${channel} chat ${chat}:\n${JSON.stringify({ delivered: list.map((d) => d.text.split('\n')[0]), queued: (expected.get(chat) ?? []).map((t) => t.split('\n')[0]) }, null, 1)}\n`);
        }
        const sessions = await db.session.findMany({ where: { contactId: { in: contacts } }, select: { version: true } });
        process.stdout.write(`${channel}: ${JSON.stringify({ ...tally, inbound, byStatus, duplicates, worstChat, violations })}\n`);
        figures[channel] = { ...tally, inbound, outbox: byStatus, delivered: [...delivered.values()].reduce((n, l) => n + l.length, 0), duplicates, violations, sessionVersions: [...new Set(sessions.map((s) => s.version))] };

        // Every message acknowledged once, and handled once (the inbound's key is unique), whichever process took it.
        expect(tally.acknowledged).toBe(USERS * MESSAGES);
        expect(inbound).toBe(USERS * MESSAGES);
        // Every turn ran on the state the one before left: no two ran at once for a person.
        expect(sessions.map((s) => s.version)).toEqual(Array(USERS).fill(MESSAGES));
        // Every message answered, every reply sent.
        expect(tally.unanswered).toBe(0);
        expect(byStatus).toMatchObject({ pending: 0, sending: 0, failed: 0 });
        // In order, and nothing twice but the one message a chat may have had on its way at the kill.
        expect(violations).toBe(0);
        expect(worstChat).toBeLessThanOrEqual(1);
      }
      // Telegram's limits held for the three together: the bot-wide pace, and a second between two messages to a chat.
      const tg = deliveries('telegram').filter((d) => Number(d.chat) !== OFFICER_CHAT);
      const peakIn = (ms: number): number => Math.max(...tg.map((d) => tg.filter((e) => e.at >= d.at && e.at < d.at + ms).length));
      const peak = peakIn(1000);
      const peak3s = peakIn(3000);
      const closest = Math.min(...[...chatsOf(tg).values()].flatMap((l) => l.slice(1).map((d, i) => d.at - (l[i] as Delivery).at)));
      const busySeconds = new Set(tg.map((d) => Math.floor(d.at / 1000))).size;
      figures.telegramMeanPerBusySecond = Number((tg.length / busySeconds).toFixed(1));
      figures.telegramPeakPerSecond = peak;
      figures.telegramPeakPer3Seconds = peak3s;
      figures.telegramClosestPerChatMs = closest;
      process.stdout.write(`three processes, Telegram pacing: ${JSON.stringify({ peak, peak3s, closest })}\n`);
      // Bookings are exactly 1/BOT_PER_SECOND apart (test/delivery/sharedDelivery.test.ts); arrivals jitter with the
      // processes' event loops (more on a busy machine), so the pace is judged over three seconds, where a late send
      // or two count little. Each process pacing alone would allow three times the limit.
      expect(peak3s).toBeLessThanOrEqual(3 * BOT_PER_SECOND + 2);
      expect(closest).toBeGreaterThanOrEqual(800);

      // The overdue case went up one tier once, and its citizen was told once.
      const caseId = (await db.case.findUniqueOrThrow({ where: { trackingNumber } })).id;
      const escalated = await db.caseEvent.count({ where: { caseId, type: 'escalated' } });
      const notices = (await db.outboxMessage.findMany({ where: { contactId: 'console:seed', purpose: 'case_update' } })).filter((r) => (JSON.parse(cipher.decrypt(r.payload)) as { key: string }).key === 'cases:notice.escalated');
      // One morning digest for the officer, whichever process sent it.
      const digests = telegram.calls.filter((c) => c.method === 'sendMessage' && Number(c.body.chat_id) === OFFICER_CHAT && String(c.body.text).startsWith('শুভ সকাল'));
      Object.assign(figures, { escalated, escalationNotices: notices.length, digests: digests.length, digestDay: dhakaDate(new Date(Date.now() + offsetDays * 86_400_000)) });
      // What the survivors said they took over from the killed process (timing decides how much was in flight).
      const said = procs.slice(1).map((p) => p?.output() ?? '').join('\n');
      figures.outboxTakenBack = (said.match(/claimed by a process that is gone are sent again/g) ?? []).length;
      figures.messengerTakenOver = [...said.matchAll(/"events":(\d+)[^\n]*taken over/g)].reduce((n, m) => n + Number(m[1]), 0);
      process.stdout.write(`three processes: ${JSON.stringify(figures)}\n`);
      // Replies the killed process had on their way were taken back by a survivor (and sent: none is left above).
      if (claimedAtKill > 0) expect(figures.outboxTakenBack).toBeGreaterThanOrEqual(1);
      expect(escalated).toBe(1);
      expect(notices).toHaveLength(1);
      expect(digests).toHaveLength(1);
      // The stopped process finished its work and left cleanly.
      expect(stoppedCode).toBe(0);
    } finally {
      await db.$disconnect();
    }
  }, 300_000);
});
