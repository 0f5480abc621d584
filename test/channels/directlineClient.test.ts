import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Activity, DirectLine as DirectLineType, DirectLineOptions, Message } from 'botframework-directlinejs';
import type { Observable as ObservableType, Subscriber } from 'rxjs';
import type { Running } from '../../src/main.ts';
import { tempSqliteUrl } from '../support/appHarness.ts';
import { startSetu } from '../support/directLine.ts';
import { until } from '../support/waiting.ts';

/**
 * Setu driven by the real Direct Line client, botframework-directlinejs (what
 * Web Chat runs on), from the installed package. In Node it needs what a
 * browser has: an ajax service (given here on fetch, as the client allows)
 * and, for streaming, a WebSocket (the `ws` package's).
 */

const require = createRequire(import.meta.url);
const { DirectLine } = require('botframework-directlinejs') as { DirectLine: new (options: DirectLineOptions & { ajax?: unknown; WebSocket?: unknown }) => DirectLineType };
const { Observable } = require('rxjs/Observable') as { Observable: typeof ObservableType };

interface AjaxRequest {
  method?: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  responseType?: string;
}

/** rxjs' ajax on fetch: `{response, status}`, or an error with the status (403 means an expired token to the client). */
function fetchAjax(request: AjaxRequest): ObservableType<{ response: unknown; status: number }> {
  return Observable.create((subscriber: Subscriber<{ response: unknown; status: number }>) => {
    const headers = { ...(request.headers ?? {}) };
    let body: RequestInit['body'] | undefined;
    if (request.body instanceof FormData) body = request.body;
    else if (request.body !== undefined) body = JSON.stringify(request.body);
    if (request.body === undefined) delete headers['Content-Type'];
    fetch(request.url, { method: request.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) })
      .then(async (res) => {
        const response = request.responseType === 'arraybuffer' ? await res.arrayBuffer() : await res.text().then((t) => (t ? (JSON.parse(t) as unknown) : null));
        if (res.status >= 400) subscriber.error({ status: res.status, response, xhr: { getResponseHeader: (name: string) => res.headers.get(name) } });
        else {
          subscriber.next({ response, status: res.status });
          subscriber.complete();
        }
      })
      .catch((err: unknown) => subscriber.error(err));
  });
}

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function boot(): Promise<Running> {
  const db = tempSqliteUrl();
  const dataDir = mkdtempSync(join(tmpdir(), 'setu-dl-client-'));
  const setu = await startSetu(db.url, dataDir);
  stops.push(() => {
    db.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });
  stops.push(() => setu.stop());
  return setu;
}

async function tokenFor(setu: Running): Promise<string> {
  const res = await fetch(`${setu.url}/v3/directline/tokens/generate`, { method: 'POST' });
  return ((await res.json()) as { token: string }).token;
}

const texts = (activities: readonly Activity[]): string[] => activities.flatMap((a) => (a.type === 'message' && a.from.role === 'bot' ? [a.text ?? ''] : []));

/** Runs one client through the welcome, a message, a button, and a photo. */
async function converse(client: DirectLineType): Promise<Activity[]> {
  const got: Activity[] = [];
  const subscription = client.activity$.subscribe((a) => got.push(a));
  stops.push(() => {
    subscription.unsubscribe();
    client.end();
  });
  const post = (activity: Partial<Message>): Promise<string> =>
    new Promise((resolve, reject) => client.postActivity({ type: 'message', from: { id: 'dl_user' }, ...activity } as Message).subscribe({ next: resolve, error: reject }));

  await until(() => texts(got).some((t) => /আপনি কী করতে চান/.test(t)));
  const id = await post({ text: 'আমার মা কি বয়স্ক ভাতা পাবে?' });
  expect(id).toMatch(/\|\d{7}$/);
  await until(() => texts(got).some((t) => /তাঁর বয়স কত বছর/.test(t)));
  // The echo came back under the id the post returned.
  expect(got.find((a) => a.id === id)).toMatchObject({ from: { role: 'user' }, text: 'আমার মা কি বয়স্ক ভাতা পাবে?' });
  await post({ text: '৬৭' });
  await until(() => texts(got).some((t) => /বৈবাহিক অবস্থা/.test(t)));
  const buttons = [...got].reverse().find((a): a is Message => a.type === 'message' && a.suggestedActions !== undefined)?.suggestedActions?.actions ?? [];
  const married = buttons.find((b) => b.value === 'ms.married');
  expect(married?.type).toBe('imBack');
  await post({ text: String(married?.value) });
  await until(() => texts(got).some((t) => /বেলায় খাটে/.test(t)));
  return got;
}

describe('the Direct Line JS client against Setu', () => {
  it('holds a conversation by polling', async () => {
    const setu = await boot();
    const client = new DirectLine({ token: await tokenFor(setu), domain: `${setu.url}/v3/directline`, webSocket: false, pollingInterval: 200, ajax: fetchAjax, WebSocket });
    const got = await converse(client);
    const ids = got.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds a conversation over the WebSocket stream, and uploads a photo', async () => {
    const setu = await boot();
    // The client looks for a global WebSocket before it uses the one it is given.
    const g = globalThis as { WebSocket?: unknown };
    const had = g.WebSocket;
    g.WebSocket = WebSocket;
    stops.push(() => {
      g.WebSocket = had;
    });
    const client = new DirectLine({ token: await tokenFor(setu), domain: `${setu.url}/v3/directline`, webSocket: true, ajax: fetchAjax, WebSocket });
    const got = await converse(client);
    expect(got.some((a) => a.type === 'typing')).toBe(true);

    // A message with a local file goes as multipart to /upload (the client fetches the contentUrl itself).
    const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001', 'hex');
    const id = await new Promise<string>((resolve, reject) =>
      client
        .postActivity({
          type: 'message',
          from: { id: 'dl_user' },
          attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${png.toString('base64')}`, name: 'photo.png' }],
        } as Message)
        .subscribe({ next: resolve, error: reject }),
    );
    expect(id).toMatch(/\|\d{7}$/);
    await until(() => got.some((a) => a.id === id));
    expect(got.find((a) => a.id === id)).toMatchObject({ from: { role: 'user' }, attachments: [{ name: 'photo-1.png' }] });
    // Mid-questions a photo is not an answer: Setu says so, in reply to it.
    // The client's types leave out replyToId, which the wire carries.
    await until(() => got.some((a) => a.type === 'message' && a.from.role === 'bot' && (a as Message & { replyToId?: string }).replyToId === id));
  });
});
