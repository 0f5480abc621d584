import { placeByCode, type PlaceLevel } from '../geo/index.ts';

export const OFFICER_ROLES = ['union', 'upazila', 'district', 'hq', 'admin'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** The whole country: the area of headquarters and of admins. */
export const COUNTRY = 'BD';

export interface Jurisdiction {
  role: OfficerRole;
  areaCode: string;
}

/** Where a case is: the most precise place given (a union, else an upazila), its upazila and district. */
export interface CasePlace {
  placeCode: string;
  upazilaCode: string;
  districtCode: string;
}

const LEVEL_OF_ROLE: Record<OfficerRole, PlaceLevel | null> = { union: 'union', upazila: 'upazila', district: 'district', hq: null, admin: null };

/**
 * Whether an area fits a role: a union officer's area is a union, an upazila
 * officer's an upazila, a district officer's a district; headquarters and
 * admins have the country.
 * @example checkArea('upazila', 'up1234') // null when up1234 is an upazila
 */
export function checkArea(role: OfficerRole, areaCode: string): string | null {
  const level = LEVEL_OF_ROLE[role];
  if (level === null) return areaCode === COUNTRY ? null : `a ${role} officer's area is the whole country (${COUNTRY})`;
  const place = placeByCode(areaCode);
  if (!place) return `no place has the code ${areaCode}`;
  if (place.level !== level) return `${areaCode} is a ${place.level}; a ${role} officer's area must be a ${level}`;
  return null;
}

/**
 * The cases an officer may see, as a filter on the case's place. An upazila
 * officer sees every case of their upazila (their unions'), a district
 * officer every case of the district. Every query of the workspace is
 * narrowed by this, so a case outside the area cannot be listed, counted,
 * exported, opened or acted on.
 */
export function caseScope(j: Jurisdiction): Partial<CasePlace> {
  switch (j.role) {
    case 'union':
      return { placeCode: j.areaCode };
    case 'upazila':
      return { upazilaCode: j.areaCode };
    case 'district':
      return { districtCode: j.areaCode };
    case 'hq':
    case 'admin':
      return {};
  }
}

/** The same rule for one case in hand. */
export function covers(j: Jurisdiction, c: CasePlace): boolean {
  return Object.entries(caseScope(j)).every(([k, v]) => c[k as keyof CasePlace] === v);
}
