import type { Env } from '../../config/env.ts';
import type { CaseLookupResult } from '../../engine/deps.ts';
import { createDailyCounter, createMemoryRateLimiter, type RateLimiter } from './rateLimiter.ts';

/** The limits the pipeline applies per contact, on every channel. */
export interface ContactLimits {
  /** Messages: beyond it, one "slow down" reply and the rest dropped unread. */
  messages: RateLimiter;
  /** Look-ups of tracking numbers that are not the contact's own. */
  statusLookups: RateLimiter;
  statusLookupsPerDay: number;
  casesPerDay: number;
}

export function contactLimitsFrom(env: Env): ContactLimits {
  return {
    messages: createMemoryRateLimiter({ burst: env.CONTACT_RATE_BURST, perMinute: env.CONTACT_RATE_PER_MINUTE }),
    statusLookups: createDailyCounter(env.STATUS_LOOKUPS_PER_DAY),
    statusLookupsPerDay: env.STATUS_LOOKUPS_PER_DAY,
    casesPerDay: env.CASES_PER_DAY,
  };
}

/**
 * Counts each typed number that is not the contact's own (found or not, so a
 * sweep pays for its misses too) and, past the day's limit, blanks it and
 * tells the engine why. The contact's own cases are never counted or hidden.
 */
export function limitStatusLookups(cases: CaseLookupResult, contactId: string, limits: ContactLimits, now: number): void {
  for (const [number, view] of Object.entries(cases.byNumber)) {
    if (view?.mine) continue;
    if (limits.statusLookups.take(contactId, now).allowed) continue;
    cases.byNumber[number] = null;
    cases.lookupsRefused = limits.statusLookupsPerDay;
  }
}
