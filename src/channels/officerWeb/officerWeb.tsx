/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrfMatches, sessionFor, setPasswordWithLink, signIn, signInLinkOwner, signOut, signOutEverywhere, type Session } from '../../app/officers/accounts.ts';
import { actOnCase, assignCase, colleaguesFor, inbox, openCase, replyOnCase, type DeskAction, type DeskDeps, type InboxFilters } from '../../app/officers/caseDesk.ts';
import { exportCases } from '../../app/officers/export.ts';
import { audit } from '../../app/officers/audit.ts';
import { statsFor } from '../../app/officers/stats.ts';
import { childrenOf, placeByCode } from '../../domain/geo/index.ts';
import { COUNTRY } from '../../domain/officers/jurisdiction.ts';
import type { IdGenerator, Lang } from '../../engine/types.ts';
import type { Tier } from '../../domain/cases/routing.ts';
import type { WorkCalendar } from '../../domain/cases/workingDays.ts';
import { addOfficer, isRole } from '../../app/officers/accounts.ts';
import type { AttachmentFetcher } from '../../app/officers/attachments.ts';
import { enterCase, INTAKE_SOURCES } from '../../app/officers/intake.ts';
import { caseScope } from '../../domain/officers/jurisdiction.ts';
import { parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { IntakePage, OfficersPage } from './adminPages.tsx';
import { TelegramLinkPage } from './telegramLinkPage.tsx';
import { createTelegramLinkCode } from '../../app/officers/alerts.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { AuditPage, CasePage, InboxPage } from './casePages.tsx';
import { LoginPage, WelcomePage } from './authPages.tsx';
import { Layout, type PageContext } from './layout.tsx';
import { StatsView } from './charts.tsx';

export interface OfficerWebDeps extends DeskDeps {
  log: Logger;
  calendar: WorkCalendar;
  deadlineDays: Record<Tier, number>;
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

type Env = { Bindings: HttpBindings; Variables: { session: Session } };

const PRE_COOKIE = 'setu_form';

/**
 * The officers' workspace: server-rendered pages under /officer. Every page
 * but sign-in needs a session; every form carries a CSRF token (the
 * session's, or before sign-in a double-submit cookie); every query goes
 * through the case desk, which narrows it to the officer's area.
 */
export function createOfficerWeb(deps: OfficerWebDeps): { handle(req: IncomingMessage, res: ServerResponse): Promise<void> } {
  const sessionCookie = deps.secureCookies ? '__Host-setu_officer' : 'setu_officer';
  const cookieOptions = { httpOnly: true, sameSite: 'Strict' as const, path: '/', secure: deps.secureCookies };
  const app = new Hono<Env>();

  const context = (lang: Lang, session?: Session): PageContext => ({
    lang,
    t: (key, params) => deps.translator.t(`officer:${key}`, lang, params),
    tt: (key, params) => deps.translator.t(key, lang, params),
    placeName: (code) => (code === COUNTRY ? (lang === 'bn' ? 'বাংলাদেশ' : 'Bangladesh') : ((lang === 'bn' ? placeByCode(code)?.nameBn : placeByCode(code)?.nameEn) ?? code)),
    ...(session ? { officer: session.officer, csrf: session.csrfToken } : {}),
  });

  /** Before sign-in there is no session to tie a form to: a random cookie, echoed by the form, does. */
  const preFormToken = (c: Context<Env>): string => {
    const existing = getCookie(c, PRE_COOKIE);
    if (existing && /^[\w-]{43}$/.test(existing)) return existing;
    const token = randomBytes(32).toString('base64url');
    setCookie(c, PRE_COOKIE, token, { ...cookieOptions, path: '/officer' });
    return token;
  };
  const preFormOk = (c: Context<Env>, given: string | undefined): boolean => {
    const cookie = getCookie(c, PRE_COOKIE);
    if (!cookie || !given) return false;
    const a = Buffer.from(cookie);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const langOf = (c: Context<Env>): Lang => (c.req.query('lang') === 'en' ? 'en' : 'bn');
  const field = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? (body[name] as string) : '');

  app.use('*', async (c, next) => {
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', 'no-store');
    await next();
  });

  // ── Sign-in (no session) ───────────────────────────────────────────────
  app.get('/officer/signin', (c) => c.html(<LoginPage ctx={context(langOf(c))} csrf={preFormToken(c)} notice={c.req.query('done') ? context(langOf(c)).t('welcome.done') : undefined} />));

  app.post('/officer/signin', async (c) => {
    const body = await c.req.parseBody();
    const ctx = context(langOf(c));
    if (!preFormOk(c, field(body, '_csrf'))) return c.html(<LoginPage ctx={ctx} csrf={preFormToken(c)} problem={ctx.t('login.expired')} />, 403);
    const client = getConnInfo(c).remote.address ?? 'unknown';
    const result = await signIn(deps, { username: field(body, 'username'), password: field(body, 'password'), client });
    if (!result.ok) {
      const status = result.problem === 'throttled' ? 429 : 401;
      return c.html(<LoginPage ctx={ctx} csrf={preFormToken(c)} username={field(body, 'username')} problem={ctx.t(`login.${result.problem}`)} />, status);
    }
    setCookie(c, sessionCookie, result.sessionToken, { ...cookieOptions, maxAge: 12 * 60 * 60 });
    return c.redirect('/officer', 303);
  });

  app.get('/officer/welcome/:token', async (c) => {
    const owner = await signInLinkOwner(deps, c.req.param('token'));
    return c.html(<WelcomePage ctx={context(langOf(c))} csrf={preFormToken(c)} name={owner?.name ?? null} token={c.req.param('token')} />, owner ? 200 : 404);
  });

  app.post('/officer/welcome/:token', async (c) => {
    const body = await c.req.parseBody();
    const ctx = context(langOf(c));
    const token = c.req.param('token');
    const owner = await signInLinkOwner(deps, token);
    if (!preFormOk(c, field(body, '_csrf'))) return c.html(<WelcomePage ctx={ctx} csrf={preFormToken(c)} name={owner?.name ?? null} token={token} problem={ctx.t('login.expired')} />, 403);
    const result = await setPasswordWithLink(deps, token, field(body, 'password'), field(body, 'again'));
    if (!result.ok) {
      const problem = result.problem === 'link' ? undefined : ctx.t(`welcome.${result.problem}`, { min: 10 });
      return c.html(<WelcomePage ctx={ctx} csrf={preFormToken(c)} name={result.problem === 'link' ? null : (owner?.name ?? null)} token={token} problem={problem} />, 400);
    }
    return c.redirect('/officer/signin?done=1', 303);
  });

  // ── Everything else needs a session, and every POST its CSRF token ──────
  app.use('/officer/*', async (c, next) => {
    const session = await sessionFor(deps, getCookie(c, sessionCookie));
    if (!session) {
      if (c.req.method === 'GET') return c.redirect('/officer/signin', 303);
      return c.text('sign in first', 401);
    }
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody();
      if (!csrfMatches(session, field(body, '_csrf'))) return c.text('the form expired; reload the page', 403);
    }
    c.set('session', session);
    await next();
  });
  app.use('/officer', async (c, next) => {
    const session = await sessionFor(deps, getCookie(c, sessionCookie));
    if (!session) return c.redirect('/officer/signin', 303);
    c.set('session', session);
    await next();
  });

  const page = (c: Context<Env>) => {
    const session = c.get('session');
    return { session, officer: session.officer, ctx: context(session.officer.language, session) };
  };

  app.get('/officer', async (c) => {
    const { officer, ctx } = page(c);
    const q = c.req.query();
    const filters: InboxFilters = {
      ...(q.state ? { state: q.state } : {}),
      ...(q.programme ? { programme: q.programme } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.place ? { place: q.place } : {}),
      ...(q.overdue === '1' ? { overdue: true } : {}),
      ...(q.due === 'soon' ? { dueSoon: true } : {}),
    };
    const { cases, counts } = await inbox(deps, officer, filters);
    const places = officer.role === 'upazila' ? childrenOf(officer.areaCode).map((p) => ({ code: p.code, name: officer.language === 'bn' ? p.nameBn : p.nameEn })) : [];
    const assigneeIds = [...new Set(cases.flatMap((x) => (x.assignedTo ? [x.assignedTo] : [])))];
    const assignees = new Map((await deps.db.officer.findMany({ where: { id: { in: assigneeIds } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
    return c.html(<InboxPage ctx={ctx} cases={cases} counts={counts} filters={filters} programmes={deps.programmes} places={places} assignees={assignees} />);
  });

  const showCase = async (c: Context<Env>, flash?: string, problem?: string, status: 200 | 400 = 200) => {
    const { officer, ctx } = page(c);
    const detail = await openCase(deps, officer, c.req.param('number') ?? '');
    if (!detail) return notFound(c);
    const colleagues = await colleaguesFor(deps, detail);
    return c.html(<CasePage ctx={ctx} c={detail} colleagues={colleagues} flash={flash} problem={problem} />, status);
  };

  const notFound = (c: Context<Env>) => {
    const { ctx } = page(c);
    return c.html(<Layout ctx={ctx} title={ctx.t('not_found')}><p>{ctx.t('not_found')}</p></Layout>, 404);
  };

  app.get('/officer/cases/:number', (c) => showCase(c, c.req.query('done') ? page(c).ctx.t(`case.done.${c.req.query('done')}`) : undefined));

  app.post('/officer/cases/:number/act', async (c) => {
    const { officer, ctx } = page(c);
    const body = await c.req.parseBody();
    const action = field(body, 'action');
    if (!['acknowledge', 'start', 'forward', 'resolve', 'reject'].includes(action)) return c.text('unknown action', 400);
    const note = field(body, 'note');
    const result = await actOnCase(deps, officer, c.req.param('number'), action as DeskAction, note || undefined);
    if (!result.ok && result.reason === 'unknown_case') return notFound(c);
    if (!result.ok) return showCase(c, undefined, ctx.t(`case.problem.${result.reason}`), 400);
    return c.redirect(`/officer/cases/${c.req.param('number')}?done=${action}`, 303);
  });

  app.post('/officer/cases/:number/reply', async (c) => {
    const { officer, ctx } = page(c);
    const body = await c.req.parseBody();
    const result = await replyOnCase(deps, officer, c.req.param('number'), field(body, 'text'));
    if (!result.ok && result.reason === 'unknown_case') return notFound(c);
    if (!result.ok) return showCase(c, undefined, ctx.t(`case.problem.${result.reason}`), 400);
    return c.redirect(`/officer/cases/${c.req.param('number')}?done=reply`, 303);
  });

  app.post('/officer/cases/:number/assign', async (c) => {
    const { officer, ctx } = page(c);
    const body = await c.req.parseBody();
    const result = await assignCase(deps, officer, c.req.param('number'), field(body, 'officer'));
    if (!result.ok && result.reason === 'unknown_case') return notFound(c);
    if (!result.ok) return showCase(c, undefined, ctx.t(`case.problem.${result.reason}`), 400);
    return c.redirect(`/officer/cases/${c.req.param('number')}?done=assign`, 303);
  });

  app.get('/officer/export.csv', async (c) => {
    const { officer } = page(c);
    const { csv } = await exportCases(deps, officer, { reveal: c.req.query('reveal') === '1' });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="setu-cases-${officer.areaCode}.csv"`);
    return c.body(csv);
  });

  app.get('/officer/stats', async (c) => {
    const { officer, ctx } = page(c);
    const stats = await statsFor(deps, officer);
    return c.html(
      <Layout ctx={ctx} title={ctx.t('nav.stats')}>
        <StatsView stats={stats} t={ctx.tt} programmeName={(id) => (id === 'none' ? '—' : ctx.tt(`programmes:${id}.short_name`))} />
      </Layout>,
    );
  });

  app.get('/officer/audit', async (c) => {
    const { officer, ctx } = page(c);
    if (officer.role !== 'admin') return c.html(<Layout ctx={ctx} title={ctx.t('forbidden')}><p>{ctx.t('forbidden')}</p></Layout>, 404);
    const entries = await deps.db.auditEntry.findMany({ orderBy: { id: 'desc' }, take: 500 });
    const caseIds = [...new Set(entries.flatMap((e) => (e.caseId ? [e.caseId] : [])))];
    const numbers = new Map((await deps.db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, trackingNumber: true } })).map((x) => [x.id, x.trackingNumber]));
    await audit(deps.db, { at: deps.clock.now(), actor: officer.id, action: 'audit.view' });
    return c.html(<AuditPage ctx={ctx} entries={entries.map((e) => ({ at: e.at, actor: e.actor, action: e.action, caseNumber: e.caseId ? (numbers.get(e.caseId) ?? null) : null, detail: e.detail }))} />);
  });

  app.get('/officer/cases/:number/attachments/:id', async (c) => {
    const { officer } = page(c);
    const parsed = parseTrackingNumber(c.req.param('number'));
    const kase = parsed.ok ? await deps.db.case.findFirst({ where: { trackingNumber: parsed.number, ...caseScope(officer) }, select: { id: true } }) : null;
    const attachment = kase ? await deps.db.caseAttachment.findFirst({ where: { id: Number(c.req.param('id')) || -1, caseId: kase.id } }) : null;
    if (!kase || !attachment) return notFound(c);
    await audit(deps.db, { at: deps.clock.now(), actor: officer.id, action: 'case.view', caseId: kase.id, detail: { attachment: attachment.id } });
    const file = await deps.attachments.fetch(attachment.ref, attachment.kind);
    if (!file) return c.text(page(c).ctx.t('attachment.unavailable', { channel: attachment.ref.split(':')[0] ?? '' }), 502);
    c.header('Content-Type', file.type);
    return c.body(file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength) as ArrayBuffer);
  });

  const intakePlaces = (officer: Session['officer']): { code: string; name: string }[] => {
    const name = (code: string) => context(officer.language).placeName(code);
    const withUnions = (upazila: string) => [{ code: upazila, name: name(upazila) }, ...childrenOf(upazila).map((u) => ({ code: u.code, name: `${name(u.code)} (${name(upazila)})` }))];
    if (officer.role === 'union') return [{ code: officer.areaCode, name: name(officer.areaCode) }];
    if (officer.role === 'upazila') return withUnions(officer.areaCode);
    if (officer.role === 'district') return childrenOf(officer.areaCode).flatMap((u) => withUnions(u.code));
    return [];
  };

  app.get('/officer/enter', (c) => {
    const { officer, ctx } = page(c);
    return c.html(<IntakePage ctx={ctx} places={intakePlaces(officer)} programmes={deps.programmes} done={c.req.query('done')} />);
  });

  app.post('/officer/enter', async (c) => {
    const { officer, ctx } = page(c);
    const body = await c.req.parseBody();
    const source = field(body, 'source');
    const result = await enterCase(deps, officer, {
      source: (INTAKE_SOURCES as readonly string[]).includes(source) ? (source as (typeof INTAKE_SOURCES)[number]) : 'paper',
      category: field(body, 'category'),
      programme: field(body, 'programme'),
      placeCode: field(body, 'place'),
      description: field(body, 'description'),
      phone: field(body, 'phone'),
      shareIdentity: field(body, 'share') === '1',
      language: field(body, 'language') === 'en' ? 'en' : 'bn',
    });
    if (!result.ok) return c.html(<IntakePage ctx={ctx} places={intakePlaces(officer)} programmes={deps.programmes} problem={result.problem} />, 400);
    return c.redirect(`/officer/enter?done=${result.trackingNumber}`, 303);
  });

  const officerRows = async () =>
    (await deps.db.officer.findMany({ orderBy: [{ role: 'asc' }, { name: 'asc' }] })).map((o) => ({
      username: o.username,
      name: o.name,
      role: o.role,
      areaCode: o.areaCode,
      hasPassword: o.passwordHash !== null,
      disabled: o.disabledAt !== null,
    }));

  app.get('/officer/officers', async (c) => {
    const { officer, ctx } = page(c);
    if (officer.role !== 'admin') return c.html(<Layout ctx={ctx} title={ctx.t('forbidden')}><p>{ctx.t('forbidden')}</p></Layout>, 404);
    return c.html(<OfficersPage ctx={ctx} officers={await officerRows()} />);
  });

  app.post('/officer/officers', async (c) => {
    const { officer, ctx } = page(c);
    if (officer.role !== 'admin') return c.html(<Layout ctx={ctx} title={ctx.t('forbidden')}><p>{ctx.t('forbidden')}</p></Layout>, 404);
    const body = await c.req.parseBody();
    const role = field(body, 'role');
    const result = isRole(role)
      ? await addOfficer(deps, { name: field(body, 'name'), username: field(body, 'username'), role, areaCode: field(body, 'area'), language: field(body, 'language') === 'en' ? 'en' : 'bn' }, officer.id)
      : ({ ok: false, problem: `unknown role ${role}` } as const);
    if (!result.ok) return c.html(<OfficersPage ctx={ctx} officers={await officerRows()} problem={result.problem} />, 400);
    const link = `${deps.publicUrl().replace(/\/$/, '')}/officer/welcome/${result.signInToken}`;
    return c.html(<OfficersPage ctx={ctx} officers={await officerRows()} added={{ name: field(body, 'name'), link }} />);
  });

  const linkedNow = async (id: string) => Boolean((await deps.db.officer.findUnique({ where: { id }, select: { telegramChatId: true } }))?.telegramChatId);

  app.get('/officer/telegram', async (c) => {
    const { officer, ctx } = page(c);
    return c.html(<TelegramLinkPage ctx={ctx} linked={await linkedNow(officer.id)} bot={deps.telegramBot ?? undefined} />);
  });

  // A code only on a button press (POST): opening a link never makes one.
  app.post('/officer/telegram', async (c) => {
    const { officer, ctx } = page(c);
    const code = await createTelegramLinkCode(deps, officer.id);
    return c.html(<TelegramLinkPage ctx={ctx} linked={await linkedNow(officer.id)} bot={deps.telegramBot ?? undefined} code={code} />);
  });

  app.post('/officer/language', async (c) => {
    const { officer } = page(c);
    await deps.writes.run(() => deps.db.officer.update({ where: { id: officer.id }, data: { language: officer.language === 'bn' ? 'en' : 'bn' } }));
    return c.redirect(c.req.header('referer')?.includes('/officer') ? (new URL(c.req.header('referer') ?? '/officer').pathname) : '/officer', 303);
  });

  app.post('/officer/signout', async (c) => {
    const { officer } = page(c);
    await signOut(deps, getCookie(c, sessionCookie) ?? '', officer.id);
    deleteCookie(c, sessionCookie, cookieOptions);
    return c.redirect('/officer/signin', 303);
  });

  app.post('/officer/signout-everywhere', async (c) => {
    const { officer } = page(c);
    await signOutEverywhere(deps, officer.id);
    deleteCookie(c, sessionCookie, cookieOptions);
    return c.redirect('/officer/signin', 303);
  });

  app.notFound((c) => c.text('not found', 404));
  app.onError((err, c) => {
    deps.log.error({ err, path: c.req.path }, 'officer workspace request failed');
    return c.text('internal error', 500);
  });

  const listener = getRequestListener(app.fetch);
  return { handle: (req, res) => listener(req, res) };
}
