import { describe, expect, it } from 'vitest';
import type { OutboxPurpose } from '../../infra/delivery/sender.ts';
import type { Delivery } from './graph.ts';
import { decideDelivery } from './windowPolicy.ts';

const NOW = new Date('2025-03-10T12:00:00Z');
const HOUR = 3_600_000;
const hoursAgo = (h: number): Date => new Date(NOW.getTime() - h * HOUR);

interface Row {
  name: string;
  purpose: OutboxPurpose;
  /** Hours since the user's last message; null when the user never wrote. */
  hours: number | null;
  humanAgent?: boolean;
  windowClosed?: boolean;
  expected: Delivery | 'hold';
  /** What the reason must mention. */
  why: RegExp;
}

const RESPONSE: Delivery = { messaging_type: 'RESPONSE' };
const ACCOUNT_UPDATE: Delivery = { messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' };
const HUMAN_AGENT: Delivery = { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };

const rows: Row[] = [
  { name: 'a reply 1 h after goes as a response', purpose: 'reply', hours: 1, expected: RESPONSE, why: /1\.0 h/ },
  { name: 'a reply 23.9 h after still goes as a response', purpose: 'reply', hours: 23.9, expected: RESPONSE, why: /23\.9 h/ },
  { name: 'a reply 25 h after is held', purpose: 'reply', hours: 25, expected: 'hold', why: /25\.0 h/ },
  { name: 'a reply exactly 24 h after is held', purpose: 'reply', hours: 24, expected: 'hold', why: /24\.0 h/ },
  { name: 'a case update 30 h after goes tagged ACCOUNT_UPDATE', purpose: 'case_update', hours: 30, expected: ACCOUNT_UPDATE, why: /30\.0 h/ },
  { name: 'a case update 1 h after goes as a response', purpose: 'case_update', hours: 1, expected: RESPONSE, why: /1\.0 h/ },
  { name: 'an officer reply 30 h after with Human Agent goes tagged HUMAN_AGENT', purpose: 'officer_reply', hours: 30, humanAgent: true, expected: HUMAN_AGENT, why: /30\.0 h/ },
  { name: 'an officer reply 30 h after without Human Agent is held', purpose: 'officer_reply', hours: 30, humanAgent: false, expected: 'hold', why: /30\.0 h/ },
  { name: 'an officer reply 8 days after is held even with Human Agent', purpose: 'officer_reply', hours: 8 * 24, humanAgent: true, expected: 'hold', why: /192\.0 h/ },
  { name: 'an officer reply 1 h after goes as a response', purpose: 'officer_reply', hours: 1, humanAgent: false, expected: RESPONSE, why: /1\.0 h/ },
  { name: 'a notice 30 h after is held', purpose: 'notice', hours: 30, expected: 'hold', why: /30\.0 h/ },
  { name: 'a reply to a user who never wrote is held', purpose: 'reply', hours: null, expected: 'hold', why: /never wrote/ },
  { name: 'a case update 1 h after that Meta says is outside the window goes tagged', purpose: 'case_update', hours: 1, windowClosed: true, expected: ACCOUNT_UPDATE, why: /1\.0 h/ },
  { name: 'a reply 1 h after that Meta says is outside the window is held', purpose: 'reply', hours: 1, windowClosed: true, expected: 'hold', why: /1\.0 h/ },
];

describe('decideDelivery', () => {
  it.each(rows)('$name', ({ purpose, hours, humanAgent, windowClosed, expected, why }) => {
    const decision = decideDelivery({
      purpose,
      lastUserMessageAt: hours === null ? null : hoursAgo(hours),
      now: NOW,
      humanAgent: humanAgent ?? false,
      ...(windowClosed !== undefined ? { windowClosed } : {}),
    });
    if (expected === 'hold') {
      expect(decision).toEqual({ action: 'hold', why: expect.any(String) });
    } else {
      expect(decision).toEqual({ action: 'send', delivery: expected, why: expect.any(String) });
    }
    expect(decision.why).toMatch(why);
  });
});
