import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { z } from 'zod';
import type { Pipeline } from '../../app/pipeline.ts';
import { KeyedSerializer } from '../../app/keyedSerializer.ts';
import { createMemoryRateLimiter, type RateLimiter } from '../../app/limits/rateLimiter.ts';
import type { Env } from '../../config/env.ts';
import type { Clock, Lang } from '../../engine/types.ts';
import type { FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import type { Sender } from '../../infra/delivery/sender.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from '../shared/clientAddress.ts';
import { parseJson, readRawBody, replyTooLarge } from '../shared/readBody.ts';
import { activityId, type StoredActivity, type StoredTurn, type SuggestedAction } from './activity.ts';
import type { DirectLineFiles } from '../../infra/files/uploadedFiles.ts';
import { ClientActivitySchema, clientKey, langOf, readMessage, MAX_TEXT, type ClientActivity } from './inbound.ts';
import { claimedKind, sniffMedia, type Media } from '../../infra/files/media.ts';
import { createDirectLineSender } from './sender.ts';
import { createDirectLineStore, type KeptActivity } from './store.ts';
import { createDirectLineStream } from './stream.ts';
import { createDirectLineTokens, CONVERSATION_ID, newConversationId } from './tokens.ts';
import { parseWatermark } from './watermark.ts';

const PREFIX = '/v3/directline/';

/** An Activity with 4,000 characters of Bangla (12 KB of UTF-8) and what Web Chat adds to it (entities, channelData). */
const MAX_ACTIVITY_BODY = 64 * 1024;
/** Bodies of the calls that carry none that matters (token calls, starting a conversation). */
const MAX_SMALL_BODY = 16 * 1024;
/** Files per upload. */
const MAX_FILES = 4;
/** What multipart framing and the activity part add to the files. */
const UPLOAD_OVERHEAD = 64 * 1024;
/** How far back a message sent again is recognised, and the buttons just offered are looked for. */
const LOOKBACK = 50;

export interface DirectLineLimits {
  /** New conversations (tokens/generate) per client address. */
  tokens: RateLimiter;
  /** Messages and uploads per client address. */
  posts: RateLimiter;
  /** Polls, reconnects and refreshes per client address. */
  reads: RateLimiter;
  proxies: TrustedProxies;
  /** Bytes one upload may carry, all its files together. */
  uploadMaxBytes: number;
}

export function directLineLimitsFrom(env: Env): DirectLineLimits {
  return {
    tokens: createMemoryRateLimiter({ burst: env.DIRECTLINE_TOKENS_BURST, perMinute: env.DIRECTLINE_TOKENS_PER_MINUTE }),
    posts: createMemoryRateLimiter({ burst: env.WEB_RATE_BURST, perMinute: env.WEB_RATE_PER_MINUTE }),
    reads: createMemoryRateLimiter({ burst: Math.ceil(env.WEB_POLL_PER_MINUTE / 2), perMinute: env.WEB_POLL_PER_MINUTE }),
    proxies: parseTrustedProxies(env.TRUSTED_PROXY),
    uploadMaxBytes: env.DIRECTLINE_UPLOAD_MB * 1024 * 1024,
  };
}

export interface DirectLineDeps {
  pipeline: Pipeline;
  db: DbClient;
  writes: WriteLock;
  cipher: FieldCipher;
  clock: Clock;
  log: Logger;
  /** The app's Direct Line key (derived from the data key); tokens derive their own key from it. */
  key: Buffer;
  /** Where uploaded photos and voice notes are kept (the app's, so its transcriber can hear them too). */
  files: DirectLineFiles;
  limits: DirectLineLimits;
  /** Where clients reach Setu (PUBLIC_URL), for the streamUrl; the request's Host otherwise. */
  publicUrl?: string;
}

export interface DirectLine {
  /** Answers a `/v3/directline/…` request; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Takes a WebSocket upgrade to a conversation's stream; false for any other path. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** The outbox's sender for channel 'directline'. */
  sender: Sender;
  /** Uploaded files, for the officers' attachment pages (`directline:` references). */
  files: DirectLineFiles;
  /** Closes the open streams. */
  close(): void;
}

type Authorized = { conversationId: string; token: string; expiresIn: number };

/**
 * Direct Line 3.0, served by Setu: what Web Chat (botframework-webchat) and
 * the Direct Line JS client use, with tokens Setu signs itself. See README,
 * "Direct Line (Web Chat's protocol), served by Setu".
 */
export function createDirectLine(deps: DirectLineDeps): DirectLine {
  const tokens = createDirectLineTokens(deps.key, deps.clock);
  const store = createDirectLineStore({ db: deps.db, writes: deps.writes, cipher: deps.cipher, clock: deps.clock });
  const stream = createDirectLineStream({ store, tokens, clock: deps.clock, log: deps.log });
  const files = deps.files;
  const sender = createDirectLineSender({ store, clock: deps.clock, onAppended: (id) => stream.notify(id) });
  /** A message sent twice at once is stored once: the check and the append run one at a time per conversation. */
  const appends = new KeyedSerializer();

  const addressOf = (req: IncomingMessage): string => {
    const forwarded = req.headers['x-forwarded-for'];
    return clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, deps.limits.proxies);
  };

  /** 429 with Retry-After; false when allowed. */
  const limited = (req: IncomingMessage, res: ServerResponse, limiter: RateLimiter): boolean => {
    const verdict = limiter.take(addressOf(req), deps.clock.now().getTime());
    if (verdict.allowed) return false;
    res.setHeader('retry-after', String(Math.ceil(verdict.retryAfterMs / 1000)));
    error(res, 429, 'TooManyRequests', 'too many requests from this address; try again shortly');
    return true;
  };

  /**
   * The conversation a request may use: a valid token (Authorization: Bearer)
   * for this very conversation. Another conversation's token, an expired, altered
   * or made-up one: 403, whether or not the conversation exists; a valid token
   * whose conversation is gone: 404.
   */
  const authorize = async (req: IncomingMessage, res: ServerResponse, pathId?: string): Promise<Authorized | null> => {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (token === undefined) {
      error(res, 401, 'Unauthorized', 'a Direct Line token is required (Authorization: Bearer <token>; POST /v3/directline/tokens/generate makes one)');
      return null;
    }
    const verified = tokens.verify(token);
    if (!verified || (pathId !== undefined && verified.conversationId !== pathId)) {
      error(res, 403, 'TokenExpired', 'the token is not valid for this conversation, or has expired');
      return null;
    }
    if (!(await store.exists(verified.conversationId))) {
      error(res, 404, 'NotFound', 'no such conversation');
      return null;
    }
    return { conversationId: verified.conversationId, token, expiresIn: verified.expiresIn };
  };

  const streamUrl = (req: IncomingMessage, conversationId: string, watermark: number): string => {
    const host = req.headers.host && /^[A-Za-z0-9.:[\]-]{1,255}$/.test(req.headers.host) ? req.headers.host : 'localhost';
    const base = (deps.publicUrl ?? `http://${host}`).replace(/\/$/, '').replace(/^http/, 'ws');
    const { token } = tokens.issue(conversationId, 'stream');
    return `${base}${PREFIX}conversations/${conversationId}/stream?watermark=${watermark}&t=${token}`;
  };

  const conversation = (req: IncomingMessage, auth: Authorized, watermark = 0) => ({
    conversationId: auth.conversationId,
    token: auth.token,
    expires_in: auth.expiresIn,
    streamUrl: streamUrl(req, auth.conversationId, watermark),
  });

  /**
   * Runs the turns of a stored message (again, for a message sent twice: the
   * pipeline answers each once). A turn is received at its echo's timestamp,
   * which its replies are queued at: the sender finds the message a reply
   * answers by it, even when several were sent at once.
   */
  const runTurns = async (conversationId: string, turns: readonly StoredTurn[], receivedAt: Date, langHint: Lang | undefined): Promise<void> => {
    for (const turn of turns) {
      stream.typing(conversationId);
      await deps.pipeline.handle({
        channel: 'directline',
        userId: conversationId,
        messageId: turn.messageId,
        body: turn.body,
        receivedAt,
        ...(langHint ? { langHint } : {}),
      });
    }
  };

  /**
   * Stores the user's message (its echo) unless it was stored already, then
   * runs its turns. A message sent again (same clientActivityID) gets the id
   * of its first echo, and only the turns not yet taken are run.
   */
  const take = async (
    conversationId: string,
    activity: ClientActivity,
    make: (offered: readonly SuggestedAction[], key: string, at: Date) => Promise<{ echo: StoredActivity; turns: StoredTurn[] }>,
  ): Promise<string | null> => {
    const given = clientKey(activity);
    const stored = await appends.run(conversationId, async () => {
      const recent = await store.recent(conversationId, LOOKBACK);
      const seen = given === undefined ? undefined : recent.find((r) => r.row.key === given);
      if (seen) return { rowId: seen.rowId, turns: seen.row.turns ?? [], at: new Date(seen.row.activity.timestamp) };
      const key = given ?? randomBytes(12).toString('base64url');
      // A message's timestamp is later than the one before it, by a millisecond if the clock has not moved.
      const last = Math.max(0, ...recent.filter((r) => r.row.activity.from.role === 'user').map((r) => Date.parse(r.row.activity.timestamp) || 0));
      const at = new Date(Math.max(deps.clock.now().getTime(), last + 1));
      const { echo, turns } = await make(offeredIn(recent), key, at);
      const rowId = await store.append(conversationId, { activity: echo, key, turns });
      return rowId === null ? null : { rowId, turns, at };
    });
    if (stored === null) return null;
    stream.notify(conversationId);
    await runTurns(conversationId, stored.turns, stored.at, langOf(activity.locale));
    return activityId(conversationId, stored.rowId);
  };

  const postActivity = async (req: IncomingMessage, res: ServerResponse, auth: Authorized): Promise<void> => {
    if (!isType(req, 'application/json')) return error(res, 415, 'UnsupportedMediaType', 'activities are JSON (Content-Type: application/json)');
    const raw = await readRawBody(req, MAX_ACTIVITY_BODY);
    if (raw === null) return replyTooLarge(res, MAX_ACTIVITY_BODY);
    const json = parseJson(raw);
    const parsed = ClientActivitySchema.safeParse(json);
    if (json === null || !parsed.success) return error(res, 400, 'BadArgument', 'not an Activity');
    const activity = parsed.data;
    // Typing, events, conversation updates: acknowledged, neither stored nor answered (Setu sends its welcome itself).
    if (activity.type !== 'message') return send(res, 200, { id: `${auth.conversationId}|${randomBytes(6).toString('hex')}` });
    const id = await take(auth.conversationId, activity, async (offered, key, at) => {
      const read = readMessage(activity, offered, at);
      return { echo: read.echo, turns: read.body ? [{ messageId: `${auth.conversationId}/${key}`, body: read.body }] : [] };
    });
    if (id === null) return error(res, 404, 'NotFound', 'no such conversation');
    send(res, 200, { id });
  };

  const upload = async (req: IncomingMessage, res: ServerResponse, auth: Authorized): Promise<void> => {
    const type = req.headers['content-type'] ?? '';
    if (!isType(req, 'multipart/form-data')) return error(res, 415, 'UnsupportedMediaType', 'uploads are multipart/form-data');
    const max = deps.limits.uploadMaxBytes + UPLOAD_OVERHEAD;
    const raw = await readRawBody(req, max);
    if (raw === null) return replyTooLarge(res, max);
    let form: FormData;
    try {
      form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    } catch {
      return error(res, 400, 'BadArgument', 'not a multipart form');
    }
    const part = form.get('activity');
    const activityJson = part === null ? { type: 'message' } : parseJson(Buffer.from(typeof part === 'string' ? part : await part.text()));
    const parsed = ClientActivitySchema.safeParse(activityJson);
    if (!parsed.success) return error(res, 400, 'BadArgument', 'the activity part is not an Activity');
    const uploads = [...form.entries()].flatMap(([name, value]) => (name !== 'activity' && typeof value !== 'string' ? [value] : []));
    if (uploads.length === 0) return error(res, 400, 'BadArgument', 'no file in the upload');
    if (uploads.length > MAX_FILES) return error(res, 400, 'BadArgument', `at most ${MAX_FILES} files at once`);
    if (uploads.reduce((n, f) => n + f.size, 0) > deps.limits.uploadMaxBytes) return replyTooLarge(res, deps.limits.uploadMaxBytes);
    const checked: Array<{ bytes: Uint8Array; media: Media }> = [];
    for (const file of uploads) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const generic = file.type === '' || file.type === 'application/octet-stream';
      const claimed = claimedKind(file.type);
      const media = sniffMedia(bytes, claimed ?? undefined);
      if ((!generic && claimed === null) || media === null || (claimed !== null && media.kind !== claimed)) {
        return error(res, 415, 'UnsupportedMediaType', claimed === 'image' ? 'the file is not an image' : claimed === 'audio' ? 'the file is not audio' : 'only images and audio are taken');
      }
      checked.push({ bytes, media });
    }
    const activity = parsed.data;
    const caption = (activity.text ?? '').slice(0, MAX_TEXT);
    const id = await take(auth.conversationId, activity, async (_offered, key, at) => {
      const refs: string[] = [];
      for (const c of checked) refs.push(await files.save(c.bytes));
      const turns: StoredTurn[] = checked.map((c, i) => ({
        messageId: `${auth.conversationId}/${key}#${i}`,
        body: { type: 'attachment', kind: c.media.kind, ref: refs[i] ?? '' },
      }));
      if (caption.trim() !== '') turns.push({ messageId: `${auth.conversationId}/${key}#text`, body: { type: 'text', text: caption } });
      const echo = readMessage({ ...activity, text: caption, value: undefined, attachments: undefined }, [], at).echo;
      // The bytes stay with Setu (no contentUrl): the echo names the files only.
      const named = checked.map((c, i) => ({ contentType: 'application/octet-stream', name: `${c.media.kind === 'image' ? 'photo' : 'voice'}-${i + 1}.${c.media.ext}` }));
      return { echo: { ...echo, attachments: named }, turns };
    });
    if (id === null) return error(res, 404, 'NotFound', 'no such conversation');
    send(res, 200, { id });
  };

  /** Starts the conversation (Setu's welcome, once: Web Chat sends no join event) or resumes it. */
  const start = async (req: IncomingMessage, res: ServerResponse, auth: Authorized): Promise<void> => {
    const raw = await readRawBody(req, MAX_SMALL_BODY);
    if (raw === null) return replyTooLarge(res, MAX_SMALL_BODY);
    const body = StartSchema.safeParse(parseJson(raw));
    if ((await store.count(auth.conversationId)) === 0) {
      const langHint = langOf(body.success ? body.data.locale : undefined);
      await runTurns(auth.conversationId, [{ messageId: `${auth.conversationId}/start`, body: { type: 'start' } }], deps.clock.now(), langHint);
    }
    send(res, 201, conversation(req, auth));
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(PREFIX)) return false;
    const parts = url.pathname.slice(PREFIX.length).split('/');
    const [first, second, third, ...rest] = parts;
    const method = req.method ?? 'GET';
    const only = (allowed: string): boolean => {
      if (method === allowed) return true;
      res.setHeader('allow', allowed);
      error(res, 405, 'MethodNotAllowed', `${allowed} only`);
      return false;
    };

    if (first === 'tokens' && third === undefined && (second === 'generate' || second === 'refresh')) {
      if (!only('POST')) return true;
      if (second === 'generate') {
        if (limited(req, res, deps.limits.tokens)) return true;
        if ((await readRawBody(req, MAX_SMALL_BODY)) === null) return (replyTooLarge(res, MAX_SMALL_BODY), true);
        const conversationId = newConversationId();
        await store.create(conversationId);
        const issued = tokens.issue(conversationId);
        send(res, 200, { conversationId, token: issued.token, expires_in: issued.expiresIn });
        return true;
      }
      if (limited(req, res, deps.limits.reads)) return true;
      const auth = await authorize(req, res);
      if (!auth) return true;
      if ((await readRawBody(req, MAX_SMALL_BODY)) === null) return (replyTooLarge(res, MAX_SMALL_BODY), true);
      const issued = tokens.issue(auth.conversationId);
      send(res, 200, { conversationId: auth.conversationId, token: issued.token, expires_in: issued.expiresIn });
      return true;
    }

    if (first !== 'conversations' || rest.length > 0) return notFound(res);
    if (second === undefined || second === '') {
      if (!only('POST')) return true;
      if (limited(req, res, deps.limits.posts)) return true;
      const auth = await authorize(req, res);
      if (auth) await start(req, res, auth);
      return true;
    }
    // Only ids Setu made: anything else is no conversation (and no token is valid for it).
    const pathId = CONVERSATION_ID.test(second) ? second : '';
    if (third === undefined) {
      if (!only('GET')) return true;
      if (limited(req, res, deps.limits.reads)) return true;
      const auth = await authorize(req, res, pathId);
      if (!auth) return true;
      const watermark = parseWatermark(url.searchParams.get('watermark'));
      if (watermark === null) return (error(res, 400, 'BadArgument', 'the watermark is a number'), true);
      send(res, 200, conversation(req, auth, watermark));
      return true;
    }
    if (third === 'activities') {
      if (method !== 'GET' && method !== 'POST') return (only('GET, POST'), true);
      if (limited(req, res, method === 'POST' ? deps.limits.posts : deps.limits.reads)) return true;
      const auth = await authorize(req, res, pathId);
      if (!auth) return true;
      if (method === 'POST') {
        await postActivity(req, res, auth);
        return true;
      }
      const watermark = parseWatermark(url.searchParams.get('watermark'));
      if (watermark === null) return (error(res, 400, 'BadArgument', 'the watermark is a number'), true);
      const page = await store.after(auth.conversationId, watermark);
      send(res, 200, { activities: page.activities, watermark: String(page.watermark) });
      return true;
    }
    if (third === 'upload') {
      if (!only('POST')) return true;
      if (limited(req, res, deps.limits.posts)) return true;
      const auth = await authorize(req, res, pathId);
      if (auth) await upload(req, res, auth);
      return true;
    }
    if (third === 'stream') return (error(res, 400, 'BadArgument', 'the stream is a WebSocket (Upgrade: websocket)'), true);
    return notFound(res);
  }

  return { handle, upgrade: stream.upgrade, sender, files, close: stream.close };
}

const StartSchema = z.object({ locale: z.string().max(35).optional() });

/** The buttons under Setu's last message that had any: a text equal to one of their values is that choice. */
function offeredIn(recent: readonly KeptActivity[]): SuggestedAction[] {
  const last = recent.find((r) => r.row.activity.from.role === 'bot' && r.row.activity.suggestedActions);
  return last?.row.activity.suggestedActions?.actions ?? [];
}

function isType(req: IncomingMessage, wanted: string): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === wanted;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

/** Direct Line's error shape: `{error: {code, message}}`. */
function error(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  send(res, status, { error: { code, message } });
}

function notFound(res: ServerResponse): true {
  error(res, 404, 'NotFound', 'no such Direct Line resource');
  return true;
}
