import { clientAddress, parseTrustedProxies, type TrustedProxies } from '../shared/clientAddress.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Pipeline } from '../../app/pipeline.ts';
import type { Clock } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import { contactIdFor } from '../../infra/db/turnStore.ts';
import type { Sender } from '../../infra/delivery/sender.ts';
import { parseOutboxPayload } from '../../infra/delivery/sender.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import { renderPage } from './page.ts';
import type { Env } from '../../config/env.ts';
import { createMemoryRateLimiter, type RateLimiter } from '../../app/limits/rateLimiter.ts';
import { parseJson, readRawBody, replyTooLarge } from '../shared/readBody.ts';

/** Browser-made ids: long random strings, so one visitor cannot guess another's conversation. */
const UserIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

const PostSchema = z.object({
  userId: UserIdSchema,
  messageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  text: z.string().max(4000).optional(),
  choiceId: z.string().max(64).optional(),
  start: z.boolean().optional(),
  /** The page's language (`/?lang=en`): the first reply's language when the message itself does not say. */
  lang: z.enum(['bn', 'en']).optional(),
});

/** A message of 4,000 characters of Bangla is 12 KB of UTF-8 (and its JSON); nothing the page sends is larger. */
const MAX_BODY = 16 * 1024;

/** Per client address: messages posted, and page loads with reply polls (the page polls every 0.6 s). */
export interface WebLimits {
  posts: RateLimiter;
  reads: RateLimiter;
  /** Behind a reverse proxy (TRUSTED_PROXY) the address is the rightmost X-Forwarded-For entry that is not a proxy's. */
  proxies: TrustedProxies;
}

export function webLimitsFrom(env: Env): WebLimits {
  return {
    posts: createMemoryRateLimiter({ burst: env.WEB_RATE_BURST, perMinute: env.WEB_RATE_PER_MINUTE }),
    reads: createMemoryRateLimiter({ burst: Math.ceil(env.WEB_POLL_PER_MINUTE / 2), perMinute: env.WEB_POLL_PER_MINUTE }),
    proxies: parseTrustedProxies(env.TRUSTED_PROXY),
  };
}

function addressOf(req: IncomingMessage, proxies: TrustedProxies): string {
  const forwarded = req.headers['x-forwarded-for'];
  return clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, proxies);
}

/**
 * The web chat: the browser posts messages and polls for replies. Replies are
 * the outbox rows themselves, so a reload or a server restart loses nothing.
 */
export function createWebChat(deps: { pipeline: Pipeline; db: DbClient; translator: Translator; cipher: FieldCipher; clock: Clock; limits?: WebLimits }) {
  const sender: Sender = { send: async () => ({ status: 'sent' }) };

  /** 429 with the reason in both languages (the page shows it) and when to try again; false when allowed. */
  const refused = (req: IncomingMessage, res: ServerResponse, limiter: RateLimiter | undefined): boolean => {
    if (!limiter || !deps.limits) return false;
    const verdict = limiter.take(addressOf(req, deps.limits.proxies), deps.clock.now().getTime());
    if (verdict.allowed) return false;
    const message = `${deps.translator.t('limits:slow_down', 'bn')}\n${deps.translator.t('limits:slow_down', 'en')}`;
    res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'retry-after': String(Math.ceil(verdict.retryAfterMs / 1000)) });
    res.end(JSON.stringify({ error: 'too many requests', message }));
    return true;
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const isPage = req.method === 'GET' && url.pathname === '/';
    if (!isPage && url.pathname !== '/web/messages') return false;
    if (refused(req, res, req.method === 'POST' ? deps.limits?.posts : deps.limits?.reads)) return true;
    if (isPage) {
      const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'bn';
      send(res, 200, 'text/html; charset=utf-8', renderPage(deps.translator, lang));
      return true;
    }
    if (req.method === 'POST') {
      const raw = await readRawBody(req, MAX_BODY);
      if (raw === null) {
        replyTooLarge(res, MAX_BODY);
        return true;
      }
      const parsed = PostSchema.safeParse(parseJson(raw));
      if (!parsed.success) {
        json(res, 400, { error: 'invalid message', issues: parsed.error.issues.map((i) => i.path.join('.')) });
        return true;
      }
      const m = parsed.data;
      const inboundBody = m.start
        ? ({ type: 'start' } as const)
        : m.choiceId !== undefined
          ? ({ type: 'choice', choiceId: m.choiceId } as const)
          : ({ type: 'text', text: m.text ?? '' } as const);
      const record = await deps.pipeline.handle({
        channel: 'web',
        userId: m.userId,
        messageId: m.messageId,
        body: inboundBody,
        ...(m.lang ? { langHint: m.lang } : {}),
        receivedAt: deps.clock.now(),
      });
      json(res, 202, { status: record.status });
      return true;
    }
    if (req.method === 'GET') {
      const userId = UserIdSchema.safeParse(url.searchParams.get('userId'));
      const after = z.coerce.number().int().min(0).safeParse(url.searchParams.get('after') ?? '0');
      if (!userId.success || !after.success) {
        json(res, 400, { error: 'userId and after are required' });
        return true;
      }
      const rows = await deps.db.outboxMessage.findMany({
        where: { contactId: contactIdFor('web', userId.data), status: 'sent', id: { gt: after.data } },
        orderBy: { id: 'asc' },
        take: 50,
      });
      json(res, 200, {
        messages: rows.map((r) => {
          const m = parseOutboxPayload(r.payload, deps.cipher);
          return { id: r.id, text: m.text, choices: m.choices, lang: m.lang };
        }),
      });
      return true;
    }
    json(res, 405, { error: 'method not allowed' });
    return true;
  }

  return { sender, handle };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}
