/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FC } from 'hono/jsx';
import type { CaseSummary, InboxFilters } from '../../app/officers/caseDesk.ts';
import { CASE_STATES } from '../../domain/cases/lifecycle.ts';
import { formatTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { CATEGORIES } from '../../domain/cases/routing.ts';
import { formatDate } from './format.ts';
import { Layout, type PageContext } from './layout.tsx';

export const InboxPage: FC<{
  ctx: PageContext;
  cases: CaseSummary[];
  counts: { open: number; overdue: number; urgent: number; unseen: number; dueSoon: number };
  filters: InboxFilters;
  programmes: string[];
  places: { code: string; name: string }[];
  assignees: Map<string, string>;
}> = ({ ctx, cases, counts, filters, programmes, places, assignees }) => (
  <Layout ctx={ctx} title={ctx.t('nav.inbox')}>
    <h1>{ctx.t('inbox.heading', { area: ctx.placeName(ctx.officer?.areaCode ?? 'BD') })}</h1>
    <p>{ctx.t('inbox.counts', counts)}</p>
    {counts.unseen + counts.dueSoon + counts.overdue > 0 ? (
      <ul class="card" data-attention>
        {counts.unseen > 0 ? <li><a href="/officer?state=received">{ctx.t('inbox.attention.unseen', { n: counts.unseen })}</a></li> : null}
        {counts.dueSoon > 0 ? <li><a href="/officer?due=soon">{ctx.t('inbox.attention.due_soon', { n: counts.dueSoon })}</a></li> : null}
        {counts.overdue > 0 ? <li><a href="/officer?overdue=1">{ctx.t('inbox.attention.overdue', { n: counts.overdue })}</a></li> : null}
      </ul>
    ) : null}
    <p>
      <a href="/officer/export.csv">{ctx.t('nav.export')}</a> · <a href="/officer/export.csv?reveal=1">{ctx.t('export.reveal')}</a>
    </p>
    <form method="get" action="/officer" class="card">
      <label>
        {ctx.t('inbox.state')}{' '}
        <select name="state">
          <option value="open" selected={!filters.state || filters.state === 'open'}>{ctx.t('inbox.open_states')}</option>
          <option value="closed" selected={filters.state === 'closed'}>{ctx.t('inbox.closed_states')}</option>
          <option value="all" selected={filters.state === 'all'}>{ctx.t('inbox.all_states')}</option>
          {CASE_STATES.map((s) => (
            <option value={s} selected={filters.state === s}>{ctx.t(`state.${s}`)}</option>
          ))}
        </select>
      </label>
      <label>
        {ctx.t('inbox.programme')}{' '}
        <select name="programme">
          <option value="">{ctx.t('inbox.all')}</option>
          {programmes.map((p) => (
            <option value={p} selected={filters.programme === p}>{ctx.tt(`programmes:${p}.short_name`)}</option>
          ))}
        </select>
      </label>
      <label>
        {ctx.t('inbox.category')}{' '}
        <select name="category">
          <option value="">{ctx.t('inbox.all')}</option>
          {CATEGORIES.map((c) => (
            <option value={c} selected={filters.category === c}>{ctx.tt(`cases:category.${c}`)}</option>
          ))}
        </select>
      </label>
      {places.length > 0 ? (
        <label>
          {ctx.t('inbox.place')}{' '}
          <select name="place">
            <option value="">{ctx.t('inbox.all')}</option>
            {places.map((p) => (
              <option value={p.code} selected={filters.place === p.code}>{p.name}</option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        <input type="checkbox" name="overdue" value="1" checked={filters.overdue === true} /> {ctx.t('inbox.overdue_only')}
      </label>
      <button class="primary" type="submit">{ctx.t('inbox.filter')}</button>
    </form>
    {cases.length === 0 ? (
      <p>{ctx.t('inbox.empty')}</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>{ctx.t('inbox.number')}</th>
            <th>{ctx.t('inbox.category')}</th>
            <th>{ctx.t('inbox.where')}</th>
            <th>{ctx.t('inbox.state')}</th>
            <th>{ctx.t('inbox.due')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr data-case={c.trackingNumber}>
              <td>
                <a href={`/officer/cases/${c.trackingNumber}`}>{formatTrackingNumber(c.trackingNumber, ctx.lang)}</a>
                {c.urgent ? <div class="urgent">{ctx.t('inbox.urgent')}</div> : null}
                {c.canAct ? null : <div data-read-only>{ctx.t('inbox.read_only')}</div>}
              </td>
              <td>
                {ctx.tt(`cases:category.${c.category}`)}
                {c.programme && c.programme !== 'unknown' ? <div>{ctx.tt(`programmes:${c.programme}.short_name`)}</div> : null}
              </td>
              <td>{ctx.placeName(c.placeCode)}</td>
              <td>
                {ctx.t(`state.${c.state}`)}
                {c.assignedTo ? <div>{ctx.t('inbox.assigned', { name: assignees.get(c.assignedTo) ?? '?' })}</div> : null}
              </td>
              <td class={c.overdue ? 'overdue' : ''}>
                {formatDate(c.dueAt, ctx.lang)}
                {c.overdue ? <div>{ctx.t('inbox.overdue')}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </Layout>
);

