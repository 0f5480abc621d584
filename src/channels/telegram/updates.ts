import { z } from 'zod';
import { MAX_INBOUND_TEXT } from '../../engine/limits.ts';
import type { Inbound, InboundBody, Lang } from '../../engine/types.ts';

/**
 * The part of Telegram's Update that Setu reads, checked at the boundary.
 * Unknown fields are allowed (Telegram adds them over time); anything that
 * is not an object with an update_id is a 400.
 */
// Telegram's ids fit in 52 bits: "1.5" or 9007199254741000 is no chat anyone can be answered in,
// and would only leave outbox rows that fail for ever.
const Id = z.number().int().refine(Number.isSafeInteger, 'not a safe integer');
// Telegram's own limits (4,096 for a message, 1,024 for a caption, 64 bytes of callback data) bound what is read.
const Text = z.string().transform((t) => t.slice(0, MAX_INBOUND_TEXT));
const Chat = z.object({ id: Id, type: z.enum(['private', 'group', 'supergroup', 'channel']) });
const User = z.object({ id: Id, is_bot: z.boolean().optional(), language_code: z.string().max(35).optional() });
const FileRef = z.object({ file_id: z.string().min(1).max(256), file_size: z.number().optional() });

const Message = z.object({
  message_id: Id,
  date: z.number(),
  chat: Chat,
  from: User.optional(),
  text: Text.optional(),
  caption: Text.optional(),
  photo: z.array(FileRef).optional(),
  voice: FileRef.optional(),
  audio: FileRef.optional(),
  document: FileRef.optional(),
  video: FileRef.optional(),
  sticker: z.object({}).passthrough().optional(),
  location: z.object({}).passthrough().optional(),
  contact: z.object({}).passthrough().optional(),
});

export const UpdateSchema = z.object({
  update_id: Id,
  message: Message.optional(),
  edited_message: Message.optional(),
  callback_query: z
    .object({
      id: z.string().max(64),
      from: User,
      data: z.string().max(64).optional(),
      message: z
        .object({
          message_id: Id,
          chat: Chat,
          text: Text.optional(),
          /** The question's own buttons, as Setu sent them: the pressed one's label is read from here. */
          reply_markup: z
            .object({ inline_keyboard: z.array(z.array(z.object({ text: z.string(), callback_data: z.string().optional() }).passthrough())) })
            .passthrough()
            .optional(),
        })
        .optional(),
    })
    .optional(),
});
export type TelegramUpdate = z.infer<typeof UpdateSchema>;

/** The updates Setu asks Telegram for (setWebhook / getUpdates `allowed_updates`). */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** What an update means for Setu. */
export type Reading =
  | { kind: 'turn'; inbound: Inbound; callback?: { id: string; chatId: number; messageId: number; text?: string; label?: string } }
  | { kind: 'group'; chatId: number; lang: Lang }
  | { kind: 'ignore'; why: string };

/**
 * Turns an update into Setu's channel-neutral Inbound. The platform key is
 * the update_id, so a re-delivered update is recognised by the pipeline.
 * @example readUpdate({ update_id: 7, message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, text: 'হ্যালো' } }, now)
 */
export function readUpdate(update: TelegramUpdate, receivedAt: Date): Reading {
  const key = String(update.update_id);
  if (update.callback_query) {
    const q = update.callback_query;
    if (!q.message || q.message.chat.type !== 'private' || q.data === undefined) return { kind: 'ignore', why: 'callback without a private message or data' };
    const inbound: Inbound = { channel: 'telegram', userId: String(q.message.chat.id), messageId: key, body: { type: 'choice', choiceId: q.data }, receivedAt };
    const hint = langHint(q.from.language_code);
    if (hint) inbound.langHint = hint;
    const data = q.data;
    const label = q.message.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === data)?.text;
    return {
      kind: 'turn',
      inbound,
      callback: {
        id: q.id,
        chatId: q.message.chat.id,
        messageId: q.message.message_id,
        ...(q.message.text !== undefined ? { text: q.message.text } : {}),
        ...(label !== undefined ? { label } : {}),
      },
    };
  }
  const m = update.message;
  if (!m) return { kind: 'ignore', why: update.edited_message ? 'edited message' : 'unhandled update type' };
  if (m.from?.is_bot) return { kind: 'ignore', why: 'from a bot' };
  if (m.chat.type !== 'private') return m.chat.type === 'channel' ? { kind: 'ignore', why: 'channel post' } : { kind: 'group', chatId: m.chat.id, lang: langHint(m.from?.language_code) ?? 'bn' };
  const inbound: Inbound = { channel: 'telegram', userId: String(m.chat.id), messageId: key, body: bodyOf(m), receivedAt };
  const hint = langHint(m.from?.language_code);
  if (hint) inbound.langHint = hint;
  return { kind: 'turn', inbound };
}

/** The Bot API lets a bot download files up to 20 MB; a larger one could never be looked at. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

function file(kind: 'image' | 'audio' | 'video' | 'file', f: z.infer<typeof FileRef>): InboundBody {
  const body: InboundBody = { type: 'attachment', kind, ref: `telegram:${f.file_id}` };
  return (f.file_size ?? 0) > MAX_FILE_BYTES ? { ...body, tooLarge: true } : body;
}

function bodyOf(m: z.infer<typeof Message>): InboundBody {
  if (m.text !== undefined) {
    // /start with a deep-link payload opens a flow: t.me/<bot>?start=grievance.
    const start = m.text.match(/^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/);
    if (start) return start[1] ? { type: 'start', payload: start[1] } : { type: 'start' };
    const command = m.text.match(/^\/(\w+)(?:@\w+)?\s*$/);
    return { type: 'text', text: command?.[1] ?? m.text };
  }
  const photo = m.photo?.at(-1); // the largest size comes last
  if (photo) return file('image', photo);
  const voice = m.voice ?? m.audio;
  if (voice) return file('audio', voice);
  if (m.video) return file('video', m.video);
  if (m.document) return file('file', m.document);
  if (m.location) return { type: 'attachment', kind: 'location' };
  if (m.contact) return { type: 'attachment', kind: 'contact' };
  return { type: 'attachment', kind: 'sticker' };
}

function langHint(code: string | undefined): Lang | undefined {
  if (code === undefined) return undefined;
  return code.startsWith('bn') ? 'bn' : code.startsWith('en') ? 'en' : undefined;
}
