/**
 * `npm run bench:webhook`: Setu's webhook throughput against a bare baseline
 * on the same traffic, on SQLite and PostgreSQL, with 1 and 3 processes.
 * Per row: a fresh database, the processes (bench/baseline.ts, or Setu as
 * `npm start` runs it), the platform stand-ins in this thread, and the load in
 * a worker thread (bench/throughputLoad.ts). After a Setu row, every reply is
 * waited for and matched to its call (bench/throughputReplies.ts).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import WebSocket from 'ws';
import { areaLines } from './profileAreas.ts';
import { setuVersion } from './setuProcess.ts';
import { startGraphStandIn, startTelegramStandIn, type StandIn } from './standIns.ts';
import type { DlConversation, FromLoad, LoadChannel, LoadJob, Sent } from './throughputLoad.ts';
import { attributeByOutbox, attributeByReplyTo, openSetuReader, outOfStep, type Arrival, type Attribution, type SetuReader } from './throughputReplies.ts';
import { freshDatabase, logSummary, startBaselines, startSetus, type BenchDatabase, type Provider, type Servers } from './throughputServers.ts';
import { GENERAL_NOTES, LABEL, profileLines, quantile, rowNotes, scalingLine, table, targets, type RowKind, type RowResult } from './throughputTable.ts';
import { CYCLE, OPENING } from './chatScript.ts';
import { benchArgs } from './cli.ts';

/** Before the measured window: connections opened, caches and the JIT warm. */
const WARMUP_MS = 2000;

const HELP = `npm run bench:webhook -- [--database sqlite|postgresql|both] [--processes 1|3|both]
       [--channel telegram|messenger|directline|all] [--chats N] [--seconds S] [--cpu-prof DIR]

Webhook throughput, Setu against a bare baseline on the same traffic. Rows,
each on a fresh database (PostgreSQL: setu_bench_<random>, dropped after):
  SQLite, 1 process:      baseline, Telegram, Messenger, Direct Line
  PostgreSQL, 1 process:  baseline, Telegram, Messenger, Direct Line
  PostgreSQL, 3 processes: baseline, Telegram, Messenger (calls round-robin)
The baseline (bench/baseline.ts) is node:http and one transaction per call:
the inbound under a unique key, the session read and upserted, one outbox
row. Setu runs as \`npm start\` runs it (node scripts/start.mjs), the
platforms are stand-ins (bench/standIns.ts); Direct Line replies are read
from each conversation's WebSocket stream. N chats post in a closed loop
(the next message as soon as the last was acknowledged), ${WARMUP_MS / 1000} s warm-up,
then S seconds measured; after a Setu row every reply is waited for.

  --database D    sqlite, postgresql or both (default both)
  --processes P   1, 3 or both (default both; 3 only on PostgreSQL)
  --channel C     telegram, messenger, directline or all (default all; the
                  baseline always runs, Direct Line only with 1 process)
  --chats N       chats at once (default 50)
  --seconds S     measured seconds per row (default 10)
  --cpu-prof DIR  profile Setu's CPU over the measured window (a .cpuprofile
                  per process in DIR/<row>, for Chrome DevTools) and print
                  where its time goes, by area, per acknowledged message
  --help          this text

Prints per row: acknowledged messages/s, ack latency p50/p99, reply latency
p50/p99 (webhook POST start → the reply's first platform message at the
stand-in, or on the Direct Line stream), delivered messages/s, replies
missing; each with its ratio to the baseline of the same database and
process count. Targets (the issue): on SQLite Setu ≥ 33 % of the baseline's
throughput with ack p99 < 50 ms; on PostgreSQL 3 processes ≥ 2× 1 process.`;

const { values, fail, wholeNumber, oneOf } = benchArgs('bench:webhook', HELP, {
  database: { type: 'string' },
  processes: { type: 'string' },
  channel: { type: 'string' },
  chats: { type: 'string' },
  seconds: { type: 'string' },
  'cpu-prof': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
}, 2);
const databaseOption = oneOf('database', values.database, 'both', ['sqlite', 'postgresql', 'both']);
const processesOption = oneOf('processes', values.processes, 'both', ['1', '3', 'both']);
const channelOption = oneOf('channel', values.channel, 'all', ['telegram', 'messenger', 'directline', 'all']);
const CHATS = wholeNumber('chats', values.chats, 50, 1, 1000);
const SECONDS = wholeNumber('seconds', values.seconds, 10, 1, 600);
const CPU_PROF = values['cpu-prof'] === undefined ? null : values['cpu-prof'];
if (CPU_PROF === '') fail('--cpu-prof needs a folder');

interface RowSpec {
  provider: Provider;
  processes: number;
  kind: RowKind;
}
const specs: RowSpec[] = [];
for (const provider of databaseOption === 'both' ? (['sqlite', 'postgresql'] as const) : [databaseOption]) {
  for (const processes of processesOption === 'both' ? [1, 3] : [Number(processesOption)]) {
    if (provider === 'sqlite' && processes === 3) continue;
    const channels: LoadChannel[] = channelOption === 'all' ? ['telegram', 'messenger', 'directline'] : [channelOption];
    const setuRows = channels.filter((c) => processes === 1 || c !== 'directline');
    if (setuRows.length === 0) continue;
    specs.push({ provider, processes, kind: 'baseline' }, ...setuRows.map((kind) => ({ provider, processes, kind })));
  }
}
if (specs.length === 0) fail(`nothing to run: ${databaseOption === 'sqlite' ? 'SQLite runs 1 process only' : 'Direct Line runs with 1 process only'}`);

const DATA_KEY = 'b'.repeat(64);
const TELEGRAM_TOKEN = '123456:bench';
const TELEGRAM_SECRET = 'bench-webhook-secret';
const FB_TOKEN = 'EAAbench';
const FB_APP_SECRET = 'bench-app-secret';
const PAGE_ID = '1000000001';
/** After the load, replies are waited for while they keep coming; this long with none new, the rest are missing. */
const STALL_MS = 30_000;

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string): void => void process.stderr.write(`${line}\n`);

/** Setu's settings for a row: only the channel measured, and limits that let the bench's traffic through. */
function setuEnv(kind: LoadChannel, standIn: StandIn | null): (port: number) => Record<string, string> {
  const common: Record<string, string> = {
    SETU_DATA_KEY: DATA_KEY,
    LOG_LEVEL: 'warn',
    // A chat here writes dozens of messages a second, far past the per-contact flood limit and the web limits (all chats share 127.0.0.1).
    CONTACT_RATE_BURST: '100000',
    CONTACT_RATE_PER_MINUTE: '100000',
    CASES_PER_DAY: '1000',
    STATUS_LOOKUPS_PER_DAY: '1000',
    WEB_RATE_BURST: '1000000',
    WEB_RATE_PER_MINUTE: '1000000',
    WEB_POLL_PER_MINUTE: '1000000',
    DIRECTLINE_TOKENS_BURST: '100000',
    DIRECTLINE_TOKENS_PER_MINUTE: '100000',
  };
  if (kind === 'telegram') {
    const root = standIn?.root ?? '';
    // With PUBLIC_URL Setu takes updates by webhook (setWebhook to ${PUBLIC_URL}/telegram/webhook), not long polling.
    return (port) => ({ ...common, TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_ROOT: root, PUBLIC_URL: `http://127.0.0.1:${port}` });
  }
  if (kind === 'messenger') return () => ({ ...common, FB_PAGE_ACCESS_TOKEN: FB_TOKEN, FB_APP_SECRET, FB_VERIFY_TOKEN: 'bench-verify', FB_GRAPH_API_ROOT: standIn?.root ?? '' });
  return () => common;
}

/** Runs the load in its worker; `onReady` sees the Direct Line conversations before the clock starts. */
async function runLoad(job: LoadJob, onReady: (conversations: DlConversation[]) => Promise<void>, onGo: () => void): Promise<Extract<FromLoad, { type: 'done' }>> {
  const worker = new Worker(new URL('./throughputBoot.mjs', import.meta.url), { workerData: job });
  try {
    return await new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the load worker exited (${code})`)));
      worker.on('message', (m: FromLoad) => {
        if (m.type === 'failed') reject(new Error(`the load failed: ${m.message}`));
        else if (m.type === 'ready') {
          onReady(m.conversations).then(() => {
            worker.postMessage('go');
            onGo();
          }, reject);
        }
        else resolve(m);
      });
    });
  } finally {
    await worker.terminate();
  }
}

/** Each Direct Line conversation's stream, as Web Chat reads it: Setu's messages, with when they arrived. */
async function openStreams(conversations: DlConversation[], arrivals: Arrival[]): Promise<() => void> {
  const sockets = await Promise.all(
    conversations.map(
      (c) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(c.streamUrl);
          ws.on('message', (data: Buffer) => {
            const at = now();
            const frame = JSON.parse(data.toString('utf8')) as { activities?: Array<{ type?: string; from?: { role?: string }; text?: string; replyToId?: string }> };
            for (const a of frame.activities ?? []) {
              if (a.type !== 'message' || a.from?.role !== 'bot') continue;
              arrivals.push({ chat: c.conversationId, at, text: a.text ?? '', ...(a.replyToId !== undefined ? { replyToId: a.replyToId } : {}) });
            }
          });
          ws.once('open', () => resolve(ws));
          ws.once('error', reject);
        }),
    ),
  );
  return () => sockets.forEach((ws) => ws.close());
}

/** Waits until every acknowledged message's turn ran and the outbox is empty, or until replies stop coming for STALL_MS. */
async function drain(reader: SetuReader, channel: LoadChannel, acked: number, arrivals: readonly Arrival[], label: string): Promise<{ seconds: number; stalled: boolean }> {
  const t0 = now();
  let seen = -1;
  let busyBefore = -1;
  let progressAt = now();
  let toldAt = now();
  for (;;) {
    const [busy, turned] = await Promise.all([reader.busy(channel), reader.turned(channel)]);
    const lastAt = arrivals.at(-1)?.at ?? 0;
    if (arrivals.length !== seen || busy !== busyBefore) progressAt = now();
    seen = arrivals.length;
    busyBefore = busy;
    if (busy === 0 && turned >= acked && now() - lastAt > 1000) return { seconds: (now() - t0) / 1000, stalled: false };
    if (now() - progressAt > STALL_MS) return { seconds: (now() - t0) / 1000, stalled: true };
    if (now() - toldAt > 5000) {
      toldAt = now();
      say(`${label}: waiting for replies: ${arrivals.length} platform messages so far, ${busy} outbox rows to send, ${turned}/${acked} turns run`);
    }
    await sleep(500);
  }
}

async function runRow(spec: RowSpec, root: string, rowIndex: number): Promise<RowResult> {
  const label = `${spec.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ×${spec.processes} ${LABEL[spec.kind]}`;
  const channel: LoadChannel = spec.kind === 'baseline' ? 'telegram' : spec.kind;
  const notes: string[] = [];
  const profDir = CPU_PROF === null || spec.kind === 'baseline' ? null : join(CPU_PROF, `${spec.provider}-${spec.processes}p-${spec.kind}`);
  const db: BenchDatabase = await freshDatabase(spec.provider, join(root, `row-${rowIndex}`));
  live.add(db);
  const standIn = spec.kind === 'telegram' ? await startTelegramStandIn(TELEGRAM_TOKEN) : spec.kind === 'messenger' ? await startGraphStandIn(FB_TOKEN) : null;
  const arrivals: Arrival[] = [];
  standIn?.onDelivered((d) => arrivals.push({ chat: d.chat, at: performance.timeOrigin + d.at, text: d.text }));
  let servers: Servers | null = null;
  let reader: SetuReader | null = null;
  let closeStreams = (): void => undefined;
  try {
    say(`${label}: starting ${spec.processes} ${spec.kind === 'baseline' ? 'baseline' : 'Setu'} process${spec.processes === 1 ? '' : 'es'}…`);
    if (spec.kind === 'baseline') servers = await startBaselines(db, spec.processes);
    else {
      if (profDir) mkdirSync(profDir, { recursive: true });
      servers = await startSetus(db, spec.processes, setuEnv(channel, standIn), profDir);
      reader = await openSetuReader(db.url);
    }
    notes.push(`start-up ${servers.startupMs.map((m) => `${(m / 1000).toFixed(1)} s`).join(', ')}`);
    say(`${label}: up; ${CHATS} chats, ${WARMUP_MS / 1000} s warm-up, ${SECONDS} s measured…`);
    const job: LoadJob = {
      channel,
      targets: servers.urls,
      chats: CHATS,
      warmupMs: WARMUP_MS,
      windowMs: SECONDS * 1000,
      opening: OPENING,
      cycle: CYCLE,
      telegramSecret: TELEGRAM_SECRET,
      appSecret: FB_APP_SECRET,
      pageId: PAGE_ID,
      tag: `r${rowIndex}`,
    };
    // The processes' CPU time over the measured window (this thread's clock, close enough to the worker's).
    const cpu = { from: Number.NaN, to: Number.NaN };
    const running = servers;
    const timers: NodeJS.Timeout[] = [];
    const done = await runLoad(
      job,
      async (conversations) => {
        if (conversations.length > 0) closeStreams = await openStreams(conversations, arrivals);
      },
      () => {
        // A profiled Setu profiles the measured window only: SIGUSR2 starts its profiler, the second stops it.
        const profile = (): void => {
          if (profDir !== null) for (const pid of running.pids()) if (pid > 0) process.kill(pid, 'SIGUSR2');
        };
        timers.push(setTimeout(() => ((cpu.from = running.cpuMs()), profile()), WARMUP_MS));
        timers.push(setTimeout(() => ((cpu.to = running.cpuMs()), profile()), WARMUP_MS + SECONDS * 1000));
      },
    );
    timers.forEach(clearTimeout);
    const { sent, windowStart, windowEnd } = done;
    const acked = sent.filter((s) => s.ackAt >= 0);
    const measured = sent.filter((s) => s.t0 >= windowStart && s.t0 < windowEnd && s.ackAt >= 0);
    const windowS = (windowEnd - windowStart) / 1000;
    // Other work on the machine takes CPU from the row: the 1-minute load average as the load ended says how much.
    notes.push(`load average ${(loadavg()[0] ?? 0).toFixed(1)} at the end of the load; the load's thread busy ${Math.round(done.busy * 100)} % of the window`);
    const refusals = Object.entries(done.refusals);
    if (refusals.length > 0) notes.push(`refused attempts (retried after 100 ms): ${refusals.map(([why, n]) => `${n}× ${why}`).join(', ')}`);
    if (acked.length < sent.length) notes.push(`${sent.length - acked.length} calls never acknowledged within 30 s`);
    say(`${label}: ${acked.length} messages acknowledged (${measured.length} started in the measured window)`);

    let attribution: Attribution | null = null;
    if (reader) {
      const waited = await drain(reader, channel, acked.length, arrivals, label);
      notes.push(
        `${arrivals.length} platform messages in all, the last ${((((arrivals.at(-1)?.at ?? windowEnd) - windowEnd) / 1000)).toFixed(1)} s after the window` +
          (waited.stalled ? ` (gave up waiting: none new for ${STALL_MS / 1000} s)` : ''),
      );
      attribution = channel === 'directline' ? attributeByReplyTo(acked, arrivals) : await attributeByOutbox(reader, channel, DATA_KEY, acked, arrivals);
      const odd = outOfStep(attribution.answers);
      if (odd > 0) notes.push(`${odd} replies unlike the other chats' at the same step (turns out of order?)`);
      if (attribution.unattributed > 0) notes.push(`${attribution.unattributed} platform messages matched to no call`);
    }
    const answerAt = (s: Sent): number | null => attribution?.answers.get(s)?.at ?? null;
    const replies = measured.flatMap((s) => {
      const at = answerAt(s);
      return at === null ? [] : [at - s.t0];
    });
    const ackMs = measured.map((s) => s.ackAt - s.t0);
    const result: RowResult = {
      provider: spec.provider,
      processes: spec.processes,
      kind: spec.kind,
      ackedPerSecond: sent.filter((s) => s.ackAt >= windowStart && s.ackAt < windowEnd).length / windowS,
      ackP50: quantile(ackMs, 0.5),
      ackP99: quantile(ackMs, 0.99),
      replyP50: quantile(replies, 0.5),
      replyP99: quantile(replies, 0.99),
      deliveredPerSecond: arrivals.filter((a) => a.at >= windowStart && a.at < windowEnd).length / windowS,
      missing: attribution ? acked.filter((s) => answerAt(s) === null).length : 0,
      cpuCores: (cpu.to - cpu.from) / (windowEnd - windowStart),
      cpuMsPerMessage: (cpu.to - cpu.from) / Math.max(1, sent.filter((s) => s.ackAt >= windowStart && s.ackAt < windowEnd).length),
      notes,
    };
    closeStreams();
    reader?.close().catch(() => undefined);
    reader = null;
    const stopped = await servers.stop();
    const rss = servers.peakRssKb().filter((k) => k > 0);
    notes.push(stopped + (rss.length > 0 ? `; peak RSS ${rss.map((k) => `${Math.round(k / 1024)} MB`).join(', ')}` : ''));
    const logged = spec.kind === 'baseline' ? null : logSummary(servers.output());
    if (logged) notes.push(logged);
    if (profDir !== null) result.profile = areaLines(profDir, Math.round(result.ackedPerSecond * windowS));
    servers = null;
    say(`${label}: ${result.ackedPerSecond.toFixed(1)} acknowledged/s`);
    return result;
  } finally {
    closeStreams();
    await reader?.close().catch(() => undefined);
    await servers?.stop().catch(() => '');
    await standIn?.close();
    await db.drop();
    live.delete(db);
  }
}

/** Databases of rows under way, dropped on Ctrl+C too. */
const live = new Set<BenchDatabase>();
process.on('SIGINT', () => {
  void Promise.allSettled([...live].map((d) => d.drop())).finally(() => process.exit(130));
});
const root = mkdtempSync(join(tmpdir(), 'setu-bench-throughput-'));
const results: RowResult[] = [];
try {
  for (const [i, spec] of specs.entries()) results.push(await runRow(spec, root, i + 1));
} finally {
  rmSync(root, { recursive: true, force: true });
}

const scaled = scalingLine(results);
process.stdout.write(
  [
    `== bench:webhook: ${CHATS} chats in a closed loop, ${WARMUP_MS / 1000} s warm-up, ${SECONDS} s measured per row ==`,
    setuVersion(),
    '',
    table(results),
    '',
    ...(scaled ? [scaled, ''] : []),
    ...targets(results),
    '',
    'Notes:',
    ...GENERAL_NOTES,
    `  One machine (${availableParallelism()} cores) runs the load, the stand-ins, every process and PostgreSQL: they share the CPUs.`,
    ...rowNotes(results),
    ...(CPU_PROF ? ['', `Where Setu's CPU went over the measured window (profiles: ${CPU_PROF}/<database>-<processes>p-<channel>/*.cpuprofile):`, ...profileLines(results)] : []),
    '',
  ].join('\n'),
);
process.exit(0);
