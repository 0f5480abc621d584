import type { CaseState } from '../../domain/cases/lifecycle.ts';
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

/** What a linked reporter may hear of the earlier case: that it is being looked into, or closed — nothing more. */
export type LinkedNews = 'looked_into' | 'closed';

/**
 * The plain news a move gives linked reporters, or null when it is none of
 * theirs to hear (a step between open states, an escalation).
 * @example linkedNews('received', 'acknowledged') // 'looked_into'; linkedNews('acknowledged', 'in_progress') // null
 */
export function linkedNews(from: CaseState, to: CaseState): LinkedNews | null {
  if (to === 'resolved' || to === 'rejected') return 'closed';
  return from === 'received' && to !== 'received' ? 'looked_into' : null;
}

/**
 * Tells everyone who follows a case. The citizen who lodged it gets the full
 * notice (with the officer's note). Reporters whose later reports of the same
 * person were linked to it get at most a plain status change about their own
 * report: the earlier case is someone else's, so never its number or notes.
 * Each in their own language.
 */
export async function notifyFollowers(
  tx: Tx,
  writer: NoticeWriter,
  c: { trackingNumber: string; contactId: string; channel: string; language: string },
  reply: Reply,
  now: Date,
  news: LinkedNews | null,
  /** A change of the case's status by default: Messenger may deliver it late under its ACCOUNT_UPDATE tag. */
  purpose: OutboxPurpose = 'case_update',
): Promise<void> {
  const send = async (follower: { contactId: string; channel: string; language: string }, message: Reply): Promise<void> => {
    const contact = await tx.contact.findUnique({ where: { id: follower.contactId }, select: { externalId: true, unreachable: true } });
    if (contact && !contact.unreachable) await tx.outboxMessage.create({ data: noticeRow(writer, follower, contact.externalId, message, now, purpose) });
  };
  await send(c, reply);
  if (news === null) return;
  const linked = await tx.case.findMany({
    where: { duplicateOf: c.trackingNumber, contactId: { not: c.contactId } },
    orderBy: { createdAt: 'asc' },
    select: { trackingNumber: true, contactId: true, channel: true, language: true },
  });
  const seen = new Set<string>();
  for (const follower of linked) {
    if (seen.has(follower.contactId)) continue;
    seen.add(follower.contactId);
    await send(follower, { key: `report:linked.${news}`, kind: 'text', params: { number: follower.trackingNumber } });
  }
}
