import type { Lang, Reply } from '../../engine/types.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';

/** The outbox row that tells a citizen what happened to their case, in the language they used. */
export function noticeRow(
  translator: Translator,
  c: { contactId: string; channel: string; language: string },
  externalId: string,
  reply: Reply,
  now: Date,
): { contactId: string; channel: string; externalId: string; payload: string; nextAttemptAt: Date; createdAt: Date } {
  const lang: Lang = c.language === 'en' ? 'en' : 'bn';
  return { contactId: c.contactId, channel: c.channel, externalId, payload: JSON.stringify(translator.render(reply, lang)), nextAttemptAt: now, createdAt: now };
}
