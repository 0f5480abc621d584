/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { randomBytes } from 'node:crypto';
import { sameText } from '../../infra/crypto/sameText.ts';
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Session } from '../../app/officers/accounts.ts';
import type { AttachmentFetcher } from '../../app/officers/attachments.ts';
import type { DeskDeps } from '../../app/officers/caseDesk.ts';
import { areaName } from '../../app/officers/areaName.ts';
import type { IdGenerator, Lang } from '../../engine/types.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { Layout, type PageContext } from './layout.tsx';

export interface OfficerWebDeps extends DeskDeps {
  log: Logger;
  ids: IdGenerator;
  attachments: AttachmentFetcher;
  /** The Telegram bot's username when Telegram is on: officers link their chat to it for alerts. */
  telegramBot: string | null;
  /** Where officers reach the workspace, for the sign-in links an admin hands out. */
  publicUrl(): string;
  /** Programme ids, for the filters. */
  programmes: string[];
  /** Cookies marked Secure (with the __Host- prefix): on whenever the workspace is served over HTTPS. */
  secureCookies: boolean;
}

export type WebEnv = { Bindings: HttpBindings; Variables: { session: Session } };
export type WebApp = Hono<WebEnv>;
export type WebContext = Context<WebEnv>;

const PRE_COOKIE = 'setu_form';

/** What every route module shares: the deps, the page context in the officer's language, cookies and small helpers. */
export interface Kit {
  deps: OfficerWebDeps;
  sessionCookie: string;
  cookieOptions: { httpOnly: true; sameSite: 'Strict'; path: string; secure: boolean };
  context(lang: Lang, session?: Session): PageContext;
  /** The signed-in officer and the page context (only behind the session middleware). */
  page(c: WebContext): { session: Session; officer: Session['officer']; ctx: PageContext };
  /** A form field as text ('' when absent or a file). */
  field(body: Record<string, unknown>, name: string): string;
  notFound(c: WebContext): Response;
  /** Before sign-in there is no session to tie a form to: a random cookie, echoed by the form, does. */
  preFormToken(c: WebContext): string;
  preFormOk(c: WebContext, given: string): boolean;
}

export function makeKit(deps: OfficerWebDeps): Kit {
  const cookieOptions = { httpOnly: true as const, sameSite: 'Strict' as const, path: '/', secure: deps.secureCookies };
  const context = (lang: Lang, session?: Session): PageContext => ({
    lang,
    t: (key, params) => deps.translator.t(`officer:${key}`, lang, params),
    tt: (key, params) => deps.translator.t(key, lang, params),
    placeName: (code) => areaName(deps.translator, code, lang),
    ...(session ? { officer: session.officer, csrf: session.csrfToken } : {}),
  });
  const page = (c: WebContext) => {
    const session = c.get('session');
    return { session, officer: session.officer, ctx: context(session.officer.language, session) };
  };
  return {
    deps,
    sessionCookie: deps.secureCookies ? '__Host-setu_officer' : 'setu_officer',
    cookieOptions,
    context,
    page,
    field: (body, name) => (typeof body[name] === 'string' ? (body[name] as string) : ''),
    notFound(c) {
      const { ctx } = page(c);
      return c.html(<Layout ctx={ctx} title={ctx.t('not_found')}><p>{ctx.t('not_found')}</p></Layout>, 404) as Response;
    },
    preFormToken(c) {
      const existing = getCookie(c, PRE_COOKIE);
      if (existing && /^[\w-]{43}$/.test(existing)) return existing;
      const token = randomBytes(32).toString('base64url');
      setCookie(c, PRE_COOKIE, token, { ...cookieOptions, path: '/officer' });
      return token;
    },
    preFormOk(c, given) {
      const cookie = getCookie(c, PRE_COOKIE);
      return Boolean(cookie && given) && sameText(given, cookie ?? '');
    },
  };
}
