/**
 * What the public report card counts. Every measure is a count of cases or
 * events, so that an area's figure is the sum of its lower areas', a
 * period's the sum of its months' and of its programmes'. That is what makes
 * suppression checkable (suppress.ts), and it is the schema of the open data
 * (docs/OPEN-DATA.md): names here are the CSV's column names.
 */
export const MEASURES = [
  /** Grievances lodged (by the month lodged). */
  'lodged',
  /** Grievances resolved (closed as resolved, by the month closed). */
  'resolved',
  /** Resolved, by the tier that decided them, as MJF reports it. */
  'resolved_union',
  'resolved_upazila',
  'resolved_district',
  'resolved_higher',
  /** Resolved on or before their deadline. */
  'resolved_in_time',
  /** Resolved after it: resolved − resolved_in_time; not published, but derivable, so it is protected like the rest. */
  'resolved_late',
  /** Open now (the period as a whole and per programme only). */
  'open_now',
  /** Open now and past the deadline. */
  'overdue_now',
  /** open_now − overdue_now: derivable, protected, not published. */
  'open_in_time',
  /** Cases passed up a tier for missing their deadline (by the month it happened). */
  'escalations',
  /** Appeals against a decision (by the month made). */
  'appeals',
  /** Citizen ratings given (by the month given). */
  'ratings',
  /** Citizen journalists' reports of people left out (by the month lodged). */
  'exclusion_reports',
  /** Of those, how many ended in the person's enrolment. */
  'reports_enrolled',
  /** exclusion_reports − reports_enrolled: derivable, protected, not published. */
  'reports_other',
  /** Follow-up questions after enrolment or "money will arrive" answered "yes, it arrives in full" (by the month answered). */
  'payments_confirmed',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Measures that are differences of published ones: they take part in suppression, and are never shown. */
export const DERIVED: ReadonlySet<Measure> = new Set<Measure>(['resolved_late', 'open_in_time', 'reports_other']);
export const PUBLISHED_MEASURES: readonly Measure[] = MEASURES.filter((m) => !DERIVED.has(m));

/** A state at this moment, not something that happened in a month: no month slices. */
export const NOW_MEASURES: ReadonlySet<Measure> = new Set<Measure>(['open_now', 'overdue_now', 'open_in_time']);

/** Sums that hold in every slice of every area: the total, then its parts. */
export const PART_SUMS: ReadonlyArray<readonly [Measure, readonly Measure[]]> = [
  ['resolved', ['resolved_union', 'resolved_upazila', 'resolved_district', 'resolved_higher']],
  ['resolved', ['resolved_in_time', 'resolved_late']],
  ['open_now', ['overdue_now', 'open_in_time']],
  ['exclusion_reports', ['reports_enrolled', 'reports_other']],
];

/** Counts below this are shown as "<5". */
export const SMALL = 5;

export const measureIndex = (m: Measure): number => MEASURES.indexOf(m);

/** The tier a resolved case is counted under: 'hq' and anything above the district is "higher". */
export function resolvedTierMeasure(tier: string): Measure {
  if (tier === 'union') return 'resolved_union';
  if (tier === 'upazila') return 'resolved_upazila';
  if (tier === 'district') return 'resolved_district';
  return 'resolved_higher';
}
