import { CASES_PER_DAY } from '../limits.ts';
import { normaliseDigits } from '../../text/normalise.ts';
import { findTrackingNumber, mistypedTrackingNumber, parseTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { asksForOwnCases } from '../parse/asksForOwnCases.ts';
import { isOpen } from '../../domain/cases/lifecycle.ts';
import { nextTier, officeFor, type Tier } from '../../domain/cases/routing.ts';
import { higherTier } from '../../domain/cases/concerns.ts';
import { addWorkingDays } from '../../domain/cases/workingDays.ts';
import { placeByCode } from '../../domain/geo/index.ts';
import type { CaseLookupResult, CaseView, TurnInput } from '../deps.ts';
import type { Said } from '../said.ts';
import type { SessionState } from '../session.ts';
import type { Turn } from '../turn.ts';
import type { Choice, ReplyLine } from '../types.ts';
import { caseLocation, names } from './location.ts';
import { reportDuplicateLookup } from './report.ts';

/**
 * "What happened to my complaint?": by tracking number (Bangla or Latin
 * digits, any spacing), or the list of one's own cases. Someone else's number
 * shows only the state and dates, never the content.
 */

const MINE: Choice = { id: 'status.mine', key: 'status:choice.mine' };
const AFTER: Choice[] = [
  { id: 'menu.status', key: 'status:choice.another' },
  { id: 'menu', key: 'menu:choice.menu' },
];

export interface CaseLookup {
  numbers: string[];
  mine: boolean;
  /** Look for an earlier report of this person at this place. */
  duplicate?: { placeCode: string; name: string };
  /** The user's closed cases still waiting for a rating: a bare 1–5 typed may answer a closing notice. */
  ratable?: true;
  /** A case is being submitted: count the contact's cases of the last 24 hours (the daily cap). */
  lodgedToday?: true;
}

/** What the host must look up before this turn, if anything. */
export function caseLookupFor(state: SessionState | null, input: TurnInput): CaseLookup | null {
  const body = input.inbound.body;
  const inStatus = state?.flow?.id === 'status';
  const lodging = body.type === 'choice' && submitsCase(state, body.choiceId) ? ({ lodgedToday: true } as const) : {};
  if (body.type === 'choice' && state?.flow?.id === 'report') {
    const duplicate = reportDuplicateLookup(state.flow, body.choiceId);
    if (duplicate) return { numbers: [], mine: false, duplicate, ...lodging };
    return 'lodgedToday' in lodging ? { numbers: [], mine: false, ...lodging } : null;
  }
  if ('lodgedToday' in lodging) return { numbers: [], mine: false, ...lodging };
  if (body.type === 'choice' && body.choiceId.startsWith('appeal.')) return { numbers: [body.choiceId.slice('appeal.'.length)], mine: false };
  if (body.type === 'choice') return inStatus && body.choiceId === 'status.mine' ? { numbers: [], mine: true } : null;
  if (body.type !== 'text' || state === null) return null;
  if (inStatus) {
    const parsed = parseTrackingNumber(body.text);
    // Anything else typed here may be the "my complaints" button's words: have the list ready.
    return parsed.ok ? { numbers: [parsed.number], mine: false } : { numbers: [], mine: true };
  }
  if (state.flow !== null) return null;
  // A tracking number typed at the top level is a status question too.
  const found = findTrackingNumber(body.text);
  if (found) return { numbers: [found], mine: false };
  // "Appeal" typed as its number or words, under a rejected case: that case is looked up again.
  const appeal = state.offered.find((c) => c.id.startsWith('appeal.'))?.id.slice('appeal.'.length);
  const lookup: CaseLookup = { numbers: appeal ? [appeal] : [], mine: asksForOwnCases(body.text) };
  // A closing notice asks for a rating outside the conversation; at the top level a bare "4" may be the answer.
  if (typedRating(body.text) !== null) lookup.ratable = true;
  return lookup.numbers.length > 0 || lookup.mine || lookup.ratable ? lookup : null;
}

/** Whether this button submits a grievance or a report from its summary. */
export function submitsCase(state: SessionState | null, choiceId: string): boolean {
  const flow = state?.flow;
  return choiceId === 'sum.submit' && (flow?.id === 'grievance' || flow?.id === 'report') && flow.step === 'summary';
}

/**
 * The daily cap on cases per contact, checked when one is submitted: over it,
 * nothing is lodged, and the user is told how to follow the cases they have
 * and that 333 takes urgent ones. True when the submission was refused.
 */
export function refuseOverDailyCap(turn: Turn, choiceId: string, cases: CaseLookupResult | undefined): boolean {
  const max = turn.deps.casesPerDay ?? CASES_PER_DAY;
  if (!submitsCase(turn.state, choiceId) || (cases?.lodgedToday ?? 0) < max) return false;
  turn.error('limits:cases_today', { max });
  turn.state.flow = null;
  turn.ask('status:after', AFTER);
  return true;
}

/** A rating typed as a bare digit, Bangla or Latin ("৪", "4"), or null. */
export function typedRating(text: string): 1 | 2 | 3 | 4 | 5 | null {
  const t = normaliseDigits(text).trim();
  return t === '1' || t === '2' || t === '3' || t === '4' || t === '5' ? (Number(t) as 1 | 2 | 3 | 4 | 5) : null;
}

export function startStatus(turn: Turn): void {
  turn.state.flow = { id: 'status' };
  turn.ask('status:ask', [MINE]);
}

export function answerStatus(turn: Turn, said: Said, cases: CaseLookupResult | undefined): void {
  if (said.kind === 'choice' && said.id === 'status.mine') {
    showMine(turn, cases?.mine ?? []);
    return;
  }
  if (said.kind !== 'text') {
    turn.error('status:invalid.not_a_number');
    turn.ask('status:ask', [MINE]);
    return;
  }
  const parsed = parseTrackingNumber(said.text);
  if (!parsed.ok && asksForOwnCases(said.text)) {
    showMine(turn, cases?.mine ?? []);
    return;
  }
  if (!parsed.ok) {
    turn.error(`status:invalid.${parsed.reason}`);
    turn.ask('status:ask', [MINE]);
    return;
  }
  showCase(turn, parsed.number, cases);
}

/** Shows one case (or says the number is unknown) and ends the status question. */
export function showCase(turn: Turn, number: string, cases: CaseLookupResult | undefined): void {
  const view = cases?.byNumber[number] ?? null;
  // Said whether the number exists or not: a sweep of numbers learns nothing past the limit.
  if (cases?.lookupsRefused !== undefined && !view?.mine) {
    turn.error('limits:status_lookups', { max: cases.lookupsRefused });
    turn.state.flow = { id: 'status' };
    turn.ask('status:ask', [MINE]);
    return;
  }
  if (view === null) {
    turn.error('status:unknown', { number });
    turn.state.flow = { id: 'status' };
    turn.ask('status:ask', [MINE]);
    return;
  }
  if (view.mine) turn.result('status:case', caseParams(view), caseLines(turn, view));
  else turn.result('status:case_limited', { number: view.trackingNumber, state: view.state, lodged: view.createdAt, updated: view.updatedAt });
  turn.state.flow = null;
  const tier = appealTier(view);
  const appeal: Choice[] = view.mine && view.state === 'rejected' && tier ? [{ id: `appeal.${view.trackingNumber}`, key: 'status:choice.appeal', params: { tier } }] : [];
  turn.ask('status:after', [...appeal, ...AFTER]);
}

/**
 * "Appeal": a rejected case of one's own goes to the next tier with a new
 * deadline (GRS: the appellate officer). Checked again here, on what the
 * host has just read, not on the button alone.
 */
export function appealCase(turn: Turn, number: string, cases: CaseLookupResult | undefined): void {
  const view = cases?.byNumber[number] ?? null;
  const tier = view ? appealTier(view) : null;
  const where = view ? caseLocation(view.placeCode) : null;
  if (!view || !view.mine || view.state !== 'rejected' || !tier || !where) {
    turn.error('status:appeal_not_possible');
    turn.ask('status:after', AFTER);
    return;
  }
  const now = turn.deps.clock.now();
  const due = addWorkingDays(now, turn.deps.deadlineDays[tier], turn.deps.calendar);
  turn.events.push({ type: 'case_appealed', appeal: { trackingNumber: number, tier, officeCode: officeFor(tier, where), dueAt: due.toISOString(), at: now.toISOString() } });
  turn.result('status:appealed', { number, tier, due: due.getTime() });
  turn.state.flow = null;
  turn.ask('status:after', AFTER);
}

/** An appeal is decided above the tier that decided: the higher of the holding tier and the deciding officer's. */
function appealTier(view: CaseView): Tier | null {
  const decided = higherTier(view.tier, view.decidedTier ?? null) ?? view.tier;
  return nextTier(decided);
}

/**
 * At the top level, what a typed question about one's cases needs: the list
 * ("আমার অভিযোগগুলো"), or a word on a number typed wrong. True when answered.
 */
export function answerCaseQuestion(turn: Turn, text: string, cases: CaseLookupResult | undefined): boolean {
  if (cases?.mine !== undefined && asksForOwnCases(text)) {
    showMine(turn, cases.mine);
    return true;
  }
  if (mistypedTrackingNumber(text)) {
    turn.error('status:invalid.bad_check');
    startStatus(turn);
    return true;
  }
  return false;
}

function showMine(turn: Turn, mine: CaseView[]): void {
  turn.state.flow = null;
  if (mine.length === 0) {
    turn.say('status:none');
  } else {
    const lines: ReplyLine[] = mine.map((v) => ({ key: 'status:mine_line', params: caseParams(v), bullet: true }));
    // Citizen journalists see what their reports led to (the seeds ask to recognise them).
    const reports = mine.filter((v) => v.kind === 'report');
    if (reports.length > 0) lines.push({ key: 'status:reports', params: { reports: reports.length, resolved: reports.filter((v) => v.state === 'resolved').length } });
    turn.result('status:mine', { count: mine.length }, lines);
  }
  turn.ask('status:after', AFTER);
}

function caseParams(v: CaseView): Record<string, string | number> {
  const place = placeByCode(v.placeCode);
  const where = place ? names(place) : { bn: '', en: '' };
  return { number: v.trackingNumber, state: v.state, tier: v.tier, category: v.category, lodged: v.createdAt, due: v.dueAt, updated: v.updatedAt, bn: where.bn, en: where.en };
}

function caseLines(turn: Turn, v: CaseView): ReplyLine[] {
  const lines: ReplyLine[] = [{ key: `status:held_by.${v.tier}` }];
  if (isOpen(v.state)) {
    const overdue = v.dueAt < turn.deps.clock.now().getTime();
    lines.push({ key: overdue ? 'status:overdue' : 'status:due', params: { due: v.dueAt } });
  }
  if (v.urgent) lines.push({ key: 'status:urgent' });
  if (v.lastNote) lines.push({ key: 'status:note', params: { note: v.lastNote } });
  return lines;
}
