/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child, FC } from 'hono/jsx';
import type { AreaCard, ReportCard, Shown, SliceFigures } from '../../domain/openData/reportCard.ts';
import type { Lang } from '../../engine/types.ts';
import { ShownBars } from './openCharts.tsx';

/** What the public pages need to speak the reader's language. */
export interface OpenContext {
  lang: Lang;
  /** `open:` text. */
  t(key: string, params?: Record<string, string | number>): string;
  /** Any namespace. */
  tt(key: string, params?: Record<string, string | number>): string;
  areaName(code: string): string;
  /** This page in the other language. */
  otherLanguageHref: string;
  /** Links keep the reader's language. */
  href(path: string): string;
  monthName(month: string): string;
  date(d: Date): string;
}

// Readable at 320 px: one column, large enough type, tables scroll sideways on their own.
const CSS = `
body{font-family:system-ui,'Noto Sans Bengali',sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9;line-height:1.5;font-size:1rem}
header{background:#0b5d3b;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;justify-content:space-between}
header a{color:#fff}
main{padding:.8rem;max-width:48rem;margin:auto}
h1{font-size:1.35rem;margin:.4rem 0}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
nav.path{font-size:.9rem;overflow-wrap:anywhere}
.card{background:#fff;padding:.8rem;margin:0 0 1rem;border-radius:.4rem;box-shadow:0 1px 2px #0002}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.6rem;margin:0}
dl.figures div{background:#eef6f1;border-radius:.3rem;padding:.5rem}
dl.figures dt{font-size:.85rem}dl.figures dd{margin:0;font-size:1.3rem;font-weight:700}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;background:#fff}
th,td{padding:.35rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}td.n{text-align:right;white-space:nowrap}
label{display:block;margin:.3rem 0}input,select{font:inherit;padding:.4rem;max-width:100%;box-sizing:border-box}
button{background:#0b5d3b;color:#fff;border:0;padding:.5rem 1rem;border-radius:.3rem;font:inherit;cursor:pointer;margin:.3rem 0}
.result{background:#e7f5ec;border-left:4px solid #0b5d3b;padding:.6rem}.result.error{background:#fdecea;border-left-color:#b00020}
.small{font-size:.85rem;color:#444}
`;

export const OpenLayout: FC<{ ctx: OpenContext; title: string; children?: Child }> = ({ ctx, title, children }) => (
  <html lang={ctx.lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · ${ctx.t('title')}`}</title>
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
    </head>
    <body>
      <header>
        <a href={ctx.href('/open')}>
          <strong>{ctx.t('title')}</strong>
        </a>
        <a href={ctx.otherLanguageHref} lang={ctx.lang === 'bn' ? 'en' : 'bn'}>
          {ctx.t('language')}
        </a>
      </header>
      <main>{children}</main>
    </body>
  </html>
);

/** How a count reads: the number in the reader's digits, or its mark. */
export function sayCount(ctx: OpenContext, v: Shown | null): string {
  if (v === null) return ctx.t('not_shown');
  if (v === '<5') return ctx.t('small');
  if (v === '*') return ctx.t('protected');
  return ctx.t('count', { n: v });
}

const pct = (ctx: OpenContext, share: number | null): string => (share === null ? ctx.t('not_shown') : ctx.t('share', { n: Math.round(share * 1000) / 10 }));

export const Figures: FC<{ ctx: OpenContext; f: SliceFigures }> = ({ ctx, f }) => {
  const say = (v: Shown | null) => sayCount(ctx, v);
  const items: Array<[string, string]> = [
    [ctx.t('figure.lodged'), say(f.counts.lodged)],
    [ctx.t('figure.resolved'), say(f.counts.resolved)],
    [ctx.t('figure.median_days'), f.medianWorkingDays === null ? ctx.t('not_shown') : ctx.t('days', { n: f.medianWorkingDays })],
    [ctx.t('figure.in_time'), pct(ctx, f.shareInTime)],
    [ctx.t('figure.open_now'), say(f.counts.open_now)],
    [ctx.t('figure.overdue'), pct(ctx, f.shareOverdue)],
    [ctx.t('figure.escalations'), say(f.counts.escalations)],
    [ctx.t('figure.appeals'), say(f.counts.appeals)],
    [ctx.t('figure.rating'), f.averageRating === null ? ctx.t('not_shown') : ctx.t('rating_value', { n: f.averageRating })],
    [ctx.t('figure.reports'), say(f.counts.exclusion_reports)],
    [ctx.t('figure.enrolled'), say(f.counts.reports_enrolled)],
    [ctx.t('figure.payments_confirmed'), say(f.counts.payments_confirmed)],
  ];
  return (
    <dl class="figures">
      {items.map(([label, value]) => (
        <div>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
};

export const StatusBox: FC<{ ctx: OpenContext; value?: string; result?: { text: string; error: boolean } | undefined }> = ({ ctx, value, result }) => (
  <section class="card" id="status">
    <h2>{ctx.t('status.heading')}</h2>
    <form method="get" action="/open/status">
      <input type="hidden" name="lang" value={ctx.lang} />
      <label for="n">{ctx.t('status.label')}</label>
      <input id="n" name="n" inputmode="numeric" autocomplete="off" maxlength={40} value={value ?? ''} />
      <button type="submit">{ctx.t('status.button')}</button>
    </form>
    {result ? (
      <p class={result.error ? 'result error' : 'result'} role="status">
        {result.text}
      </p>
    ) : null}
    <p class="small">{ctx.t('status.private')}</p>
  </section>
);

export interface AreaPageProps {
  ctx: OpenContext;
  card: ReportCard;
  area: AreaCard;
  path: string[];
  programmeName(id: string): string;
  status?: { value: string; result: { text: string; error: boolean } };
}

export const AreaPage: FC<AreaPageProps> = ({ ctx, card, area, path, programmeName, status }) => {
  const all = area.slices.get('all') as SliceFigures;
  const say = (v: Shown | null) => sayCount(ctx, v);
  const lodged = ctx.t('column.lodged');
  const resolved = ctx.t('column.resolved');
  const first = card.months[0] ?? '';
  const last = card.months.at(-1) ?? '';
  const nothing = all.counts.lodged === '<5' && area.children.length === 0;
  return (
    <OpenLayout ctx={ctx} title={ctx.areaName(area.code)}>
      <nav class="path" aria-label={ctx.t('level.country')}>
        {path.map((code, i) => (
          <>
            {i > 0 ? ' › ' : ''}
            {code === area.code ? <span aria-current="page">{ctx.areaName(code)}</span> : <a href={ctx.href(`/open/area/${code}`)}>{ctx.areaName(code)}</a>}
          </>
        ))}
      </nav>
      <h1>{ctx.t('heading', { area: ctx.areaName(area.code) })}</h1>
      <p class="small">
        {ctx.t(`level.${area.level}`)} · {ctx.t('period', { from: ctx.monthName(first), to: ctx.monthName(last) })}
      </p>
      <p>{ctx.t('intro')}</p>
      <section class="card">
        {nothing ? <p>{ctx.t('nothing')}</p> : null}
        <Figures ctx={ctx} f={all} />
        <p class="small">{ctx.t('legend')}</p>
      </section>
      <StatusBox ctx={ctx} {...(status ? { value: status.value, result: status.result } : {})} />
      <section class="card">
        <h2>{ctx.t('by_month')}</h2>
        <ShownBars
          title={ctx.t('by_month')}
          rows={card.months.map((m) => {
            const f = area.slices.get(`m:${m}`);
            return { label: ctx.monthName(m), a: f?.counts.lodged ?? null, b: f?.counts.resolved ?? null };
          })}
          aLabel={lodged}
          bLabel={resolved}
          say={say}
        />
      </section>
      <section class="card">
        <h2>{ctx.t('by_tier')}</h2>
        <ShownBars
          title={ctx.t('by_tier')}
          rows={(['union', 'upazila', 'district', 'higher'] as const).map((tier) => ({ label: ctx.t(`tier.${tier}`), a: all.counts[`resolved_${tier}`], b: null }))}
          aLabel={resolved}
          bLabel=""
          say={(v) => (v === null ? '' : say(v))}
        />
      </section>
      <section class="card">
        <h2>{ctx.t('by_programme')}</h2>
        <ShownBars
          title={ctx.t('by_programme')}
          rows={card.programmes.map((p) => {
            const f = area.slices.get(`p:${p}`);
            return { label: p === 'none' ? ctx.t('no_programme') : programmeName(p), a: f?.counts.lodged ?? null, b: f?.counts.resolved ?? null };
          })}
          aLabel={lodged}
          bLabel={resolved}
          say={say}
        />
      </section>
      {area.level === 'union' || area.level === 'no_union' ? null : (
        <section class="card">
          <h2>{ctx.t('lower_areas')}</h2>
          {area.children.length === 0 ? (
            <p>{ctx.t('no_lower_areas')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{ctx.t('column.area')}</th>
                    <th scope="col">{lodged}</th>
                    <th scope="col">{resolved}</th>
                    <th scope="col">{ctx.t('column.in_time')}</th>
                    <th scope="col">{ctx.t('column.overdue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {area.children.map((code) => {
                    const f = card.areas.get(code)?.slices.get('all');
                    return (
                      <tr>
                        <th scope="row">
                          <a href={ctx.href(`/open/area/${code}`)}>{ctx.areaName(code)}</a>
                        </th>
                        <td class="n">{say(f?.counts.lodged ?? null)}</td>
                        <td class="n">{say(f?.counts.resolved ?? null)}</td>
                        <td class="n">{pct(ctx, f?.shareInTime ?? null)}</td>
                        <td class="n">{pct(ctx, f?.shareOverdue ?? null)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      <section class="card">
        <h2>{ctx.t('share_card.heading')}</h2>
        <form method="get" action={`/open/card/${area.code}.svg`}>
          <input type="hidden" name="lang" value={ctx.lang} />
          <label for="month">{ctx.t('share_card.month')}</label>
          <select id="month" name="month">
            <option value="">{ctx.t('share_card.whole_year')}</option>
            {[...card.months].reverse().map((m) => (
              <option value={m}>{ctx.monthName(m)}</option>
            ))}
          </select>
          <button type="submit">{ctx.t('share_card.button')}</button>
        </form>
      </section>
      <section class="card">
        <h2>{ctx.t('data.heading')}</h2>
        <ul>
          <li>
            <a href={`/open/data.csv?area=${area.code}`}>{ctx.t('data.csv')}</a>
          </li>
          <li>
            <a href={`/open/data.json?area=${area.code}`}>{ctx.t('data.json')}</a>
          </li>
          <li>
            <a href={ctx.href('/open/schema')}>{ctx.t('data.schema')}</a>
          </li>
        </ul>
        <p class="small">{ctx.t('data.licence')}</p>
        <p class="small">{ctx.t('computed_at', { at: ctx.date(card.at) })}</p>
      </section>
    </OpenLayout>
  );
};
