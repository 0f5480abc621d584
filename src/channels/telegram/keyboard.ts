import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';

/** Telegram rejects callback_data over 64 bytes (UTF-8), not 64 characters. */
export const CALLBACK_DATA_MAX_BYTES = 64;
/** Two labels this short sit side by side on a phone without being cut off. */
export const SHORT_LABEL_GRAPHEMES = 14;

export interface KeyboardChoice {
  id: string;
  label: string;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();

/**
 * Inline buttons for a message's choices; pressing one sends back its id.
 * Short labels pair up two to a row, longer ones get a row each.
 * @example inlineKeyboard([{ id: 'yes', label: 'হ্যাঁ' }, { id: 'no', label: 'না' }])
 */
export function inlineKeyboard(choices: KeyboardChoice[]): InlineKeyboardMarkup {
  const rows: InlineKeyboardButton[][] = [];
  let pending: InlineKeyboardButton | undefined;
  for (const choice of choices) {
    const button = toButton(choice);
    if (!isShort(choice.label)) {
      if (pending) rows.push([pending]);
      pending = undefined;
      rows.push([button]);
    } else if (pending) {
      rows.push([pending, button]);
      pending = undefined;
    } else {
      pending = button;
    }
  }
  if (pending) rows.push([pending]);
  return { inline_keyboard: rows };
}

function toButton({ id, label }: KeyboardChoice): InlineKeyboardButton.CallbackButton {
  const bytes = encoder.encode(id).length;
  if (bytes === 0 || bytes > CALLBACK_DATA_MAX_BYTES) {
    throw new RangeError(
      `choice id "${id}" is ${bytes} bytes; Telegram callback_data must be 1-${CALLBACK_DATA_MAX_BYTES} bytes, so ids must be short ASCII`,
    );
  }
  return { text: label, callback_data: id };
}

function isShort(label: string): boolean {
  let count = 0;
  for (const _ of graphemes.segment(label)) {
    count += 1;
    if (count > SHORT_LABEL_GRAPHEMES) return false;
  }
  return true;
}
