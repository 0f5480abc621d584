/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { createHmac, randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { sameText } from '../../infra/crypto/sameText.ts';
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Session } from '../../app/officers/accounts.ts';
import type { AttachmentFetcher } from '../../app/officers/attachments.ts';
import type { DeskDeps } from '../../app/officers/caseDesk.ts';
import { areaName } from '../../app/officers/areaName.ts';
import { audit } from '../../app/officers/audit.ts';
import { parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { clientAddress, type TrustedProxies } from '../shared/clientAddress.ts';
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
  /** Signs the pre-sign-in form cookie (App.formKey). */
  formKey: Buffer;
  /** Whose X-Forwarded-For to believe (TRUSTED_PROXY). */
  trustedProxies: TrustedProxies;
}

export type WebEnv = { Bindings: HttpBindings; Variables: { session: Session } };
export type WebApp = Hono<WebEnv>;
export type WebContext = Context<WebEnv>;

/** A pre-sign-in form cookie is good for a day (a sign-in page left open overnight asks again). */
const PRE_COOKIE_MS = 24 * 60 * 60 * 1000;

/** The forms shown before sign-in; a token of one is no good for another. */
export type PreForm = 'signin' | 'welcome';

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
  /** A case URL that is not the officer's (elsewhere, or no such case): audited as case.denied, then the same 404. */
  caseDenied(c: WebContext, asked: string): Promise<Response>;
  /** Before sign-in there is no session to tie a form to: a cookie signed by the server, and a token derived from it for this form. */
  preFormToken(c: WebContext, form: PreForm): string;
  preFormOk(c: WebContext, form: PreForm, given: string): boolean;
  /** The client's address (the socket's, or from X-Forwarded-For through a trusted proxy). */
  client(c: WebContext): string;
}

export function makeKit(deps: OfficerWebDeps): Kit {
  const cookieOptions = { httpOnly: true as const, sameSite: 'Strict' as const, path: '/', secure: deps.secureCookies };
  // Over HTTPS the __Host- prefix: the browser then refuses the cookie from a sibling subdomain or plain HTTP (cookie tossing).
  const preCookie = deps.secureCookies ? '__Host-setu_form' : 'setu_form';
  const preCookieOptions = { ...cookieOptions, path: deps.secureCookies ? '/' : '/officer' };
  const mac = (text: string) => createHmac('sha256', deps.formKey).update(text).digest('base64url');
  /** `<nonce>.<issued, base36 ms>.<HMAC>`: only Setu makes one, so a cookie planted by someone else is refused. */
  const signedNonce = (cookie: string | undefined): string | null => {
    const [nonce, issued, sig, extra] = (cookie ?? '').split('.');
    if (!nonce || !issued || !sig || extra !== undefined || !/^[\w-]{32}$/.test(nonce)) return null;
    if (!sameText(sig, mac(`cookie:${nonce}.${issued}`))) return null;
    const age = deps.clock.now().getTime() - parseInt(issued, 36);
    return age >= 0 && age < PRE_COOKIE_MS ? nonce : null;
  };
  const formToken = (nonce: string, form: PreForm) => mac(`form:${form}:${nonce}`);
  const notFound = (c: WebContext): Response => {
    const { ctx } = page(c);
    return c.html(<Layout ctx={ctx} title={ctx.t('not_found')}><p>{ctx.t('not_found')}</p></Layout>, 404) as Response;
  };
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
    notFound,
    async caseDenied(c, asked) {
      const { officer } = page(c);
      const parsed = parseTrackingNumber(asked);
      const exists = parsed.ok ? await deps.db.case.findUnique({ where: { trackingNumber: parsed.number }, select: { id: true } }) : null;
      // The number asked for, only when it is one (a URL can hold anything); the case, when there is one elsewhere.
      await audit(deps.db, { at: deps.clock.now(), actor: officer.id, action: 'case.denied', caseId: exists?.id ?? null, detail: parsed.ok ? { asked: parsed.number } : { malformed: true } });
      return notFound(c);
    },
    preFormToken(c, form) {
      let nonce = signedNonce(getCookie(c, preCookie));
      if (!nonce) {
        nonce = randomBytes(24).toString('base64url');
        const issued = deps.clock.now().getTime().toString(36);
        setCookie(c, preCookie, `${nonce}.${issued}.${mac(`cookie:${nonce}.${issued}`)}`, preCookieOptions);
      }
      return formToken(nonce, form);
    },
    preFormOk(c, form, given) {
      // A browser says when a form was posted from another site (or a sibling subdomain): never a sign-in of ours.
      const site = c.req.header('sec-fetch-site');
      if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
      const nonce = signedNonce(getCookie(c, preCookie));
      return nonce !== null && given !== '' && sameText(given, formToken(nonce, form));
    },
    client: (c) => clientAddress(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), deps.trustedProxies),
  };
}
