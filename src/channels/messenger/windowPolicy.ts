import type { OutboxPurpose } from '../../infra/delivery/sender.ts';
import type { Delivery } from './graph.ts';

/** Messenger's standard messaging window after a user's message. */
export const STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;
/** How long after the user's last message a human agent may still answer (HUMAN_AGENT tag). */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export type WindowDecision =
  | { action: 'send'; delivery: Delivery; why: string }
  | { action: 'hold'; why: string };

/**
 * Whether a message may go now, and how. Inside 24 hours of the user's last
 * message: as a response. After that only what Meta's message tags allow:
 * a change of the user's own case status (ACCOUNT_UPDATE: non-recurring, not
 * promotional), an officer's own reply within 7 days when the Page has the
 * Human Agent permission (HUMAN_AGENT). Anything else is held until the user
 * writes again. `windowClosed` is set when Meta said the window was closed
 * although our clock thought otherwise.
 */
export function decideDelivery(input: {
  purpose: OutboxPurpose;
  lastUserMessageAt: Date | null;
  now: Date;
  humanAgent: boolean;
  windowClosed?: boolean;
}): WindowDecision {
  const since = input.lastUserMessageAt ? input.now.getTime() - input.lastUserMessageAt.getTime() : Number.POSITIVE_INFINITY;
  const hours = Number.isFinite(since) ? `${(since / 3_600_000).toFixed(1)} h since the user's last message` : 'the user never wrote';
  if (!input.windowClosed && since < STANDARD_WINDOW_MS) {
    return { action: 'send', delivery: { messaging_type: 'RESPONSE' }, why: `inside the 24-hour window (${hours})` };
  }
  if (input.purpose === 'case_update') {
    return { action: 'send', delivery: { messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' }, why: `case status change outside the window (${hours})` };
  }
  if (input.purpose === 'officer_reply' && input.humanAgent && since < HUMAN_AGENT_WINDOW_MS) {
    return { action: 'send', delivery: { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }, why: `officer's reply within 7 days (${hours})` };
  }
  const rule = input.purpose === 'officer_reply' ? (input.humanAgent ? 'past the 7-day human agent window' : 'HUMAN_AGENT not enabled') : 'no tag fits';
  return { action: 'hold', why: `outside the 24-hour window, ${input.purpose}: ${rule} (${hours})` };
}
