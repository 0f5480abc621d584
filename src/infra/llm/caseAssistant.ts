import type { OpenAI } from 'openai';
import { z } from 'zod';
import { CATEGORIES, type Category } from '../../domain/cases/routing.ts';
import type { Lang } from '../../engine/types.ts';
import type { Logger } from '../log/logger.ts';
import { createCircuitBreaker } from './circuitBreaker.ts';
import { createDailyBudget } from './dailyBudget.ts';
import { maskPersonalNumbers } from './mask.ts';
import { callForJson, jsonSchemaFormat } from './chatJson.ts';

/** What the model suggests about a new case, for officers only: never a decision, never shown to a citizen. */
export interface CaseSuggestion {
  /** At most two short lines, in the officers' language. */
  summary: string;
  category: Category;
  urgent: boolean;
  /** The citizen's words in the officers' language; null when they were in it already. */
  translation: string | null;
}

/**
 * The model's help with cases: a summary and suggestions for officers, and
 * translations of officers' notes for citizens. Every failure (slow, down,
 * over budget, an answer off the schema) is null, and the caller goes on
 * without it.
 */
export interface CaseAssistant {
  /** The model's name, kept with what it wrote. */
  readonly model: string;
  summarise(description: string, caseLanguage: Lang, officerLanguage: Lang): Promise<CaseSuggestion | null>;
  translate(text: string, from: Lang, to: Lang): Promise<string | null>;
}

export interface CaseAssistantOptions {
  client: OpenAI;
  model: string;
  /** prompts/summarise.md and prompts/translate.md (below their line), read once at start. */
  prompts: { summarise: string; translate: string };
  log: Logger;
  timeoutMs?: number;
  dailyCalls?: number;
  breaker?: { failures?: number; pauseMs?: number };
  now?: () => number;
}

/** Case descriptions are at most 2,000 characters; notes are kept to the same. */
const MAX_TEXT = 4000;
const MAX_SUMMARY_CHARS = 400;
const MAX_SUMMARY_LINES = 2;
/** A translation much longer than its source is a model running on, not a translation. */
const maxTranslation = (source: string): number => Math.min(12_000, source.length * 4 + 200);
const MAX_COMPLETION_TOKENS = 4000;
const MAX_CONTENT_CHARS = 24_000;

const LANGUAGE_NAME: Record<Lang, string> = { bn: 'Bangla', en: 'English' };

/** What the model is asked to return (the wire schema has no length limits; they are checked here). */
const SuggestionWire = z.strictObject({
  summary: z.string(),
  category: z.enum(CATEGORIES),
  urgent: z.boolean(),
  translation: z.string().nullable(),
});
const TranslationWire = z.strictObject({ translation: z.string() });

export const SUMMARY_RESPONSE_FORMAT = jsonSchemaFormat('setu_case_summary', SuggestionWire);
export const TRANSLATION_RESPONSE_FORMAT = jsonSchemaFormat('setu_translation', TranslationWire);

/** Letters of the Bengali block against Latin letters: a crude reading of a note's language, enough to tell Bangla from English. */
export function scriptLanguage(text: string): Lang | null {
  const bangla = text.match(/[\u0980-\u09FF]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  if (bangla === 0 && latin === 0) return null;
  return bangla >= latin ? 'bn' : 'en';
}

/** The prompt with its language names filled in; every placeholder must be there, or the prompt file is wrong. */
export function fillPrompt(template: string, values: Record<string, string>): string {
  let out = template;
  for (const [name, value] of Object.entries(values)) {
    const mark = `{{${name}}}`;
    if (!out.includes(mark)) throw new Error(`the prompt lacks ${mark}`);
    out = out.split(mark).join(value);
  }
  return out;
}

/** Text for a Bangla reader mostly in Latin letters (or the other way round) is not in their language. */
const inWrongScript = (text: string, lang: Lang): boolean => {
  const script = scriptLanguage(text);
  return script !== null && script !== lang;
};

const clean = (s: string): string => s.replace(/\r\n?/g, '\n').trim();

/** Two short lines at most (blank lines dropped), or null: more is not what was asked for. */
function summaryOf(text: string): string | null {
  const lines = clean(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const summary = lines.join('\n');
  if (lines.length === 0 || lines.length > MAX_SUMMARY_LINES || summary.length > MAX_SUMMARY_CHARS) return null;
  return summary;
}

/**
 * The case assistant over a chat-completions model: structured output from
 * a zod schema, checked again here (anything else is null), a timeout, a
 * circuit breaker and a daily budget of its own; phone numbers, NIDs and
 * tracking numbers masked before the text leaves. The model is sent the
 * system prompt and one text — the citizen's words, or the officer's note —
 * and nothing else of the case; it has no tools. Logs carry the outcome,
 * latency and tokens, never the words.
 *
 * @example const assistant = createCaseAssistant({ client, model: 'gpt-4o-mini', prompts, log }); await assistant.translate('Your name is on the list.', 'en', 'bn')
 */
export function createCaseAssistant(opts: CaseAssistantOptions): CaseAssistant {
  const timeoutMs = opts.timeoutMs ?? 4000;
  const now = opts.now ?? Date.now;
  const dailyCalls = opts.dailyCalls ?? 2000;
  const breaker = createCircuitBreaker({ ...opts.breaker, now });
  const budget = createDailyBudget(dailyCalls, now);
  const log = opts.log.child({ component: 'case_assistant', model: opts.model });
  // A prompt file without its placeholders is refused at start, not at the first case.
  fillPrompt(opts.prompts.summarise, { officer_language: '', citizen_language: '' });
  fillPrompt(opts.prompts.translate, { from_language: '', to_language: '' });

  const ask = async (task: 'summary' | 'translation', system: string, text: string, format: typeof SUMMARY_RESPONSE_FORMAT | typeof TRANSLATION_RESPONSE_FORMAT): Promise<unknown> => {
    // Masked before it is cut, so that no number is cut in two and half of it sent in clear.
    const outgoing = maskPersonalNumbers(text).text.slice(0, MAX_TEXT);
    const spend = budget.take();
    if (!spend.ok) {
      if (spend.firstRefusal) log.warn({ task, outcome: 'over_budget', dailyCalls }, 'daily model calls of the case assistant used up until midnight (Dhaka)');
      return null;
    }
    if (!breaker.allow()) {
      budget.refund();
      log.debug({ task, outcome: 'breaker_open' }, 'case assistant skipped while the model is failing');
      return null;
    }
    const call = await callForJson(
      { client: opts.client, model: opts.model, timeoutMs, breaker },
      { system, user: outgoing, format, maxCompletionTokens: MAX_COMPLETION_TOKENS, maxContentChars: MAX_CONTENT_CHARS },
    );
    if ('failure' in call) {
      log.warn({ task, ...call.failure, ms: call.ms, breaker: breaker.state() }, 'case assistant call failed');
      return null;
    }
    if (!call.ok) {
      log.warn({ task, outcome: call.outcome, ms: call.ms, ...call.tokens }, 'case assistant answer unusable');
      return null;
    }
    log.info({ task, outcome: 'answered', ms: call.ms, ...call.tokens }, 'case assistant');
    return call.json;
  };

  const invalid = (task: 'summary' | 'translation'): null => {
    log.warn({ task, outcome: 'invalid' }, 'case assistant answer off the schema; nothing kept');
    return null;
  };

  return {
    model: opts.model,

    async summarise(description, caseLanguage, officerLanguage) {
      const text = clean(description);
      if (text === '') return null;
      const system = fillPrompt(opts.prompts.summarise, { officer_language: LANGUAGE_NAME[officerLanguage], citizen_language: LANGUAGE_NAME[caseLanguage] });
      const json = await ask('summary', system, text, SUMMARY_RESPONSE_FORMAT);
      if (json === null) return null;
      const parsed = SuggestionWire.safeParse(json);
      if (!parsed.success) return invalid('summary');
      const summary = summaryOf(parsed.data.summary);
      if (summary === null) return invalid('summary');
      const translated = parsed.data.translation === null ? '' : clean(parsed.data.translation);
      if (translated.length > maxTranslation(text) || inWrongScript(summary, officerLanguage)) return invalid('summary');
      // Same language: nothing to translate, whatever the model sent.
      const translation = caseLanguage === officerLanguage || translated === '' ? null : translated;
      if (translation !== null && inWrongScript(translation, officerLanguage)) return invalid('summary');
      return { summary, category: parsed.data.category, urgent: parsed.data.urgent, translation };
    },

    async translate(text, from, to) {
      const source = clean(text);
      if (source === '' || from === to) return null;
      const system = fillPrompt(opts.prompts.translate, { from_language: LANGUAGE_NAME[from], to_language: LANGUAGE_NAME[to] });
      const json = await ask('translation', system, source, TRANSLATION_RESPONSE_FORMAT);
      if (json === null) return null;
      const parsed = TranslationWire.safeParse(json);
      if (!parsed.success) return invalid('translation');
      const translation = clean(parsed.data.translation);
      if (translation === '' || translation.length > maxTranslation(source)) return invalid('translation');
      if (inWrongScript(translation, to)) return invalid('translation');
      return translation;
    },
  };
}
