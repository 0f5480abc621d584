/**
 * `npm run bench`: N simulated users hold full eligibility conversations
 * through the real pipeline (one transaction per turn, outbox, delivery
 * worker) on a fresh SQLite file. Prints turns/s, turn latency and peak RSS.
 * No network: the channel is a sender that only counts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp, randomIds } from '../src/app/createApp.ts';
import { loadEnv } from '../src/config/env.ts';
import type { Inbound, InboundBody } from '../src/engine/types.ts';
import type { Sender } from '../src/infra/delivery/sender.ts';
import { createLogger } from '../src/infra/log/logger.ts';
import { answerQuestionnaire, EngineConversation, type Answers, type Step } from '../test/support/engineHarness.ts';

const HELP = `npm run bench -- [--users N] [--database-url URL]

Drives N simulated users (default 1000) through full eligibility conversations
via the turn pipeline and prints turns/s, p50/p99 turn latency and peak RSS.
  --users N            how many users, all talking at once (default 1000)
  --database-url URL   default: a new SQLite file in a temp directory
  --help               this text`;

/** Four kinds of people, in Bangla and English, typed and pressed answers mixed. */
const PEOPLE: Array<{ opening: Step[]; answers: Answers }> = [
  {
    opening: [{ start: true }, '১', 'আমার মা কি বয়স্ক ভাতা পাবে?'],
    answers: { checks: 'কোনোটিই না', age: '৬৭ বছর', sex: 'মহিলা', maritalStatus: 'বিধবা', hasDisability: 'না', illness: { choice: 'ill.none' }, community: { choice: 'com.none' }, annualIncome: 'মাসে ৫০০', govtServiceOrPension: 'না', receivesOtherAllowance: 'না', permanentResident: 'হ্যাঁ' },
  },
  {
    opening: [{ start: true }, { choice: 'lang.en' }, { choice: 'menu.eligibility' }],
    answers: { checks: [{ choice: 'chk.hasDisability' }, 'none'], subject: { choice: 'subj.self' }, age: '30', sex: 'man', maritalStatus: { choice: 'ms.never' }, hasDisability: 'yes', hasSubornoCard: 'yes', isStudent: 'no', illness: { choice: 'ill.none' }, community: { choice: 'com.none' }, annualIncome: '1500 a month', govtServiceOrPension: 'no', receivesOtherAllowance: 'no', permanentResident: 'yes' },
  },
  {
    opening: [{ start: true }, 'bangla', { choice: 'menu.eligibility' }],
    answers: { checks: ['1', 'na'], subject: '2', age: '১৪', sex: '2', maritalStatus: '4', hasDisability: 'ha', hasSubornoCard: 'ha', isStudent: 'ha', educationLevel: '2', illness: { choice: 'ill.none' }, community: { choice: 'com.none' }, annualIncome: '2000 mashe', govtServiceOrPension: 'na', receivesOtherAllowance: 'na', permanentResident: 'ha' },
  },
  {
    opening: [{ start: true }, '১', { choice: 'menu.eligibility' }],
    answers: { checks: ['৪', 'না'], subject: { choice: 'subj.self' }, age: '৭২', sex: { choice: 'sex.male' }, maritalStatus: { choice: 'ms.married' }, hasDisability: 'না', illness: { choice: 'ill.none' }, community: { choice: 'com.none' }, annualIncome: 'বছরে ৯০০০', govtServiceOrPension: 'হ্যাঁ', receivesOtherAllowance: 'না', permanentResident: 'হ্যাঁ' },
  },
];

/** Each person's whole conversation, worked out once through the pure engine. */
async function scripts(): Promise<Step[][]> {
  return Promise.all(
    PEOPLE.map(async (p) => {
      const convo = new EngineConversation();
      for (const step of p.opening) await convo.send(step);
      await answerQuestionnaire(convo, p.answers);
      return convo.turns.map((t) => t.in).concat({ choice: 'menu' });
    }),
  );
}

function body(step: Step): InboundBody {
  if (typeof step === 'string') return { type: 'text', text: step };
  if ('choice' in step) return { type: 'choice', choiceId: step.choice };
  if ('start' in step) return { type: 'start' };
  if ('attachment' in step) return { type: 'attachment', kind: step.attachment };
  throw new Error('waits have no place in the benchmark');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { users: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const users = Number(values.users ?? 1000);
  if (!Number.isInteger(users) || users < 1) throw new Error('--users must be a whole number, 1 or more');
  const dir = mkdtempSync(join(tmpdir(), 'setu-bench-'));
  const url = values['database-url'] ?? `file:${join(dir, 'bench.db')}`;

  let delivered = 0;
  const counting: Sender = { send: async () => ((delivered += 1), { status: 'sent' }) };
  const app = await createApp({
    // A throwaway key: the benchmark's data is deleted afterwards.
    // Simulated users answer at once, faster than the flood limit lets a person write.
    env: loadEnv({ DATABASE_URL: url, OUTBOX_POLL_MS: '20', SETU_DATA_KEY: randomBytes(32).toString('hex'), CONTACT_RATE_BURST: '1000' }),
    log: createLogger('warn'),
    senders: new Map([['test', counting]]),
    ids: randomIds,
  });
  app.startJobs();
  const plans = await scripts();
  const latencies: number[] = [];
  let done = 0;
  const progress = setInterval(() => process.stderr.write(`\r  ${done}/${users} conversations finished, ${latencies.length} turns`), 500);

  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      const plan = plans[u % plans.length] ?? [];
      for (const [i, step] of plan.entries()) {
        const inbound: Inbound = { channel: 'test', userId: `user-${u}`, messageId: `u${u}-m${i}`, body: body(step), receivedAt: new Date() };
        const t0 = performance.now();
        await app.pipeline.handle(inbound);
        latencies.push(performance.now() - t0);
      }
      done += 1;
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(progress);
  const lagStart = performance.now();
  while ((await app.db.prisma.outboxMessage.count({ where: { status: 'pending' } })) > 0) await app.worker.drain();
  const lag = (performance.now() - lagStart) / 1000;
  const outbox = await app.db.prisma.outboxMessage.count();
  await app.close();
  rmSync(dir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  if (delivered !== outbox) process.stderr.write(`warning: ${outbox} replies but ${delivered} deliveries — the outbox sent some twice or not at all\n`);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stderr.write('\n');
  process.stdout.write(
    [
      `users: ${users}, turns: ${latencies.length}, replies: ${outbox} (delivered ${delivered}), database: ${url.startsWith('file:') ? 'SQLite' : 'PostgreSQL'}`,
      `throughput: ${(latencies.length / elapsed).toFixed(0)} turns/s over ${elapsed.toFixed(2)} s`,
      `turn latency: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms (includes waiting for the database with ${users} users at once)`,
      `delivery: every reply sent ${lag.toFixed(2)} s after the last turn (the worker shares the one process and core with the turns)`,
      `end to end: ${(latencies.length / (elapsed + lag)).toFixed(0)} turns/s with every reply delivered`,
      `peak RSS: ${rssMb.toFixed(0)} MB`,
      '',
    ].join('\n'),
  );
}

await main();
