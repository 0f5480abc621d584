import { findPhrase, tokenise } from '../../text/normalise.ts';
import { parseNumber } from './parseNumber.ts';

/**
 * An income in taka, and the period it was given for when the words say so.
 *
 * @example { ok: true, amount: 3000, period: 'month' } // "মাসে ৩০০০"
 */
export type IncomePeriod = 'day' | 'month' | 'year';
export type IncomeResult = { ok: true; amount: number; period: IncomePeriod | null } | { ok: false };

const MONTH_WORDS: readonly string[] = [
  'মাস', 'মাসে', 'মাসিক', 'মাসের', 'মাসপ্রতি', 'প্রতিমাসে',
  'month', 'months', 'monthly', 'mo', 'pm',
  'mash', 'mashe', 'mase', 'maase', 'masik', 'mashik', 'maser', 'masher',
];
const YEAR_WORDS: readonly string[] = [
  'বছর', 'বছরে', 'বছরের', 'বাৎসরিক', 'বার্ষিক', 'বছরপ্রতি', 'প্রতিবছর',
  'year', 'years', 'yearly', 'annual', 'annually', 'yr',
  'bochor', 'bochore', 'bochhore', 'bosor', 'bosore', 'boshore', 'bachor', 'bachore', 'barshik', 'batsorik',
];

/** Day labourers say what a day's work pays ("দিনে ৩০০", "রোজ ৪০০"). */
const DAY_WORDS: readonly string[] = [
  'দিনে', 'দৈনিক', 'রোজ', 'প্রতিদিন', 'দিনপ্রতি', 'হাজিরা',
  'day', 'daily', 'days', 'pd',
  'dine', 'dineh', 'roj', 'roz', 'doinik', 'hajira',
];

/*
 * A reply that says there is no income. Every word must come from ZERO_WORDS
 * so that "জানি না" (I don't know) is not read as nothing; and a bare "না"/"no"
 * is not enough, since it may be a refusal rather than an amount.
 */
const ZERO_WORDS: ReadonlySet<string> = new Set(
  [
    'কোনো', 'কোন', 'কোনও', 'আয়', 'রোজগার', 'ইনকাম', 'উপার্জন', 'কিছু', 'কিছুই', 'টাকা', 'আমার', 'তার', 'ওনার', 'উনার', 'এখন',
    'নেই', 'নাই', 'না', 'শূন্য', 'হয়', 'করি', 'করেন', 'করে',
    'no', 'income', 'earning', 'earnings', 'nothing', 'none', 'zero', 'nil', 'i', 'have', 'has', 'he', 'she', 'my', 'there', 'is', 'at', 'all',
    'kono', 'kichu', 'kisu', 'ay', 'aay', 'rojgar', 'taka', 'amar', 'nai', 'nei', 'na', 'hoy',
  ].map((x) => x.normalize('NFC')),
);
const FIRM_NONE: ReadonlySet<string> = new Set(
  ['নেই', 'নাই', 'শূন্য', 'nothing', 'none', 'zero', 'nil', 'nai', 'nei'].map((x) => x.normalize('NFC')),
);
const SOFT_NONE: ReadonlySet<string> = new Set(['না', 'no', 'na'].map((x) => x.normalize('NFC')));
const NONE_CONTENT: ReadonlySet<string> = new Set(
  ['কিছু', 'কিছুই', 'আয়', 'রোজগার', 'ইনকাম', 'উপার্জন', 'income', 'earning', 'earnings', 'kichu', 'kisu', 'ay', 'aay', 'rojgar'].map((x) =>
    x.normalize('NFC'),
  ),
);

// Above this it is a phone or ID number typed in the wrong place, not a household income.
const MAX_AMOUNT = 1e9;

/**
 * Reads a household income in taka, with its period when the reply names one
 * ("মাসে ৫০০০", "6000 a year", "15000/month", "১.৫ লাখ বাৎসরিক"). "নেই",
 * "কিছু না", "no income" and the like are 0. When neither or both periods are
 * named, period is null and the caller asks which was meant. A day's wage
 * ("দিনে ৩০০") comes back as period 'day'.
 *
 * @example parseIncome('মাসে ৫০০ টাকা') // { ok: true, amount: 500, period: 'month' }
 * @example parseIncome('কোনো আয় নেই') // { ok: true, amount: 0, period: null }
 * @example parseIncome('জানি না') // { ok: false }
 */
export function parseIncome(text: string): IncomeResult {
  const amount = parseNumber(text);
  if (amount === null) return saysNone(text) ? { ok: true, amount: 0, period: null } : { ok: false };
  if (amount < 0 || amount > MAX_AMOUNT) return { ok: false };
  return { ok: true, amount, period: periodOf(text) };
}

function saysNone(text: string): boolean {
  const tokens = tokenise(text);
  if (tokens.length === 0 || !tokens.every((t) => ZERO_WORDS.has(t))) return false;
  if (tokens.some((t) => FIRM_NONE.has(t))) return true;
  return tokens.some((t) => SOFT_NONE.has(t)) && tokens.some((t) => NONE_CONTENT.has(t));
}

function periodOf(text: string): IncomePeriod | null {
  const tokens = tokenise(text);
  const names = (words: readonly string[]): boolean => words.some((w) => findPhrase(tokens, [w.normalize('NFC')]).length > 0);
  const named: IncomePeriod[] = [];
  if (names(DAY_WORDS)) named.push('day');
  if (names(MONTH_WORDS)) named.push('month');
  if (names(YEAR_WORDS)) named.push('year');
  // "মাসে ... বছরে" names two; better to ask than to guess a twelvefold error.
  return named.length === 1 ? (named[0] ?? null) : null;
}
