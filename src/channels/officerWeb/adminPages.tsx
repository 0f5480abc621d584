/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FC } from 'hono/jsx';
import { OFFICER_ROLES } from '../../domain/officers/jurisdiction.ts';
import { INTAKE_SOURCES } from '../../app/officers/intake.ts';
import { formatTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { CATEGORIES } from '../../domain/cases/routing.ts';
import { formatDate } from './format.ts';
import { Csrf, Flash, Layout, type PageContext } from './layout.tsx';

export interface OfficerRow {
  username: string;
  name: string;
  role: string;
  areaCode: string;
  hasPassword: boolean;
  disabled: boolean;
}

export const OfficersPage: FC<{ ctx: PageContext; officers: OfficerRow[]; added?: { name: string; link: string }; problem?: string }> = ({ ctx, officers, added, problem }) => (
  <Layout ctx={ctx} title={ctx.t('officers.heading')}>
    <h1>{ctx.t('officers.heading')}</h1>
    {added ? (
      <div class="flash" role="status">
        {ctx.t('officers.added', { name: added.name })}
        <br />
        <code data-link>{added.link}</code>
      </div>
    ) : null}
    <Flash text={problem ? ctx.t('officers.problem', { problem }) : undefined} error />
    <table>
      <tbody>
        {officers.map((o) => (
          <tr>
            <td>{o.name} <small>({o.username})</small></td>
            <td>{ctx.t(`role.${o.role}`)}</td>
            <td>{ctx.placeName(o.areaCode)} <small>{o.areaCode}</small></td>
            <td>{o.disabled ? ctx.t('officers.disabled') : o.hasPassword ? ctx.t('officers.password_set') : ctx.t('officers.no_password')}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <form method="post" action="/officer/officers" class="card">
      <h2>{ctx.t('officers.add_heading')}</h2>
      <Csrf token={ctx.csrf ?? ''} />
      <label>{ctx.t('officers.name')}<br /><input name="name" required /></label>
      <label>{ctx.t('officers.username')}<br /><input name="username" required pattern="[a-z0-9._\-]{3,32}" /></label>
      <label>
        {ctx.t('officers.role')}<br />
        <select name="role">
          {OFFICER_ROLES.map((r) => <option value={r}>{ctx.t(`role.${r}`)}</option>)}
        </select>
      </label>
      <label>{ctx.t('officers.area')}<br /><input name="area" required /><br /><small>{ctx.t('officers.area_help')}</small></label>
      <label>
        {ctx.t('officers.language')}<br />
        <select name="language"><option value="bn">বাংলা</option><option value="en">English</option></select>
      </label>
      <button class="primary" type="submit">{ctx.t('officers.submit')}</button>
    </form>
  </Layout>
);

export const IntakePage: FC<{ ctx: PageContext; places: { code: string; name: string }[]; programmes: string[]; done?: string; problem?: string }> = ({ ctx, places, programmes, done, problem }) => (
  <Layout ctx={ctx} title={ctx.t('intake.heading')}>
    <h1>{ctx.t('intake.heading')}</h1>
    <p>{ctx.t('intake.intro')}</p>
    <Flash text={done ? ctx.t('intake.done', { number: done }) : undefined} />
    <Flash text={problem ? ctx.t(`intake.problem.${problem}`) : undefined} error />
    <form method="post" action="/officer/enter" class="card">
      <Csrf token={ctx.csrf ?? ''} />
      <label>
        {ctx.t('intake.source')}<br />
        <select name="source">{INTAKE_SOURCES.map((s) => <option value={s}>{ctx.t(`intake.sources.${s}`)}</option>)}</select>
      </label>
      <label>
        {ctx.t('inbox.category')}<br />
        <select name="category">{CATEGORIES.map((c) => <option value={c}>{ctx.tt(`cases:category.${c}`)}</option>)}</select>
      </label>
      <label>
        {ctx.t('inbox.programme')}<br />
        <select name="programme">
          <option value="">—</option>
          {programmes.map((p) => <option value={p}>{ctx.tt(`programmes:${p}.short_name`)}</option>)}
        </select>
      </label>
      <label>
        {ctx.t('intake.place')}<br />
        <select name="place">{places.map((p) => <option value={p.code}>{p.name}</option>)}</select>
      </label>
      <label>{ctx.t('intake.description')}<textarea name="description" required minlength={5}></textarea></label>
      <label>{ctx.t('intake.phone')}<br /><input name="phone" inputmode="tel" /></label>
      <label><input type="checkbox" name="share" value="1" /> {ctx.t('intake.share')}</label>
      <label>
        {ctx.t('intake.language')}<br />
        <select name="language"><option value="bn">বাংলা</option><option value="en">English</option></select>
      </label>
      <button class="primary" type="submit">{ctx.t('intake.submit')}</button>
    </form>
  </Layout>
);

export const AuditPage: FC<{ ctx: PageContext; entries: { at: Date; actor: string; action: string; caseNumber: string | null; detail: string }[] }> = ({ ctx, entries }) => (
  <Layout ctx={ctx} title={ctx.t('audit.heading')}>
    <h1>{ctx.t('audit.heading')}</h1>
    <table>
      <thead>
        <tr><th>{ctx.t('audit.at')}</th><th>{ctx.t('audit.actor')}</th><th>{ctx.t('audit.action')}</th><th>{ctx.t('audit.case')}</th></tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr>
            <td>{formatDate(e.at, ctx.lang, true)}</td>
            <td>{e.actor}</td>
            <td>{e.action} <small>{e.detail === '{}' ? '' : e.detail}</small></td>
            <td>{e.caseNumber ? formatTrackingNumber(e.caseNumber, ctx.lang) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </Layout>
);
