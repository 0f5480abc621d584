import { childrenOf, placeByCode } from '../geo/index.ts';
import { median } from '../median.ts';
import { COUNTRY } from '../officers/jurisdiction.ts';
import { MEASURES, measureIndex, NOW_MEASURES, PART_SUMS, SMALL, type Measure } from './measures.ts';
import { PROTECTING, SMALL_COUNT, suppress, type SumGroup } from './suppress.ts';
import { NO_UNION, noUnionCode, type Cell, type Slice, type Tally } from './tally.ts';

export type AreaLevel = 'country' | 'division' | 'district' | 'upazila' | 'union' | 'no_union';

/** A count as published: the number, "<5", or "*" (hidden so that a small count elsewhere cannot be worked out). */
export type Shown = number | '<5' | '*';

export interface SliceFigures {
  /** null: not counted in this slice (a state now, in a month). */
  counts: Record<Measure, Shown | null>;
  /** Median working days from lodging to resolving; null under 5 resolved. */
  medianWorkingDays: number | null;
  /** Resolved within the deadline, 0–1; null unless both counts are shown. */
  shareInTime: number | null;
  /** Open cases past the deadline now, 0–1; null unless both counts are shown. */
  shareOverdue: number | null;
  /** 1–5, one decimal; null under 5 ratings. */
  averageRating: number | null;
}

export interface AreaCard {
  code: string;
  level: AreaLevel;
  parent: string | null;
  /** Lower areas listed (none when the area had nothing in the period). */
  children: string[];
  slices: ReadonlyMap<Slice, SliceFigures>;
}

export interface ReportCard {
  /** When it was worked out. */
  at: Date;
  months: readonly string[];
  programmes: readonly string[];
  areas: ReadonlyMap<string, AreaCard>;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function levelOf(code: string): AreaLevel {
  if (code === COUNTRY) return 'country';
  if (code.endsWith(NO_UNION)) return 'no_union';
  return placeByCode(code)?.level ?? 'union';
}

/** Lower areas of a place as the report card lists them: its places, and under an upazila the cases naming no union. */
function lowerAreas(code: string, tally: Tally): string[] {
  if (code === COUNTRY) return childrenOf(null).map((p) => p.code);
  const level = levelOf(code);
  if (level === 'union' || level === 'no_union') return [];
  const places = childrenOf(code).map((p) => p.code);
  if (level === 'upazila' && tally.areas.has(noUnionCode(code))) places.push(noUnionCode(code));
  return places;
}

/**
 * The report card from a tally: which areas are listed (the country, its
 * divisions, and the lower areas of every area with anything in the period),
 * every count below 5 and those protecting them hidden, and the averages
 * shown only where they say nothing about a small count.
 */
export function buildReportCard(tally: Tally, at: Date): ReportCard {
  const listed = new Map<string, { parent: string | null; children: string[] }>();
  const visit = (code: string, parent: string | null): void => {
    // The country always lists its divisions, so that a page exists for each even before anything happened there.
    const children = code === COUNTRY || tally.areas.has(code) ? lowerAreas(code, tally) : [];
    listed.set(code, { parent, children });
    for (const child of children) visit(child, code);
  };
  visit(COUNTRY, null);

  const slices: Slice[] = ['all', ...tally.months.map((m): Slice => `m:${m}`), ...tally.programmes.map((p): Slice => `p:${p}`)];
  const codes = [...listed.keys()];
  const areaIndex = new Map(codes.map((c, i) => [c, i]));
  const M = MEASURES.length;
  const S = slices.length;
  const id = (area: number, slice: number, measure: number): number => (area * S + slice) * M + measure;
  const values = new Float64Array(codes.length * S * M);
  codes.forEach((code, a) => {
    const cells = tally.areas.get(code);
    if (!cells) return;
    slices.forEach((s, si) => {
      const c = cells.get(s);
      if (c) for (let m = 0; m < M; m++) values[id(a, si, m)] = c.counts[m] as number;
    });
  });
  const counted = (si: number, m: Measure): boolean => !(NOW_MEASURES.has(m) && (slices[si] as string).startsWith('m:'));

  const groups: SumGroup[] = [];
  const monthSlices = slices.flatMap((s, i) => (s.startsWith('m:') ? [i] : []));
  const programmeSlices = slices.flatMap((s, i) => (s.startsWith('p:') ? [i] : []));
  codes.forEach((code, a) => {
    const children = (listed.get(code)?.children ?? []).map((c) => areaIndex.get(c) as number);
    for (const m of MEASURES) {
      const mi = measureIndex(m);
      if (children.length > 0) slices.forEach((_, si) => counted(si, m) && groups.push([id(a, si, mi), ...children.map((ch) => id(ch, si, mi))]));
      if (!NOW_MEASURES.has(m)) groups.push([id(a, 0, mi), ...monthSlices.map((si) => id(a, si, mi))]);
      groups.push([id(a, 0, mi), ...programmeSlices.map((si) => id(a, si, mi))]);
    }
    for (const [total, parts] of PART_SUMS) {
      slices.forEach((_, si) => counted(si, total) && groups.push([id(a, si, measureIndex(total)), ...parts.map((p) => id(a, si, measureIndex(p)))]));
    }
  });
  const state = suppress(values, groups);

  const shown = (cell: number): Shown => (state[cell] === SMALL_COUNT ? '<5' : state[cell] === PROTECTING ? '*' : (values[cell] as number));
  const areas = new Map<string, AreaCard>();
  codes.forEach((code, a) => {
    const entry = listed.get(code) as { parent: string | null; children: string[] };
    const cells = tally.areas.get(code);
    const figures = new Map<Slice, SliceFigures>();
    slices.forEach((s, si) => {
      const counts = {} as Record<Measure, Shown | null>;
      for (const m of MEASURES) counts[m] = counted(si, m) ? shown(id(a, si, measureIndex(m))) : null;
      const raw: Cell | undefined = cells?.get(s);
      const share = (part: Measure, whole: Measure): number | null => {
        const p = counts[part];
        const w = counts[whole];
        return typeof p === 'number' && typeof w === 'number' && w > 0 ? round3(p / w) : null;
      };
      const ratings = raw?.counts[measureIndex('ratings')] ?? 0;
      const days = raw && raw.days.length >= SMALL ? median(raw.days) : null;
      figures.set(s, {
        counts,
        medianWorkingDays: days === null ? null : round1(days),
        shareInTime: share('resolved_in_time', 'resolved'),
        shareOverdue: counted(si, 'open_now') ? share('overdue_now', 'open_now') : null,
        averageRating: raw && ratings >= SMALL ? round1(raw.ratingSum / ratings) : null,
      });
    });
    areas.set(code, { code, level: levelOf(code), parent: entry.parent, children: entry.children, slices: figures });
  });
  return { at, months: tally.months, programmes: tally.programmes, areas };
}
