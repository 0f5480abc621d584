import { performance } from 'node:perf_hooks';
import type { OpenAI } from 'openai';
import { z } from 'zod';
import { matchCommand } from '../../engine/parse/matchCommand.ts';
import { parseYesNo } from '../../engine/parse/parseYesNo.ts';
import { situationFacts } from '../../engine/facts.ts';
import type { Understander, Understanding } from '../../engine/understanding.ts';
import { normaliseText, tokenise } from '../../text/normalise.ts';
import type { Logger } from '../log/logger.ts';
import { createCircuitBreaker } from './circuitBreaker.ts';
import { createDailyBudget } from './dailyBudget.ts';
import { deadline, describeFailure } from './failure.ts';
import { createLruCache } from './lruCache.ts';
import { maskPersonalNumbers } from './mask.ts';
import { mergeAnswers, MODEL_RESPONSE_FORMAT, ModelAnswerSchema, type ModelAnswer } from './modelAnswer.ts';
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

/** The parts of a ChatCompletion read here, checked: a compatible server may send anything. */
const CompletionSchema = z.object({
  choices: z.array(
    z.object({
      finish_reason: z.string().nullable(),
      message: z.object({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() }),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullable().optional(),
});

type Reading = { ok: true; answer: ModelAnswer } | { ok: false; outcome: 'refused' | 'truncated' | 'empty' | 'invalid' };

function readCompletion(completion: z.infer<typeof CompletionSchema>): Reading {
  const choice = completion.choices[0];
  if (choice === undefined) return { ok: false, outcome: 'empty' };
  const { content, refusal } = choice.message;
  if (typeof refusal === 'string' && refusal !== '') return { ok: false, outcome: 'refused' };
  if (choice.finish_reason === 'length') return { ok: false, outcome: 'truncated' };
  if (choice.finish_reason !== 'stop') return { ok: false, outcome: 'invalid' };
  if (content === null || content === undefined || content.trim() === '') return { ok: false, outcome: 'empty' };
  if (content.length > MAX_CONTENT_CHARS) return { ok: false, outcome: 'invalid' };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, outcome: 'invalid' };
  }
  const parsed = ModelAnswerSchema.safeParse(json);
  return parsed.success ? { ok: true, answer: parsed.data } : { ok: false, outcome: 'invalid' };
}

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
    const started = performance.now();
    const ms = (): number => Math.round(performance.now() - started);
    const stop = deadline(timeoutMs);
    try {
      const completion = await opts.client.chat.completions.create(
        {
          model: opts.model,
          messages: [
            { role: 'system', content: opts.instructions },
            { role: 'user', content: masked },
          ],
          response_format: MODEL_RESPONSE_FORMAT,
          max_completion_tokens: MAX_COMPLETION_TOKENS,
        },
        { timeout: timeoutMs, maxRetries: 0, signal: stop.signal },
      );
      // The provider answered: it is up, whatever it said.
      breaker.success();
      const shape = CompletionSchema.safeParse(completion);
      const reading: Reading = shape.success ? readCompletion(shape.data) : { ok: false, outcome: 'invalid' };
      const usage = shape.success ? shape.data.usage : undefined;
      const tokens = usage ? { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens } : {};
      if (reading.ok) {
        log.info({ outcome: 'ok', ms: ms(), ...tokens }, 'model understanding');
        return reading.answer;
      }
      log.warn({ outcome: reading.outcome, ms: ms(), ...tokens }, 'model answer unusable; the rules answer');
      return null;
    } catch (err) {
      breaker.failure();
      log.warn({ ...describeFailure(err), ms: ms(), breaker: breaker.state() }, 'model call failed; the rules answer');
      return null;
    } finally {
      stop.clear();
    }
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
