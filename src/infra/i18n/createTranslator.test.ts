import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../db/url.ts';
import { createTranslator } from './createTranslator.ts';
import { flattenKeys, loadLocales } from './loadLocales.ts';

const resources = loadLocales(join(PROJECT_ROOT, 'locales'));

describe('the translator', () => {
  it('gives every text of both languages exactly as i18next renders it, those taken straight from the locale included', () => {
    const translator = createTranslator(resources);
    const reference = i18next.createInstance();
    void reference.init({ lng: 'bn', fallbackLng: false, initAsync: false, resources, ns: Object.keys(resources.bn), defaultNS: 'common', returnNull: false, interpolation: { escapeValue: false } });
    const params = { n: 3, name: 'আমিনা', number: '482173908', amount: '৬৫০', place: 'ধামরাই' };
    let compared = 0;
    for (const lang of ['bn', 'en'] as const) {
      for (const key of flattenKeys(resources[lang]).keys()) {
        // Tracking numbers have a formatter of Setu's own: those texts are held to it elsewhere.
        if (flattenKeys(resources[lang]).get(key)?.includes(', tracking')) continue;
        expect(translator.t(key, lang), key).toBe(reference.t(key, { lng: lang }));
        expect(translator.t(key, lang, params), key).toBe(reference.t(key, { ...params, lng: lang }));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('still fills in a text with a value in it', () => {
    const translator = createTranslator(resources);
    const withValue = [...flattenKeys(resources.en)].find(([, v]) => v.includes('{{name}}'));
    expect(withValue).toBeDefined();
    const [key] = withValue as [string, string];
    expect(translator.t(key, 'en', { name: 'Amina Begum' })).toContain('Amina Begum');
  });
});
