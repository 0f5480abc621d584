import { randomInt } from 'node:crypto';
import { OPEN_STATES } from '../../domain/cases/lifecycle.ts';
import { formatTrackingNumber, parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { addWorkingDays, dhakaDate, type WorkCalendar } from '../../domain/cases/workingDays.ts';
import { placeByCode } from '../../domain/geo/index.ts';
import { caseScope, COUNTRY, covers, type Jurisdiction } from '../../domain/officers/jurisdiction.ts';
import type { Lang } from '../../engine/types.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import type { Logger } from '../../infra/log/logger.ts';
import { acquireLease } from '../cases/jobLease.ts';
import { isRole, tokenHash, type OfficerDeps, type SignedInOfficer } from './accounts.ts';
import { audit } from './audit.ts';
import { actOnCase, type DeskDeps } from './caseDesk.ts';

/**
 * Officers on Telegram: a one-time code links an officer's chat; new cases of
 * their area (urgent ones marked), and cases whose deadline is two working
 * days away, arrive there with buttons to acknowledge or open them; every
 * morning a digest counts what is open and overdue. Messages carry the
 * tracking number, category, place and deadline, never the complainant's
 * words or identity: a chat is a weaker place than the workspace.
 *
 * Nothing here speaks Telegram: the caller injects `send`.
 */

export interface AlertButton {
  text: string;
  /** Callback data (at most 64 bytes). */
  callback?: string;
  /** An https URL. */
  url?: string;
}

/** Sends one message with buttons to an officer's chat; throws when the platform refuses it. */
export type AlertSend = (chatId: string, text: string, buttons: AlertButton[]) => Promise<void>;

export interface AlertsDeps extends DeskDeps {
  log: Logger;
  calendar: WorkCalendar;
  /** PUBLIC_URL of the workspace; its links become buttons only when it is https (Telegram refuses others). */
  publicUrl?: string | undefined;
}

/** A link code is 8 of these: no 0/O, 1/I/L look-alikes. */
export const LINK_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LINK_CODE_LENGTH = 8;
const LINK_CODE_MS = 15 * 60 * 1000;

/** The callback data prefix of the acknowledge button. */
export const ACK_PREFIX = 'oack.';

/** New cases are read up to this long ago, so a case whose transaction was still committing is not skipped. */
const SETTLE_MS = 30_000;
/** "About to miss the deadline": due within this many working days. */
const DUE_SOON_WORKING_DAYS = 2;
/** At most this many case messages per officer per pass; the rest is in the inbox and the digest. */
const MAX_PER_OFFICER = 20;
/** The digest goes at or after this hour, Dhaka time. */
const DIGEST_HOUR = 8;
const DHAKA_OFFSET_MS = 6 * 60 * 60 * 1000;

const WATERMARK = 'officer-alerts-watermark';
const DUE_HORIZON = 'officer-alerts-due-horizon';
const digestRow = (officerId: string): string => `digest:${officerId}`;
/** Rows of JobLease used as durable markers, not as leases. */
const MARKER_HOLDER = 'marker';

// ── Linking ───────────────────────────────────────────────────────────────

/** Upper case, without spaces or dashes: what the officer typed, as stored. */
export function normaliseLinkCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * A one-time code that links a Telegram chat to the officer, valid 15 minutes.
 * Only its SHA-256 is stored; a new code voids the officer's older unused ones.
 */
export async function createTelegramLinkCode(deps: OfficerDeps, officerId: string): Promise<string> {
  const code = Array.from({ length: LINK_CODE_LENGTH }, () => LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)]).join('');
  const now = deps.clock.now();
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await tx.officerToken.updateMany({ where: { officerId, purpose: 'telegram', usedAt: null }, data: { usedAt: now } });
      await tx.officerToken.create({ data: { tokenHash: tokenHash(code), officerId, purpose: 'telegram', expiresAt: new Date(now.getTime() + LINK_CODE_MS), createdAt: now } });
    }),
  );
  return code;
}

interface LinkedOfficer {
  id: string;
  name: string;
  language: Lang;
}

async function redeemLinkCode(deps: OfficerDeps, code: string, chatId: string): Promise<LinkedOfficer | null> {
  const normalised = normaliseLinkCode(code);
  if (normalised.length !== LINK_CODE_LENGTH || [...normalised].some((ch) => !LINK_CODE_ALPHABET.includes(ch))) return null;
  const hash = tokenHash(normalised);
  const now = deps.clock.now();
  return deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      const row = await tx.officerToken.findUnique({ where: { tokenHash: hash } });
      if (!row || row.purpose !== 'telegram' || row.usedAt || row.expiresAt <= now) return null;
      const officer = await tx.officer.findUnique({ where: { id: row.officerId } });
      if (!officer || officer.disabledAt) return null;
      const spent = await tx.officerToken.updateMany({ where: { tokenHash: hash, usedAt: null }, data: { usedAt: now } });
      if (spent.count === 0) return null;
      // One chat speaks for one officer: a chat linked before to someone else is theirs no more.
      await tx.officer.updateMany({ where: { telegramChatId: chatId, id: { not: officer.id } }, data: { telegramChatId: null } });
      await tx.officer.update({ where: { id: officer.id }, data: { telegramChatId: chatId } });
      await audit(tx, { at: now, actor: officer.id, action: 'telegram.link', detail: { officer: officer.id } });
      return { id: officer.id, name: officer.name, language: langOf(officer.language) };
    }),
  );
}

/** Redeems a link code for a chat: the officer's name, or null when the code is wrong, used or expired. */
export async function linkTelegram(deps: OfficerDeps, code: string, chatId: string): Promise<string | null> {
  return (await redeemLinkCode(deps, code, chatId))?.name ?? null;
}

/** `/link CODE` answered in words: linked (in the officer's language), or the code did not work. */
export async function linkTelegramReply(deps: OfficerDeps & { translator: Translator }, code: string, chatId: string, lang: Lang = 'bn'): Promise<string> {
  const officer = await redeemLinkCode(deps, code, chatId);
  if (!officer) return deps.translator.t('alerts:link.bad', lang);
  return deps.translator.t('alerts:link.done', officer.language, { name: officer.name });
}

// ── Alerts ────────────────────────────────────────────────────────────────

interface AlertCase {
  trackingNumber: string;
  category: string;
  placeCode: string;
  upazilaCode: string;
  districtCode: string;
  urgent: boolean;
  dueAt: Date;
  tier: string;
  createdAt: Date;
}

interface LinkedRecipient extends Jurisdiction {
  id: string;
  name: string;
  language: Lang;
  chatId: string;
}

const langOf = (value: string): Lang => (value === 'en' ? 'en' : 'bn');

async function linkedOfficers(db: DbClient): Promise<LinkedRecipient[]> {
  const rows = await db.officer.findMany({ where: { telegramChatId: { not: null }, disabledAt: null }, orderBy: { createdAt: 'asc' } });
  return rows.flatMap((o) =>
    o.telegramChatId && isRole(o.role) ? [{ id: o.id, name: o.name, language: langOf(o.language), chatId: o.telegramChatId, role: o.role, areaCode: o.areaCode }] : [],
  );
}

async function readMarker(db: DbClient, name: string): Promise<Date | null> {
  return (await db.jobLease.findUnique({ where: { name } }))?.expiresAt ?? null;
}

async function writeMarker(deps: AlertsDeps, name: string, at: Date): Promise<void> {
  await deps.writes.run(() => deps.db.jobLease.upsert({ where: { name }, create: { name, holder: MARKER_HOLDER, expiresAt: at }, update: { expiresAt: at } }));
}

function placeName(code: string, lang: Lang): string {
  if (code === COUNTRY) return lang === 'bn' ? 'বাংলাদেশ' : 'Bangladesh';
  const place = placeByCode(code);
  return (lang === 'bn' ? place?.nameBn : place?.nameEn) ?? code;
}

/** The union and its upazila, or the upazila alone. */
const placeOf = (c: AlertCase, lang: Lang): string =>
  c.placeCode === c.upazilaCode ? placeName(c.upazilaCode, lang) : `${placeName(c.placeCode, lang)}, ${placeName(c.upazilaCode, lang)}`;

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

/** One case as a message in the officer's language, with its buttons. */
export function alertMessage(deps: Pick<AlertsDeps, 'translator' | 'publicUrl'>, officer: { language: Lang }, c: AlertCase, reason: AlertReason): { text: string; buttons: AlertButton[] } {
  const lang = officer.language;
  const t = deps.translator.t;
  const link = caseLink(deps.publicUrl, c.trackingNumber);
  const lines = [
    t(`alerts:heading.${reason}`, lang, { number: c.trackingNumber }),
    t('alerts:case.details', lang, { category: c.category, place: placeOf(c, lang), due: c.dueAt.getTime() }),
    ...(c.urgent && reason !== 'urgent' ? [t('alerts:case.urgent', lang)] : []),
    ...(link.https ? [] : [t('alerts:case.open_at', lang, { url: link.url })]),
  ];
  const buttons: AlertButton[] = [{ text: t('alerts:button.ack', lang), callback: `${ACK_PREFIX}${c.trackingNumber}` }];
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
  const select = { trackingNumber: true, category: true, placeCode: true, upazilaCode: true, districtCode: true, urgent: true, dueAt: true, tier: true, createdAt: true } as const;
  const out: OfficerAlert[] = [];
  for (const o of officers) {
    const area = caseScope(o);
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
      if (seen.has(c.trackingNumber) || seen.size >= MAX_PER_OFFICER || !covers(o, c)) return;
      seen.add(c.trackingNumber);
      out.push({ officerId: o.id, chatId: o.chatId, reason, trackingNumber: c.trackingNumber, ...alertMessage(deps, o, c, reason) });
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

// ── Digest ────────────────────────────────────────────────────────────────

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
    const open = { state: { in: [...OPEN_STATES] }, ...caseScope(o) };
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
      t('alerts:digest.heading', lang, { name: o.name, area: placeName(o.areaCode, lang) }),
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

// ── Buttons ───────────────────────────────────────────────────────────────

/**
 * A button pressed in an officer's chat. `oack.<number>` acknowledges the case
 * as the officer linked to this chat, within their area only (the case desk
 * enforces it). Returns a short answer in the officer's language, or null when
 * the data is not an officer button.
 */
export async function handleOfficerCallback(deps: DeskDeps, chatId: string, data: string, lang: Lang = 'bn'): Promise<string | null> {
  if (!data.startsWith(ACK_PREFIX)) return null;
  const row = await deps.db.officer.findFirst({ where: { telegramChatId: chatId, disabledAt: null } });
  if (!row || !isRole(row.role)) return deps.translator.t('alerts:ack.not_linked', lang);
  const officer: SignedInOfficer = { id: row.id, name: row.name, username: row.username, role: row.role, areaCode: row.areaCode, language: langOf(row.language) };
  const parsed = parseTrackingNumber(data.slice(ACK_PREFIX.length));
  if (!parsed.ok) return deps.translator.t('alerts:ack.not_area', officer.language);
  const result = await actOnCase(deps, officer, parsed.number, 'acknowledge');
  const number = parsed.number;
  if (result.ok) return deps.translator.t('alerts:ack.done', officer.language, { number });
  if (result.reason === 'unknown_case') return deps.translator.t('alerts:ack.not_area', officer.language, { number });
  return deps.translator.t('alerts:ack.not_allowed', officer.language, { number });
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
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = officerAlertsPass(deps, Math.max(2 * intervalMs, 60_000))
      .catch((err: unknown) => deps.log.error({ err }, 'officer alerts pass failed'))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
