/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FC } from 'hono/jsx';
import type { OfficeInfo } from '../../app/offices/officeInfo.ts';
import type { Charter, CharterService } from '../../domain/charter/charter.ts';
import type { CharterOffice } from '../../domain/charter/office.ts';
import type { Place } from '../../domain/geo/index.ts';
import type { Message } from '../../domain/programmes/info.ts';
import type { Lang } from '../../engine/types.ts';
import { OpenLayout, type OpenContext } from './openPages.tsx';

/** What the charter pages need to speak the reader's language. */
export interface CharterContext {
  lang: Lang;
  /** The public site's context, for its layout. */
  open: OpenContext;
  /** `charter:` text. */
  t(key: string, params?: Record<string, string | number>): string;
  /** Any namespace. */
  tt(key: string, params?: Record<string, string | number>): string;
  /** Links keep the reader's language. */
  href(path: string): string;
  placeName(code: string): string;
  /** An office by name ("Upazila Social Services Office, Tungipara"); null is DSS headquarters. */
  officeName(office: CharterOffice | null): string;
  date(d: Date): string;
  /** A stored phone as dialled, in the reader's digits. */
  phone(stored: string): string;
}

// One column at 320 px: labels above their text, lists indented a little, links big enough for a thumb.
const CSS = `
main{overflow-wrap:break-word}
.charter dl{margin:0}.charter dt{font-weight:700;margin-top:.7rem}.charter dd{margin:.15rem 0 0}
.charter ul{margin:.2rem 0;padding-left:1.2rem}.charter li{margin:.2rem 0}
.charter .free{background:#e7f5ec;border-left:4px solid #0b5d3b;padding:.6rem;margin:0 0 1rem;border-radius:.3rem}
.charter .free strong{display:block;font-size:1.1rem}
.charter a.tel{font-weight:700}.charter a.num{white-space:nowrap}
.charter .missing{color:#555;font-style:italic}
ul.places{list-style:none;padding:0;margin:.4rem 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.3rem}
ul.places a{display:block;padding:.55rem .6rem;background:#fff;border-radius:.3rem;box-shadow:0 1px 2px #0002}
.charter .card>h2:first-child,.charter .card>h3:first-child{margin-top:0}
nav.contents ul{padding-left:1.2rem}nav.contents li{margin:.35rem 0}
a.office{display:block;padding:.7rem;background:#0b5d3b;color:#fff;border-radius:.3rem;font-weight:700;margin:.4rem 0 1rem}
`;

const Style: FC = () => <style dangerouslySetInnerHTML={{ __html: CSS }} />;

/** Division › district › upazila › union, each a link to its list (the last is where the reader is). */
const Path: FC<{ ctx: CharterContext; places: Place[]; current?: string }> = ({ ctx, places, current }) => (
  <nav class="path" aria-label={ctx.t('title')}>
    <a href={ctx.href('/open/charter')}>{ctx.t('list.all')}</a>
    {places.map((p) => (
      <>
        {' › '}
        {p.code === current ? <span aria-current="page">{ctx.placeName(p.code)}</span> : <a href={ctx.href(`/open/charter?area=${p.code}`)}>{ctx.placeName(p.code)}</a>}
      </>
    ))}
  </nav>
);

export interface CharterListProps {
  ctx: CharterContext;
  /** The area chosen so far (null: the country), its path from the division down, and the places one level below. */
  area: Place | null;
  path: Place[];
  children: Place[];
  /** The area's own office (a district's or an upazila's), when it has one. */
  office: CharterOffice | null;
}

/** One level of the way to an office: divisions, then districts, upazilas and unions; unions link to their office's charter. */
export const CharterListPage: FC<CharterListProps> = ({ ctx, area, path, children, office }) => {
  const level = area === null ? 'division' : area.level === 'division' ? 'district' : area.level === 'district' ? 'upazila' : 'union';
  const link = (p: Place) => (p.level === 'union' ? ctx.href(`/open/charter/${p.code}`) : ctx.href(`/open/charter?area=${p.code}`));
  return (
    <OpenLayout ctx={ctx.open} title={area ? `${ctx.t('title')}: ${ctx.placeName(area.code)}` : ctx.t('title')}>
      <Style />
      <div class="charter">
        {area ? <Path ctx={ctx} places={path} current={area.code} /> : null}
        <h1>{ctx.t('list.heading')}</h1>
        <p>{ctx.t('list.intro')}</p>
        {office ? (
          <section>
            <h2>{ctx.t('list.office_here')}</h2>
            <a class="office" href={ctx.href(`/open/charter/${office.code}`)}>
              {ctx.officeName(office)}
            </a>
          </section>
        ) : null}
        <section>
          <h2>{ctx.t(`list.choose.${level}`)}</h2>
          {children.length === 0 ? (
            <p>{ctx.t('list.none_below')}</p>
          ) : (
            <ul class="places">
              {children.map((p) => (
                <li>
                  <a href={link(p)}>{ctx.placeName(p.code)}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </OpenLayout>
  );
};

const Lines: FC<{ ctx: CharterContext; keys: string[] }> = ({ ctx, keys }) =>
  keys.length === 1 ? (
    <dd>{ctx.tt(keys[0] ?? '')}</dd>
  ) : (
    <dd>
      <ul>
        {keys.map((k) => (
          <li>{ctx.tt(k)}</li>
        ))}
      </ul>
    </dd>
  );

const Phone: FC<{ ctx: CharterContext; stored: string | null }> = ({ ctx, stored }) =>
  stored ? (
    <a class="tel num" href={`tel:${stored}`}>
      {ctx.phone(stored)}
    </a>
  ) : (
    <span class="missing">{ctx.t('page.not_given')}</span>
  );

const Helpline: FC<{ ctx: CharterContext }> = ({ ctx }) => (
  <a class="tel" href="tel:333">
    {ctx.t('service.call_333')}
  </a>
);

const say = (ctx: CharterContext, m: Message): string => ctx.tt(m.key, m.params);

const Service: FC<{ ctx: CharterContext; charter: Charter; s: CharterService; info: OfficeInfo }> = ({ ctx, charter, s, info }) => (
  <section class="card" id={s.programme}>
    <h3>{ctx.tt(s.shortName)}</h3>
    <dl>
      <dt>{ctx.t('service.service')}</dt>
      <dd>{ctx.tt(s.name)}</dd>
      <dt>{ctx.t('service.who')}</dt>
      <dd>
        {s.who.map((m, i) => (
          <>
            {i > 0 ? ' ' : ''}
            {say(ctx, m)}
          </>
        ))}
      </dd>
      <dt>{ctx.t('service.documents')}</dt>
      <Lines ctx={ctx} keys={s.documents} />
      <dt>{ctx.t('service.apply')}</dt>
      <Lines ctx={ctx} keys={s.apply} />
      {s.decision.length > 0 ? (
        <>
          <dt>{ctx.t('service.decision')}</dt>
          <Lines ctx={ctx} keys={s.decision} />
        </>
      ) : null}
      <dt>{ctx.t('service.cost')}</dt>
      <dd>
        <strong>{ctx.t('service.free')}</strong> {ctx.t('service.complain_money')}
      </dd>
      <dt>{ctx.t('service.time')}</dt>
      <dd>{ctx.t('service.time_value', { days: charter.deadlineDays })}</dd>
      <dt>{ctx.t('service.focal')}</dt>
      <dd>
        {ctx.t(`focal.${charter.office.kind}`)}
        {info.phone ? (
          <>
            {' · '}
            <Phone ctx={ctx} stored={info.phone} />
          </>
        ) : null}
      </dd>
      <dt>{ctx.t('service.helpline')}</dt>
      <dd>
        <Helpline ctx={ctx} />
      </dd>
    </dl>
  </section>
);

export interface CharterOfficeProps {
  ctx: CharterContext;
  charter: Charter;
  info: OfficeInfo;
  /** The office's place and the places above it, division first. */
  path: Place[];
}

/** An office's Citizen Charter: the office, what is free, each service, and how to complain. */
export const CharterOfficePage: FC<CharterOfficeProps> = ({ ctx, charter, info, path }) => {
  const name = ctx.officeName(charter.office);
  const parent = path.at(-2);
  return (
    <OpenLayout ctx={ctx.open} title={`${ctx.t('title')}: ${name}`}>
      <Style />
      <div class="charter">
        <Path ctx={ctx} places={path} current={charter.office.code} />
        <h1>
          {ctx.t('page.heading')}
          <br />
          {name}
        </h1>
        <p>{ctx.t('page.intro')}</p>
        <p class="free" role="note">
          <strong>{ctx.t('page.free_heading')}</strong>
          {ctx.t('page.free')} {ctx.t('service.complain_money')}
        </p>
        <section class="card">
          <h2>{ctx.t('page.office_heading')}</h2>
          <dl>
            <dt>{ctx.t('page.address')}</dt>
            <dd>{info.address ?? <span class="missing">{ctx.t('page.not_given')}</span>}</dd>
            <dt>{ctx.t('page.hours')}</dt>
            <dd>{info.hours ?? <span class="missing">{ctx.t('page.not_given')}</span>}</dd>
            <dt>{ctx.t('page.phone')}</dt>
            <dd>
              <Phone ctx={ctx} stored={info.phone} />
            </dd>
            <dt>{ctx.t('page.focal')}</dt>
            <dd>{ctx.t(`focal.${charter.office.kind}`)}</dd>
            <dt>{ctx.t('service.helpline')}</dt>
            <dd>
              <Helpline ctx={ctx} />
            </dd>
          </dl>
          <p class="small">{info.updatedAt ? ctx.t('page.updated', { date: ctx.date(info.updatedAt) }) : ctx.t('page.never_updated')}</p>
          <p>{ctx.t(`role.${charter.office.kind}`)}</p>
        </section>
        <nav class="card contents" aria-labelledby="contents">
          <h2 id="contents">{ctx.t('page.contents')}</h2>
          <ul>
            {charter.services.map((s) => (
              <li>
                <a href={`#${s.programme}`}>{ctx.tt(s.shortName)}</a>
              </li>
            ))}
            <li>
              <a href="#complaint">{ctx.t('complaint.heading')}</a>
            </li>
          </ul>
        </nav>
        <h2>{ctx.t('page.services_heading')}</h2>
        {charter.services.map((s) => (
          <Service ctx={ctx} charter={charter} s={s} info={info} />
        ))}
        <section class="card" id="complaint">
          <h2>{ctx.t('complaint.heading')}</h2>
          <p>{ctx.t('complaint.how')}</p>
          <p>
            <strong>{ctx.t('complaint.deadline', { days: charter.deadlineDays })}</strong>
          </p>
          <p>
            {ctx.t('complaint.above', { office: ctx.officeName(charter.above.office), days: charter.above.deadlineDays })}
            {charter.above.office ? (
              <>
                {' '}
                <a href={ctx.href(`/open/charter/${charter.above.office.code}`)}>{ctx.t('page.above_link')}</a>
              </>
            ) : null}
          </p>
          <p>
            <a class="tel" href="tel:333">
              {ctx.t('complaint.helpline')}
            </a>
          </p>
        </section>
        <p>
          <a href={ctx.href(parent ? `/open/charter?area=${parent.code}` : '/open/charter')}>{ctx.t('page.other_offices')}</a>
        </p>
      </div>
    </OpenLayout>
  );
};

/** No such office or area. */
export const CharterNotFound: FC<{ ctx: CharterContext; text: string }> = ({ ctx, text }) => (
  <OpenLayout ctx={ctx.open} title={text}>
    <p>{text}</p>
    <p>
      <a href={ctx.href('/open/charter')}>{ctx.t('list.heading')}</a>
    </p>
  </OpenLayout>
);
