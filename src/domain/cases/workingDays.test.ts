import { describe, expect, it } from 'vitest';
import { defaultCalendar } from './holidays.data.ts';
import { addWorkingDays, assertDateKeys, dhakaDate, isWorkingDay, workingDaysBetween, workingDaysCounter, type WorkCalendar } from './workingDays.ts';

const cal = defaultCalendar();
const at = (iso: string): Date => new Date(iso);
/** The deadline instant for the end of a Dhaka date: 23:59:59.999 +06:00. */
const endOf = (dhaka: string): string => new Date(`${dhaka}T23:59:59.999+06:00`).toISOString();

describe('dhakaDate', () => {
  it.each([
    ['2026-11-22T19:00:00Z', '2026-11-23'],
    ['2026-11-22T17:59:59.999Z', '2026-11-22'],
    ['2026-11-22T18:00:00.000Z', '2026-11-23'],
    ['2026-11-22T00:00:00Z', '2026-11-22'],
    ['2026-12-31T18:00:00Z', '2027-01-01'],
    ['2024-02-28T18:30:00Z', '2024-02-29'],
    ['1969-12-31T20:00:00Z', '1970-01-01'],
  ])('%s is %s in Dhaka', (iso, date) => {
    expect(dhakaDate(at(iso))).toBe(date);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-11-26T04:00:00Z', true, 'Thursday'],
    ['2026-11-26T17:59:59.999Z', true, 'Thursday 23:59 Dhaka'],
    ['2026-11-26T18:00:00Z', false, 'Friday 00:00 Dhaka'],
    ['2026-11-27T10:00:00Z', false, 'Friday'],
    ['2026-11-28T10:00:00Z', false, 'Saturday'],
    ['2026-11-28T18:00:00Z', true, 'Sunday 00:00 Dhaka'],
    ['2026-11-22T19:00:00Z', true, 'Monday 01:00 Dhaka (Sunday in UTC)'],
    ['2026-12-16T06:00:00Z', false, 'Victory Day, a Wednesday'],
    ['2026-02-21T06:00:00Z', false, 'Shaheed Day'],
    ['2026-03-26T06:00:00Z', false, 'Independence Day'],
    ['2026-04-14T06:00:00Z', false, 'Pohela Boishakh'],
    ['2026-03-23T06:00:00Z', false, 'Eid ul-Fitr holiday (estimated)'],
    ['2025-05-17T06:00:00Z', true, 'Saturday ordered open before Eid ul-Adha 2025'],
    ['2025-05-10T06:00:00Z', false, 'an ordinary Saturday in 2025'],
    ['2026-03-17T06:00:00Z', false, '17 March 2026 is Shab-e-Qadr'],
    ['2025-03-17T06:00:00Z', true, '17 March 2025, no longer a holiday'],
    ['2025-08-15T06:00:00Z', false, '15 August 2025 is a Friday anyway'],
    ['2026-08-14T06:00:00Z', false, 'Friday'],
    ['2026-08-17T06:00:00Z', true, '17 August 2026, a Monday'],
  ])('%s → %s (%s)', (iso, working) => {
    expect(isWorkingDay(at(iso), cal)).toBe(working);
  });

  it('lets a holiday beat an order to open', () => {
    const odd: WorkCalendar = { weekend: [5, 6], holidays: new Set(['2026-11-28']), workingDays: new Set(['2026-11-28']) };
    expect(isWorkingDay(at('2026-11-28T06:00:00Z'), odd)).toBe(false);
  });

  it('does not depend on the server time zone (only UTC fields are read)', () => {
    // 2026-11-22T19:00Z: Sunday in UTC and in New York, Monday in Dhaka.
    const sundayOnly: WorkCalendar = { weekend: [0], holidays: new Set() };
    expect(isWorkingDay(at('2026-11-22T19:00:00Z'), sundayOnly)).toBe(true);
    expect(isWorkingDay(at('2026-11-22T17:00:00Z'), sundayOnly)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it.each<[string, number, string, string]>([
    // [received (UTC), working days, deadline date in Dhaka, what it shows]
    ['2026-11-26T10:00:00Z', 1, '2026-11-29', 'Thursday + 1 crosses the weekend to Sunday'],
    ['2026-11-26T10:00:00Z', 2, '2026-11-30', 'Thursday + 2 is Monday'],
    ['2026-11-24T04:00:00Z', 1, '2026-11-25', 'Tuesday + 1 is Wednesday'],
    ['2026-11-24T04:00:00Z', 5, '2026-12-01', 'a full week'],
    ['2026-11-27T05:00:00Z', 1, '2026-11-29', 'received on a Friday: day 1 is Sunday'],
    ['2026-11-27T05:00:00Z', 0, '2026-11-27', 'zero days on a Friday: end of that Friday'],
    ['2026-11-28T05:00:00Z', 1, '2026-11-29', 'received on a Saturday'],
    ['2026-11-24T04:00:00Z', 0, '2026-11-24', 'zero days: end of the day received'],
    ['2026-12-15T04:00:00Z', 1, '2026-12-17', 'across Victory Day (Wed 16 Dec)'],
    ['2026-12-15T04:00:00Z', 2, '2026-12-20', 'across Victory Day and a weekend'],
    ['2026-12-16T04:00:00Z', 1, '2026-12-17', 'received on a holiday'],
    ['2026-03-18T04:00:00Z', 1, '2026-03-24', 'across the Eid ul-Fitr 2026 break (19–23 March)'],
    ['2026-03-18T04:00:00Z', 3, '2026-03-29', 'then Independence Day and a weekend'],
    ['2026-05-25T04:00:00Z', 1, '2026-06-01', 'across the Eid ul-Adha 2026 break (26–31 May)'],
    ['2025-05-15T04:00:00Z', 1, '2025-05-17', 'onto a Saturday ordered open'],
    ['2026-11-22T19:00:00Z', 0, '2026-11-23', '19:00 UTC on 22 Nov is already 23 Nov in Dhaka'],
    ['2026-11-22T19:00:00Z', 1, '2026-11-24', 'so day 1 is 24 Nov'],
    ['2026-11-22T17:59:59.999Z', 1, '2026-11-23', 'one millisecond before Dhaka midnight is still 22 Nov'],
    ['2026-11-23T04:00:00Z', 30, '2027-01-05', 'a 30-day GRO deadline across Victory Day and Christmas'],
    ['2026-11-23T04:00:00Z', 20, '2026-12-22', 'a 20-day appeal deadline'],
  ])('%s + %i → end of %s (%s)', (received, days, deadline) => {
    expect(addWorkingDays(at(received), days, cal).toISOString()).toBe(endOf(deadline));
  });

  it('gives the instant 23:59:59.999 Dhaka time, i.e. 17:59:59.999 UTC', () => {
    expect(addWorkingDays(at('2026-11-26T10:00:00Z'), 1, cal).toISOString()).toBe('2026-11-29T17:59:59.999Z');
  });

  it('always ends on a working day when days > 0', () => {
    for (let d = 0; d < 730; d += 3) {
      const start = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000);
      for (const n of [1, 2, 7, 30]) expect(isWorkingDay(addWorkingDays(start, n, cal), cal)).toBe(true);
    }
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s days', (days) => {
    expect(() => addWorkingDays(at('2026-11-24T04:00:00Z'), days, cal)).toThrow(RangeError);
  });

  it('refuses an invalid date', () => {
    expect(() => addWorkingDays(new Date('not a date'), 1, cal)).toThrow(RangeError);
    expect(() => isWorkingDay(new Date(Number.NaN), cal)).toThrow(RangeError);
  });

  it('stops with an error instead of looping when no day is ever a working day', () => {
    const closed: WorkCalendar = { weekend: [0, 1, 2, 3, 4, 5, 6], holidays: new Set() };
    expect(() => addWorkingDays(at('2026-11-24T04:00:00Z'), 1, closed)).toThrow(/too few working days/);
    expect(addWorkingDays(at('2026-11-24T04:00:00Z'), 0, closed).toISOString()).toBe(endOf('2026-11-24'));
  });

  it('uses extra holidays given to defaultCalendar', () => {
    const withExtra = defaultCalendar(['2026-11-25']);
    expect(addWorkingDays(at('2026-11-24T04:00:00Z'), 1, withExtra).toISOString()).toBe(endOf('2026-11-26'));
  });
});

describe('workingDaysBetween', () => {
  it.each<[string, string, number, string]>([
    ['2026-11-24T04:00:00Z', '2026-11-24T16:00:00Z', 0, 'same Dhaka day'],
    ['2026-11-26T10:00:00Z', '2026-11-29T05:00:00Z', 1, 'Thursday → Sunday'],
    ['2026-11-26T10:00:00Z', '2026-11-28T05:00:00Z', 0, 'Thursday → Saturday'],
    ['2026-11-26T10:00:00Z', '2026-11-30T10:00:00Z', 2, 'Thursday → Monday'],
    ['2026-11-30T10:00:00Z', '2026-11-26T10:00:00Z', -2, 'backwards'],
    ['2026-12-15T04:00:00Z', '2026-12-17T04:00:00Z', 1, 'Victory Day does not count'],
    ['2026-11-22T17:59:59.999Z', '2026-11-22T18:00:00.000Z', 1, 'Dhaka midnight passes into Monday'],
    ['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 242, 'the whole of 2026 after 1 January'],
  ])('%s → %s = %i (%s)', (a, b, n) => {
    expect(workingDaysBetween(at(a), at(b), cal)).toBe(n);
  });

  it('inverts addWorkingDays for every start in 2025–2026 and n up to 40', () => {
    for (let d = 0; d < 730; d += 5) {
      const start = new Date(Date.UTC(2025, 0, 1, 3) + d * 86_400_000);
      for (let n = 0; n <= 40; n += 4) {
        expect(workingDaysBetween(start, addWorkingDays(start, n, cal), cal), `${start.toISOString()} + ${n}`).toBe(n);
      }
    }
  });
});

describe('assertDateKeys', () => {
  it.each(['2026-2-21', '2026-02-30', '2026-13-01', '21-02-2026', '2026/02/21', ''])('rejects %j', (key) => {
    expect(() => assertDateKeys([key])).toThrow(RangeError);
    expect(() => defaultCalendar([key])).toThrow(RangeError);
  });

  it('accepts real dates, including 29 February in a leap year', () => {
    expect(() => assertDateKeys(['2026-02-21', '2028-02-29'])).not.toThrow();
  });
});

describe('workingDaysCounter', () => {
  it('counts as workingDaysBetween does, over a year of pairs with holidays and a working Saturday', () => {
    const calendar = { weekend: [5, 6], holidays: new Set(['2026-02-21', '2026-03-26', '2026-12-16']), workingDays: new Set(['2026-05-16']) };
    const count = workingDaysCounter(calendar);
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2_000; i++) {
      const a = new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 365 * 86_400_000));
      const b = new Date(a.getTime() + Math.floor((next() - 0.2) * 90 * 86_400_000));
      expect(count(a, b)).toBe(workingDaysBetween(a, b, calendar));
    }
  });
});
