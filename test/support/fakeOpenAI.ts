import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An error in OpenAI's shape with this HTTP status (500, 429, 401 …). */
export interface ErrorReply {
  status: number;
  error: { message: string; type: string; code: string | null };
}

/** What the stand-in answers a chat completion with. */
export type ChatReply =
  /** A message whose content is this value as JSON (a model keeping to the schema, or not). */
  | { json: unknown; usage?: Usage }
  /** Raw content: not JSON, empty, null; or a refusal, or a cut-off answer. */
  | { content: string | null; refusal?: string | null; finishReason?: 'stop' | 'length' | 'content_filter'; usage?: Usage }
  | ErrorReply
  /** A body that is not a ChatCompletion at all (a misbehaving compatible server). */
  | { body: unknown }
  /** The connection dropped: the client sees a network failure. */
  | { hangUp: true };

export type TranscriptionReply = { text: string } | ErrorReply | { hangUp: true };

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface ChatRequest {
  path: '/v1/chat/completions';
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface TranscriptionRequest {
  path: '/v1/audio/transcriptions';
  authorization: string | undefined;
  /** The form's text fields (model, language, response_format …). */
  fields: Record<string, string>;
  file: { name: string; type: string; bytes: Buffer } | null;
}

export type RecordedRequest = ChatRequest | TranscriptionRequest;

export interface FakeOpenAI {
  /** Pass as the client's `baseURL`. */
  baseURL: string;
  apiKey: string;
  /** Every request that reached a route, in order, with its body. */
  requests: RecordedRequest[];
  chats(): ChatRequest[];
  transcriptions(): TranscriptionRequest[];
  /** The model: an answer for each chat request (by default the JSON `null`, which fits no schema). */
  answer: (request: ChatRequest) => ChatReply | Promise<ChatReply>;
  /** The speech model: by default an empty text. */
  transcribe: (request: TranscriptionRequest) => TranscriptionReply | Promise<TranscriptionReply>;
  /** Milliseconds every answer waits before it is sent (a slow provider). */
  delayMs: number;
  close(): Promise<void>;
}

export const RATE_LIMITED: ErrorReply = {
  status: 429,
  error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' },
};
export const SERVER_ERROR: ErrorReply = {
  status: 500,
  error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null },
};

const send = (res: ServerResponse, status: number, body: unknown): void => {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${randomUUID()}` });
  res.end(JSON.stringify(body));
};

const readRaw = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

function completion(model: string, reply: Extract<ChatReply, { json: unknown } | { content: string | null }>): Record<string, unknown> {
  const content = 'json' in reply ? JSON.stringify(reply.json) : reply.content;
  const refusal = 'refusal' in reply ? (reply.refusal ?? null) : null;
  const usage = reply.usage ?? { prompt_tokens: 321, completion_tokens: 45 };
  return {
    id: `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: refusal === null ? content : null, refusal, annotations: [] },
        logprobs: null,
        finish_reason: 'finishReason' in reply && reply.finishReason !== undefined ? reply.finishReason : 'stop',
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
}

/** A multipart body read the way a server would, through the web Request parser. */
async function readForm(req: IncomingMessage, raw: Buffer): Promise<Pick<TranscriptionRequest, 'fields' | 'file'>> {
  const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: raw }).formData();
  const fields: Record<string, string> = {};
  let file: TranscriptionRequest['file'] = null;
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else if (name === 'file') file = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
  }
  return { fields, file };
}

/**
 * A local stand-in for OpenAI's API on 127.0.0.1 speaking its wire format —
 * `POST /v1/chat/completions` (a ChatCompletion) and `POST /v1/audio/transcriptions`
 * (multipart in, `{ "text" }` out) — so the understander and the transcriber are
 * tested through the real `openai` client with no network and no model.
 *
 * @example const ai = await startFakeOpenAI(); const client = new OpenAI({ apiKey: ai.apiKey, baseURL: ai.baseURL, maxRetries: 0 });
 */
export async function startFakeOpenAI(apiKey = 'sk-test-fake'): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const raw = await readRaw(req);
    if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/v1/audio/transcriptions')) {
      return send(res, 404, { error: { message: `Invalid URL (${req.method ?? ''} ${path})`, type: 'invalid_request_error', param: null, code: null } });
    }
    const authorization = req.headers.authorization;
    const request: RecordedRequest =
      path === '/v1/chat/completions'
        ? { path, authorization, body: JSON.parse(raw.toString('utf8')) as Record<string, unknown> }
        : { path, authorization, ...(await readForm(req, raw)) };
    requests.push(request);
    if (authorization !== `Bearer ${apiKey}`) {
      return send(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    }
    const reply = request.path === '/v1/chat/completions' ? await fake.answer(request) : await fake.transcribe(request);
    if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
    if ('hangUp' in reply) {
      res.socket?.destroy();
      return;
    }
    if ('status' in reply) return send(res, reply.status, { error: { ...reply.error, param: null } });
    if ('text' in reply) return send(res, 200, { text: reply.text, usage: { type: 'duration', seconds: 3 } });
    if ('body' in reply) return send(res, 200, reply.body);
    const model = request.path === '/v1/chat/completions' ? String(request.body.model) : '';
    return send(res, 200, completion(model, reply));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: { message: String(err), type: 'server_error', param: null, code: null } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeOpenAI = {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    chats: () => requests.filter((r): r is ChatRequest => r.path === '/v1/chat/completions'),
    transcriptions: () => requests.filter((r): r is TranscriptionRequest => r.path === '/v1/audio/transcriptions'),
    answer: () => ({ json: null }),
    transcribe: () => ({ text: '' }),
    delayMs: 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A slow answer still waiting must not hold the server open.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return fake;
}
