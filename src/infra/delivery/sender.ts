import { z } from 'zod';
import { openStored, type FieldCipher } from '../crypto/fieldCipher.ts';
import type { RenderedMessage } from '../i18n/createTranslator.ts';

/**
 * What the platform said about one message, classified so the outbox needs
 * no platform knowledge: sent; try again (after the platform's own delay if
 * it gave one); or refused for good (and whether the user is unreachable).
 */
export type SendResult =
  | { status: 'sent' }
  /** Not now, not failed: the channel's messaging window is closed; delivered when the user next writes. */
  | { status: 'held'; reason: string }
  | { status: 'retry'; error: string; retryAfterMs?: number }
  | { status: 'failed'; error: string; unreachable?: boolean };

/**
 * Why a message is sent, which decides whether a channel with a messaging
 * window (Messenger's 24 hours) may still send it late.
 */
export const OUTBOX_PURPOSES = ['reply', 'case_update', 'officer_reply', 'notice'] as const;
export type OutboxPurpose = (typeof OUTBOX_PURPOSES)[number];

export function parsePurpose(value: string): OutboxPurpose {
  return (OUTBOX_PURPOSES as readonly string[]).includes(value) ? (value as OutboxPurpose) : 'notice';
}

export interface OutboundMessage {
  externalId: string;
  contactId: string;
  purpose: OutboxPurpose;
  /** When the message was put in the outbox: for a reply, the moment the user wrote (the turn that answered it). */
  queuedAt: Date;
  message: RenderedMessage;
  /** The outbox rows the message carries (several when joined), oldest first. */
  outboxIds?: readonly number[];
}

/** One per channel: turns a rendered message into the platform's own call. */
export interface Sender {
  send(out: OutboundMessage): Promise<SendResult>;
  /**
   * Characters one platform message holds. When set, a contact's messages
   * waiting together (without buttons between them) go out as one message up
   * to this length: fewer, fuller messages where the platform paces each chat.
   */
  joinLimit?: number;
}

const RenderedMessageSchema = z.object({
  key: z.string(),
  lang: z.enum(['bn', 'en']),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  text: z.string(),
  kind: z.enum(['text', 'question', 'result', 'error']).optional(),
  choices: z.array(z.object({ id: z.string(), label: z.string(), short: z.string().optional() })),
  joined: z.array(z.string()).optional(),
});

/**
 * An outbox row's payload as stored: the rendered message sealed with the
 * field cipher, since it repeats what the citizen told Setu (a phone number,
 * the words of a grievance, an officer's reply).
 */
export function sealOutboxPayload(cipher: FieldCipher, message: RenderedMessage): string {
  return cipher.encrypt(JSON.stringify(message));
}

/** The rendered message of an outbox row; rows queued before payloads were sealed are plain JSON and read as well. */
export function parseOutboxPayload(payload: string, cipher: FieldCipher): RenderedMessage {
  return RenderedMessageSchema.parse(JSON.parse(openStored(cipher, payload)));
}
