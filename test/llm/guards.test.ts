import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/infra/llm/circuitBreaker.ts';
import { createDailyBudget } from '../../src/infra/llm/dailyBudget.ts';
import { createLruCache } from '../../src/infra/llm/lruCache.ts';

describe('createCircuitBreaker', () => {
  it('opens after 3 failures in a row, lets one call try after the pause, and closes when it succeeds', () => {
    let t = 0;
    const b = createCircuitBreaker({ failures: 3, pauseMs: 30_000, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(b.allow()).toBe(true);
      b.failure();
    }
    expect(b.state()).toBe('open');
    expect(b.allow()).toBe(false);
    t += 29_999;
    expect(b.allow()).toBe(false);
    t += 1;
    expect(b.allow()).toBe(true);
    // Only one trial at a time.
    expect(b.allow()).toBe(false);
    b.success();
    expect(b.state()).toBe('closed');
    expect(b.allow()).toBe(true);
  });

  it('opens again for a whole pause when the trial fails, and a success in between resets the count', () => {
    let t = 0;
    const b = createCircuitBreaker({ now: () => t });
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.state()).toBe('closed');
    b.failure();
    t = 30_000;
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state()).toBe('open');
    t = 59_999;
    expect(b.allow()).toBe(false);
    t = 60_000;
    expect(b.allow()).toBe(true);
  });
});

describe('createLruCache', () => {
  it('forgets the least recently used entry beyond its capacity', () => {
    const c = createLruCache<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1);
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
    expect(c.size).toBe(2);
  });

  it('holds nothing with capacity 0', () => {
    const c = createLruCache<number>(0);
    c.set('a', 1);
    expect(c.get('a')).toBeUndefined();
  });
});

describe('createDailyBudget', () => {
  it('allows the limit a Dhaka day, says so once, and starts again at Dhaka midnight', () => {
    // 2026-03-10 23:59 in Dhaka is 17:59 UTC.
    let t = Date.parse('2026-03-10T17:59:00Z');
    const budget = createDailyBudget(2, () => t);
    expect(budget.take()).toEqual({ ok: true, firstRefusal: false });
    expect(budget.take()).toEqual({ ok: true, firstRefusal: false });
    expect(budget.take()).toEqual({ ok: false, firstRefusal: true });
    expect(budget.take()).toEqual({ ok: false, firstRefusal: false });
    t = Date.parse('2026-03-10T18:00:00Z');
    expect(budget.take().ok).toBe(true);
  });

  it('gives back a call that was not made', () => {
    const budget = createDailyBudget(1, () => 0);
    expect(budget.take().ok).toBe(true);
    budget.refund();
    expect(budget.take().ok).toBe(true);
    expect(budget.take().ok).toBe(false);
  });
});
