/**
 * `npm run bench:chats`: issue #11's figures for Telegram and Messenger.
 * Setu runs as its own process (`node scripts/start.mjs`, as `npm start`
 * runs it) on a fresh SQLite file; the platforms are stand-ins in this
 * process (bench/standIns.ts). N people chat at once, each sending a message,
 * waiting for the reply at the stand-in, reading it, pausing, and sending the
 * next. Optionally Setu is SIGKILLed K times and restarted at once. Prints
 * reply latency, delivered messages/s against the platform's limits,
 * acknowledgement latency, start-up time, duplicates after the kills,
 * missing replies and Setu's peak RSS.
 */
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { formatForMessenger } from '../src/channels/messenger/format.ts';
import { splitText } from '../src/channels/shared/splitText.ts';
import { createFieldCipher } from '../src/infra/crypto/fieldCipher.ts';
import { mulberry32 } from '../test/support/seeded.ts';
import { freePort, setuVersion, startSetuProcess, type SetuLife, type SetuProcess } from './setuProcess.ts';
import { startGraphStandIn, startTelegramStandIn, TELEGRAM_PACING_GAP_MS, type Delivered, type StandIn } from './standIns.ts';
import { CYCLE, OPENING } from './chatScript.ts';
import { benchArgs } from './cli.ts';

const HELP = `npm run bench:chats -- [--channel telegram|messenger|both] [--chats N] [--messages M] [--kill K] [--root]

Issue #11's webhook figures, per channel: Setu runs as its own process the way
\`npm start\` runs it (node scripts/start.mjs) on a fresh SQLite file, with the
platform (Telegram's Bot API, Meta's Graph API) as a stand-in HTTP server in
this process. N people chat at once: each sends a message as a webhook call,
waits for the first reply to reach the stand-in (at most 60 s, else it counts
as missing), reads until the reply is complete, pauses, and sends the next.

  --channel C    telegram, messenger or both (default both, one after the other)
  --chats N      people chatting at once (default 40)
  --messages M   messages each person sends (default 25)
  --kill K       SIGKILL Setu K times at evenly spread moments of the run and
                 restart it at once on the same database and port (default 0)
  --root         print where the data folder is, and keep it (Setu's SQLite
                 file, and a transcript of the first chat, per channel)
  --help         this text

Prints, per channel: reply latency p50/p90/p99/max (webhook POST start to the
first reply at the stand-in), delivered messages/s against the platform's
limits, Telegram pacing violations and the peak 1-second window,
acknowledgement latency, Setu's start-up time (also after each kill),
duplicates after the kills, missing replies, and Setu's peak RSS.
Targets (issue #11): with 40 chats, Telegram p50 < 1.5 s and p99 < 5 s;
Messenger p99 < 2 s; duplicates after a kill at most 1 per chat in flight.`;

type ChannelName = 'telegram' | 'messenger';

const { values, fail, wholeNumber } = benchArgs('bench:chats', HELP, {
  channel: { type: 'string' },
  chats: { type: 'string' },
  messages: { type: 'string' },
  kill: { type: 'string' },
  root: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
});
const channelOption = values.channel ?? 'both';
if (!['telegram', 'messenger', 'both'].includes(channelOption)) fail(`--channel must be telegram, messenger or both, not "${channelOption}"`);
const CHANNELS: ChannelName[] = channelOption === 'both' ? ['telegram', 'messenger'] : [channelOption as ChannelName];
const CHATS = wholeNumber('chats', values.chats, 40, 1, 2000);
const MESSAGES = wholeNumber('messages', values.messages, 25, 1, 1000);
const KILLS = wholeNumber('kill', values.kill, 0, 0, 100);
if (KILLS >= CHATS * MESSAGES) fail(`--kill ${KILLS} needs more than ${KILLS} messages in all (--chats × --messages)`);
const KEEP_ROOT = values.root === true;

const lineAt = (step: number): string => (step < OPENING.length ? (OPENING[step] as string) : (CYCLE[(step - OPENING.length) % CYCLE.length] as string));

/** The person's pause after reading a reply, before typing the next message. */
const PAUSE_MIN_MS = 300;
const PAUSE_MAX_MS = 600;
/** A reply is read once this long passed with nothing new to the chat (Telegram paces a chat's messages ~1 s apart). */
const QUIET_MS: Record<ChannelName, number> = { telegram: 1500, messenger: 600 };
/** A reply that has not come in this long is missing; the person goes on. */
const REPLY_TIMEOUT_MS = 60_000;
/** A webhook call refused or failed is sent again this often, as the platform would, until acknowledged. */
const RETRY_MS = 250;
/** After this long without an acknowledgement a webhook call is given up (it would mean Setu never came back). */
const ACK_GIVE_UP_MS = 180_000;
/** The people start within this long of each other. */
const START_SPREAD_MS = 1000;
/** Replies to a chat's last this many messages are compared to find a message the chat got twice. */
const DUPLICATE_WINDOW_TURNS = 4;
/** A message that reached the platform this shortly before a kill may not have been recorded as sent: in flight. */
const JUST_DELIVERED_MS = 500;

const DATA_KEY = 'b'.repeat(64);
const TELEGRAM_TOKEN = '123456:bench';
const TELEGRAM_SECRET = 'bench-webhook-secret';
const FB_TOKEN = 'EAAbench';
const FB_APP_SECRET = 'bench-app-secret';
const PAGE_ID = '1000000001';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The messages one chat received, and a way to wait for the next. */
class ChatBox {
  readonly received: Delivered[] = [];
  private wake: (() => void) | null = null;

  push(d: Delivered): void {
    this.received.push(d);
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** True once more than `count` messages arrived; false after `ms`. */
  async beyond(count: number, ms: number): Promise<boolean> {
    const deadline = performance.now() + ms;
    while (this.received.length <= count) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return true;
  }

  /** Until `quietMs` passed since the last message (or since `from`), at most `capMs`. */
  async quiet(from: number, quietMs: number, capMs: number): Promise<void> {
    const started = performance.now();
    for (;;) {
      const last = Math.max(from, this.received.at(-1)?.at ?? 0);
      const since = performance.now() - last;
      if (since >= quietMs || performance.now() - started >= capMs) return;
      await sleep(quietMs - since);
    }
  }
}

interface Turn {
  chat: number;
  step: number;
  text: string;
  /** performance.now() when the first webhook attempt started. */
  t0: number;
  attempts: number;
  /** When the call was acknowledged (200), and how long the acknowledged attempt took. */
  ackAt: number | null;
  ackAttemptMs: number | null;
  firstReply: Delivered | null;
  /** Its reply was outstanding at a kill, or a webhook attempt of it failed: a kill touched it (worked out after the run). */
  touchedByKill: boolean;
}

type Phase = 'waiting' | 'awaiting' | 'reading' | 'pausing' | 'done';

interface KillRecord {
  /** performance.now() of the SIGKILL. */
  at: number;
  atS: number;
  restart: SetuLife;
}

/**
 * How chat i was in flight at a kill: awaiting the reply to its last message, or more of that reply; or it got a
 * message just before the kill, which Setu may not yet have recorded as sent. null: not in flight.
 */
type Outstanding = 'awaiting' | 'more' | 'just delivered' | null;

interface Channel {
  name: ChannelName;
  label: string;
  standIn: StandIn;
  env(port: number): Record<string, string>;
  chatId(i: number): string;
  /** The webhook call for person i's message: url, headers and body, sent the same on every attempt. */
  call(i: number, step: number, text: string): { url: string; headers: Record<string, string>; body: string };
  /** Platform messages a sent outbox row makes. */
  parts(message: { text: string; lang: 'bn' | 'en'; key: string; choices: Array<{ id: string; label: string; short?: string }>; kind?: 'text' | 'question' | 'result' | 'error' }): number;
  limitLine(stats: ReturnType<StandIn['stats']>, seconds: number): string[];
  /** Anything the stand-in saw that is not as it should be (Telegram: the webhook Setu set). */
  problems(port: number): string[];
}

const quantile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
const ms = (v: number): string => (Number.isFinite(v) ? `${Math.round(v)} ms` : '–');
const secs = (v: number): string => `${(v / 1000).toFixed(2)} s`;
function spread(values: number[]): string {
  if (values.length === 0) return 'none';
  const s = [...values].sort((a, b) => a - b);
  return `p50 ${ms(quantile(s, 0.5))}, p90 ${ms(quantile(s, 0.9))}, p99 ${ms(quantile(s, 0.99))}, max ${ms(s[s.length - 1] ?? Number.NaN)} (n=${s.length})`;
}

async function makeChannel(name: ChannelName, setuUrl: () => string): Promise<Channel> {
  let updateId = 100_000;
  if (name === 'telegram') {
    const standIn = await startTelegramStandIn(TELEGRAM_TOKEN);
    const chatId = (i: number): string => String(5_000_001 + i);
    return {
      name,
      label: 'Telegram',
      standIn,
      env: (port) => ({
        TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
        TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
        TELEGRAM_API_ROOT: standIn.root,
        // With PUBLIC_URL Setu takes updates by webhook (setWebhook to ${PUBLIC_URL}/telegram/webhook), not long polling.
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      }),
      chatId,
      call(i, step, text) {
        const id = Number(chatId(i));
        updateId += 1;
        const update = {
          update_id: updateId,
          message: {
            message_id: step + 1,
            date: Math.floor(Date.now() / 1000),
            chat: { id, type: 'private', first_name: 'Bench' },
            from: { id, is_bot: false, first_name: 'Bench', language_code: 'bn' },
            text,
          },
        };
        return {
          url: `${setuUrl()}/telegram/webhook`,
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
          body: JSON.stringify(update),
        };
      },
      parts: (message) => Math.max(1, splitText(message.text).length),
      problems: (port) => {
        const want = `http://127.0.0.1:${port}/telegram/webhook`;
        const got = standIn.webhook;
        if (!got) return ['stand-in: Setu never called setWebhook (is it long polling?)'];
        return got.url === want && got.secret === TELEGRAM_SECRET ? [] : [`stand-in: Setu set its webhook to ${got.url} (secret ${got.secret === TELEGRAM_SECRET ? 'right' : 'wrong'}), not ${want}`];
      },
      limitLine: (stats, seconds) => [
        `delivered: ${stats.messages} messages in ${seconds.toFixed(1)} s = ${(stats.messages / seconds).toFixed(1)} messages/s; peak in any 1-s window ${stats.peakPerSecond} (Telegram's limit: about 30/s bot-wide)`,
        `per chat (Telegram's limit: about 1/s): ${stats.pacingViolations} pacing violations (two messages to one chat < ${TELEGRAM_PACING_GAP_MS} ms apart) in ${stats.chatsWithViolations} chats; closest pair ${ms(stats.closestGapMs)}`,
      ],
    };
  }
  const standIn = await startGraphStandIn(FB_TOKEN);
  const chatId = (i: number): string => String(7_100_000_000_000_000 + i);
  return {
    name,
    label: 'Messenger',
    standIn,
    env: () => ({ FB_PAGE_ACCESS_TOKEN: FB_TOKEN, FB_APP_SECRET, FB_VERIFY_TOKEN: 'bench-verify', FB_GRAPH_API_ROOT: standIn.root }),
    chatId,
    call(i, step, text) {
      const psid = chatId(i);
      const now = Date.now();
      const body = JSON.stringify({
        object: 'page',
        entry: [{ id: PAGE_ID, time: now, messaging: [{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: now, message: { mid: `m_bench.${psid}.${step}`, text } }] }],
      });
      return {
        url: `${setuUrl()}/messenger/webhook`,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', FB_APP_SECRET).update(body).digest('hex')}` },
        body,
      };
    },
    parts: (message) => Math.max(1, formatForMessenger(message).length),
    problems: () => [],
    limitLine: (stats, seconds) => [
      `delivered: ${stats.messages} messages in ${seconds.toFixed(1)} s = ${(stats.messages / seconds).toFixed(1)} messages/s; peak in any 1-s window ${stats.peakPerSecond} (no limit enforced by the stand-in; Meta publishes no fixed per-second figure)`,
      `per chat: closest two messages to one chat ${ms(stats.closestGapMs)} apart (Messenger sets no per-chat pacing)`,
    ],
  };
}

/** Why an attempt was not acknowledged: the HTTP status, or the network error's code. */
function refusal(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  if (code) return code;
  if (err instanceof Error && err.name === 'TimeoutError') return 'timeout (30 s)';
  return err instanceof Error ? err.message : String(err);
}

/** Setu's own log lines (pino JSON at LOG_LEVEL=warn): counts by level and the commonest messages. */
function setuLog(output: string): string {
  const levels = new Map<string, number>();
  const messages = new Map<string, number>();
  const names: Record<number, string> = { 40: 'warn', 50: 'error', 60: 'fatal' };
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: unknown; msg?: unknown };
      const level = names[Number(entry.level)] ?? String(entry.level);
      levels.set(level, (levels.get(level) ?? 0) + 1);
      const key = `${level}: ${String(entry.msg)}`;
      messages.set(key, (messages.get(key) ?? 0) + 1);
    } catch {
      // not a log line
    }
  }
  if (levels.size === 0) return 'Setu logged: nothing at warn or above';
  const top = [...messages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([m, n]) => `${n}× "${m}"`);
  return `Setu logged: ${[...levels.entries()].map(([l, n]) => `${n} ${l}`).join(', ')}; most often ${top.join('; ')}`;
}

interface OutboxFigures {
  byStatus: Map<string, number>;
  /** Per chat (externalId): platform messages the sent rows make, by the channel's splitter. */
  sentParts: Map<string, number>;
  unreadable: number;
}

function readOutbox(file: string, channel: Channel): OutboxFigures {
  const cipher = createFieldCipher(Buffer.from(DATA_KEY, 'hex'));
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT externalId, status, payload FROM OutboxMessage WHERE channel = ?').all(channel.name) as Array<{ externalId: string; status: string; payload: string }>;
    const byStatus = new Map<string, number>();
    const sentParts = new Map<string, number>();
    let unreadable = 0;
    for (const row of rows) {
      byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
      if (row.status !== 'sent') continue;
      let parts = 1;
      try {
        const m = JSON.parse(row.payload.startsWith('v1:') ? cipher.decrypt(row.payload) : row.payload) as Record<string, unknown>;
        const choices = Array.isArray(m.choices) ? (m.choices as Array<{ id: string; label: string; short?: string }>) : [];
        const kind = m.kind === 'text' || m.kind === 'question' || m.kind === 'result' || m.kind === 'error' ? m.kind : undefined;
        parts = channel.parts({ text: String(m.text ?? ''), lang: m.lang === 'en' ? 'en' : 'bn', key: String(m.key ?? ''), choices, ...(kind ? { kind } : {}) });
      } catch {
        unreadable += 1;
      }
      sentParts.set(row.externalId, (sentParts.get(row.externalId) ?? 0) + parts);
    }
    return { byStatus, sentParts, unreadable };
  } finally {
    db.close();
  }
}

/** Whether received[j] repeats (same text and buttons) a message the chat got at or after `from`. */
function isRepeat(received: readonly Delivered[], j: number, from: number): boolean {
  const d = received[j];
  if (!d) return false;
  for (let i = j - 1; i >= 0; i -= 1) {
    const earlier = received[i] as Delivered;
    if (earlier.at < from) return false;
    if (earlier.text === d.text && earlier.buttons === d.buttons) return true;
  }
  return false;
}

/** When the replies to a chat's last DUPLICATE_WINDOW_TURNS messages began, for a message arriving at `at`. */
function windowStart(turns: readonly Turn[], at: number): number {
  let k = -1;
  while (k + 1 < turns.length && (turns[k + 1] as Turn).t0 <= at) k += 1;
  return turns[Math.max(0, k - (DUPLICATE_WINDOW_TURNS - 1))]?.t0 ?? 0;
}

/**
 * Per message a chat received, whether it is one the chat got twice: the same text and buttons as one that came
 * in reply to its last few messages (every reply of the script differs from the replies around it).
 */
function duplicateFlags(received: readonly Delivered[], turns: readonly Turn[]): boolean[] {
  return received.map((d, j) => isRepeat(received, j, windowStart(turns, d.at)));
}

/** How a chat was in flight at `at` (see Outstanding); repeats are not counted as parts of a reply. */
function outstandingAt(at: number, turns: readonly Turn[], received: readonly Delivered[], duplicate: readonly boolean[]): Outstanding {
  let k = -1;
  while (k + 1 < turns.length && (turns[k + 1] as Turn).t0 <= at) k += 1;
  const turn = turns[k];
  if (!turn) return null;
  if (!turn.firstReply || turn.firstReply.at > at) return 'awaiting';
  const next = turns[k + 1]?.t0 ?? Number.POSITIVE_INFINITY;
  if (received.some((d, j) => !duplicate[j] && d.at > at && d.at < next)) return 'more';
  return received.some((d, j) => !duplicate[j] && d.at <= at && d.at > at - JUST_DELIVERED_MS) ? 'just delivered' : null;
}

async function runChannel(name: ChannelName, root: string): Promise<void> {
  const dir = join(root, name);
  // Owner-only, as Setu wants its data folder (it would tighten it and warn).
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dbFile = join(dir, 'setu.db');
  const port = await freePort();
  let setu: SetuProcess | null = null;
  const channel = await makeChannel(name, () => setu?.url ?? `http://127.0.0.1:${port}`);
  const boxes = Array.from({ length: CHATS }, () => new ChatBox());
  const byChatId = new Map(boxes.map((box, i) => [channel.chatId(i), box]));
  let stray = 0;
  channel.standIn.onDelivered((d) => {
    const box = byChatId.get(d.chat);
    if (box) box.push(d);
    else stray += 1;
  });

  process.stderr.write(`${channel.label}: starting Setu (node scripts/start.mjs) on port ${port}…\n`);
  const env = {
    DATABASE_URL: `file:${dbFile}`,
    SETU_DATA_DIR: dir,
    SETU_DATA_KEY: DATA_KEY,
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '50',
    // Simulated people write faster and more than the flood limits let one person; none of them is the point here.
    CONTACT_RATE_BURST: '1000',
    CONTACT_RATE_PER_MINUTE: '1000',
    CASES_PER_DAY: '1000',
    STATUS_LOOKUPS_PER_DAY: '1000',
    ...channel.env(port),
  };
  const running = await startSetuProcess({ env, port });
  setu = running;
  const first = running.lives[0] as SetuLife;
  process.stderr.write(`${channel.label}: Setu is up after ${secs(first.startupMs)}${first.built ? ' (it built dist/ first)' : ''}\n`);

  const random = mulberry32(11);
  const turns: Turn[] = [];
  const turnsByChat: Turn[][] = boxes.map(() => []);
  const phase: Phase[] = boxes.map(() => 'waiting');
  const refusals = new Map<string, number>();
  const total = CHATS * MESSAGES;
  const thresholds = Array.from({ length: KILLS }, (_, k) => Math.max(1, Math.round((total * (k + 1)) / (KILLS + 1))));
  const kills: KillRecord[] = [];
  let nextKill = 0;
  let killsDue = 0;
  const killing: { now: Promise<void> | null } = { now: null };
  let sent = 0;
  let answered = 0;
  let missing = 0;
  let unacknowledged = 0;
  const started = performance.now();

  const runKills = async (): Promise<void> => {
    while (killsDue > 0) {
      killsDue -= 1;
      const at = performance.now();
      const atS = (at - started) / 1000;
      const awaiting = phase.filter((p) => p === 'awaiting').length;
      process.stderr.write(`${channel.label}: kill ${kills.length + 1} at ${atS.toFixed(1)} s (SIGKILL; ${awaiting} chat${awaiting === 1 ? '' : 's'} awaiting a reply)\n`);
      const restart = await running.killAndRestart().catch((err: unknown) => {
        // A restart that fails (src/ mid-change, say) leaves nothing to measure.
        process.stderr.write(`${channel.label}: Setu did not come back after kill ${kills.length + 1}: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      });
      process.stderr.write(`${channel.label}: Setu is up again after ${secs(restart.startupMs)}${restart.built ? ' (it built dist/ first)' : ''}\n`);
      kills.push({ at, atS, restart });
    }
  };
  const countSent = (): void => {
    sent += 1;
    while (nextKill < thresholds.length && sent >= (thresholds[nextKill] as number)) {
      nextKill += 1;
      killsDue += 1;
    }
    if (killsDue > 0 && !killing.now) {
      killing.now = new Promise<void>((resolve) => setImmediate(resolve))
        .then(runKills)
        .finally(() => {
          killing.now = null;
        });
    }
  };

  /** Sends the webhook call until Setu answers 200, every RETRY_MS, as the platform would. */
  const post = async (turn: Turn, call: { url: string; headers: Record<string, string>; body: string }): Promise<void> => {
    for (;;) {
      const a0 = performance.now();
      turn.attempts += 1;
      try {
        const res = await fetch(call.url, { method: 'POST', headers: call.headers, body: call.body, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (res.status === 200) {
          turn.ackAt = performance.now();
          turn.ackAttemptMs = turn.ackAt - a0;
          return;
        }
        refusals.set(`HTTP ${res.status}`, (refusals.get(`HTTP ${res.status}`) ?? 0) + 1);
      } catch (err) {
        const why = refusal(err);
        refusals.set(why, (refusals.get(why) ?? 0) + 1);
      }
      if (performance.now() - turn.t0 > ACK_GIVE_UP_MS) {
        unacknowledged += 1;
        return;
      }
      await sleep(RETRY_MS);
    }
  };

  const person = async (i: number): Promise<void> => {
    const box = boxes[i] as ChatBox;
    await sleep(random() * START_SPREAD_MS);
    for (let step = 0; step < MESSAGES; step += 1) {
      const text = lineAt(step);
      const before = box.received.length;
      const call = channel.call(i, step, text);
      const turn: Turn = { chat: i, step, text, t0: performance.now(), attempts: 0, ackAt: null, ackAttemptMs: null, firstReply: null, touchedByKill: false };
      turns.push(turn);
      turnsByChat[i]?.push(turn);
      phase[i] = 'awaiting';
      countSent();
      const acknowledged = post(turn, call);
      // The reply is the first message after the call that is not a repeat of one already read (a kill's re-send).
      const from = turnsByChat[i]?.[Math.max(0, step - (DUPLICATE_WINDOW_TURNS - 1))]?.t0 ?? turn.t0;
      for (let index = before; ; index += 1) {
        if (!(await box.beyond(index, turn.t0 + REPLY_TIMEOUT_MS - performance.now()))) break;
        if (isRepeat(box.received, index, from)) continue;
        turn.firstReply = box.received[index] ?? null;
        break;
      }
      if (turn.firstReply) answered += 1;
      else missing += 1;
      phase[i] = 'reading';
      await acknowledged;
      await box.quiet(turn.firstReply?.at ?? performance.now(), QUIET_MS[name], 30_000);
      phase[i] = 'pausing';
      await sleep(PAUSE_MIN_MS + random() * (PAUSE_MAX_MS - PAUSE_MIN_MS));
    }
    phase[i] = 'done';
  };

  const progress = setInterval(() => {
    const t = (performance.now() - started) / 1000;
    process.stderr.write(
      `${channel.label} ${t.toFixed(0)} s: sent ${sent}/${total}, replied ${answered}, missing ${missing}, delivered ${channel.standIn.stats().messages}, kills ${kills.length}/${KILLS}${running.up() ? '' : ' (Setu restarting)'}\n`,
    );
  }, 3000);
  await Promise.all(boxes.map((_, i) => person(i)));
  if (killing.now) await killing.now;
  // Whatever is still on its way (a kill's re-sends, the last parts) arrives before Setu is stopped.
  const lastPersonAt = performance.now();
  for (let last = channel.standIn.stats().lastAt; ; ) {
    await sleep(500);
    const now = channel.standIn.stats().lastAt;
    if ((now === last && performance.now() - Math.max(now, lastPersonAt) >= 3000) || performance.now() - lastPersonAt > 60_000) break;
    last = now;
  }
  clearInterval(progress);
  const stopCode = await running.stop();
  await channel.standIn.close();

  // ---- figures ----
  const flags = boxes.map((box, i) => duplicateFlags(box.received, turnsByChat[i] ?? []));
  const outstanding = kills.map((k) => boxes.map((box, i) => outstandingAt(k.at, turnsByChat[i] ?? [], box.received, flags[i] ?? [])));
  for (const t of turns) {
    const chatTurns = turnsByChat[t.chat] ?? [];
    const next = chatTurns[t.step + 1]?.t0 ?? Number.POSITIVE_INFINITY;
    const touched = (k: KillRecord): boolean => {
      const o = outstandingAt(k.at, chatTurns, boxes[t.chat]?.received ?? [], flags[t.chat] ?? []);
      return k.at >= t.t0 && k.at < next && (o === 'awaiting' || o === 'more');
    };
    if (t.attempts > 1 || kills.some(touched)) t.touchedByKill = true;
  }
  const stats = channel.standIn.stats();
  const runMs = Math.max(1, stats.lastAt - started);
  const latencies = turns.flatMap((t) => (t.firstReply ? [t.firstReply.at - t.t0] : []));
  const calm = turns.filter((t) => !t.touchedByKill).flatMap((t) => (t.firstReply ? [t.firstReply.at - t.t0] : []));
  const sortedLatency = [...latencies].sort((a, b) => a - b);
  const acked = turns.filter((t) => t.ackAt !== null);
  const retried = turns.filter((t) => t.attempts > 1);
  const outbox = readOutbox(dbFile, channel);
  const received = channel.standIn.delivered.length;
  const expected = [...outbox.sentParts.values()].reduce((a, b) => a + b, 0);

  const perChat = boxes.map((box, i) => ({ i, duplicates: (flags[i] ?? []).filter(Boolean).length, byRows: box.received.length - (outbox.sentParts.get(channel.chatId(i)) ?? 0) }));
  const duplicates = perChat.reduce((a, c) => a + c.duplicates, 0);
  const worst = perChat.reduce((a, c) => (c.duplicates > a.duplicates ? c : a), perChat[0] ?? { i: 0, duplicates: 0, byRows: 0 });
  // Each duplicate belongs to the last kill before it arrived (-1: none, which should not happen).
  const afterKill = boxes.map((box, i) =>
    box.received.flatMap((d, j) => ((flags[i] ?? [])[j] ? [kills.filter((k) => k.at < d.at).length - 1] : [])),
  );
  const dupsOfKill = (n: number, i: number): number => (afterKill[i] ?? []).filter((k) => k === n).length;
  const inFlight = outstanding.reduce((a, atKill) => a + atKill.filter((o) => o !== null).length, 0);
  const overOne = kills.flatMap((_, n) => boxes.flatMap((__, i) => (dupsOfKill(n, i) > ((outstanding[n] ?? [])[i] ? 1 : 0) ? [i] : [])));
  const withoutKill = afterKill.reduce((a, ks) => a + ks.filter((k) => k < 0).length, 0);
  const fewer = perChat.filter((c) => c.byRows < 0);

  // Attribution check: every chat follows the same script from a new contact, so the first reply at a step should be the same for all.
  let outOfStep = 0;
  for (let step = 0; step < MESSAGES; step += 1) {
    const firsts = turns.filter((t) => t.step === step && t.firstReply).map((t) => `${t.firstReply?.text}\u0000${t.firstReply?.buttons}`);
    const counts = new Map<string, number>();
    for (const f of firsts) counts.set(f, (counts.get(f) ?? 0) + 1);
    const mode = Math.max(0, ...counts.values());
    outOfStep += firsts.length - mode;
  }

  const starts = running.lives.map((l, n) => `${n === 0 ? 'first' : `after kill ${n}`} ${secs(l.startupMs)}${l.built ? ' (built dist/ first)' : ''}`);
  const peak = Math.max(0, ...running.lives.map((l) => l.peakRssKb));
  const status = (s: string): number => outbox.byStatus.get(s) ?? 0;
  const otherStatuses = [...outbox.byStatus.entries()].filter(([s]) => !['sent', 'pending', 'sending', 'failed', 'held'].includes(s)).map(([s, n]) => `${n} ${s}`);
  const unknownCalls = [...channel.standIn.calls.entries()].filter(([m]) => m.startsWith('?')).map(([m, n]) => `${n}× ${m.slice(1)}`);
  const sortedCalm = [...calm].sort((a, b) => a - b);
  const meets = (sorted: number[]): boolean => (name === 'telegram' ? quantile(sorted, 0.5) < 1500 && quantile(sorted, 0.99) < 5000 : quantile(sorted, 0.99) < 2000);
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const targets =
    `target (issue #11, 40 chats): ${name === 'telegram' ? 'p50 < 1.5 s and p99 < 5 s' : 'p99 < 2 s'} → ` +
    (KILLS > 0 ? `all turns ${verdict(meets(sortedLatency))}, turns no kill touched ${verdict(meets(sortedCalm))}` : verdict(meets(sortedLatency))) +
    (CHATS !== 40 ? ` (this run: ${CHATS} chats)` : '');
  const peakS = (stats.peakAt - started) / 1000;
  const peakKill = kills.filter((k) => k.atS <= peakS).at(-1);
  const peakWhen = `the window ending at ${peakS.toFixed(1)} s${peakKill ? `, ${(peakS - peakKill.atS - peakKill.restart.startupMs / 1000).toFixed(1)} s after the restart that followed kill ${kills.indexOf(peakKill) + 1}` : ''}`;

  const lines = [
    `== ${channel.label}: ${CHATS} chats × ${MESSAGES} messages, ${KILLS === 0 ? 'no kills' : `${KILLS} kill${KILLS === 1 ? '' : 's'} (SIGKILL, restarted at once on the same database and port)`} ==`,
    `each person: sends a message, waits for the first reply (${REPLY_TIMEOUT_MS / 1000} s at most), reads until ${QUIET_MS[name]} ms pass with nothing new, pauses ${PAUSE_MIN_MS}–${PAUSE_MAX_MS} ms (uniform, seeded), sends the next; the ${CHATS} start within ${START_SPREAD_MS} ms`,
    setuVersion(),
    `script: ${OPENING.join(' ')} | then ${CYCLE.join(' ')} (an eligibility check to its result, and back to the menu), cycled`,
    `run: ${secs(performance.now() - started)}; ${sent} messages sent, ${answered} answered, ${missing} missing (no reply within ${REPLY_TIMEOUT_MS / 1000} s)${unacknowledged ? `, ${unacknowledged} never acknowledged` : ''}`,
    `reply latency (webhook POST start → first reply at the stand-in, a kill's re-sends skipped): ${spread(latencies)}`,
    ...(KILLS > 0 ? [`  turns no kill touched (not in flight at a kill, never refused; some ran in a restart's backlog): ${spread(calm)}`] : []),
    `  ${targets}`,
    ...channel.limitLine(stats, runMs / 1000),
    `  peak 1-s window: ${peakWhen}`,
    `replies: ${(received / Math.max(1, answered)).toFixed(2)} platform messages per answered message on average; ${outOfStep} first replies unlike the other chats' at the same step (attribution check)${stray ? `; ${stray} messages to chats no person had` : ''}`,
    `webhook acknowledgement (the acknowledged attempt): ${spread(acked.flatMap((t) => (t.ackAttemptMs === null ? [] : [t.ackAttemptMs])))}`,
    retried.length > 0
      ? `  ${retried.length} calls retried every ${RETRY_MS} ms until acknowledged (${[...refusals.entries()].map(([why, n]) => `${n}× ${why}`).join(', ')}); first attempt → acknowledged: ${spread(retried.flatMap((t) => (t.ackAt === null ? [] : [t.ackAt - t.t0])))}`
      : '  no call needed a retry',
    `Setu start-up (spawn → Health line): ${starts.join(', ')}`,
    ...kills.map((k, n) => {
      const o = outstanding[n] ?? [];
      const count = (x: Outstanding): number => o.filter((y) => y === x).length;
      const dups = boxes.reduce((a, _, i) => a + dupsOfKill(n, i), 0);
      const chats = boxes.filter((_, i) => dupsOfKill(n, i) > 0).length;
      return (
        `kill ${n + 1} at ${k.atS.toFixed(1)} s: ${o.filter((x) => x !== null).length} chats in flight (${count('awaiting')} awaiting a reply, ${count('more')} with more of one to come, ` +
        `${count('just delivered')} got a message in the ${JUST_DELIVERED_MS} ms before, which Setu may not have recorded as sent); after it ${dups} duplicates in ${chats} chats`
      );
    }),
    `duplicates: ${duplicates} (messages a chat got twice: same text and buttons as one in reply to its last ${DUPLICATE_WINDOW_TURNS} messages); worst chat ${channel.chatId(worst.i)} with ${worst.duplicates}` +
      (withoutKill > 0 ? `; ${withoutKill} with no kill before them` : ''),
    ...(KILLS > 0
      ? [
          `  target (issue #11): ≤ 1 per chat in flight → ${overOne.length === 0 && withoutKill === 0 ? 'met' : 'NOT met'} (${inFlight} chat-kills in flight; ` +
            `${overOne.length === 0 ? 'no chat got more than one duplicate from a kill, or one without being in flight' : `${new Set(overOne).size} chats got more than one from a kill, or one without being in flight`})`,
        ]
      : []),
    fewer.length === 0
      ? `  by the outbox: ${status('sent')} rows sent = ${expected} platform messages by the channel's splitter; the stand-in received ${received}, ${received - expected} more`
      : `  by the outbox: ${status('sent')} rows sent = ${expected} platform messages by the channel's splitter, the stand-in received ${received}: ${fewer.length} chats got fewer messages than rows (the worker joins rows into one message), so rows cannot count duplicates`,
    `outbox after the run: ${status('sent')} sent, ${status('pending')} pending, ${status('sending')} sending, ${status('failed')} failed, ${status('held')} held${otherStatuses.length ? `, ${otherStatuses.join(', ')}` : ''}${outbox.unreadable ? ` (${outbox.unreadable} payloads unreadable, counted as 1 message)` : ''}`,
    `missing replies: ${missing}`,
    `peak RSS of Setu (VmHWM): ${peak > 0 ? `${(peak / 1024).toFixed(0)} MB` : 'unknown (no /proc)'} (largest of its ${running.lives.length} li${running.lives.length === 1 ? 'fe' : 'ves'}); graceful stop exit code ${String(stopCode)}`,
    setuLog(running.output()),
    ...(unknownCalls.length ? [`stand-in: calls it does not know: ${unknownCalls.join(', ')}`] : []),
    ...channel.problems(port),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');

  if (KEEP_ROOT) {
    const transcript: string[] = [];
    const box = boxes[0] as ChatBox;
    for (const [n, t] of (turnsByChat[0] ?? []).entries()) {
      const until = turnsByChat[0]?.[n + 1]?.t0 ?? Number.POSITIVE_INFINITY;
      transcript.push(`> ${t.text}    (reply after ${t.firstReply ? ms(t.firstReply.at - t.t0) : 'none'})`);
      for (const d of box.received.filter((r) => r.at >= t.t0 && r.at < until)) transcript.push(`${d.text}${d.buttons ? `\n  [${d.buttons}]` : ''}`, '');
    }
    writeFileSync(join(dir, 'chat-1.txt'), transcript.join('\n'));
    // Everything, for a closer look: each webhook call and each message the stand-in got, in time order (ms from the start).
    const events = [
      ...turns.map((t) => ({ t: Math.round(t.t0 - started), chat: channel.chatId(t.chat), sent: t.text, step: t.step, attempts: t.attempts, replyMs: t.firstReply ? Math.round(t.firstReply.at - t.t0) : null })),
      ...channel.standIn.delivered.map((d) => ({ t: Math.round(d.at - started), chat: d.chat, received: d.text.slice(0, 80), buttons: d.buttons !== '' })),
      ...kills.map((k, n) => ({ t: Math.round(k.atS * 1000), kill: n + 1 })),
    ].sort((a, b) => a.t - b.t);
    writeFileSync(join(dir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    writeFileSync(join(dir, 'setu-output.log'), running.output());
  }
}


process.on('SIGINT', () => process.exit(130));
const root = mkdtempSync(join(tmpdir(), 'setu-bench-conversations-'));
if (KEEP_ROOT) process.stdout.write(`data folder: ${root} (kept: <channel>/setu.db, chat-1.txt, events.jsonl, setu-output.log)\n\n`);
try {
  for (const name of CHANNELS) await runChannel(name, root);
} finally {
  if (!KEEP_ROOT) rmSync(root, { recursive: true, force: true });
}
process.exit(0);
