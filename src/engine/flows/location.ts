import { childrenOf, GOOD_MATCH, pathOf, placeByCode, searchPlaces, type Place } from '../../domain/geo/index.ts';
import type { Said } from '../said.ts';
import type { LocationStep } from '../session.ts';
import type { Turn } from '../turn.ts';
import type { Choice } from '../types.ts';

/**
 * The place of a case, on a phone: type a name in Bangla, Latin letters or
 * Banglish and confirm one of the best matches, or walk division → district →
 * upazila → union in pages. A union is best (the nearest office); an
 * upazila is enough when the union is not known.
 */

const PAGE = 8;
const BROWSE: Choice = { id: 'loc.browse', key: 'location:choice.browse' };
const RETYPE: Choice = { id: 'loc.retype', key: 'location:choice.retype' };
const MORE: Choice = { id: 'loc.more', key: 'location:choice.more' };
const HERE: Choice = { id: 'loc.here', key: 'location:choice.here' };

export type LocationOutcome = { done: false } | { done: true; code: string };

export function newLocationStep(): LocationStep {
  return { browse: null };
}

/** Puts the location question (again), where the picker is. */
export function askLocation(turn: Turn, step: LocationStep): void {
  if (step.browse === null) {
    turn.ask('location:ask', [BROWSE]);
    return;
  }
  const { parent, page } = step.browse;
  const all = childrenOf(parent);
  const shown = all.slice(page * PAGE, (page + 1) * PAGE);
  const choices: Choice[] = shown.map(placeChoice);
  if ((page + 1) * PAGE < all.length) choices.push(MORE);
  const here = parent === null ? undefined : placeByCode(parent);
  if (here?.level === 'upazila') choices.push(HERE);
  choices.push(RETYPE);
  if (here === undefined) turn.ask('location:browse.division', choices);
  else turn.ask(`location:browse.${childLevel(here)}`, choices, names(here));
}

export function answerLocation(turn: Turn, step: LocationStep, said: Said): LocationOutcome {
  if (said.kind === 'choice') return choose(turn, step, said.id);
  if (said.kind !== 'text') {
    turn.error(said.kind === 'attachment' ? 'location:invalid.attachment' : 'common:invalid.empty');
    askLocation(turn, step);
    return { done: false };
  }
  if (step.browse !== null) {
    // A name typed while a list is shown is most likely one of that list, spelt a little differently.
    const here = step.browse.parent === null ? undefined : placeByCode(step.browse.parent);
    const level = here === undefined ? 'division' : childLevel(here);
    const [best, next] = searchPlaces(said.text, { levels: [level], limit: 2, ...(here ? { within: here.code } : {}) });
    // Taken at once only when it is clearly the one (Savar union and Savar Paurashava score alike: then ask).
    const clear = best !== undefined && best.score >= GOOD_MATCH && (next === undefined || next.score < best.score - 0.05);
    if (clear) return choose(turn, step, `loc.p.${best.place.code}`);
  }
  const matches = searchPlaces(said.text, { levels: ['union', 'upazila'], limit: 4 }).filter((m) => m.score >= GOOD_MATCH);
  if (matches.length === 0) {
    turn.error('location:not_found', { text: said.text.slice(0, 40) });
    step.browse = null;
    askLocation(turn, step);
    return { done: false };
  }
  step.browse = null;
  turn.ask('location:did_you_mean', [...matches.map((m) => placeChoice(m.place)), BROWSE, RETYPE]);
  return { done: false };
}

function choose(turn: Turn, step: LocationStep, id: string): LocationOutcome {
  if (id === 'loc.browse') {
    step.browse = { parent: null, page: 0 };
  } else if (id === 'loc.retype') {
    step.browse = null;
  } else if (id === 'loc.more' && step.browse) {
    step.browse.page += 1;
  } else if (id === 'loc.here' && step.browse?.parent) {
    return { done: true, code: step.browse.parent };
  } else if (id.startsWith('loc.p.')) {
    const place = placeByCode(id.slice('loc.p.'.length));
    if (place === undefined) {
      step.browse = null;
    } else if (place.level === 'union') {
      return { done: true, code: place.code };
    } else if (place.level === 'upazila' && childrenOf(place.code).length === 0) {
      // A few new upazilas have no unions in the data yet: the upazila is the place.
      return { done: true, code: place.code };
    } else {
      step.browse = { parent: place.code, page: 0 };
    }
  }
  askLocation(turn, step);
  return { done: false };
}

function childLevel(place: Place): 'district' | 'upazila' | 'union' {
  return place.level === 'division' ? 'district' : place.level === 'district' ? 'upazila' : 'union';
}

/** A place as a button: its name with its district, so two Rampurs can be told apart. */
function placeChoice(place: Place): Choice {
  return { id: `loc.p.${place.code}`, key: 'location:place', params: names(place) };
}

/** Bangla and English names of a place and of its district, for locale texts to pick from. */
export function names(place: Place): { bn: string; en: string } {
  const district = pathOf(place.code).find((p) => p.level === 'district');
  const within = district && district.code !== place.code && place.level !== 'division' ? district : undefined;
  return {
    bn: within ? `${place.nameBn}, ${within.nameBn}` : place.nameBn,
    en: within ? `${place.nameEn}, ${within.nameEn}` : place.nameEn,
  };
}

/** The union (if any), upazila and district a case's place belongs to. */
export function caseLocation(code: string): { unionCode?: string; upazilaCode: string; districtCode: string } | null {
  const path = pathOf(code);
  const upazila = path.find((p) => p.level === 'upazila');
  const district = path.find((p) => p.level === 'district');
  if (!upazila || !district) return null;
  const union = path.find((p) => p.level === 'union');
  return union ? { unionCode: union.code, upazilaCode: upazila.code, districtCode: district.code } : { upazilaCode: upazila.code, districtCode: district.code };
}
