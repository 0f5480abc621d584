import { join } from 'node:path';
import { DEFAULT_DEADLINE_DAYS } from '../../src/domain/cases/routing.ts';
import { defaultCalendar } from '../../src/domain/cases/holidays.data.ts';
import { catalogue } from '../../src/domain/programmes/index.ts';
import type { CaseLookupResult, CaseView, EngineDeps, NewCase, TurnInput } from '../../src/engine/deps.ts';
import { caseLookupFor, handleTurn, wantsUnderstanding } from '../../src/engine/engine.ts';
import type { CaseLookup } from '../../src/engine/flows/status.ts';
import { parseSessionState, type SessionState } from '../../src/engine/session.ts';
import type { Clock, IdGenerator, Inbound, InboundBody, Lang, Reply } from '../../src/engine/types.ts';
import { createTranslator, type Translator } from '../../src/infra/i18n/createTranslator.ts';
import { loadLocales } from '../../src/infra/i18n/loadLocales.ts';
import { createRulesUnderstander } from '../../src/infra/llm/rulesUnderstander.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const translator: Translator = createTranslator(loadLocales(join(ROOT, 'locales')));

/** A clock that only moves when told to. */
export class FixedClock implements Clock {
  constructor(private t: number = Date.parse('2026-11-22T09:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export class CountingIds implements IdGenerator {
  private n = 0;
  next(): string {
    this.n += 1;
    return `id-${this.n}`;
  }
}

export function engineDeps(clock: Clock = new FixedClock()): EngineDeps {
  return {
    clock,
    ids: new CountingIds(),
    catalogue,
    labels: (c) => translator.labels(c),
    idleMs: 30 * 60_000,
    fiscalYear: '2025-26',
    calendar: defaultCalendar(),
    deadlineDays: DEFAULT_DEADLINE_DAYS,
  };
}

/** What a golden records of a reply: keys and params, never rendered words. */
export interface ReplyRecord {
  key: string;
  params?: Reply['params'];
  lines?: string[];
  choices?: string[];
}

/** `voice`: a voice note the host transcribed to these words (without a transcriber it is `{ attachment: 'audio' }`). */
export type Step = string | { choice: string } | { start: string | true } | { attachment: 'image' | 'sticker' | 'audio' } | { voice: string } | { wait: number };

export interface TranscriptTurn {
  in: Step;
  out: ReplyRecord[];
}

export interface RenderedTurn {
  in: Step;
  /** Each reply rendered in the conversation's language at that turn. */
  text: string[];
}

/**
 * A conversation with the engine, held the way the host holds it: the state is
 * serialised to JSON and read back between every turn, free text goes through
 * the rules understander when the engine asks for it, and the clock is fixed.
 */
export class EngineConversation {
  readonly clock = new FixedClock();
  readonly deps = engineDeps(this.clock);
  readonly turns: TranscriptTurn[] = [];
  readonly rendered: RenderedTurn[] = [];
  /** Cases the engine lodged, in order. */
  readonly lodged: NewCase[] = [];
  /** What officers did since: a case's state, and when it was closed (then its rating may be typed). */
  readonly officerDid: Record<string, { state: CaseView['state']; closedAt?: number }> = {};
  private readonly understander = createRulesUnderstander();
  private json: string | null = null;
  private n = 0;

  constructor(private readonly userLang?: Lang) {}

  get state(): SessionState | null {
    return this.json === null ? null : parseSessionState(this.json).state;
  }

  async send(step: Step): Promise<Reply[]> {
    if (typeof step === 'object' && 'wait' in step) {
      this.clock.advance(step.wait);
      return [];
    }
    this.n += 1;
    const inbound: Inbound = { channel: 'test', userId: 'u1', messageId: `m${this.n}`, body: toBody(step), receivedAt: this.clock.now() };
    if (this.userLang) inbound.langHint = this.userLang;
    const previous = this.state;
    const input: TurnInput = { inbound };
    if (inbound.body.type === 'text' && wantsUnderstanding(previous, input)) {
      input.understanding = await this.understander.understand(inbound.body.text);
    }
    const lookup = caseLookupFor(previous, input);
    if (lookup !== null) input.cases = this.lookup(lookup);
    const result = handleTurn(previous, input, this.deps);
    for (const e of result.events) if (e.type === 'case_lodged') this.lodged.push(e.case);
    this.json = JSON.stringify(result.state);
    const replies = result.events.flatMap((e) => (e.type === 'reply' ? [e.reply] : []));
    const lang: Lang = result.state.lang ?? this.userLang ?? 'bn';
    this.turns.push({ in: step, out: replies.map(recordOf) });
    this.rendered.push({ in: step, text: replies.map((r) => translator.render(r, lang).text) });
    return replies;
  }

  /** Cases this conversation lodged, as a host would look them up (all "mine"). */
  private lookup({ numbers, mine, duplicate, ratable }: CaseLookup): CaseLookupResult {
    const view = (c: NewCase): CaseView => ({
      trackingNumber: c.trackingNumber,
      mine: true,
      kind: c.kind,
      category: c.category,
      state: this.officerDid[c.trackingNumber]?.state ?? 'received',
      tier: c.tier,
      placeCode: c.placeCode,
      createdAt: Date.parse(c.createdAt),
      updatedAt: Date.parse(c.createdAt),
      dueAt: Date.parse(c.dueAt),
      urgent: c.urgentReasons.length > 0,
      lastNote: null,
    });
    const byNumber: Record<string, CaseView | null> = {};
    for (const n of numbers) {
      const c = this.lodged.find((x) => x.trackingNumber === n);
      byNumber[n] = c ? view(c) : null;
    }
    const result: CaseLookupResult = mine ? { byNumber, mine: this.lodged.map(view) } : { byNumber };
    if (ratable) {
      result.ratable = Object.entries(this.officerDid).flatMap(([trackingNumber, d]) => (d.closedAt === undefined ? [] : [{ trackingNumber, closedAt: d.closedAt }]));
    }
    if (duplicate) {
      const earlier = this.lodged.find((c) => c.kind === 'report' && c.placeCode === duplicate.placeCode && c.subject?.name === duplicate.name);
      result.duplicate = earlier ? view(earlier) : null;
    }
    return result;
  }

  /** Changes the state between turns as the host may (the follow-up job leaves its question in the session). */
  patch(change: (state: SessionState) => void): void {
    const state = this.state;
    if (state === null) throw new Error('no conversation yet');
    change(state);
    this.json = JSON.stringify(state);
  }

  /** The key of the question now awaiting an answer, if any. */
  lastQuestion(): string | null {
    for (let i = this.turns.length - 1; i >= 0; i -= 1) {
      const asked = this.turns[i]?.out.filter((r) => r.choices !== undefined || r.key.includes(':ask.') || r.key.endsWith('.prompt'));
      if (asked && asked.length > 0) return asked.at(-1)?.key ?? null;
    }
    return null;
  }
}

export async function runTranscript(steps: Step[], opts: { userLang?: Lang } = {}) {
  const convo = new EngineConversation(opts.userLang);
  for (const step of steps) await convo.send(step);
  return { turns: convo.turns, rendered: convo.rendered, state: convo.state as SessionState };
}

/**
 * Answers to the eligibility questions, by profile field: what a simulated person
 * types or presses. `checks` answers the checklist of rare situations; a list
 * answers a question asked more than once (a checklist after one item applied), in turn.
 */
export type Answers = Partial<Record<string, Step | Step[]>>;

/**
 * Answers every eligibility question from `answers` until the result is shown
 * (or until the question `stopAt`); what was read back from sentences is agreed to.
 * A question with no answer in the table is a test failure: the questionnaire
 * asked something this person's path should not need.
 */
export async function answerQuestionnaire(convo: EngineConversation, answers: Answers, opts: { stopAt?: string; maxTurns?: number } = {}): Promise<void> {
  const used: Record<string, number> = {};
  for (let i = 0; i < (opts.maxTurns ?? 30); i += 1) {
    const key = convo.lastQuestion();
    if (key === 'eligibility:result.next' || key === opts.stopAt) return;
    if (key === 'eligibility:readback.prompt') {
      // What was taken from the person's own sentences is read back once: this person agrees.
      await convo.send({ choice: 'rb.ok' });
      continue;
    }
    // The checklist after an item was ticked ("any of these as well?") is still the checklist.
    const field = key?.match(/^eligibility:ask\.([A-Za-z_]+)/)?.[1]?.replace(/^checks_more$/, 'checks');
    if (field === undefined) throw new Error(`not in the questionnaire: last question ${key}`);
    const given = answers[field];
    const n = used[field] ?? 0;
    used[field] = n + 1;
    const answer = Array.isArray(given) ? given[n] : n === 0 || field !== 'checks' ? given : undefined;
    if (answer === undefined) throw new Error(`asked ${key}${n > 0 ? ` (time ${n + 1})` : ''}, which this path has no answer for`);
    await convo.send(answer);
  }
  throw new Error('the questionnaire did not end');
}

function recordOf(reply: Reply): ReplyRecord {
  return {
    key: reply.key,
    ...(reply.params ? { params: reply.params } : {}),
    ...(reply.lines?.length ? { lines: reply.lines.map((l) => (l.params ? `${l.key} ${JSON.stringify(l.params)}` : l.key)) } : {}),
    ...(reply.choices?.length ? { choices: reply.choices.map((c) => c.id) } : {}),
  };
}

function toBody(step: Exclude<Step, { wait: number }>): InboundBody {
  if (typeof step === 'string') return { type: 'text', text: step };
  if ('choice' in step) return { type: 'choice', choiceId: step.choice };
  if ('start' in step) return step.start === true ? { type: 'start' } : { type: 'start', payload: step.start };
  if ('voice' in step) return { type: 'text', text: step.voice, voice: { ref: 'test-voice' } };
  return { type: 'attachment', kind: step.attachment, ref: `test-${step.attachment}` };
}
