import { hkdfSync, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Env } from '../config/env.ts';
import { parseDeadlineDays } from '../domain/cases/routing.ts';
import { defaultCalendar } from '../domain/cases/holidays.data.ts';
import { catalogue } from '../domain/programmes/index.ts';
import { createFieldCipher, loadOrCreateKey, type FieldCipher } from '../infra/crypto/fieldCipher.ts';
import { parseDatabaseUrl, PROJECT_ROOT } from '../infra/db/url.ts';
import { ensurePrivateDir, preparePrivateDatabase, PRIVATE_FILE, tighten, type Tightened } from '../infra/fs/privateFiles.ts';
import { applyRetention, startRetentionJob, type RetentionDeps, type RetentionReport } from './retention.ts';
import { createReportCardSource, type ReportCardSource } from './openData/reportCardSource.ts';
import { createDbHealth, type DbHealth } from '../infra/db/health.ts';
import { assertSqliteWritable } from '../infra/db/writable.ts';
import { transitionCase } from './cases/caseActions.ts';
import type { WorkCalendar } from '../domain/cases/workingDays.ts';
import type { Tier } from '../domain/cases/routing.ts';
import { escalateOverdue, startEscalationJob, type EscalationDeps } from './cases/escalation.ts';
import { askDueFollowUps, startFollowUpJob, type FollowUpDeps, type FollowUpReport } from './cases/followUps.ts';
import { createAssistJob } from './cases/assist.ts';
import type { CaseAssistant } from '../infra/llm/caseAssistant.ts';
import type { Channel, Clock, IdGenerator } from '../engine/types.ts';
import { createDb, type Db } from '../infra/db/client.ts';
import { applyPendingMigrations } from '../infra/db/migrations.ts';
import { createOutboxWorker, type OutboxWorker } from '../infra/delivery/outboxWorker.ts';
import type { Sender } from '../infra/delivery/sender.ts';
import { createTranslator, type Translator } from '../infra/i18n/createTranslator.ts';
import { loadLocales } from '../infra/i18n/loadLocales.ts';
import { languageModelsFromEnv } from '../infra/llm/fromEnv.ts';
import type { Logger } from '../infra/log/logger.ts';
import { createPipeline, type Pipeline } from './pipeline.ts';
import { contactLimitsFrom } from './limits/contactLimits.ts';
import { createAttachmentFetcher } from './officers/attachments.ts';
import { createVoiceNotes, type VoiceNotes } from './voiceNotes.ts';
import { createDirectLineFiles, type DirectLineFiles } from '../infra/files/uploadedFiles.ts';
import type { Transcriber } from '../infra/llm/transcriber.ts';

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
  /** The public report card's figures (the /open pages and the chat's "my area"), worked out again every few minutes. */
  reportCard: ReportCardSource;
  translator: Translator;
  cipher: FieldCipher;
  /**
   * Signs the officers' pre-sign-in form cookie. Derived from the data key
   * (HKDF, its own label), so every process of a deployment agrees without a
   * new setting, and the derived key says nothing about the data key.
   */
  formKey: Buffer;
  /**
   * Setu's own Direct Line (src/channels/directline): the key its tokens and
   * uploaded files derive their keys from. Derived from the data key like
   * `formKey`, under its own label.
   */
  directLineKey: Buffer;
  /** Photos and voice notes sent through the Direct Line, sealed in `<SETU_DATA_DIR>/directline-files/`. */
  directLineFiles: DirectLineFiles;
  /** Setu's own data folder (SETU_DATA_DIR, resolved): the key, the default database, uploaded files. */
  dataDir: string;
  /** This process's name (host:pid:instance) on its claims, leases, heartbeat and the webhook events it records. */
  holder: string;
  /** The clock every turn and delivery reads (moved by SETU_CLOCK_OFFSET_DAYS, or by tests). */
  clock: Clock;
  /** Whether the database can take writes (for /health); channels report their own write failures to it. */
  health: DbHealth;
  /** Delivery, escalation of overdue cases, follow-up questions and retention, in the background. */
  startJobs(): void;
  /** One escalation pass now (tests, `npm run case -- escalate`). */
  escalate(): Promise<string[]>;
  /** One pass of the follow-up questions now ("does the allowance arrive in full?"; tests): what was asked. */
  followUps(): Promise<FollowUpReport>;
  /** One retention pass now (tests); null if another process holds the lease. */
  applyRetention(): Promise<RetentionReport | null>;
  /** The model's help for officers (summaries, suggestions, translations of notes); null when no model is configured. */
  assistant: CaseAssistant | null;
  /** One pass of the case assistant now (tests): how many cases got a suggestion; 0 without a model. */
  assistCases(): Promise<number>;
  /** What officers' actions on cases need. */
  caseActions: Parameters<typeof transitionCase>[0];
  /** How cases are timed and named, for cases entered by officers. */
  casePolicy: { calendar: WorkCalendar; deadlineDays: Record<Tier, number>; ids: IdGenerator; followUpFirstDays: number };
  /** Lets in-flight turns finish (within `graceMs`, if given), stops delivery (what it claimed goes back), delivers what is due in the time left, closes the database. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The key for personal fields: from SETU_DATA_KEY, or in embedded mode one
 * generated in Setu's own data folder (0700) on first start and reused after.
 * It is never created next to a database given elsewhere (a file: path in a
 * shared folder would put the key beside the data for anyone who can list it).
 * An older install whose key was created next to such a database keeps using
 * that key, so nothing sealed with it becomes unreadable, and is told to move it.
 */
function dataKey(env: Env, log: Logger, dataDir: string): Buffer {
  const target = parseDatabaseUrl(env.DATABASE_URL);
  if (env.SETU_DATA_KEY !== undefined) return loadOrCreateKey({ envValue: env.SETU_DATA_KEY, file: '' });
  if (target.provider === 'postgresql') {
    throw new Error('SETU_DATA_KEY must be set with PostgreSQL, so that every Setu process can read the phone numbers the others stored');
  }
  const own = join(dataDir, KEY_FILE);
  const beside = join(dirname(target.file), KEY_FILE);
  if (beside !== own && existsSync(beside)) {
    log.warn({ key: beside, move: own }, 'using the data key found next to the database (an older Setu put it there); move it to the data folder or set SETU_DATA_KEY, and keep it out of folders others can read');
    reportTightened(log, [tighten(beside, PRIVATE_FILE)]);
    return loadOrCreateKey({ file: beside });
  }
  reportTightened(log, [ensurePrivateDir(dataDir)]);
  const key = loadOrCreateKey({ file: own });
  reportTightened(log, [tighten(own, PRIVATE_FILE)]);
  return key;
}

const KEY_FILE = 'setu.key';

/** How often follow-up questions due are looked for: they are due on a day, not a minute. */
const FOLLOW_UP_INTERVAL_MS = 5 * 60_000;

/** How often new cases are looked for to summarise (with a model configured). */
const ASSIST_INTERVAL_MS = 30_000;

/** Each request for a voice note's file (Telegram's getFile, then the file; or Meta's CDN) gives up after this. */
const VOICE_FETCH_TIMEOUT_MS = 10_000;
/** What the turn keeps for itself after hearing a note: the engine, an understander's call, the write. */
const VOICE_RESERVE_MS = 8_000;

/**
 * Voice notes are heard when a transcriber is configured (OPENAI_TRANSCRIBE_MODEL), on the
 * channels whose files Setu can fetch: Telegram with its bot token (from the same API root
 * as the bot), Messenger from Meta's CDN hosts only (or FB_ATTACHMENT_HOSTS), and the web
 * pages' uploads through Setu's own Direct Line, which Setu keeps itself. The terminal sends no audio.
 */
function voiceNotesFrom(env: Env, transcriber: Transcriber | null, log: Logger, directLine: DirectLineFiles): VoiceNotes | undefined {
  if (transcriber === null) return undefined;
  // The web pages' voice notes are Setu's own files.
  const channels = new Set<Channel>(['directline']);
  if (env.TELEGRAM_BOT_TOKEN) channels.add('telegram');
  if (env.FB_PAGE_ACCESS_TOKEN) channels.add('messenger');
  const files = createAttachmentFetcher({
    ...(env.TELEGRAM_BOT_TOKEN ? { telegram: { token: env.TELEGRAM_BOT_TOKEN, apiRoot: env.TELEGRAM_API_ROOT } } : {}),
    ...(env.FB_ATTACHMENT_HOSTS ? { messengerHosts: env.FB_ATTACHMENT_HOSTS } : {}),
    directLine,
    timeoutMs: VOICE_FETCH_TIMEOUT_MS,
  });
  const deadlineMs = Math.max(env.TURN_DEADLINE_MS - VOICE_RESERVE_MS, Math.round(env.TURN_DEADLINE_MS / 2));
  log.info({ channels: [...channels], deadlineMs }, 'voice notes are transcribed and taken as typed');
  return createVoiceNotes({ transcriber, files, channels, log, deadlineMs });
}

function reportTightened(log: Logger, changed: ReadonlyArray<Tightened | null>): void {
  for (const t of changed) if (t) log.warn(t, 'file mode was wider than owner-only; tightened');
}

/**
 * The SQLite database and its -wal/-shm are owner-only (0600) from the start;
 * Setu's own data folder is 0700. Files left wider by an older version are
 * tightened and logged.
 */
function securePlaces(env: Env, log: Logger, dataDir: string): void {
  const target = parseDatabaseUrl(env.DATABASE_URL);
  if (target.provider !== 'sqlite') return;
  const folder = dirname(target.file);
  if (folder === dataDir) reportTightened(log, [ensurePrivateDir(dataDir)]);
  reportTightened(log, preparePrivateDatabase(target.file, folder));
}

/** The system clock moved on by days (SETU_CLOCK_OFFSET_DAYS; fractions are hours). */
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
  const dataDir = resolve(PROJECT_ROOT, env.SETU_DATA_DIR);
  // Refused before anything creates or tightens a file there, so a read-only place is named, not half-prepared.
  const target = parseDatabaseUrl(env.DATABASE_URL);
  if (target.provider === 'sqlite') assertSqliteWritable(target.file);
  securePlaces(env, log, dataDir);
  const migrated = await applyPendingMigrations(env.DATABASE_URL);
  if (migrated.applied.length > 0) log.info({ applied: migrated.applied }, 'database migrations applied');
  const db = await createDb(env.DATABASE_URL);
  const health = createDbHealth({ probe: () => db.probeWrite() });
  const translator = createTranslator(loadLocales(join(ROOT_DIR, 'locales')));
  const key = dataKey(env, log, dataDir);
  const cipher = createFieldCipher(key);
  const formKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'setu officer forms v1', 32));
  const directLineKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'setu directline v1', 32));
  const directLineFiles = createDirectLineFiles({ dir: join(dataDir, 'directline-files'), key: directLineKey });
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const worker = createOutboxWorker({
    db: db.prisma,
    claims: db.claims,
    holder,
    cipher,
    senders: opts.senders,
    clock,
    log,
    pollMs: env.OUTBOX_POLL_MS,
    ...(opts.onlyContactId ? { onlyContactId: opts.onlyContactId } : {}),
  });
  const calendar = defaultCalendar(env.HOLIDAYS?.split(',').map((d) => d.trim()).filter(Boolean));
  const reportCard = createReportCardSource({ db: db.prisma, clock, calendar, log });
  const deadlineDays = parseDeadlineDays(env.CASE_DEADLINE_DAYS);
  const escalation: EscalationDeps = {
    db: db.prisma,
    writes: db.writes,
    translator,
    cipher,
    clock,
    log,
    calendar,
    deadlineDays,
    holder,
    onOutbox: (contactId?: string) => worker.kick(contactId),
  };
  const retention: RetentionDeps = {
    db: db.prisma,
    writes: db.writes,
    clock,
    log,
    cipher,
    holder,
    days: { inbound: env.RETENTION_INBOUND_DAYS, outbox: env.RETENTION_OUTBOX_DAYS, auditDetail: env.RETENTION_AUDIT_DETAIL_DAYS },
  };
  let escalationJob: { stop(): Promise<void> } | null = null;
  let retentionJob: { stop(): Promise<void> } | null = null;
  const followUp: FollowUpDeps = { db: db.prisma, writes: db.writes, translator, cipher, clock, log, holder, onOutbox: (contactId?: string) => worker.kick(contactId) };
  let followUpJob: { stop(): Promise<void> } | null = null;
  const models = languageModelsFromEnv(env, log);
  // Only with a model: without one no CaseAssist row is ever written.
  const assist = models.assistant ? createAssistJob({ db: db.prisma, writes: db.writes, cipher, clock, log, assistant: models.assistant, holder }) : null;
  let assistJob: { stop(): Promise<void> } | null = null;
  const voice = voiceNotesFrom(env, models.transcriber, log, directLineFiles);
  const pipeline = createPipeline({
    turns: db.turns,
    db: db.prisma,
    cipher,
    calendar,
    deadlineDays,
    translator,
    understander: models.understander,
    ...(voice ? { voice } : {}),
    catalogue,
    clock,
    ids: opts.ids ?? randomIds,
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    fiscalYear: env.FISCAL_YEAR,
    log,
    onOutbox: (contactId?: string) => worker.kick(contactId),
    limits: contactLimitsFrom(env),
    turnDeadlineMs: env.TURN_DEADLINE_MS,
    health,
    // "আমার এলাকার হিসাব" in the chat reads the same card as the /open pages, and links to them.
    reportCard,
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
  });
  return {
    db,
    pipeline,
    worker,
    reportCard,
    translator,
    cipher,
    formKey,
    directLineKey,
    directLineFiles,
    dataDir,
    holder,
    clock,
    health,
    startJobs() {
      worker.start();
      escalationJob ??= startEscalationJob(escalation, env.ESCALATION_INTERVAL_MS);
      retentionJob ??= startRetentionJob(retention);
      followUpJob ??= startFollowUpJob(followUp, FOLLOW_UP_INTERVAL_MS);
      if (assist) assistJob ??= assist.start(ASSIST_INTERVAL_MS);
    },
    escalate: () => escalateOverdue(escalation),
    followUps: () => askDueFollowUps(followUp),
    applyRetention: () => applyRetention(retention),
    assistant: models.assistant,
    assistCases: () => (assist ? assist.pass() : Promise.resolve(0)),
    caseActions: { db: db.prisma, writes: db.writes, translator, cipher, clock, assistant: models.assistant, followUpFirstDays: env.FOLLOW_UP_FIRST_DAYS },
    casePolicy: { calendar, deadlineDays, ids: opts.ids ?? randomIds, followUpFirstDays: env.FOLLOW_UP_FIRST_DAYS },
    async close(graceMs) {
      const deadline = graceMs === undefined ? Infinity : Date.now() + graceMs;
      const within = async (work: Promise<unknown>): Promise<void> => {
        if (deadline === Infinity) return void (await work);
        await Promise.race([work, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref())]);
      };
      await escalationJob?.stop();
      await retentionJob?.stop();
      await followUpJob?.stop();
      await assistJob?.stop();
      await within(pipeline.idle());
      await within(worker.drain());
      await worker.stop();
      await db.close();
    },
  };
}
