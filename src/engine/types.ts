/**
 * Channel-neutral message types: what every channel adapter turns a platform
 * event into (`Inbound`) and what the engine answers with (`Reply`).
 * The engine never sees a platform type and never renders text: replies are
 * i18n keys with params, rendered by the host in the user's language.
 */

/** `directline`: Setu's own Direct Line (Web Chat, the light page); `activity`: the Bot Framework Activity endpoint (/api/messages). */
export type Channel = 'console' | 'web' | 'telegram' | 'messenger' | 'directline' | 'activity' | 'test';

export type Lang = 'bn' | 'en';

/** What the user sent. A choice is the stable id of a button the engine offered. */
export type InboundBody =
  /** `voice`: the words are a voice note's transcript (the host transcribed it), and `ref` is the note itself. */
  | { type: 'text'; text: string; voice?: { ref: string } }
  | { type: 'choice'; choiceId: string }
  | {
      type: 'attachment';
      kind: 'image' | 'audio' | 'video' | 'file' | 'sticker' | 'location' | 'contact';
      ref?: string;
      /** Over what Setu keeps (the channel knows the size): refused with a message, not stored. */
      tooLarge?: boolean;
    }
  | { type: 'start'; payload?: string };

export interface Inbound {
  channel: Channel;
  /** The platform's id for the user (chat id, PSID, console user name). */
  userId: string;
  /** The platform's id for this message; a re-delivery carries the same id. */
  messageId: string;
  body: InboundBody;
  receivedAt: Date;
  /** The platform's guess at the user's language, if it has one. */
  langHint?: Lang;
}

/** Params are plain values so that replies survive a JSON round trip. */
export type ReplyParams = Record<string, string | number>;

export interface Choice {
  /** Stable id, short enough for Telegram's 64-byte callback_data. */
  id: string;
  /** i18n key of the label. */
  key: string;
  params?: ReplyParams;
}

export interface ReplyLine {
  key: string;
  params?: ReplyParams;
  /** Shown as a list item under the line before it. */
  bullet?: boolean;
}

/** One message: a first line, optional further lines (reasons, documents…), optional choices. */
export interface Reply {
  key: string;
  params?: ReplyParams;
  lines?: ReplyLine[];
  choices?: Choice[];
  kind: 'text' | 'question' | 'result' | 'error';
}

/** Injected so transcripts are deterministic; never read the clock or Math.random in the engine. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}
