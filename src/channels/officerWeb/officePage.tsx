/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FC } from 'hono/jsx';
import type { OfficeInfo } from '../../app/offices/officeInfo.ts';
import { ADDRESS_MAX, HOURS_MAX, PHONE_MAX, type OfficeField, type OfficeProblem } from '../../domain/charter/officeDetails.ts';
import type { CharterOffice } from '../../domain/charter/office.ts';
import { showOfficePhone } from '../../domain/charter/officePhone.ts';
import { formatDate } from './format.ts';
import { Csrf, Flash, Layout, type PageContext } from './layout.tsx';

const MAX: Record<OfficeField, number> = { address: ADDRESS_MAX, hours: HOURS_MAX, phone: PHONE_MAX };

export interface OfficePageProps {
  ctx: PageContext;
  /** The officer's own office; null for headquarters and admins. */
  office: CharterOffice | null;
  info: OfficeInfo | null;
  /** What the officer typed, shown again when it was refused. */
  typed?: Record<OfficeField, string>;
  problems?: OfficeProblem[];
  done?: 'saved' | 'unchanged' | undefined;
}

/** The officer's own office's address, hours and phone, as the public Citizen Charter shows them. */
export const OfficePage: FC<OfficePageProps> = ({ ctx, office, info, typed, problems = [], done }) => {
  const t = (key: string, params?: Record<string, string | number>) => ctx.tt(`charter:office.${key}`, params);
  const title = t('heading');
  if (!office || !info || !ctx.csrf) {
    return (
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <p>{t('no_office')}</p>
      </Layout>
    );
  }
  const value = (field: OfficeField): string => {
    if (typed) return typed[field];
    const stored = info[field];
    return stored === null ? '' : field === 'phone' ? showOfficePhone(stored, ctx.lang) : stored;
  };
  const problemOf = (field: OfficeField) => problems.find((p) => p.field === field);
  const Problem: FC<{ field: OfficeField }> = ({ field }) => {
    const p = problemOf(field);
    return p ? (
      <span class="urgent" id={`${field}-problem`} role="alert">
        {t(`problem.${p.field}_${p.reason}`, { max: MAX[field] })}
        <br />
      </span>
    ) : null;
  };
  const described = (field: OfficeField) => (problemOf(field) ? `${field}-problem ${field}-help` : `${field}-help`);
  const officeName = ctx.tt(`charter:office_name.${office.kind}`, { name: ctx.placeName(office.code) });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <strong>{officeName}</strong>
      </p>
      <p>{t('intro')}</p>
      <Flash text={done ? t(done) : undefined} />
      <Flash text={problems.length > 0 ? t('not_saved') : undefined} error />
      <form method="post" action="/officer/office" class="card">
        <Csrf token={ctx.csrf} />
        <label>
          {t('address')}
          <br />
          <Problem field="address" />
          <textarea name="address" rows={4} maxlength={ADDRESS_MAX} aria-describedby={described('address')} aria-invalid={problemOf('address') ? 'true' : undefined}>
            {value('address')}
          </textarea>
          <small id="address-help">{t('address_help', { max: ADDRESS_MAX })}</small>
        </label>
        <label>
          {t('hours')}
          <br />
          <Problem field="hours" />
          <input name="hours" value={value('hours')} maxlength={HOURS_MAX} style="width:100%" aria-describedby={described('hours')} aria-invalid={problemOf('hours') ? 'true' : undefined} />
          <br />
          <small id="hours-help">{t('hours_help', { max: HOURS_MAX })}</small>
        </label>
        <label>
          {t('phone')}
          <br />
          <Problem field="phone" />
          <input name="phone" value={value('phone')} inputmode="tel" autocomplete="off" maxlength={MAX.phone} aria-describedby={described('phone')} aria-invalid={problemOf('phone') ? 'true' : undefined} />
          <br />
          <small id="phone-help">{t('phone_help')}</small>
        </label>
        <button class="primary" type="submit">
          {t('submit')}
        </button>
      </form>
      {info.updatedAt ? <p>{t('last_updated', { date: formatDate(info.updatedAt, ctx.lang, true) })}</p> : null}
      <p>
        <a href={`/open/charter/${office.code}${ctx.lang === 'en' ? '?lang=en' : ''}`}>{t('view_public')}</a>
      </p>
    </Layout>
  );
};
