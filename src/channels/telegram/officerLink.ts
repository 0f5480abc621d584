import type { Api } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { AlertButton, AlertSend } from '../../app/officers/alertShared.ts';
import { ACK_PREFIX } from '../../app/officers/telegramLink.ts';
import type { TelegramUpdate } from './updates.ts';

/** What an update means for the officers' side of the bot, before it could become a citizen's turn. */
export type OfficerCommand =
  | { kind: 'link'; chatId: string; code: string }
  | { kind: 'officer_callback'; chatId: string; callbackId: string; data: string; messageId?: number };

/**
 * `/link CODE` in a private chat, or a press of an officer alert's button
 * (`oack.<number>`); null for everything else, which goes on to the pipeline.
 * @example readOfficerCommand({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, text: '/link ABCD2345' } })
 * // { kind: 'link', chatId: '5', code: 'ABCD2345' }
 */
export function readOfficerCommand(update: TelegramUpdate): OfficerCommand | null {
  const q = update.callback_query;
  if (q) {
    if (!q.message || q.message.chat.type !== 'private' || q.data === undefined || !q.data.startsWith(ACK_PREFIX)) return null;
    return { kind: 'officer_callback', chatId: String(q.message.chat.id), callbackId: q.id, data: q.data, messageId: q.message.message_id };
  }
  const m = update.message;
  if (!m || m.chat.type !== 'private' || m.from?.is_bot || m.text === undefined) return null;
  const link = m.text.trim().match(/^\/link(?:@\w+)?\s+([A-Za-z0-9][A-Za-z0-9 -]{5,20})$/);
  const code = link?.[1]?.trim();
  return code ? { kind: 'link', chatId: String(m.chat.id), code } : null;
}

/** Buttons as one inline keyboard row; a button without callback or URL is left out. */
export function alertKeyboard(buttons: readonly AlertButton[]): InlineKeyboardButton[][] {
  const row = buttons.flatMap((b): InlineKeyboardButton[] =>
    b.callback !== undefined ? [{ text: b.text, callback_data: b.callback }] : b.url !== undefined ? [{ text: b.text, url: b.url }] : [],
  );
  return row.length > 0 ? [row] : [];
}

/** The `send` of officer alerts over grammY's Api. */
export function officerAlertSend(api: Api): AlertSend {
  return async (chatId, text, buttons) => {
    const keyboard = alertKeyboard(buttons);
    await api.sendMessage(chatId, text, keyboard.length > 0 ? { reply_markup: { inline_keyboard: keyboard } } : {});
  };
}
