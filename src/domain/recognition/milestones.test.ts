import { describe, expect, it } from 'vitest';
import { certificateCode, newMilestones, normaliseCode } from './milestones.ts';

describe('milestones and certificate codes', () => {
  it('gives each milestone once, all those passed when many come at once', () => {
    expect(newMilestones(0, [])).toEqual([]);
    expect(newMilestones(1, [])).toEqual([1]);
    expect(newMilestones(4, [1])).toEqual([]);
    expect(newMilestones(5, [1])).toEqual([5]);
    expect(newMilestones(12, [])).toEqual([1, 5, 10]);
    expect(newMilestones(120, [1, 5, 10, 25, 50, 100])).toEqual([]);
  });

  it('makes 12-character codes a person can copy by hand, and reads them back however typed', () => {
    const code = certificateCode(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(certificateCode(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 9]))).not.toBe(code);
    expect(normaliseCode(code.toLowerCase().replaceAll('-', ' '))).toBe(code);
    expect(normaliseCode('7k2q-9xd4-m3ra')).toBe('7K2Q-9XD4-M3RA');
    expect(normaliseCode('OI1L-0000-0000')).toBe('0111-0000-0000');
    expect(normaliseCode('7K2Q-9XD4-M3R')).toBeNull();
    expect(normaliseCode('UUUU-UUUU-UUUU')).toBeNull();
    expect(() => certificateCode(new Uint8Array(4))).toThrow(RangeError);
  });
});
