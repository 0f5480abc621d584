import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../engine/types.ts';

/** A Direct Line token lives 30 minutes (`expires_in` 1800, as Azure's); Web Chat refreshes it every 15. */
export const TOKEN_SECONDS = 1800;
/** The token in a `streamUrl` only opens the socket: it must be used within this long. */
export const STREAM_TOKEN_SECONDS = 120;

/** Server-made conversation ids: 18 random bytes (144 bits), base64url. Nothing else is ever a conversation id. */
export const CONVERSATION_ID = /^[A-Za-z0-9_-]{24}$/;

export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

/** What a token may be used for: the REST API (Authorization: Bearer), or only to open the WebSocket of a streamUrl. */
export type TokenUse = 'api' | 'stream';

const Payload = z.object({
  v: z.literal(1),
  /** The one conversation the token opens. */
  c: z.string().regex(CONVERSATION_ID),
  u: z.enum(['api', 'stream']),
  /** Expiry, seconds since the epoch. */
  e: z.number().int().positive(),
  /** Random, so that no two tokens are the same. */
  n: z.string().max(32),
});

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

export interface DirectLineTokens {
  issue(conversationId: string, use?: TokenUse): IssuedToken;
  /** The conversation a valid, unexpired token of this use opens; null for a forged, altered, expired or other-use token. */
  verify(token: string, use?: TokenUse): { conversationId: string; expiresIn: number } | null;
}

const TOKEN = /^[A-Za-z0-9_-]{1,512}\.[A-Za-z0-9_-]{43}$/;

/**
 * Tokens signed by Setu: `base64url(payload).base64url(HMAC-SHA256)`. The key
 * is derived (HKDF, its own label) from the key the app gives the Direct Line
 * (itself derived from the data key), so every process of a deployment agrees
 * and a token says nothing about the data key. Bound to one conversation and
 * one use, with the expiry inside: nothing is stored per token.
 */
export function createDirectLineTokens(key: Buffer, clock: Clock): DirectLineTokens {
  const hmacKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'setu directline tokens v1', 32));
  const sign = (body: string): Buffer => createHmac('sha256', hmacKey).update(body).digest();
  const nowSeconds = (): number => Math.floor(clock.now().getTime() / 1000);
  return {
    issue(conversationId, use = 'api') {
      const seconds = use === 'api' ? TOKEN_SECONDS : STREAM_TOKEN_SECONDS;
      const payload: z.infer<typeof Payload> = { v: 1, c: conversationId, u: use, e: nowSeconds() + seconds, n: randomBytes(9).toString('base64url') };
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return { token: `${body}.${sign(body).toString('base64url')}`, expiresIn: seconds };
    },
    verify(token, use = 'api') {
      if (!TOKEN.test(token)) return null;
      const [body = '', mac = ''] = token.split('.');
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      const parsed = Payload.safeParse(json);
      if (!parsed.success || parsed.data.u !== use) return null;
      const left = parsed.data.e - nowSeconds();
      return left > 0 ? { conversationId: parsed.data.c, expiresIn: left } : null;
    },
  };
}
