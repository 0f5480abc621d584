/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { addOfficer, isRole } from '../../app/officers/accounts.ts';
import { createTelegramLinkCode } from '../../app/officers/telegramLink.ts';
import { audit } from '../../app/officers/audit.ts';
import { AuditPage, OfficersPage } from './adminPages.tsx';
import type { Kit, WebApp, WebContext } from './kit.tsx';
import { Layout } from './layout.tsx';
import { TelegramLinkPage } from './telegramLinkPage.tsx';

/** Officers' accounts and the audit log (admins only; others get a 404), and linking Telegram (everyone). */
export function registerAdminRoutes(app: WebApp, kit: Kit): void {
  const { deps, field } = kit;

  const forbidden = (c: WebContext) => {
    const { ctx } = kit.page(c);
    return c.html(<Layout ctx={ctx} title={ctx.t('forbidden')}><p>{ctx.t('forbidden')}</p></Layout>, 404);
  };

  const officerRows = async () =>
    (await deps.db.officer.findMany({ orderBy: [{ role: 'asc' }, { name: 'asc' }] })).map((o) => ({
      username: o.username,
      name: o.name,
      role: o.role,
      areaCode: o.areaCode,
      hasPassword: o.passwordHash !== null,
      disabled: o.disabledAt !== null,
    }));

  app.get('/officer/officers', async (c) => {
    const { officer, ctx } = kit.page(c);
    if (officer.role !== 'admin') return forbidden(c);
    return c.html(<OfficersPage ctx={ctx} officers={await officerRows()} />);
  });

  app.post('/officer/officers', async (c) => {
    const { officer, ctx } = kit.page(c);
    if (officer.role !== 'admin') return forbidden(c);
    const body = await c.req.parseBody();
    const role = field(body, 'role');
    const result = isRole(role)
      ? await addOfficer(deps, { name: field(body, 'name'), username: field(body, 'username'), role, areaCode: field(body, 'area'), language: field(body, 'language') === 'en' ? 'en' : 'bn' }, officer.id)
      : ({ ok: false, problem: `unknown role ${role}` } as const);
    if (!result.ok) return c.html(<OfficersPage ctx={ctx} officers={await officerRows()} problem={result.problem} />, 400);
    const link = `${deps.publicUrl().replace(/\/$/, '')}/officer/welcome/${result.signInToken}`;
    return c.html(<OfficersPage ctx={ctx} officers={await officerRows()} added={{ name: field(body, 'name'), link }} />);
  });

  app.get('/officer/audit', async (c) => {
    const { officer, ctx } = kit.page(c);
    if (officer.role !== 'admin') return forbidden(c);
    const entries = await deps.db.auditEntry.findMany({ orderBy: { id: 'desc' }, take: 500 });
    const caseIds = [...new Set(entries.flatMap((e) => (e.caseId ? [e.caseId] : [])))];
    const numbers = new Map((await deps.db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, trackingNumber: true } })).map((x) => [x.id, x.trackingNumber]));
    await audit(deps.db, { at: deps.clock.now(), actor: officer.id, action: 'audit.view' });
    return c.html(<AuditPage ctx={ctx} entries={entries.map((e) => ({ at: e.at, actor: e.actor, action: e.action, caseNumber: e.caseId ? (numbers.get(e.caseId) ?? null) : null, detail: e.detail }))} />);
  });

  const linkedNow = async (id: string) => Boolean((await deps.db.officer.findUnique({ where: { id }, select: { telegramChatId: true } }))?.telegramChatId);

  app.get('/officer/telegram', async (c) => {
    const { officer, ctx } = kit.page(c);
    return c.html(<TelegramLinkPage ctx={ctx} linked={await linkedNow(officer.id)} bot={deps.telegramBot ?? undefined} />);
  });

  // A code only on a button press (POST): opening a link never makes one.
  app.post('/officer/telegram', async (c) => {
    const { officer, ctx } = kit.page(c);
    const code = await createTelegramLinkCode(deps, officer.id);
    return c.html(<TelegramLinkPage ctx={ctx} linked={await linkedNow(officer.id)} bot={deps.telegramBot ?? undefined} code={code} />);
  });
}
