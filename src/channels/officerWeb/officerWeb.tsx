import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { csrfMatches, sessionFor } from '../../app/officers/accounts.ts';
import { registerAdminRoutes } from './adminRoutes.tsx';
import { registerSessionRoutes, registerSignInRoutes } from './authRoutes.tsx';
import { registerCaseRoutes } from './caseRoutes.tsx';
import { makeKit, type OfficerWebDeps, type WebEnv } from './kit.tsx';
import { registerNoticeRoutes } from './noticeRoutes.tsx';
import { registerOfficeRoutes } from './officeRoutes.tsx';
import { readRawBody, replyTooLarge } from '../shared/readBody.ts';

export type { OfficerWebDeps } from './kit.tsx';

/** Sign-in and password forms: a username, a password or two and a token. */
const SIGN_IN_MAX_BODY = 8 * 1024;
/** Every other form (case notes, replies, entered cases). */
const MAX_BODY = 64 * 1024;

// No scripts at all, and nothing from elsewhere: the pages are plain forms.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The officers' workspace: server-rendered pages under /officer. Every page
 * but sign-in needs a session; every form carries a CSRF token (the
 * session's, or before sign-in a double-submit cookie); every query goes
 * through the case desk, which narrows it to the officer's area.
 */
export function createOfficerWeb(deps: OfficerWebDeps): { handle(req: IncomingMessage, res: ServerResponse): Promise<void> } {
  const kit = makeKit(deps);
  const app = new Hono<WebEnv>();

  app.use('*', async (c, next) => {
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', 'no-store');
    await next();
  });

  // Forms only, and small ones: a case note or an entered case is a few KB. Checked before anything is read,
  // and before the session is looked up, so that an unauthenticated 450 MB POST is refused at its first bytes.
  const tooLarge = (c: Context<WebEnv>): Response => c.text('request body too large', 413);
  app.use('/officer/signin', bodyLimit({ maxSize: SIGN_IN_MAX_BODY, onError: tooLarge }));
  app.use('/officer/welcome/*', bodyLimit({ maxSize: SIGN_IN_MAX_BODY, onError: tooLarge }));
  app.use('*', bodyLimit({ maxSize: MAX_BODY, onError: tooLarge }));
  // A form that cannot be parsed (broken multipart, a bad boundary) is the sender's fault: 400, not 500.
  // The parsed form is cached on the request, so the routes read it again for free.
  app.use('*', async (c, next) => {
    if (c.req.method === 'POST') {
      try {
        await c.req.parseBody();
      } catch {
        return c.text('malformed form', 400);
      }
    }
    await next();
    return undefined;
  });

  registerSignInRoutes(app, kit);

  // Everything after this needs a session, and every POST its CSRF token.
  const requireSession = createMiddleware<WebEnv>(async (c, next) => {
    const session = await sessionFor(deps, getCookie(c, kit.sessionCookie));
    if (!session) return c.req.method === 'GET' ? c.redirect('/officer/signin', 303) : c.text('sign in first', 401);
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody();
      if (!csrfMatches(session, kit.field(body, '_csrf'))) return c.text('the form expired; reload the page', 403);
    }
    c.set('session', session);
    await next();
    return undefined;
  });
  app.use('/officer', requireSession);
  app.use('/officer/*', requireSession);

  registerCaseRoutes(app, kit);
  registerAdminRoutes(app, kit);
  registerOfficeRoutes(app, kit);
  registerNoticeRoutes(app, kit);
  registerSessionRoutes(app, kit);

  app.notFound((c) => c.text('not found', 404));
  app.onError((err, c) => {
    deps.log.error({ err, path: c.req.path }, 'officer workspace request failed');
    return c.text('internal error', 500);
  });

  const listener = getRequestListener(app.fetch);
  return {
    handle: async (req, res) => {
      // Refused here, before Hono sees the request, so that the rest of the body is drained and the
      // client (still sending) reads the 413; a body Hono stops reading half way ends in a reset.
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const max = (req.url ?? '').startsWith('/officer/signin') || (req.url ?? '').startsWith('/officer/welcome/') ? SIGN_IN_MAX_BODY : MAX_BODY;
        const declared = req.headers['content-length'];
        if (declared === undefined) {
          // Browsers send a form with its length; a chunked upload is read (up to the limit) and refused.
          const raw = await readRawBody(req, max);
          if (raw === null) replyTooLarge(res, max);
          else res.writeHead(411, { 'content-type': 'text/plain; charset=utf-8' }).end('a form is sent with its Content-Length');
          return;
        }
        if (Number(declared) > max) {
          await readRawBody(req, max);
          replyTooLarge(res, max);
          return;
        }
      }
      await listener(req, res);
    },
  };
}
