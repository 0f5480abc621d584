import type { IncomingMessage, ServerResponse } from 'node:http';
import { sameText } from '../../infra/crypto/sameText.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { MAX_WEBHOOK_BODY, parseJson, readRawBody, replyTooLarge } from '../shared/readBody.ts';
import { UpdateSchema, type TelegramUpdate } from './updates.ts';

/**
 * `POST /telegram/webhook`: 401 without the right secret token (compared in
 * constant time), 413 over 1 MB, 400 for a body that is not an Update, otherwise the update
 * is handled — recorded under its update_id in the turn's transaction — and
 * then acknowledged with 200.
 */
export function createTelegramWebhook(deps: { secret: string; onUpdate(update: TelegramUpdate): Promise<void>; log: Logger }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const got = req.headers['x-telegram-bot-api-secret-token'];
    if (typeof got !== 'string' || !sameText(got, deps.secret)) {
      res.writeHead(401).end();
      return;
    }
    const raw = await readRawBody(req);
    if (raw === null) {
      replyTooLarge(res, MAX_WEBHOOK_BODY);
      return;
    }
    const update = UpdateSchema.safeParse(parseJson(raw));
    if (!update.success) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('not a Telegram Update');
      return;
    }
    await deps.onUpdate(update.data);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  };
}
