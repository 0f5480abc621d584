/**
 * `npx tsx bench/longInput.ts [letters]`: how long the parsers take on one
 * very long answer (Bangla letters, Latin letters, digits, punctuation runs,
 * repeated words), so a regression to super-linear work shows as a number.
 */
import { searchPlaces } from '../src/domain/geo/index.ts';
import { detectUrgency } from '../src/domain/cases/urgency.ts';
import { normaliseText } from '../src/text/normalise.ts';
import { parseAge } from '../src/engine/parse/parseAge.ts';
import { parseIncome } from '../src/engine/parse/parseIncome.ts';
import { parseNumber } from '../src/engine/parse/parseNumber.ts';
import { parseYesNo } from '../src/engine/parse/parseYesNo.ts';
import { createRulesUnderstander } from '../src/infra/llm/rulesUnderstander.ts';

const n = Number(process.argv[2] ?? 32_000);
const understander = createRulesUnderstander();
const inputs: Record<string, string> = {
  bangla: 'ক'.repeat(n),
  latin: 'a'.repeat(n),
  digits: '১'.repeat(n),
  marks: `${'?'.repeat(n)}a`,
  words: 'হ্যাঁ '.repeat(Math.ceil(n / 6)),
  months: 'মাস'.repeat(Math.ceil(n / 3)),
};
const parsers: Record<string, (s: string) => unknown> = {
  normaliseText,
  parseAge,
  parseNumber,
  parseIncome,
  parseYesNo,
  understand: (s) => understander.understand(s),
  urgency: (s) => detectUrgency({ text: s }),
  searchPlaces: (s) => searchPlaces(s, { levels: ['union', 'upazila'], limit: 4 }),
};
searchPlaces('kaunia'); // the index is built once, not timed
process.stdout.write(`${n} characters each, milliseconds\n${'parser'.padEnd(14)}${Object.keys(inputs).map((k) => k.padStart(8)).join('')}\n`);
for (const [name, parse] of Object.entries(parsers)) {
  const cells = Object.values(inputs).map((text) => {
    const t = performance.now();
    parse(text);
    return (performance.now() - t).toFixed(0).padStart(8);
  });
  process.stdout.write(`${name.padEnd(14)}${cells.join('')}\n`);
}
