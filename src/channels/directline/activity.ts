import { z } from 'zod';

/**
 * The Activities Setu's Direct Line keeps and serves: the user's messages
 * echoed back (Web Chat shows a message as sent only when its echo arrives)
 * and Setu's replies. `id`, `conversation` and `channelId` are added when an
 * Activity is read (the id is the row's, which is also the watermark).
 */

export const CHANNEL_ID = 'directline';

/** A button under a reply: Web Chat posts its value back as the message text, so the value is the choice id, a string. */
export interface SuggestedAction {
  type: 'imBack';
  title: string;
  value: string;
}

export interface StoredActivity {
  type: 'message' | 'typing';
  timestamp: string;
  from: { id: string; name?: string; role: 'user' | 'bot' };
  text?: string;
  textFormat?: 'plain';
  locale?: string;
  replyToId?: string;
  suggestedActions?: { actions: SuggestedAction[] };
  /** The user's files: what they are, never where (the bytes stay with Setu). */
  attachments?: Array<{ contentType: string; name?: string }>;
  /** `clientActivityID`: Web Chat's own id for a message it sent, which it finds again in the echo. */
  channelData?: { clientActivityID?: string };
}

/** An Activity as a client receives it. */
export interface Activity extends StoredActivity {
  id: string;
  channelId: typeof CHANNEL_ID;
  conversation: { id: string };
}

const StoredActivitySchema = z.object({
  type: z.enum(['message', 'typing']),
  timestamp: z.string(),
  from: z.object({ id: z.string(), name: z.string().optional(), role: z.enum(['user', 'bot']) }),
  text: z.string().optional(),
  textFormat: z.literal('plain').optional(),
  locale: z.string().optional(),
  replyToId: z.string().optional(),
  suggestedActions: z.object({ actions: z.array(z.object({ type: z.literal('imBack'), title: z.string(), value: z.string() })) }).optional(),
  attachments: z.array(z.object({ contentType: z.string(), name: z.string().optional() })).optional(),
  channelData: z.object({ clientActivityID: z.string().optional() }).optional(),
});

/** What the engine got from a user's message: one turn, or one per file of an upload (and its caption). */
const StoredTurnSchema = z.object({
  messageId: z.string(),
  body: z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: z.string() }),
    z.object({ type: z.literal('choice'), choiceId: z.string() }),
    z.object({ type: z.literal('attachment'), kind: z.enum(['image', 'audio', 'video', 'file']), ref: z.string().optional() }),
    z.object({ type: z.literal('start') }),
  ]),
});
export type StoredTurn = z.infer<typeof StoredTurnSchema>;
export type TurnBody = StoredTurn['body'];

/**
 * What a row holds (sealed): the Activity; for the user's messages also the
 * key a message sent again is known by and the turns it made, run again (the
 * pipeline answers each once) when it comes again after a failure.
 */
export const StoredRowSchema = z.object({ activity: StoredActivitySchema, key: z.string().optional(), turns: z.array(StoredTurnSchema).optional() });
export type StoredRow = z.infer<typeof StoredRowSchema>;

/** `<conversation id>|<row id, 7 digits at least>`, like Azure's (`abc|0000012`). */
export function activityId(conversationId: string, rowId: number): string {
  return `${conversationId}|${String(rowId).padStart(7, '0')}`;
}

export function present(conversationId: string, rowId: number, stored: StoredActivity): Activity {
  return { ...stored, id: activityId(conversationId, rowId), channelId: CHANNEL_ID, conversation: { id: conversationId } };
}
