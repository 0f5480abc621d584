import { makeTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { maskPhone, normalisePhone } from '../../domain/cases/phone.ts';
import { CATEGORIES, firstTier, officeFor, type Category } from '../../domain/cases/routing.ts';
import { concernsTier } from '../../domain/cases/concerns.ts';
import { detectUrgency } from '../../domain/cases/urgency.ts';
import { addWorkingDays } from '../../domain/cases/workingDays.ts';
import { placeByCode } from '../../domain/geo/index.ts';
import type { NewCase } from '../deps.ts';
import type { Said } from '../said.ts';
import type { GrievanceFlow, Hints } from '../session.ts';
import { categoryFromWords } from '../../domain/cases/category.ts';
import type { Turn } from '../turn.ts';
import type { Choice, ReplyLine } from '../types.ts';
import { ATTACHMENTS_ONLY, MAX_ACCOUNT, readAccount } from './account.ts';
import { showMenu } from './menu.ts';
import { answerLocation, askLocation, caseLocation, names, newLocationStep } from './location.ts';

/**
 * Lodging a grievance: category → programme → place → what happened (text,
 * photos, voice notes) → phone (optional) → may the officer see who you are →
 * summary (confirm or edit any answer) → a tracking number and the deadline.
 */

const STEPS = ['category', 'programme', 'location', 'description', 'phone', 'identity', 'summary'] as const;
type Step = (typeof STEPS)[number];

const CATEGORY_CHOICES: Choice[] = CATEGORIES.map((c) => ({ id: `cat.${c}`, key: `grievance:category.${c}` }));
const PHONE_SKIP: Choice = { id: 'phone.skip', key: 'grievance:choice.phone_skip' };
const IDENTITY_CHOICES: Choice[] = [
  { id: 'id.share', key: 'grievance:choice.share' },
  { id: 'id.private', key: 'grievance:choice.private' },
];
const SUMMARY_CHOICES: Choice[] = [
  { id: 'sum.submit', key: 'grievance:choice.submit' },
  { id: 'sum.edit.category', key: 'grievance:choice.edit.category' },
  { id: 'sum.edit.programme', key: 'grievance:choice.edit.programme' },
  { id: 'sum.edit.location', key: 'grievance:choice.edit.location' },
  { id: 'sum.edit.description', key: 'grievance:choice.edit.description' },
  { id: 'sum.edit.phone', key: 'grievance:choice.edit.phone' },
  { id: 'sum.edit.identity', key: 'grievance:choice.edit.identity' },
  { id: 'sum.cancel', key: 'grievance:choice.cancel' },
];

/**
 * What a complaint told in one message already gives: its kind, the
 * allowance, and the words themselves as what happened (shown in the summary,
 * where each can be changed).
 */
export interface GrievanceStart {
  category?: Category;
  programme?: string;
  account?: string;
}

/** A complaint's kind from the person's words, and the words kept as what happened when they describe it. */
export function complaintHints(text: string): Pick<Hints, 'category' | 'account'> {
  const category = categoryFromWords(text);
  return category === null ? {} : { category, account: text };
}

export function startGrievance(turn: Turn, from: GrievanceStart = {}): void {
  const flow: GrievanceFlow = { id: 'grievance', step: 'category', editing: false, draft: { attachments: [] }, location: newLocationStep() };
  turn.state.flow = flow;
  turn.say('grievance:intro');
  if (from.category) flow.draft.category = from.category;
  if (from.programme) flow.draft.programme = from.programme;
  if (from.account) {
    flow.draft.description = from.account.slice(0, MAX_ACCOUNT);
    turn.say('grievance:note.words_kept');
  }
  flow.step = nextOpenStep(flow, -1);
  askStep(turn, flow);
}

/** The first step after `index` that has no answer yet; the summary when all have. */
function nextOpenStep(flow: GrievanceFlow, index: number): Step {
  const d = flow.draft;
  const answered: Record<Step, boolean> = {
    category: d.category !== undefined,
    programme: d.programme !== undefined,
    location: d.placeCode !== undefined,
    description: d.description !== undefined,
    phone: d.phone !== undefined,
    identity: d.shareIdentity !== undefined,
    summary: false,
  };
  return STEPS.slice(index + 1).find((s) => !answered[s]) ?? 'summary';
}

export function askStep(turn: Turn, flow: GrievanceFlow): void {
  switch (flow.step) {
    case 'category':
      turn.ask('grievance:ask.category', CATEGORY_CHOICES);
      return;
    case 'programme':
      turn.ask('grievance:ask.programme', programmeChoices(turn));
      return;
    case 'location':
      askLocation(turn, flow.location);
      return;
    case 'description':
      turn.ask('grievance:ask.description', flow.draft.attachments.length > 0 ? [ATTACHMENTS_ONLY] : []);
      return;
    case 'phone':
      turn.ask('grievance:ask.phone', [PHONE_SKIP]);
      return;
    case 'identity':
      turn.ask('grievance:ask.identity', IDENTITY_CHOICES);
      return;
    case 'summary':
      showSummary(turn, flow);
      return;
  }
}

export function answerGrievance(turn: Turn, flow: GrievanceFlow, said: Said): void {
  switch (flow.step) {
    case 'category': {
      const category = said.kind === 'choice' ? CATEGORIES.find((c) => said.id === `cat.${c}`) : undefined;
      if (!category) return retry(turn, flow, 'common:invalid.choose_option');
      flow.draft.category = category;
      return advance(turn, flow);
    }
    case 'programme': {
      const id = said.kind === 'choice' && said.id.startsWith('prog.') ? said.id.slice('prog.'.length) : undefined;
      if (!id) return retry(turn, flow, 'common:invalid.choose_option');
      flow.draft.programme = id;
      return advance(turn, flow);
    }
    case 'location': {
      const outcome = answerLocation(turn, flow.location, said);
      if (!outcome.done) return;
      flow.draft.placeCode = outcome.code;
      flow.location = newLocationStep();
      return advance(turn, flow);
    }
    case 'description':
      return answerDescription(turn, flow, said);
    case 'phone': {
      if (said.kind === 'choice' && said.id === 'phone.skip') {
        flow.draft.phone = null;
        return advance(turn, flow);
      }
      const phone = said.kind === 'text' ? normalisePhone(said.text) : { ok: false as const };
      if (!phone.ok) return retry(turn, flow, 'grievance:invalid.phone');
      flow.draft.phone = phone.e164;
      return advance(turn, flow);
    }
    case 'identity': {
      if (said.kind !== 'choice' || (said.id !== 'id.share' && said.id !== 'id.private')) return retry(turn, flow, 'common:invalid.choose_option');
      flow.draft.shareIdentity = said.id === 'id.share';
      return advance(turn, flow);
    }
    case 'summary':
      return answerSummary(turn, flow, said);
  }
}

/** "back": the step before this one (from the summary, the last step). */
export function backInGrievance(turn: Turn, flow: GrievanceFlow): boolean {
  const index = STEPS.indexOf(flow.step);
  if (index <= 0) return false;
  flow.step = STEPS[index - 1] as Step;
  flow.editing = false;
  flow.location = newLocationStep();
  askStep(turn, flow);
  return true;
}

function answerDescription(turn: Turn, flow: GrievanceFlow, said: Said): void {
  const account = readAccount(turn, said, flow.draft.attachments, 'grievance:invalid.description');
  if (account.kind === 'invalid') return retry(turn, flow, account.errorKey);
  if (account.kind === 'attached') return askStep(turn, flow);
  flow.draft.description = account.text;
  advance(turn, flow);
}

function answerSummary(turn: Turn, flow: GrievanceFlow, said: Said): void {
  if (said.kind !== 'choice') return retry(turn, flow, 'common:invalid.choose_option');
  if (said.id === 'sum.submit') return submit(turn, flow);
  if (said.id === 'sum.cancel') {
    turn.say('grievance:cancelled');
    showMenu(turn);
    return;
  }
  const step = STEPS.find((s) => said.id === `sum.edit.${s}`);
  if (!step) return retry(turn, flow, 'common:invalid.choose_option');
  flow.step = step;
  flow.editing = true;
  askStep(turn, flow);
}

/** The next unanswered step, or back to the summary after an edit. */
function advance(turn: Turn, flow: GrievanceFlow): void {
  if (flow.editing) {
    flow.editing = false;
    flow.step = 'summary';
  } else {
    flow.step = nextOpenStep(flow, STEPS.indexOf(flow.step));
  }
  askStep(turn, flow);
}

function retry(turn: Turn, flow: GrievanceFlow, errorKey: string): void {
  turn.error(errorKey);
  askStep(turn, flow);
}

function programmeChoices(turn: Turn): Choice[] {
  return [
    ...turn.deps.catalogue.programmes.map((p) => ({ id: `prog.${p.id}`, key: `programmes:${p.id}.short_name` })),
    { id: 'prog.unknown', key: 'grievance:choice.programme_unknown' },
  ];
}

function showSummary(turn: Turn, flow: GrievanceFlow): void {
  const d = flow.draft;
  const place = d.placeCode ? placeByCode(d.placeCode) : undefined;
  const lines: ReplyLine[] = [
    { key: 'grievance:summary.category', params: { category: d.category ?? 'other' } },
    d.programme && d.programme !== 'unknown' ? { key: 'grievance:summary.programme', params: { programme: d.programme } } : { key: 'grievance:summary.programme_unknown' },
    ...(place ? [{ key: 'grievance:summary.place', params: names(place) }] : []),
    { key: 'grievance:summary.description', params: { text: preview(d.description ?? '') } },
    ...(d.attachments.length > 0 ? [{ key: 'grievance:summary.attachments', params: { count: d.attachments.length } }] : []),
    d.phone ? { key: 'grievance:summary.phone', params: { phone: maskPhone(d.phone) } } : { key: 'grievance:summary.no_phone' },
    { key: d.shareIdentity ? 'grievance:summary.shared' : 'grievance:summary.private' },
  ];
  turn.result('grievance:summary.title', undefined, lines);
  turn.ask('grievance:ask.confirm', SUMMARY_CHOICES);
}

function preview(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function submit(turn: Turn, flow: GrievanceFlow): void {
  const d = flow.draft;
  const where = d.placeCode ? caseLocation(d.placeCode) : null;
  if (!d.category || !d.placeCode || !where || d.description === undefined) {
    // An edit left a hole: ask what is missing rather than lodge half a case.
    flow.step = !d.category ? 'category' : !where ? 'location' : 'description';
    flow.editing = true;
    return askStep(turn, flow);
  }
  const now = turn.deps.clock.now();
  // A complaint about local staff goes above the office it is about, and is hidden from it.
  const concerns = concernsTier(d.category, d.description);
  const tier = firstTier(d.category, where, concerns);
  const due = addWorkingDays(now, turn.deps.deadlineDays[tier], turn.deps.calendar);
  const id = turn.deps.ids.next();
  const lang = turn.state.lang ?? 'bn';
  const urgentReasons = detectUrgency({ text: d.description, category: d.category });
  const lodged: NewCase = {
    id,
    trackingNumber: makeTrackingNumber(id),
    kind: 'grievance',
    category: d.category,
    programme: d.programme && d.programme !== 'unknown' ? d.programme : null,
    placeCode: d.placeCode,
    upazilaCode: where.upazilaCode,
    districtCode: where.districtCode,
    description: d.description,
    tier,
    officeCode: officeFor(tier, where),
    concernsTier: concerns,
    urgentReasons,
    dueAt: due.toISOString(),
    createdAt: now.toISOString(),
    language: lang,
    phone: d.phone ?? null,
    shareIdentity: d.shareIdentity ?? false,
    attachments: d.attachments,
  };
  turn.events.push({ type: 'case_lodged', case: lodged });
  turn.state.flow = null;
  turn.state.lastPlaceCode = d.placeCode;
  const office = placeByCode(tier === 'union' && where.unionCode ? where.unionCode : tier === 'district' ? where.districtCode : where.upazilaCode);
  const lines: ReplyLine[] = [
    { key: `grievance:next.office.${tier}`, params: office ? names(office) : { bn: '', en: '' } },
    { key: 'grievance:next.deadline', params: { due: due.getTime() } },
    ...(urgentReasons.length > 0 ? [{ key: 'grievance:next.urgent' }] : []),
    { key: lodged.shareIdentity ? 'grievance:next.shared' : 'grievance:next.private' },
    ...(lodged.phone ? [] : [{ key: 'grievance:next.no_phone' }]),
    { key: 'grievance:next.status' },
  ];
  turn.result('grievance:submitted', { number: lodged.trackingNumber }, lines);
  turn.ask('grievance:after', AFTER_CHOICES);
}

const AFTER_CHOICES: Choice[] = [
  { id: 'menu.status', key: 'menu:choice.status' },
  { id: 'menu', key: 'menu:choice.menu' },
];
