import { timingSafeEqual } from 'node:crypto';

/** Whether two secrets (tokens, codes) are equal, compared in constant time so the comparison leaks nothing of the right one. */
export function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
