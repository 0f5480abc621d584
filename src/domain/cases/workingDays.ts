/*
 * GRS deadlines are counted in working days (30 for the grievance officer, 20
 * for the appeal: DSS-GRS-REFERENCE.md §3.2, §3.4). Offices keep Dhaka time,
 * which is UTC+6 all year (no daylight saving), so a Dhaka calendar date is the
 * UTC date of the instant plus six hours. All arithmetic below is on those
 * dates, never on the server's own time zone.
 *
 * Counting rules:
 * - The day a case is received is day 0, whatever its hour and whether or not
 *   it is a working day. A case received at 16:59 on a Thursday has Sunday as
 *   working day 1 (Friday and Saturday are the weekend).
 * - The deadline for N working days is the END of the Nth working day after
 *   day 0: 23:59:59.999 Dhaka time (17:59:59.999 UTC). For N = 0 that is the
 *   end of the day received.
 */

const DHAKA_OFFSET_MS = 6 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Which days offices are closed. Dates are Dhaka calendar dates 'YYYY-MM-DD'.
 * `workingDays` lists weekend dates the government has ordered offices to open
 * (it did so on Saturdays 17 and 24 May 2025 to pay for a longer Eid break).
 *
 * @example { weekend: [5, 6], holidays: new Set(['2026-12-16']) }
 */
export interface WorkCalendar {
  /** Day numbers as from getUTCDay on the Dhaka date: 5 Friday, 6 Saturday. */
  weekend: readonly number[];
  holidays: ReadonlySet<string>;
  workingDays?: ReadonlySet<string>;
}

/** Milliseconds since the epoch of 00:00 UTC on the Dhaka calendar date of `instant`. */
function dhakaDay(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid date');
  const shifted = ms + DHAKA_OFFSET_MS;
  return shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS);
}

const keyOf = (day: number): string => new Date(day).toISOString().slice(0, 10);

function isWorkingDhakaDay(day: number, calendar: WorkCalendar): boolean {
  const key = keyOf(day);
  if (calendar.holidays.has(key)) return false;
  if (calendar.workingDays?.has(key) === true) return true;
  return !calendar.weekend.includes(new Date(day).getUTCDay());
}

/**
 * The Dhaka calendar date of an instant, as 'YYYY-MM-DD'.
 *
 * @example dhakaDate(new Date('2026-11-22T19:00:00Z')) // '2026-11-23'
 */
export function dhakaDate(instant: Date): string {
  return keyOf(dhakaDay(instant));
}

/**
 * Whether offices are open on the Dhaka date of this instant: not a weekend
 * day (unless ordered open) and not a holiday.
 *
 * @example isWorkingDay(new Date('2026-11-26T04:00:00Z'), defaultCalendar()) // true (a Thursday)
 * @example isWorkingDay(new Date('2026-11-26T19:00:00Z'), defaultCalendar()) // false (already Friday in Dhaka)
 */
export function isWorkingDay(date: Date, calendar: WorkCalendar): boolean {
  return isWorkingDhakaDay(dhakaDay(date), calendar);
}

/**
 * The deadline `days` working days after `start`: the end (23:59:59.999
 * Dhaka time) of the `days`-th working day after the Dhaka date of `start`,
 * which itself is day 0. Zero days gives the end of the day received.
 *
 * @example addWorkingDays(new Date('2026-11-26T10:00:00Z'), 1, defaultCalendar()).toISOString()
 * // '2026-11-29T17:59:59.999Z' — received Thursday, day 1 is Sunday
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
  let day = dhakaDay(start);
  // Each week has a working day unless a holiday takes it, so this many days
  // always suffice; a calendar that closes every weekday would loop for ever.
  const limit = day + 7 * (days + calendar.holidays.size + 1) * DAY_MS;
  for (let counted = 0; counted < days; ) {
    day += DAY_MS;
    if (day > limit) throw new RangeError('work calendar has too few working days to reach the deadline');
    if (isWorkingDhakaDay(day, calendar)) counted++;
  }
  return new Date(day + DAY_MS - 1 - DHAKA_OFFSET_MS);
}

/**
 * How many working days lie after the Dhaka date of `a` up to and including
 * the Dhaka date of `b`; negative when `b` is before `a`. Times of day are
 * ignored. It inverts {@link addWorkingDays}: the count from the day received
 * to its deadline is the number of days allowed, so "working day N of 30" is
 * `workingDaysBetween(received, now)`.
 *
 * @example workingDaysBetween(new Date('2026-11-26T10:00:00Z'), new Date('2026-11-30T10:00:00Z'), defaultCalendar()) // 2
 */
export function workingDaysBetween(a: Date, b: Date, calendar: WorkCalendar): number {
  const from = dhakaDay(a);
  const to = dhakaDay(b);
  if (to < from) return -workingDaysBetween(b, a, calendar);
  let count = 0;
  for (let day = from + DAY_MS; day <= to; day += DAY_MS) if (isWorkingDhakaDay(day, calendar)) count++;
  return count;
}

/**
 * {@link workingDaysBetween} for many pairs at once (the report card counts
 * every resolved case): each day's verdict is worked out once and kept, so
 * the holiday look-up and the date text are not made again for every case.
 * Memory: one entry per distinct day met.
 */
export function workingDaysCounter(calendar: WorkCalendar): (a: Date, b: Date) => number {
  const verdict = new Map<number, boolean>();
  const working = (day: number): boolean => {
    let v = verdict.get(day);
    if (v === undefined) verdict.set(day, (v = isWorkingDhakaDay(day, calendar)));
    return v;
  };
  const count = (a: Date, b: Date): number => {
    const from = dhakaDay(a);
    const to = dhakaDay(b);
    if (to < from) return -count(b, a);
    let n = 0;
    for (let day = from + DAY_MS; day <= to; day += DAY_MS) if (working(day)) n++;
    return n;
  };
  return count;
}

/**
 * Checks holiday keys are 'YYYY-MM-DD' dates that exist, so a typo such as
 * '2026-2-21' fails loudly instead of silently never matching.
 *
 * @example assertDateKeys(['2026-02-21']) // passes
 */
export function assertDateKeys(keys: Iterable<string>): void {
  for (const key of keys) {
    const ms = DATE_KEY.test(key) ? Date.parse(`${key}T00:00:00Z`) : Number.NaN;
    // Date.parse accepts '2026-02-30' as 2 March; the round trip catches it.
    if (Number.isNaN(ms) || keyOf(ms) !== key) {
      throw new RangeError(`not a calendar date 'YYYY-MM-DD': ${JSON.stringify(key)}`);
    }
  }
}
