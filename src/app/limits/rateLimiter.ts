/**
 * How often one key (a client address, a contact) may do something. Kept
 * behind this small interface so that several Setu processes can later share
 * one in Redis or PostgreSQL; today each process keeps its own in memory.
 */
export interface RateLimiter {
  /** Takes one unit for `key` at `now` (ms). */
  take(key: string, now: number): RateVerdict;
}

export type RateVerdict =
  | { allowed: true }
  /** `firstRefusal`: the first refusal since the key was last allowed, so the one "slow down" is said once. */
  | { allowed: false; retryAfterMs: number; firstRefusal: boolean };

export interface RateLimit {
  /** Units a key may take at once. */
  burst: number;
  /** Units given back per minute, evenly. */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
  refused: boolean;
}

/** Keys beyond this are forgotten oldest first, full buckets before others, so memory stays bounded under a flood of addresses. */
const MAX_KEYS = 100_000;
const EVICT_SCAN = 64;
/**
 * At most this often (by the `now` given to take) every bucket that has filled up again is dropped: a full
 * bucket answers exactly as a missing one, so only keys used lately are kept, not every key ever seen.
 */
const SWEEP_MS = 30_000;

/** The in-memory limiter, with how many keys it holds now (tests). */
export interface MemoryRateLimiter extends RateLimiter {
  size(): number;
}

/**
 * A token bucket per key, in memory: `burst` at once, then `perMinute` a minute.
 * @example createMemoryRateLimiter({ burst: 20, perMinute: 20 }).take('203.0.113.7', Date.now())
 */
export function createMemoryRateLimiter(limit: RateLimit, maxKeys = MAX_KEYS): MemoryRateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = limit.perMinute / 60_000;
  let sweptAt = Number.NEGATIVE_INFINITY;
  const refill = (b: Bucket, now: number): void => {
    b.tokens = Math.min(limit.burst, b.tokens + Math.max(0, now - b.at) * perMs);
    b.at = Math.max(b.at, now);
  };
  const sweep = (now: number): void => {
    // A clock set back starts the interval again rather than stopping the sweeps until it catches up.
    if (now - sweptAt < SWEEP_MS && now >= sweptAt) return;
    sweptAt = now;
    for (const [key, b] of buckets) {
      refill(b, now);
      if (b.tokens >= limit.burst) buckets.delete(key);
    }
  };
  const evict = (now: number): void => {
    // Only the oldest few are looked at, so that a flood of fresh keys costs little per key.
    let looked = 0;
    for (const [key, b] of buckets) {
      if (buckets.size < maxKeys || ++looked > EVICT_SCAN) break;
      refill(b, now);
      if (b.tokens >= limit.burst) buckets.delete(key);
    }
    // Every bucket is in use: forget the oldest (a flood of fresh keys gains nothing from this).
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) return;
      buckets.delete(key);
    }
  };
  return {
    take(key, now) {
      sweep(now);
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) evict(now);
        b = { tokens: limit.burst, at: now, refused: false };
        buckets.set(key, b);
      } else {
        refill(b, now);
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.refused = false;
        return { allowed: true };
      }
      const firstRefusal = !b.refused;
      b.refused = true;
      return { allowed: false, retryAfterMs: Math.ceil((1 - b.tokens) / perMs), firstRefusal };
    },
    size: () => buckets.size,
  };
}

/**
 * At most `max` units per key in a rolling day, counted in memory (the status
 * look-ups of other people's tracking numbers). Same interface as above.
 */
export function createDailyCounter(max: number, maxKeys = MAX_KEYS): MemoryRateLimiter {
  return createMemoryRateLimiter({ burst: max, perMinute: max / (24 * 60) }, maxKeys);
}
