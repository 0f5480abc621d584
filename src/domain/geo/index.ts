/**
 * Bangladesh's administrative geography (division → district → upazila →
 * union/paurashava) from the npm package `bd-divisions-to-unions`, cleaned
 * and checked at load, and a search that understands Bangla, English and
 * Banglish spellings of place names.
 */
export { allPlaces, childrenOf, isCityCorporation, LEVELS, pathOf, placeByCode } from './places.ts';
export type { Place, PlaceLevel } from './places.ts';
export { GOOD_MATCH, searchPlaces } from './search.ts';
export type { PlaceMatch, SearchOptions } from './search.ts';
export { PLACE_ALIASES } from './aliases.ts';
export type { PlaceAlias } from './aliases.ts';
export { transliterate } from './transliterate.ts';
