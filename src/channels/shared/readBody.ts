import type { IncomingMessage, ServerResponse } from 'node:http';

/** Platforms' webhook calls are small; a larger body is not one of theirs. */
export const MAX_WEBHOOK_BODY = 1024 * 1024;

/**
 * After a body is found too large the rest is still read and thrown away, up
 * to this much, so that the client (still sending) reads the 413 instead of a
 * connection reset; beyond it the connection is closed.
 */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * The raw request body, or null when it is larger than `max` bytes: then
 * nothing more is kept (memory stays at `max`), and the caller answers 413
 * with {@link replyTooLarge}. A declared Content-Length over `max` is refused
 * before anything is read.
 */
export function readRawBody(req: IncomingMessage, max = MAX_WEBHOOK_BODY): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length'] ?? 0) > max;
    if (over) resolve(null);
    // Not `for await`: leaving that loop early destroys the socket, and the client sees a reset, not the 413.
    req.on('data', (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (over) {
        if (size > DRAIN_LIMIT) req.destroy();
        return;
      }
      if (size > max) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(buf);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!over) reject(err);
    });
  });
}

/** 413 with a short reason; the connection is kept while the rest of the body is drained. */
export function replyTooLarge(res: ServerResponse, max: number): void {
  if (res.headersSent) return;
  res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' }).end(`request body too large (at most ${max} bytes)`);
}

/** JSON from a raw body, or null when there is no body or it is not JSON. */
export function parseJson(raw: Buffer | null): unknown {
  if (raw === null) return null;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
}
