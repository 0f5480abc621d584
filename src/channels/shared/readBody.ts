import type { IncomingMessage } from 'node:http';

/** Platforms' webhook calls are small; a larger body is not one of theirs. */
export const MAX_WEBHOOK_BODY = 1024 * 1024;

/** The raw request body, or null when it is larger than `max` bytes (reading stops there). */
export async function readRawBody(req: IncomingMessage, max = MAX_WEBHOOK_BODY): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk instanceof Buffer ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > max) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
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
