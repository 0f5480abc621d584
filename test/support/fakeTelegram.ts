import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A one-off answer for the next call of a method: a result, a Bot API error
 * (sent with its error_code as the HTTP status, as Telegram does), or a dropped
 * connection so the client sees a network failure.
 */
export type FakeResponse =
  | { result: unknown }
  | { error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } }
  | { hangUp: true };

export interface FakeCall {
  method: string;
  body: Record<string, unknown>;
  /** Date.now() when the call arrived. */
  at: number;
}

export interface FakeTelegram {
  /** Pass as `client: { apiRoot }` (Bot) or `new Api(token, { apiRoot })`. */
  apiRoot: string;
  calls: FakeCall[];
  script(method: string, response: FakeResponse): void;
  /**
   * A file the bot can download, as Telegram keeps it: getFile for `fileId` answers with its
   * size and a path like `voice/file_3.oga`, and `/file/bot<token>/<path>` serves its bytes.
   * Other file ids get a placeholder file (`FILE:<path>`).
   */
  serveFile(fileId: string, file: { bytes: Uint8Array; folder?: string; extension?: string }): void;
  close(): Promise<void>;
}

/** The Bot API hands bots files of up to 20 MB; getFile refuses a larger one. */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

const BOT_USER = { id: 7_000_000_001, is_bot: true, first_name: 'Setu', username: 'setu_test_bot' };

/**
 * A local stand-in for the Bot API on 127.0.0.1, answering in Telegram's own shapes,
 * so adapters are tested through a real grammY client without the network.
 * @example const tg = await startFakeTelegram('123:abc'); const api = new Api('123:abc', { apiRoot: tg.apiRoot });
 */
export async function startFakeTelegram(token: string): Promise<FakeTelegram> {
  const calls: FakeCall[] = [];
  const scripted = new Map<string, FakeResponse[]>();
  const files = new Map<string, { path: string; bytes: Uint8Array }>();
  const paths = new Map<string, Uint8Array>();
  let nextMessageId = 1;

  const defaults: Record<string, (body: Record<string, unknown>) => unknown> = {
    getMe: () => ({ ...BOT_USER, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }),
    sendMessage: (body) => ({ ...message(body, nextMessageId++), ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}) }),
    editMessageText: (body) => ({ ...message(body, Number(body.message_id)), edit_date: nowSeconds() }),
    editMessageReplyMarkup: (body) => ({ ...message(body, Number(body.message_id)), reply_markup: body.reply_markup, edit_date: nowSeconds() }),
    answerCallbackQuery: () => true,
    setWebhook: () => true,
    deleteWebhook: () => true,
    setMyCommands: () => true,
    // Long polling answers at once: tests have no updates waiting on the server side.
    getUpdates: () => [],
    getFile: (body) => {
      const id = String(body.file_id);
      const known = files.get(id);
      if (known) return { file_id: id, file_unique_id: `u${id.slice(-12)}`, file_size: known.bytes.byteLength, file_path: known.path };
      return { file_id: id, file_unique_id: `u${id}`, file_size: 4, file_path: `files/${id}.bin` };
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // A file download, as getFile's file_path names it: Telegram serves the bytes as octet-stream.
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      if (file[1] !== token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      calls.push({ method: 'file', body: { path: file[2] ?? '' }, at: Date.now() });
      const bytes = paths.get(file[2] ?? '') ?? Buffer.from(`FILE:${file[2] ?? ''}`);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) });
      res.end(bytes);
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, givenToken = '', method = ''] = match;
    if (givenToken !== token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const body = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
    calls.push({ method, body, at: Date.now() });

    const next = scripted.get(method)?.shift();
    if (next && 'hangUp' in next) {
      res.socket?.destroy();
      return;
    }
    if (next && 'error_code' in next) return reply(res, next.error_code, { ok: false, ...next });
    if (next) return reply(res, 200, { ok: true, result: next.result });
    const big = method === 'getFile' ? files.get(String(body.file_id)) : undefined;
    if (big && big.bytes.byteLength > MAX_DOWNLOAD_BYTES) return reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: file is too big' });
    const answer = defaults[method];
    if (!answer) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    return reply(res, 200, { ok: true, result: answer(body) });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      reply(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${err instanceof Error ? err.message : String(err)}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    script(method, response) {
      scripted.set(method, [...(scripted.get(method) ?? []), response]);
    },
    serveFile(fileId, file) {
      const path = `${file.folder ?? 'voice'}/file_${files.size}.${file.extension ?? 'oga'}`;
      files.set(fileId, { path, bytes: file.bytes });
      paths.set(path, file.bytes);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets from the client would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

function message(body: Record<string, unknown>, messageId: number): Record<string, unknown> {
  const chatId = Number(body.chat_id);
  return {
    message_id: messageId,
    from: BOT_USER,
    date: nowSeconds(),
    chat: { id: chatId, type: 'private', first_name: 'Test' },
    text: typeof body.text === 'string' ? body.text : '',
  };
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function reply(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('body must be a JSON object');
    return parsed as Record<string, unknown>;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  // Uploads come as multipart; no test sends files through this fake yet.
  throw new Error(`unsupported content-type ${type}`);
}
