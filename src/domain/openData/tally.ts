import { dhakaDate, workingDaysCounter, type WorkCalendar } from '../cases/workingDays.ts';
import { placeByCode } from '../geo/index.ts';
import { COUNTRY } from '../officers/jurisdiction.ts';
import { MEASURES, measureIndex, NOW_MEASURES, resolvedTierMeasure, type Measure } from './measures.ts';

/** What the report card reads of a case: no words, no names, no numbers that lead to a person. */
export interface CaseFact {
  kind: string;
  programme: string | null;
  placeCode: string;
  upazilaCode: string;
  districtCode: string;
  state: string;
  createdAt: Date;
  closedAt: Date | null;
  dueAt: Date;
  /** The tier that decided it (resolved or rejected); the tier holding it otherwise. */
  decidedTier: string | null;
  tier: string;
  rating: number | null;
  ratedAt: Date | null;
  /** Reports: enrolled | already_receiving | not_eligible | not_found, once an officer recorded it. */
  outcome: string | null;
}

/** An escalation or an appeal, with the place and programme of its case. */
export interface EventFact {
  type: 'escalated' | 'appealed';
  at: Date;
  programme: string | null;
  placeCode: string;
  upazilaCode: string;
  districtCode: string;
}

/** A follow-up question answered ("does the allowance arrive in full?"), with the place and programme of its case. */
export interface FollowUpFact {
  /** yes | partly | no: only a "yes" is a payment confirmed. */
  answer: string;
  answeredAt: Date;
  programme: string | null;
  placeCode: string;
  upazilaCode: string;
  districtCode: string;
}

/** The suffix of the pseudo-area under an upazila for cases that named no union. */
export const NO_UNION = ':none';
export const noUnionCode = (upazilaCode: string): string => `${upazilaCode}${NO_UNION}`;

/** The 12 Dhaka calendar months ending with the one of `now`, oldest first, as 'YYYY-MM'. */
export function periodMonths(now: Date): string[] {
  const [y, m] = dhakaDate(now).split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

export const monthOf = (at: Date): string => dhakaDate(at).slice(0, 7);

/** A slice of an area's figures: the whole period, one month, or one programme ('none': no programme named). */
export type Slice = 'all' | `m:${string}` | `p:${string}`;

/** Counts and the raw material of the averages, per area and slice. */
export interface Cell {
  counts: Float64Array;
  /** Working days from lodging to resolving, of each grievance resolved. */
  days: number[];
  ratingSum: number;
}

export interface Tally {
  months: readonly string[];
  /** Programme ids seen (and 'none'), sorted. */
  programmes: readonly string[];
  /** area code → slice → cell; areas with nothing are absent. */
  areas: ReadonlyMap<string, ReadonlyMap<Slice, Cell>>;
}

/**
 * The areas a case counts in, country first: division, district, upazila,
 * and its union or the upazila's "no union named".
 */
export function areaChain(c: Pick<CaseFact, 'placeCode' | 'upazilaCode' | 'districtCode'>): string[] {
  const division = placeByCode(c.districtCode)?.parent;
  const union = c.placeCode !== c.upazilaCode && placeByCode(c.placeCode)?.level === 'union' ? c.placeCode : noUnionCode(c.upazilaCode);
  return [COUNTRY, ...(division ? [division] : []), c.districtCode, c.upazilaCode, union];
}

/**
 * Adds cases, events and follow-up answers up per area, slice and measure. Fed a page at a time
 * (the app reads the database in pages), so memory is the cells', not the
 * cases'.
 */
export function createTally(now: Date, calendar: WorkCalendar) {
  const months = periodMonths(now);
  const inPeriod = new Set(months);
  const programmes = new Set<string>();
  const areas = new Map<string, Map<Slice, Cell>>();
  const chains = new Map<string, string[]>();
  const workingDaysBetween = workingDaysCounter(calendar);

  const cell = (area: string, slice: Slice): Cell => {
    let slices = areas.get(area);
    if (!slices) areas.set(area, (slices = new Map()));
    let c = slices.get(slice);
    if (!c) slices.set(slice, (c = { counts: new Float64Array(MEASURES.length), days: [], ratingSum: 0 }));
    return c;
  };
  const chainOf = (c: Pick<CaseFact, 'placeCode' | 'upazilaCode' | 'districtCode'>): string[] => {
    const key = `${c.placeCode}|${c.upazilaCode}|${c.districtCode}`;
    let chain = chains.get(key);
    if (!chain) chains.set(key, (chain = areaChain(c)));
    return chain;
  };
  /** Counts one in every area of the chain, in the period, its month (unless a state now) and its programme. */
  const count = (chain: readonly string[], programme: string, month: string | null, measure: Measure, add?: (c: Cell) => void): void => {
    if (month !== null && !inPeriod.has(month)) return;
    const i = measureIndex(measure);
    const slices: Slice[] = ['all', `p:${programme}`];
    if (month !== null && !NOW_MEASURES.has(measure)) slices.push(`m:${month}`);
    for (const area of chain) {
      for (const s of slices) {
        const c = cell(area, s);
        c.counts[i] = (c.counts[i] ?? 0) + 1;
        add?.(c);
      }
    }
  };

  return {
    addCase(f: CaseFact): void {
      const chain = chainOf(f);
      const programme = f.programme ?? 'none';
      programmes.add(programme);
      if (f.kind === 'report') {
        const lodged = monthOf(f.createdAt);
        count(chain, programme, lodged, 'exclusion_reports');
        count(chain, programme, lodged, f.outcome === 'enrolled' ? 'reports_enrolled' : 'reports_other');
      } else {
        count(chain, programme, monthOf(f.createdAt), 'lodged');
        if (f.state === 'resolved' && f.closedAt) {
          const closed = monthOf(f.closedAt);
          const days = workingDaysBetween(f.createdAt, f.closedAt);
          count(chain, programme, closed, 'resolved', (c) => c.days.push(days));
          count(chain, programme, closed, resolvedTierMeasure(f.decidedTier ?? f.tier));
          count(chain, programme, closed, f.closedAt.getTime() <= f.dueAt.getTime() ? 'resolved_in_time' : 'resolved_late');
        }
        if (f.closedAt === null && f.state !== 'resolved' && f.state !== 'rejected') {
          count(chain, programme, null, 'open_now');
          count(chain, programme, null, f.dueAt.getTime() < now.getTime() ? 'overdue_now' : 'open_in_time');
        }
      }
      if (f.rating !== null && f.ratedAt !== null && f.rating >= 1 && f.rating <= 5) {
        const rating = f.rating;
        count(chain, programme, monthOf(f.ratedAt), 'ratings', (c) => (c.ratingSum += rating));
      }
    },
    addEvent(e: EventFact): void {
      const programme = e.programme ?? 'none';
      programmes.add(programme);
      count(chainOf(e), programme, monthOf(e.at), e.type === 'escalated' ? 'escalations' : 'appeals');
    },
    addFollowUp(f: FollowUpFact): void {
      if (f.answer !== 'yes') return;
      const programme = f.programme ?? 'none';
      programmes.add(programme);
      count(chainOf(f), programme, monthOf(f.answeredAt), 'payments_confirmed');
    },
    finish(): Tally {
      return { months, programmes: [...programmes].sort(), areas };
    },
  };
}
