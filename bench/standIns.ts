/**
 * The platforms' sides of a bench, as real HTTP servers on 127.0.0.1 in the
 * bench's own process: a stand-in Telegram Bot API and a stand-in Graph
 * (Send) API. Each records every outbound message with its arrival time,
 * answers the way the platform does, and keeps the figures the platform's
 * limits are about. Neither rejects anything for going too fast: they report.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message as it reached the platform. */
export interface Delivered {
  /** performance.now() when the request arrived (before its body was read). */
  at: number;
  /** Telegram chat id or Messenger PSID, as a string. */
  chat: string;
  /** What the person reads. */
  text: string;
  /** The buttons or quick replies, as JSON ('' for none): with the text, what makes two messages the same. */
  buttons: string;
}

/** The platform-limit figures over everything delivered so far. */
export interface DeliveryStats {
  messages: number;
  /** performance.now() of the first and last delivery (0 when none). */
  firstAt: number;
  lastAt: number;
  /** Most messages that arrived in any 1-second window, bot-wide, and when that window ended (performance.now()). */
  peakPerSecond: number;
  peakAt: number;
  /** Two messages to one chat less than `pacingGapMs` apart. */
  pacingViolations: number;
  chatsWithViolations: number;
  /** The closest two messages to one chat came, in ms (Infinity when no chat got two). */
  closestGapMs: number;
}

export interface StandIn {
  /** The API root to give Setu (TELEGRAM_API_ROOT or FB_GRAPH_API_ROOT). */
  root: string;
  /** Every message so far, unless the stand-in was started with `keepDelivered: false` (then empty: count with stats()). */
  delivered: readonly Delivered[];
  /** Called for each message as it arrives (after it is recorded, before it is answered). */
  onDelivered(listener: (d: Delivered) => void): void;
  /** Every API method or path asked, with how often; unknown ones are prefixed with '?'. */
  calls: ReadonlyMap<string, number>;
  stats(): DeliveryStats;
  close(): Promise<void>;
}

export interface TelegramStandIn extends StandIn {
  /** What Setu gave setWebhook (url, secret_token), once it has. */
  webhook: { url: string; secret: string } | null;
}

/** How a stand-in keeps what it receives. */
export interface StandInOptions {
  /**
   * Whether each message is kept in `delivered` (default true). A bench of hundreds of thousands of messages
   * passes false: listeners still hear every message and stats() still counts them, but nothing is held.
   */
  keepDelivered?: boolean;
}

/** Telegram's Bot FAQ: about one message a second to a chat; the stand-in counts pairs closer than this. */
export const TELEGRAM_PACING_GAP_MS = 900;

/** Keeps the per-chat gaps and the 1-second windows as messages arrive. */
class LimitTracker {
  private readonly lastByChat = new Map<string, number>();
  private readonly violators = new Set<string>();
  private readonly window: number[] = [];
  private head = 0;
  private violations = 0;
  private peak = 0;
  private peakAt = 0;
  private closest = Number.POSITIVE_INFINITY;
  private first = 0;
  private last = 0;
  private count = 0;

  constructor(private readonly pacingGapMs: number) {}

  record(chat: string, at: number): void {
    const previous = this.lastByChat.get(chat);
    if (previous !== undefined) {
      const gap = at - previous;
      this.closest = Math.min(this.closest, gap);
      if (gap < this.pacingGapMs) {
        this.violations += 1;
        this.violators.add(chat);
      }
    }
    this.lastByChat.set(chat, at);
    // Requests are handled in arrival order, so `at` only grows: a queue of the last second's arrivals.
    this.window.push(at);
    while ((this.window[this.head] ?? at) <= at - 1000) this.head += 1;
    if (this.head > 4096) {
      this.window.splice(0, this.head);
      this.head = 0;
    }
    if (this.window.length - this.head > this.peak) {
      this.peak = this.window.length - this.head;
      this.peakAt = at;
    }
    if (this.count === 0) this.first = at;
    this.last = at;
    this.count += 1;
  }

  stats(): DeliveryStats {
    return {
      messages: this.count,
      firstAt: this.first,
      lastAt: this.last,
      peakPerSecond: this.peak,
      peakAt: this.peakAt,
      pacingViolations: this.violations,
      chatsWithViolations: this.violators.size,
      closestGapMs: this.closest,
    };
  }
}

interface Recorder {
  delivered: Delivered[];
  calls: Map<string, number>;
  listeners: Array<(d: Delivered) => void>;
  limits: LimitTracker;
  count(name: string): void;
  deliver(d: Delivered): void;
}

function recorder(pacingGapMs: number, keepDelivered = true): Recorder {
  const r: Recorder = {
    delivered: [],
    calls: new Map(),
    listeners: [],
    limits: new LimitTracker(pacingGapMs),
    count: (name) => r.calls.set(name, (r.calls.get(name) ?? 0) + 1),
    deliver: (d) => {
      if (keepDelivered) r.delivered.push(d);
      r.limits.record(d.chat, d.at);
      for (const listener of r.listeners) listener(d);
    },
  };
  return r;
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ server: Server; root: string }> {
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => json(res, 400, { error: { message: err instanceof Error ? err.message : String(err) } }));
  });
  // Setu keeps its connections to the platform open; so does the real one.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, root: `http://127.0.0.1:${port}` };
}

const closer = (server: Server) => (): Promise<void> =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A request body as an object: JSON, or a form (grammY sends JSON; files would be multipart, which Setu never sends here). */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk instanceof Buffer ? chunk : Buffer.from(String(chunk)));
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the body is not a JSON object');
  return parsed as Record<string, unknown>;
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const BOT_USER = { id: 7_000_000_001, is_bot: true, first_name: 'Setu', username: 'setu_bench_bot' };

/**
 * The Bot API, as much of it as Setu calls: getMe, setMyCommands,
 * setWebhook/deleteWebhook, sendMessage (answered with a Message, as
 * Telegram does), answerCallbackQuery, editMessageText/ReplyMarkup.
 * Anything else is a 404 "method not found", counted under '?method'.
 */
export async function startTelegramStandIn(token: string, options: StandInOptions = {}): Promise<TelegramStandIn> {
  const r = recorder(TELEGRAM_PACING_GAP_MS, options.keepDelivered);
  let nextMessageId = 1;
  const stand: { webhook: TelegramStandIn['webhook'] } = { webhook: null };
  const now = (): number => Math.floor(Date.now() / 1000);
  const message = (body: Record<string, unknown>, id: number): Record<string, unknown> => ({
    message_id: id,
    from: BOT_USER,
    date: now(),
    chat: { id: Number(body.chat_id), type: 'private', first_name: 'Bench' },
    text: text(body.text),
    ...(body.reply_markup !== undefined ? { reply_markup: body.reply_markup } : {}),
  });

  const methods: Record<string, (body: Record<string, unknown>, at: number) => unknown> = {
    getMe: () => ({ ...BOT_USER, can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false }),
    setMyCommands: () => true,
    setWebhook: (body) => {
      stand.webhook = { url: text(body.url), secret: text(body.secret_token) };
      return true;
    },
    deleteWebhook: () => true,
    getUpdates: () => [],
    answerCallbackQuery: () => true,
    editMessageText: (body) => ({ ...message(body, Number(body.message_id)), edit_date: now() }),
    editMessageReplyMarkup: (body) => ({ ...message(body, Number(body.message_id)), edit_date: now() }),
    sendMessage: (body, at) => {
      const markup = body.reply_markup;
      r.deliver({ at, chat: String(body.chat_id), text: text(body.text), buttons: markup === undefined ? '' : JSON.stringify(markup) });
      return message(body, nextMessageId++);
    },
  };

  const { server, root } = await listen(async (req, res) => {
    const at = performance.now();
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const body = await readBody(req);
    if (!match) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, given = '', name = ''] = match;
    if (given !== token) return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = methods[name];
    r.count(method ? name : `?${name}`);
    if (!method) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    json(res, 200, { ok: true, result: method(body, at) });
  });

  return {
    root,
    get webhook() {
      return stand.webhook;
    },
    delivered: r.delivered,
    onDelivered: (listener) => void r.listeners.push(listener),
    calls: r.calls,
    stats: () => r.limits.stats(),
    close: closer(server),
  };
}

/**
 * The Graph API as Setu's Messenger channel calls it: POST /vX.Y/me/messages
 * (a message, answered with recipient_id and message_id; or a sender action
 * such as typing_on, counted but not a message) and the Messenger Profile
 * API. The access token is checked; no rate limit is enforced.
 */
export async function startGraphStandIn(token: string): Promise<StandIn> {
  // Meta publishes no per-recipient pacing; the gap is only measured (1 s, for a figure comparable with Telegram's).
  const r = recorder(1000);
  let nextMid = 1;
  const profile: Record<string, unknown> = {};

  const { server, root } = await listen(async (req, res) => {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const match = /^\/v\d+\.\d+(\/.*)$/.exec(url.pathname);
    const path = match?.[1] ?? url.pathname;
    const method = req.method === 'GET' ? 'GET' : 'POST';
    if (url.searchParams.get('access_token') !== token) {
      r.count(`?bad token ${method} ${path}`);
      return json(res, 400, { error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 } });
    }
    if (path === '/me/messages' && method === 'POST') {
      const recipient = text(record(body.recipient).id);
      if ('sender_action' in body) {
        r.count(`sender_action ${text(body.sender_action)}`);
        return json(res, 200, { recipient_id: recipient });
      }
      r.count('message');
      const m = record(body.message);
      const template = record(record(m.attachment).payload);
      const shown = typeof m.text === 'string' ? m.text : text(template.text);
      const buttons = m.quick_replies ?? template.buttons;
      r.deliver({ at, chat: recipient, text: shown, buttons: buttons === undefined ? '' : JSON.stringify(buttons) });
      return json(res, 200, { recipient_id: recipient, message_id: `m_bench_${nextMid++}` });
    }
    if (path === '/me/messenger_profile') {
      r.count(`${method} messenger_profile`);
      if (method === 'POST') {
        Object.assign(profile, body);
        return json(res, 200, { result: 'success' });
      }
      const fields = (url.searchParams.get('fields') ?? '').split(',').filter((f) => f in profile);
      return json(res, 200, { data: [Object.fromEntries(fields.map((f) => [f, profile[f]]))] });
    }
    r.count(`?${method} ${path}`);
    return json(res, 400, { error: { message: `Unsupported ${method} request.`, type: 'GraphMethodException', code: 100 } });
  });

  return {
    root,
    delivered: r.delivered,
    onDelivered: (listener) => void r.listeners.push(listener),
    calls: r.calls,
    stats: () => r.limits.stats(),
    close: closer(server),
  };
}
