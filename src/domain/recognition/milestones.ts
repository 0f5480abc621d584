/**
 * A citizen journalist is thanked when their reports have led to the
 * enrolment of 1, 5, 10, 25, 50 and 100 people: each time with a message and
 * a certificate anyone can check.
 */
export const MILESTONES = [1, 5, 10, 25, 50, 100] as const;

/** The milestones `enrolled` has reached that were not yet given, smallest first. @example newMilestones(5, [1]) // [5] */
export function newMilestones(enrolled: number, given: readonly number[]): number[] {
  return MILESTONES.filter((m) => m <= enrolled && !given.includes(m));
}

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A certificate code from 60 random bits: 12 characters in groups of four. @example certificateCode(bytes) // '7K2Q-9XD4-M3RA' */
export function certificateCode(random: Uint8Array): string {
  if (random.length < 8) throw new RangeError('a certificate code needs 8 random bytes');
  let bits = 0n;
  for (const b of random.slice(0, 8)) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

/**
 * A code as someone typed it: any case, spaces or dashes, and the letters
 * Crockford maps (O → 0, I and L → 1); null when it cannot be one.
 * @example normaliseCode(' 7k2q 9xd4 m3ra ') // '7K2Q-9XD4-M3RA'
 */
export function normaliseCode(text: string): string | null {
  const plain = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(plain)) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8, 12)}`;
}
