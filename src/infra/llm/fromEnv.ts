import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenAI } from 'openai';
import type { Understander } from '../../engine/understanding.ts';
import { PROJECT_ROOT } from '../db/url.ts';
import type { Logger } from '../log/logger.ts';
import { createCaseAssistant, type CaseAssistant } from './caseAssistant.ts';
import { createModelUnderstander } from './modelUnderstander.ts';
import { createRulesUnderstander } from './rulesUnderstander.ts';
import { createTranscriber, type Transcriber } from './transcriber.ts';

/** The settings read here (the OPENAI_* part of the environment; infra does not import config). */
export interface LanguageModelSettings {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_MODEL: string;
  OPENAI_TRANSCRIBE_MODEL?: string | undefined;
  OPENAI_TIMEOUT_MS: number;
  OPENAI_DAILY_CALLS: number;
}

export interface LanguageModels {
  understander: Understander;
  transcriber: Transcriber | null;
  /** Summaries and suggestions for officers, translations of their notes; null without a model. */
  assistant: CaseAssistant | null;
}

export const PROMPT_FILE = join(PROJECT_ROOT, 'prompts', 'understand.md');
export const SUMMARISE_PROMPT_FILE = join(PROJECT_ROOT, 'prompts', 'summarise.md');
export const TRANSLATE_PROMPT_FILE = join(PROJECT_ROOT, 'prompts', 'translate.md');

/**
 * The system prompt: what follows the first `---` line of the file (above it,
 * notes for whoever edits it), or the whole file when there is none.
 */
export function loadPrompt(file: string = PROMPT_FILE): string {
  const text = readFileSync(file, 'utf8');
  const rule = /^---[ \t]*$/m.exec(text);
  const prompt = (rule === null ? text : text.slice(rule.index + rule[0].length)).trim();
  if (prompt === '') throw new Error(`${file} holds no prompt`);
  return prompt;
}

/** A local server (Ollama, vLLM) may want no key, but the SDK refuses to start without one. */
const NO_KEY = 'no-key';
/** A voice note takes longer to upload and decode than a reply to come back; still well inside a turn's deadline. */
const MIN_TRANSCRIBE_TIMEOUT_MS = 20_000;

/**
 * The rules alone when neither OPENAI_API_KEY nor OPENAI_BASE_URL is set;
 * otherwise the model understander over them, and a transcriber when
 * OPENAI_TRANSCRIBE_MODEL names one.
 *
 * @example const { understander } = languageModelsFromEnv(env, log);
 */
export function languageModelsFromEnv(env: LanguageModelSettings, log: Logger, opts: { promptFile?: string; now?: () => number } = {}): LanguageModels {
  if (env.OPENAI_API_KEY === undefined && env.OPENAI_BASE_URL === undefined) {
    log.info('no language model configured (OPENAI_API_KEY or OPENAI_BASE_URL): free text is read by the rules alone');
    return { understander: createRulesUnderstander(), transcriber: null, assistant: null };
  }
  // Passed explicitly, so the SDK's own reading of process.env never overrides the validated settings.
  const client = new OpenAI({
    apiKey: env.OPENAI_API_KEY ?? NO_KEY,
    baseURL: env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    timeout: env.OPENAI_TIMEOUT_MS,
    maxRetries: 0,
  });
  const understander = createModelUnderstander({
    client,
    model: env.OPENAI_MODEL,
    instructions: loadPrompt(opts.promptFile),
    log,
    timeoutMs: env.OPENAI_TIMEOUT_MS,
    dailyCalls: env.OPENAI_DAILY_CALLS,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const transcriber =
    env.OPENAI_TRANSCRIBE_MODEL === undefined
      ? null
      : createTranscriber({ client, model: env.OPENAI_TRANSCRIBE_MODEL, timeoutMs: Math.max(env.OPENAI_TIMEOUT_MS, MIN_TRANSCRIBE_TIMEOUT_MS), log });
  const assistant = createCaseAssistant({
    client,
    model: env.OPENAI_MODEL,
    prompts: { summarise: loadPrompt(SUMMARISE_PROMPT_FILE), translate: loadPrompt(TRANSLATE_PROMPT_FILE) },
    log,
    timeoutMs: env.OPENAI_TIMEOUT_MS,
    dailyCalls: env.OPENAI_DAILY_CALLS,
    ...(opts.now ? { now: opts.now } : {}),
  });
  log.info(
    { model: env.OPENAI_MODEL, host: new URL(client.baseURL).host, transcribeModel: env.OPENAI_TRANSCRIBE_MODEL ?? null, dailyCalls: env.OPENAI_DAILY_CALLS },
    'language model enabled for free text the rules are unsure of, and for officers: case summaries and translations',
  );
  return { understander, transcriber, assistant };
}
