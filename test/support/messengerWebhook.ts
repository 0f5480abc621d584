import { createHmac } from 'node:crypto';
import type { Clock } from '../../src/engine/types.ts';
import type { Running } from '../../src/main.ts';
import type { FakeGraph, FakeGraphCall } from './fakeGraph.ts';

/** Raw Messenger webhook calls as Meta sends them, signed with the app secret, and what came back. */

export const TEST_PAGE_ID = '1000000001';

export type Event = Record<string, unknown>;

export const sign = (raw: string, secret: string): string => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

export function eventBuilders(clock: Clock) {
  let mid = 0;
  const base = (psid: string) => ({ sender: { id: psid }, recipient: { id: TEST_PAGE_ID }, timestamp: clock.now().getTime() });
  return {
    base,
    page: (...events: Event[]) => ({ object: 'page', entry: [{ id: TEST_PAGE_ID, time: clock.now().getTime(), messaging: events }] }),
    text: (psid: string, t: string, id = `m_${++mid}`): Event => ({ ...base(psid), message: { mid: id, text: t } }),
    quick: (psid: string, payload: string, title = 'x'): Event => ({ ...base(psid), message: { mid: `m_${++mid}`, text: title, quick_reply: { payload } } }),
    postback: (psid: string, payload: string, extra: Event = {}): Event => ({ ...base(psid), postback: { mid: `m_${++mid}`, title: 'x', payload, ...extra } }),
    attachment: (psid: string, type: string, url: string): Event => ({ ...base(psid), message: { mid: `m_${++mid}`, attachments: [{ type, payload: { url } }] } }),
    nextMid: () => `m_${++mid}`,
  };
}

/**
 * Posts a webhook call to a running Setu (signed right, wrong, or not at all) and waits
 * until its turns ran and their replies reached the stand-in Graph server.
 */
export function deliverer(opts: { setu: () => Running; graph: () => FakeGraph; appSecret: string; clock: { advance(ms: number): void } }) {
  return async (body: object | string, signature: 'valid' | 'wrong' | 'missing' = 'valid'): Promise<{ status: number; calls: FakeGraphCall[] }> => {
    const setu = opts.setu();
    const graph = opts.graph();
    const before = graph.calls.length;
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== 'missing') headers['x-hub-signature-256'] = sign(raw, signature === 'valid' ? opts.appSecret : 'not-the-secret');
    const res = await fetch(`${setu.url}/messenger/webhook`, { method: 'POST', headers, body: raw });
    await setu.messenger?.idle();
    await setu.app.worker.drain();
    opts.clock.advance(5_000);
    return { status: res.status, calls: graph.calls.slice(before) };
  };
}

/** Message sends (not typing indicators), to one user if given. */
export const sends = (calls: FakeGraphCall[], psid?: string) =>
  calls.filter((c) => c.path === '/me/messages' && 'message' in c.body && (psid === undefined || (c.body.recipient as { id: string }).id === psid));

/** What the user reads: the text of a message, or of a button template. */
export const shown = (c: FakeGraphCall): string => {
  const m = c.body.message as { text?: string; attachment?: { payload: { text: string } } };
  return m.text ?? m.attachment?.payload.text ?? '';
};

export const quickReplies = (c: FakeGraphCall | undefined) =>
  (c?.body.message as { quick_replies?: { title: string; payload: string }[] } | undefined)?.quick_replies ?? [];

/** The steps of an English grievance (a bribe, widow allowance, Tungipara) up to its submission. */
export function bribeGrievance(b: ReturnType<typeof eventBuilders>, psid: string): Event[] {
  return [
    b.postback(psid, 'GET_STARTED'),
    b.quick(psid, 'lang.en'),
    b.postback(psid, 'START:grievance'),
    b.quick(psid, 'cat.bribe'),
    b.quick(psid, 'prog.widow'),
    b.text(psid, 'tungipara gopalganj'),
    b.text(psid, '1'),
    b.text(psid, '1'),
    b.text(psid, 'The union clerk asked for 2000 taka.'),
    b.quick(psid, 'phone.skip'),
    b.quick(psid, 'id.private'),
    b.quick(psid, 'sum.submit'),
  ];
}

/** The tracking number (9 digits) in an English receipt among these sends. */
export const trackingNumberIn = (calls: FakeGraphCall[]): string =>
  calls.map(shown).find((t) => /Tracking number: /.test(t))?.match(/(\d{3}-\d{3}-\d{3})/)?.[1]?.replaceAll('-', '') ?? '';
