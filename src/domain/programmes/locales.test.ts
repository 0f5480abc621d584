import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue.ts';
import { evaluateEligibility, type VerdictStatus } from './evaluate.ts';
import { amountMessages, disagreementMessage, programmeInfo, reasonMessage, statusKey, type Message } from './info.ts';
import { EducationLevelSchema } from './profile.ts';
import { disagreementKey, REASON_CODES, reasonKey } from './reasons.ts';
import { DisagreementCodeSchema, ProgrammeIdSchema } from './schema.ts';
import { randomProfiles } from './testProfiles.ts';

type Tree = { [key: string]: string | Tree };
const LANGS = ['bn', 'en'] as const;

function load(lang: (typeof LANGS)[number]): Tree {
  const url = new URL(`../../../locales/${lang}/programmes.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Tree;
}
function flatten(tree: Tree, prefix = 'programmes:'): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const trees = { bn: load('bn'), en: load('en') };
const texts = { bn: flatten(trees.bn), en: flatten(trees.en) };
const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);

/** Every key the programme code and catalogue can produce. */
function producedKeys(): string[] {
  const keys = new Set<string>();
  for (const code of REASON_CODES) keys.add(reasonKey(code));
  for (const code of DisagreementCodeSchema.options) keys.add(disagreementKey(code));
  for (const status of ['likely_eligible', 'not_eligible', 'cannot_tell'] as VerdictStatus[]) keys.add(statusKey(status));
  for (const id of ProgrammeIdSchema.options) {
    const info = programmeInfo(id);
    for (const k of [info.name, info.shortName, ...info.documents, ...info.apply, ...info.priority, ...info.decision]) keys.add(k);
  }
  for (const m of everyAmountMessage()) keys.add(m.key);
  return [...keys];
}

/** Amount lines for every programme, fiscal year and education level (and none). */
function everyAmountMessage(): Message[] {
  const out: Message[] = [];
  const levels = [undefined, ...EducationLevelSchema.options];
  for (const fiscalYear of catalogue.fiscalYears) {
    for (const educationLevel of levels) {
      const profile = educationLevel ? { educationLevel } : {};
      for (const v of evaluateEligibility(profile, catalogue, { fiscalYear })) out.push(...amountMessages(v.amount));
    }
  }
  return out;
}

describe('programmes locale files', () => {
  it('have exactly the same keys in Bangla and English', () => {
    expect([...texts.bn.keys()].sort()).toEqual([...texts.en.keys()].sort());
  });

  it('use the same placeholders in both languages', () => {
    const differing = [...texts.bn].filter(
      ([k, v]) => JSON.stringify(placeholders(v).sort()) !== JSON.stringify(placeholders(texts.en.get(k) ?? '').sort()),
    );
    expect(differing.map(([k]) => k)).toEqual([]);
  });

  it.each(LANGS)('contain every reason, disagreement, status, info and amount key the code can produce (%s)', (lang) => {
    const missing = producedKeys().filter((k) => !texts[lang].has(k));
    expect(missing).toEqual([]);
  });

  it('have no reason or disagreement texts the code cannot produce', () => {
    const produced = new Set(producedKeys());
    const dead = [...texts.bn.keys()].filter(
      (k) => (k.startsWith('programmes:reason.') || k.startsWith('programmes:disagreement.')) && !produced.has(k),
    );
    expect(dead).toEqual([]);
  });

  it('write Bangla in Bangla (every Bangla text has Bengali script)', () => {
    const notBangla = [...texts.bn].filter(([, v]) => !/[\u0980-\u09FF]/.test(v)).map(([k]) => k);
    // Only bare web addresses may stay in Latin letters.
    expect(notBangla).toEqual([]);
  });

  describe('render with the params the code gives (no {{…}} left, Bangla digits in Bangla)', () => {
    const instance = i18next.createInstance();
    void instance.init({
      lng: 'bn',
      fallbackLng: false,
      initAsync: false,
      resources: { bn: { programmes: trees.bn }, en: { programmes: trees.en } },
      ns: ['programmes'],
      interpolation: { escapeValue: false },
    });
    const messages: Message[] = [
      ...everyAmountMessage(),
      ...DisagreementCodeSchema.options.map((c) => disagreementMessage(c)),
      ...randomProfiles(400, 11).flatMap((p) =>
        catalogue.fiscalYears.flatMap((fiscalYear) =>
          evaluateEligibility(p, catalogue, { fiscalYear }).flatMap((v) => v.reasons.map(reasonMessage)),
        ),
      ),
    ];

    it.each(LANGS)('%s', (lang) => {
      const broken: string[] = [];
      for (const m of messages) {
        const text = instance.t(m.key, { ...m.params, lng: lang });
        if (text === m.key || /\{\{|\}\}/.test(text)) broken.push(`${m.key}: ${text}`);
        if (lang === 'bn' && /[0-9]/.test(text.replace(/[A-Za-z0-9.\-/]*\.[a-z]{2,}[A-Za-z0-9./-]*/g, ''))) {
          broken.push(`${m.key}: ASCII digits in Bangla: ${text}`);
        }
      }
      expect(broken).toEqual([]);
      expect(new Set(messages.map((m) => m.key)).size).toBeGreaterThan(30);
    });

    it('formats an amount line naturally', () => {
      const [line] = amountMessages({
        kind: 'monthly',
        taka: 650,
        fiscalYear: '2025-26',
        proposed: true,
        inferred: false,
        sources: ['x'],
      });
      if (!line) throw new Error('no line');
      expect(instance.t(line.key, { ...line.params, lng: 'bn' })).toBe('মাসে ৬৫০ টাকা (২০২৫-২৬ অর্থবছর)।');
      expect(instance.t(line.key, { ...line.params, lng: 'en' })).toBe('Tk 650 a month (FY2025-26).');
    });
  });
});
