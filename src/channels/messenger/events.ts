import { z } from 'zod';
import { MAX_INBOUND_TEXT } from '../../engine/limits.ts';
import type { Inbound, InboundBody } from '../../engine/types.ts';

/**
 * The part of a Messenger webhook call that Setu reads, checked at the
 * boundary. Unknown fields pass (Meta adds them over time); a body whose
 * `object` is not `page` is a 400.
 */
const Referral = z.object({ ref: z.string().max(1000).optional(), source: z.string().optional(), type: z.string().optional() });
const Attachment = z.object({
  type: z.string(),
  payload: z.object({ url: z.string().optional(), sticker_id: z.number().optional() }).passthrough().nullish(),
});

// Page-scoped ids are digit strings; anything else is no one Setu could answer, and would
// only leave outbox rows that fail for ever.
const Psid = z.string().regex(/^\d{1,32}$/);
// Meta's limits: a quick reply's or postback's payload is at most 1,000 characters.
const Payload = z.string().max(1000);
const MessagingEvent = z
  .object({
    sender: z.object({ id: Psid }),
    recipient: z.object({ id: Psid }),
    timestamp: z.number(),
    message: z
      .object({
        mid: z.string().min(1).max(256),
        // Cut, not refused: the rest of the message is still an answer.
        text: z
          .string()
          .transform((t) => t.slice(0, MAX_INBOUND_TEXT))
          .optional(),
        is_echo: z.boolean().optional(),
        quick_reply: z.object({ payload: Payload }).optional(),
        attachments: z.array(Attachment).optional(),
      })
      .optional(),
    postback: z.object({ mid: z.string().max(256).optional(), title: z.string().optional(), payload: Payload, referral: Referral.optional() }).optional(),
    referral: Referral.optional(),
    delivery: z.object({}).passthrough().optional(),
    read: z.object({}).passthrough().optional(),
  })
  .passthrough();
export type MessagingEvent = z.infer<typeof MessagingEvent>;

export const WebhookBodySchema = z.object({
  object: z.literal('page'),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number(),
      // Absent when the entry carries other fields (standby, changes) that Setu does not act on.
      messaging: z.array(MessagingEvent).optional(),
    }),
  ),
});
export type WebhookBody = z.infer<typeof WebhookBodySchema>;

/** Postback payloads Setu sets on the Page (npm run messenger:setup). */
export const GET_STARTED = 'GET_STARTED';
export const START_PREFIX = 'START:';
export const COMMAND_PREFIX = 'CMD:';

export type Reading = { kind: 'turn'; inbound: Inbound } | { kind: 'ignore'; why: string };

/**
 * Every messaging event of a webhook call, in the order Meta sent them
 * (entries in order, events in order within each).
 */
export function messagingEvents(body: WebhookBody): MessagingEvent[] {
  return body.entry.flatMap((e) => e.messaging ?? []);
}

/**
 * The id a re-delivery of this event carries too: the message's `mid`, the
 * postback's `mid`, else who and when (referrals and older postbacks have no mid).
 */
export function platformKeyOf(event: MessagingEvent): string {
  if (event.message) return event.message.mid;
  if (event.postback?.mid) return event.postback.mid;
  const what = event.postback ? 'postback' : event.referral ? 'referral' : event.delivery ? 'delivery' : event.read ? 'read' : 'event';
  return `${what}:${event.sender.id}:${event.timestamp}`;
}

/**
 * What one messaging event means for Setu: a turn in the conversation, or nothing.
 * @example readEvent({ sender: { id: '1' }, recipient: { id: '2' }, timestamp: 0, message: { mid: 'm.1', text: 'হ্যালো' } }, now)
 */
export function readEvent(event: MessagingEvent, receivedAt: Date): Reading {
  const body = bodyOf(event);
  if ('why' in body) return { kind: 'ignore', why: body.why };
  return { kind: 'turn', inbound: { channel: 'messenger', userId: event.sender.id, messageId: platformKeyOf(event), body, receivedAt } };
}

function bodyOf(event: MessagingEvent): InboundBody | { why: string } {
  const m = event.message;
  if (m) {
    if (m.is_echo) return { why: 'echo of a message the Page sent' };
    if (m.quick_reply) return { type: 'choice', choiceId: m.quick_reply.payload };
    if (m.text !== undefined && m.text.trim() !== '') return { type: 'text', text: m.text };
    const a = m.attachments?.[0];
    if (a) return attachment(a);
    return { why: 'message without text or attachment' };
  }
  if (event.postback) {
    const { payload, referral } = event.postback;
    // A new user who came by an m.me link with ?ref= presses Get Started: the referral rides on that postback.
    if (payload === GET_STARTED) return referral?.ref ? { type: 'start', payload: referral.ref } : { type: 'start' };
    if (payload.startsWith(START_PREFIX)) return { type: 'start', payload: payload.slice(START_PREFIX.length) };
    if (payload.startsWith(COMMAND_PREFIX)) return { type: 'text', text: payload.slice(COMMAND_PREFIX.length) };
    return { type: 'choice', choiceId: payload };
  }
  if (event.referral) return event.referral.ref ? { type: 'start', payload: event.referral.ref } : { why: 'referral without ref' };
  if (event.delivery) return { why: 'delivery receipt' };
  if (event.read) return { why: 'read receipt' };
  return { why: 'event type Setu does not handle' };
}

function attachment(a: z.infer<typeof Attachment>): InboundBody {
  const url = a.payload?.url;
  const ref = url ? { ref: `messenger:${url}` } : {};
  // The thumbs-up and other stickers arrive as images with a sticker_id.
  if (a.payload?.sticker_id !== undefined) return { type: 'attachment', kind: 'sticker' };
  switch (a.type) {
    case 'image':
      return { type: 'attachment', kind: 'image', ...ref };
    case 'audio':
      return { type: 'attachment', kind: 'audio', ...ref };
    case 'video':
      return { type: 'attachment', kind: 'video', ...ref };
    case 'file':
      return { type: 'attachment', kind: 'file', ...ref };
    case 'location':
      return { type: 'attachment', kind: 'location' };
    default:
      return { type: 'attachment', kind: 'sticker' };
  }
}
