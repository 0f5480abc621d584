/**
 * `npm run eval:nlu [-- --help]`: how well free text is understood, on the
 * labelled messages in eval/nlu/messages.jsonl. Prints intent accuracy
 * (overall and per intent), per-fact precision, recall and F1, language
 * accuracy, tracking numbers found, and the worst misses, for the rules
 * alone; then for rules + model when OPENAI_API_KEY or OPENAI_BASE_URL is set.
 *
 * How the set is labelled (by what the text says, not by what any reader finds):
 * - subject/relation: 'self' when the writer speaks of themself (আমি/আমার/I/my);
 *   the relative's word otherwise; 'relative' for uncles, aunts, in-laws;
 *   'other' for a stranger ("এক বিধবা মহিলা"); no relation for a bare pronoun.
 * - sex: said, or implied by the relation, a widow word or the spouse named.
 * - age: only an exact age of the subject; "প্রায় ৭০", "৯০ এর কাছাকাছি" have none.
 * - maritalStatus: a living spouse mentioned → married; dead or "নাই" → widowed;
 *   left, divorced → deserted. Asking about the widow allowance states nothing;
 *   receiving it now ("বিধবা ভাতা পান") states widowed.
 * - income: the subject's own; otherIncomes: the writer's, the household's.
 *   "No income" is { 0, month, subject }; an unstated period is a month.
 * - receivesOtherAllowance: receiving an allowance now, or none at all; not
 *   receiving the money for some months is a payment complaint and states nothing.
 * - A programme's name ("প্রতিবন্ধী ভাতা") states no fact about anyone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { IntentSchema } from '../src/engine/session.ts';
import { StatedFactsSchema, type StatedFacts, type Understander, type Understanding } from '../src/engine/understanding.ts';
import { createRulesUnderstander } from '../src/infra/llm/rulesUnderstander.ts';

export const EVAL_FILE = join(import.meta.dirname, '..', 'eval', 'nlu', 'messages.jsonl');

export const EvalLineSchema = z
  .object({
    text: z.string().min(1),
    intent: IntentSchema.nullable(),
    facts: StatedFactsSchema.strict(),
    trackingNumber: z.string().regex(/^\d{9}$/).optional(),
    language: z.enum(['bn', 'en']),
  })
  .strict();
export type EvalLine = z.infer<typeof EvalLineSchema>;

export const FACT_KEYS = Object.keys(StatedFactsSchema.shape) as ReadonlyArray<keyof StatedFacts>;
/** A story states at least this many facts besides who it is about. */
export const STORY_FACTS = 3;

/** Reads and checks the evaluation set; throws naming the first bad line. */
export function loadEvalSet(file: string = EVAL_FILE): EvalLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      const parsed = EvalLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${n}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export const isStory = (line: EvalLine): boolean =>
  Object.keys(line.facts).filter((k) => k !== 'subject' && k !== 'relation').length >= STORY_FACTS;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface FactScore extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  text: string;
  errors: string[];
}

export interface Report {
  n: number;
  intentAccuracy: number;
  perIntent: Record<string, { n: number; correct: number; accuracy: number }>;
  facts: Record<string, FactScore>;
  factsOverall: FactScore;
  languageAccuracy: number;
  trackingAccuracy: number;
  misses: Miss[];
}

/** Incomes are equal when amount, period and whose are; a list of them, in any order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = (x: unknown): string => JSON.stringify(x, Object.keys((x ?? {}) as object).sort());
    return a.length === b.length && [...a].map(key).sort().join('|') === [...b].map(key).sort().join('|');
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.join() === kb.join() && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

const score = ({ tp, fp, fn }: Counts): FactScore => {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
};

const show = (v: unknown): string => (v === undefined ? '–' : JSON.stringify(v));

/** Runs an understander over the set and scores it. */
export async function evaluate(lines: readonly EvalLine[], understander: Understander): Promise<Report> {
  const counts = new Map<string, Counts>(FACT_KEYS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  const perIntent: Report['perIntent'] = {};
  let intentsRight = 0;
  let languageRight = 0;
  let trackingRight = 0;
  const misses: Array<Miss & { weight: number }> = [];
  for (const line of lines) {
    const got: Understanding = await understander.understand(line.text);
    const errors: string[] = [];
    let weight = 0;
    const label = String(line.intent);
    const bucket = (perIntent[label] ??= { n: 0, correct: 0, accuracy: 0 });
    bucket.n += 1;
    if (got.intent === line.intent) {
      intentsRight += 1;
      bucket.correct += 1;
    } else {
      errors.push(`intent ${show(line.intent)}→${show(got.intent)}`);
      weight += 2;
    }
    const facts: StatedFacts = got.facts ?? {};
    for (const key of FACT_KEYS) {
      const want = line.facts[key];
      const have = facts[key];
      const c = counts.get(key);
      if (c === undefined || (want === undefined && have === undefined)) continue;
      if (want !== undefined && have !== undefined && sameValue(want, have)) {
        c.tp += 1;
        continue;
      }
      if (have !== undefined) c.fp += 1;
      if (want !== undefined) c.fn += 1;
      errors.push(`${key} ${show(want)}→${show(have)}`);
      weight += 1;
    }
    if (got.language === line.language) languageRight += 1;
    else {
      errors.push(`language ${line.language}→${show(got.language)}`);
      weight += 1;
    }
    if (got.trackingNumber === line.trackingNumber) trackingRight += 1;
    else {
      errors.push(`trackingNumber ${show(line.trackingNumber)}→${show(got.trackingNumber)}`);
      weight += 1;
    }
    if (errors.length > 0) misses.push({ text: line.text, errors, weight });
  }
  for (const b of Object.values(perIntent)) b.accuracy = b.correct / b.n;
  const facts: Record<string, FactScore> = {};
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const [k, c] of counts) {
    facts[k] = score(c);
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  const n = lines.length;
  return {
    n,
    intentAccuracy: intentsRight / n,
    perIntent,
    facts,
    factsOverall: score(total),
    languageAccuracy: languageRight / n,
    trackingAccuracy: trackingRight / n,
    misses: misses.sort((a, b) => b.weight - a.weight).map(({ text, errors }) => ({ text, errors })),
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const cut = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** The report as text, for the terminal. */
export function formatReport(title: string, r: Report, worst = 15): string {
  const out: string[] = [`== ${title}: ${r.n} messages`, `intent accuracy  ${pct(r.intentAccuracy)}`];
  for (const [intent, b] of Object.entries(r.perIntent).sort((a, b) => b[1].n - a[1].n)) {
    out.push(`  ${intent.padEnd(12)} ${String(b.correct).padStart(4)}/${String(b.n).padEnd(4)} ${pct(b.accuracy)}`);
  }
  out.push(`facts (micro)    P ${pct(r.factsOverall.precision)}  R ${pct(r.factsOverall.recall)}  F1 ${pct(r.factsOverall.f1)}`);
  out.push(`  ${'fact'.padEnd(24)} ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)}  ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}`);
  for (const [k, s] of Object.entries(r.facts)) {
    if (s.tp + s.fp + s.fn === 0) continue;
    out.push(`  ${k.padEnd(24)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${pct(s.precision).padStart(6)} ${pct(s.recall).padStart(6)} ${pct(s.f1).padStart(6)}`);
  }
  out.push(`language accuracy ${pct(r.languageAccuracy)}`, `tracking numbers  ${pct(r.trackingAccuracy)}`);
  out.push(`worst misses (${Math.min(worst, r.misses.length)} of ${r.misses.length}):`);
  for (const m of r.misses.slice(0, worst)) out.push(`  ${cut(m.text, 60)}\n      ${m.errors.join('; ')}`);
  return out.join('\n');
}

/*
 * ---- Hook: rules + model. ---------------------------------------------
 * When OPENAI_API_KEY or OPENAI_BASE_URL is set and src/infra/llm/fromEnv.ts
 * is there, the same set is run through the model understander it builds
 * (createModelUnderstander over the rules). Imported only then, so the
 * rules-only run needs neither the SDK nor a network.
 */
async function modelUnderstander(): Promise<Understander | string> {
  const env = process.env;
  if (env['OPENAI_API_KEY'] === undefined && env['OPENAI_BASE_URL'] === undefined) return 'model: not configured (set OPENAI_API_KEY or OPENAI_BASE_URL)';
  if (!existsSync(join(import.meta.dirname, '..', 'src', 'infra', 'llm', 'fromEnv.ts'))) return 'model: not configured (src/infra/llm/fromEnv.ts is missing)';
  const { languageModelsFromEnv } = await import('../src/infra/llm/fromEnv.ts');
  const { createLogger } = await import('../src/infra/log/logger.ts');
  const number = (v: string | undefined, fallback: number): number => (v !== undefined && Number.isFinite(Number(v)) ? Number(v) : fallback);
  const { understander } = languageModelsFromEnv(
    {
      OPENAI_API_KEY: env['OPENAI_API_KEY'],
      OPENAI_BASE_URL: env['OPENAI_BASE_URL'],
      OPENAI_MODEL: env['OPENAI_MODEL'] ?? 'gpt-4o-mini',
      OPENAI_TIMEOUT_MS: number(env['OPENAI_TIMEOUT_MS'], 15_000),
      // Every message of the set once, whatever the daily budget in production.
      OPENAI_DAILY_CALLS: number(env['OPENAI_DAILY_CALLS'], 100_000),
    },
    createLogger('silent'),
  );
  return understander;
}

const HELP = `Usage: npm run eval:nlu [-- --file F] [-- --help]

Scores the rules understander on ${'eval/nlu/messages.jsonl'} (or the JSON
lines file F in the same format, e.g. a batch written blind, scored before
any rule is changed for it): intent accuracy
(overall, per intent), per-fact precision/recall/F1 (a fact is right when
equal; an income when amount, period and whose are), language accuracy, and
the worst misses. With OPENAI_API_KEY or OPENAI_BASE_URL set (and OPENAI_MODEL,
OPENAI_TIMEOUT_MS as for the app), also rules + model. Always exits 0.`;

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const at = argv.indexOf('--file');
  const file = at >= 0 ? argv[at + 1] : undefined;
  if (at >= 0 && file === undefined) throw new Error('--file needs a path');
  const lines = loadEvalSet(file);
  const stories = lines.filter(isStory).length;
  process.stdout.write(`${file ?? EVAL_FILE}: ${lines.length} messages, ${stories} stories of ${STORY_FACTS}+ facts\n\n`);
  process.stdout.write(`${formatReport('rules', await evaluate(lines, createRulesUnderstander()))}\n\n`);
  const model = await modelUnderstander();
  if (typeof model === 'string') process.stdout.write(`${model}\n`);
  else process.stdout.write(`${formatReport('rules + model', await evaluate(lines, model))}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    // The brief: the evaluation reports, it does not fail a build.
    process.stdout.write(`eval:nlu failed: ${e instanceof Error ? e.message : String(e)}\n`);
  });
}
