/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child, FC } from 'hono/jsx';
import type { SignedInOfficer } from '../../app/officers/accounts.ts';
import type { Lang } from '../../engine/types.ts';

/** What every page needs to speak the officer's language. */
export interface PageContext {
  lang: Lang;
  /** `officer:`-namespace text. */
  t(key: string, params?: Record<string, string | number>): string;
  /** Any namespace. */
  tt(key: string, params?: Record<string, string | number>): string;
  placeName(code: string): string;
  officer?: SignedInOfficer;
  csrf?: string;
}

// Small, readable on a phone, no external fonts or scripts (the CSP forbids both).
const CSS = `
body{font-family:system-ui,'Noto Sans Bengali',sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9;line-height:1.45}
header{background:#0b5d3b;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}
header a,header button{color:#fff;background:none;border:0;font:inherit;cursor:pointer;text-decoration:underline;padding:0}
header .who{flex-basis:100%;font-size:.85rem;opacity:.9}
main{padding:1rem;max-width:60rem;margin:auto}
table{border-collapse:collapse;width:100%;background:#fff;display:block;overflow-x:auto}
ul.card{list-style:none}td a{word-break:keep-all;white-space:nowrap}th,td{padding:.4rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.urgent{color:#b00020;font-weight:600}.overdue{color:#a05a00;font-weight:600}
.card{background:#fff;padding:1rem;margin:0 0 1rem;border-radius:.4rem;box-shadow:0 1px 2px #0002}
.flash{background:#e7f5ec;border-left:4px solid #0b5d3b;padding:.6rem;margin-bottom:1rem}.error{background:#fdecea;border-left-color:#b00020}
label{display:block;margin:.4rem 0}input,select,textarea{font:inherit;padding:.4rem;max-width:100%}textarea{width:100%;min-height:4rem}
button.primary{background:#0b5d3b;color:#fff;border:0;padding:.5rem 1rem;border-radius:.3rem;font:inherit;cursor:pointer;margin:.2rem .2rem .2rem 0}
form.inline{display:inline}
.assist{background:#fff8e1;border-left:4px solid #a05a00;padding:.6rem;margin:.6rem 0}
`;

export const Layout: FC<{ ctx: PageContext; title: string; children?: Child }> = ({ ctx, title, children }) => (
  <html lang={ctx.lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · ${ctx.t('title')}`}</title>
      {/* A constant of ours; as text it would be HTML-escaped, which CSS does not undo. */}
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
    </head>
    <body>
      <header>
        <strong>{ctx.t('title')}</strong>
        {ctx.officer && ctx.csrf ? (
          <>
            <a href="/officer">{ctx.t('nav.inbox')}</a>
            <a href="/officer/stats">{ctx.t('nav.stats')}</a>
            <a href="/officer/enter">{ctx.t('nav_more.enter')}</a>
            <a href="/officer/export.csv">{ctx.t('nav.export')}</a>
            <a href="/officer/telegram">{ctx.tt('alerts:page.title')}</a>
            <a href="/officer/office">{ctx.tt('charter:office.nav')}</a>
            <a href="/officer/notices">{ctx.tt('notices:nav')}</a>
            {ctx.officer.role === 'admin' ? <a href="/officer/officers">{ctx.t('nav_more.officers')}</a> : null}
            {ctx.officer.role === 'admin' ? <a href="/officer/audit">{ctx.t('nav.audit')}</a> : null}
            <a href="/officer/password">{ctx.t('nav_more.password')}</a>
            <PostButton action="/officer/language" csrf={ctx.csrf} label={ctx.t('nav.language')} />
            <PostButton action="/officer/signout" csrf={ctx.csrf} label={ctx.t('nav.signout')} />
            <PostButton action="/officer/signout-everywhere" csrf={ctx.csrf} label={ctx.t('nav.signout_everywhere')} />
            <span class="who">
              {ctx.t('signed_in_as', { name: ctx.officer.name, role: ctx.t(`role.${ctx.officer.role}`), area: ctx.placeName(ctx.officer.areaCode) })}
            </span>
          </>
        ) : null}
      </header>
      <main>{children}</main>
    </body>
  </html>
);

export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

export const PostButton: FC<{ action: string; csrf: string; label: string }> = ({ action, csrf, label }) => (
  <form method="post" action={action} class="inline">
    <Csrf token={csrf} />
    <button type="submit">{label}</button>
  </form>
);

export const Flash: FC<{ text?: string | undefined; error?: boolean }> = ({ text, error }) => (text ? <p class={error ? 'flash error' : 'flash'} role="status">{text}</p> : null);
