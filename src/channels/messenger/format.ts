import type { RenderedChoice, RenderedMessage } from '../../infra/i18n/createTranslator.ts';
import { graphemeCount } from '../../infra/i18n/graphemes.ts';
import { splitText } from '../shared/splitText.ts';
import type { MessengerMessage } from './graph.ts';

/** Messenger's text limit per message. */
export const MESSENGER_TEXT_LIMIT = 2000;
/** Quick replies per message (quick-replies doc). */
export const MAX_QUICK_REPLIES = 13;
/** Quick-reply and button titles are cut off past 20 characters as the user sees them. */
export const MAX_TITLE_GRAPHEMES = 20;
/** The button template holds 1–3 buttons and at most 640 characters of text. */
export const MAX_BUTTONS = 3;
export const MAX_BUTTON_TEXT = 640;

/** What Messenger shows for a choice: its dedicated short label when the locale has one. */
export function titleOf(choice: RenderedChoice): string {
  return choice.short ?? choice.label;
}

const fits = (choice: RenderedChoice): boolean => {
  const n = graphemeCount(titleOf(choice));
  return n > 0 && n <= MAX_TITLE_GRAPHEMES;
};

function numeral(n: number, lang: 'bn' | 'en'): string {
  return lang === 'bn' ? new Intl.NumberFormat('bn').format(n) : String(n);
}

/**
 * A rendered message as Messenger messages, in order. Choices become:
 * - a button template when a result offers at most 3 next steps (the buttons stay with the answer);
 * - quick replies (at most 13) when every title fits in 20 characters;
 * - otherwise a numbered list in the text — the user answers with the number (Bangla or
 *   Latin digits) or taps a quick reply showing just the number. No title is ever cut.
 * Long text is split under 2000 characters; the choices ride on the last part.
 */
export function formatForMessenger(message: RenderedMessage): MessengerMessage[] {
  const { choices } = message;
  const allFit = choices.every(fits);
  if (choices.length === 0) return splitText(message.text, MESSENGER_TEXT_LIMIT).map((text) => ({ text }));

  if (allFit && message.kind === 'result' && choices.length <= MAX_BUTTONS) {
    const parts = splitText(message.text, MESSENGER_TEXT_LIMIT);
    const last = parts.at(-1) ?? '';
    if (last.length <= MAX_BUTTON_TEXT) {
      const buttons = choices.map((c) => ({ type: 'postback' as const, title: titleOf(c), payload: c.id }));
      return [
        ...parts.slice(0, -1).map((text) => ({ text })),
        { attachment: { type: 'template' as const, payload: { template_type: 'button' as const, text: last, buttons } } },
      ];
    }
  }

  if (allFit && choices.length <= MAX_QUICK_REPLIES) {
    return withQuickReplies(splitText(message.text, MESSENGER_TEXT_LIMIT), choices.map((c) => ({ title: titleOf(c), payload: c.id })));
  }

  const list = choices.map((c, i) => `${numeral(i + 1, message.lang)}. ${c.label}`);
  const parts = splitText(`${message.text}\n\n${list.join('\n')}`, MESSENGER_TEXT_LIMIT);
  if (choices.length > MAX_QUICK_REPLIES) return parts.map((text) => ({ text }));
  return withQuickReplies(parts, choices.map((c, i) => ({ title: numeral(i + 1, message.lang), payload: c.id })));
}

function withQuickReplies(parts: string[], replies: { title: string; payload: string }[]): MessengerMessage[] {
  return parts.map((text, i) =>
    i === parts.length - 1 ? { text, quick_replies: replies.map((r) => ({ content_type: 'text' as const, ...r })) } : { text },
  );
}
