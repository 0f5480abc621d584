import type { Catalogue } from '../domain/programmes/index.ts';
import type { EngineDeps } from '../engine/deps.ts';
import type { Tier } from '../domain/cases/routing.ts';
import type { WorkCalendar } from '../domain/cases/workingDays.ts';
import type { CaseLookupResult, NewCase, TurnInput } from '../engine/deps.ts';
import { caseLookupFor, handleTurn, wantsUnderstanding } from '../engine/engine.ts';
import type { CaseLookup } from '../engine/flows/status.ts';
import { lookupCases } from '../infra/db/caseReader.ts';
import type { DbClient } from '../infra/db/client.ts';
import type { FieldCipher } from '../infra/crypto/fieldCipher.ts';
import { newSessionState, parseSessionState } from '../engine/session.ts';
import type { Clock, IdGenerator, Inbound, Lang } from '../engine/types.ts';
import { AbortTurn, contactIdFor, type CaseDraft, type TurnRecord, type TurnStore } from '../infra/db/turnStore.ts';
import type { Translator } from '../infra/i18n/createTranslator.ts';
import type { Understander, Understanding } from '../engine/understanding.ts';
import type { Logger } from '../infra/log/logger.ts';
import type { DbHealth } from '../infra/db/health.ts';
import { KeyedSerializer } from './keyedSerializer.ts';
import { sealOutboxPayload } from '../infra/delivery/sender.ts';
import { MAX_ACCOUNT } from '../engine/flows/account.ts';
import { limitStatusLookups, type ContactLimits } from './limits/contactLimits.ts';
import type { VoiceNotes } from './voiceNotes.ts';
import type { ReportCard } from '../domain/openData/reportCard.ts';
import { childrenOf } from '../domain/geo/index.ts';
import { AREA_MEASURES, type AreaFigures, type AreaMeasure, type FigureShown } from '../engine/areaFigures.ts';
import type { ReportCardSource } from './openData/reportCardSource.ts';

export interface PipelineDeps {
  turns: TurnStore;
  translator: Translator;
  understander: Understander;
  catalogue: Catalogue;
  clock: Clock;
  ids: IdGenerator;
  idleMs: number;
  fiscalYear: string;
  calendar: WorkCalendar;
  deadlineDays: Record<Tier, number>;
  /** Reads cases for status questions (outside the turn's transaction). */
  db: DbClient;
  /** Seals phone numbers, descriptions, session states and replies before they are stored. */
  cipher: FieldCipher;
  log: Logger;
  /** Called after a turn commits with replies, so delivery starts at once; with the contact whose replies they are. */
  onOutbox?: (contactId: string) => void;
  /** Per-contact limits (messages, status look-ups, cases a day); none when absent. */
  limits?: ContactLimits;
  /** A turn still running after this long is given up (it rolls back, or its message is recognised when re-run). */
  turnDeadlineMs?: number;
  /** Told of each turn's write succeeding or failing, for /health. */
  health?: DbHealth;
  /** Hears voice notes (a transcriber and the channel's files), outside the transaction; without it a note is answered as a voice note. */
  voice?: VoiceNotes;
  /** The public report card, for "আমার এলাকার হিসাব" in the chat; without it the figures are said to be unavailable. */
  reportCard?: ReportCardSource;
  /** PUBLIC_URL: the chat links to Setu's public pages (an area's report card, the Citizen Charter); no link when unset. */
  publicUrl?: string;
}

/** A turn that did not finish within its deadline: the message counts as tried, and the user's next messages go on. */
export class TurnTimeout extends Error {
  constructor(ms: number) {
    super(`the turn did not finish within ${ms} ms`);
    this.name = 'TurnTimeout';
  }
}

/** Gives up on `work` after `ms`; `expired` is true from then on, so work still queued can refuse to commit. */
function withDeadline<T>(work: (expired: () => boolean) => Promise<T>, ms: number | undefined): Promise<T> {
  if (ms === undefined) return work(() => false);
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(new TurnTimeout(ms));
    }, ms);
  });
  return Promise.race([work(() => late), deadline]).finally(() => clearTimeout(timer));
}

/** `limited`: the contact was sending too fast; the message was dropped unread (the first one is answered "slow down"). */
export type PipelineRecord = TurnRecord | { status: 'limited' };

export interface Pipeline {
  /** Handles one inbound message durably; resolves once its replies are in the outbox. */
  handle(inbound: Inbound): Promise<PipelineRecord>;
  /** Resolves when no turn is in flight. */
  idle(): Promise<void>;
}

const MAX_NUMBER_DRAWS = 3;

/** A unique-key failure on Case.trackingNumber, from better-sqlite3 or from Prisma. */
function isTrackingNumberClash(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const meta = 'meta' in err ? JSON.stringify((err as { meta: unknown }).meta) : '';
  const text = `${err.message} ${meta}`;
  return /unique/i.test(text) && text.includes('trackingNumber');
}

/**
 * Thrown inside the transaction when the engine needs free text understood, cases looked up, a voice note heard,
 * or (found only by running the turn: its result `needs` them) an area's figures, first.
 */
class NeedsContext extends AbortTurn {
  constructor(
    readonly understand: boolean,
    readonly lookup: CaseLookup | null,
    readonly contactId: string,
    readonly hear = false,
    readonly areaFigures: string | null = null,
  ) {
    super('the turn needs context fetched outside the transaction');
  }
}

/** What `work` gives within `ms` (null after it; the work goes on, and a later failure of it is not left unhandled). */
async function within<T>(work: Promise<T>, ms: number | undefined): Promise<T | null> {
  if (ms === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((done) => {
    timer = setTimeout(() => done(null), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Fetches for one message beyond this are a bug (a turn that keeps asking for other figures), not worth a loop. */
const MAX_CONTEXT_FETCHES = 4;

/**
 * An area's figures as the chat shows them, from the report card: the whole
 * period's counts as published ('<5', '*' kept), and the averages. An area the
 * card does not list, or a wider one that lists no lower areas, had nothing in
 * the period (a union is listed under a busy upazila whether or not it had
 * anything, and its counts then read "<5", as on its page).
 */
export function areaFiguresOf(card: ReportCard, code: string): AreaFigures {
  const area = card.areas.get(code);
  const all = area?.slices.get('all');
  const nothing = area === undefined || all === undefined || (area.level !== 'union' && area.children.length === 0 && childrenOf(code).length > 0);
  if (nothing) return { code, summary: null };
  const counts = Object.fromEntries(AREA_MEASURES.map((m) => [m, all.counts[m]])) as Record<AreaMeasure, FigureShown | null>;
  return {
    code,
    summary: {
      months: { first: card.months[0] ?? '', last: card.months.at(-1) ?? '' },
      counts,
      medianWorkingDays: all.medianWorkingDays,
      shareInTime: all.shareInTime,
      shareOverdue: all.shareOverdue,
      averageRating: all.averageRating,
    },
  };
}

/**
 * The turn pipeline: inbound → session → engine → (one transaction) → outbox.
 * Free text at the top level is understood outside the transaction, since an
 * understander may be a slow remote model; the turn is then run again.
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const serializer = new KeyedSerializer();
  const engineDeps: EngineDeps = {
    clock: deps.clock,
    ids: deps.ids,
    catalogue: deps.catalogue,
    labels: (choice) => deps.translator.labels(choice),
    idleMs: deps.idleMs,
    fiscalYear: deps.fiscalYear,
    calendar: deps.calendar,
    deadlineDays: deps.deadlineDays,
    ...(deps.limits ? { casesPerDay: deps.limits.casesPerDay } : {}),
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  };

  /** What the engine asked for that has to be fetched outside the transaction. */
  interface Context {
    understanding?: Understanding | null;
    cases?: CaseLookupResult;
    areaFigures?: AreaFigures;
  }

  const attempt = (inbound: Inbound, context: Context | null, expired: () => boolean, hear = false): Promise<TurnRecord> =>
    deps.turns.run(inbound, (work) => {
      // A turn given up (it waited past its deadline for a lock or a connection) rolls back rather than commit late.
      if (expired()) throw new AbortTurn('the turn is past its deadline');
      // Only past the re-delivery check: a note sent again is never fetched and transcribed again.
      if (hear) throw new NeedsContext(false, null, work.contactId, true);
      const { state, recovered } = parseSessionState(openState(work.stateJson));
      if (recovered) deps.log.warn({ contactId: work.contactId }, 'session state unreadable; starting afresh');
      const previous = work.stateJson === null ? null : state;
      const input: TurnInput = { inbound, ...(context ?? {}) };
      if (context === null) {
        const needs = { understand: wantsUnderstanding(previous, input), lookup: caseLookupFor(previous, input) };
        if (needs.understand || needs.lookup !== null) throw new NeedsContext(needs.understand, needs.lookup, work.contactId);
      }
      const result = handleTurn(previous, input, engineDeps);
      // Figures the turn reached only by running: fetched outside the transaction, then the turn is run again with them.
      if (result.needs && context?.areaFigures?.code !== result.needs.areaFigures) {
        throw new NeedsContext(false, null, work.contactId, false, result.needs.areaFigures);
      }
      const lang: Lang = result.state.lang ?? work.language ?? inbound.langHint ?? 'bn';
      const outbox = result.events.flatMap((e) =>
        e.type === 'reply' ? [{ payload: sealOutboxPayload(deps.cipher, deps.translator.render(e.reply, lang)) }] : [],
      );
      const cases = result.events.flatMap((e) => (e.type === 'case_lodged' ? [caseDraft(e.case)] : []));
      const appeals = result.events.flatMap((e) =>
        e.type === 'case_appealed' ? [{ ...e.appeal, dueAt: new Date(e.appeal.dueAt), at: new Date(e.appeal.at) }] : [],
      );
      const ratings = result.events.flatMap((e) => (e.type === 'case_rated' ? [{ trackingNumber: e.trackingNumber, rating: e.rating }] : []));
      const followUpAnswers = result.events.flatMap((e) =>
        e.type === 'follow_up_answered' ? [{ followUpId: e.followUpId, answer: e.answer, grievanceId: e.grievanceId }] : [],
      );
      for (const c of cases) {
        if (c.urgentReasons.length > 0) deps.log.warn({ case: c.trackingNumber, office: c.officeCode, reasons: c.urgentReasons }, 'urgent case lodged');
      }
      // A session holds answers about health, income and a phone number until a case is lodged: sealed at rest too.
      return { stateJson: deps.cipher.encrypt(JSON.stringify(result.state)), language: result.state.lang, outbox, cases, appeals, ratings, followUpAnswers };
    });

  /** Sessions written before they were sealed are plain JSON; an unreadable one is treated as unreadable JSON. */
  const openState = (stored: string | null): string | null => {
    if (stored === null || stored.startsWith('{')) return stored;
    try {
      return deps.cipher.decrypt(stored);
    } catch (err) {
      deps.log.warn({ err }, 'session state could not be unsealed (was the key changed?)');
      return '';
    }
  };

  const caseDraft = (c: NewCase): CaseDraft => {
    const { phone, dueAt, createdAt, subject, consent, duplicateOf, eligibility, written, ...rest } = c;
    // What Setu wrote for the citizen (a follow-up's "no") is put in the case's language here; the engine renders no text.
    const description = written ? deps.translator.t(written.key, rest.language, written.params) : rest.description;
    return {
      ...rest,
      // The citizen's own words: they may hold an NID number, a phone, an illness.
      description: deps.cipher.encrypt(description),
      // A voice note's transcript is the same words, spoken: sealed like them.
      attachments: rest.attachments.map((a) => ({ kind: a.kind, ref: a.ref, transcript: a.transcript === undefined ? null : deps.cipher.encrypt(a.transcript) })),
      dueAt: new Date(dueAt),
      createdAt: new Date(createdAt),
      phoneSealed: phone === null ? null : deps.cipher.encrypt(phone),
      subjectName: subject?.name ?? null,
      subjectAge: subject?.age ?? null,
      subjectSex: subject?.sex ?? null,
      consent: consent ?? null,
      duplicateOf: duplicateOf ?? null,
      eligibility: eligibility ? JSON.stringify(eligibility) : null,
    };
  };

  const fetchContext = async (inbound: Inbound, needs: NeedsContext): Promise<Context> => {
    const context: Context = {};
    if (needs.understand && inbound.body.type === 'text') {
      // An understander that fails (a model that is down) must not lose the turn: fall back to the menu.
      context.understanding = await deps.understander.understand(inbound.body.text.slice(0, MAX_ACCOUNT)).catch((e: unknown) => {
        deps.log.warn({ err: e }, 'understander failed; answering without it');
        return null;
      });
    }
    if (needs.lookup !== null) {
      context.cases = await lookupCases(deps.db, deps.cipher, needs.contactId, needs.lookup, deps.clock.now());
      if (deps.limits && inbound.body.type === 'text') limitStatusLookups(context.cases, needs.contactId, deps.limits, deps.clock.now().getTime());
    }
    if (needs.areaFigures !== null) context.areaFigures = await figuresFor(needs.areaFigures);
    return context;
  };

  /**
   * The report card is worked out once and kept (reportCardSource.ts). The first one, on a large database, may take
   * a while: the turn waits for it half its own deadline at most, then says "try again shortly" while it is finished
   * in the background. One that cannot be worked out is said so too, and the turn goes on.
   */
  const figuresFor = async (code: string): Promise<AreaFigures> => {
    if (!deps.reportCard) return { code, summary: 'unavailable' };
    try {
      const card = await within(deps.reportCard.current(), deps.turnDeadlineMs === undefined ? undefined : Math.round(deps.turnDeadlineMs / 2));
      if (card !== null) return areaFiguresOf(card, code);
      deps.log.warn({ code }, 'report card still being worked out; the area figures are said to be unavailable for now');
    } catch (err) {
      deps.log.warn({ err }, 'report card could not be worked out; the area figures are said to be unavailable');
    }
    return { code, summary: 'unavailable' };
  };

  /** The message a turn runs on: a voice note is replaced by what was heard in it, once, however often the turn is run. */
  interface Message {
    inbound: Inbound;
    hear: boolean;
  }

  const runOnce = async (message: Message, expired: () => boolean): Promise<TurnRecord> => {
    // What was fetched so far: an area's figures may be found to be needed only once the understanding is in.
    let context: Context | null = null;
    for (let fetches = 0; ; ) {
      try {
        return await attempt(message.inbound, context, expired, message.hear);
      } catch (err) {
        if (!(err instanceof NeedsContext)) throw err;
        if (err.hear && deps.voice) {
          // Outside the transaction (a download and a remote model); whatever comes of it, the turn then runs on it.
          message.hear = false;
          message.inbound = await deps.voice.hear(message.inbound);
          continue;
        }
        message.hear = false;
        fetches += 1;
        if (fetches > MAX_CONTEXT_FETCHES) throw new Error('the turn kept asking for more context');
        context = { ...(context ?? {}), ...(await fetchContext(message.inbound, err)) };
      }
    }
  };

  const handleOne = async (inbound: Inbound, expired: () => boolean): Promise<TurnRecord> => {
    let record: TurnRecord | undefined;
    const message: Message = { inbound, hear: deps.voice?.canHear(inbound) ?? false };
    // Tracking numbers are 8 random digits: two cases may draw the same one. The turn is simply run again with a new draw.
    for (let tries = 1; record === undefined; tries += 1) {
      try {
        record = await runOnce(message, expired);
      } catch (err) {
        if (tries >= MAX_NUMBER_DRAWS || !isTrackingNumberClash(err)) throw err;
        deps.log.warn({ tries }, 'tracking number already taken; lodging again with a new one');
      }
    }
    if (record.status === 'done' && record.outboxCount > 0) deps.onOutbox?.(contactIdFor(inbound.channel, inbound.userId));
    if (record.status === 'duplicate') deps.log.info({ channel: inbound.channel, messageId: inbound.messageId }, 'duplicate inbound ignored');
    return record;
  };

  /**
   * A contact over its message rate: the first message past it gets one
   * "slow down" (recorded like a turn, the session untouched), the rest are
   * dropped before anything is written.
   */
  const slowDown = async (inbound: Inbound, first: boolean): Promise<PipelineRecord> => {
    if (!first) return { status: 'limited' };
    deps.log.warn({ channel: inbound.channel, userId: inbound.userId }, 'contact over its message rate; told to slow down');
    const record = await deps.turns.run(inbound, (work) => {
      const lang: Lang = work.language ?? inbound.langHint ?? 'bn';
      const reply = { key: 'limits:slow_down', kind: 'error' as const };
      return { stateJson: work.stateJson ?? JSON.stringify(newSessionState()), language: work.language, outbox: [{ payload: sealOutboxPayload(deps.cipher, deps.translator.render(reply, lang)) }] };
    });
    if (record.status === 'done') deps.onOutbox?.(contactIdFor(inbound.channel, inbound.userId));
    return { status: 'limited' };
  };

  const observed = async (inbound: Inbound): Promise<TurnRecord> => {
    try {
      const record = await withDeadline((expired) => handleOne(inbound, expired), deps.turnDeadlineMs);
      deps.health?.succeeded();
      return record;
    } catch (err) {
      deps.health?.failed(err);
      throw err;
    }
  };

  return {
    handle: (inbound) => {
      const key = `${inbound.channel}:${inbound.userId}`;
      const verdict = deps.limits?.messages.take(key, deps.clock.now().getTime());
      if (verdict && !verdict.allowed) return serializer.run(key, () => slowDown(inbound, verdict.firstRefusal));
      return serializer.run(key, () => observed(inbound));
    },
    idle: () => serializer.idle(),
  };
}
