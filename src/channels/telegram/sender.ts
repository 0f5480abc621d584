import { GrammyError, HttpError, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { SendResult, Sender } from '../../infra/delivery/sender.ts';
import type { SendPace } from '../../infra/db/sendPace.ts';
import { inlineKeyboard } from './keyboard.ts';
import { splitText, TELEGRAM_TEXT_LIMIT } from '../shared/splitText.ts';

export interface TelegramSenderOptions {
  /** Telegram's Bot FAQ: about one message a second to the same chat. */
  perChatIntervalMs?: number;
  /** Telegram's Bot FAQ: about 30 messages a second across all chats. */
  globalPerSecond?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Paces shared by every process of the deployment (PostgreSQL): the limits hold for all of them together. */
  pace?: SendPace | null;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers rendered messages through the Bot API. Long text goes out in parts;
 * the choices ride on the last part so the buttons sit under the end of the message.
 *
 * Delivery is at least once: if a later part fails after earlier parts went out,
 * the outbox retries the whole message and the user may see the earlier parts twice.
 * That is preferred over losing the end of a message, which often holds the question.
 */
export function createTelegramSender(api: Api, options: TelegramSenderOptions = {}): Sender {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const perChat = options.perChatIntervalMs ?? 1000;
  const perSecond = options.globalPerSecond ?? 30;
  const limiter = options.pace ? createSharedLimiter(options.pace, perChat, perSecond, now, sleep) : createLimiter(perChat, perSecond, now, sleep);

  return {
    joinLimit: TELEGRAM_TEXT_LIMIT,
    async send({ externalId, message }) {
      const chatId = /^-?\d+$/.test(externalId) ? Number(externalId) : Number.NaN;
      if (!Number.isSafeInteger(chatId)) return { status: 'failed', error: `not a Telegram chat id: ${externalId}` };
      const parts = splitText(message.text);
      if (parts.length === 0) return { status: 'failed', error: `message ${message.key} has no text` };
      let markup: InlineKeyboardMarkup | undefined;
      try {
        markup = message.choices.length > 0 ? inlineKeyboard(message.choices) : undefined;
      } catch (err) {
        return { status: 'failed', error: err instanceof Error ? err.message : String(err) };
      }
      for (const [index, part] of parts.entries()) {
        const last = index === parts.length - 1;
        const slot = await limiter.acquire(String(chatId));
        try {
          await api.sendMessage(chatId, part, last && markup ? { reply_markup: markup } : {});
          slot.done();
        } catch (err) {
          slot.done();
          const where = parts.length > 1 ? ` (part ${index + 1} of ${parts.length})` : '';
          return classify(err, where);
        }
      }
      return { status: 'sent' };
    },
  };
}

/** Maps what Telegram said to what the outbox should do about it. */
export function classify(err: unknown, where = ''): Exclude<SendResult, { status: 'sent' }> {
  if (err instanceof GrammyError) {
    const error = `telegram ${err.error_code}: ${err.description}${where}`;
    const code = err.error_code;
    if (code === 429) {
      const seconds = err.parameters.retry_after;
      return seconds === undefined ? { status: 'retry', error } : { status: 'retry', error, retryAfterMs: seconds * 1000 };
    }
    // Blocked by the user or account deleted: nothing we send will arrive.
    if (code === 403) return { status: 'failed', error, unreachable: true };
    // A rejected token is our configuration, not the message; keep it for when it is fixed.
    if (code === 401 || code === 404 || code >= 500) return { status: 'retry', error };
    return { status: 'failed', error };
  }
  if (err instanceof HttpError) return { status: 'retry', error: `telegram unreachable: ${err.message}${where}` };
  return { status: 'failed', error: `${err instanceof Error ? err.message : String(err)}${where}` };
}

interface Limiter {
  /**
   * Waits until a message to this chat may go: the chat's own pace first, then
   * the bot-wide one. Call `done` when Telegram answered: the window counts a
   * send until then, so a slow network cannot bunch arrivals at Telegram.
   */
  acquire(chat: string): Promise<{ done(): void }>;
}

/**
 * Each chat books its next slot a second after its last (booking keeps
 * concurrent sends to one chat in order); only when that slot comes does the
 * send book a place in the bot-wide window, so a chat with a long queue never
 * holds other chats back. The bot-wide limit is a sliding window: at most
 * `perSecond` sends in any second (a token bucket would let a burst and the
 * refill meet in one second, near twice the limit).
 */
function createLimiter(perChatIntervalMs: number, perSecond: number, now: () => number, sleep: (ms: number) => Promise<void>): Limiter {
  const nextForChat = new Map<string, number>();
  /** When the last `perSecond` sends go (booked), oldest first; a ring. */
  const window: number[] = [];
  let oldest = 0;
  let lastBooked = 0;
  const until = async (at: number): Promise<void> => {
    const wait = Math.round(at - now());
    if (wait > 0) await sleep(wait);
  };
  const book = (arrived: number): { at: number; slot: number } => {
    const full = window.length >= perSecond;
    const at = Math.max(arrived, lastBooked, full ? (window[oldest] ?? 0) + 1000 : 0);
    const slot = full ? oldest : window.length;
    if (full) {
      window[oldest] = at;
      oldest = (oldest + 1) % perSecond;
    } else window.push(at);
    lastBooked = at;
    return { at, slot };
  };

  const forget = (at: number): void => {
    // Chats whose slot has passed need no memory; bounded by chats active in the last second.
    if (nextForChat.size < 10_000) return;
    for (const [chat, next] of nextForChat) if (next <= at) nextForChat.delete(chat);
  };

  return {
    async acquire(chat) {
      const t = now();
      forget(t);
      const chatSlot = Math.max(t, nextForChat.get(chat) ?? 0);
      nextForChat.set(chat, chatSlot + perChatIntervalMs);
      await until(chatSlot);
      const { at, slot } = book(now());
      await until(at);
      // A wait for the bot-wide window pushes this chat's next slot along with it.
      nextForChat.set(chat, Math.max(nextForChat.get(chat) ?? 0, at + perChatIntervalMs));
      return {
        done() {
          // Only if the slot still holds this send (a later booking may have taken it over).
          if (window[slot] === at) window[slot] = Math.max(at, now());
        },
      };
    },
  };
}

/**
 * The same two paces booked in the database, so that every process of a
 * deployment keeps to them together: the chat's next slot, then a place in
 * the bot-wide pace, evenly spaced (no burst at a second's edge). A wait for
 * the bot-wide pace pushes the chat's next slot along with it.
 */
function createSharedLimiter(pace: SendPace, perChatIntervalMs: number, perSecond: number, now: () => number, sleep: (ms: number) => Promise<void>): Limiter {
  const until = async (at: number): Promise<void> => {
    const wait = Math.round(at - now());
    if (wait > 0) await sleep(wait);
  };
  return {
    async acquire(chat) {
      const key = `telegram/chat/${chat}`;
      const chatSlot = await pace.book(key, perChatIntervalMs, now());
      await until(chatSlot);
      const at = await pace.book('telegram/bot', 1000 / perSecond, now());
      await until(at);
      if (at - chatSlot > 1) await pace.hold(key, at + perChatIntervalMs);
      return { done() {} };
    },
  };
}
