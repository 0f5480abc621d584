import { forwardCase, replyToCitizen, transitionCase, type ReplyResult, type TransitionResult } from '../cases/caseActions.ts';
import type { Tier } from '../../domain/cases/routing.ts';
import type { WorkCalendar } from '../../domain/cases/workingDays.ts';
import { CASE_STATES, OPEN_STATES, type CaseState } from '../../domain/cases/lifecycle.ts';
import { parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { actWhere, mayAct, officerTier, seeWhere, type CaseStanding, type Jurisdiction } from '../../domain/officers/jurisdiction.ts';
import type { Clock } from '../../engine/types.ts';
import { openStored, type FieldCipher } from '../../infra/crypto/fieldCipher.ts';
import type { DbClient } from '../../infra/db/client.ts';
import type { WriteLock } from '../../infra/db/writeLock.ts';
import type { Translator } from '../../infra/i18n/createTranslator.ts';
import type { CaseAssistant } from '../../infra/llm/caseAssistant.ts';
import { isRole, type SignedInOfficer } from './accounts.ts';
import { audit } from './audit.ts';

export interface DeskDeps {
  db: DbClient;
  writes: WriteLock;
  clock: Clock;
  translator: Translator;
  cipher: FieldCipher;
  /** For forwarding: the next office's deadline in working days. */
  calendar: WorkCalendar;
  deadlineDays: Record<Tier, number>;
  /** Called when notices were queued, so delivery starts at once. */
  onOutbox?: () => void;
  /** With a model configured: officers' notes in the other language reach the citizen machine-translated, with the original. */
  assistant?: CaseAssistant | null;
  /** Days until the first follow-up question after a case ends in the money (FOLLOW_UP_FIRST_DAYS; App.casePolicy). */
  followUpFirstDays?: number;
}

export interface InboxFilters {
  programme?: string;
  category?: string;
  /** A case state, or 'open' (the default) or 'closed' or 'all'. */
  state?: string;
  overdue?: boolean;
  /** Open and due within the next two days: about to miss the deadline. */
  dueSoon?: boolean;
  /** A union (place code) within the officer's area. */
  place?: string;
}

export interface CaseSummary {
  trackingNumber: string;
  kind: string;
  category: string;
  programme: string | null;
  placeCode: string;
  state: string;
  tier: string;
  urgent: boolean;
  dueAt: Date;
  overdue: boolean;
  createdAt: Date;
  assignedTo: string | null;
  /** The officer may act on it (held by their office or one below); otherwise they read it only. */
  canAct: boolean;
}

type SummaryRow = CaseStanding & { trackingNumber: string; kind: string; category: string; programme: string | null; state: string; urgent: boolean; dueAt: Date; createdAt: Date; closedAt: Date | null; assignedTo: string | null };

const summary = (c: SummaryRow, now: Date, officer: Jurisdiction): CaseSummary => ({
  trackingNumber: c.trackingNumber,
  kind: c.kind,
  category: c.category,
  programme: c.programme,
  placeCode: c.placeCode,
  state: c.state,
  tier: c.tier,
  urgent: c.urgent,
  dueAt: c.dueAt,
  overdue: c.closedAt === null && c.dueAt < now,
  createdAt: c.createdAt,
  assignedTo: c.assignedTo,
  canAct: mayAct(officer, c),
});

function stateFilter(state: string | undefined): { state?: string | { in: string[] } } {
  if (state === 'all') return {};
  if (state === 'closed') return { state: { in: ['resolved', 'rejected'] } };
  if (state && (CASE_STATES as readonly string[]).includes(state)) return { state };
  return { state: { in: [...OPEN_STATES] } };
}

/**
 * The where clause of every query of the workspace: the officer's area first,
 * then the filters. Nothing outside the area can be named by a filter.
 */
function scoped(officer: Jurisdiction, filters: InboxFilters, now: Date) {
  return {
    ...stateFilter(filters.state),
    ...(filters.programme ? { programme: filters.programme } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.place ? { placeCode: filters.place } : {}),
    ...(filters.overdue ? { dueAt: { lt: now }, closedAt: null } : {}),
    ...(filters.dueSoon && !filters.overdue ? { dueAt: { gte: now, lt: soon(now) }, closedAt: null } : {}),
    ...seeWhere(officer),
  };
}

/** Two days ahead: what an officer must act on before the deadline passes. */
const soon = (now: Date): Date => new Date(now.getTime() + 2 * 24 * 60 * 60 * 1000);

/**
 * The officer's inbox: urgent first, then by deadline; with counts of the
 * area's open, overdue, urgent, new (not yet seen) and soon-due cases — what
 * officers without Telegram alerts see instead of them.
 */
export async function inbox(deps: DeskDeps, officer: Jurisdiction, filters: InboxFilters = {}, take = 200) {
  const now = deps.clock.now();
  const area = seeWhere(officer);
  const open = { state: { in: [...OPEN_STATES] }, ...area };
  const [rows, openCount, overdueCount, urgentCount, newCount, dueSoonCount] = await Promise.all([
    deps.db.case.findMany({ where: scoped(officer, filters, now), orderBy: [{ urgent: 'desc' }, { dueAt: 'asc' }], take }),
    deps.db.case.count({ where: open }),
    deps.db.case.count({ where: { ...open, dueAt: { lt: now } } }),
    deps.db.case.count({ where: { ...open, urgent: true } }),
    deps.db.case.count({ where: { ...area, state: 'received' } }),
    deps.db.case.count({ where: { ...open, dueAt: { gte: now, lt: soon(now) } } }),
  ]);
  return {
    cases: rows.map((c) => summary(c, now, officer)),
    counts: { open: openCount, overdue: overdueCount, urgent: urgentCount, unseen: newCount, dueSoon: dueSoonCount },
  };
}

export interface CaseDetail extends CaseSummary {
  id: string;
  description: string;
  urgentReasons: string[];
  channel: string;
  language: string;
  upazilaCode: string;
  districtCode: string;
  officeCode: string;
  concernsTier: string | null;
  /** Only when the citizen allowed their identity to be shared. */
  phone: string | null;
  shareIdentity: boolean;
  subject: { name: string | null; age: number | null; sex: string | null; consent: string | null } | null;
  eligibility: { likely: string[]; unclear: string[] } | null;
  duplicateOf: string | null;
  linkedReports: string[];
  rating: number | null;
  /** Reports: what came of the person reported, once recorded (domain/cases/reportOutcome.ts). */
  outcome: string | null;
  /** Each step with the officer who did it (their name), when an officer did it. */
  events: { at: Date; type: string; fromState: string | null; toState: string | null; tier: string | null; note: string | null; actor: string; officerName: string | null; noteTranslated: string | null }[];
  /** The model's suggestion (only when a model is configured and it has run): never the case's own category or urgency. */
  assist: { lang: string; summary: string; category: string | null; urgent: boolean | null; translation: string | null; model: string } | null;
  /** `transcript`: what a voice note said, as a machine heard it (opened), or null. */
  attachments: { id: number; kind: string; ref: string; transcript: string | null }[];
}

/**
 * One case of the officer's area with its personal data, or null (a case
 * outside the area is as good as missing). Every opening is audited.
 */
export async function openCase(deps: DeskDeps, officer: SignedInOfficer, trackingNumber: string): Promise<CaseDetail | null> {
  const parsed = parseTrackingNumber(trackingNumber);
  if (!parsed.ok) return null;
  const c = await deps.db.case.findFirst({ where: { trackingNumber: parsed.number, ...seeWhere(officer) } });
  if (!c) return null;
  const now = deps.clock.now();
  const [events, attachments, linked] = await Promise.all([
    deps.db.caseEvent.findMany({ where: { caseId: c.id }, orderBy: { id: 'asc' } }),
    deps.db.caseAttachment.findMany({ where: { caseId: c.id }, orderBy: { id: 'asc' } }),
    deps.db.case.findMany({ where: { duplicateOf: c.trackingNumber, ...seeWhere(officer) }, select: { trackingNumber: true } }),
  ]);
  const doerIds = [...new Set(events.flatMap((e) => (e.officerId ? [e.officerId] : [])))];
  const doers = new Map((await deps.db.officer.findMany({ where: { id: { in: doerIds } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  await audit(deps.db, { at: now, actor: officer.id, action: 'case.view', caseId: c.id });
  const eligibility = c.eligibility ? (JSON.parse(c.eligibility) as { likely: string[]; unclear: string[] }) : null;
  const assisted = await deps.db.caseAssist.findUnique({ where: { caseId: c.id } });
  const assist = assisted
    ? { lang: assisted.lang, summary: openStored(deps.cipher, assisted.summary), category: assisted.category, urgent: assisted.urgent, translation: assisted.translation === null ? null : openStored(deps.cipher, assisted.translation), model: assisted.model }
    : null;
  return {
    ...summary(c, now, officer),
    id: c.id,
    description: openStored(deps.cipher, c.description),
    urgentReasons: JSON.parse(c.urgentReasons) as string[],
    channel: c.channel,
    language: c.language,
    upazilaCode: c.upazilaCode,
    districtCode: c.districtCode,
    officeCode: c.officeCode,
    concernsTier: c.concernsTier,
    phone: c.shareIdentity && c.phoneSealed ? deps.cipher.decrypt(c.phoneSealed) : null,
    shareIdentity: c.shareIdentity,
    subject: c.kind === 'report' ? { name: c.subjectName, age: c.subjectAge, sex: c.subjectSex, consent: c.consent } : null,
    eligibility,
    duplicateOf: c.duplicateOf,
    linkedReports: linked.map((l) => l.trackingNumber),
    rating: c.rating,
    outcome: c.outcome,
    events: events.map((e) => ({ at: e.at, type: e.type, fromState: e.fromState, toState: e.toState, tier: e.tier, note: e.note === null ? null : openStored(deps.cipher, e.note), noteTranslated: e.noteTranslated === null ? null : openStored(deps.cipher, e.noteTranslated), actor: e.actor, officerName: e.officerId ? (doers.get(e.officerId) ?? e.officerId) : null })),
    attachments: attachments.map((a) => ({ id: a.id, kind: a.kind, ref: a.ref, transcript: a.transcript === null ? null : openStored(deps.cipher, a.transcript) })),
    assist,
  };
}

export type DeskAction = 'acknowledge' | 'start' | 'forward' | 'resolve' | 'reject';
const TARGET: Record<DeskAction, CaseState> = { acknowledge: 'acknowledged', start: 'in_progress', forward: 'forwarded', resolve: 'resolved', reject: 'rejected' };

/** Who acts, for the case actions: only on cases the officer may act on, recorded under their id and tier. */
const acting = (officer: SignedInOfficer) => ({ actor: officer.id, officerId: officer.id, actingTier: officerTier(officer.role), scope: actWhere(officer) });

/**
 * Moves a case the officer may act on (held by their office or one below);
 * the citizen's notice goes out in their language. A case they may only read,
 * or not see, is an unknown case: nothing changes, nothing is queued.
 */
export async function actOnCase(deps: DeskDeps, officer: SignedInOfficer, trackingNumber: string, action: DeskAction, note?: string): Promise<TransitionResult> {
  const common = { trackingNumber, ...(note !== undefined ? { note } : {}), ...acting(officer) };
  // Forwarding sends the case up one office, with that office's deadline.
  const result = action === 'forward' ? await forwardCase(deps, common) : await transitionCase(deps, { ...common, to: TARGET[action] });
  if (result.ok) {
    const c = await deps.db.case.findFirst({ where: { trackingNumber: parseNumber(trackingNumber) }, select: { id: true } });
    await audit(deps.db, { at: deps.clock.now(), actor: officer.id, action: `case.${action}`, caseId: c?.id ?? null, detail: { from: result.from, to: result.to, noteLength: note?.trim().length ?? 0 } });
    deps.onOutbox?.();
  }
  return result;
}

/** Writes to the citizen about a case of the officer's area, under the channel's rules. */
export async function replyOnCase(deps: DeskDeps, officer: SignedInOfficer, trackingNumber: string, text: string): Promise<ReplyResult> {
  const result = await replyToCitizen(deps, { trackingNumber, text, ...acting(officer) });
  if (result.ok) {
    const c = await deps.db.case.findFirst({ where: { trackingNumber: parseNumber(trackingNumber) }, select: { id: true } });
    await audit(deps.db, { at: deps.clock.now(), actor: officer.id, action: 'case.reply', caseId: c?.id ?? null, detail: { length: text.trim().length } });
    deps.onOutbox?.();
  }
  return result;
}

export type AssignResult = { ok: true } | { ok: false; reason: 'unknown_case' | 'unknown_colleague' };

/** Gives a case the officer may act on to a colleague who may act on it too. */
export async function assignCase(deps: DeskDeps, officer: SignedInOfficer, trackingNumber: string, colleagueId: string): Promise<AssignResult> {
  const c = await deps.db.case.findFirst({ where: { trackingNumber: parseNumber(trackingNumber), ...actWhere(officer) } });
  if (!c) return { ok: false, reason: 'unknown_case' };
  const colleague = await deps.db.officer.findUnique({ where: { id: colleagueId } });
  if (!colleague || colleague.disabledAt || !isRole(colleague.role) || !mayAct({ role: colleague.role, areaCode: colleague.areaCode }, c)) return { ok: false, reason: 'unknown_colleague' };
  await deps.writes.run(() =>
    deps.db.$transaction(async (tx) => {
      await tx.case.update({ where: { id: c.id }, data: { assignedTo: colleague.id, updatedAt: deps.clock.now() } });
      await audit(tx, { at: deps.clock.now(), actor: officer.id, action: 'case.assign', caseId: c.id, detail: { to: colleague.id } });
    }),
  );
  return { ok: true };
}

/** Colleagues who could take the case: officers who may act on it (never the office it is about, nor one below the holder). */
export async function colleaguesFor(deps: DeskDeps, c: CaseStanding) {
  const officers = await deps.db.officer.findMany({ where: { disabledAt: null, areaCode: { in: [c.placeCode, c.upazilaCode, c.districtCode, 'BD'] } }, orderBy: { name: 'asc' } });
  return officers.filter((o) => isRole(o.role) && mayAct({ role: o.role, areaCode: o.areaCode }, c)).map((o) => ({ id: o.id, name: o.name, role: o.role }));
}

function parseNumber(trackingNumber: string): string {
  const parsed = parseTrackingNumber(trackingNumber);
  return parsed.ok ? parsed.number : '';
}

export { scoped as scopedWhere };
