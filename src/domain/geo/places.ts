import { MISSING_UPAZILAS } from './missingUpazilas.ts';
import { cleanBn, cleanEn, isPaurashavaTitle, NAME_FIXES, DROPPED_UNIONS, tidy } from './nameFixes.ts';
import { GeoDataError, loadSource, type SourceEntry, type SourceLevel } from './source.ts';

export type PlaceLevel = 'division' | 'district' | 'upazila' | 'union';

export interface Place {
  /** Unique across all levels and stable across releases: e.g. 'dv10', 'ds26', 'up…', 'un…' built from the package's own ids/codes. */
  code: string;
  level: PlaceLevel;
  /** Unicode NFC (ড় is ড + nukta): compare with NFC text. */
  nameBn: string;
  nameEn: string;
  /** Code of the place one level up; null for divisions. */
  parent: string | null;
  /** Only for level 'union': a rural union or a municipality (paurashava). */
  kind?: 'union' | 'paurashava';
}

const PREFIX: Record<SourceLevel, string> = { division: 'dv', district: 'ds', upazila: 'up', union: 'un' };
const PARENT_LEVEL: Record<SourceLevel, SourceLevel | null> = {
  division: null,
  district: 'division',
  upazila: 'district',
  union: 'upazila',
};
export const LEVELS: readonly PlaceLevel[] = ['division', 'district', 'upazila', 'union'];

/** Code for a package entry: its level's prefix and the package's own id (division ids are BBS codes). */
export function placeCode(level: SourceLevel, id: string): string {
  return `${PREFIX[level]}${id}`;
}

function toPlace(entry: SourceEntry): Place {
  const code = placeCode(entry.level, entry.id);
  const parentLevel = PARENT_LEVEL[entry.level];
  const parent = parentLevel && entry.parentId !== null ? placeCode(parentLevel, entry.parentId) : null;
  const paurashava = entry.level === 'union' && isPaurashavaTitle(entry.titleBn);
  const fix = NAME_FIXES[code];
  const fixApplies = fix !== undefined && fix.was === tidy(entry.titleEn);
  const place: Place = {
    code,
    level: entry.level,
    nameBn: fixApplies && fix.nameBn ? tidy(fix.nameBn) : cleanBn(entry.titleBn),
    nameEn: fixApplies && fix.nameEn ? fix.nameEn : cleanEn(entry.titleEn, paurashava),
    parent,
  };
  if (entry.level === 'union') place.kind = paurashava ? 'paurashava' : 'union';
  return place;
}

/** Turns joined package entries into places: names cleaned, stale duplicates dropped, missing upazilas added. */
export function buildPlaceList(entries: readonly SourceEntry[]): Place[] {
  const places = entries.map(toPlace).filter((p) => !(p.code in DROPPED_UNIONS));
  for (const extra of MISSING_UPAZILAS) places.push({ ...extra, nameBn: tidy(extra.nameBn), level: 'upazila' });
  return places;
}

interface GeoIndex {
  all: readonly Place[];
  byCode: ReadonlyMap<string, Place>;
  /** Keyed by parent code; divisions under ''. */
  children: ReadonlyMap<string, readonly Place[]>;
}

function byEnglishName(a: Place, b: Place): number {
  return a.nameEn.localeCompare(b.nameEn, 'en') || a.code.localeCompare(b.code, 'en');
}

function buildIndex(list: Place[]): GeoIndex {
  const byCode = new Map<string, Place>();
  for (const place of list) {
    if (byCode.has(place.code)) throw new GeoDataError(`place code ${place.code} is not unique`);
    if (!place.nameBn || !place.nameEn) throw new GeoDataError(`place ${place.code} has an empty name`);
    byCode.set(place.code, Object.freeze(place));
  }
  const children = new Map<string, Place[]>();
  for (const place of byCode.values()) {
    if (place.parent !== null && !byCode.has(place.parent)) {
      throw new GeoDataError(`place ${place.code} (${place.nameEn}) has unknown parent ${place.parent}`);
    }
    const key = place.parent ?? '';
    const siblings = children.get(key);
    if (siblings) siblings.push(place);
    else children.set(key, [place]);
  }
  for (const siblings of children.values()) siblings.sort(byEnglishName);
  const rank = (p: Place): number => LEVELS.indexOf(p.level);
  const all = [...byCode.values()].sort((a, b) => rank(a) - rank(b) || byEnglishName(a, b));
  return { all: Object.freeze(all), byCode, children };
}

let index: GeoIndex | undefined;

// Built on first use: parsing the package's ~1 MB of lists costs tens of milliseconds.
function geo(): GeoIndex {
  index ??= buildIndex(buildPlaceList(loadSource()));
  return index;
}

export function placeByCode(code: string): Place | undefined {
  return geo().byCode.get(code);
}

/** Places one level below `code` (divisions when null), sorted by English name. */
export function childrenOf(code: string | null): Place[] {
  return [...(geo().children.get(code ?? '') ?? [])];
}

/** From the division down to the place itself. */
export function pathOf(code: string): Place[] {
  const path: Place[] = [];
  for (let place = placeByCode(code); place; place = place.parent === null ? undefined : placeByCode(place.parent)) {
    path.unshift(place);
  }
  return path;
}

export function allPlaces(): readonly Place[] {
  return geo().all;
}

/**
 * City corporations appear in the package as upazila-level entries (and once,
 * Gazipur, as a union); their children are city areas, not unions.
 */
export function isCityCorporation(code: string): boolean {
  return placeByCode(code)?.nameBn.endsWith('সিটি কর্পোরেশন') ?? false;
}
