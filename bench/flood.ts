/**
 * `npm run bench:flood`: the Messenger webhook route end to end. N users
 * post signed webhook calls (Meta's shape) to a running Setu on a fresh
 * SQLite file, each user one message after another, all users at once; the
 * Send API is a local stand-in. Prints acknowledged calls/s, acknowledgement
 * latency, and how long until every reply had reached the stand-in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnv } from '../src/config/env.ts';
import { createLogger } from '../src/infra/log/logger.ts';
import { Worker } from 'node:worker_threads';
import { start } from '../src/main.ts';

const HELP = `npm run bench:flood -- [--users N] [--messages M]

Posts M signed Messenger webhook calls per user (default 20) for N users
(default 200, all at once) to Setu's /messenger/webhook and waits for every
reply at a stand-in Graph API. Prints calls/s, p50/p99 acknowledgement
latency, the time until all replies were sent, and peak RSS. Setu runs in
this process; for reply latency per conversation, kills and the platforms'
limits see npm run bench:chats; for throughput against a bare baseline, npm run bench:webhook.`;

const TOKEN = 'EAAbench';
const SECRET = 'bench-secret';

const { values } = parseArgs({ options: { users: { type: 'string' }, messages: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const users = Number(values.users ?? 200);
const messages = Number(values.messages ?? 20);
if (!Number.isInteger(users) || users < 1 || !Number.isInteger(messages) || messages < 1) {
  process.stderr.write(`--users and --messages are whole numbers of at least 1\n\n${HELP}\n`);
  process.exit(1);
}

/** A peer in its own thread, answering messages: the Graph stand-in or the load. */
function peer(data: object): Worker {
  return new Worker(new URL('./peerBoot.mjs', import.meta.url), { workerData: data });
}
const ask = <T>(w: Worker, message?: string): Promise<T> =>
  new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
    if (message !== undefined) w.postMessage(message);
  });

const graphWorker = peer({ role: 'graph', token: TOKEN });
const graph = await ask<{ root: string }>(graphWorker);
const dir = mkdtempSync(join(tmpdir(), 'setu-bench-webhook-'));
const env = loadEnv({
  DATABASE_URL: `file:${join(dir, 'setu.db')}`,
  PORT: '0',
  LOG_LEVEL: 'silent',
  OUTBOX_POLL_MS: '50',
  SETU_DATA_KEY: 'b'.repeat(64),
  FB_PAGE_ACCESS_TOKEN: TOKEN,
  FB_APP_SECRET: SECRET,
  FB_VERIFY_TOKEN: 'verify',
  FB_GRAPH_API_ROOT: graph.root,
  // Simulated users answer at once, faster than the flood limit lets a person write.
  CONTACT_RATE_BURST: '1000',
});
const setu = await start(env, createLogger('silent'));

// What people type: a greeting, the language, the menu, then questions and answers of an eligibility check.
const SCRIPT = ['হ্যালো', '১', '১', '৭০', 'মহিলা', 'বিধবা', 'না', 'না', 'না', 'মাসে ৫০০', 'না', 'না', 'হ্যাঁ', 'মেনু'];
let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const started = performance.now();
const load = peer({ role: 'load', url: setu.url, secret: SECRET, users, messages, script: SCRIPT });
const result = await ask<{ seconds: number; latencies: number[] }>(load);
const acked = performance.now();
const latencies = result.latencies;
// Every message gets at least one reply: wait until the outbox is empty and no event is left.
for (;;) {
  const [events, pending] = await Promise.all([setu.app.db.prisma.webhookEvent.count({ where: { handledAt: null } }), setu.app.db.prisma.outboxMessage.count({ where: { status: 'pending' } })]);
  if (events === 0 && pending === 0) break;
  await new Promise((r) => setTimeout(r, 20));
}
const done = performance.now();
clearInterval(rssTimer);

const total = users * messages;
const { sent } = await ask<{ sent: number }>(graphWorker, 'count');
latencies.sort((a, b) => a - b);
const pct = (p: number): string => (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0).toFixed(1);
process.stdout.write(
  [
    `users: ${users}, webhook calls: ${total}, replies sent: ${sent}, database: SQLite (Setu on one thread; the load and the Graph stand-in on their own)`,
    `acknowledged: ${(total / ((acked - started) / 1000)).toFixed(0)} calls/s over ${((acked - started) / 1000).toFixed(2)} s`,
    `acknowledgement latency: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms (${users} callers at once)`,
    `end to end: ${(total / ((done - started) / 1000)).toFixed(0)} messages/s with every reply at the Send API (${((done - acked) / 1000).toFixed(2)} s after the last acknowledgement)`,
    `peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
    '',
  ].join('\n'),
);
await setu.stop();
graphWorker.postMessage('close');
await load.terminate();
rmSync(dir, { recursive: true, force: true });
