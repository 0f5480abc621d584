import type { ConversationReference } from '@microsoft/agents-activity';
import type { Db, DbClient } from '../../infra/db/client.ts';
import { openStored, type FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { Clock } from '../../engine/types.ts';

/** Where the replies of one conversation go, as its last Activity said. */
export interface ConversationPlace {
  contactId: string;
  channelId: string;
  serviceUrl: string;
  conversationId: string;
  bot: { id: string; name?: string };
  user: { id: string; name?: string };
}

/**
 * Saves (or refreshes) where a conversation's replies go, on each inbound
 * Activity: the serviceUrl may change between calls (Bot Service moves
 * conversations between regions). The user's display name is sealed like
 * other personal fields; everything else is routing.
 */
export async function saveConversation(deps: { db: Db; cipher: FieldCipher; clock: Clock }, place: ConversationPlace): Promise<void> {
  const data = {
    channelId: place.channelId,
    serviceUrl: place.serviceUrl,
    conversationId: place.conversationId,
    botId: place.bot.id,
    botName: place.bot.name ?? null,
    userId: place.user.id,
    userName: place.user.name ? deps.cipher.encrypt(place.user.name) : null,
    updatedAt: deps.clock.now(),
  };
  await deps.db.writes.run(() =>
    deps.db.prisma.activityConversation.upsert({ where: { contactId: place.contactId }, create: { contactId: place.contactId, ...data }, update: data }),
  );
}

/** The stored place of a contact's conversation, or null when none was saved. */
export async function loadConversation(db: DbClient, cipher: FieldCipher, contactId: string): Promise<ConversationPlace | null> {
  const row = await db.activityConversation.findUnique({ where: { contactId } });
  if (!row) return null;
  let userName: string | undefined;
  try {
    userName = row.userName === null ? undefined : openStored(cipher, row.userName);
  } catch {
    userName = undefined; // a name that cannot be opened is only a name: the reply still goes
  }
  return {
    contactId,
    channelId: row.channelId,
    serviceUrl: row.serviceUrl,
    conversationId: row.conversationId,
    bot: { id: row.botId, ...(row.botName ? { name: row.botName } : {}) },
    user: { id: row.userId, ...(userName ? { name: userName } : {}) },
  };
}

/** The SDK's proactive reference for a stored conversation: no activity id, so replies go to the conversation itself. */
export function referenceOf(place: ConversationPlace): ConversationReference {
  return {
    channelId: place.channelId,
    serviceUrl: place.serviceUrl,
    conversation: { id: place.conversationId },
    agent: place.bot,
    user: place.user,
  };
}

/**
 * The serviceUrls of the conversations an attachment reference came in on
 * (`activity:<url>` on a case), for the officers' workspace: a file is
 * fetched only from such a host or an allowed one. Empty when the reference
 * is on no case of an Activity conversation.
 */
export async function serviceUrlsOfAttachment(db: DbClient, ref: string): Promise<string[]> {
  const attachments = await db.caseAttachment.findMany({ where: { ref }, select: { caseId: true }, take: 10 });
  if (attachments.length === 0) return [];
  const cases = await db.case.findMany({ where: { id: { in: attachments.map((a) => a.caseId) } }, select: { contactId: true } });
  const rows = await db.activityConversation.findMany({ where: { contactId: { in: cases.map((c) => c.contactId) } }, select: { serviceUrl: true } });
  return rows.map((r) => r.serviceUrl);
}
