import { z } from 'zod';
import type { Lang } from '../../engine/types.ts';
import type { StoredActivity, SuggestedAction, TurnBody } from './activity.ts';

/** What Setu reads of an Activity a client posts; everything else in it is dropped, never stored. */
export const ClientActivitySchema = z.object({
  type: z.string().min(1).max(64),
  id: z.string().max(128).optional(),
  /** Cut to MAX_TEXT below; a longer message is still answered, as on Telegram. */
  text: z.string().max(20_000).optional(),
  /** A postBack's value (a string: a choice id) or an Adaptive Card's submit (an object: ignored). */
  value: z.unknown().optional(),
  locale: z.string().max(35).optional(),
  from: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
  channelData: z.object({ clientActivityID: z.string().max(256).optional() }).optional(),
  attachments: z
    .array(z.object({ contentType: z.string().max(255).optional(), name: z.string().max(255).optional() }))
    .max(10)
    .optional(),
});
export type ClientActivity = z.infer<typeof ClientActivitySchema>;

/** The engine's longest answer (an account of what happened) is 2,000 characters; the web chat takes 4,000. */
export const MAX_TEXT = 4000;

/** Setu's choice ids: `menu`, `lang.en`, `loc.p.un1234`, `appeal.123456789`. */
const CHOICE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
/** Printable ASCII, no spaces: Web Chat's client activity ids and user ids look so. */
const CLIENT_ID = /^[\x21-\x7e]{1,128}$/;

/** The page's or the message's locale, when it names one of Setu's languages. */
export function langOf(locale: string | undefined): Lang | undefined {
  if (locale === undefined) return undefined;
  if (/^en\b/i.test(locale)) return 'en';
  if (/^bn\b/i.test(locale)) return 'bn';
  return undefined;
}

/** The id a message is known by when sent again: the client's own (Web Chat's clientActivityID, or an activity id). */
export function clientKey(activity: ClientActivity): string | undefined {
  const given = activity.channelData?.clientActivityID ?? activity.id;
  return given !== undefined && CLIENT_ID.test(given) ? given : undefined;
}

export interface ReadMessage {
  /** What the engine gets; null when nothing is to be answered (an Adaptive Card's submit, an empty message). */
  body: TurnBody | null;
  /** The echo, stored and shown as the user's message. */
  echo: StoredActivity;
}

const attachmentKind = (contentType: string | undefined): 'image' | 'audio' | 'video' | 'file' => {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'file';
};

/**
 * A message Activity as the engine's input, and its echo. A button's value
 * (imBack puts it in the text, postBack in `value`) is a choice: a string
 * value that looks like a choice id, or a text equal to the value of a button
 * Setu offered just before. The echo then shows the button's label, not the id.
 * Attachments sent as JSON carry no bytes Setu would fetch (files come through
 * /upload): they are answered as a file Setu cannot read.
 */
export function readMessage(activity: ClientActivity, offered: readonly SuggestedAction[], at: Date): ReadMessage {
  const text = (activity.text ?? '').slice(0, MAX_TEXT);
  const fromId = activity.from?.id !== undefined && CLIENT_ID.test(activity.from.id) ? activity.from.id : 'user';
  const key = activity.channelData?.clientActivityID;
  const echo: StoredActivity = {
    type: 'message',
    timestamp: at.toISOString(),
    from: { id: fromId, role: 'user' },
    ...(activity.locale && /^[A-Za-z0-9-]{1,35}$/.test(activity.locale) ? { locale: activity.locale } : {}),
    ...(key !== undefined && CLIENT_ID.test(key) ? { channelData: { clientActivityID: key } } : {}),
  };
  const value = typeof activity.value === 'string' ? activity.value.trim() : undefined;
  const button = offered.find((a) => a.value === (value ?? text.trim()));
  if (button || (value !== undefined && CHOICE_ID.test(value))) {
    const choiceId = button?.value ?? value ?? '';
    return { body: { type: 'choice', choiceId }, echo: { ...echo, text: button?.title ?? (text || choiceId) } };
  }
  const first = activity.attachments?.[0];
  if (first) {
    return {
      body: { type: 'attachment', kind: attachmentKind(first.contentType) },
      echo: { ...echo, ...(text ? { text } : {}), attachments: (activity.attachments ?? []).map(() => ({ contentType: 'application/octet-stream' })) },
    };
  }
  if (text.trim() === '') return { body: null, echo: { ...echo, ...(text ? { text } : {}) } };
  return { body: { type: 'text', text }, echo: { ...echo, text } };
}
