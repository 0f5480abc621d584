import type { FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import { parseOutboxPayload } from '../../infra/delivery/sender.ts';

/** How many of the conversation's latest messages are looked at for the buttons they carried. */
const RECENT = 20;

/**
 * The choice ids of the buttons Setu sent the contact lately. A suggested
 * action comes back as a plain message whose text is its value, the choice
 * id; text equal to one of these is the click (the engine then tells a
 * current button from a stale one). Words a person types are never taken for
 * a button they were not shown.
 */
export async function offeredChoices(db: DbClient, cipher: FieldCipher, contactId: string): Promise<Set<string>> {
  const rows = await db.outboxMessage.findMany({ where: { contactId }, orderBy: { id: 'desc' }, take: RECENT, select: { payload: true } });
  const ids = new Set<string>();
  for (const row of rows) {
    try {
      for (const choice of parseOutboxPayload(row.payload, cipher).choices) ids.add(choice.id);
    } catch {
      // an unreadable message offered nothing that can be recognised
    }
  }
  return ids;
}
