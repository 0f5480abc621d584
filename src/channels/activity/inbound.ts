import { z } from 'zod';
import { MAX_INBOUND_TEXT } from '../../engine/limits.ts';
import type { Inbound, InboundBody, Lang } from '../../engine/types.ts';

/** The Activity types Setu answers; any other is acknowledged (200) and ignored. */
export const HANDLED_TYPES: ReadonlySet<string> = new Set(['message', 'conversationUpdate']);

const Account = z.object({ id: z.string().min(1).max(512), name: z.string().max(256).optional() });
const HttpUrl = z
  .string()
  .max(2048)
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), { message: 'an http(s) URL' });

/**
 * The part of an Activity Setu reads, checked at the door; the rest passes to
 * the SDK as it came. A conversation Setu could not answer (no serviceUrl, no
 * ids) is a 400, like a body that is not an Activity.
 */
export const InboundActivitySchema = z.object({
  type: z.string().min(1).max(64),
  id: z.string().min(1).max(512).optional(),
  channelId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'a channel id such as msteams, webchat, directline, emulator'),
  serviceUrl: HttpUrl,
  conversation: z.object({ id: z.string().min(1).max(1024) }),
  from: Account,
  recipient: Account,
  // Cut, not refused: the rest of the message is still an answer.
  text: z
    .string()
    .transform((t) => t.slice(0, MAX_INBOUND_TEXT))
    .optional(),
  value: z.unknown().optional(),
  locale: z.string().max(64).optional(),
  deliveryMode: z.string().max(64).optional(),
  attachments: z
    .array(z.object({ contentType: z.string().max(256), contentUrl: z.string().max(4096).optional(), name: z.string().max(512).optional() }))
    .max(50)
    .optional(),
  membersAdded: z.array(Account).max(256).optional(),
});
export type InboundActivity = z.infer<typeof InboundActivitySchema>;

/**
 * The contact's external id: the channel and the conversation, as the channel
 * named them. A conversation is one person's chat with Setu (a 1:1 chat in
 * Teams, a Web Chat conversation), and replies go to it, not to a user id a
 * caller could choose.
 * @example externalIdOf({ channelId: 'msteams', conversation: { id: 'a:1x2y' } }) // 'msteams:a:1x2y'
 */
export function externalIdOf(activity: Pick<InboundActivity, 'channelId' | 'conversation'>): string {
  return `${activity.channelId}:${activity.conversation.id}`;
}

/** Choice ids are short words with dots (`menu.eligibility`, `loc.p.30`, `yes`): anything else in a value is not one. */
const CHOICE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** A choice id carried as a value: a postBack's string, or a messageBack's `{ choiceId }` (also `{ id }`). */
function choiceInValue(value: unknown): string | null {
  const candidate = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? ((value as Record<string, unknown>)['choiceId'] ?? (value as Record<string, unknown>)['id']) : null;
  return typeof candidate === 'string' && CHOICE_ID.test(candidate) ? candidate : null;
}

/** What kind of file an attachment is, from its content type; null for what is not a file of the user's (Teams' HTML copy of the text, cards). */
function kindOf(contentType: string): Extract<InboundBody, { type: 'attachment' }>['kind'] | null {
  const type = contentType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type === 'text/html' || type.startsWith('application/vnd.microsoft.card.') || type === 'application/vnd.microsoft.teams.card.o365connector') return null;
  return 'file';
}

export type Reading = { kind: 'turn'; inbound: Inbound } | { kind: 'ignored'; why: string };

/**
 * One Activity as a channel-neutral message. A suggested action clicked comes
 * back as its value: the message text when it equals a choice id Setu offered
 * the conversation (`offered`), or a postBack/messageBack value; a photo,
 * voice note or video by its URL (`activity:<url>`, fetched later only from
 * allowed hosts), another file by its kind alone; a user (not the bot) added
 * to the conversation is the welcome.
 */
export function readActivity(activity: InboundActivity, offered: ReadonlySet<string>, receivedAt: Date): Reading {
  const userId = externalIdOf(activity);
  // Activity ids are unique within a conversation only (Teams' are timestamps): the conversation makes them unique.
  const messageId = `${userId}|${activity.id ?? `${activity.type}@${receivedAt.getTime()}`}`;
  const langHint: Lang | undefined = activity.locale?.toLowerCase().startsWith('bn') ? 'bn' : activity.locale?.toLowerCase().startsWith('en') ? 'en' : undefined;
  const turn = (body: InboundBody): Reading => ({ kind: 'turn', inbound: { channel: 'activity', userId, messageId, body, receivedAt, ...(langHint ? { langHint } : {}) } });

  if (activity.type === 'conversationUpdate') {
    const someoneElse = (activity.membersAdded ?? []).some((m) => m.id !== activity.recipient.id);
    return someoneElse ? turn({ type: 'start' }) : { kind: 'ignored', why: 'no user added' };
  }
  if (activity.type !== 'message') return { kind: 'ignored', why: `type ${activity.type}` };

  const fromValue = choiceInValue(activity.value);
  if (fromValue !== null) return turn({ type: 'choice', choiceId: fromValue });
  const text = activity.text?.trim() ?? '';
  if (text !== '' && offered.has(text)) return turn({ type: 'choice', choiceId: text });

  const files = (activity.attachments ?? []).flatMap((a) => {
    const kind = kindOf(a.contentType);
    return kind === null ? [] : [{ kind, url: a.contentUrl }];
  });
  const media = files.find((f) => f.kind !== 'file' && f.url !== undefined && /^https?:\/\//i.test(f.url));
  if (media) return turn({ type: 'attachment', kind: media.kind, ref: `activity:${media.url}` });
  if (text !== '') return turn({ type: 'text', text });
  const file = files[0];
  if (file) return turn({ type: 'attachment', kind: file.kind });
  return { kind: 'ignored', why: 'an empty message' };
}
