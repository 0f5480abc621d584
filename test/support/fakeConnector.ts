import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Activity posted to the stand-in, as the Bot Connector would receive it. */
export interface ConnectorCall {
  conversationId: string;
  /** Set when posted to `/v3/conversations/{id}/activities/{replyToId}`. */
  replyToId?: string;
  authorization?: string;
  activity: {
    type: string;
    text?: string;
    textFormat?: string;
    locale?: string;
    channelId?: string;
    from?: { id: string; name?: string };
    recipient?: { id: string; name?: string };
    conversation?: { id: string };
    replyToId?: string;
    suggestedActions?: { to: string[]; actions: Array<{ type: string; title: string; value: unknown }> };
  };
  /** What the stand-in answered. */
  status: number;
}

/** A scripted answer for the next message post (typing indicators are not affected). */
export interface ConnectorAnswer {
  status: number;
  headers?: Record<string, string>;
}

export interface FakeConnector {
  /** Pass as the Activities' serviceUrl. */
  url: string;
  calls: ConnectorCall[];
  /** Message Activities (not typing) that were taken (2xx), to one conversation if given, in order. */
  messages(conversationId?: string): ConnectorCall[];
  script(answer: ConnectorAnswer): void;
  /** Serves a file at `path` (GET), as a channel's attachment store would; returns its URL. */
  serveFile(path: string, type: string, body: string): string;
  /** Paths of the files asked for, in order. */
  fileRequests: string[];
  close(): Promise<void>;
}

/** The Bot Connector's error body (ErrorResponse). */
const errorBody = (status: number) => ({ error: { code: status === 404 ? 'ConversationNotFound' : status === 429 ? 'TooManyRequests' : 'ServiceError', message: `stand-in answered ${status}` } });

/**
 * A local stand-in for the Bot Connector service on 127.0.0.1, speaking its
 * wire format: `POST /v3/conversations/{conversationId}/activities[/{activityId}]`
 * with an Activity answers `{ id }` (a ResourceResponse), and an error as
 * `{ error: { code, message } }` with its status. It records every call with
 * its Authorization header.
 */
export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const scripted: ConnectorAnswer[] = [];
  const files = new Map<string, { type: string; body: string }>();
  const fileRequests: string[] = [];
  let next = 1;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'GET' && path.startsWith('/files/')) {
      fileRequests.push(path);
      const file = files.get(path);
      res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' }).end(file?.body ?? 'not found');
      return;
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (req.method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(errorBody(404)));
      return;
    }
    const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ConnectorCall['activity'];
    const answer = activity.type === 'typing' ? undefined : scripted.shift();
    const status = answer?.status ?? 200;
    calls.push({
      conversationId: decodeURIComponent(match[1] ?? ''),
      ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      activity,
      status,
    });
    if (status >= 300) {
      res.writeHead(status, { 'content-type': 'application/json', ...answer?.headers }).end(JSON.stringify(errorBody(status)));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `activity-${next++}` }));
  };

  const server = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(500).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    messages: (conversationId) => calls.filter((c) => c.activity.type === 'message' && c.status < 300 && (conversationId === undefined || c.conversationId === conversationId)),
    script: (answer) => void scripted.push(answer),
    serveFile: (path, type, body) => {
      files.set(`/files/${path}`, { type, body });
      return `http://127.0.0.1:${port}/files/${path}`;
    },
    fileRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
