import { OPEN_STATES } from '../../domain/cases/lifecycle.ts';
import { formatTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { addWorkingDays, dhakaDate } from '../../domain/cases/workingDays.ts';
import { seeWhere } from '../../domain/officers/jurisdiction.ts';
import { areaName } from './areaName.ts';
import { DHAKA_OFFSET_MS, DUE_SOON_WORKING_DAYS, linkedOfficers, MARKER_HOLDER, type AlertSend, type AlertsDeps } from './alertShared.ts';

/** The digest goes at or after this hour, Dhaka time. */
const DIGEST_HOUR = 8;
const digestRow = (officerId: string): string => `digest:${officerId}`;


/** Takes the officer's digest for the Dhaka day of `now`; false when it already went today. */
async function claimDigest(deps: AlertsDeps, officerId: string, now: Date): Promise<boolean> {
  const name = digestRow(officerId);
  const startOfDay = new Date(Date.parse(`${dhakaDate(now)}T00:00:00Z`) - DHAKA_OFFSET_MS);
  return deps.writes.run(async () => {
    const claimed = await deps.db.jobLease.updateMany({ where: { name, expiresAt: { lt: startOfDay } }, data: { expiresAt: now, holder: MARKER_HOLDER } });
    if (claimed.count === 1) return true;
    if (await deps.db.jobLease.findUnique({ where: { name } })) return false;
    try {
      await deps.db.jobLease.create({ data: { name, holder: MARKER_HOLDER, expiresAt: now } });
      return true;
    } catch {
      return false;
    }
  });
}

export interface DigestSent {
  officerId: string;
  chatId: string;
  text: string;
  counts: { open: number; overdue: number; urgent: number; dueSoon: number };
  top: string[];
}

/**
 * The morning digest, from 08:00 Dhaka time, once per officer per day: open,
 * overdue, urgent and soon-due counts of the area, and the five most pressing
 * tracking numbers (overdue first, then urgent, then by deadline).
 */
export async function runDigest(deps: AlertsDeps, send: AlertSend, now: Date): Promise<DigestSent[]> {
  const dhakaHour = new Date(now.getTime() + DHAKA_OFFSET_MS).getUTCHours();
  if (dhakaHour < DIGEST_HOUR) return [];
  const soon = addWorkingDays(now, DUE_SOON_WORKING_DAYS, deps.calendar);
  const sent: DigestSent[] = [];
  for (const o of await linkedOfficers(deps.db)) {
    const open = { state: { in: [...OPEN_STATES] }, ...seeWhere(o) };
    const [openCount, overdue, urgent, dueSoon, overdueTop, restTop] = await Promise.all([
      deps.db.case.count({ where: open }),
      deps.db.case.count({ where: { ...open, dueAt: { lt: now } } }),
      deps.db.case.count({ where: { ...open, urgent: true } }),
      deps.db.case.count({ where: { ...open, dueAt: { gte: now, lte: soon } } }),
      deps.db.case.findMany({ where: { ...open, dueAt: { lt: now } }, orderBy: [{ urgent: 'desc' }, { dueAt: 'asc' }], take: 5, select: { trackingNumber: true } }),
      deps.db.case.findMany({ where: { ...open, dueAt: { gte: now } }, orderBy: [{ urgent: 'desc' }, { dueAt: 'asc' }], take: 5, select: { trackingNumber: true } }),
    ]);
    if (!(await claimDigest(deps, o.id, now))) continue;
    const top = [...overdueTop, ...restTop].slice(0, 5).map((c) => c.trackingNumber);
    const t = deps.translator.t;
    const lang = o.language;
    const lines = [
      t('alerts:digest.heading', lang, { name: o.name, area: areaName(deps.translator, o.areaCode, lang) }),
      openCount === 0
        ? t('alerts:digest.none', lang)
        : t('alerts:digest.counts', lang, { open: openCount, overdue, urgent, soon: dueSoon }),
      ...(top.length > 0 ? [t('alerts:digest.top', lang, { numbers: top.map((n) => formatTrackingNumber(n, lang)).join(', ') })] : []),
    ];
    const inboxLink = `${deps.publicUrl?.replace(/\/$/, '') ?? ''}/officer`;
    const https = inboxLink.startsWith('https://');
    if (!https) lines.push(t('alerts:digest.open_at', lang, { url: inboxLink }));
    const text = lines.join('\n');
    try {
      await send(o.chatId, text, https ? [{ text: t('alerts:button.inbox', lang), url: inboxLink }] : []);
      sent.push({ officerId: o.id, chatId: o.chatId, text, counts: { open: openCount, overdue, urgent, dueSoon }, top });
    } catch (err) {
      deps.log.warn({ err, officer: o.id }, 'officer digest not delivered');
    }
  }
  return sent;
}
