import { describe, expect, it } from 'vitest';
import type { InboundBody } from '../../engine/types.ts';
import { messagingEvents, platformKeyOf, readEvent, WebhookBodySchema, type MessagingEvent } from './events.ts';

const PSID = '7700112233';
const PAGE = '1020304050';
const AT = new Date('2025-03-10T12:00:00Z');
const TS = 1741608000000;

function event(rest: Partial<MessagingEvent>): MessagingEvent {
  return { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: TS, ...rest };
}

/** The body a turn carries, or a failure naming what was ignored. */
function bodyOf(e: MessagingEvent): InboundBody {
  const reading = readEvent(e, AT);
  if (reading.kind !== 'turn') throw new Error(`ignored: ${reading.why}`);
  expect(reading.inbound).toMatchObject({ channel: 'messenger', userId: PSID, receivedAt: AT });
  return reading.inbound.body;
}

describe('readEvent', () => {
  it('reads a text message as text, keyed by its mid', () => {
    const reading = readEvent(event({ message: { mid: 'm.1', text: 'আমার ভাতা আসেনি' } }), AT);
    expect(reading).toEqual({
      kind: 'turn',
      inbound: { channel: 'messenger', userId: PSID, messageId: 'm.1', body: { type: 'text', text: 'আমার ভাতা আসেনি' }, receivedAt: AT },
    });
  });

  it('reads a tapped quick reply as the choice, not the title text', () => {
    expect(bodyOf(event({ message: { mid: 'm.2', text: '১', quick_reply: { payload: 'loc.un2' } } }))).toEqual({ type: 'choice', choiceId: 'loc.un2' });
  });

  it('reads a button postback as the choice', () => {
    expect(bodyOf(event({ postback: { mid: 'm.3', title: 'অবস্থা দেখুন', payload: 'case.status' } }))).toEqual({ type: 'choice', choiceId: 'case.status' });
  });

  it('reads Get Started as a start', () => {
    expect(bodyOf(event({ postback: { title: 'শুরু করুন', payload: 'GET_STARTED' } }))).toEqual({ type: 'start' });
  });

  it('reads Get Started from an m.me link with ref as a start with that payload', () => {
    expect(bodyOf(event({ postback: { title: 'শুরু করুন', payload: 'GET_STARTED', referral: { ref: 'grievance', source: 'SHORTLINK', type: 'OPEN_THREAD' } } }))).toEqual({
      type: 'start',
      payload: 'grievance',
    });
  });

  it('reads a START: postback as a start with the rest as payload', () => {
    expect(bodyOf(event({ postback: { mid: 'm.4', payload: 'START:status' } }))).toEqual({ type: 'start', payload: 'status' });
  });

  it('reads a CMD: menu postback as the command typed', () => {
    expect(bodyOf(event({ postback: { mid: 'm.5', payload: 'CMD:language' } }))).toEqual({ type: 'text', text: 'language' });
  });

  it('reads a referral to an open conversation as a start with the ref', () => {
    expect(bodyOf(event({ referral: { ref: 'grievance', source: 'SHORTLINK', type: 'OPEN_THREAD' } }))).toEqual({ type: 'start', payload: 'grievance' });
  });

  it.each(['image', 'audio', 'file', 'video'] as const)('reads a %s attachment with a messenger: ref to its url', (type) => {
    const url = `https://scontent.xx.fbcdn.net/v/${type}.bin?x=1`;
    expect(bodyOf(event({ message: { mid: 'm.6', attachments: [{ type, payload: { url } }] } }))).toEqual({
      type: 'attachment',
      kind: type,
      ref: `messenger:${url}`,
    });
  });

  it('reads the thumbs-up (an image with a sticker_id) as a sticker', () => {
    const body = bodyOf(event({ message: { mid: 'm.7', attachments: [{ type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/like.png', sticker_id: 369239263222822 } }] } }));
    expect(body).toEqual({ type: 'attachment', kind: 'sticker' });
  });

  it.each<[string, Partial<MessagingEvent>]>([
    ['an echo of the Page’s own message', { message: { mid: 'm.8', text: 'আপনার অভিযোগ গ্রহণ করা হয়েছে', is_echo: true } }],
    ['a delivery receipt', { delivery: { mids: ['m.1'], watermark: TS } }],
    ['a read receipt', { read: { watermark: TS } }],
  ])('ignores %s', (_name, rest) => {
    expect(readEvent(event(rest), AT)).toEqual({ kind: 'ignore', why: expect.any(String) });
  });
});

describe('platformKeyOf', () => {
  it('uses the message mid', () => {
    expect(platformKeyOf(event({ message: { mid: 'm.abc', text: 'হ্যালো' } }))).toBe('m.abc');
  });

  it('uses the postback mid when there is one', () => {
    expect(platformKeyOf(event({ postback: { mid: 'm.pb', payload: 'case.status' } }))).toBe('m.pb');
  });

  it('uses who and when for a postback without mid, the same on re-delivery', () => {
    const e = event({ postback: { payload: 'GET_STARTED' } });
    expect(platformKeyOf(e)).toBe(`postback:${PSID}:${TS}`);
    expect(platformKeyOf(structuredClone(e))).toBe(platformKeyOf(e));
    expect(platformKeyOf(event({ timestamp: TS + 1, postback: { payload: 'GET_STARTED' } }))).not.toBe(platformKeyOf(e));
  });
});

describe('messagingEvents', () => {
  it('keeps Meta’s order across batched entries', () => {
    const body = WebhookBodySchema.parse({
      object: 'page',
      entry: [
        { id: PAGE, time: TS, messaging: [event({ message: { mid: 'm.1', text: 'এক' } }), event({ message: { mid: 'm.2', text: 'দুই' } })] },
        { id: PAGE, time: TS, changes: [] },
        { id: PAGE, time: TS + 1, messaging: [event({ postback: { mid: 'm.3', payload: 'case.status' } })] },
      ],
    });
    expect(messagingEvents(body).map(platformKeyOf)).toEqual(['m.1', 'm.2', 'm.3']);
  });
});
