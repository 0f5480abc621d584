/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FC } from 'hono/jsx';
import { officeName, type NoticeHeader, type NoticeLists, type OpenedNotice, type Receipts, type Recipient } from '../../app/officers/notices.ts';
import { NOTICE_BODY_MAX, NOTICE_KINDS, NOTICE_TITLE_MAX, type NoticeField, type NoticeProblem } from '../../domain/officers/noticeReach.ts';
import { formatDate } from './format.ts';
import { Csrf, Flash, Layout, type PageContext } from './layout.tsx';

const MAX: Record<Exclude<NoticeField, 'kind'>, number> = { title: NOTICE_TITLE_MAX, body: NOTICE_BODY_MAX };

/** The sending office and officer, in the reader's language. */
const From: FC<{ ctx: PageContext; n: NoticeHeader }> = ({ ctx, n }) => (
  <>{ctx.tt('notices:notice.from', { office: officeName({ t: (key, lang, params) => ctx.tt(key, params) }, n.fromArea, ctx.lang), name: n.fromOfficerName })}</>
);

const Kind: FC<{ ctx: PageContext; n: NoticeHeader }> = ({ ctx, n }) => <small>{ctx.tt(`notices:kind.${n.kind}`)}</small>;

export interface NoticesPageProps {
  ctx: PageContext;
  lists: NoticeLists;
  /** How many officers a notice from this officer reaches now (senders only). */
  reach: number;
  /** What the officer typed, shown again when it was refused. */
  typed?: Record<NoticeField, string>;
  problems?: NoticeProblem[];
  /** The form was posted by an officer whose office sends none. */
  forbidden?: boolean;
}

/** `/officer/notices`: the form and what was sent (district and upazila officers), and what reached the officer. */
export const NoticesPage: FC<NoticesPageProps> = ({ ctx, lists, reach, typed, problems = [], forbidden }) => {
  const role = ctx.officer?.role;
  const title = ctx.tt('notices:page.title');
  const intro =
    role === 'district'
      ? ctx.tt('notices:page.intro_district')
      : role === 'upazila'
        ? ctx.tt('notices:page.intro_upazila')
        : role === 'union'
          ? ctx.tt('notices:page.intro_union')
          : ctx.tt('notices:page.intro_all');
  const problemOf = (field: NoticeField) => problems.find((p) => p.field === field);
  const Problem: FC<{ field: NoticeField }> = ({ field }) => {
    const p = problemOf(field);
    return p ? (
      <span class="urgent" id={`${field}-problem`} role="alert">
        {ctx.tt(`notices:problem.${p.field}_${p.reason}`, field === 'kind' ? {} : { max: MAX[field] })}
        <br />
      </span>
    ) : null;
  };
  const described = (field: 'title' | 'body') => (problemOf(field) ? `${field}-problem ${field}-help` : `${field}-help`);
  const allNotices = role === 'hq' || role === 'admin';
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{intro}</p>
      <Flash text={forbidden ? ctx.tt('notices:form.forbidden') : undefined} error />
      {lists.canSend && ctx.csrf ? (
        <>
          <Flash text={problems.length > 0 ? ctx.tt('notices:form.not_sent') : undefined} error />
          <form method="post" action="/officer/notices" class="card">
            <h2>{ctx.tt('notices:form.heading')}</h2>
            <p>{ctx.tt('notices:form.reach', { n: reach })}</p>
            <Csrf token={ctx.csrf} />
            <label>
              {ctx.tt('notices:form.kind')}
              <br />
              <Problem field="kind" />
              <select name="kind" aria-invalid={problemOf('kind') ? 'true' : undefined}>
                {NOTICE_KINDS.map((k) => (
                  <option value={k} selected={typed?.kind === k}>
                    {ctx.tt(`notices:kind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {ctx.tt('notices:form.title')}
              <br />
              <Problem field="title" />
              <input name="title" value={typed?.title ?? ''} maxlength={NOTICE_TITLE_MAX} required style="width:100%" aria-describedby={described('title')} aria-invalid={problemOf('title') ? 'true' : undefined} />
              <br />
              <small id="title-help">{ctx.tt('notices:form.title_help', { max: NOTICE_TITLE_MAX })}</small>
            </label>
            <label>
              {ctx.tt('notices:form.body')}
              <br />
              <Problem field="body" />
              <textarea name="body" rows={8} maxlength={NOTICE_BODY_MAX} required aria-describedby={described('body')} aria-invalid={problemOf('body') ? 'true' : undefined}>
                {typed?.body ?? ''}
              </textarea>
              <small id="body-help">{ctx.tt('notices:form.body_help', { max: NOTICE_BODY_MAX })}</small>
            </label>
            <button class="primary" type="submit">
              {ctx.tt('notices:form.submit')}
            </button>
          </form>
          <h2>{ctx.tt('notices:sent.heading')}</h2>
          {lists.sent.length === 0 ? (
            <p>{ctx.tt('notices:sent.none')}</p>
          ) : (
            <ul class="card" data-sent>
              {lists.sent.map((n) => (
                <li data-notice={n.id}>
                  <a href={`/officer/notices/${n.id}`}>{n.title}</a> <Kind ctx={ctx} n={n} /> · {formatDate(n.createdAt, ctx.lang, true)} ·{' '}
                  <span data-receipt>{ctx.tt('notices:sent.read_by', { read: n.read, of: n.recipients })}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <h2>{allNotices ? ctx.tt('notices:received.heading_all') : ctx.tt('notices:received.heading')}</h2>
      {lists.unread > 0 ? <p>{ctx.tt('notices:received.unread_count', { n: lists.unread })}</p> : null}
      {lists.received.length === 0 ? (
        <p>{ctx.tt('notices:received.none')}</p>
      ) : (
        <ul class="card" data-received>
          {lists.received.map((n) => (
            <li data-notice={n.id} data-unread={n.readAt === null ? 'true' : undefined}>
              {n.readAt === null ? <strong class="urgent">{ctx.tt('notices:received.unread')} · </strong> : null}
              <a href={`/officer/notices/${n.id}`}>{n.readAt === null ? <strong>{n.title}</strong> : n.title}</a> <Kind ctx={ctx} n={n} />
              <br />
              <small>
                <From ctx={ctx} n={n} /> · {formatDate(n.createdAt, ctx.lang, true)}
              </small>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
};

const ReceiptRows: FC<{ ctx: PageContext; rows: Array<Recipient & { readAt?: Date }> }> = ({ ctx, rows }) =>
  rows.length === 0 ? (
    <p>{ctx.tt('notices:receipts.nobody')}</p>
  ) : (
    <table>
      <tr>
        <th>{ctx.tt('notices:receipts.name')}</th>
        <th>{ctx.tt('notices:receipts.role')}</th>
        <th>{ctx.tt('notices:receipts.area')}</th>
        {rows.some((r) => r.readAt) ? <th>{ctx.tt('notices:receipts.read_at')}</th> : null}
      </tr>
      {rows.map((r) => (
        <tr data-officer={r.id}>
          <td>{r.name}</td>
          <td>{ctx.t(`role.${r.role}`)}</td>
          <td>{ctx.placeName(r.areaCode)}</td>
          {r.readAt ? <td>{formatDate(r.readAt, ctx.lang, true)}</td> : null}
        </tr>
      ))}
    </table>
  );

/** `/officer/notices/<id>`: the notice; for its sender, who has read it and who not. */
export const NoticePage: FC<{ ctx: PageContext; notice: OpenedNotice; receipts: Receipts | null; sent?: boolean }> = ({ ctx, notice, receipts, sent }) => (
  <Layout ctx={ctx} title={notice.title}>
    <p>
      <a href="/officer/notices">{ctx.tt('notices:notice.back')}</a>
    </p>
    <Flash text={sent && receipts ? ctx.tt('notices:sent.done', { n: receipts.recipients }) : undefined} />
    <article class="card">
      <p>
        <Kind ctx={ctx} n={notice} />
      </p>
      <h1>{notice.title}</h1>
      <p>
        <small>
          <From ctx={ctx} n={notice} /> · {ctx.tt('notices:notice.sent_at', { date: formatDate(notice.createdAt, ctx.lang, true) })}
        </small>
      </p>
      <div data-body style="white-space:pre-wrap;overflow-wrap:anywhere">
        {notice.body}
      </div>
      {notice.readAt ? (
        <p>
          <small data-read-at>{ctx.tt('notices:notice.read_at', { date: formatDate(notice.readAt, ctx.lang, true) })}</small>
        </p>
      ) : null}
    </article>
    {receipts ? (
      <section class="card" data-receipts>
        <h2>{ctx.tt('notices:receipts.heading')}</h2>
        {receipts.recipients === 0 ? (
          <p>{ctx.tt('notices:receipts.no_recipients')}</p>
        ) : (
          <>
            <p data-receipt>{ctx.tt('notices:receipts.summary', { read: receipts.read.length, of: receipts.recipients })}</p>
            <h3>{ctx.tt('notices:receipts.read')}</h3>
            <div data-list="read">
              <ReceiptRows ctx={ctx} rows={receipts.read} />
            </div>
            <h3>{ctx.tt('notices:receipts.unread')}</h3>
            <div data-list="unread">
              <ReceiptRows ctx={ctx} rows={receipts.unread} />
            </div>
          </>
        )}
      </section>
    ) : null}
  </Layout>
);
