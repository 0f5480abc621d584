/**
 * The middle value (the mean of the two middle ones for an even count), or
 * null for none: the officers' statistics and the public report card.
 * @example median([3, 1, 2]) // 2; median([]) // null
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] as number;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] as number) + hi) / 2;
}
