import { z } from 'zod';
import type { RenderedMessage } from '../i18n/createTranslator.ts';

/**
 * What the platform said about one message, classified so the outbox needs
 * no platform knowledge: sent; try again (after the platform's own delay if
 * it gave one); or refused for good (and whether the user is unreachable).
 */
export type SendResult =
  | { status: 'sent' }
  | { status: 'retry'; error: string; retryAfterMs?: number }
  | { status: 'failed'; error: string; unreachable?: boolean };

export interface OutboundMessage {
  externalId: string;
  message: RenderedMessage;
}

/** One per channel: turns a rendered message into the platform's own call. */
export interface Sender {
  send(out: OutboundMessage): Promise<SendResult>;
}

const RenderedMessageSchema = z.object({
  key: z.string(),
  lang: z.enum(['bn', 'en']),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  text: z.string(),
  choices: z.array(z.object({ id: z.string(), label: z.string() })),
});

export function parseOutboxPayload(payload: string): RenderedMessage {
  return RenderedMessageSchema.parse(JSON.parse(payload));
}
