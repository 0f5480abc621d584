/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Context, Hono } from 'hono';
import { officeInfoFor } from '../../app/offices/officeInfo.ts';
import { charterFor } from '../../domain/charter/charter.ts';
import { charterOffice, type CharterOffice } from '../../domain/charter/office.ts';
import { showOfficePhone } from '../../domain/charter/officePhone.ts';
import type { Tier } from '../../domain/cases/routing.ts';
import { childrenOf, pathOf, placeByCode } from '../../domain/geo/index.ts';
import type { Lang } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import { CharterListPage, CharterNotFound, CharterOfficePage, type CharterContext } from './charterPages.tsx';
import type { OpenContext } from './openPages.tsx';

export interface CharterDeps {
  db: Pick<DbClient, 'officeInfo'>;
  translator: Translator;
  /** Working days a complaint has at each tier (App.casePolicy.deadlineDays, from CASE_DEADLINE_DAYS). */
  deadlineDays: Record<Tier, number>;
}

/** An office keeps its details current in the workspace; a reader sees a change within a minute. */
const CACHE = 'public, max-age=60';

/**
 * The Citizen Charter (নাগরিক সনদ), public and without sign-in: `/open/charter`
 * leads from a division down to a union, one level a page; `/open/charter/<code>`
 * is an office's charter (a union, upazila or district code), built from the
 * programme catalogue and the details the office keeps. Bangla unless `?lang=en`.
 */
export function registerCharterRoutes(app: Hono, deps: CharterDeps): void {
  const contextFor = (c: Context): CharterContext => {
    const lang: Lang = c.req.query('lang') === 'en' ? 'en' : 'bn';
    const url = new URL(c.req.url);
    const other = new URL(url);
    other.searchParams.set('lang', lang === 'bn' ? 'en' : 'bn');
    const dates = new Intl.DateTimeFormat(lang === 'bn' ? 'bn-BD' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Dhaka' });
    const href = (path: string) => (lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path);
    const placeName = (code: string) => {
      const place = placeByCode(code);
      return (lang === 'bn' ? place?.nameBn : place?.nameEn) ?? code;
    };
    const open: OpenContext = {
      lang,
      t: (key, params) => deps.translator.t(`open:${key}`, lang, params),
      tt: (key, params) => deps.translator.t(key, lang, params),
      areaName: placeName,
      otherLanguageHref: `${other.pathname}${other.search}`,
      href,
      monthName: (m) => new Intl.DateTimeFormat(lang === 'bn' ? 'bn-BD' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`)),
      date: (d) => dates.format(d),
    };
    const t = (key: string, params?: Record<string, string | number>) => deps.translator.t(`charter:${key}`, lang, params);
    return {
      lang,
      open,
      t,
      tt: open.tt,
      href,
      placeName,
      officeName: (office: CharterOffice | null) => (office ? t(`office_name.${office.kind}`, { name: placeName(office.code) }) : t('office_name.hq')),
      date: (d) => dates.format(d),
      phone: (stored) => showOfficePhone(stored, lang),
    };
  };
  const page = (node: { toString(): string }) => `<!doctype html>${node.toString()}`;

  app.get('/open/charter', (c) => {
    const ctx = contextFor(c);
    const code = c.req.query('area');
    c.header('Cache-Control', CACHE);
    if (code === undefined || code === '') return c.html(page(<CharterListPage ctx={ctx} area={null} path={[]} children={childrenOf(null)} office={null} />));
    const area = placeByCode(code);
    if (!area) return c.html(page(<CharterNotFound ctx={ctx} text={ctx.t('list.not_found')} />), 404);
    // A union has nothing below it: its list is its office's charter.
    if (area.level === 'union') return c.redirect(ctx.href(`/open/charter/${area.code}`), 303);
    const office = area.level === 'division' ? null : charterOffice(area.code);
    return c.html(page(<CharterListPage ctx={ctx} area={area} path={pathOf(area.code)} children={childrenOf(area.code)} office={office} />));
  });

  app.get('/open/charter/:code', async (c) => {
    const ctx = contextFor(c);
    const code = c.req.param('code');
    const charter = charterFor(code, deps.deadlineDays);
    if (!charter) return c.html(page(<CharterNotFound ctx={ctx} text={ctx.t('page.not_found')} />), 404);
    const info = await officeInfoFor(deps.db, code);
    c.header('Cache-Control', CACHE);
    return c.html(page(<CharterOfficePage ctx={ctx} charter={charter} info={info} path={pathOf(code)} />));
  });
}
