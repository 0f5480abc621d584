import { describe, expect, it } from 'vitest';
import { createDailyCounter, createMemoryRateLimiter } from './rateLimiter.ts';

describe('the in-memory rate limiter', () => {
  it('allows the burst at once, then one unit per interval; the first refusal of a streak is marked', () => {
    const limiter = createMemoryRateLimiter({ burst: 3, perMinute: 6 });
    const at = (t: number) => limiter.take('a', t);
    expect([at(0), at(0), at(0)].every((v) => v.allowed)).toBe(true);
    expect(at(0)).toEqual({ allowed: false, retryAfterMs: 10_000, firstRefusal: true });
    expect(at(1_000)).toMatchObject({ allowed: false, firstRefusal: false });
    expect(at(10_000).allowed).toBe(true);
    expect(at(10_000)).toMatchObject({ allowed: false, firstRefusal: true });
    expect(limiter.take('b', 10_000).allowed).toBe(true);
  });

  it('keeps at most maxKeys keys under a flood of fresh ones, and stays correct for a key in use', () => {
    const limiter = createMemoryRateLimiter({ burst: 1, perMinute: 1 }, 100);
    expect(limiter.take('busy', 0).allowed).toBe(true);
    for (let i = 0; i < 50; i++) limiter.take(`fresh${i}`, 0);
    expect(limiter.take('busy', 0).allowed).toBe(false);
    for (let i = 50; i < 10_000; i++) expect(limiter.take(`fresh${i}`, 0).allowed).toBe(true);
  });

  it('a daily counter gives max, then one more about every 24/max hours', () => {
    const day = createDailyCounter(5);
    for (let i = 0; i < 5; i++) expect(day.take('c', 0).allowed).toBe(true);
    expect(day.take('c', 3_600_000).allowed).toBe(false);
    expect(day.take('c', 5 * 3_600_000).allowed).toBe(true);
  });
});
