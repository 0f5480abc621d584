import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sameText } from '../../infra/crypto/sameText.ts';
import { MAX_WEBHOOK_BODY, parseJson, readRawBody, replyTooLarge } from '../shared/readBody.ts';
import { WebhookBodySchema, type WebhookBody } from './events.ts';

/**
 * Whether `header` is `sha256=<hex HMAC-SHA256 of the raw body with the app secret>`,
 * compared in constant time.
 */
export function validSignature(raw: Buffer, header: string, appSecret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header);
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return timingSafeEqual(Buffer.from(match[1], 'hex'), expected);
}

/**
 * `GET /messenger/webhook`: Meta's subscription check. Echoes `hub.challenge`
 * when the mode is `subscribe` and the verify token is ours; 403 otherwise.
 */
export function verifySubscription(url: URL, verifyToken: string, res: ServerResponse): void {
  const mode = url.searchParams.get('hub.mode');
  const token = url.searchParams.get('hub.verify_token') ?? '';
  const challenge = url.searchParams.get('hub.challenge');
  if (mode === 'subscribe' && challenge !== null && sameText(token, verifyToken)) {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(challenge);
    return;
  }
  res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
}

/**
 * `POST /messenger/webhook`: 401 without a signature, 403 with a wrong one,
 * 413 when too large, 400 for a body that is not a page event; otherwise the
 * events are recorded (`onEvents` resolves once they are durable) and
 * acknowledged with 200 — their turns run after the answer.
 */
export function createMessengerWebhook(deps: { appSecret: string; onEvents(body: WebhookBody): Promise<void> }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const header = req.headers['x-hub-signature-256'];
    const raw = await readRawBody(req);
    if (typeof header !== 'string' || header === '') {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('missing X-Hub-Signature-256');
      return;
    }
    if (raw === null) {
      replyTooLarge(res, MAX_WEBHOOK_BODY);
      return;
    }
    if (!validSignature(raw, header, deps.appSecret)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('wrong signature');
      return;
    }
    const body = WebhookBodySchema.safeParse(parseJson(raw));
    if (!body.success) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('not a page event');
      return;
    }
    await deps.onEvents(body.data);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('EVENT_RECEIVED');
  };
}
