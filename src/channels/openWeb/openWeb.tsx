/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { createMemoryRateLimiter } from '../../app/limits/rateLimiter.ts';
import { publicStatus } from '../../app/openData/publicStatus.ts';
import type { ReportCardSource } from '../../app/openData/reportCardSource.ts';
import { parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { pathOf } from '../../domain/geo/index.ts';
import { COUNTRY } from '../../domain/officers/jurisdiction.ts';
import type { Lang } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { clientAddress, type TrustedProxies } from '../shared/clientAddress.ts';
import { ShareCard } from './openCharts.tsx';
import { registerRecognitionRoutes } from './recognitionRoutes.tsx';
import { registerCharterRoutes } from './charterRoutes.tsx';
import type { Tier } from '../../domain/cases/routing.ts';
import { areaNames, CSV_COLUMNS, toCsv, toJson } from './openDataFiles.ts';
import { AreaPage, OpenLayout, sayCount, StatusBox, type OpenContext } from './openPages.tsx';
import { NO_UNION } from '../../domain/openData/tally.ts';

export interface OpenWebDeps {
  db: DbClient;
  reportCard: ReportCardSource;
  translator: Translator;
  log: Logger;
  trustedProxies: TrustedProxies;
  /** Where the pages are reached from outside, for the picture's footer. */
  publicUrl: () => string;
  /** Working days an office has for a grievance (the Citizen Charter's time limits). */
  deadlineDays: Record<Tier, number>;
}

// Nothing but our own markup and styles; the pictures are SVG we drew.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** Tracking-number look-ups per address: enough for a family, too few to sweep the numbers. */
const STATUS_LIMIT = { burst: 10, perMinute: 10 };

/**
 * The public report card under /open: a page per area (country to union),
 * the open data as CSV and JSON, a picture per area and month, the column
 * guide, and the tracking-number box. No sign-in, nothing personal: every
 * figure comes from the suppressed report card, and a look-up answers only
 * where a case stands.
 */
export function createOpenWeb(deps: OpenWebDeps): { handle(req: IncomingMessage, res: ServerResponse): Promise<void> } {
  const app = new Hono();
  const limiter = createMemoryRateLimiter(STATUS_LIMIT);

  const langOf = (c: Context): Lang => (c.req.query('lang') === 'en' ? 'en' : 'bn');
  // Made once: an Intl formatter costs about a millisecond to build, and a page names a dozen months.
  const formatsFor = (lang: Lang) => {
    const locale = lang === 'bn' ? 'bn-BD' : 'en-GB';
    return {
      months: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
      dates: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Dhaka' }),
    };
  };
  const formats = { bn: formatsFor('bn'), en: formatsFor('en') };
  const contextFor = (c: Context): OpenContext => {
    const lang = langOf(c);
    const url = new URL(c.req.url);
    const other = new URL(url);
    other.searchParams.set('lang', lang === 'bn' ? 'en' : 'bn');
    const { months, dates } = formats[lang];
    return {
      lang,
      t: (key, params) => deps.translator.t(`open:${key}`, lang, params),
      tt: (key, params) => deps.translator.t(key, lang, params),
      areaName: (code) => {
        if (code.endsWith(NO_UNION)) return deps.translator.t('open:no_union', lang);
        return areaNames(code, deps.translator)[lang];
      },
      otherLanguageHref: `${other.pathname}${other.search}`,
      href: (path) => (lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path),
      monthName: (m) => months.format(new Date(`${m}-01T00:00:00Z`)),
      date: (d) => dates.format(d),
    };
  };
  // A programme Setu no longer lists may still have cases: it is shown by its id rather than failing the page.
  const programmeName = (ctx: OpenContext) => (id: string) => (deps.translator.has(`programmes:${id}.short_name`, ctx.lang) ? ctx.tt(`programmes:${id}.short_name`) : id);

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'public, max-age=300');
  });

  const areaPage = async (c: Context, code: string, status?: { value: string; result: { text: string; error: boolean } }) => {
    const ctx = contextFor(c);
    const card = await deps.reportCard.current();
    const area = card.areas.get(code);
    if (!area) return c.html(<OpenLayout ctx={ctx} title={ctx.t('not_found')}><p>{ctx.t('not_found')}</p></OpenLayout>, 404);
    const path = code === COUNTRY ? [COUNTRY] : [COUNTRY, ...pathOf(code.endsWith(NO_UNION) ? code.slice(0, -NO_UNION.length) : code).map((p) => p.code), ...(code.endsWith(NO_UNION) ? [code] : [])];
    return c.html(`<!doctype html>${(<AreaPage ctx={ctx} card={card} area={area} path={path} programmeName={programmeName(ctx)} {...(status ? { status } : {})} />).toString()}`);
  };

  app.get('/open', (c) => areaPage(c, COUNTRY));
  app.get('/open/area/:code', (c) => areaPage(c, c.req.param('code')));

  app.get('/open/status', async (c) => {
    const ctx = contextFor(c);
    const value = (c.req.query('n') ?? '').slice(0, 40);
    const answer = async (): Promise<{ text: string; error: boolean }> => {
      const parsed = parseTrackingNumber(value);
      if (!parsed.ok) return { text: ctx.t('status.bad'), error: true };
      const who = clientAddress(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), deps.trustedProxies);
      if (!limiter.take(who, Date.now()).allowed) return { text: ctx.t('status.limited'), error: true };
      const s = await publicStatus(deps.db, parsed.number);
      if (!s) return { text: ctx.t('status.not_found', { number: parsed.number }), error: true };
      const found = ctx.t('status.found', { number: s.trackingNumber, state: ctx.tt(`cases:state.${s.state}`), tier: ctx.tt(`cases:tier.${s.tier}`) });
      const when = s.closedAt ? ctx.t('status.closed', { date: ctx.date(s.closedAt) }) : ctx.t('status.due', { date: ctx.date(s.dueAt) });
      return { text: `${found} ${when}`, error: false };
    };
    c.header('Cache-Control', 'no-store');
    const result = value.trim() === '' ? undefined : await answer();
    return c.html(
      `<!doctype html>${(
        <OpenLayout ctx={ctx} title={ctx.t('status.heading')}>
          <StatusBox ctx={ctx} value={value} result={result} />
          <p>
            <a href={ctx.href('/open')}>{ctx.t('title')}</a>
          </p>
        </OpenLayout>
      ).toString()}`,
    );
  });

  app.get('/open/data.csv', async (c) => {
    const card = await deps.reportCard.current();
    const root = c.req.query('area') ?? COUNTRY;
    if (!card.areas.has(root)) return c.text('no such area', 404);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="setu-report-card-${root}.csv"`);
    return c.body(toCsv(card, root, deps.translator));
  });

  app.get('/open/data.json', async (c) => {
    const card = await deps.reportCard.current();
    const root = c.req.query('area') ?? COUNTRY;
    if (!card.areas.has(root)) return c.json({ error: 'no such area' }, 404);
    return c.json(toJson(card, root, deps.translator));
  });

  app.get('/open/card/:file', async (c) => {
    const code = c.req.param('file').replace(/\.svg$/, '');
    const ctx = contextFor(c);
    const card = await deps.reportCard.current();
    const area = card.areas.get(code);
    const month = c.req.query('month') ?? '';
    if (!area || (month !== '' && !card.months.includes(month))) return c.text('no such area or month', 404);
    const f = area.slices.get(month === '' ? 'all' : `m:${month}`);
    if (!f) return c.text('no such area or month', 404);
    const period = month === '' ? ctx.t('period', { from: ctx.monthName(card.months[0] ?? ''), to: ctx.monthName(card.months.at(-1) ?? '') }) : ctx.monthName(month);
    const figures = [
      { label: ctx.t('share_card.lodged'), value: sayCount(ctx, f.counts.lodged) },
      { label: ctx.t('share_card.resolved'), value: sayCount(ctx, f.counts.resolved) },
      { label: ctx.t('share_card.in_time'), value: f.shareInTime === null ? ctx.t('not_shown') : ctx.t('share', { n: Math.round(f.shareInTime * 1000) / 10 }) },
      { label: ctx.t('share_card.rating'), value: f.averageRating === null ? ctx.t('not_shown') : ctx.t('rating_value', { n: f.averageRating }) },
    ];
    const footer = ctx.t('share_card.footer', { url: `${deps.publicUrl().replace(/\/$/, '')}/open/area/${code}` });
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    return c.body(`<?xml version="1.0" encoding="UTF-8"?>${(<ShareCard area={ctx.areaName(code)} period={period} figures={figures} footer={footer} lang={ctx.lang} />).toString()}`);
  });

  app.get('/open/schema', (c) => {
    const ctx = contextFor(c);
    return c.html(
      `<!doctype html>${(
        <OpenLayout ctx={ctx} title={ctx.t('data.schema')}>
          <h1>{ctx.t('data.schema')}</h1>
          <p>{ctx.t('schema.intro')}</p>
          <div class="table-wrap">
            <table>
              <tbody>
                {CSV_COLUMNS.map((col) => (
                  <tr>
                    <th scope="row">
                      <code>{col}</code>
                    </th>
                    <td>{ctx.t(`schema.column.${col}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{ctx.t('schema.values')}</p>
          <p class="small">{ctx.t('data.licence')}</p>
        </OpenLayout>
      ).toString()}`,
    );
  });

  registerRecognitionRoutes(app, deps, contextFor);
  registerCharterRoutes(app, { db: deps.db, translator: deps.translator, deadlineDays: deps.deadlineDays });

  app.notFound((c) => c.text('not found', 404));
  app.onError((err, c) => {
    deps.log.error({ err, path: c.req.path }, 'open report card request failed');
    return c.text('internal error', 500);
  });

  const listener = getRequestListener(app.fetch);
  return { handle: (req, res) => listener(req, res) };
}
