/**
 * `npm run bench:memory`: whether Setu's memory stays flat and bounded as
 * distinct people keep coming. Setu runs as its own process (`node
 * scripts/start.mjs`, as `npm start` runs it; bench/setuProcess.ts) on a fresh
 * SQLite file, or on a PostgreSQL database given with --database-url; Telegram's
 * Bot API is a stand-in in this process (bench/standIns.ts) that counts what it
 * receives instead of keeping it. N conversations, each a new Telegram chat
 * sending a greeting and the start of an eligibility check through the real
 * webhook route, C at a time (closed loop on the webhook's acknowledgement).
 * Setu's VmRSS and VmHWM are read from /proc/<pid>/status after a warm-up and
 * every tenth of the run, and printed as a curve with two verdicts.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { freePort, startSetuProcess, type SetuProcess } from './setuProcess.ts';
import { startTelegramStandIn } from './standIns.ts';
import { benchArgs } from './cli.ts';

const HELP = `npm run bench:memory -- [--conversations N] [--concurrency C] [--sample-every K] [--warm-up W]
                           [--drain-seconds S] [--database-url URL] [--heap-snapshots] [--root]

Issue: "peak RSS < 300 MB after 100,000 distinct conversations through the
pipeline, and flat (within 10 %) between the 50,000th and the 100,000th".
Setu runs as its own process the way \`npm start\` runs it (node
scripts/start.mjs) on a fresh SQLite file in a temporary folder, with a
stand-in Telegram Bot API in this process. Each conversation is a new Telegram
chat id sending ${'হ্যালো'}, ১, ১ (a greeting, then the start of an eligibility
check) as webhook calls to /telegram/webhook, each sent once the one before
was acknowledged; C conversations run at once. Replies are not waited for
during the run; at the end the bench waits for the outbox to drain and says
how many arrived. Setu's VmRSS and VmHWM (peak) are read from /proc after the
warm-up and every K conversations.

  --conversations N   distinct conversations measured (default 100000)
  --concurrency C     conversations at once (default 50)
  --sample-every K    conversations between samples (default a tenth of N)
  --warm-up W         conversations before the first sample, with chat ids
                      of their own (default 1000; 0 for none)
  --drain-seconds S   wait at most S seconds for the outbox to drain at the end
                      (default: until it is empty; Telegram's pace of a
                      message a second per chat makes that long after a big run)
  --database-url URL  a PostgreSQL database (postgresql://…) instead of the
                      SQLite file; Setu migrates it. Use a database of its
                      own: the run's chats are new to it, but its rows stay.
  --heap-snapshots    Setu writes a V8 heap snapshot (SIGUSR2) after the
                      warm-up, at N/2 and at N, into the data folder (kept,
                      and its path printed); each costs a pause and some
                      memory, so the peak is not comparable with a run without
  --root              print where the data folder is, and keep it
  --help              this text

Prints the curve (conversations, elapsed time, RSS MB, peak MB, replies
delivered so far), then the verdicts: peak < 300 MB (PASS/MISS) and RSS at
N within 10 % of RSS at N/2 (PASS/MISS), the outbox at the end, Setu's own
warnings and errors, and its graceful stop.`;

const { values, fail, wholeNumber } = benchArgs('bench:memory', HELP, {
  conversations: { type: 'string' },
  concurrency: { type: 'string' },
  'sample-every': { type: 'string' },
  'warm-up': { type: 'string' },
  'drain-seconds': { type: 'string' },
  'database-url': { type: 'string' },
  'heap-snapshots': { type: 'boolean' },
  root: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
});
const CONVERSATIONS = wholeNumber('conversations', values.conversations, 100_000, 2, 10_000_000);
const CONCURRENCY = wholeNumber('concurrency', values.concurrency, 50, 1, 1000);
const SAMPLE_EVERY = wholeNumber('sample-every', values['sample-every'], Math.max(1, Math.round(CONVERSATIONS / 10)), 1, CONVERSATIONS);
const WARM_UP = wholeNumber('warm-up', values['warm-up'], 1000, 0, 1_000_000);
const DRAIN_LIMIT_S = values['drain-seconds'] === undefined ? null : wholeNumber('drain-seconds', values['drain-seconds'], 0, 0, 86_400);
const DATABASE_URL = values['database-url'];
if (DATABASE_URL !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(DATABASE_URL)) {
  fail(`--database-url must be a PostgreSQL URL (postgresql://user:password@host:5432/database), not "${DATABASE_URL}" (without it the bench uses a fresh SQLite file)`);
}
const HEAP_SNAPSHOTS = values['heap-snapshots'] === true;
const KEEP_ROOT = values.root === true || HEAP_SNAPSHOTS;

/** What each person types: a greeting (the menu), 1 (the eligibility check), 1 (its first answer). */
const SCRIPT = ['হ্যালো', '১', '১'];
/** A webhook call refused or failed is sent again this often, as Telegram would, until acknowledged. */
const RETRY_MS = 250;
/** After this long without an acknowledgement a call is given up (Setu would be stuck). */
const ACK_GIVE_UP_MS = 180_000;
/** At the end, the outbox is waited for until it is empty, or nothing more arrived at the stand-in for this long. */
const DRAIN_STALL_MS = 60_000;
/** The issue's figures. */
const PEAK_TARGET_MB = 300;
const FLAT_WITHIN = 0.1;

const DATA_KEY = 'b'.repeat(64);
const TELEGRAM_TOKEN = '123456:bench';
const TELEGRAM_SECRET = 'bench-webhook-secret';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const mb = (kb: number): string => (kb / 1024).toFixed(1);
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** VmRSS and VmHWM of a live process in kB, from /proc; null where it cannot be read. */
function memoryOf(pid: number): { rssKb: number; peakKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    const peak = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return rss && peak ? { rssKb: Number(rss), peakKb: Number(peak) } : null;
  } catch {
    return null;
  }
}

/** The outbox rows this run queued, by status (rows created since `since`), from SQLite or PostgreSQL. */
interface OutboxReader {
  byStatus(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

function outboxReader(since: Date, sqliteFile: string | null): OutboxReader {
  if (sqliteFile !== null) {
    // Prisma's SQLite adapter keeps DateTime as ISO text with an explicit offset.
    const at = since.toISOString().replace('Z', '+00:00');
    let db: Database.Database | null = null;
    return {
      async byStatus() {
        db ??= new Database(sqliteFile, { readonly: true, fileMustExist: true });
        const rows = db.prepare(`SELECT status, COUNT(*) AS n FROM "OutboxMessage" WHERE channel = 'telegram' AND createdAt >= ? GROUP BY status`).all(at) as Array<{ status: string; n: number }>;
        return new Map(rows.map((r) => [r.status, Number(r.n)]));
      },
      close: async () => void db?.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  pool.on('error', () => undefined);
  return {
    async byStatus() {
      const res = await pool.query<{ status: string; n: string }>(
        `SELECT "status", COUNT(*)::text AS n FROM "OutboxMessage" WHERE "channel" = 'telegram' AND "createdAt" >= $1 GROUP BY "status"`,
        [since],
      );
      return new Map(res.rows.map((r) => [r.status, Number(r.n)]));
    },
    close: () => pool.end(),
  };
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

interface Sample {
  conversations: number;
  label: string;
  elapsedMs: number;
  rssKb: number;
  peakKb: number;
  delivered: number;
}

process.on('SIGINT', () => process.exit(130));
const root = mkdtempSync(join(tmpdir(), 'setu-bench-memory-'));
const dir = join(root, 'setu');
// Owner-only, as Setu wants its data folder (it would tighten it and warn).
mkdirSync(dir, { recursive: true, mode: 0o700 });
const sqliteFile = DATABASE_URL === undefined ? join(dir, 'setu.db') : null;
if (KEEP_ROOT) process.stdout.write(`data folder: ${root} (kept${HEAP_SNAPSHOTS ? '; heap snapshots go to snapshots/' : ''})\n\n`);

// Chat ids: fixed on a fresh SQLite file; on PostgreSQL new to the database on every run.
const BASE_CHAT = DATABASE_URL === undefined ? 6_000_000_001 : 6_000_000_001 + (Date.now() % 1_000_000_000) * 100;
const TOTAL = WARM_UP + CONVERSATIONS;
/** Replies each chat got (capped at 255); index = chat id − BASE_CHAT. */
const replies = new Uint8Array(TOTAL);
let stray = 0;

const standIn = await startTelegramStandIn(TELEGRAM_TOKEN, { keepDelivered: false });
standIn.onDelivered((d) => {
  const i = Number(d.chat) - BASE_CHAT;
  if (Number.isInteger(i) && i >= 0 && i < TOTAL) replies[i] = Math.min(255, (replies[i] ?? 0) + 1);
  else stray += 1;
});

const port = await freePort();
const snapshots = join(root, 'snapshots');
if (HEAP_SNAPSHOTS) mkdirSync(snapshots, { recursive: true });
const env: Record<string, string> = {
  DATABASE_URL: DATABASE_URL ?? `file:${sqliteFile}`,
  SETU_DATA_DIR: dir,
  SETU_DATA_KEY: DATA_KEY,
  LOG_LEVEL: 'warn',
  OUTBOX_POLL_MS: '50',
  // Simulated people write faster than the flood limits let one person; the limits' memory is measured all the same.
  CONTACT_RATE_BURST: '1000',
  CONTACT_RATE_PER_MINUTE: '1000',
  CASES_PER_DAY: '1000',
  STATUS_LOOKUPS_PER_DAY: '1000',
  // Delivery keeps up with the run (Telegram's own 30/s would take hours for the replies): each chat's pacing is still kept.
  TELEGRAM_SENDS_PER_SECOND: '1000',
  TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
  TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
  TELEGRAM_API_ROOT: standIn.root,
  // With PUBLIC_URL Setu takes updates by webhook (setWebhook to ${PUBLIC_URL}/telegram/webhook), not long polling.
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  ...(HEAP_SNAPSHOTS ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshots}`.trim() } : {}),
};

process.stderr.write(`starting Setu (node scripts/start.mjs) on port ${port}, ${DATABASE_URL === undefined ? 'a fresh SQLite file' : 'PostgreSQL'}…\n`);
let setu: SetuProcess;
try {
  setu = await startSetuProcess({ env, port });
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
const life = setu.lives[0];
if (!life) throw new Error('Setu has no life');
const pid = life.pid;
process.stderr.write(`Setu is up (pid ${pid}) after ${secs(life.startupMs)}${life.built ? ' (it built dist/ first)' : ''}\n`);
if (memoryOf(pid) === null) {
  process.stderr.write(`cannot read /proc/${pid}/status: this bench needs Linux's /proc\n`);
  await setu.stop();
  process.exit(1);
}

let updateId = 1_000_000;
let sent = 0;
let acknowledged = 0;
let unacknowledged = 0;
const refusals = new Map<string, number>();

/** Why an attempt was not acknowledged: the HTTP status, or the network error's code. */
function refusal(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  if (code) return code;
  if (err instanceof Error && err.name === 'TimeoutError') return 'timeout (30 s)';
  return err instanceof Error ? err.message : String(err);
}

/** One webhook call, sent again every RETRY_MS until Setu answers 200. */
async function post(chatId: number, step: number, text: string): Promise<void> {
  updateId += 1;
  const body = JSON.stringify({
    update_id: updateId,
    message: {
      message_id: step + 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Bench' },
      from: { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'bn' },
      text,
    },
  });
  const headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET };
  const t0 = performance.now();
  sent += 1;
  for (;;) {
    try {
      const res = await fetch(`${setu.url}/telegram/webhook`, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      if (res.status === 200) {
        acknowledged += 1;
        return;
      }
      refusals.set(`HTTP ${res.status}`, (refusals.get(`HTTP ${res.status}`) ?? 0) + 1);
    } catch (err) {
      const why = refusal(err);
      refusals.set(why, (refusals.get(why) ?? 0) + 1);
    }
    if (performance.now() - t0 > ACK_GIVE_UP_MS) {
      unacknowledged += 1;
      return;
    }
    await sleep(RETRY_MS);
  }
}

/** Runs conversations [from, to) C at a time; `onDone(n)` after each, n counting from `from`. */
async function converse(from: number, to: number, onDone: (done: number) => void): Promise<void> {
  let next = from;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < to; i = next++) {
      for (const [step, text] of SCRIPT.entries()) await post(BASE_CHAT + i, step, text);
      done += 1;
      onDone(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, to - from) }, worker));
}

const samples: Sample[] = [];
let started = performance.now();
const sample = (conversations: number, label = String(conversations)): Sample => {
  const m = memoryOf(pid) ?? { rssKb: 0, peakKb: 0 };
  const s: Sample = { conversations, label, elapsedMs: performance.now() - started, rssKb: m.rssKb, peakKb: m.peakKb, delivered: standIn.stats().messages };
  samples.push(s);
  process.stderr.write(`sample at ${label}: RSS ${mb(s.rssKb)} MB, peak ${mb(s.peakKb)} MB\n`);
  return s;
};

/** Asks Setu for a heap snapshot and waits until the file is written (size stops changing). */
async function heapSnapshot(label: string): Promise<void> {
  if (!HEAP_SNAPSHOTS) return;
  const before = new Set(readdirSync(snapshots));
  process.kill(pid, 'SIGUSR2');
  for (let last = -1, t0 = performance.now(); performance.now() - t0 < 120_000; ) {
    await sleep(500);
    const fresh = readdirSync(snapshots).filter((f) => !before.has(f));
    if (fresh.length === 0) continue;
    const file = join(snapshots, fresh[0] as string);
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      continue;
    }
    if (size > 0 && size === last) {
      process.stderr.write(`heap snapshot at ${label}: ${file} (${mb(size / 1024)} MB)\n`);
      return;
    }
    last = size;
  }
  process.stderr.write(`heap snapshot at ${label}: none written within 2 minutes\n`);
}

const progress = setInterval(() => {
  const m = memoryOf(pid);
  process.stderr.write(
    `${secs(performance.now() - started)}: ${sent} messages sent, ${acknowledged} acknowledged, ${standIn.stats().messages} replies delivered, RSS ${m ? mb(m.rssKb) : '?'} MB, peak ${m ? mb(m.peakKb) : '?'} MB\n`,
  );
}, 5000);

/** The outbox rows of this run are those queued from here on (a second early, for the clocks' rounding). */
const runSince = new Date(Date.now() - 1000);
if (WARM_UP > 0) {
  process.stderr.write(`warm-up: ${WARM_UP} conversations…\n`);
  await converse(0, WARM_UP, () => undefined);
}
const half = Math.floor(CONVERSATIONS / 2);
const points = new Set<number>([half, CONVERSATIONS]);
for (let n = SAMPLE_EVERY; n < CONVERSATIONS; n += SAMPLE_EVERY) points.add(n);
started = performance.now();
const sentBefore = sent;
sample(0, WARM_UP > 0 ? `0 (after ${WARM_UP} warm-up)` : '0');
await heapSnapshot('the start');
const snapshotsDue: Array<Promise<void>> = [];
await converse(WARM_UP, TOTAL, (done) => {
  if (!points.has(done)) return;
  sample(done);
  // At N/2 the snapshot is taken while the run goes on; at N once the last conversation is in (below).
  if (done === half && done !== CONVERSATIONS) snapshotsDue.push(heapSnapshot(`${done} conversations`));
});
const runMs = performance.now() - started;
await Promise.all(snapshotsDue);
await heapSnapshot(`${CONVERSATIONS} conversations`);

// The replies still on their way: until the run's outbox rows are all sent (or failed, or held), or nothing moves.
process.stderr.write('waiting for the outbox to drain…\n');
const outbox = outboxReader(runSince, sqliteFile);
const drainStart = performance.now();
let byStatus = new Map<string, number>();
for (let last = standIn.stats().messages, lastMoved = performance.now(); ; ) {
  byStatus = await outbox.byStatus().catch(() => byStatus);
  if ((byStatus.get('pending') ?? 0) + (byStatus.get('sending') ?? 0) === 0) break;
  const now = standIn.stats().messages;
  if (now !== last) {
    last = now;
    lastMoved = performance.now();
  } else if (performance.now() - lastMoved > DRAIN_STALL_MS) break;
  if (DRAIN_LIMIT_S !== null && performance.now() - drainStart > DRAIN_LIMIT_S * 1000) break;
  await sleep(1000);
}
const drainMs = performance.now() - drainStart;
const drained = sample(CONVERSATIONS, `${CONVERSATIONS} + drained`);
clearInterval(progress);
await outbox.close();
const stopCode = await setu.stop();
await standIn.close();

// ---- figures ----
const at = (n: number): Sample | undefined => samples.find((s) => s.conversations === n && !s.label.includes('drained'));
const atHalf = at(half);
const atEnd = at(CONVERSATIONS);
const peakKb = Math.max(drained.peakKb, ...samples.map((s) => s.peakKb), setu.lives[0]?.peakRssKb ?? 0);
const growth = atHalf && atEnd && atHalf.rssKb > 0 ? (atEnd.rssKb - atHalf.rssKb) / atHalf.rssKb : Number.NaN;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
let noReply = 0;
let replied = 0;
for (let i = WARM_UP; i < TOTAL; i += 1) {
  const n = replies[i] ?? 0;
  if (n === 0) noReply += 1;
  replied += n;
}
const status = (s: string): number => byStatus.get(s) ?? 0;
const others = [...byStatus.entries()].filter(([s]) => !['sent', 'pending', 'sending', 'failed', 'held'].includes(s)).map(([s, n]) => `${n} ${s}`);
const pad = (s: string, n: number): string => s.padStart(n);
const label = Math.max(14, ...samples.map((s) => s.label.length));
const table = [
  `${'conversations'.padEnd(label)}  ${pad('elapsed', 9)}  ${pad('RSS MB', 7)}  ${pad('peak MB', 7)}  ${pad('replies', 8)}`,
  ...samples.map((s) => `${s.label.padEnd(label)}  ${pad(secs(s.elapsedMs), 9)}  ${pad(mb(s.rssKb), 7)}  ${pad(mb(s.peakKb), 7)}  ${pad(String(s.delivered), 8)}`),
];
const messages = sent - sentBefore;
const lines = [
  `== Setu's memory over ${CONVERSATIONS} distinct Telegram conversations (${SCRIPT.join(', ')}), ${CONCURRENCY} at a time ==`,
  `Setu: node scripts/start.mjs, pid ${pid}, on ${DATABASE_URL === undefined ? 'a fresh SQLite file' : 'PostgreSQL (--database-url)'}; started in ${secs(life.startupMs)}${life.built ? ' (built dist/ first)' : ''}; warm-up ${WARM_UP} conversations`,
  `run: ${secs(runMs)} for ${messages} webhook calls (${(messages / (runMs / 1000)).toFixed(0)} calls/s, ${(CONVERSATIONS / (runMs / 1000)).toFixed(0)} conversations/s)` +
    `${unacknowledged ? `; ${unacknowledged} never acknowledged` : ''}${refusals.size ? `; refused or failed attempts: ${[...refusals.entries()].map(([w, n]) => `${n}× ${w}`).join(', ')}` : ''}`,
  '',
  ...table,
  '',
  `peak RSS (VmHWM, start-up included) ${mb(peakKb)} MB < ${PEAK_TARGET_MB} MB: ${verdict(peakKb / 1024 < PEAK_TARGET_MB)}`,
  atHalf && atEnd
    ? `RSS at ${CONVERSATIONS} (${mb(atEnd.rssKb)} MB) within ${FLAT_WITHIN * 100} % of RSS at ${half} (${mb(atHalf.rssKb)} MB): ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} % → ${verdict(Math.abs(growth) <= FLAT_WITHIN)}`
    : 'RSS at N against N/2: not sampled',
  '',
  `replies: ${standIn.stats().messages} messages reached the stand-in (${replied} to the measured chats, ${(replied / CONVERSATIONS).toFixed(2)} a conversation); ${noReply} of the ${CONVERSATIONS} chats got none${stray ? `; ${stray} to chats the bench never wrote from` : ''}`,
  `outbox of the run after ${secs(drainMs)} of draining: ${status('sent')} sent, ${status('pending')} pending, ${status('sending')} sending, ${status('failed')} failed, ${status('held')} held${others.length ? `, ${others.join(', ')}` : ''}`,
  setuLog(setu.output()),
  `graceful stop (SIGTERM): exit code ${String(stopCode)}`,
  '',
];
process.stdout.write(lines.join('\n'));
if (!KEEP_ROOT) rmSync(root, { recursive: true, force: true });
process.exit(0);
