import { formatTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import i18next, { type i18n } from 'i18next';
import type { Choice, Lang, Reply, ReplyParams } from '../../engine/types.ts';
import { flattenKeys, type LocaleResources } from './loadLocales.ts';

export interface RenderedChoice {
  id: string;
  label: string;
  /** A form of at most 20 graphemes, for platforms that cut longer button titles (Messenger). */
  short?: string;
}

/** A reply in words: what a channel adapter sends. */
export interface RenderedMessage {
  key: string;
  lang: Lang;
  params?: ReplyParams;
  text: string;
  choices: RenderedChoice[];
  /** What the reply is (a question, a result…), for channels that present them differently. */
  kind?: Reply['kind'];
  /** Set when delivery sent several messages as one: the keys of every part, in order. */
  joined?: string[];
}

export interface Translator {
  t(key: string, lang: Lang, params?: ReplyParams): string;
  has(key: string, lang: Lang): boolean;
  render(reply: Reply, lang: Lang): RenderedMessage;
  /** A choice's label in every language, for matching what a user types. */
  labels(choice: Choice): string[];
}

/**
 * i18next over the loaded locales. Missing keys throw: a reply that would show
 * a raw key to a citizen is a bug, and tests catch it.
 * @example createTranslator(loadLocales('locales')).t('common:welcome', 'bn')
 */
export function createTranslator(resources: LocaleResources): Translator {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    lng: 'bn',
    fallbackLng: false,
    initAsync: false,
    resources,
    ns: Object.keys(resources.bn),
    defaultNS: 'common',
    returnNull: false,
    // Replies go to chat platforms as plain text, never into HTML.
    interpolation: { escapeValue: false },
  });
  // Tracking numbers read in groups of three, in the reader's digits: ৪৮২-১৭৩-৯০৮ / 482-173-908.
  instance.services.formatter?.add('tracking', (value: unknown, lng: string | undefined) =>
    formatTrackingNumber(String(value), lng === 'en' ? 'en' : 'bn'),
  );
  const known = { bn: flattenKeys(resources.bn), en: flattenKeys(resources.en) };

  // A text with nothing to fill in (no {{…}}, no $t(…), no plural or context) reads the same every time: i18next's
  // lookup and option handling were a sixth of a Telegram turn's CPU (bench:webhook --cpu-prof), so such texts are
  // taken straight from the locale. The texts are the locale files' own, so this holds as many entries as they do.
  const plain = (lang: Lang, key: string, params?: ReplyParams): string | undefined => {
    if (params && ('count' in params || 'context' in params)) return undefined;
    const raw = known[lang].get(key);
    return raw !== undefined && !raw.includes('{{') && !raw.includes('$t(') ? raw : undefined;
  };
  const t = (key: string, lang: Lang, params?: ReplyParams): string => {
    if (!known[lang].has(key)) throw new Error(`missing i18n key ${key} in ${lang}`);
    return plain(lang, key, params) ?? instance.t(key, { ...params, lng: lang });
  };

  return {
    t,
    has: (key, lang) => known[lang].has(key),
    render(reply, lang) {
      const lines = [t(reply.key, lang, reply.params), ...(reply.lines ?? []).map((l) => (l.bullet ? '• ' : '') + t(l.key, lang, l.params))];
      return {
        key: reply.key,
        lang,
        ...(reply.params ? { params: reply.params } : {}),
        text: lines.join('\n'),
        kind: reply.kind,
        choices: (reply.choices ?? []).map((c): RenderedChoice => {
          const shortKey = `${c.key}_short`;
          const label = t(c.key, lang, c.params);
          return known[lang].has(shortKey) ? { id: c.id, label, short: t(shortKey, lang, c.params) } : { id: c.id, label };
        }),
      };
    },
    // The short forms too: a Messenger user may type what the button showed.
    labels: (choice) =>
      (['bn', 'en'] as const).flatMap((lang) => [t(choice.key, lang, choice.params), ...(known[lang].has(`${choice.key}_short`) ? [t(`${choice.key}_short`, lang, choice.params)] : [])]),
  };
}
