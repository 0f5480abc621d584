import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createApp, systemClock } from '../../app/createApp.ts';
import { loadEnv } from '../../config/env.ts';
import { contactIdFor } from '../../infra/db/turnStore.ts';
import { createLogger } from '../../infra/log/logger.ts';
import { createConsoleSender } from './consoleSender.ts';

const HELP = `npm run chat — talk to Setu in this terminal (Bangla by default)

Usage: npm run chat -- [--user NAME] [--new]

  --user NAME   who you are to Setu (default: your login name); your
                conversation and language are kept under this name
  --new         start as a brand-new user (a fresh random name)
  --help        this text

Answer a question by typing the number of a choice (১ or 1), its words, or
your own words. Type "help"/"সাহায্য", "menu"/"মেনু", "back"/"পিছনে" at
any time. Ctrl+D or Ctrl+C leaves; the conversation is kept in the database
(DATABASE_URL, default data/setu.db) and continues next time.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { user: { type: 'string' }, new: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const env = loadEnv();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const userId = values.new ? `guest-${randomUUID().slice(0, 8)}` : (values.user ?? safeUserName());
  const senders = new Map([['console', createConsoleSender((t) => process.stdout.write(`\n${t}`))]]);
  const app = await createApp({ env, log, senders, onlyContactId: contactIdFor('console', userId) });
  app.startJobs();

  const send = async (body: { type: 'text'; text: string } | { type: 'start' }): Promise<void> => {
    await app.pipeline.handle({ channel: 'console', userId, messageId: randomUUID(), body, receivedAt: systemClock.now() });
    await app.worker.drain();
  };

  const known = await app.db.prisma.session.findUnique({ where: { contactId: contactIdFor('console', userId) } });
  if (!known) await send({ type: 'start' });
  else process.stdout.write(`(${userId}: আগের কথোপকথন চলছে / continuing your conversation — type "মেনু" or "menu")\n`);

  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const prompt = (): void => {
    if (process.stdin.isTTY) rl.prompt();
  };
  rl.on('SIGINT', () => rl.close());
  rl.setPrompt('\n> ');
  prompt();
  for await (const line of rl) {
    if (!process.stdin.isTTY) process.stdout.write(`\n> ${line}\n`);
    await send({ type: 'text', text: line });
    prompt();
  }
  await app.close();
}

function safeUserName(): string {
  try {
    return userInfo().username || 'local';
  } catch {
    return 'local';
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`setu chat: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
