import type { Lang, Reply } from '../../engine/types.ts';
import type { FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import { sealOutboxPayload, type OutboxPurpose } from '../../infra/delivery/sender.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';

/** How a notice is written: in the citizen's language, sealed in the outbox. */
export interface NoticeWriter {
  translator: Translator;
  cipher: FieldCipher;
}

/** The outbox row that tells a citizen what happened to their case, in the language they used. */
export function noticeRow(
  writer: NoticeWriter,
  c: { contactId: string; channel: string; language: string },
  externalId: string,
  reply: Reply,
  now: Date,
  purpose: OutboxPurpose,
): { contactId: string; channel: string; externalId: string; payload: string; purpose: OutboxPurpose; nextAttemptAt: Date; createdAt: Date } {
  const lang: Lang = c.language === 'en' ? 'en' : 'bn';
  return { contactId: c.contactId, channel: c.channel, externalId, payload: sealOutboxPayload(writer.cipher, writer.translator.render(reply, lang)), purpose, nextAttemptAt: now, createdAt: now };
}

type Tx = Pick<DbClient, 'contact' | 'case' | 'outboxMessage'>;

/**
 * Tells everyone who follows a case: the citizen who lodged it, and the
 * reporters whose later reports of the same person were linked to it (they
 * were promised they would hear of its progress). Each in their own language.
 */
export async function notifyFollowers(
  tx: Tx,
  writer: NoticeWriter,
  c: { trackingNumber: string; contactId: string; channel: string; language: string },
  reply: Reply,
  now: Date,
  /** A change of the case's status by default: Messenger may deliver it late under its ACCOUNT_UPDATE tag. */
  purpose: OutboxPurpose = 'case_update',
): Promise<void> {
  const linked = await tx.case.findMany({ where: { duplicateOf: c.trackingNumber }, select: { contactId: true, channel: true, language: true } });
  const seen = new Set<string>();
  for (const follower of [c, ...linked]) {
    if (seen.has(follower.contactId)) continue;
    seen.add(follower.contactId);
    const contact = await tx.contact.findUnique({ where: { id: follower.contactId }, select: { externalId: true, unreachable: true } });
    if (contact && !contact.unreachable) await tx.outboxMessage.create({ data: noticeRow(writer, follower, contact.externalId, reply, now, purpose) });
  }
}
