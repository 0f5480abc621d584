import type { Lang } from '../../engine/types.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import { COMMAND_PREFIX, GET_STARTED, START_PREFIX } from './events.ts';
import type { MessengerProfile } from './graph.ts';

/** The Messenger Profile API's limits, in characters. */
export const PROFILE_LIMITS = { greeting: 160, menuTitle: 30, iceBreaker: 80 } as const;

/** Which Messenger locale each of Setu's languages is set under: Bangla is the default. */
export const PROFILE_LOCALES: readonly { lang: Lang; locale: string }[] = [
  { lang: 'bn', locale: 'default' },
  { lang: 'en', locale: 'en_US' },
];

/** The persistent menu, in order: locale key → postback payload. */
export const MENU_ENTRIES: readonly { key: string; payload: string }[] = [
  { key: 'messenger:menu.eligibility', payload: `${START_PREFIX}eligibility` },
  { key: 'messenger:menu.grievance', payload: `${START_PREFIX}grievance` },
  { key: 'messenger:menu.status', payload: `${START_PREFIX}status` },
  { key: 'messenger:menu.language', payload: `${COMMAND_PREFIX}language` },
];

/** The ice breakers (questions offered before the first message), in order. */
export const ICE_BREAKERS: readonly { key: string; payload: string }[] = [
  { key: 'messenger:ice_breakers.eligibility', payload: `${START_PREFIX}eligibility` },
  { key: 'messenger:ice_breakers.grievance', payload: `${START_PREFIX}grievance` },
  { key: 'messenger:ice_breakers.status', payload: `${START_PREFIX}status` },
];

/**
 * Counted in UTF-16 code units: never fewer than Meta's characters, so a
 * string that passes here is not cut by Messenger.
 */
function within(text: string, max: number, what: string): string {
  if (text.length > max) throw new Error(`${what} is ${text.length} characters; Messenger allows at most ${max}: "${text}"`);
  return text;
}

/**
 * The Page's Messenger profile in both languages: Get Started button,
 * greeting, persistent menu and ice breakers.
 * @throws when a locale string is longer than Messenger allows.
 * @example await graph.setProfile(buildProfile(createTranslator(loadLocales('locales'))))
 */
export function buildProfile(translator: Translator): MessengerProfile {
  const text = (key: string, lang: Lang, max: number, what: string): string => within(translator.t(key, lang), max, `${key} (${lang}) ${what}`);
  return {
    get_started: { payload: GET_STARTED },
    greeting: PROFILE_LOCALES.map(({ lang, locale }) => ({ locale, text: text('messenger:greeting', lang, PROFILE_LIMITS.greeting, 'greeting') })),
    persistent_menu: PROFILE_LOCALES.map(({ lang, locale }) => ({
      locale,
      composer_input_disabled: false,
      call_to_actions: MENU_ENTRIES.map(({ key, payload }) => ({
        type: 'postback' as const,
        title: text(key, lang, PROFILE_LIMITS.menuTitle, 'menu title'),
        payload,
      })),
    })),
    ice_breakers: PROFILE_LOCALES.map(({ lang, locale }) => ({
      locale,
      call_to_actions: ICE_BREAKERS.map(({ key, payload }) => ({
        question: text(key, lang, PROFILE_LIMITS.iceBreaker, 'ice breaker question'),
        payload,
      })),
    })),
  };
}
