/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { REPORT_OUTCOMES } from '../../domain/cases/reportOutcome.ts';
import type { FC } from 'hono/jsx';
import type { CaseDetail } from '../../app/officers/caseDesk.ts';
import { OPEN_STATES } from '../../domain/cases/lifecycle.ts';
import { formatTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { formatDate } from './format.ts';
import { Csrf, Flash, Layout, type PageContext } from './layout.tsx';

const ACTIONS = ['acknowledge', 'start', 'forward', 'resolve', 'reject'] as const;

/**
 * The model's suggestion, beside the rules' category and urgency flag and
 * marked as a machine's: it changes nothing on the case.
 */
const AssistBox: FC<{ ctx: PageContext; c: CaseDetail; assist: NonNullable<CaseDetail['assist']> }> = ({ ctx, c, assist }) => (
  <aside class="assist" data-assist>
    <h3>{ctx.t('assist.heading')}</h3>
    <p lang={assist.lang} style="white-space:pre-line">{assist.summary}</p>
    <table>
      <tbody>
        {assist.category ? (
          <tr>
            <th>{ctx.t('assist.category')}</th>
            <td data-assist-category={assist.category}>
              {ctx.tt(`cases:category.${assist.category}`)}
              {assist.category !== c.category ? ` (${ctx.t('assist.differs')})` : ''}
            </td>
          </tr>
        ) : null}
        {assist.urgent !== null ? (
          <tr>
            <th>{ctx.t('assist.urgent')}</th>
            <td data-assist-urgent={String(assist.urgent)}>
              {ctx.t(assist.urgent ? 'assist.urgent_yes' : 'assist.urgent_no')}
              {assist.urgent !== c.urgent ? ` (${ctx.t('assist.differs')})` : ''}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
    <small>
      {ctx.t('assist.note')} · {assist.model}
    </small>
  </aside>
);

export const CasePage: FC<{
  ctx: PageContext;
  c: CaseDetail;
  colleagues: { id: string; name: string; role: string }[];
  flash?: string | undefined;
  problem?: string | undefined;
}> = ({ ctx, c, colleagues, flash, problem }) => {
  const open = (OPEN_STATES as readonly string[]).includes(c.state);
  const csrf = ctx.csrf ?? '';
  const programmeName = (id: string) => ctx.tt(`programmes:${id}.short_name`);
  return (
    <Layout ctx={ctx} title={ctx.t('case.heading', { number: c.trackingNumber })}>
      <h1>{ctx.t('case.heading', { number: c.trackingNumber })}</h1>
      <Flash text={flash} />
      <Flash text={problem} error />
      <div class="card">
        <p>
          <strong>{ctx.t(`case.kind.${c.kind}`)}</strong>
          {c.urgent ? <span class="urgent"> · {ctx.t('inbox.urgent')}</span> : null}
        </p>
        <table>
          <tbody>
            <tr><th>{ctx.t('case.category')}</th><td>{ctx.tt(`cases:category.${c.category}`)}</td></tr>
            {c.programme && c.programme !== 'unknown' ? <tr><th>{ctx.t('case.programme')}</th><td>{programmeName(c.programme)}</td></tr> : null}
            <tr><th>{ctx.t('case.place')}</th><td>{[c.placeCode, c.upazilaCode, c.districtCode].filter((v, i, a) => a.indexOf(v) === i).map(ctx.placeName).join(', ')}</td></tr>
            <tr><th>{ctx.t('case.state')}</th><td data-state={c.state}>{ctx.t(`state.${c.state}`)}</td></tr>
            <tr><th>{ctx.t('case.tier')}</th><td>{ctx.tt(`cases:tier.${c.tier}`)}</td></tr>
            <tr><th>{ctx.t('case.due')}</th><td class={c.overdue ? 'overdue' : ''}>{formatDate(c.dueAt, ctx.lang)}</td></tr>
            {c.urgentReasons.length > 0 ? <tr><th>{ctx.t('case.urgent_reasons')}</th><td>{c.urgentReasons.map((r) => ctx.t(`urgency.${r}`)).join(', ')}</td></tr> : null}
            <tr><th>{ctx.t('case.phone')}</th><td>{c.phone ?? ctx.t('case.identity_private')}</td></tr>
            <tr><th></th><td>{ctx.t('case.channel', { channel: c.channel, language: c.language === 'en' ? 'English' : 'বাংলা' })}</td></tr>
            {c.rating !== null ? <tr><th></th><td>{ctx.t('case.rating', { rating: c.rating })}</td></tr> : null}
          </tbody>
        </table>
        {c.assist ? <AssistBox ctx={ctx} c={c} assist={c.assist} /> : null}
      </div>
      {c.subject ? (
        <div class="card">
          <h2>{ctx.t('case.subject')}</h2>
          <p>{ctx.t('case.subject_line', { name: c.subject.name ?? '—', age: c.subject.age ?? '—', sex: c.subject.sex ? ctx.tt(`eligibility:choice.sex.${c.subject.sex}`) : '—' })}</p>
          {c.subject.consent ? <p>{ctx.t('case.consent')}: {ctx.tt(`report:choice.consent.${c.subject.consent}`)}</p> : null}
          {c.eligibility ? (
            <>
              <h3>{ctx.t('case.eligibility')}</h3>
              {c.eligibility.likely.length > 0 ? <p>{ctx.t('case.likely', { list: c.eligibility.likely.map(programmeName).join(', ') })}</p> : null}
              {c.eligibility.unclear.length > 0 ? <p>{ctx.t('case.unclear', { list: c.eligibility.unclear.map(programmeName).join(', ') })}</p> : null}
            </>
          ) : null}
          {c.duplicateOf ? <p>{ctx.t('case.duplicate_of', { number: c.duplicateOf })}</p> : null}
          {c.linkedReports.length > 0 ? <p>{ctx.t('case.linked', { list: c.linkedReports.map((n) => formatTrackingNumber(n, ctx.lang)).join(', ') })}</p> : null}
        </div>
      ) : null}
      <div class="card">
        <h2>{ctx.t('case.words')}</h2>
        {c.assist?.translation ? (
          <figure class="assist" data-assist-translation lang={c.assist.lang}>
            <figcaption>{ctx.t('assist.translation')}</figcaption>
            <blockquote>{c.assist.translation}</blockquote>
            <small>{ctx.t('assist.translation_note')}</small>
          </figure>
        ) : null}
        {c.assist?.translation ? <h3>{ctx.t('assist.original')}</h3> : null}
        <blockquote data-original>{c.description}</blockquote>
        <h3>{ctx.t('case.attachments')}</h3>
        {c.attachments.length === 0 ? (
          <p>{ctx.t('case.no_attachments')}</p>
        ) : (
          <ul>
            {c.attachments.map((a) => {
              const src = `/officer/cases/${c.trackingNumber}/attachments/${a.id}`;
              const label = ctx.t(`attachment.${['image', 'audio', 'video'].includes(a.kind) ? a.kind : 'file'}`);
              return (
                <li>
                  {label} · {a.ref.split(':')[0] ?? ''}
                  <div>
                    {a.kind === 'image' ? <img src={src} alt={label} style="max-width:100%" /> : null}
                    {a.kind === 'audio' ? <audio controls preload="none" src={src}></audio> : null}
                    {a.kind !== 'image' && a.kind !== 'audio' ? <a href={src}>{ctx.t('case.open_attachment')}</a> : null}
                  </div>
                  {a.kind === 'audio' && a.transcript !== null ? (
                    <figure class="transcript">
                      <figcaption>{ctx.t('voice.transcript')}</figcaption>
                      <blockquote lang="bn">{a.transcript}</blockquote>
                      <small>{ctx.t('voice.machine_note')}</small>
                    </figure>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {open && !c.canAct ? (
        <div class="card" data-read-only>
          <p>{ctx.t('case.read_only')}</p>
        </div>
      ) : null}
      {c.kind === 'report' && c.canAct ? (
        <div class="card">
          <h2>{ctx.t('case.outcome.heading')}</h2>
          <p>{c.outcome ? ctx.t('case.outcome.current', { outcome: ctx.t(`case.outcome.${c.outcome}`) }) : ctx.t('case.outcome.none')}</p>
          <form method="post" action={`/officer/cases/${c.trackingNumber}/outcome`}>
            <Csrf token={csrf} />
            {REPORT_OUTCOMES.map((o) => (
              <label>
                <input type="radio" name="outcome" value={o} checked={c.outcome === o} required /> {ctx.t(`case.outcome.${o}`)}
              </label>
            ))}
            <button class="primary" type="submit">{ctx.t('case.outcome.button')}</button>
          </form>
        </div>
      ) : null}
      {open && c.canAct ? (
        <div class="card">
          <h2>{ctx.t('case.actions')}</h2>
          <form method="post" action={`/officer/cases/${c.trackingNumber}/act`}>
            <Csrf token={csrf} />
            <label>
              {ctx.t('case.note')}
              <textarea name="note"></textarea>
            </label>
            {ACTIONS.map((a) => (
              <button class="primary" type="submit" name="action" value={a}>{ctx.t(`case.${a}`)}</button>
            ))}
          </form>
          <h3>{ctx.t('case.reply_heading')}</h3>
          <form method="post" action={`/officer/cases/${c.trackingNumber}/reply`}>
            <Csrf token={csrf} />
            <textarea name="text" required></textarea>
            <button class="primary" type="submit">{ctx.t('case.reply')}</button>
          </form>
          {colleagues.length > 0 ? (
            <>
              <h3>{ctx.t('case.assign_heading')}</h3>
              <form method="post" action={`/officer/cases/${c.trackingNumber}/assign`}>
                <Csrf token={csrf} />
                <select name="officer">
                  {colleagues.map((o) => (
                    <option value={o.id} selected={c.assignedTo === o.id}>{`${o.name} (${ctx.t(`role.${o.role}`)})`}</option>
                  ))}
                </select>
                <button class="primary" type="submit">{ctx.t('case.assign')}</button>
              </form>
            </>
          ) : null}
        </div>
      ) : null}
      <div class="card">
        <h2>{ctx.t('case.timeline')}</h2>
        <ol>
          {c.events.map((e) => (
            <li>
              {formatDate(e.at, ctx.lang, true)} — {ctx.t(`case.event.${e.type}`)} ({e.officerName ?? ctx.t(`case.actor.${e.actor}`)})
              {e.tier ? ` · ${ctx.tt(`cases:tier.${e.tier}`)}` : ''}
              {e.note ? <div>“{e.note}”</div> : null}
              {e.note && e.noteTranslated ? (
                <div class="assist" data-note-translated>
                  {ctx.t('assist.note_translated')} “{e.noteTranslated}”
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </div>
    </Layout>
  );
};

