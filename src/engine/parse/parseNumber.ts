import { matchesWord, normaliseText } from '../../text/normalise.ts';

/*
 * Bangla number words 0-99 are irregular (৬৫ is পঁয়ষট্টি, not "ছয়-পাঁচ"), so
 * they are a table. Spellings people type without chandrabindu or with উ for
 * ঊ are added below rather than listed twice.
 */
const BANGLA_WORDS: readonly string[] = [
  'শূন্য', 'এক', 'দুই', 'তিন', 'চার', 'পাঁচ', 'ছয়', 'সাত', 'আট', 'নয়',
  'দশ', 'এগারো', 'বারো', 'তেরো', 'চৌদ্দ', 'পনেরো', 'ষোলো', 'সতেরো', 'আঠারো', 'উনিশ',
  'বিশ', 'একুশ', 'বাইশ', 'তেইশ', 'চব্বিশ', 'পঁচিশ', 'ছাব্বিশ', 'সাতাশ', 'আটাশ', 'ঊনত্রিশ',
  'ত্রিশ', 'একত্রিশ', 'বত্রিশ', 'তেত্রিশ', 'চৌত্রিশ', 'পঁয়ত্রিশ', 'ছত্রিশ', 'সাঁইত্রিশ', 'আটত্রিশ', 'ঊনচল্লিশ',
  'চল্লিশ', 'একচল্লিশ', 'বিয়াল্লিশ', 'তেতাল্লিশ', 'চুয়াল্লিশ', 'পঁয়তাল্লিশ', 'ছেচল্লিশ', 'সাতচল্লিশ', 'আটচল্লিশ', 'ঊনপঞ্চাশ',
  'পঞ্চাশ', 'একান্ন', 'বাহান্ন', 'তিপ্পান্ন', 'চুয়ান্ন', 'পঞ্চান্ন', 'ছাপ্পান্ন', 'সাতান্ন', 'আটান্ন', 'ঊনষাট',
  'ষাট', 'একষট্টি', 'বাষট্টি', 'তেষট্টি', 'চৌষট্টি', 'পঁয়ষট্টি', 'ছেষট্টি', 'সাতষট্টি', 'আটষট্টি', 'ঊনসত্তর',
  'সত্তর', 'একাত্তর', 'বাহাত্তর', 'তিয়াত্তর', 'চুয়াত্তর', 'পঁচাত্তর', 'ছিয়াত্তর', 'সাতাত্তর', 'আটাত্তর', 'ঊনআশি',
  'আশি', 'একাশি', 'বিরাশি', 'তিরাশি', 'চুরাশি', 'পঁচাশি', 'ছিয়াশি', 'সাতাশি', 'অষ্টআশি', 'ঊননব্বই',
  'নব্বই', 'একানব্বই', 'বিরানব্বই', 'তিরানব্বই', 'চুরানব্বই', 'পঁচানব্বই', 'ছিয়ানব্বই', 'সাতানব্বই', 'আটানব্বই', 'নিরানব্বই',
];

// Other spellings in common use. "বার" (12) is left out: it also means "times".
const BANGLA_VARIANTS: Readonly<Record<string, number>> = {
  শুন্য: 0, দু: 2, এগার: 11, তের: 13, চোদ্দ: 14, পনের: 15, ষোল: 16, সতের: 17, আঠার: 18,
  ঊনিশ: 19, কুড়ি: 20, তিরিশ: 30, অষ্টাশি: 88, আটাশি: 88,
};

const ENGLISH_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const ENGLISH_TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

// Fractions people use with money: "দেড় হাজার" is 1,500, "আড়াই লাখ" 250,000.
const BANGLA_FRACTIONS: Readonly<Record<string, number>> = { দেড়: 1.5, আড়াই: 2.5 };
// Modifiers on the next number: "সাড়ে তিন হাজার" is 3,500, "পৌনে দুই" is 1.75.
const BANGLA_MODIFIERS: Readonly<Record<string, number>> = { সাড়ে: 0.5, সোয়া: 0.25, পৌনে: -0.25 };

interface Multiplier {
  value: number;
  /** "k" or "শো" alone is not a number; "হাজার" alone means one thousand. */
  needsNumber: boolean;
}
const MULTIPLIERS: Readonly<Record<string, Multiplier>> = {
  k: { value: 1e3, needsNumber: true },
  হাজার: { value: 1e3, needsNumber: false },
  thousand: { value: 1e3, needsNumber: false },
  hajar: { value: 1e3, needsNumber: false },
  hazar: { value: 1e3, needsNumber: false },
  hajaar: { value: 1e3, needsNumber: false },
  লাখ: { value: 1e5, needsNumber: false },
  লক্ষ: { value: 1e5, needsNumber: false },
  lakh: { value: 1e5, needsNumber: false },
  lac: { value: 1e5, needsNumber: false },
  lak: { value: 1e5, needsNumber: false },
  lacs: { value: 1e5, needsNumber: false },
  কোটি: { value: 1e7, needsNumber: false },
  crore: { value: 1e7, needsNumber: false },
  koti: { value: 1e7, needsNumber: false },
  million: { value: 1e6, needsNumber: false },
  hundred: { value: 100, needsNumber: false },
  শো: { value: 100, needsNumber: true },
  শ: { value: 100, needsNumber: true },
  শত: { value: 100, needsNumber: true },
};
const HUNDRED_ENDINGS = ['শো', 'শত', 'শ'] as const;

/** A number word may carry a classifier or case ending: "তিনটা", "সত্তরের". */
const NUMBER_WORD_SUFFIXES: readonly string[] = ['টা', 'টি', 'জন', 'ের', 'এর', 'য়ের'].map((x) => x.normalize('NFC'));

const BANGLA_NUMBERS: ReadonlyMap<string, number> = buildBanglaNumbers();

function buildBanglaNumbers(): Map<string, number> {
  const map = new Map<string, number>();
  const add = (word: string, value: number): void => {
    const w = word.normalize('NFC');
    map.set(w, value);
    // Phone keyboards make chandrabindu and dirgho-u awkward; people drop them.
    map.set(w.replaceAll('ঁ', ''), value);
    map.set(w.replaceAll('ঊ', 'উ'), value);
  };
  BANGLA_WORDS.forEach((word, value) => add(word, value));
  for (const [word, value] of Object.entries(BANGLA_VARIANTS)) add(word, value);
  return map;
}

type Token =
  | { kind: 'num'; value: number; tens?: boolean; unit?: boolean }
  | { kind: 'mult'; value: number; needsNumber: boolean }
  | { kind: 'modifier'; add: number }
  | { kind: 'break' };

function numberWord(word: string): Token | null {
  const english = ENGLISH_WORDS[word];
  if (english !== undefined) return { kind: 'num', value: english, unit: english > 0 && english < 10 };
  const tens = ENGLISH_TENS[word];
  if (tens !== undefined) return { kind: 'num', value: tens, tens: true };
  const exact = BANGLA_NUMBERS.get(word);
  if (exact !== undefined) return { kind: 'num', value: exact };
  for (const suffix of NUMBER_WORD_SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const stem = BANGLA_NUMBERS.get(word.slice(0, -suffix.length));
    if (stem !== undefined) return { kind: 'num', value: stem };
  }
  return null;
}

const FRACTION_WORDS: ReadonlyMap<string, number> = new Map(
  Object.entries(BANGLA_FRACTIONS).map(([w, v]) => [w.normalize('NFC'), v]),
);
const MODIFIER_WORDS: ReadonlyMap<string, number> = new Map(
  Object.entries(BANGLA_MODIFIERS).map(([w, v]) => [w.normalize('NFC'), v]),
);
const MULTIPLIER_WORDS: ReadonlyArray<readonly [string, Multiplier]> = Object.entries(MULTIPLIERS).map(
  ([w, m]) => [w.normalize('NFC'), m] as const,
);

/** Reads one word into number tokens; "পাঁচশো" is two: 5 and ×100. */
function wordTokens(word: string): Token[] {
  const modifier = MODIFIER_WORDS.get(word);
  if (modifier !== undefined) return [{ kind: 'modifier', add: modifier }];
  const fraction = FRACTION_WORDS.get(word);
  if (fraction !== undefined) return [{ kind: 'num', value: fraction }];
  const num = numberWord(word);
  if (num) return [num];
  for (const [key, m] of MULTIPLIER_WORDS) {
    if (matchesWord(word, key)) return [{ kind: 'mult', value: m.value, needsNumber: m.needsNumber }];
  }
  for (const ending of HUNDRED_ENDINGS) {
    if (!word.endsWith(ending) || word.length === ending.length) continue;
    const stem = word.slice(0, -ending.length);
    const value = FRACTION_WORDS.get(stem) ?? BANGLA_NUMBERS.get(stem);
    if (value !== undefined) return [{ kind: 'num', value }, { kind: 'mult', value: 100, needsNumber: true }];
  }
  return [{ kind: 'break' }];
}

const WESTERN_GROUPS = /^\d{1,3}(?:,\d{3})+$/;
const INDIAN_GROUPS = /^\d{1,2}(?:,\d{2})+,\d{3}$/;

/** A written number; "65,70" is two numbers, "10,000" and "1,00,000" are one. */
function literalTokens(literal: string): Token[] {
  const negative = /^[-−]/.test(literal);
  const body = literal.replace(/^[-−]/, '');
  const [whole = '', fraction] = body.split('.');
  const sign = negative ? -1 : 1;
  if (!whole.includes(',')) return [{ kind: 'num', value: sign * Number(body) }];
  if (WESTERN_GROUPS.test(whole) || INDIAN_GROUPS.test(whole)) {
    const digits = whole.replaceAll(',', '') + (fraction === undefined ? '' : `.${fraction}`);
    return [{ kind: 'num', value: sign * Number(digits) }];
  }
  // Not a thousands grouping, so a list; each part stands alone.
  return body.split(',').map((part) => ({ kind: 'num', value: Number(part) }));
}

const SCANNER = /(?<literal>(?:(?<=^|\s)[-−])?\d+(?:,\d+)*(?:\.\d+)?)|(?<word>[\p{L}\p{M}]+)|\S/gu;

function scan(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of normaliseText(text).matchAll(SCANNER)) {
    const literal = m.groups?.['literal'];
    const word = m.groups?.['word'];
    if (literal !== undefined) tokens.push(...literalTokens(literal));
    else if (word !== undefined) tokens.push(...wordTokens(word));
    // Lone symbols ("৳", "/-", ",") neither add a number nor separate two.
  }
  return tokens;
}

type RunValue = { kind: 'none' } | { kind: 'value'; value: number } | { kind: 'invalid' };

/**
 * Folds one run of adjacent number tokens into a value: "১ লাখ ২০ হাজার ৫০০"
 * is 120,500. Two bare numbers side by side ("65 70") or multipliers out of
 * order ("হাজার হাজার") are not one number.
 */
function foldRun(run: readonly Token[]): RunValue {
  let total = 0;
  let current: number | null = null;
  let lastMultiplier = Infinity;
  let pendingAdd = 0;
  let previousWasTens = false;
  let sawQuantity = false;
  for (const token of run) {
    switch (token.kind) {
      case 'modifier':
        if (current !== null) return { kind: 'invalid' };
        pendingAdd = token.add;
        break;
      case 'num':
        if (current !== null) {
          // "sixty five": the one case where two number words make one number.
          if (!(previousWasTens && token.unit === true)) return { kind: 'invalid' };
          current += token.value;
          previousWasTens = false;
          break;
        }
        current = token.value + pendingAdd;
        pendingAdd = 0;
        previousWasTens = token.tens === true;
        sawQuantity = true;
        break;
      case 'mult':
        if (current === null && token.needsNumber) return { kind: 'invalid' };
        if (token.value >= lastMultiplier) return { kind: 'invalid' };
        total += (current ?? (1 + pendingAdd)) * token.value;
        current = null;
        pendingAdd = 0;
        lastMultiplier = token.value;
        previousWasTens = false;
        sawQuantity = true;
        break;
      case 'break':
        break;
    }
  }
  if (current !== null) {
    if (current >= lastMultiplier) return { kind: 'invalid' };
    total += current;
  }
  return sawQuantity ? { kind: 'value', value: total } : { kind: 'none' };
}

/**
 * Reads the one number in a short answer, in Bangla or Latin digits, with
 * thousands separators, "k", হাজার/hajar, লাখ/lakh, কোটি/crore, Bangla number
 * words 0-99 (and hundreds: "পাঁচশো"), দেড়/আড়াই/সাড়ে, English words to
 * ninety-nine, and currency marks around it. Returns null when there is no
 * number or more than one ("65 or 70"), because guessing which was meant
 * would put a wrong age or income into someone's eligibility.
 *
 * @example parseNumber('১.৫ লাখ টাকা') // 150000
 * @example parseNumber('৳১৫,০০০/-') // 15000
 * @example parseNumber('পঁয়ষট্টি') // 65
 * @example parseNumber('65 or 70') // null
 */
export function parseNumber(text: string): number | null {
  const values: number[] = [];
  let run: Token[] = [];
  const close = (): boolean => {
    const folded = foldRun(run);
    run = [];
    if (folded.kind === 'invalid') return false;
    if (folded.kind === 'value') values.push(folded.value);
    return true;
  };
  for (const token of scan(text)) {
    if (token.kind !== 'break') {
      run.push(token);
      continue;
    }
    if (!close()) return null;
  }
  if (!close()) return null;
  const [value] = values;
  if (values.length !== 1 || value === undefined || !Number.isFinite(value)) return null;
  // 1.1 × 100000 is 110000.00000000001 in floating point.
  return Math.round(value * 1e6) / 1e6;
}
