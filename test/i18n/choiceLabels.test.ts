import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Lang, ReplyParams } from '../../src/engine/types.ts';
import { createTranslator } from '../../src/infra/i18n/createTranslator.ts';
import { graphemeCount } from '../../src/infra/i18n/graphemes.ts';
import { flattenKeys, LANGS, loadLocales } from '../../src/infra/i18n/loadLocales.ts';
import { ROOT } from '../support/engineHarness.ts';

/** Messenger cuts quick-reply and button titles past this many graphemes. */
const MAX = 20;
const TIERS = ['union', 'upazila', 'district', 'hq'];
/** Place names: dynamic, so channels fall back to a numbered list when they are too long. */
const DYNAMIC = new Set(['location:place']);

const resources = loadLocales(join(ROOT, 'locales'));
const translator = createTranslator(resources);
const flat: Record<Lang, Map<string, string>> = { bn: flattenKeys(resources.bn), en: flattenKeys(resources.en) };

function engineSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return engineSources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The `key` of every Choice literal (an object with an `id:` then a `key:`) in the engine,
 * as a pattern over locale keys: `${…}` stands for any id (which may itself be dotted, e.g. `ms.deserted`).
 */
function choiceKeyPatterns(): Array<{ source: string; where: string; re: RegExp }> {
  const choiceRe = /\bid:\s*(?:'[^']*'|`[^`]*`|[\w.]+)\s*,\s*key:\s*(['`])([^'`]+)\1/g;
  const out: Array<{ source: string; where: string; re: RegExp }> = [];
  for (const file of engineSources(join(ROOT, 'src', 'engine'))) {
    const where = relative(ROOT, file);
    for (const m of readFileSync(file, 'utf8').matchAll(choiceRe)) {
      const source = m[2] as string;
      const body = source
        .split(/\$\{[^}]*\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'))
        .join('[^:]+');
      out.push({ source, where, re: new RegExp(`^${body}$`) });
    }
  }
  return out;
}

/** Representative params for a label's `{{placeholders}}`; one render per set. */
function paramSets(text: string): ReplyParams[] {
  const names = [...new Set([...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)/g)].map((m) => m[1] as string))];
  if (names.length === 0) return [{}];
  if (names.length === 1 && names[0] === 'tier') return TIERS.map((tier) => ({ tier }));
  throw new Error(`no representative params for {{${names.join('}}, {{')}}} in "${text}": add them to choiceLabels.test.ts`);
}

const patterns = choiceKeyPatterns();
const labelKeys = [...flat.bn.keys()].filter((k) => !k.endsWith('_short') && !DYNAMIC.has(k));
const choiceKeys = [...new Set(patterns.flatMap((p) => labelKeys.filter((k) => p.re.test(k))))].sort();

describe('choice labels', () => {
  it('are found in the engine, and every choice key pattern names a locale key', () => {
    expect(patterns.length).toBeGreaterThan(20);
    const dead = patterns
      .filter((p) => !DYNAMIC.has(p.source))
      .filter((p) => !labelKeys.some((k) => p.re.test(k)))
      .map((p) => `${p.source} (${p.where})`);
    expect(dead).toEqual([]);
  });

  it(`show at most ${MAX} graphemes on Messenger (the _short form when there is one)`, () => {
    const tooLong: string[] = [];
    for (const lang of LANGS) {
      for (const key of choiceKeys) {
        const shown = flat[lang].has(`${key}_short`) ? `${key}_short` : key;
        for (const params of paramSets(flat[lang].get(key) ?? '')) {
          const text = translator.t(shown, lang, params);
          if (graphemeCount(text) > MAX) tooLong.push(`${lang} ${shown} ${JSON.stringify(params)}: "${text}" (${graphemeCount(text)})`);
        }
      }
    }
    expect(tooLong).toEqual([]);
  });

  it(`have _short forms of at most ${MAX} graphemes, never longer than the label`, () => {
    const bad: string[] = [];
    for (const lang of LANGS) {
      const shortKeys = [...flat[lang].keys()].filter((k) => k.endsWith('_short'));
      expect(shortKeys.length).toBeGreaterThan(0);
      for (const shortKey of shortKeys) {
        const key = shortKey.slice(0, -'_short'.length);
        if (!flat[lang].has(key)) {
          bad.push(`${lang} ${shortKey}: no label ${key}`);
          continue;
        }
        for (const params of paramSets(flat[lang].get(key) ?? '')) {
          const short = graphemeCount(translator.t(shortKey, lang, params));
          const long = graphemeCount(translator.t(key, lang, params));
          if (short > MAX || short > long) bad.push(`${lang} ${shortKey} ${JSON.stringify(params)}: ${short} graphemes, label ${long}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('render', () => {
  it('gives a choice its short form when the locale has one, and no short field otherwise', () => {
    const message = translator.render(
      {
        key: 'grievance:ask.category',
        kind: 'question',
        choices: [
          { id: 'cat.exclusion', key: 'grievance:category.exclusion' },
          { id: 'cat.other', key: 'grievance:category.other' },
          { id: 'appeal.1', key: 'status:choice.appeal', params: { tier: 'district' } },
        ],
      },
      'bn',
    );
    expect(message.choices[0]).toEqual({ id: 'cat.exclusion', label: 'যোগ্য হয়েও ভাতার তালিকায় নাম নেই', short: 'তালিকায় নাম নেই' });
    expect(message.choices[1]).toEqual({ id: 'cat.other', label: 'অন্য কিছু' });
    expect(message.choices[1]).not.toHaveProperty('short');
    expect(message.choices[2]?.short).toBe('আপিল করুন');
    expect(message.choices[2]?.label).toContain('জেলা');
  });

  it('renders the short form in English too', () => {
    const [choice] = translator.render({ key: 'menu:prompt', kind: 'question', choices: [{ id: 'menu.report', key: 'menu:choice.report' }] }, 'en').choices;
    expect(choice).toEqual({ id: 'menu.report', label: 'Report someone left out', short: 'Report left-out' });
  });
});
