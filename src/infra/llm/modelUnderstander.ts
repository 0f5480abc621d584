import type { OpenAI } from 'openai';
import { matchCommand } from '../../engine/parse/matchCommand.ts';
import { parseYesNo } from '../../engine/parse/parseYesNo.ts';
import { situationFacts } from '../../engine/facts.ts';
import type { Understander, Understanding } from '../../engine/understanding.ts';
import { normaliseText, tokenise } from '../../text/normalise.ts';
import type { Logger } from '../log/logger.ts';
import { createCircuitBreaker } from './circuitBreaker.ts';
import { createDailyBudget } from './dailyBudget.ts';
import { createLruCache } from './lruCache.ts';
import { maskPersonalNumbers } from './mask.ts';
import { mergeAnswers, MODEL_RESPONSE_FORMAT, ModelAnswerSchema, type ModelAnswer } from './modelAnswer.ts';
import { callForJson } from './chatJson.ts';
import { createRulesUnderstander } from './rulesUnderstander.ts';

export interface ModelUnderstanderOptions {
  client: OpenAI;
  model: string;
  /** The system prompt (prompts/understand.md), read once at start. */
  instructions: string;
  log: Logger;
  /** The floor the model's reading is laid over; the rules understander unless a test says otherwise. */
  rules?: Understander;
  timeoutMs?: number;
  dailyCalls?: number;
  cacheSize?: number;
  breaker?: { failures?: number; pauseMs?: number };
  /** The clock of the breaker's pause and of the budget's day (tests move it). */
  now?: () => number;
}

/** A message this long tells a story worth a model's reading even when a keyword was found. */
const STORY_WORDS = 8;
/** The pipeline passes at most 2,000 characters; the model never gets more. */
const MAX_MODEL_TEXT = 2000;
/** Room for the JSON (about 150 tokens) and a reasoning model's thinking; more is runaway output. */
const MAX_COMPLETION_TOKENS = 800;
const MAX_CONTENT_CHARS = 4000;

/**
 * Messages whose reading the rules and the engine's parsers already own: a
 * number ("১", a tracking number), a yes or no ("হ্যাঁ"), a command ("menu").
 * A model can add nothing to them.
 */
function readHere(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  if (words.length > 3) return false;
  return words.every((w) => /^\d+$/.test(w)) || parseYesNo(text) !== null || matchCommand(text) !== null;
}

function wantsModel(text: string, rules: Understanding): boolean {
  const words = tokenise(text);
  if (readHere(text, words)) return false;
  // Who is asked about ("আমার মা": other, mother, female) is one fact, not a story.
  const story = words.length >= STORY_WORDS || situationFacts(rules.facts).length >= 2;
  return story || rules.intent === null || rules.confidence < 1;
}

/**
 * An understander that asks a language model when the rules are unsure or the
 * message tells a story, and lays its reading over the rules'. The rules'
 * answer is the floor: a model that is slow, down, over budget, or answering
 * with anything but the schema leaves it as it is. Phone numbers, NIDs and
 * tracking numbers are masked before the text leaves; the model gets only the
 * system prompt and the masked message, and gives back only enums, numbers
 * and booleans.
 *
 * @example createModelUnderstander({ client: new OpenAI({ apiKey, timeout: 4000, maxRetries: 0 }), model: 'gpt-4o-mini', instructions, log })
 */
export function createModelUnderstander(opts: ModelUnderstanderOptions): Understander {
  const rules = opts.rules ?? createRulesUnderstander();
  const timeoutMs = opts.timeoutMs ?? 4000;
  const now = opts.now ?? Date.now;
  const breaker = createCircuitBreaker({ ...opts.breaker, now });
  const budget = createDailyBudget(opts.dailyCalls ?? 2000, now);
  const cache = createLruCache<ModelAnswer>(opts.cacheSize ?? 1000);
  const log = opts.log.child({ component: 'model_understander', model: opts.model });

  const ask = async (masked: string): Promise<ModelAnswer | null> => {
    const call = await callForJson(
      { client: opts.client, model: opts.model, timeoutMs, breaker },
      { system: opts.instructions, user: masked, format: MODEL_RESPONSE_FORMAT, maxCompletionTokens: MAX_COMPLETION_TOKENS, maxContentChars: MAX_CONTENT_CHARS },
    );
    if ('failure' in call) {
      log.warn({ ...call.failure, ms: call.ms, breaker: breaker.state() }, 'model call failed; the rules answer');
      return null;
    }
    const parsed = call.ok ? ModelAnswerSchema.safeParse(call.json) : null;
    if (parsed?.success) {
      log.info({ outcome: 'ok', ms: call.ms, ...call.tokens }, 'model understanding');
      return parsed.data;
    }
    log.warn({ outcome: call.ok ? 'invalid' : call.outcome, ms: call.ms, ...call.tokens }, 'model answer unusable; the rules answer');
    return null;
  };

  return {
    async understand(text: string): Promise<Understanding> {
      const floor = await rules.understand(text);
      if (!wantsModel(text, floor)) return floor;
      // Masked before it is cut, so that no number is cut in two and half of it sent in clear.
      const masked = maskPersonalNumbers(text);
      const outgoing = masked.text.slice(0, MAX_MODEL_TEXT);
      // Keyed by the masked text: it is all the model saw, so two tracking numbers share an answer.
      const key = normaliseText(outgoing);
      const cached = cache.get(key);
      if (cached !== undefined) {
        log.debug({ outcome: 'cache_hit' }, 'model understanding');
        return mergeAnswers(floor, cached, masked.trackingNumbers);
      }
      const spend = budget.take();
      if (!spend.ok) {
        if (spend.firstRefusal) log.warn({ outcome: 'over_budget', dailyCalls: opts.dailyCalls ?? 2000 }, 'daily model calls used up; the rules alone until midnight (Dhaka)');
        return floor;
      }
      if (!breaker.allow()) {
        budget.refund();
        log.debug({ outcome: 'breaker_open' }, 'model skipped while it is failing');
        return floor;
      }
      const answer = await ask(outgoing);
      if (answer === null) return floor;
      cache.set(key, answer);
      return mergeAnswers(floor, answer, masked.trackingNumbers);
    },
  };
}
