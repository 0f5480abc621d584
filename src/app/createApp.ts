import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { Env } from '../config/env.ts';
import { parseDeadlineDays } from '../domain/cases/routing.ts';
import { defaultCalendar } from '../domain/cases/holidays.data.ts';
import { catalogue } from '../domain/programmes/index.ts';
import { createFieldCipher, loadOrCreateKey, type FieldCipher } from '../infra/crypto/fieldCipher.ts';
import { parseDatabaseUrl, PROJECT_ROOT } from '../infra/db/url.ts';
import { createDbHealth, type DbHealth } from '../infra/db/health.ts';
import { assertSqliteWritable } from '../infra/db/writable.ts';
import { transitionCase } from './cases/caseActions.ts';
import type { WorkCalendar } from '../domain/cases/workingDays.ts';
import type { Tier } from '../domain/cases/routing.ts';
import { escalateOverdue, startEscalationJob, type EscalationDeps } from './cases/escalation.ts';
import type { Clock, IdGenerator } from '../engine/types.ts';
import { createDb, type Db } from '../infra/db/client.ts';
import { applyPendingMigrations } from '../infra/db/migrations.ts';
import { createOutboxWorker, type OutboxWorker } from '../infra/delivery/outboxWorker.ts';
import type { Sender } from '../infra/delivery/sender.ts';
import { createTranslator, type Translator } from '../infra/i18n/createTranslator.ts';
import { loadLocales } from '../infra/i18n/loadLocales.ts';
import { createRulesUnderstander } from '../infra/llm/rulesUnderstander.ts';
import type { Logger } from '../infra/log/logger.ts';
import { createPipeline, type Pipeline } from './pipeline.ts';

export const ROOT_DIR = PROJECT_ROOT;

export interface AppOptions {
  env: Env;
  log: Logger;
  senders: ReadonlyMap<string, Sender>;
  clock?: Clock;
  ids?: IdGenerator;
  /** Deliver only this contact's messages (the terminal chat). */
  onlyContactId?: string;
}

export interface App {
  db: Db;
  pipeline: Pipeline;
  worker: OutboxWorker;
  translator: Translator;
  cipher: FieldCipher;
  /** The clock every turn and delivery reads (moved by SETU_CLOCK_OFFSET_DAYS, or by tests). */
  clock: Clock;
  /** Whether the database can take writes (for /health); channels report their own write failures to it. */
  health: DbHealth;
  /** Delivery, and escalation of overdue cases, in the background. */
  startJobs(): void;
  /** One escalation pass now (tests, `npm run case -- escalate`). */
  escalate(): Promise<string[]>;
  /** What officers' actions on cases need. */
  caseActions: Parameters<typeof transitionCase>[0];
  /** How cases are timed and named, for cases entered by officers. */
  casePolicy: { calendar: WorkCalendar; deadlineDays: Record<Tier, number>; ids: IdGenerator };
  /** Lets in-flight turns finish (within `graceMs`, if given), stops delivery (what it claimed goes back), delivers what is due in the time left, closes the database. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The key for personal fields: from SETU_DATA_KEY, or in embedded mode one
 * generated next to the SQLite file on first start and reused after.
 */
function dataKey(env: Env): Buffer {
  const target = parseDatabaseUrl(env.DATABASE_URL);
  if (target.provider === 'postgresql' && env.SETU_DATA_KEY === undefined) {
    throw new Error('SETU_DATA_KEY must be set with PostgreSQL, so that every Setu process can read the phone numbers the others stored');
  }
  const file = target.provider === 'sqlite' ? join(dirname(target.file), 'setu.key') : '';
  return loadOrCreateKey(env.SETU_DATA_KEY === undefined ? { file } : { envValue: env.SETU_DATA_KEY, file });
}

/** The system clock moved on by whole days (SETU_CLOCK_OFFSET_DAYS). */
function offsetClock(days: number): Clock {
  const offset = days * 86_400_000;
  return { now: () => new Date(Date.now() + offset) };
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: IdGenerator = { next: () => randomUUID() };

/**
 * The composition root shared by `npm start`, `npm run chat`, tests and the
 * benchmark: database (migrated), locales, catalogue, pipeline, delivery.
 */
export async function createApp(opts: AppOptions): Promise<App> {
  const { env, log } = opts;
  const clock = opts.clock ?? (env.SETU_CLOCK_OFFSET_DAYS === 0 ? systemClock : offsetClock(env.SETU_CLOCK_OFFSET_DAYS));
  const target = parseDatabaseUrl(env.DATABASE_URL);
  if (target.provider === 'sqlite') assertSqliteWritable(target.file);
  const migrated = await applyPendingMigrations(env.DATABASE_URL);
  if (migrated.applied.length > 0) log.info({ applied: migrated.applied }, 'database migrations applied');
  const db = await createDb(env.DATABASE_URL);
  const health = createDbHealth({ probe: () => db.probeWrite() });
  const translator = createTranslator(loadLocales(join(ROOT_DIR, 'locales')));
  const worker = createOutboxWorker({
    db: db.prisma,
    senders: opts.senders,
    clock,
    log,
    pollMs: env.OUTBOX_POLL_MS,
    ...(opts.onlyContactId ? { onlyContactId: opts.onlyContactId } : {}),
  });
  const calendar = defaultCalendar(env.HOLIDAYS?.split(',').map((d) => d.trim()).filter(Boolean));
  const deadlineDays = parseDeadlineDays(env.CASE_DEADLINE_DAYS);
  const cipher = createFieldCipher(dataKey(env));
  const escalation: EscalationDeps = {
    db: db.prisma,
    writes: db.writes,
    translator,
    clock,
    log,
    calendar,
    deadlineDays,
    holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    onOutbox: () => worker.kick(),
  };
  let escalationJob: { stop(): Promise<void> } | null = null;
  const pipeline = createPipeline({
    turns: db.turns,
    db: db.prisma,
    cipher,
    calendar,
    deadlineDays,
    translator,
    understander: createRulesUnderstander(),
    catalogue,
    clock,
    ids: opts.ids ?? randomIds,
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    fiscalYear: env.FISCAL_YEAR,
    log,
    onOutbox: () => worker.kick(),
    turnDeadlineMs: env.TURN_DEADLINE_MS,
    health,
  });
  return {
    db,
    pipeline,
    worker,
    translator,
    cipher,
    clock,
    health,
    startJobs() {
      worker.start();
      escalationJob ??= startEscalationJob(escalation, env.ESCALATION_INTERVAL_MS);
    },
    escalate: () => escalateOverdue(escalation),
    caseActions: { db: db.prisma, writes: db.writes, translator, clock },
    casePolicy: { calendar, deadlineDays, ids: opts.ids ?? randomIds },
    async close(graceMs) {
      const deadline = graceMs === undefined ? Infinity : Date.now() + graceMs;
      const within = async (work: Promise<unknown>): Promise<void> => {
        if (deadline === Infinity) return void (await work);
        await Promise.race([work, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref())]);
      };
      await escalationJob?.stop();
      await within(pipeline.idle());
      await within(worker.drain());
      await worker.stop();
      await db.close();
    },
  };
}
