import { TIERS, type Tier } from '../cases/routing.ts';
import { isCityCorporation, placeByCode } from '../geo/index.ts';

/*
 * The DSS offices a citizen can walk into, one per place of three levels
 * (DSS field hierarchy, routing.ts): the Union Social Worker (a union or
 * a municipality), the Upazila Social Services Office (in a city
 * corporation the City Social Services Office) and the district's office
 * under its Deputy Director. An office is named by its area's code, the code
 * its officers have as their area.
 */

export const OFFICE_TIERS = ['union', 'upazila', 'district'] as const satisfies readonly Tier[];
export type OfficeTier = (typeof OFFICE_TIERS)[number];

/** How the office is called: the tier, except that a city corporation's upazila-level office is the City Social Services Office. */
export type OfficeKind = 'union' | 'upazila' | 'city' | 'district';

export interface CharterOffice {
  code: string;
  tier: OfficeTier;
  kind: OfficeKind;
}

const TIER_OF_LEVEL: Record<string, OfficeTier | undefined> = { union: 'union', upazila: 'upazila', district: 'district' };

/**
 * The office of an area code, or null when no office of these tiers has that code (a division, or no place at all).
 * @example charterOffice('up387') // { code: 'up387', tier: 'upazila', kind: 'upazila' }
 * @example charterOffice('dv30') // null
 */
export function charterOffice(code: string): CharterOffice | null {
  const place = placeByCode(code);
  const tier = place ? TIER_OF_LEVEL[place.level] : undefined;
  if (!place || !tier) return null;
  return { code, tier, kind: tier === 'upazila' && isCityCorporation(code) ? 'city' : tier };
}

/**
 * Where a complaint goes when this office lets its deadline pass: the office one tier up (its area's parent),
 * or DSS headquarters (code null) above a district.
 * @example officeAbove({ code: 'un3540', tier: 'union', kind: 'union' }) // { tier: 'upazila', office: { code: 'up387', … } }
 */
export function officeAbove(office: CharterOffice): { tier: Tier; office: CharterOffice | null } {
  const tier = TIERS[TIERS.indexOf(office.tier) + 1] ?? 'hq';
  const parent = placeByCode(office.code)?.parent ?? null;
  return { tier, office: tier === 'hq' || parent === null ? null : charterOffice(parent) };
}
