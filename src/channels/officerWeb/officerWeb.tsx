import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { csrfMatches, sessionFor } from '../../app/officers/accounts.ts';
import { registerAdminRoutes } from './adminRoutes.tsx';
import { registerSessionRoutes, registerSignInRoutes } from './authRoutes.tsx';
import { registerCaseRoutes } from './caseRoutes.tsx';
import { makeKit, type OfficerWebDeps, type WebEnv } from './kit.tsx';

export type { OfficerWebDeps } from './kit.tsx';

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
  registerSessionRoutes(app, kit);

  app.notFound((c) => c.text('not found', 404));
  app.onError((err, c) => {
    deps.log.error({ err, path: c.req.path }, 'officer workspace request failed');
    return c.text('internal error', 500);
  });

  const listener = getRequestListener(app.fetch);
  return { handle: (req, res) => listener(req, res) };
}
