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

/** Browser-made ids: long random strings, so one visitor cannot guess another's conversation. */
const UserIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

const PostSchema = z.object({
  userId: UserIdSchema,
  messageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  text: z.string().max(4000).optional(),
  choiceId: z.string().max(64).optional(),
  start: z.boolean().optional(),
});

const MAX_BODY = 16 * 1024;

/**
 * The web chat: the browser posts messages and polls for replies. Replies are
 * the outbox rows themselves, so a reload or a server restart loses nothing.
 */
export function createWebChat(deps: { pipeline: Pipeline; db: DbClient; translator: Translator; cipher: FieldCipher; clock: Clock }) {
  const sender: Sender = { send: async () => ({ status: 'sent' }) };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (req.method === 'GET' && url.pathname === '/') {
      const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'bn';
      send(res, 200, 'text/html; charset=utf-8', renderPage(deps.translator, lang));
      return true;
    }
    if (url.pathname !== '/web/messages') return false;
    if (req.method === 'POST') {
      const body = await readJson(req);
      const parsed = PostSchema.safeParse(body);
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

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) return null;
    chunks.push(buf);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}
