import { OPEN_STATES } from '../../domain/cases/lifecycle.ts';
import { addWorkingDays } from '../../domain/cases/workingDays.ts';
import { mayAct, maySee, seeWhere, type Jurisdiction } from '../../domain/officers/jurisdiction.ts';
import type { Lang } from '../../engine/types.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import { acquireLease } from '../cases/jobLease.ts';
import { areaName } from './areaName.ts';
import { every } from '../periodic.ts';
import { DUE_SOON_WORKING_DAYS, linkedOfficers, readMarker, writeMarker, type AlertButton, type AlertSend, type AlertsDeps } from './alertShared.ts';
import { ACK_PREFIX } from './telegramLink.ts';
import { runDigest } from './digest.ts';

export type { AlertButton, AlertSend, AlertsDeps } from './alertShared.ts';

/**
 * Officers on Telegram: new cases of their area (urgent ones marked), and
 * cases whose deadline is two working days away, arrive in their linked chat
 * with buttons to acknowledge or open them; every morning a digest counts
 * what is open and overdue (digest.ts). Messages carry the tracking number,
 * category, place and deadline, never the complainant's words or identity: a
 * chat is a weaker place than the workspace.
 *
 * Nothing here speaks Telegram: the caller injects `send`.
 */

/** New cases are read up to this long ago, so a case whose transaction was still committing is not skipped. */
const SETTLE_MS = 30_000;
/** At most this many case messages per officer per pass; the rest is in the inbox and the digest. */
const MAX_PER_OFFICER = 20;

const WATERMARK = 'officer-alerts-watermark';
const DUE_HORIZON = 'officer-alerts-due-horizon';


interface AlertCase {
  trackingNumber: string;
  category: string;
  placeCode: string;
  upazilaCode: string;
  districtCode: string;
  urgent: boolean;
  dueAt: Date;
  tier: string;
  concernsTier: string | null;
  createdAt: Date;
}

/** The union and its upazila, or the upazila alone. */
const placeOf = (tr: Pick<Translator, 't'>, c: AlertCase, lang: Lang): string =>
  c.placeCode === c.upazilaCode ? areaName(tr, c.upazilaCode, lang) : `${areaName(tr, c.placeCode, lang)}, ${areaName(tr, c.upazilaCode, lang)}`;

/** The case's page in the workspace, absolute when PUBLIC_URL is known. */
function caseLink(publicUrl: string | undefined, trackingNumber: string): { url: string; https: boolean } {
  const base = publicUrl?.replace(/\/$/, '') ?? '';
  return { url: `${base}/officer/cases/${trackingNumber}`, https: base.startsWith('https://') };
}

export type AlertReason = 'new' | 'urgent' | 'due_soon';

export interface OfficerAlert {
  officerId: string;
  chatId: string;
  reason: AlertReason;
  trackingNumber: string;
  text: string;
  buttons: AlertButton[];
}

/** One case as a message in the officer's language, with its buttons (Acknowledge only for an officer who may act on it). */
export function alertMessage(deps: Pick<AlertsDeps, 'translator' | 'publicUrl'>, officer: { language: Lang }, c: AlertCase, reason: AlertReason, canAct = true): { text: string; buttons: AlertButton[] } {
  const lang = officer.language;
  const t = deps.translator.t;
  const link = caseLink(deps.publicUrl, c.trackingNumber);
  const lines = [
    t(`alerts:heading.${reason}`, lang, { number: c.trackingNumber }),
    t('alerts:case.details', lang, { category: c.category, place: placeOf(deps.translator, c, lang), due: c.dueAt.getTime() }),
    ...(c.urgent && reason !== 'urgent' ? [t('alerts:case.urgent', lang)] : []),
    ...(link.https ? [] : [t('alerts:case.open_at', lang, { url: link.url })]),
  ];
  const buttons: AlertButton[] = canAct ? [{ text: t('alerts:button.ack', lang), callback: `${ACK_PREFIX}${c.trackingNumber}` }] : [];
  if (link.https) buttons.push({ text: t('alerts:button.open', lang), url: link.url });
  return { text: lines.join('\n'), buttons };
}

/** hq and admin see the whole country: they hear only of urgent new cases. */
const wantsEveryNewCase = (o: Jurisdiction): boolean => o.role !== 'hq' && o.role !== 'admin';
/** A deadline reminder goes to the office that holds the case (its tier), and to no one above it. */
const holdsCase = (o: Jurisdiction, c: AlertCase): boolean => o.role === c.tier || (o.role === 'admin' && c.tier === 'hq');

/**
 * What a pass would send, without sending: new cases lodged in (since, until],
 * and open cases whose deadline entered (dueFrom, dueTo], for each linked
 * officer whose area covers them.
 */
export async function alertsFor(
  deps: AlertsDeps,
  window: { since: Date; until: Date; dueFrom: Date; dueTo: Date },
): Promise<OfficerAlert[]> {
  const officers = await linkedOfficers(deps.db);
  if (officers.length === 0) return [];
  const select = { trackingNumber: true, category: true, placeCode: true, upazilaCode: true, districtCode: true, urgent: true, dueAt: true, tier: true, concernsTier: true, createdAt: true } as const;
  const out: OfficerAlert[] = [];
  for (const o of officers) {
    const area = seeWhere(o);
    const [fresh, dueSoon] = await Promise.all([
      deps.db.case.findMany({
        where: { createdAt: { gt: window.since, lte: window.until }, ...(wantsEveryNewCase(o) ? {} : { urgent: true }), ...area },
        orderBy: [{ urgent: 'desc' }, { createdAt: 'asc' }],
        take: MAX_PER_OFFICER,
        select,
      }),
      window.dueTo > window.dueFrom
        ? deps.db.case.findMany({
            where: { state: { in: [...OPEN_STATES] }, dueAt: { gt: window.dueFrom, lte: window.dueTo }, ...area },
            orderBy: [{ urgent: 'desc' }, { dueAt: 'asc' }],
            take: MAX_PER_OFFICER,
            select,
          })
        : Promise.resolve([]),
    ]);
    const seen = new Set<string>();
    const add = (c: AlertCase, reason: AlertReason): void => {
      if (seen.has(c.trackingNumber) || seen.size >= MAX_PER_OFFICER || !maySee(o, c)) return;
      seen.add(c.trackingNumber);
      out.push({ officerId: o.id, chatId: o.chatId, reason, trackingNumber: c.trackingNumber, ...alertMessage(deps, o, c, reason, mayAct(o, c)) });
    };
    for (const c of fresh) add(c, c.urgent ? 'urgent' : 'new');
    for (const c of dueSoon) if (holdsCase(o, c)) add(c, 'due_soon');
  }
  return out;
}

/**
 * One pass: every linked officer hears of the cases of their area lodged
 * since the last pass, and of those whose deadline is now two working days
 * away. Where the last pass stopped is kept in two JobLease rows (the time
 * read up to, and the deadline horizon), so a restart neither repeats nor
 * skips. A message Telegram refuses is logged, not retried: the case stays in
 * the inbox and the digest. Returns what was sent.
 */
export async function runAlerts(deps: AlertsDeps, send: AlertSend, now: Date): Promise<OfficerAlert[]> {
  const settled = new Date(now.getTime() - SETTLE_MS);
  // The first pass only starts the count: cases lodged before alerts existed are the digest's.
  const storedSince = await readMarker(deps.db, WATERMARK);
  const since = storedSince ?? settled;
  const until = settled > since ? settled : since;
  const storedDue = await readMarker(deps.db, DUE_HORIZON);
  const dueFrom = storedDue ?? now;
  const horizon = addWorkingDays(now, DUE_SOON_WORKING_DAYS, deps.calendar);
  const dueTo = horizon > dueFrom ? horizon : dueFrom;
  const alerts = until > since || dueTo > dueFrom ? await alertsFor(deps, { since, until, dueFrom, dueTo }) : [];
  // Moved on before sending: a crash mid-pass loses a message rather than repeating every one of them.
  if (!storedSince || until > since) await writeMarker(deps, WATERMARK, until);
  if (!storedDue || dueTo > dueFrom) await writeMarker(deps, DUE_HORIZON, dueTo);
  const sent: OfficerAlert[] = [];
  for (const a of alerts) {
    try {
      await send(a.chatId, a.text, a.buttons);
      sent.push(a);
    } catch (err) {
      deps.log.warn({ err, officer: a.officerId, case: a.trackingNumber, reason: a.reason }, 'officer alert not delivered');
    }
  }
  if (sent.length > 0) deps.log.info({ alerts: sent.length }, 'officer alerts sent');
  return sent;
}

// ── The job ───────────────────────────────────────────────────────────────

const LEASE = 'officer-alerts';

export interface OfficerAlertsJobDeps extends AlertsDeps {
  send: AlertSend;
  /** This process's name for the lease. */
  holder: string;
}

/** One pass of alerts and the digest, in the process that holds the lease. */
export async function officerAlertsPass(deps: OfficerAlertsJobDeps, leaseMs = 120_000): Promise<{ alerts: number; digests: number }> {
  const now = deps.clock.now();
  if (!(await acquireLease(deps.db, LEASE, deps.holder, now, leaseMs))) return { alerts: 0, digests: 0 };
  const alerts = await runAlerts(deps, deps.send, now);
  const digests = await runDigest(deps, deps.send, now);
  return { alerts: alerts.length, digests: digests.length };
}

/** Runs alerts and the digest every `intervalMs` until stopped; one pass at a time. */
export function startOfficerAlertsJob(deps: OfficerAlertsJobDeps, intervalMs: number): { stop(): Promise<void> } {
  return every(intervalMs, () => officerAlertsPass(deps, Math.max(2 * intervalMs, 60_000)), (err) => deps.log.error({ err }, 'officer alerts pass failed'));
}
