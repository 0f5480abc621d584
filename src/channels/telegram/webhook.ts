import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../infra/log/logger.ts';
import { UpdateSchema, type TelegramUpdate } from './updates.ts';

const MAX_BODY = 1024 * 1024;

function sameSecret(got: string, want: string): boolean {
  const a = Buffer.from(got);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk instanceof Buffer ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `POST /telegram/webhook`: 401 without the right secret token (compared in
 * constant time), 400 for a body that is not an Update, otherwise the update
 * is handled — recorded under its update_id in the turn's transaction — and
 * then acknowledged with 200.
 */
export function createTelegramWebhook(deps: { secret: string; onUpdate(update: TelegramUpdate): Promise<void>; log: Logger }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const got = req.headers['x-telegram-bot-api-secret-token'];
    if (typeof got !== 'string' || !sameSecret(got, deps.secret)) {
      res.writeHead(401).end();
      return;
    }
    const raw = await readBody(req);
    let json: unknown;
    try {
      json = raw === null ? null : JSON.parse(raw);
    } catch {
      json = null;
    }
    const update = UpdateSchema.safeParse(json);
    if (!update.success) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('not a Telegram Update');
      return;
    }
    await deps.onUpdate(update.data);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  };
}
