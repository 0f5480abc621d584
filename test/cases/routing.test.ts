import { describe, expect, it } from 'vitest';
import { CATEGORIES, firstTier, nextTier, officeFor, parseDeadlineDays } from '../../src/domain/cases/routing.ts';
import { canMove, needsNote } from '../../src/domain/cases/lifecycle.ts';

const withUnion = { unionCode: 'un1', upazilaCode: 'up1', districtCode: 'ds1' };
const upazilaOnly = { upazilaCode: 'up1', districtCode: 'ds1' };

describe('routing', () => {
  it.each([
    ['exclusion', 'union'],
    ['inclusion', 'union'],
    ['other', 'union'],
    ['not_received', 'upazila'],
    ['bribe', 'upazila'],
    ['misbehaviour', 'upazila'],
  ] as const)('%s starts at the %s tier when the union is known', (category, tier) => {
    expect(firstTier(category, withUnion)).toBe(tier);
  });

  it('starts at the upazila when only the upazila is known, whatever the category', () => {
    expect(CATEGORIES.map((c) => firstTier(c, upazilaOnly))).toEqual(CATEGORIES.map(() => 'upazila'));
  });

  it('names the office of each tier and escalates Union → Upazila → District → HQ, then stops', () => {
    expect(['union', 'upazila', 'district', 'hq'].map((t) => officeFor(t as 'union', withUnion))).toEqual(['union:un1', 'upazila:up1', 'district:ds1', 'hq']);
    expect([nextTier('union'), nextTier('upazila'), nextTier('district'), nextTier('hq')]).toEqual(['upazila', 'district', 'hq', null]);
  });

  it('reads deadline days per tier over the GRS defaults, and names a bad entry', () => {
    expect(parseDeadlineDays(undefined)).toEqual({ union: 30, upazila: 30, district: 20, hq: 20 });
    expect(parseDeadlineDays('union:10, hq:5')).toEqual({ union: 10, upazila: 30, district: 20, hq: 5 });
    expect(() => parseDeadlineDays('ward:3')).toThrow(/ward:3/);
    expect(() => parseDeadlineDays('union:0')).toThrow(/union:0/);
  });
});

describe('lifecycle', () => {
  it('lets a case close only with a note, and never reopen by an officer move', () => {
    expect(canMove('received', 'acknowledged')).toBe(true);
    expect(canMove('in_progress', 'resolved')).toBe(true);
    expect(canMove('resolved', 'in_progress')).toBe(false);
    expect(canMove('rejected', 'resolved')).toBe(false);
    expect([needsNote('resolved'), needsNote('rejected'), needsNote('acknowledged')]).toEqual([true, true, false]);
  });
});
