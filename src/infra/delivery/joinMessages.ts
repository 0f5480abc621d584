import type { RenderedMessage } from '../i18n/createTranslator.ts';

/** Between joined texts: a blank line, as between paragraphs. */
export const JOIN_SEPARATOR = '\n\n';

/**
 * How many of `messages` (a contact's next messages, oldest first) go out as
 * one: a message with buttons ends the run (its buttons must sit under its
 * own text), and the joined text stays within `limit` characters so the
 * platform takes it in one piece. Always at least one.
 */
export function joinableCount(messages: readonly RenderedMessage[], limit: number): number {
  let length = 0;
  for (const [index, message] of messages.entries()) {
    length += (index === 0 ? 0 : JOIN_SEPARATOR.length) + message.text.length;
    if (index > 0 && length > limit) return index;
    if (message.choices.length > 0) return index + 1;
  }
  return Math.max(1, messages.length);
}

/**
 * One message from several: the texts in order, the last one's buttons,
 * key, kind and language; `joined` lists every part's key so a log or a test
 * can still tell what was said.
 */
export function joinMessages(messages: readonly RenderedMessage[]): RenderedMessage {
  const last = messages.at(-1);
  if (!last) throw new Error('nothing to join');
  if (messages.length === 1) return last;
  return {
    ...last,
    text: messages.map((m) => m.text).join(JOIN_SEPARATOR),
    joined: messages.flatMap((m) => m.joined ?? [m.key]),
  };
}
