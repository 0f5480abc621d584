/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { officeInfoFor, ownOffice, updateOfficeInfo } from '../../app/offices/officeInfo.ts';
import type { Kit, WebApp } from './kit.tsx';
import { OfficePage } from './officePage.tsx';

/**
 * `/officer/office`: an officer keeps their own office's address, hours and phone current for its public
 * Citizen Charter page. The form names no office: a save always goes to the signed-in officer's own area.
 */
export function registerOfficeRoutes(app: WebApp, kit: Kit): void {
  const { deps, field } = kit;

  app.get('/officer/office', async (c) => {
    const { officer, ctx } = kit.page(c);
    const office = ownOffice(officer);
    const done = c.req.query('done');
    return c.html(<OfficePage ctx={ctx} office={office} info={office ? await officeInfoFor(deps.db, office.code) : null} done={done === 'saved' || done === 'unchanged' ? done : undefined} />);
  });

  app.post('/officer/office', async (c) => {
    const { officer, ctx } = kit.page(c);
    const body = await c.req.parseBody();
    const typed = { address: field(body, 'address'), hours: field(body, 'hours'), phone: field(body, 'phone') };
    const result = await updateOfficeInfo(deps, officer, typed);
    if (!result.ok && result.reason === 'no_office') return c.html(<OfficePage ctx={ctx} office={null} info={null} />, 403);
    if (!result.ok) {
      const office = ownOffice(officer);
      return c.html(<OfficePage ctx={ctx} office={office} info={office ? await officeInfoFor(deps.db, office.code) : null} typed={typed} problems={result.problems} />, 400);
    }
    return c.redirect(`/officer/office?done=${result.changed.length > 0 ? 'saved' : 'unchanged'}`, 303);
  });
}
