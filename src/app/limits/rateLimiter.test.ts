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

  it('forgets keys whose bucket has filled again: 100,000 contacts over time leave only the recent ones, and a recent one is still limited', () => {
    // Three messages a contact, a new contact every 10 ms (100/s); a bucket refills in 3 s, the sweep runs every 30 s.
    const limiter = createMemoryRateLimiter({ burst: 3, perMinute: 60 });
    let now = 0;
    let most = 0;
    let refused = 0;
    for (let i = 0; i < 100_000; i += 1, now += 10) {
      for (let m = 0; m < 3; m += 1) if (!limiter.take(`telegram:${i}`, now).allowed) refused += 1;
      most = Math.max(most, limiter.size());
    }
    expect(refused).toBe(0);
    // At most the contacts of the last sweep interval and a refill: about 3,300, never near the 100,000 seen.
    expect(most).toBeLessThanOrEqual(3_400);
    // The last contact spent its burst just now: its next message is refused, and the refusal is the first.
    expect(limiter.take('telegram:99999', now)).toMatchObject({ allowed: false, firstRefusal: true });
    // A contact long gone was forgotten and starts with a full bucket, as it would have anyway.
    expect(limiter.take('telegram:0', now).allowed).toBe(true);
    // Time passes with no new key: the next take sweeps everything refilled.
    limiter.take('late', now + 60_000);
    expect(limiter.size()).toBe(1);
  });

  it('keeps a bucket that has not refilled through a sweep', () => {
    const limiter = createMemoryRateLimiter({ burst: 2, perMinute: 1 });
    expect(limiter.take('slow', 0).allowed).toBe(true);
    expect(limiter.take('slow', 0).allowed).toBe(true);
    // 40 s later a sweep runs (another key's take); 'slow' has regained only 2/3 of a token and is kept, still refused.
    limiter.take('other', 40_000);
    expect(limiter.size()).toBe(2);
    expect(limiter.take('slow', 40_000)).toMatchObject({ allowed: false, firstRefusal: true });
    expect(limiter.take('slow', 60_000).allowed).toBe(true);
  });

  it('a daily counter forgets a key only once its whole day has come back', () => {
    const day = createDailyCounter(5);
    for (let i = 0; i < 5; i++) day.take('c', 0);
    day.take('d', 23 * 3_600_000);
    expect(day.size()).toBe(2);
    expect(day.take('c', 23 * 3_600_000).allowed).toBe(true);
    day.take('e', 48 * 3_600_000);
    expect(day.size()).toBe(1);
  });

  it('a daily counter gives max, then one more about every 24/max hours', () => {
    const day = createDailyCounter(5);
    for (let i = 0; i < 5; i++) expect(day.take('c', 0).allowed).toBe(true);
    expect(day.take('c', 3_600_000).allowed).toBe(false);
    expect(day.take('c', 5 * 3_600_000).allowed).toBe(true);
  });
});
