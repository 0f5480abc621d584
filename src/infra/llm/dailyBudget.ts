const DAY_MS = 86_400_000;
const DHAKA_OFFSET_MS = 6 * 3_600_000;

/** Model calls a Dhaka day: what one process spends, in memory (a restart starts the count again). */
export interface DailyBudget {
  /** Counts one call if the day's budget allows it; `firstRefusal` is true only for the first call refused on a day. */
  take(): { ok: boolean; firstRefusal: boolean };
  /** Gives back a call taken but not made. */
  refund(): void;
}

export function createDailyBudget(limit: number, now: () => number = Date.now): DailyBudget {
  let day = -1;
  let used = 0;
  let refused = false;
  return {
    take() {
      // Bangladesh keeps +06:00 all year, so the Dhaka day is a fixed shift of UTC.
      const today = Math.floor((now() + DHAKA_OFFSET_MS) / DAY_MS);
      if (today !== day) {
        day = today;
        used = 0;
        refused = false;
      }
      if (used < limit) {
        used += 1;
        return { ok: true, firstRefusal: false };
      }
      const firstRefusal = !refused;
      refused = true;
      return { ok: false, firstRefusal };
    },
    refund() {
      used = Math.max(0, used - 1);
    },
  };
}
