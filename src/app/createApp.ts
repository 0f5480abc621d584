import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from '../config/env.ts';
import { catalogue } from '../domain/programmes/index.ts';
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

export const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface AppOptions {
  env: Env;
  log: Logger;
  senders: ReadonlyMap<string, Sender>;
  clock?: Clock;
  ids?: IdGenerator;
}

export interface App {
  db: Db;
  pipeline: Pipeline;
  worker: OutboxWorker;
  translator: Translator;
  /** Stops taking turns, lets in-flight ones finish, delivers what is due, closes the database. */
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: IdGenerator = { next: () => randomUUID() };

/**
 * The composition root shared by `npm start`, `npm run chat`, tests and the
 * benchmark: database (migrated), locales, catalogue, pipeline, delivery.
 */
export async function createApp(opts: AppOptions): Promise<App> {
  const { env, log } = opts;
  const clock = opts.clock ?? systemClock;
  const migrated = await applyPendingMigrations(env.DATABASE_URL);
  if (migrated.applied.length > 0) log.info({ applied: migrated.applied }, 'database migrations applied');
  const db = await createDb(env.DATABASE_URL);
  const translator = createTranslator(loadLocales(join(ROOT_DIR, 'locales')));
  const worker = createOutboxWorker({ db: db.prisma, senders: opts.senders, clock, log, pollMs: env.OUTBOX_POLL_MS });
  const pipeline = createPipeline({
    turns: db.turns,
    translator,
    understander: createRulesUnderstander(),
    catalogue,
    clock,
    ids: opts.ids ?? randomIds,
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    fiscalYear: env.FISCAL_YEAR,
    log,
    onOutbox: () => worker.kick(),
  });
  return {
    db,
    pipeline,
    worker,
    translator,
    async close() {
      await pipeline.idle();
      await worker.stop();
      await worker.drain();
      await db.close();
    },
  };
}
