/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { SignedInOfficer } from '../../app/officers/accounts.ts';
import { noticesFor, openNotice, receipts, recipientsOf, sendNotice } from '../../app/officers/notices.ts';
import { maySendNotices, type NoticeField, type NoticeProblem } from '../../domain/officers/noticeReach.ts';
import type { Kit, WebApp, WebContext } from './kit.tsx';
import type { PageContext } from './layout.tsx';
import { NoticePage, NoticesPage } from './noticePages.tsx';

/**
 * `/officer/notices`: a district or upazila office sends a notice to the
 * offices below it and sees who has read it; every officer reads what reached
 * them. The form names no sender and no recipients: a notice always goes
 * from the signed-in officer's own area to the officers below it.
 */
export function registerNoticeRoutes(app: WebApp, kit: Kit): void {
  const { deps, field } = kit;

  const listPage = async (
    c: WebContext,
    officer: SignedInOfficer,
    ctx: PageContext,
    status: 200 | 400 | 403 = 200,
    refused: { typed?: Record<NoticeField, string>; problems?: NoticeProblem[]; forbidden?: boolean } = {},
  ): Promise<Response> => {
    const [lists, reach] = await Promise.all([noticesFor(deps, officer), maySendNotices(officer) ? recipientsOf(deps.db, officer.areaCode).then((r) => r.length) : Promise.resolve(0)]);
    return c.html(<NoticesPage ctx={ctx} lists={lists} reach={reach} {...refused} />, status) as Response;
  };

  app.get('/officer/notices', async (c) => {
    const { officer, ctx } = kit.page(c);
    return listPage(c, officer, ctx);
  });

  app.post('/officer/notices', async (c) => {
    const { officer, ctx } = kit.page(c);
    const body = await c.req.parseBody();
    const typed = { kind: field(body, 'kind'), title: field(body, 'title'), body: field(body, 'body') };
    const result = await sendNotice(deps, officer, typed);
    if (!result.ok && result.reason === 'not_allowed') return listPage(c, officer, ctx, 403, { forbidden: true });
    if (!result.ok) return listPage(c, officer, ctx, 400, { typed, problems: result.problems });
    return c.redirect(`/officer/notices/${encodeURIComponent(result.id)}?done=sent`, 303);
  });

  app.get('/officer/notices/:id', async (c) => {
    const { officer, ctx } = kit.page(c);
    const id = c.req.param('id');
    const notice = await openNotice(deps, officer, id);
    if (!notice) return kit.notFound(c);
    const seen = notice.mine ? await receipts(deps, officer, id) : null;
    return c.html(<NoticePage ctx={ctx} notice={notice} receipts={seen} sent={c.req.query('done') === 'sent'} />);
  });
}
