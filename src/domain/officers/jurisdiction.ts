import { placeByCode, type PlaceLevel } from '../geo/index.ts';
import { TIERS, type Tier } from '../cases/routing.ts';

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

// ── Seeing and acting ─────────────────────────────────────────────────────
//
// Two questions, asked of every case an officer touches:
// SEE (list, count, open, export, statistics, alerts, digest, attachments):
//   the case is in the officer's area, and it is not about the officer's own
//   office or one above it (a complaint about local staff is invisible to the
//   office complained about).
// ACT (acknowledge, start, forward, resolve, reject, reply, assign): the
//   officer may see it, and the office holding it now is the officer's own or
//   one below it. Once a case went up (forwarded, escalated, appealed), the
//   offices below read it and do nothing more.

/** The tier an officer speaks for; admins act as headquarters. */
export function officerTier(role: OfficerRole): Tier {
  return role === 'admin' ? 'hq' : role;
}

/** What the rules need of a case: its place, the tier holding it, and the highest tier it is about. */
export interface CaseStanding extends CasePlace {
  tier: string;
  concernsTier: string | null;
}

const rank = (tier: string): number => (TIERS as readonly string[]).indexOf(tier);
const tiersBelow = (t: Tier): Tier[] => TIERS.filter((x) => rank(x) < rank(t));
const tiersUpTo = (t: Tier): Tier[] => TIERS.filter((x) => rank(x) <= rank(t));

/** May this officer see the case at all? @example maySee({ role: 'union', areaCode: 'un1' }, bribeCase) // false */
export function maySee(j: Jurisdiction, c: CaseStanding): boolean {
  const tier = officerTier(j.role);
  // Exactly seeWhere: below the top, only a case about no office or about offices below is seen (an unknown name hides it).
  const hidden = tier !== 'hq' && c.concernsTier !== null && !(tiersBelow(tier) as string[]).includes(c.concernsTier);
  return covers(j, c) && !hidden;
}

/** May this officer act on the case: seen, and held by their office or one below it? */
export function mayAct(j: Jurisdiction, c: CaseStanding): boolean {
  const held = rank(c.tier);
  return maySee(j, c) && held !== -1 && held <= rank(officerTier(j.role));
}

/** One condition of a where clause on Case; the shapes Prisma's `CaseWhereInput` accepts. */
export type CaseCondition =
  | Partial<CasePlace>
  | { tier: { in: string[] } }
  | { OR: ({ concernsTier: null } | { concernsTier: { in: string[] } })[] };

/**
 * A where clause on Case, as `{ AND: [...] }` so that it can be spread into a
 * query beside its own filters without overwriting one of them.
 */
export interface CaseWhere {
  AND: CaseCondition[];
}

/** {@link maySee} as a where clause: every listing, count, export, statistic, alert and attachment is narrowed by it. */
export function seeWhere(j: Jurisdiction): CaseWhere {
  const place = caseScope(j);
  const tier = officerTier(j.role);
  const conditions: CaseCondition[] = Object.keys(place).length > 0 ? [place] : [];
  // Headquarters is the top: there is no office above it to send a complaint about it to.
  if (tier !== 'hq') conditions.push({ OR: [{ concernsTier: null }, { concernsTier: { in: tiersBelow(tier) } }] });
  return { AND: conditions };
}

/** {@link mayAct} as a where clause: the lookup of every action on a case. */
export function actWhere(j: Jurisdiction): CaseWhere {
  const see = seeWhere(j);
  const tier = officerTier(j.role);
  return tier === 'hq' ? see : { AND: [...see.AND, { tier: { in: tiersUpTo(tier) } }] };
}
