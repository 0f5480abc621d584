import { SMALL } from './measures.ts';

/** A cell as published: its count, hidden because it is small, or hidden so that a small one cannot be worked out. */
export const VISIBLE = 0;
export const SMALL_COUNT = 1;
export const PROTECTING = 2;

/**
 * A published sum: `cells[0]` is the total, the rest its parts (an area and
 * its lower areas, a period and its months, resolved and its tiers).
 */
export type SumGroup = readonly number[];

/**
 * What a reader can work out about each hidden part of one sum from the
 * table: the total less the parts shown is the hidden parts' sum, and each
 * lies within its bounds (a small count 0–4, a protecting one 5 or more).
 * Returns, per hidden part, the least and the most it can be.
 */
export function hiddenRanges(values: ArrayLike<number>, state: ArrayLike<number>, group: SumGroup): Array<{ cell: number; lo: number; hi: number }> {
  const total = group[0] as number;
  const hidden = group.slice(1).filter((c) => state[c] !== VISIBLE);
  if (state[total] !== VISIBLE || hidden.length === 0) return [];
  const rest = group.slice(1).reduce((sum, c) => (state[c] === VISIBLE ? sum - (values[c] as number) : sum), values[total] as number);
  const bounds = hidden.map((c) => (state[c] === SMALL_COUNT ? { lo: 0, hi: SMALL - 1 } : { lo: SMALL, hi: values[total] as number }));
  const sumLo = bounds.reduce((s, b) => s + b.lo, 0);
  const sumHi = bounds.reduce((s, b) => s + b.hi, 0);
  return hidden.map((cell, i) => {
    const b = bounds[i] as { lo: number; hi: number };
    return { cell, lo: Math.max(b.lo, rest - (sumHi - b.hi)), hi: Math.min(b.hi, rest - (sumLo - b.lo)) };
  });
}

/**
 * A sum is safe when no hidden part of it can be worked out to a single
 * value, other than none at all: that an area had no case says nothing of
 * anybody, and insisting on it would hide every busy district whose
 * division's other districts had nothing.
 */
export function isSafe(values: ArrayLike<number>, state: ArrayLike<number>, group: SumGroup): boolean {
  return hiddenRanges(values, state, group).every((r) => r.hi - r.lo >= 1 || r.hi === 0);
}

/**
 * Hides every count below 5, then, sum by sum, as few more as it takes so
 * that no hidden count but a zero can be worked out by subtracting what is shown from a
 * total (an area less its other lower areas, a year less its other months):
 * each time, the smallest count shown in the sum, or the total itself when
 * none is left. A cell hidden for one sum is looked at again in every other
 * sum it belongs to, until nothing changes.
 *
 * This protects against one subtraction at a time, as the report card's
 * tables invite; it is not a full audit of every combination of sums (what
 * statistical offices run τ-ARGUS for).
 */
export function suppress(values: Float64Array, groups: readonly SumGroup[]): Uint8Array {
  const state = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) if ((values[i] as number) < SMALL) state[i] = SMALL_COUNT;
  const groupsOf: number[][] = Array.from({ length: values.length }, () => []);
  groups.forEach((g, gi) => g.forEach((c) => (groupsOf[c] as number[]).push(gi)));
  const queued = new Uint8Array(groups.length).fill(1);
  const work: number[] = groups.map((_, gi) => gi);
  while (work.length > 0) {
    const gi = work.pop() as number;
    queued[gi] = 0;
    const group = groups[gi] as SumGroup;
    if (isSafe(values, state, group)) continue;
    let pick = -1;
    for (const c of group.slice(1)) if (state[c] === VISIBLE && (pick === -1 || (values[c] as number) < (values[pick] as number))) pick = c;
    const hide = pick === -1 ? (group[0] as number) : pick;
    state[hide] = PROTECTING;
    for (const other of groupsOf[hide] as number[]) {
      if (queued[other] === 0) {
        queued[other] = 1;
        work.push(other);
      }
    }
    if (queued[gi] === 0) {
      queued[gi] = 1;
      work.push(gi);
    }
  }
  return state;
}
