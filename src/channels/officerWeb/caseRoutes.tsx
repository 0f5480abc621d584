/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { recordReportOutcome } from '../../app/officers/reportOutcome.ts';
import type { SignedInOfficer } from '../../app/officers/accounts.ts';
import { attachmentHeaders } from '../../app/officers/attachments.ts';
import { audit } from '../../app/officers/audit.ts';
import { actOnCase, assignCase, colleaguesFor, inbox, openCase, replyOnCase, type DeskAction, type InboxFilters } from '../../app/officers/caseDesk.ts';
import { exportCases } from '../../app/officers/export.ts';
import { enterCase } from '../../app/officers/intake.ts';
import { statsFor } from '../../app/officers/stats.ts';
import { parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { childrenOf } from '../../domain/geo/index.ts';
import { seeWhere } from '../../domain/officers/jurisdiction.ts';
import { IntakePage } from './adminPages.tsx';
import { CasePage } from './casePages.tsx';
import { InboxPage } from './inboxPage.tsx';
import { StatsView } from './charts.tsx';
import type { Kit, WebApp, WebContext } from './kit.tsx';
import { Layout } from './layout.tsx';

const ACTIONS: readonly DeskAction[] = ['acknowledge', 'start', 'forward', 'resolve', 'reject'];

/** The inbox, a case and what can be done with it, cases entered for citizens, export and statistics. */
export function registerCaseRoutes(app: WebApp, kit: Kit): void {
  const { deps, field } = kit;

  app.get('/officer', async (c) => {
    const { officer, ctx } = kit.page(c);
    const q = c.req.query();
    const filters: InboxFilters = {
      ...(q.state ? { state: q.state } : {}),
      ...(q.programme ? { programme: q.programme } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.place ? { place: q.place } : {}),
      ...(q.overdue === '1' ? { overdue: true } : {}),
      ...(q.due === 'soon' ? { dueSoon: true } : {}),
    };
    const { cases, counts } = await inbox(deps, officer, filters);
    const places = officer.role === 'upazila' ? childrenOf(officer.areaCode).map((p) => ({ code: p.code, name: ctx.placeName(p.code) })) : [];
    const assigneeIds = [...new Set(cases.flatMap((x) => (x.assignedTo ? [x.assignedTo] : [])))];
    const assignees = new Map((await deps.db.officer.findMany({ where: { id: { in: assigneeIds } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
    return c.html(<InboxPage ctx={ctx} cases={cases} counts={counts} filters={filters} programmes={deps.programmes} places={places} assignees={assignees} />);
  });

  const showCase = async (c: WebContext, flash?: string, problem?: string, status: 200 | 400 = 200) => {
    const { officer, ctx } = kit.page(c);
    const detail = await openCase(deps, officer, c.req.param('number') ?? '');
    if (!detail) return kit.caseDenied(c, c.req.param('number') ?? '');
    const colleagues = await colleaguesFor(deps, detail);
    return c.html(<CasePage ctx={ctx} c={detail} colleagues={colleagues} flash={flash} problem={problem} />, status);
  };

  /** After an action: back to the case with what happened, or the case again with the problem; outside the area a 404. */
  const after = (c: WebContext, done: string, result: { ok: true } | { ok: false; reason: string }) => {
    if (!result.ok && result.reason === 'unknown_case') return kit.caseDenied(c, c.req.param('number') ?? '');
    if (!result.ok) return showCase(c, undefined, kit.page(c).ctx.t(`case.problem.${result.reason}`), 400);
    return c.redirect(`/officer/cases/${c.req.param('number') ?? ''}?done=${done}`, 303);
  };

  app.get('/officer/cases/:number', (c) => {
    const done = c.req.query('done');
    return showCase(c, done && [...ACTIONS, 'reply', 'assign', 'outcome'].includes(done) ? kit.page(c).ctx.t(`case.done.${done}`) : undefined);
  });

  app.post('/officer/cases/:number/act', async (c) => {
    const { officer } = kit.page(c);
    const body = await c.req.parseBody();
    const action = ACTIONS.find((a) => a === field(body, 'action'));
    if (!action) return c.text('unknown action', 400);
    const note = field(body, 'note');
    return after(c, action, await actOnCase(deps, officer, c.req.param('number'), action, note || undefined));
  });

  app.post('/officer/cases/:number/outcome', async (c) => {
    const body = await c.req.parseBody();
    return after(c, 'outcome', await recordReportOutcome(deps, kit.page(c).officer, c.req.param('number'), field(body, 'outcome')));
  });

  app.post('/officer/cases/:number/reply', async (c) => {
    const body = await c.req.parseBody();
    return after(c, 'reply', await replyOnCase(deps, kit.page(c).officer, c.req.param('number'), field(body, 'text')));
  });

  app.post('/officer/cases/:number/assign', async (c) => {
    const body = await c.req.parseBody();
    return after(c, 'assign', await assignCase(deps, kit.page(c).officer, c.req.param('number'), field(body, 'officer')));
  });

  app.get('/officer/cases/:number/attachments/:id', async (c) => {
    const { officer, ctx } = kit.page(c);
    const parsed = parseTrackingNumber(c.req.param('number'));
    const kase = parsed.ok ? await deps.db.case.findFirst({ where: { trackingNumber: parsed.number, ...seeWhere(officer) }, select: { id: true } }) : null;
    const attachment = kase ? await deps.db.caseAttachment.findFirst({ where: { id: Number(c.req.param('id')) || -1, caseId: kase.id } }) : null;
    if (!kase) return kit.caseDenied(c, c.req.param('number') ?? '');
    if (!attachment) return kit.notFound(c);
    await audit(deps.db, { at: deps.clock.now(), actor: officer.id, action: 'case.view', caseId: kase.id, detail: { attachment: attachment.id } });
    const file = await deps.attachments.fetch(attachment.ref, attachment.kind);
    if (!file) return c.text(ctx.t('attachment.unavailable', { channel: attachment.ref.split(':')[0] ?? '' }), 502);
    for (const [name, value] of Object.entries(attachmentHeaders(file.type, `attachment-${attachment.id}`))) c.header(name, value);
    return c.body(file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength) as ArrayBuffer);
  });

  app.get('/officer/export.csv', async (c) => {
    const { officer } = kit.page(c);
    const { csv } = await exportCases(deps, officer, { reveal: c.req.query('reveal') === '1' });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="setu-cases-${officer.areaCode}.csv"`);
    return c.body(csv);
  });

  app.get('/officer/stats', async (c) => {
    const { officer, ctx } = kit.page(c);
    const stats = await statsFor(deps, officer);
    return c.html(
      <Layout ctx={ctx} title={ctx.t('nav.stats')}>
        <StatsView stats={stats} t={ctx.tt} programmeName={(id) => (id === 'none' ? '—' : ctx.tt(`programmes:${id}.short_name`))} />
      </Layout>,
    );
  });

  /** Places an officer may enter a case for: their union; their upazila and its unions; their district's. */
  const intakePlaces = (officer: SignedInOfficer, placeName: (code: string) => string): { code: string; name: string }[] => {
    const withUnions = (upazila: string) => [{ code: upazila, name: placeName(upazila) }, ...childrenOf(upazila).map((u) => ({ code: u.code, name: `${placeName(u.code)} (${placeName(upazila)})` }))];
    if (officer.role === 'union') return [{ code: officer.areaCode, name: placeName(officer.areaCode) }];
    if (officer.role === 'upazila') return withUnions(officer.areaCode);
    if (officer.role === 'district') return childrenOf(officer.areaCode).flatMap((u) => withUnions(u.code));
    return [];
  };

  app.get('/officer/enter', (c) => {
    const { officer, ctx } = kit.page(c);
    return c.html(<IntakePage ctx={ctx} places={intakePlaces(officer, ctx.placeName)} programmes={deps.programmes} done={c.req.query('done')} />);
  });

  app.post('/officer/enter', async (c) => {
    const { officer, ctx } = kit.page(c);
    const body = await c.req.parseBody();
    const result = await enterCase(deps, officer, {
      source: field(body, 'source'),
      category: field(body, 'category'),
      programme: field(body, 'programme'),
      placeCode: field(body, 'place'),
      description: field(body, 'description'),
      phone: field(body, 'phone'),
      shareIdentity: field(body, 'share') === '1',
      language: field(body, 'language') === 'en' ? 'en' : 'bn',
    });
    if (!result.ok) return c.html(<IntakePage ctx={ctx} places={intakePlaces(officer, ctx.placeName)} programmes={deps.programmes} problem={result.problem} />, 400);
    return c.redirect(`/officer/enter?done=${result.trackingNumber}`, 303);
  });
}
