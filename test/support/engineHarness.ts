import { join } from 'node:path';
import { catalogue } from '../../src/domain/programmes/index.ts';
import type { EngineDeps, TurnInput } from '../../src/engine/deps.ts';
import { handleTurn } from '../../src/engine/engine.ts';
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
  };
}

/** What a golden records of a reply: keys and params, never rendered words. */
export interface ReplyRecord {
  key: string;
  params?: Reply['params'];
  lines?: string[];
  choices?: string[];
}

export type Step = string | { choice: string } | { start: string | true } | { attachment: 'image' | 'sticker' | 'audio' } | { wait: number };

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
 * Runs a conversation through the engine the way the host does: the state is
 * serialised to JSON and read back between every turn, free text at the top
 * level goes through the rules understander, and the clock is fixed.
 */
export async function runTranscript(steps: Step[], opts: { userLang?: Lang } = {}) {
  const clock = new FixedClock();
  const deps = engineDeps(clock);
  const understander = createRulesUnderstander();
  let json: string | null = null;
  const turns: TranscriptTurn[] = [];
  const rendered: RenderedTurn[] = [];
  let state: SessionState | null = null;
  let n = 0;
  for (const step of steps) {
    if (typeof step === 'object' && 'wait' in step) {
      clock.advance(step.wait);
      continue;
    }
    n += 1;
    const inbound: Inbound = { channel: 'test', userId: 'u1', messageId: `m${n}`, body: toBody(step), receivedAt: clock.now() };
    if (opts.userLang) inbound.langHint = opts.userLang;
    const previous = json === null ? null : parseSessionState(json).state;
    const input: TurnInput = { inbound };
    if (inbound.body.type === 'text' && (previous === null || previous.flow === null)) {
      input.understanding = await understander.understand(inbound.body.text);
    }
    const result = handleTurn(previous, input, deps);
    json = JSON.stringify(result.state);
    state = result.state;
    const replies = result.events.flatMap((e) => (e.type === 'reply' ? [e.reply] : []));
    const lang: Lang = result.state.lang ?? opts.userLang ?? 'bn';
    turns.push({ in: step, out: replies.map(recordOf) });
    rendered.push({ in: step, text: replies.map((r) => translator.render(r, lang).text) });
  }
  return { turns, rendered, state: state as SessionState };
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
  return { type: 'attachment', kind: step.attachment };
}
