/** One message as it reached the platform stand-in. */
export interface Delivery {
  chat: string;
  text: string;
  buttons: string;
  at: number;
}

/** Deliveries per chat, in the order they arrived. */
export function chatsOf(all: readonly Delivery[]): Map<string, Delivery[]> {
  const chats = new Map<string, Delivery[]>();
  for (const d of all) chats.set(d.chat, [...(chats.get(d.chat) ?? []), d]);
  return chats;
}

/** What identifies a message: its first line (platforms add to a message's end, a numbered list, never to its start; joined rows start with the first). */
export const keyOf = (text: string): string => (text.split('\n')[0] ?? '').trim().slice(0, 60);

/**
 * Per delivery, whether it was sent once more than it was queued: the chat
 * received a message with this first line more often than its outbox rows
 * hold one (a question asked again is queued again, and is no repeat).
 */
export function repeatsIn(list: readonly Delivery[], queuedTexts: readonly string[]): boolean[] {
  const queued = new Map<string, number>();
  for (const t of queuedTexts) for (const part of t.split('\n\n')) queued.set(keyOf(part), (queued.get(keyOf(part)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return list.map((d) => {
    const key = keyOf(d.text);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n > (queued.get(key) ?? 0);
  });
}

/**
 * Deliveries that came out of order: each delivery (repeats left out) is
 * found by its first line in the chat's outbox texts, in the order the rows
 * were queued, from where the one before it was found; one found only
 * earlier, or not at all, is out of order. Joined rows start with the first
 * row's text, and platforms add to the end of a message (a numbered list),
 * never to its start.
 */
export function orderViolations(list: readonly Delivery[], repeats: readonly boolean[], queuedTexts: readonly string[]): number {
  const stream = queuedTexts.join('\n\n');
  let cursor = 0;
  let violations = 0;
  list.forEach((d, j) => {
    if (repeats[j]) return;
    const key = keyOf(d.text);
    if (key === '') return;
    const at = stream.indexOf(key, cursor);
    if (at >= 0) cursor = at + key.length;
    else violations += 1;
  });
  return violations;
}
