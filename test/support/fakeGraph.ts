import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A one-off answer for the next call to a path: a Graph error (with its HTTP status) or a dropped connection. */
export type FakeGraphResponse =
  | { status: number; error: { message: string; type: string; code: number; error_subcode?: number } }
  | { hangUp: true };

export interface FakeGraphCall {
  method: 'GET' | 'POST';
  /** Path without the version: `/me/messages`, `/me/messenger_profile`. */
  path: string;
  version: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  /** Date.now() when the call arrived. */
  at: number;
}

/** A file on the CDN stand-in: its answer as Meta's CDN would give it (or a redirect, which Meta's CDN never sends). */
export interface FakeCdnFile {
  status?: number;
  type?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface FakeGraph {
  /** Pass as FB_GRAPH_API_ROOT. */
  root: string;
  /**
   * Serves a file as Meta's CDN would for a webhook attachment URL, under `${root}/cdn/`;
   * returns its URL. Allow it with `FB_ATTACHMENT_HOSTS=${graph.root}`.
   */
  serveFile(path: string, file: FakeCdnFile): string;
  /** Paths asked of the CDN stand-in, in order, whether or not a file was there. */
  cdnRequests: string[];
  calls: FakeGraphCall[];
  /** The Page's profile as set through the Messenger Profile API. */
  profile: Record<string, unknown>;
  /** The next message send (or profile call) to `path` gets this answer; sender actions are not affected. */
  script(path: string, response: FakeGraphResponse): void;
  /** Message sends (not sender actions), in order. */
  messages(): FakeGraphCall[];
  close(): Promise<void>;
}

/** Graph's own error shapes, as the Send API returns them. */
export const GRAPH_ERRORS = {
  invalidToken: { status: 400, error: { message: 'Error validating access token: Session has expired.', type: 'OAuthException', code: 190, error_subcode: 463 } },
  rateLimited: { status: 400, error: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613 } },
  outsideWindow: {
    status: 400,
    error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278 },
  },
  userUnavailable: { status: 400, error: { message: '(#551) This person isn\'t available right now.', type: 'OAuthException', code: 551, error_subcode: 1545041 } },
  serverError: { status: 500, error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2 } },
} satisfies Record<string, FakeGraphResponse>;

/**
 * A local stand-in for Meta's Graph API on 127.0.0.1: the Send API and the
 * Messenger Profile API, checking the access token and answering with Graph's
 * success and error shapes, so the Messenger channel is tested over real HTTP.
 * @example const graph = await startFakeGraph('PAGE_TOKEN'); // FB_GRAPH_API_ROOT = graph.root
 */
export async function startFakeGraph(token: string): Promise<FakeGraph> {
  const calls: FakeGraphCall[] = [];
  const scripted = new Map<string, FakeGraphResponse[]>();
  const profile: Record<string, unknown> = {};
  const files = new Map<string, FakeCdnFile>();
  const cdnRequests: string[] = [];
  let nextMid = 1;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/cdn/')) {
      cdnRequests.push(url.pathname);
      const file = files.get(url.pathname);
      res.writeHead(file?.status ?? (file ? 200 : 404), { 'content-type': file?.type ?? 'text/plain', ...file?.headers });
      res.end(file?.body ?? (file ? '' : 'not found'));
      return;
    }
    const match = /^\/(v\d+\.\d+)(\/.*)$/.exec(url.pathname);
    if (!match) return reply(res, 400, { error: { message: 'Unknown path components', type: 'OAuthException', code: 2500 } });
    const [, version = '', path = ''] = match;
    const method = req.method === 'GET' ? 'GET' : 'POST';
    const query = Object.fromEntries(url.searchParams);
    const body = await readJson(req);
    if (query.access_token !== token) {
      return reply(res, 400, { error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: 'AfakeTrace' } });
    }
    calls.push({ method, path, version, query, body, at: Date.now() });
    // Scripted answers are for message sends; a typing indicator never takes one.
    const next = 'sender_action' in body ? undefined : scripted.get(path)?.shift();
    if (next && 'hangUp' in next) {
      res.socket?.destroy();
      return;
    }
    if (next) return reply(res, next.status, { error: { ...next.error, fbtrace_id: 'AfakeTrace' } });

    if (path === '/me/messages' && method === 'POST') {
      const recipient = body.recipient;
      const id = typeof recipient === 'object' && recipient !== null && 'id' in recipient ? String(recipient.id) : '';
      if (!id) return reply(res, 400, { error: { message: '(#100) The parameter recipient is required', type: 'OAuthException', code: 100 } });
      if ('sender_action' in body) return reply(res, 200, { recipient_id: id });
      const problem = checkMessage(body);
      if (problem) return reply(res, 400, { error: { message: `(#100) ${problem}`, type: 'OAuthException', code: 100 } });
      return reply(res, 200, { recipient_id: id, message_id: `m_fake_${nextMid++}` });
    }
    if (path === '/me/messenger_profile' && method === 'POST') {
      Object.assign(profile, body);
      return reply(res, 200, { result: 'success' });
    }
    if (path === '/me/messenger_profile' && method === 'GET') {
      const fields = (query.fields ?? '').split(',').filter(Boolean);
      return reply(res, 200, { data: [Object.fromEntries(fields.filter((f) => f in profile).map((f) => [f, profile[f]]))] });
    }
    return reply(res, 400, { error: { message: `Unsupported ${method} request.`, type: 'GraphMethodException', code: 100 } });
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const root = `http://127.0.0.1:${port}`;
  return {
    root,
    serveFile(path, file) {
      const at = `/cdn/${path.replace(/^\/+/, '')}`;
      files.set(at, file);
      return `${root}${at}`;
    },
    cdnRequests,
    calls,
    profile,
    script(path, response) {
      scripted.set(path, [...(scripted.get(path) ?? []), response]);
    },
    messages: () => calls.filter((c) => c.path === '/me/messages' && 'message' in c.body),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Send API's own checks that matter to us: messaging_type, tag, and the limits on text and choices. */
function checkMessage(body: Record<string, unknown>): string | null {
  const type = body.messaging_type;
  if (type !== 'RESPONSE' && type !== 'UPDATE' && type !== 'MESSAGE_TAG') return 'messaging_type must be RESPONSE, UPDATE or MESSAGE_TAG';
  if (type === 'MESSAGE_TAG' && !['ACCOUNT_UPDATE', 'HUMAN_AGENT', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE'].includes(String(body.tag))) return 'Invalid tag';
  const message = body.message as { text?: unknown; quick_replies?: unknown[]; attachment?: { payload?: { text?: unknown; buttons?: unknown[] } } } | undefined;
  if (!message) return 'The parameter message is required';
  if (typeof message.text === 'string' && message.text.length > 2000) return 'Message text must be at most 2000 characters';
  if (message.quick_replies && message.quick_replies.length > 13) return 'At most 13 quick replies';
  const buttons = message.attachment?.payload?.buttons;
  if (buttons && (buttons.length < 1 || buttons.length > 3)) return 'A button template has 1 to 3 buttons';
  const text = message.attachment?.payload?.text;
  if (typeof text === 'string' && text.length > 640) return 'Button template text must be at most 640 characters';
  return null;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk instanceof Buffer ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
