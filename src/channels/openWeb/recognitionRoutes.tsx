/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Context, Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { certificateFor, type Certificate } from '../../app/openData/certificates.ts';
import { createMemoryRateLimiter } from '../../app/limits/rateLimiter.ts';
import { placeByCode } from '../../domain/geo/index.ts';
import { normaliseCode } from '../../domain/recognition/milestones.ts';
import type { Lang } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import { clientAddress, type TrustedProxies } from '../shared/clientAddress.ts';
import { OpenLayout, type OpenContext } from './openPages.tsx';

export interface RecognitionDeps {
  db: DbClient;
  translator: Translator;
  trustedProxies: TrustedProxies;
  publicUrl: () => string;
}

// A4 on paper, one page; the site's header and forms are not printed.
const PRINT = `
.certificate{background:#fff;border:6px double #0b5d3b;padding:1.2rem;margin:1rem 0;text-align:center}
.certificate h1{font-size:1.6rem}.certificate .lang{margin:1rem 0}.certificate .code{font-family:monospace;font-size:1.1rem}
@media print{header,.no-print{display:none}body{background:#fff}.certificate{border-width:8px;margin:0;min-height:90vh}}
`;
/** Checks per address: a person checking a few certificates, not someone guessing codes. */
const VERIFY_LIMIT = { burst: 20, perMinute: 20 };

/**
 * Certificates for citizen journalists, and their check: `/open/certificate/<code>`
 * prints one (Bangla and English together), `/open/verify/<code>` (or its form)
 * says whether a code is genuine. Neither names the reporter or anyone reported:
 * only the district, the number of people helped and the date.
 */
export function registerRecognitionRoutes(app: Hono, deps: RecognitionDeps, contextFor: (c: Context) => OpenContext): void {
  const limiter = createMemoryRateLimiter(VERIFY_LIMIT);
  const district = (code: string, lang: Lang): string => {
    const p = placeByCode(code);
    return (lang === 'bn' ? p?.nameBn : p?.nameEn) ?? code;
  };
  const dates = { bn: new Intl.DateTimeFormat('bn-BD', { dateStyle: 'long', timeZone: 'Asia/Dhaka' }), en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Dhaka' }) };
  const date = (d: Date, lang: Lang): string => dates[lang].format(d);
  const t = (key: string, lang: Lang, params?: Record<string, string | number>): string => deps.translator.t(`recognition:${key}`, lang, params);
  const verifyUrl = (code: string): string => `${deps.publicUrl().replace(/\/+$/, '')}/open/verify/${code}`;
  const says = (cert: Certificate, lang: Lang, first: string, many: string): string =>
    t(cert.milestone === 1 ? first : many, lang, { code: cert.code, count: cert.milestone, district: district(cert.districtCode, lang), date: date(cert.createdAt, lang) });

  app.get('/open/certificate/:code', async (c) => {
    const ctx = contextFor(c);
    const code = normaliseCode(c.req.param('code'));
    const cert = code === null ? null : await certificateFor(deps.db, code);
    if (!cert) return c.html(`<!doctype html>${(<OpenLayout ctx={ctx} title={t('verify.title', ctx.lang)}><p>{t('verify.unknown', ctx.lang, { code: c.req.param('code').slice(0, 20) })}</p></OpenLayout>).toString()}`, 404);
    const langs: Lang[] = ctx.lang === 'bn' ? ['bn', 'en'] : ['en', 'bn'];
    return c.html(
      `<!doctype html>${(
        <OpenLayout ctx={ctx} title={t('certificate.title', ctx.lang)}>
          <style dangerouslySetInnerHTML={{ __html: PRINT }} />
          <section class="certificate">
            {langs.map((lang) => (
              <div class="lang" lang={lang}>
                <h1>{t('certificate.heading', lang)}</h1>
                <p>{says(cert, lang, 'certificate.body_first', 'certificate.body')}</p>
                <p>{t('certificate.issued', lang, { date: date(cert.createdAt, lang) })}</p>
              </div>
            ))}
            <p class="code">{t('certificate.code', ctx.lang, { code: cert.code })}</p>
            <p class="small">{t('certificate.verify', ctx.lang, { url: verifyUrl(cert.code) })}</p>
          </section>
          <p class="small no-print">{t('certificate.print', ctx.lang)}</p>
        </OpenLayout>
      ).toString()}`,
    );
  });

  const verifyPage = async (c: Context, typed: string) => {
    const ctx = contextFor(c);
    const answer = async (): Promise<{ text: string; error: boolean } | undefined> => {
      if (typed.trim() === '') return undefined;
      const code = normaliseCode(typed);
      if (code === null) return { text: t('verify.bad', ctx.lang), error: true };
      const who = clientAddress(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), deps.trustedProxies);
      if (!limiter.take(who, Date.now()).allowed) return { text: t('verify.limited', ctx.lang), error: true };
      const cert = await certificateFor(deps.db, code);
      if (!cert) return { text: t('verify.unknown', ctx.lang, { code }), error: true };
      return { text: says(cert, ctx.lang, 'verify.genuine_first', 'verify.genuine'), error: false };
    };
    const result = await answer();
    c.header('Cache-Control', 'no-store');
    return c.html(
      `<!doctype html>${(
        <OpenLayout ctx={ctx} title={t('verify.title', ctx.lang)}>
          <h1>{t('verify.title', ctx.lang)}</h1>
          <form method="get" action="/open/verify">
            <input type="hidden" name="lang" value={ctx.lang} />
            <label for="code">{t('verify.label', ctx.lang)}</label>
            <input id="code" name="code" autocomplete="off" maxlength={30} value={typed.slice(0, 30)} />
            <button type="submit">{t('verify.button', ctx.lang)}</button>
          </form>
          {result ? (
            <p class={result.error ? 'result error' : 'result'} role="status">
              {result.text}
            </p>
          ) : null}
        </OpenLayout>
      ).toString()}`,
    );
  };
  app.get('/open/verify', (c) => verifyPage(c, c.req.query('code') ?? ''));
  app.get('/open/verify/:code', (c) => verifyPage(c, c.req.param('code')));
}
