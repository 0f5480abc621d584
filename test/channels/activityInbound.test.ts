import { describe, expect, it } from 'vitest';
import { InboundActivitySchema, readActivity } from '../../src/channels/activity/inbound.ts';

/** How one Activity reads as a channel-neutral message (the pure part of the endpoint). */

const at = new Date('2026-12-01T06:00:00Z');
const activity = (extra: Record<string, unknown>) =>
  InboundActivitySchema.parse({
    type: 'message',
    id: '1481567603816',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    conversation: { id: 'a:1xyz' },
    from: { id: '29:user', name: 'Karim' },
    recipient: { id: '28:bot', name: 'Setu' },
    ...extra,
  });
const bodyOf = (extra: Record<string, unknown>, offered: string[] = []) => {
  const r = readActivity(activity(extra), new Set(offered), at);
  return r.kind === 'turn' ? r.inbound.body : r;
};

describe('readActivity', () => {
  it('names the contact by channel and conversation, and makes the message id unique across conversations', () => {
    const r = readActivity(activity({ text: 'hello', locale: 'bn-BD' }), new Set(), at);
    expect(r).toMatchObject({ kind: 'turn', inbound: { channel: 'activity', userId: 'msteams:a:1xyz', messageId: 'msteams:a:1xyz|1481567603816', langHint: 'bn' } });
  });

  it('takes text equal to an offered choice id as the click, other text as text', () => {
    expect(bodyOf({ text: 'menu.status' }, ['menu.status'])).toEqual({ type: 'choice', choiceId: 'menu.status' });
    expect(bodyOf({ text: 'menu.status' })).toEqual({ type: 'text', text: 'menu.status' });
    expect(bodyOf({ text: '  হ্যাঁ ' }, ['yes'])).toEqual({ type: 'text', text: 'হ্যাঁ' });
  });

  it('reads a postBack string or a messageBack { choiceId } value as the choice; other values are not choices', () => {
    expect(bodyOf({ value: 'lang.en' })).toEqual({ type: 'choice', choiceId: 'lang.en' });
    expect(bodyOf({ value: { choiceId: 'menu.report' }, text: 'Report' })).toEqual({ type: 'choice', choiceId: 'menu.report' });
    expect(bodyOf({ value: { choiceId: 'not a choice id' }, text: 'x' })).toEqual({ type: 'text', text: 'x' });
  });

  it('keeps a photo or voice note as activity:<url>, ignores Teams\' HTML copy of the text, and a file by its kind only', () => {
    expect(bodyOf({ attachments: [{ contentType: 'image/png', contentUrl: 'https://x.example/p.png' }] })).toEqual({ type: 'attachment', kind: 'image', ref: 'activity:https://x.example/p.png' });
    expect(bodyOf({ attachments: [{ contentType: 'audio/ogg', contentUrl: 'https://x.example/v.ogg' }] })).toEqual({ type: 'attachment', kind: 'audio', ref: 'activity:https://x.example/v.ogg' });
    expect(bodyOf({ text: 'hello', attachments: [{ contentType: 'text/html', content: '<p>hello</p>' }] })).toEqual({ type: 'text', text: 'hello' });
    expect(bodyOf({ attachments: [{ contentType: 'application/pdf', contentUrl: 'https://x.example/d.pdf' }] })).toEqual({ type: 'attachment', kind: 'file' });
    // Not a URL Setu could ever fetch (Web Chat's inline data): a photo, with nothing to keep.
    expect(bodyOf({ attachments: [{ contentType: 'image/png', contentUrl: 'data:image/png;base64,AAAA' }] })).toEqual({ type: 'attachment', kind: 'image' });
  });

  it('welcomes a user added to the conversation, not the bot', () => {
    expect(bodyOf({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }, { id: '29:user' }] })).toEqual({ type: 'start' });
    expect(bodyOf({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }] })).toEqual({ kind: 'ignored', why: 'no user added' });
    expect(bodyOf({ type: 'conversationUpdate', membersRemoved: [{ id: '29:user' }] })).toMatchObject({ kind: 'ignored' });
  });

  it('ignores an empty message, and cuts a long one', () => {
    expect(bodyOf({ text: '   ' })).toEqual({ kind: 'ignored', why: 'an empty message' });
    expect((bodyOf({ text: 'ক'.repeat(10_000) }) as { text: string }).text).toHaveLength(4096);
  });

  it('refuses at the door what no reply could reach: no serviceUrl, a non-http one, no conversation', () => {
    const base = { type: 'message', channelId: 'msteams', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } };
    expect(InboundActivitySchema.safeParse(base).success).toBe(false);
    expect(InboundActivitySchema.safeParse({ ...base, serviceUrl: 'file:///etc/passwd' }).success).toBe(false);
    expect(InboundActivitySchema.safeParse({ ...base, serviceUrl: 'https://x.example/', conversation: {} }).success).toBe(false);
    expect(InboundActivitySchema.safeParse({ ...base, serviceUrl: 'https://x.example/' }).success).toBe(true);
  });
});
