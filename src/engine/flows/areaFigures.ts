import { GOOD_MATCH, pathOf, placeByCode, searchPlaces, type Place, type PlaceLevel } from '../../domain/geo/index.ts';
import type { AreaFigures, AreaSummary, FigureShown } from '../areaFigures.ts';
import type { TurnInput } from '../deps.ts';
import { asksForAreaFigures, placeWordsOf } from '../parse/asksForAreaFigures.ts';
import type { Said } from '../said.ts';
import type { AreaFiguresFlow } from '../session.ts';
import type { Turn } from '../turn.ts';
import type { Choice, ReplyLine, ReplyParams } from '../types.ts';
import { answerLocation, askLocation, names, newLocationStep } from './location.ts';

/**
 * "আমার এলাকার হিসাব": the public report card of an area in the chat. The
 * place is asked with the location picker (a name typed in Bangla, English
 * or Banglish, or the lists), unless the message named it ("gopalganj er
 * hisab"); then the last 12 months' figures are shown, small counts hidden
 * as the report card hides them, with a link to the area's page.
 *
 * The engine never reads the database: when it has the place it says what it
 * `needs`, and the host runs the turn again with the figures (`TurnInput.areaFigures`).
 * A typed name is taken at any level (a district, an upazila, a union); in the
 * lists, a tap goes down a level as in the complaint form, and an upazila's
 * list has "the upazila will do".
 */

export const AREA_MENU_CHOICE = 'menu.area';

const BROWSE: Choice = { id: 'loc.browse', key: 'location:choice.browse' };
const RETYPE: Choice = { id: 'loc.retype', key: 'location:choice.retype' };
const ANOTHER: Choice = { id: AREA_MENU_CHOICE, key: 'areafigures:choice.another' };
const AFTER: Choice[] = [ANOTHER, { id: 'menu', key: 'menu:choice.menu' }];

/** The location picker's buttons: anything else pressed here is not an answer to it. */
const LOCATION_CHOICE = /^loc\.(browse|retype|more|here|p\..+)$/;

/** Two matches this close are as good as each other. */
const TIE = 0.05;
/** Matches offered when a name fits several places. */
const OFFERED = 4;
/** The wider the place, the lower: a district is what people mean by a name a union also has. */
const BREADTH: Record<PlaceLevel, number> = { division: 0, district: 1, upazila: 2, union: 3 };

/**
 * The report card in the chat: its own questions, its menu button, and free
 * text at the top level that asks for it. True when the turn was handled here.
 */
export function routeAreaFigures(turn: Turn, said: Said, input: TurnInput): boolean {
  const s = turn.state;
  if (s.flow?.id === 'area') {
    answerAreaFigures(turn, s.flow, said, input.areaFigures);
    return true;
  }
  if (said.kind === 'choice' && said.id === AREA_MENU_CHOICE) {
    // "Another area" after the figures: no introduction again.
    const again = s.offered.find((c) => c.id === AREA_MENU_CHOICE)?.key === ANOTHER.key;
    // Words taken for the button ("আমার এলাকার হিসাব, টুঙ্গিপাড়া") may name the place too.
    const body = input.inbound.body;
    const place = body.type === 'text' ? (asksForAreaFigures(body.text)?.place ?? '') : '';
    startAreaFigures(turn, place, !again, input.areaFigures);
    return true;
  }
  if (said.kind === 'text' && s.flow === null) return startAreaFiguresFromWords(turn, said.text, input);
  return false;
}

/** A message asking for an area's figures ("amar elakar hisab", "টুঙ্গিপাড়ার হিসাব") opens them. True when it did. */
export function startAreaFiguresFromWords(turn: Turn, text: string, input: TurnInput): boolean {
  const asked = asksForAreaFigures(text);
  if (asked === null) return false;
  startAreaFigures(turn, asked.place, true, input.areaFigures);
  return true;
}

function startAreaFigures(turn: Turn, placeWords: string, intro: boolean, figures: AreaFigures | undefined): void {
  const flow: AreaFiguresFlow = { id: 'area', location: newLocationStep() };
  turn.state.flow = flow;
  // A name that is not found here may not have been a name at all: the question is simply put.
  const found = placeWords === '' ? NONE : findArea(placeWords);
  if (found.kind === 'one') {
    showFigures(turn, found.place.code, figures);
    return;
  }
  if (intro) turn.say('areafigures:intro');
  if (found.kind === 'several') offerPlaces(turn, flow, found.places);
  else askAreaPlace(turn, flow);
}

/** Puts the place question (again), where the picker is. */
export function askAreaPlace(turn: Turn, flow: AreaFiguresFlow): void {
  if (flow.location.browse === null) turn.ask('areafigures:ask', [BROWSE]);
  else askLocation(turn, flow.location);
}

export function answerAreaFigures(turn: Turn, flow: AreaFiguresFlow, said: Said, figures: AreaFigures | undefined): void {
  const step = flow.location;
  if (said.kind === 'choice') {
    // Not browsing, a place pressed is one of the matches of a typed name: that place, at whatever level.
    const picked = step.browse === null && said.id.startsWith('loc.p.') ? placeByCode(said.id.slice('loc.p.'.length)) : undefined;
    if (picked) return showFigures(turn, picked.code, figures);
    if (said.id === 'loc.retype' || !LOCATION_CHOICE.test(said.id)) {
      step.browse = null;
      return askAreaPlace(turn, flow);
    }
    const outcome = answerLocation(turn, step, said);
    if (outcome.done) showFigures(turn, outcome.code, figures);
    return;
  }
  if (said.kind !== 'text') {
    turn.error(said.kind === 'attachment' ? 'location:invalid.attachment' : 'common:invalid.empty');
    return askAreaPlace(turn, flow);
  }
  // "tungipara er hisab" typed here is the place with the asking around it.
  const words = placeWordsOf(said.text) || said.text;
  const inList = step.browse === null ? null : findInList(words, step.browse.parent);
  const found = inList ? ({ kind: 'one', place: inList } as const) : findArea(words);
  if (found.kind === 'one') return showFigures(turn, found.place.code, figures);
  if (found.kind === 'several') return offerPlaces(turn, flow, found.places);
  turn.error('location:not_found', { text: said.text.slice(0, 40) });
  step.browse = null;
  askAreaPlace(turn, flow);
}

type Found = { kind: 'one'; place: Place } | { kind: 'several'; places: Place[] } | { kind: 'none' };
const NONE: Found = { kind: 'none' };

/**
 * The place a typed name means: the best match, unless another as good is a
 * different place as wide or wider (two Rampur unions: ask which). A wider
 * place wins over narrower ones of the same name (Gopalganj the district over
 * its paurashava, Bhola over the Balla unions that sound like it).
 */
function findArea(text: string): Found {
  const matches = searchPlaces(text, { levels: ['division', 'district', 'upazila', 'union'], limit: OFFERED + 1 }).filter((m) => m.score >= GOOD_MATCH);
  const best = matches[0];
  if (best === undefined) return NONE;
  const rivals = matches
    .slice(1)
    .filter((m) => m.score >= best.score - TIE && BREADTH[m.place.level] <= BREADTH[best.place.level] && !nested(m.place, best.place));
  if (rivals.length === 0) return { kind: 'one', place: best.place };
  return { kind: 'several', places: matches.slice(0, OFFERED).map((m) => m.place) };
}

/** A name typed while a list is shown, when it is clearly one of that list (as the complaint form's picker reads it). */
function findInList(text: string, parent: string | null): Place | null {
  const here = parent === null ? undefined : placeByCode(parent);
  const level: PlaceLevel = here === undefined ? 'division' : here.level === 'division' ? 'district' : here.level === 'district' ? 'upazila' : 'union';
  const [best, next] = searchPlaces(text, { levels: [level], limit: 2, ...(here ? { within: here.code } : {}) });
  const clear = best !== undefined && best.score >= GOOD_MATCH && (next === undefined || next.score < best.score - TIE);
  return clear ? best.place : null;
}

function nested(a: Place, b: Place): boolean {
  return pathOf(a.code).some((p) => p.code === b.code) || pathOf(b.code).some((p) => p.code === a.code);
}

function offerPlaces(turn: Turn, flow: AreaFiguresFlow, places: readonly Place[]): void {
  flow.location.browse = null;
  turn.ask('location:did_you_mean', [...places.map((p) => ({ id: `loc.p.${p.code}`, key: 'location:place', params: names(p) })), BROWSE, RETYPE]);
}

/** The figures, once the host has put them in; until then, what the turn needs. */
function showFigures(turn: Turn, code: string, figures: AreaFigures | undefined): void {
  if (figures?.code !== code) {
    turn.needs = { areaFigures: code };
    return;
  }
  const place = placeByCode(code);
  const where = place ? names(place) : { bn: code, en: code };
  turn.state.flow = null;
  const summary = figures.summary;
  if (summary === 'unavailable') turn.error('areafigures:unavailable');
  else if (summary === null) turn.result('areafigures:nothing', where);
  else turn.result('areafigures:title', { ...where, from: monthAt(summary.months.first, 1), to: monthAt(summary.months.last, 15) }, summaryLines(summary, pageOf(turn, code)));
  turn.ask('areafigures:after', AFTER);
}

/** The area's report card page, when Setu has a public address. */
function pageOf(turn: Turn, code: string): string | undefined {
  const base = turn.deps.publicUrl;
  return base === undefined ? undefined : `${base.replace(/\/+$/, '')}/open/area/${encodeURIComponent(code)}`;
}

/** A day of a Dhaka month 'YYYY-MM', as a time: the locale shows the month and year. */
function monthAt(month: string, day: number): number {
  return Date.parse(`${month}-${String(day).padStart(2, '0')}T12:00:00+06:00`);
}

function summaryLines(s: AreaSummary, pageUrl: string | undefined): ReplyLine[] {
  const c = s.counts;
  const lines: ReplyLine[] = [];
  let hidden = false;
  const count = (line: 'lodged' | 'resolved' | 'open_now' | 'overdue_now' | 'reports' | 'enrolled' | 'payments', shown: FigureShown | null): void => {
    if (shown === null) return;
    if (typeof shown !== 'number') hidden = true;
    lines.push({ key: `areafigures:line.${line}`, params: shownParams(shown) });
  };
  count('lodged', c.lodged);
  count('resolved', c.resolved);
  if (s.shareInTime !== null) lines.push({ key: 'areafigures:line.in_time', params: { pct: Math.round(s.shareInTime * 100) } });
  if (s.medianWorkingDays !== null) lines.push({ key: 'areafigures:line.median_days', params: { days: s.medianWorkingDays } });
  count('open_now', c.open_now);
  // Of none open, none is overdue; of a hidden number, the overdue ones are hidden too.
  if (typeof c.open_now === 'number' && c.open_now > 0) count('overdue_now', c.overdue_now);
  if (s.averageRating !== null) lines.push({ key: 'areafigures:line.rating', params: { rating: s.averageRating } });
  count('reports', c.exclusion_reports);
  if (typeof c.exclusion_reports === 'number' && c.exclusion_reports > 0) count('enrolled', c.reports_enrolled);
  count('payments', c.payments_confirmed);
  if (hidden) lines.push({ key: 'areafigures:note_hidden' });
  if (pageUrl !== undefined) lines.push({ key: 'areafigures:link', params: { url: pageUrl } });
  return lines;
}

/** A count for the locale: `shown` picks the number, "fewer than 5" or "withheld". */
function shownParams(shown: FigureShown): ReplyParams {
  if (shown === '<5') return { shown: 'small' };
  if (shown === '*') return { shown: 'withheld' };
  return { shown: 'n', n: shown };
}
