import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenKeys, loadLocales } from '../../src/infra/i18n/loadLocales.ts';
import { ROOT } from '../support/engineHarness.ts';

const resources = loadLocales(join(ROOT, 'locales'));
const bn = flattenKeys(resources.bn);
const en = flattenKeys(resources.en);
const namespaces = Object.keys(resources.bn);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path) ? [path] : [];
  });
}

/** Every 'ns:key' literal in the code, and every `ns:prefix.${…}` template's fixed prefix. */
function keysUsedInCode(): { exact: Array<[string, string]>; prefixes: Array<[string, string]> } {
  const ns = namespaces.join('|');
  const exactRe = new RegExp(`['"\`]((?:${ns}):[A-Za-z0-9_.]+)['"\`]`, 'g');
  const prefixRe = new RegExp(`\`((?:${ns}):[A-Za-z0-9_.]*)\\$\\{`, 'g');
  const exact: Array<[string, string]> = [];
  const prefixes: Array<[string, string]> = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const where = relative(ROOT, file);
    for (const m of text.matchAll(exactRe)) {
      const key = m[1] as string;
      // 'ns:some.prefix.' names a family of keys, not one key.
      (key.endsWith('.') ? prefixes : exact).push([key, where]);
    }
    for (const m of text.matchAll(prefixRe)) prefixes.push([m[1] as string, where]);
  }
  return { exact, prefixes };
}

describe('locales', () => {
  it('have the same namespaces in Bangla and English', () => {
    expect(Object.keys(resources.en).sort()).toEqual(namespaces.sort());
  });

  it('have every English key in Bangla', () => {
    expect([...en.keys()].filter((k) => !bn.has(k))).toEqual([]);
  });

  it('have every Bangla key in English', () => {
    expect([...bn.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it('have no empty text', () => {
    const empty = [...bn, ...en].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('use the same {{placeholders}} in both languages', () => {
    // {{bn}} and {{en}} are a place's name in each language: each locale picks its own.
    const names = (s: string): string[] =>
      [...s.matchAll(/\{\{\s*([A-Za-z0-9_]+)/g)].map((m) => m[1] as string).filter((n) => n !== 'bn' && n !== 'en').sort();
    const differing = [...bn].filter(([k, v]) => JSON.stringify(names(v)) !== JSON.stringify(names(en.get(k) ?? '')));
    expect(differing.map(([k]) => k)).toEqual([]);
  });

  it('contain every key the code uses, in both languages', () => {
    const { exact, prefixes } = keysUsedInCode();
    expect(exact.length).toBeGreaterThan(20);
    const missing = exact.filter(([k]) => !bn.has(k) || !en.has(k)).map(([k, f]) => `${k} (${f})`);
    expect(missing).toEqual([]);
    const deadPrefixes = prefixes
      .filter(([p]) => ![...bn.keys()].some((k) => k.startsWith(p)) || ![...en.keys()].some((k) => k.startsWith(p)))
      .map(([p, f]) => `${p}… (${f})`);
    expect(deadPrefixes).toEqual([]);
  });
});
