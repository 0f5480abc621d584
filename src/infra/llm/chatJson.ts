import { performance } from 'node:perf_hooks';
import type { OpenAI } from 'openai';
import { z } from 'zod';
import type { CircuitBreaker } from './circuitBreaker.ts';
import { deadline, describeFailure, type Failure } from './failure.ts';

/**
 * Reading a chat completion that was asked for strict JSON: the parts read
 * are checked (an OpenAI-compatible server may send anything), and every way
 * of not answering is named, for the logs.
 */

/** Why an answer could not be used. */
export type Unusable = 'refused' | 'truncated' | 'empty' | 'invalid';

export interface CompletionTokens {
  promptTokens?: number;
  completionTokens?: number;
}

const CompletionSchema = z.object({
  choices: z.array(
    z.object({
      finish_reason: z.string().nullable(),
      message: z.object({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() }),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullable().optional(),
});

/**
 * The JSON the model answered with, or why there is none; and the tokens it
 * used, when the server says. Content over `maxChars` is a model running on.
 *
 * @example jsonOfCompletion(await client.chat.completions.create(…), 4000) // { ok: true, json: { intent: 'status', … }, tokens: { promptTokens: 412, completionTokens: 38 } }
 */
export function jsonOfCompletion(completion: unknown, maxChars: number): ({ ok: true; json: unknown } | { ok: false; outcome: Unusable }) & { tokens: CompletionTokens } {
  const shape = CompletionSchema.safeParse(completion);
  if (!shape.success) return { ok: false, outcome: 'invalid', tokens: {} };
  const usage = shape.data.usage;
  const tokens = usage ? { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens } : {};
  const choice = shape.data.choices[0];
  if (choice === undefined) return { ok: false, outcome: 'empty', tokens };
  const { content, refusal } = choice.message;
  if (typeof refusal === 'string' && refusal !== '') return { ok: false, outcome: 'refused', tokens };
  if (choice.finish_reason === 'length') return { ok: false, outcome: 'truncated', tokens };
  if (choice.finish_reason !== 'stop') return { ok: false, outcome: 'invalid', tokens };
  if (content === null || content === undefined || content.trim() === '') return { ok: false, outcome: 'empty', tokens };
  if (content.length > maxChars) return { ok: false, outcome: 'invalid', tokens };
  try {
    return { ok: true, json: JSON.parse(content) as unknown, tokens };
  } catch {
    return { ok: false, outcome: 'invalid', tokens };
  }
}

/**
 * The `response_format` for strict structured output from a zod schema.
 *
 * @example jsonSchemaFormat('setu_translation', z.strictObject({ translation: z.string() }))
 */
export function jsonSchemaFormat(name: string, schema: z.ZodType) {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: 'draft-7' });
  return { type: 'json_schema', json_schema: { name, strict: true, schema: json } } as const;
}

/** What one guarded call came to: the JSON, an answer that cannot be used, or a failed call (timeout, an error status). */
export type JsonCall =
  | { ok: true; json: unknown; ms: number; tokens: CompletionTokens }
  | { ok: false; outcome: Unusable; ms: number; tokens: CompletionTokens }
  | { ok: false; outcome: 'failed'; ms: number; failure: Failure };

export interface JsonCallRequest {
  system: string;
  /** Already masked: nothing personal leaves in it. */
  user: string;
  format: ReturnType<typeof jsonSchemaFormat>;
  maxCompletionTokens: number;
  maxContentChars: number;
}

/**
 * One chat completion asked for strict JSON, under a deadline (no retries:
 * a slow provider must not stall a turn), telling the breaker whether the
 * provider answered. The caller takes the budget and logs what it came to.
 *
 * @example await callForJson({ client, model, timeoutMs: 4000, breaker }, { system, user: masked, format, maxCompletionTokens: 800, maxContentChars: 4000 })
 */
export async function callForJson(with_: { client: OpenAI; model: string; timeoutMs: number; breaker: CircuitBreaker }, req: JsonCallRequest): Promise<JsonCall> {
  const started = performance.now();
  const ms = (): number => Math.round(performance.now() - started);
  const stop = deadline(with_.timeoutMs);
  try {
    const completion = await with_.client.chat.completions.create(
      {
        model: with_.model,
        messages: [
          { role: 'system', content: req.system },
          { role: 'user', content: req.user },
        ],
        response_format: req.format,
        max_completion_tokens: req.maxCompletionTokens,
      },
      { timeout: with_.timeoutMs, maxRetries: 0, signal: stop.signal },
    );
    // The provider answered: it is up, whatever it said.
    with_.breaker.success();
    return { ...jsonOfCompletion(completion, req.maxContentChars), ms: ms() };
  } catch (err) {
    with_.breaker.failure();
    return { ok: false, outcome: 'failed', ms: ms(), failure: describeFailure(err) };
  } finally {
    stop.clear();
  }
}
