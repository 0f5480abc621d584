/**
 * Who handles a case: the tier closest to the citizen that can resolve its
 * category (the seeds ask for redress at Union/Upazila level), and the
 * office of that tier for the case's place. DSS field hierarchy: Union
 * Social Worker → Upazila Social Services Officer → Deputy Director
 * (District) → DSS headquarters (DSS-GRS-REFERENCE §3.2).
 */

export const CATEGORIES = ['exclusion', 'inclusion', 'not_received', 'bribe', 'misbehaviour', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const TIERS = ['union', 'upazila', 'district', 'hq'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Enrolment questions (who is or is not on the list) are known at the Union;
 * payments run through the Upazila office, and a complaint about bribes or
 * behaviour must not go to the people it may be about.
 */
const RESOLVED_AT_UNION: ReadonlySet<Category> = new Set(['exclusion', 'inclusion', 'other']);

export interface CaseLocation {
  /** Absent when the citizen knew only the upazila. */
  unionCode?: string;
  upazilaCode: string;
  districtCode: string;
}

/**
 * GRS gives the grievance officer 30 working days and the appellate officer
 * 20 (citizen charters, DSS-GRS-REFERENCE §3.2); configurable per tier.
 */
export const DEFAULT_DEADLINE_DAYS: Record<Tier, number> = { union: 30, upazila: 30, district: 20, hq: 20 };

/**
 * The tier closest to the citizen that can resolve the category and sits
 * above the office the complaint is about (`concerns`, see concerns.ts).
 * @example firstTier('not_received', { unionCode: 'un1', upazilaCode: 'up1', districtCode: 'ds1' }) // 'upazila'
 * @example firstTier('bribe', where, 'upazila') // 'district'
 */
export function firstTier(category: Category, where: CaseLocation, concerns: Tier | null = null): Tier {
  const base: Tier = RESOLVED_AT_UNION.has(category) && where.unionCode !== undefined ? 'union' : 'upazila';
  const above = concerns === null ? null : (nextTier(concerns) ?? 'hq');
  return above !== null && TIERS.indexOf(above) > TIERS.indexOf(base) ? above : base;
}

/** @example nextTier('upazila') // 'district'; nextTier('hq') // null */
export function nextTier(tier: Tier): Tier | null {
  return TIERS[TIERS.indexOf(tier) + 1] ?? null;
}

/** @example officeFor('upazila', where) // 'upazila:up4711' */
export function officeFor(tier: Tier, where: CaseLocation): string {
  switch (tier) {
    case 'union':
      return where.unionCode === undefined ? `upazila:${where.upazilaCode}` : `union:${where.unionCode}`;
    case 'upazila':
      return `upazila:${where.upazilaCode}`;
    case 'district':
      return `district:${where.districtCode}`;
    case 'hq':
      return 'hq';
  }
}

/** Reads `union:30,upazila:30,district:20,hq:20` (any subset) over the defaults. */
export function parseDeadlineDays(spec: string | undefined): Record<Tier, number> {
  const days = { ...DEFAULT_DEADLINE_DAYS };
  for (const part of (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [tier, value] = part.split(':');
    const n = Number(value);
    if (!TIERS.includes(tier as Tier) || !Number.isInteger(n) || n < 1) throw new Error(`CASE_DEADLINE_DAYS: "${part}" is not tier:days (tiers: ${TIERS.join(', ')})`);
    days[tier as Tier] = n;
  }
  return days;
}
