/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { changeOwnPassword, setPasswordWithLink, signIn, signInLinkOwner, signOut, signOutEverywhere } from '../../app/officers/accounts.ts';
import { MIN_PASSWORD_LENGTH } from '../../app/officers/password.ts';
import type { Lang } from '../../engine/types.ts';
import { ChangePasswordPage, LoginPage, WelcomePage } from './authPages.tsx';
import type { Kit, WebApp, WebContext } from './kit.tsx';
import type { PageContext } from './layout.tsx';
import { backTo } from './safeRedirect.ts';

/** Until an officer is known, pages speak Bangla unless `?lang=en`. */
const langOf = (c: WebContext): Lang => (c.req.query('lang') === 'en' ? 'en' : 'bn');

/** "Try again in 20 seconds" (the username's delay) or "in 12 minutes" (the network's limit), and the same as Retry-After. */
function waitText(c: WebContext, kit: Kit, ctx: PageContext, refused: { retryAt: Date; by: 'user' | 'client' }): string {
  const seconds = Math.max(1, Math.ceil((refused.retryAt.getTime() - kit.deps.clock.now().getTime()) / 1000));
  c.header('Retry-After', String(seconds));
  return refused.by === 'user' ? ctx.t('login.wait_seconds', { seconds }) : ctx.t('login.wait_minutes', { minutes: Math.ceil(seconds / 60) });
}

/** Sign-in and the one-time link: the only pages without a session. Register before the session middleware. */
export function registerSignInRoutes(app: WebApp, kit: Kit): void {
  const { deps, field } = kit;

  app.get('/officer/signin', (c) => {
    const ctx = kit.context(langOf(c));
    return c.html(<LoginPage ctx={ctx} csrf={kit.preFormToken(c, 'signin')} notice={c.req.query('done') ? ctx.t('welcome.done') : undefined} />);
  });

  app.post('/officer/signin', async (c) => {
    const body = await c.req.parseBody();
    const ctx = kit.context(langOf(c));
    if (!kit.preFormOk(c, 'signin', field(body, '_csrf'))) return c.html(<LoginPage ctx={ctx} csrf={kit.preFormToken(c, 'signin')} problem={ctx.t('login.expired')} />, 403);
    const result = await signIn(deps, { username: field(body, 'username'), password: field(body, 'password'), client: kit.client(c) });
    if (!result.ok) {
      const problem = result.problem === 'throttled' ? waitText(c, kit, ctx, result) : ctx.t('login.wrong');
      return c.html(<LoginPage ctx={ctx} csrf={kit.preFormToken(c, 'signin')} username={field(body, 'username')} problem={problem} />, result.problem === 'throttled' ? 429 : 401);
    }
    setCookie(c, kit.sessionCookie, result.sessionToken, { ...kit.cookieOptions, maxAge: 12 * 60 * 60 });
    return c.redirect('/officer', 303);
  });

  app.get('/officer/welcome/:token', async (c) => {
    const owner = await signInLinkOwner(deps, c.req.param('token'));
    return c.html(<WelcomePage ctx={kit.context(langOf(c))} csrf={kit.preFormToken(c, 'welcome')} name={owner?.name ?? null} token={c.req.param('token')} />, owner ? 200 : 404);
  });

  app.post('/officer/welcome/:token', async (c) => {
    const body = await c.req.parseBody();
    const ctx = kit.context(langOf(c));
    const token = c.req.param('token');
    const owner = await signInLinkOwner(deps, token);
    if (!kit.preFormOk(c, 'welcome', field(body, '_csrf'))) {
      return c.html(<WelcomePage ctx={ctx} csrf={kit.preFormToken(c, 'welcome')} name={owner?.name ?? null} token={token} problem={ctx.t('login.expired')} />, 403);
    }
    const result = await setPasswordWithLink(deps, token, field(body, 'password'), field(body, 'again'));
    if (!result.ok) {
      const problem = result.problem === 'link' ? undefined : ctx.t(`welcome.${result.problem}`, { min: MIN_PASSWORD_LENGTH });
      return c.html(<WelcomePage ctx={ctx} csrf={kit.preFormToken(c, 'welcome')} name={result.problem === 'link' ? null : (owner?.name ?? null)} token={token} problem={problem} />, 400);
    }
    return c.redirect('/officer/signin?done=1', 303);
  });
}

/** Signing out, here or everywhere, the officer's language and password. Behind the session middleware. */
export function registerSessionRoutes(app: WebApp, kit: Kit): void {
  const { deps, field } = kit;

  app.post('/officer/language', async (c) => {
    const { officer } = kit.page(c);
    // Back to the page the officer was on, only if it is one of ours (decided before anything is saved).
    const target = backTo(c.req.header('referer'), c.req.header('host'));
    await deps.writes.run(() => deps.db.officer.update({ where: { id: officer.id }, data: { language: officer.language === 'bn' ? 'en' : 'bn' } }));
    return c.redirect(target, 303);
  });

  app.get('/officer/password', (c) => {
    const { ctx } = kit.page(c);
    return c.html(<ChangePasswordPage ctx={ctx} notice={c.req.query('done') ? ctx.t('password.done') : undefined} />);
  });

  app.post('/officer/password', async (c) => {
    const { officer, ctx } = kit.page(c);
    const body = await c.req.parseBody();
    const result = await changeOwnPassword(deps, {
      officer,
      sessionToken: getCookie(c, kit.sessionCookie) ?? '',
      current: field(body, 'current'),
      password: field(body, 'password'),
      again: field(body, 'again'),
      client: kit.client(c),
    });
    if (result.ok) return c.redirect('/officer/password?done=1', 303);
    const problem =
      result.problem === 'throttled' ? waitText(c, kit, ctx, result) : result.problem === 'current' ? ctx.t('password.wrong_current') : ctx.t(`welcome.${result.problem}`, { min: MIN_PASSWORD_LENGTH });
    return c.html(<ChangePasswordPage ctx={ctx} problem={problem} />, result.problem === 'throttled' ? 429 : 400);
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
