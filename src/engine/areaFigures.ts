import type { Measure } from '../domain/openData/measures.ts';

/**
 * An area's public report card as the chat shows it: a plain summary the
 * host puts into the turn (from the report card it works out), so that the
 * engine, which never reads the database, can answer "আমার এলাকার হিসাব".
 * Plain values only: it survives a JSON round trip like the rest of a turn's input.
 */

/** A count as published: the number, '<5' (a count below 5, hidden), or '*' (hidden so that a small count cannot be worked out). */
export type FigureShown = number | '<5' | '*';

/** The counts the chat shows, of those the report card publishes. */
export const AREA_MEASURES = [
  'lodged',
  'resolved',
  'resolved_in_time',
  'open_now',
  'overdue_now',
  'escalations',
  'appeals',
  'ratings',
  'exclusion_reports',
  'reports_enrolled',
  'payments_confirmed',
] as const satisfies readonly Measure[];
export type AreaMeasure = (typeof AREA_MEASURES)[number];

export interface AreaSummary {
  /** The period: its first and last Dhaka months, 'YYYY-MM' (the 12 months ending with the current one). */
  months: { first: string; last: string };
  /** null: not counted for the period as a whole (never, for these measures; kept so the type says what the card says). */
  counts: Record<AreaMeasure, FigureShown | null>;
  /** Median working days from lodging to resolving; null under 5 resolved. */
  medianWorkingDays: number | null;
  /** Resolved within the deadline, 0–1; null unless both counts are shown. */
  shareInTime: number | null;
  /** Open cases past the deadline now, 0–1; null unless both counts are shown. */
  shareOverdue: number | null;
  /** 1–5, one decimal; null under 5 ratings. */
  averageRating: number | null;
}

/** What the host found for the area the engine asked about. */
export interface AreaFigures {
  /** The place code asked about (a union's, an upazila's, a district's or a division's). */
  code: string;
  /** null: nothing happened there in the period; 'unavailable': the figures could not be worked out just now. */
  summary: AreaSummary | null | 'unavailable';
}

/** What a turn needs the host to fetch and run it again with (see TurnResult.needs). */
export interface TurnNeeds {
  /** The place code whose figures are to be shown. */
  areaFigures: string;
}
