/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { setPasswordWithLink, signIn, signInLinkOwner, signOut, signOutEverywhere } from '../../app/officers/accounts.ts';
import { MIN_PASSWORD_LENGTH } from '../../app/officers/password.ts';
import type { Lang } from '../../engine/types.ts';
import { LoginPage, WelcomePage } from './authPages.tsx';
import type { Kit, WebApp, WebContext } from './kit.tsx';

/** Until an officer is known, pages speak Bangla unless `?lang=en`. */
const langOf = (c: WebContext): Lang => (c.req.query('lang') === 'en' ? 'en' : 'bn');

/** Sign-in and the one-time link: the only pages without a session. Register before the session middleware. */
export function registerSignInRoutes(app: WebApp, kit: Kit): void {
  const { deps, field } = kit;

  app.get('/officer/signin', (c) => {
    const ctx = kit.context(langOf(c));
    return c.html(<LoginPage ctx={ctx} csrf={kit.preFormToken(c)} notice={c.req.query('done') ? ctx.t('welcome.done') : undefined} />);
  });

  app.post('/officer/signin', async (c) => {
    const body = await c.req.parseBody();
    const ctx = kit.context(langOf(c));
    if (!kit.preFormOk(c, field(body, '_csrf'))) return c.html(<LoginPage ctx={ctx} csrf={kit.preFormToken(c)} problem={ctx.t('login.expired')} />, 403);
    const client = getConnInfo(c).remote.address ?? 'unknown';
    const result = await signIn(deps, { username: field(body, 'username'), password: field(body, 'password'), client });
    if (!result.ok) {
      const status = result.problem === 'throttled' ? 429 : 401;
      return c.html(<LoginPage ctx={ctx} csrf={kit.preFormToken(c)} username={field(body, 'username')} problem={ctx.t(`login.${result.problem}`)} />, status);
    }
    setCookie(c, kit.sessionCookie, result.sessionToken, { ...kit.cookieOptions, maxAge: 12 * 60 * 60 });
    return c.redirect('/officer', 303);
  });

  app.get('/officer/welcome/:token', async (c) => {
    const owner = await signInLinkOwner(deps, c.req.param('token'));
    return c.html(<WelcomePage ctx={kit.context(langOf(c))} csrf={kit.preFormToken(c)} name={owner?.name ?? null} token={c.req.param('token')} />, owner ? 200 : 404);
  });

  app.post('/officer/welcome/:token', async (c) => {
    const body = await c.req.parseBody();
    const ctx = kit.context(langOf(c));
    const token = c.req.param('token');
    const owner = await signInLinkOwner(deps, token);
    if (!kit.preFormOk(c, field(body, '_csrf'))) {
      return c.html(<WelcomePage ctx={ctx} csrf={kit.preFormToken(c)} name={owner?.name ?? null} token={token} problem={ctx.t('login.expired')} />, 403);
    }
    const result = await setPasswordWithLink(deps, token, field(body, 'password'), field(body, 'again'));
    if (!result.ok) {
      const problem = result.problem === 'link' ? undefined : ctx.t(`welcome.${result.problem}`, { min: MIN_PASSWORD_LENGTH });
      return c.html(<WelcomePage ctx={ctx} csrf={kit.preFormToken(c)} name={result.problem === 'link' ? null : (owner?.name ?? null)} token={token} problem={problem} />, 400);
    }
    return c.redirect('/officer/signin?done=1', 303);
  });
}

/** Signing out, here or everywhere, and the officer's language. Behind the session middleware. */
export function registerSessionRoutes(app: WebApp, kit: Kit): void {
  const { deps } = kit;

  app.post('/officer/language', async (c) => {
    const { officer } = kit.page(c);
    await deps.writes.run(() => deps.db.officer.update({ where: { id: officer.id }, data: { language: officer.language === 'bn' ? 'en' : 'bn' } }));
    // Back to the page the officer was on (its path only: never elsewhere).
    const referer = c.req.header('referer');
    return c.redirect(referer?.includes('/officer') ? new URL(referer).pathname : '/officer', 303);
  });

  app.post('/officer/signout', async (c) => {
    const { officer } = kit.page(c);
    await signOut(deps, getCookie(c, kit.sessionCookie) ?? '', officer.id);
    deleteCookie(c, kit.sessionCookie, kit.cookieOptions);
    return c.redirect('/officer/signin', 303);
  });

  app.post('/officer/signout-everywhere', async (c) => {
    const { officer } = kit.page(c);
    await signOutEverywhere(deps, officer.id);
    deleteCookie(c, kit.sessionCookie, kit.cookieOptions);
    return c.redirect('/officer/signin', 303);
  });
}
