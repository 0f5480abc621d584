import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Lang } from '../../engine/types.ts';

export const LANGS: readonly Lang[] = ['bn', 'en'];

const MessagesSchema: z.ZodType<Messages> = z.lazy(() => z.record(z.string(), z.union([z.string(), MessagesSchema])));
export interface Messages {
  [key: string]: string | Messages;
}

/** Every `locales/<lang>/<namespace>.json`, validated; a broken file stops the start. */
export type LocaleResources = Record<Lang, Record<string, Messages>>;

/**
 * Reads all namespaces for both languages.
 * @example loadLocales('locales').bn.common.welcome
 */
export function loadLocales(dir: string): LocaleResources {
  const out: LocaleResources = { bn: {}, en: {} };
  for (const lang of LANGS) {
    const langDir = join(dir, lang);
    for (const file of readdirSync(langDir).filter((f) => f.endsWith('.json')).sort()) {
      const raw: unknown = JSON.parse(readFileSync(join(langDir, file), 'utf8'));
      const parsed = MessagesSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`locales/${lang}/${file}: ${parsed.error.message}`);
      out[lang][file.replace(/\.json$/, '')] = parsed.data;
    }
  }
  return out;
}

/** Flattens to `namespace:dotted.key` → text, the form replies use. */
export function flattenKeys(resources: Record<string, Messages>): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (ns: string, node: Messages, prefix: string): void => {
    for (const [k, v] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') out.set(`${ns}:${key}`, v);
      else walk(ns, v, key);
    }
  };
  for (const [ns, node] of Object.entries(resources)) walk(ns, node, '');
  return out;
}
