import { Activity, ActionTypes, ActivityTypes, InputHints, TextFormatTypes } from '@microsoft/agents-activity';
import type { RenderedMessage } from '../../infra/i18n/createTranslator.ts';

/** The locale a reply is written in, as Activities name it. */
const LOCALE = { bn: 'bn-BD', en: 'en-US' } as const;

/**
 * One rendered reply as a message Activity: the text as plain text (Setu's
 * lines and bullets are meant as written, and a citizen's own words echoed
 * back must not turn into markup), and each choice a suggested action whose
 * title is the label and whose value is the choice id, a string, which the
 * client posts back as the message text (an object value would make Web Chat
 * throw on the click). Who it is from and to is filled in from the
 * conversation's reference when it is sent.
 * @example activityOf({ key: 'menu:prompt', lang: 'en', text: 'What would you like to do?', choices: [{ id: 'menu.status', label: 'Check status' }] }, 'u1')
 *   // { type: 'message', text: 'What would you like to do?', suggestedActions: { to: ['u1'], actions: [{ type: 'imBack', title: 'Check status', value: 'menu.status' }] }, … }
 */
export function activityOf(message: RenderedMessage, userId: string): Activity {
  const hasChoices = message.choices.length > 0;
  return Activity.fromObject({
    type: ActivityTypes.Message,
    text: message.text,
    textFormat: TextFormatTypes.Plain,
    locale: LOCALE[message.lang],
    inputHint: hasChoices || message.kind === 'question' ? InputHints.ExpectingInput : InputHints.AcceptingInput,
    ...(hasChoices
      ? { suggestedActions: { to: [userId], actions: message.choices.map((c) => ({ type: ActionTypes.ImBack, title: c.label, value: c.id })) } }
      : {}),
  });
}

/** "Setu is typing…", sent as a turn starts (the reply ends it). */
export function typingActivity(): Activity {
  return Activity.fromObject({ type: ActivityTypes.Typing });
}
