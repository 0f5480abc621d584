import { makeTrackingNumber } from '../../domain/cases/trackingNumber.ts';
import { firstTier, officeFor } from '../../domain/cases/routing.ts';
import { concernsTier } from '../../domain/cases/concerns.ts';
import { detectUrgency } from '../../domain/cases/urgency.ts';
import { addWorkingDays } from '../../domain/cases/workingDays.ts';
import { placeByCode } from '../../domain/geo/index.ts';
import type { CaseLookupResult, NewCase } from '../deps.ts';
import { parseAge } from '../parse/parseAge.ts';
import type { Said } from '../said.ts';
import type { ReportFlow } from '../session.ts';
import type { Turn } from '../turn.ts';
import type { Choice, ReplyLine } from '../types.ts';
import { answerLocation, askLocation, caseLocation, names, newLocationStep } from './location.ts';
import { showMenu } from './menu.ts';
import { ATTACHMENTS_ONLY, readAccount } from './account.ts';
import { startEligibility } from './eligibility.ts';

/**
 * A citizen journalist reports someone the safety net left out: who, where,
 * which programme they seem to qualify for, their situation (with photos),
 * and whether they agreed to be reported. Without consent only an anonymous
 * situation report is kept. The reporter's identity reaches officers only
 * with their permission, and never the person reported.
 */

const STEPS = ['name', 'age', 'sex', 'location', 'programme', 'situation', 'consent', 'identity', 'summary'] as const;
type Step = (typeof STEPS)[number];

/** Longer names are typing accidents; the situation holds the story. */
const MAX_NAME = 80;

const NAME_UNKNOWN: Choice = { id: 'name.unknown', key: 'report:choice.name_unknown' };
const AGE_UNKNOWN: Choice = { id: 'age.unknown', key: 'report:choice.age_unknown' };
const SEX_CHOICES: Choice[] = ['male', 'female', 'hijra'].map((s) => ({ id: `sex.${s}`, key: `eligibility:choice.sex.${s}` }));
const CONSENT_CHOICES: Choice[] = ['yes', 'could_not_ask', 'no'].map((c) => ({ id: `consent.${c}`, key: `report:choice.consent.${c}` }));
const IDENTITY_CHOICES: Choice[] = [
  { id: 'id.share', key: 'report:choice.share' },
  { id: 'id.private', key: 'report:choice.private' },
];
const SUMMARY_CHOICES: Choice[] = [
  { id: 'sum.submit', key: 'grievance:choice.submit' },
  ...(['name', 'age', 'sex', 'location', 'programme', 'situation', 'consent'] as const).map((s) => ({ id: `sum.edit.${s}`, key: `report:choice.edit.${s}` })),
  { id: 'sum.cancel', key: 'grievance:choice.cancel' },
];

export function startReport(turn: Turn): void {
  const flow: ReportFlow = { id: 'report', step: 'name', editing: false, draft: { attachments: [] }, location: newLocationStep() };
  turn.state.flow = flow;
  turn.say('report:intro');
  askReportStep(turn, flow);
}

/** The host looks for an earlier report of the same person when the reporter submits. */
export function reportDuplicateLookup(flow: ReportFlow, choiceId: string): { placeCode: string; name: string } | null {
  const { placeCode, name, consent } = flow.draft;
  if (flow.step !== 'summary' || choiceId !== 'sum.submit' || !placeCode || !name || consent === 'no') return null;
  return { placeCode, name };
}

export function askReportStep(turn: Turn, flow: ReportFlow): void {
  switch (flow.step) {
    case 'name':
      return turn.ask('report:ask.name', [NAME_UNKNOWN]);
    case 'age':
      return turn.ask('report:ask.age', [AGE_UNKNOWN]);
    case 'sex':
      return turn.ask('report:ask.sex', SEX_CHOICES);
    case 'location':
      return askLocation(turn, flow.location);
    case 'programme':
      return turn.ask('report:ask.programme', [
        { id: 'prog.check', key: 'report:choice.check' },
        ...turn.deps.catalogue.programmes.map((p) => ({ id: `prog.${p.id}`, key: `programmes:${p.id}.short_name` })),
        { id: 'prog.unknown', key: 'grievance:choice.programme_unknown' },
      ]);
    case 'situation':
      return turn.ask('report:ask.situation', flow.draft.attachments.length > 0 ? [ATTACHMENTS_ONLY] : []);
    case 'consent':
      return turn.ask('report:ask.consent', CONSENT_CHOICES);
    case 'identity':
      return turn.ask('report:ask.identity', IDENTITY_CHOICES);
    case 'summary':
      return showReportSummary(turn, flow);
  }
}

export function answerReport(turn: Turn, flow: ReportFlow, said: Said, cases: CaseLookupResult | undefined): void {
  const d = flow.draft;
  const choice = said.kind === 'choice' ? said.id : null;
  switch (flow.step) {
    case 'name':
      if (choice === 'name.unknown') d.name = null;
      else if (said.kind === 'text') d.name = said.text.slice(0, MAX_NAME);
      else return retry(turn, flow, 'report:invalid.name');
      return advance(turn, flow);
    case 'age': {
      if (choice === 'age.unknown') {
        d.age = null;
        return advance(turn, flow);
      }
      const age = said.kind === 'text' ? parseAge(said.text) : null;
      if (!age?.ok) return retry(turn, flow, 'eligibility:invalid.age');
      d.age = age.years;
      return advance(turn, flow);
    }
    case 'sex': {
      const sex = choice === 'sex.male' ? 'male' : choice === 'sex.female' ? 'female' : choice === 'sex.hijra' ? 'hijra' : null;
      if (sex === null) return retry(turn, flow, 'common:invalid.choose_option');
      d.sex = sex;
      return advance(turn, flow);
    }
    case 'location': {
      const outcome = answerLocation(turn, flow.location, said);
      if (!outcome.done) return;
      d.placeCode = outcome.code;
      flow.location = newLocationStep();
      return advance(turn, flow);
    }
    case 'programme':
      if (choice === 'prog.check') return checkEligibility(turn, flow);
      if (!choice?.startsWith('prog.')) return retry(turn, flow, 'common:invalid.choose_option');
      d.programme = choice.slice('prog.'.length);
      return advance(turn, flow);
    case 'situation':
      return answerSituation(turn, flow, said);
    case 'consent': {
      const consent = choice === 'consent.yes' ? 'yes' : choice === 'consent.could_not_ask' ? 'could_not_ask' : choice === 'consent.no' ? 'no' : null;
      if (consent === null) return retry(turn, flow, 'common:invalid.choose_option');
      d.consent = consent;
      if (consent === 'no') turn.say('report:note.anonymous');
      return advance(turn, flow);
    }
    case 'identity':
      if (choice !== 'id.share' && choice !== 'id.private') return retry(turn, flow, 'common:invalid.choose_option');
      d.shareIdentity = choice === 'id.share';
      return advance(turn, flow);
    case 'summary':
      if (choice === 'sum.submit') return submitReport(turn, flow, cases?.duplicate ?? null);
      if (choice === 'sum.cancel') {
        turn.say('report:cancelled');
        return showMenu(turn);
      }
      return editStep(turn, flow, choice);
  }
}

/** Runs the eligibility questions for the person reported; the report waits and resumes with the result attached. */
function checkEligibility(turn: Turn, flow: ReportFlow): void {
  turn.state.parked = flow;
  const known = { ...(typeof flow.draft.age === 'number' ? { age: flow.draft.age } : {}), ...(flow.draft.sex ? { sex: flow.draft.sex } : {}) };
  startEligibility(turn, { subject: 'other' }, known);
}

export function resumeReportAfterEligibility(turn: Turn, result: { likely: string[]; unclear: string[] }): void {
  const flow = turn.state.parked;
  if (!flow) return;
  delete turn.state.parked;
  flow.draft.eligibility = result;
  flow.draft.programme = result.likely[0] ?? 'unknown';
  turn.state.flow = flow;
  turn.say(result.likely.length > 0 ? 'report:eligibility_attached' : 'report:eligibility_none');
  advance(turn, flow);
}

export function backInReport(turn: Turn, flow: ReportFlow): boolean {
  const index = STEPS.indexOf(flow.step);
  if (index <= 0) return false;
  flow.step = STEPS[index - 1] as Step;
  flow.editing = false;
  flow.location = newLocationStep();
  askReportStep(turn, flow);
  return true;
}

function editStep(turn: Turn, flow: ReportFlow, choice: string | null): void {
  const step = STEPS.find((s) => choice === `sum.edit.${s}`);
  if (!step) return retry(turn, flow, 'common:invalid.choose_option');
  flow.step = step;
  flow.editing = true;
  askReportStep(turn, flow);
}

function answerSituation(turn: Turn, flow: ReportFlow, said: Said): void {
  const account = readAccount(turn, said, flow.draft.attachments, 'report:invalid.situation');
  if (account.kind === 'invalid') return retry(turn, flow, account.errorKey);
  if (account.kind === 'attached') return askReportStep(turn, flow);
  flow.draft.situation = account.text;
  advance(turn, flow);
}

function advance(turn: Turn, flow: ReportFlow): void {
  if (flow.editing) {
    flow.editing = false;
    flow.step = 'summary';
  } else {
    flow.step = STEPS[STEPS.indexOf(flow.step) + 1] ?? 'summary';
  }
  askReportStep(turn, flow);
}

function retry(turn: Turn, flow: ReportFlow, errorKey: string): void {
  turn.error(errorKey);
  askReportStep(turn, flow);
}

function showReportSummary(turn: Turn, flow: ReportFlow): void {
  const d = flow.draft;
  const place = d.placeCode ? placeByCode(d.placeCode) : undefined;
  const lines: ReplyLine[] = [
    d.name ? { key: 'report:summary.name', params: { name: d.name } } : { key: 'report:summary.no_name' },
    d.age !== null && d.age !== undefined ? { key: 'report:summary.age', params: { age: d.age } } : { key: 'report:summary.no_age' },
    ...(d.sex ? [{ key: 'report:summary.sex', params: { sex: d.sex } }] : []),
    ...(place ? [{ key: 'grievance:summary.place', params: names(place) }] : []),
    d.programme && d.programme !== 'unknown' ? { key: 'grievance:summary.programme', params: { programme: d.programme } } : { key: 'grievance:summary.programme_unknown' },
    { key: 'report:summary.situation', params: { text: d.situation && d.situation.length > 200 ? `${d.situation.slice(0, 200)}…` : (d.situation ?? '') } },
    ...(d.attachments.length > 0 ? [{ key: 'grievance:summary.attachments', params: { count: d.attachments.length } }] : []),
    ...(d.eligibility ? [{ key: 'report:summary.eligibility', params: { count: d.eligibility.likely.length } }] : []),
    { key: `report:summary.consent.${d.consent ?? 'could_not_ask'}` },
    { key: d.shareIdentity ? 'report:summary.shared' : 'report:summary.private' },
  ];
  turn.result('report:summary.title', undefined, lines);
  turn.ask('grievance:ask.confirm', SUMMARY_CHOICES);
}

function submitReport(turn: Turn, flow: ReportFlow, duplicate: CaseLookupResult['duplicate'] | null): void {
  const d = flow.draft;
  const where = d.placeCode ? caseLocation(d.placeCode) : null;
  if (!where || !d.placeCode || d.situation === undefined || !d.consent) {
    flow.step = !where ? 'location' : d.situation === undefined ? 'situation' : 'consent';
    flow.editing = true;
    return askReportStep(turn, flow);
  }
  const now = turn.deps.clock.now();
  // A report that names local staff goes above the office it is about, as a complaint does.
  const concerns = concernsTier('exclusion', d.situation);
  const tier = firstTier('exclusion', where, concerns);
  const due = addWorkingDays(now, turn.deps.deadlineDays[tier], turn.deps.calendar);
  const id = turn.deps.ids.next();
  // Without the person's agreement only the situation is kept: nothing that names them.
  const anonymous = d.consent === 'no';
  const lodged: NewCase = {
    id,
    trackingNumber: makeTrackingNumber(id),
    kind: 'report',
    category: 'exclusion',
    programme: d.programme && d.programme !== 'unknown' ? d.programme : null,
    placeCode: d.placeCode,
    upazilaCode: where.upazilaCode,
    districtCode: where.districtCode,
    description: d.situation,
    tier,
    officeCode: officeFor(tier, where),
    concernsTier: concerns,
    urgentReasons: detectUrgency({ text: d.situation, ...(d.age ? { age: d.age } : {}) }),
    dueAt: due.toISOString(),
    createdAt: now.toISOString(),
    language: turn.state.lang ?? 'bn',
    phone: null,
    shareIdentity: d.shareIdentity ?? false,
    attachments: anonymous ? [] : d.attachments,
    subject: anonymous ? { name: null, age: null, sex: null } : { name: d.name ?? null, age: d.age ?? null, sex: d.sex ?? null },
    consent: d.consent,
    ...(d.eligibility ? { eligibility: d.eligibility } : {}),
    ...(duplicate ? { duplicateOf: duplicate.trackingNumber } : {}),
  };
  turn.events.push({ type: 'case_lodged', case: lodged });
  turn.state.flow = null;
  if (d.placeCode) turn.state.lastPlaceCode = d.placeCode;
  // The earlier case is someone else's: the reporter learns only that it exists, never its number, place or notes.
  const lines: ReplyLine[] = [
    ...(duplicate ? [{ key: 'report:next.duplicate' }] : []),
    { key: 'grievance:next.deadline', params: { due: due.getTime() } },
    { key: lodged.shareIdentity ? 'report:next.shared' : 'report:next.private' },
    { key: 'report:next.thanks' },
  ];
  turn.result('report:submitted', { number: lodged.trackingNumber }, lines);
  turn.ask('grievance:after', [
    { id: 'menu.status', key: 'menu:choice.status' },
    { id: 'menu', key: 'menu:choice.menu' },
  ]);
}
